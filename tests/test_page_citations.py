"""Properties of every page of the bundled pack: numbered citations, a complete source list,
no bare source keys, no search-only terms, treatments ranked by recommendation."""

from __future__ import annotations

import re
from html import unescape

import pytest

from hfs_desktop import badges
from hfs_desktop.graph import KnowledgeGraph
from hfs_desktop.pack import bundled_pack_dir, load_pack
from hfs_desktop.pack.citations import bare_keys
from hfs_desktop.pack.model import Entity
from hfs_desktop.references import plain_text
from hfs_desktop.render import Page, PageRenderer

GRAPH = KnowledgeGraph(load_pack(bundled_pack_dir()))
PACK = GRAPH.pack
IDS = list(PACK.entities)
SOURCE_KEYS = {key for key, e in PACK.entities.items() if e.type == "source"}
REF_HREF = re.compile(r'href="#(ref-\d+)"')


def render(entity_id: str) -> Page:
    return PageRenderer(GRAPH).render(entity_id)


def visible_text(html: str) -> str:
    """What a reader sees: the body without tags, entities decoded."""
    body = html.split("<body>", 1)[1]
    return unescape(re.sub(r"<[^>]+>", " ", body))


def cited_on_page(entity: Entity) -> list[str]:
    return [key for key in entity.cited_sources() if key in SOURCE_KEYS]


@pytest.mark.parametrize("entity_id", IDS)
def test_page_citations_and_sources(entity_id: str) -> None:
    entity = PACK.entities[entity_id]
    page = render(entity_id)
    html, text = page.html, visible_text(page.html)
    # No citation markup and no bare source key reaches the reader.
    assert "[@" not in html
    assert bare_keys(text, SOURCE_KEYS) == [], entity_id
    # The list holds every source cited anywhere on the page, once each, numbered 1..n.
    listed = [ref.source_id for ref in page.references]
    assert len(listed) == len(set(listed)) == len(set(cited_on_page(entity)))
    assert set(listed) == set(cited_on_page(entity))
    assert [ref.number for ref in page.references] == list(range(1, len(listed) + 1))
    # Every inline citation became a numbered link to an entry of that list.
    numbered = {ref.source_id: ref.anchor for ref in page.references}
    for key in entity.inline_citations():
        if key in SOURCE_KEYS:
            assert f'href="#{numbered[key]}"' in html, (entity_id, key)
    anchors = set(re.findall(r'name="(ref-\d+)"', html))
    assert set(REF_HREF.findall(html)) <= anchors == {ref.anchor for ref in page.references}
    for ref in page.references:
        assert ref.citation in text  # the full citation, readable, in the list
        assert all(value in text for _, value in ref.identifiers)


@pytest.mark.parametrize("entity_id", IDS)
def test_numbers_follow_first_appearance(entity_id: str) -> None:
    html = render(entity_id).html
    body = html.split("<h2>Sources</h2>", 1)[0]
    first_seen = list(dict.fromkeys(int(a.split("-")[1]) for a in REF_HREF.findall(body)))
    assert first_seen == list(range(1, len(first_seen) + 1)), entity_id


@pytest.mark.parametrize("entity_id", [e.id for e in PACK.entities.values() if e.search_terms])
def test_search_terms_never_shown(entity_id: str) -> None:
    entity = PACK.entities[entity_id]
    shown = render(entity_id).html
    terms = entity.search_terms
    try:
        entity.search_terms = ()
        without = render(entity_id).html
    finally:
        entity.search_terms = terms
    assert shown == without
    aliases_row = re.search(r"Also known as</td><td>(.*?)</td>", shown)
    if aliases_row:
        assert [unescape(a) for a in aliases_row.group(1).split(", ")] == list(entity.aliases)


def test_treatment_lists_ranked_by_recommendation_then_evidence() -> None:
    for entity_id in IDS:
        html = render(entity_id).html
        for group in re.findall(r"<h3>.*?</h3><ul>(.*?)</ul>", html):
            linked = [PACK.entities[i]
                      for i in re.findall(r'href="hfs://entity/hfs/([^"]+)"', group)]
            treatments = [e for e in linked if e.type == "treatment"]
            keys = [badges.strength_key(PACK, e)[:2] for e in treatments]
            assert keys == sorted(keys), (entity_id, [e.id for e in treatments])


def test_hfs_page_ranks_established_treatments_first() -> None:
    html = render("hemifacial-spasm").html
    related = html.split("<h2>Related</h2>", 1)[1]

    def position(entity: Entity) -> int:
        return related.find(f'href="hfs://entity/hfs/{entity.id}"')

    treatments = [e for e in PACK.entities.values() if e.type == "treatment"
                  and position(e) >= 0]
    oral = [position(e) for e in treatments if e.category == "oral-drug"]
    folk = [position(e) for e in treatments if e.category == "folk-remedy"]
    top = [position(PACK.entities[i]) for i in ("botulinum-toxin", "microvascular-decompression")]
    assert oral and folk and min(top) >= 0
    assert max(top) < min(oral) and max(oral) < min(folk)


def test_stable_recommendations_on_pages() -> None:
    for entity_id, level in (("botulinum-toxin", "first-line"),
                             ("microvascular-decompression", "selected-patients")):
        text = visible_text(render(entity_id).html)
        label = PACK.recommendation_levels[level].label
        assert "Recommendation" in text and label in text
        assert PACK.recommendation_levels[level].meaning in text


def test_sections_by_kind() -> None:
    for entity in PACK.entities.values():
        text = visible_text(render(entity.id).html)
        if entity.recommendation:
            assert "Recommendation" in text
        if entity.association:
            level = PACK.association_levels[entity.association.level]
            assert "Strength of association" in text and level.meaning in text
        if entity.frequency:
            assert entity.frequency.label in text
        if entity.type == "claim":
            assert PACK.verdicts[entity.verdict].meaning in text


def test_plain_text_references_match_the_page() -> None:
    page = render("botulinum-toxin")
    lines = plain_text(page.references).splitlines()
    assert len(lines) == len(page.references) > 0
    for number, (line, ref) in enumerate(zip(lines, page.references, strict=True), start=1):
        assert line.startswith(f"{number}. ") and ref.citation.rstrip(".") in line
        assert ref.source_id not in line
