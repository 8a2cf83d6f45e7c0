"""Invariants of the bundled hemifacial spasm pack that no edit may break.

These check the *content* rules of the pack (issue 3), on top of the format rules that
`hfs-kb validate` enforces: every treatment graded, folk remedies unproven, the established
treatments ranked above oral drugs, every claim audited and sourced, no orphan, no sentence
copied from the patient articles and no figure that the checked references do not contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from hfs_desktop.graph import KnowledgeGraph
from hfs_desktop.pack import Entity, Pack, bundled_pack_dir, load_pack
from hfs_desktop.pack.citations import strip_citations

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
REFERENCES = SHARED / "references.md"

ROOT = "hemifacial-spasm"
ARTICLES = {"seed-cmrt-article", "seed-hemispasm-article"}
ESTABLISHED = ("botulinum-toxin", "microvascular-decompression")
NAMED_ORAL_DRUGS = ("clonazepam", "gabapentin", "levetiracetam", "baclofen", "carbamazepine",
                    "tricyclic-antidepressants", "oral-drug-therapy")
FOLK_REMEDIES = ("lemon-garlic-compress", "marshmallow-root-compress", "white-onion-compress",
                 "geranium-leaves", "folk-remedies")
COPY_RUN = 8  # words in a row shared with an article count as copying


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(bundled_pack_dir())


def by_type(pack: Pack, kind: str) -> list[Entity]:
    return [e for e in pack.entities.values() if e.type == kind]


def source_ids(pack: Pack) -> set[str]:
    return {e.id for e in by_type(pack, "source")}


def texts(entity: Entity) -> Iterator[tuple[str, str]]:
    """Every piece of prose an entity shows to readers, with the field it comes from."""
    yield "name", entity.name
    yield "summary", entity.summary
    yield "details", entity.details
    yield "statement", entity.statement
    yield "rationale", entity.rationale
    for name, graded in entity.graded():
        yield f"{name}.rationale", graded.rationale
    if entity.frequency is not None:
        yield "frequency", entity.frequency.label
    for alias in entity.aliases:
        yield "aliases", alias
    for key, value in entity.extra.items():
        yield key, str(value)


# --- treatments and evidence -------------------------------------------------------------


def test_every_treatment_is_graded_with_a_rationale(pack: Pack) -> None:
    for t in by_type(pack, "treatment"):
        assert t.evidence is not None, f"{t.id}: treatment without evidence"
        assert t.evidence.level in pack.evidence_levels, f"{t.id}: unknown level"
        assert t.evidence.rationale.strip(), f"{t.id}: evidence without rationale"


def test_folk_remedies_are_unproven(pack: Pack) -> None:
    folk = [t for t in by_type(pack, "treatment") if t.category == "folk-remedy"]
    assert {t.id for t in folk} >= set(FOLK_REMEDIES)
    for t in folk:
        assert t.evidence is not None and t.evidence.level == "unproven", t.id
        assert "treats" not in t.relations, f"{t.id}: a folk remedy must not 'treat' anything"


def test_established_treatments_rank_above_every_oral_drug(pack: Pack) -> None:
    oral = {t.id for t in by_type(pack, "treatment") if t.category == "oral-drug"}
    oral |= set(NAMED_ORAL_DRUGS)
    assert oral <= set(pack.entities)
    best_oral = max(pack.evidence_rank(pack.entities[i]) or 0 for i in oral)
    for tid in ESTABLISHED:
        rank = pack.evidence_rank(pack.entities[tid])
        assert rank is not None and rank > best_oral, f"{tid} must outrank oral drugs"


def test_treatments_without_evidence_for_hfs_do_not_claim_to_treat_it(pack: Pack) -> None:
    for t in by_type(pack, "treatment"):
        if t.evidence is not None and t.evidence.level == "unproven":
            assert "treats" not in t.relations, f"{t.id}: unproven but 'treats'"


def test_drugs_on_weak_evidence_are_tried_for_not_treats(pack: Pack) -> None:
    # "Treated by" on the HFS page is kept for treatments with real evidence; the oral drugs
    # (case series, anecdote) appear as "drugs tried (weak evidence)".
    tried = ("clonazepam", "gabapentin", "levetiracetam", "baclofen", "carbamazepine")
    for drug in tried:
        entity = pack.entities[drug]
        assert "treats" not in entity.relations, drug
        assert "hemifacial-spasm" in entity.relations.get("tried-for", ()), drug
    for e in pack.entities.values():
        if "tried-for" in e.relations:
            level = e.evidence.level if e.evidence else ""
            assert level in ("very-low", "expert-opinion"), e.id


def test_alleged_risk_factors_are_graded_unproven(pack: Pack) -> None:
    for e in pack.entities.values():
        if "alleged-risk-factor-for" in e.relations:
            assert e.association is not None, e.id
            assert e.association.level in ("unverified", "expert-opinion"), e.id


def test_unverified_links_are_graded_unproven(pack: Pack) -> None:
    # A therapy promoted without evidence, or a trigger only the articles name, must not look
    # better supported than an alleged risk factor.
    for e in pack.entities.values():
        if "promoted-for" in e.relations:
            assert e.evidence is not None and e.evidence.level == "unproven", e.id
        if "reported-trigger-of" in e.relations:
            assert e.association is not None, e.id
            assert e.association.level in ("unverified", "expert-opinion"), e.id


# --- claims ------------------------------------------------------------------------------


def test_the_articles_known_errors_are_not_endorsed(pack: Pack) -> None:
    # references.md: HFS is uncommon, and no source limits surgery to patients under 40.
    assert pack.entities["claim-fairly-common"].verdict == "contradicted"
    assert pack.entities["claim-surgery-under-40"].verdict == "contradicted"
    assert pack.entities["claim-drugs-eliminate-most"].verdict == "contradicted"
    for cid in ("claim-eye-stops-seeing", "claim-reduced-vision"):
        assert pack.entities[cid].verdict != "supported", cid


def test_every_claim_is_audited(pack: Pack) -> None:
    sources = source_ids(pack)
    for c in by_type(pack, "claim"):
        assert c.verdict in pack.verdicts, f"{c.id}: verdict {c.verdict!r}"
        assert c.stated_in and set(c.stated_in) <= ARTICLES, f"{c.id}: stated_in"
        assert c.about, f"{c.id}: about nothing"
        assert c.rationale.strip() and c.statement.strip(), c.id
        if c.verdict == "unverified":
            continue  # no checked source speaks either way
        assert c.sources, f"{c.id}: no sources"
        refs = set(c.sources) - ARTICLES
        assert refs and refs <= sources, f"{c.id}: claim sources must be checked references"


def test_claim_rationales_name_their_sources(pack: Pack) -> None:
    for c in by_type(pack, "claim"):
        for key in c.sources:
            assert key in c.rationale, f"{c.id}: rationale does not mention {key}"


def test_both_articles_are_audited(pack: Pack) -> None:
    stated = {a for c in by_type(pack, "claim") for a in c.stated_in}
    assert stated == ARTICLES
    for a in ARTICLES:
        assert pack.entities[a].extra.get("kind") == "patient-article"


# --- sources -----------------------------------------------------------------------------


def test_every_cited_key_is_a_source(pack: Pack) -> None:
    sources = source_ids(pack)
    for e in pack.entities.values():
        for key in e.cited_sources():
            assert key in sources, f"{e.id}: cites unknown source {key!r}"


def test_every_source_comes_from_the_checked_references(pack: Pack) -> None:
    if not REFERENCES.is_file():
        pytest.skip("shared/references.md not available")
    text = REFERENCES.read_text(encoding="utf-8")
    keys = set(re.findall(r"^\| ([a-z0-9]+(?:-[a-z0-9]+)+) \|", text, re.MULTILINE))
    assert keys, "no keys parsed from references.md"
    ours = source_ids(pack) - ARTICLES
    assert ours == keys, f"missing {keys - ours}, unknown {ours - keys}"
    for s in by_type(pack, "source"):
        for field in ("pmid", "pmcid", "doi"):
            value = s.extra.get(field)
            if value:
                assert str(value) in text, f"{s.id}: {field} {value} is not in references.md"


# --- size and shape ----------------------------------------------------------------------


def test_pack_size(pack: Pack) -> None:
    claims = by_type(pack, "claim")
    others = [e for e in pack.entities.values() if e.type not in ("claim", "source")]
    assert len(others) >= 150
    assert 60 <= len(claims) <= 120


def test_no_orphans(pack: Pack) -> None:
    reachable = KnowledgeGraph(pack).reachable_from(ROOT)
    orphans = set(pack.entities) - reachable
    assert not orphans, f"not reachable from {ROOT}: {sorted(orphans)}"


def test_hfs_names_and_codes(pack: Pack) -> None:
    hfs = pack.entities[ROOT]
    for alias in ("facial hemispasm", "hemispasm", "HFS"):
        assert alias in hfs.aliases, alias
    for variant in ("Brissot's disease", "hemafacial spasm", "hemificial spasm"):
        assert variant in hfs.search_terms and variant not in hfs.aliases, variant
    assert hfs.codes["ICD-10"] == ("G51.3",)
    assert hfs.codes["ICD-11"] == ("8B88.2",)
    assert hfs.codes["MeSH"] == ("D019569",)
    assert hfs.codes["HPO"] == ("HP:0010828",)


def test_differentials_are_conditions_linked_to_hfs(pack: Pack) -> None:
    diffs = [e for e in pack.entities.values() if e.category == "differential"]
    assert len(diffs) >= 8
    for d in diffs:
        assert d.type == "condition", d.id
        assert ROOT in d.relations.get("differential-of", ()), d.id


def test_metadata(pack: Pack) -> None:
    assert pack.meta.last_reviewed
    assert re.fullmatch(r"\d+\.\d+\.\d+", pack.meta.version)


# --- no copying, no invented figures -----------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_no_run_of_words_copied_from_the_articles(pack: Pack) -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not available")
    runs: set[tuple[str, ...]] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        words = _words(path.read_text(encoding="utf-8"))
        runs |= {tuple(words[i:i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1)}
    copied = []
    for e in pack.entities.values():
        for field, text in texts(e):
            words = _words(text)
            for i in range(len(words) - COPY_RUN + 1):
                run = tuple(words[i:i + COPY_RUN])
                if run in runs:
                    copied.append(f"{e.id}.{field}: {' '.join(run)}")
    assert not copied, "copied from the articles:\n" + "\n".join(copied)


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> set[str]:
    return set(NUMBER.findall(strip_citations(text)))


def test_every_figure_is_in_the_references_or_the_articles(pack: Pack) -> None:
    if not REFERENCES.is_file():
        pytest.skip("shared/references.md not available")
    known = _numbers(REFERENCES.read_text(encoding="utf-8"))
    if SEEDS.is_dir():
        for path in SEEDS.glob("*.txt"):
            known |= _numbers(path.read_text(encoding="utf-8"))
    unknown = []
    for e in pack.entities.values():
        for field, text in texts(e):
            for n in sorted(_numbers(text)):
                if re.fullmatch(r"(19|20)\d\d", n):  # years
                    continue
                if n not in known:
                    unknown.append(f"{e.id}.{field}: {n}")
    assert not unknown, "figures found in no reference:\n" + "\n".join(unknown)
