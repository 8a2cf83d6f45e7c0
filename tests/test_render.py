"""Entity pages: escaped pack text, internal links only, evidence in words and colour."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from hfs_desktop.graph import KnowledgeGraph
from hfs_desktop.pack import load_pack
from hfs_desktop.render import DARK, entity_link, parse_link, render_entity

from .helpers import write


def page(pack_dir: Path, entity_id: str) -> str:
    return render_entity(KnowledgeGraph(load_pack(pack_dir)), entity_id)


def test_condition_page_has_every_part(starter_pack: Path) -> None:
    html = page(starter_pack, "hemifacial-spasm")
    assert "<h1>Hemifacial spasm</h1>" in html
    assert "facial hemispasm" in html
    assert "G51.3" in html and "D019569" in html and "HP:0010828" in html
    assert "Usually starts around the eye" in html
    assert "<h3>Treated by</h3>" in html
    assert f'href="{entity_link("starter/botulinum-toxin")}"' in html
    assert "First-line" in html and "evidence low" in html  # badges next to treatments
    assert "Wang A, Jankovic J." in html and "PMID 9843077" in html


def test_inverse_relation_on_the_other_side(starter_pack: Path) -> None:
    html = page(starter_pack, "microvascular-decompression")
    assert "<h3>May cause</h3>" in html
    assert "<h3>Treats</h3>" in html
    assert "Statements about this in the articles (1)" in html
    assert "Contradicted" in html


def test_treatment_evidence_section(starter_pack: Path) -> None:
    html = page(starter_pack, "botulinum-toxin")
    assert "<h2>Certainty of evidence</h2>" in html and "<h2>Recommendation</h2>" in html
    assert "AAN level C" not in html, "an equivalence would read as an AAN grading"
    assert "95% of 110" in html


def test_folk_remedy_banner(starter_pack: Path) -> None:
    html = page(starter_pack, "garlic-lemon-compress")
    assert 'class="banner"' in html and "Folk remedy, unproven" in html
    assert "Evidence: Unproven" in html
    assert 'class="banner"' not in page(starter_pack, "botulinum-toxin")


def test_claim_page(starter_pack: Path) -> None:
    html = page(starter_pack, "claim-surgery-only-under-40")
    assert "What the article says" in html and "Our verdict" in html
    assert "Contradicted" in html and "miller-2012" in html
    assert f'href="{entity_link("starter/seed-article")}"' in html
    assert f'About: <a href="{entity_link("starter/microvascular-decompression")}"' in html


def test_source_page(starter_pack: Path) -> None:
    html = page(starter_pack, "miller-2012")
    assert "10.3109/02688697.2011.641613" in html
    assert "never opens them" in html
    assert "Cited by" in html


def test_every_pack_string_is_escaped(pack_copy: Path) -> None:
    write(pack_copy / "entities/evil.yaml", """\
type: anatomy
entities:
  - id: evil
    name: "<script>alert(1)</script>"
    aliases: ["<b>bold</b>"]
    summary: "Tom & Jerry's <img src=x onerror=alert(1)>"
    details: '<a href="https://example.org">out</a>'
    relations: {involves: [hemifacial-spasm]}
""")
    html = page(pack_copy, "evil")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "<b>bold</b>" not in html
    assert "Tom &amp; Jerry&#x27;s" in html


def test_only_internal_links(starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    graph = KnowledgeGraph(pack)
    for entity_id in pack.entities:
        for html in (render_entity(graph, entity_id), render_entity(graph, entity_id, DARK)):
            for href in re.findall(r'href="([^"]*)"', html):
                if href.startswith("#"):
                    assert re.fullmatch(r"#ref-\d+", href), href
                    assert f'name="{href[1:]}"' in html  # to the page's own source list
                else:
                    assert parse_link(href) in {f"starter/{i}" for i in pack.entities}, href
            assert "src=" not in html


def test_parse_link() -> None:
    assert parse_link("hfs://entity/botulinum-toxin") == "botulinum-toxin"  # an old link
    assert parse_link("hfs://entity/hfs/botulinum-toxin") == "hfs/botulinum-toxin"
    assert parse_link("https://example.org") is None
    assert parse_link("hfs://entity/") is None


def test_unverified_claim_says_no_source_speaks_either_way(starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    html = page(starter_pack, "claim-stress-brings-on-spasms")
    unverified = pack.verdicts["unverified"]
    assert "Our verdict" in html and unverified.label in html
    assert escape(unverified.meaning) in html
    assert 'class="banner"' not in html  # no warning: unverified is not a judgement


def test_finding_shows_its_figure_with_its_sources(starter_pack: Path) -> None:
    html = page(starter_pack, "other-babinski-sign")
    assert "<h2>How often</h2>" in html and "in 86%; specificity 100%" in html
    assert 'href="#ref-1"' in html and 'name="ref-1"' in html
    assert "babinsky sign" not in html  # a search-only term


def test_association_section(starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    html = page(starter_pack, "female-sex")
    level = pack.association_levels["associated"]
    assert "<h2>Strength of association</h2>" in html
    assert escape(level.label) in html and escape(level.meaning) in html


def test_citation_numbers_link_to_entries_a_browser_finds(starter_pack: Path) -> None:
    html = page(starter_pack, "botulinum-toxin")
    for target in set(re.findall(r'href="#([^"]+)"', html)):
        assert f'id="{target}"' in html  # browsers follow #id; Qt follows name=
    assert "[wang-jankovic-1998]" not in html and "Wang A, Jankovic J." in html


def test_relation_links_carry_no_figure_of_the_linked_entry(starter_pack: Path) -> None:
    condition = page(starter_pack, "hemifacial-spasm")
    assert "Other Babinski sign</a>" in condition
    assert "in 86%; specificity 100%" not in condition  # would read as the relation's figure
    assert "in 86%; specificity 100%" in page(starter_pack, "other-babinski-sign")
    mvd = page(starter_pack, "microvascular-decompression")
    assert re.search(r"Facial weakness after decompression</a>\s*</li>", mvd)
