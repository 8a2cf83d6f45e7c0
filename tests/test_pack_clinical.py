"""Clinical rules of the bundled pack (issue 8): verdicts that judge the statement, a
recommendation apart from certainty, badges that fit their kind, explicit citations, names apart
from search terms, honest safety wording and the depth a consult room needs."""

from __future__ import annotations

import re

import pytest

from hfs_desktop.pack import Entity, Pack, bundled_pack_dir, load_pack
from hfs_desktop.pack.citations import CITATION, bare_keys, citation_keys
from hfs_desktop.pack.model import GRADED_BY_ASSOCIATION

ARTICLES = {"seed-cmrt-article", "seed-hemispasm-article"}
ORAL_DRUGS = ("clonazepam", "gabapentin", "levetiracetam", "baclofen", "carbamazepine")
FOLK_REMEDIES = ("lemon-garlic-compress", "marshmallow-root-compress", "white-onion-compress",
                 "geranium-leaves", "folk-remedies")
# The articles' misspellings of names (shared/seeds): search may know them, pages must not.
ARTICLE_MISSPELLINGS = ("hemafacial", "hemificial", "hemafacialspasm", "brissot", "kponazepam",
                        "levetracem")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(bundled_pack_dir())


def of_type(pack: Pack, *kinds: str) -> list[Entity]:
    return [e for e in pack.entities.values() if e.type in kinds]


def source_keys(pack: Pack) -> set[str]:
    return {e.id for e in of_type(pack, "source")}


def recommendation_rank(pack: Pack, entity: Entity) -> int:
    assert entity.recommendation is not None, entity.id
    return pack.recommendation_levels[entity.recommendation.level].rank


# --- verdicts ----------------------------------------------------------------------------


def test_the_verdict_vocabulary_separates_unverified_from_unsupported(pack: Pack) -> None:
    assert {"supported", "partly-supported", "unsupported", "contradicted",
            "unverified"} <= set(pack.verdicts)
    assert "no checked reference" in pack.verdicts["unverified"].meaning.casefold()


def test_a_verdict_against_a_statement_cites_a_checked_reference(pack: Pack) -> None:
    # "Unsupported" and "contradicted" judge the statement on evidence, so the evidence must be
    # named in the rationale; without one the honest word is "unverified".
    checked = source_keys(pack) - ARTICLES
    for claim in of_type(pack, "claim"):
        if claim.verdict in ("unsupported", "contradicted", "partly-supported", "supported"):
            cited = set(citation_keys(claim.rationale)) & checked
            assert cited, f"{claim.id}: '{claim.verdict}' with no checked reference cited"
            assert cited <= set(claim.sources), f"{claim.id}: cited keys missing from sources"


def test_unverified_claims_exist_and_are_not_judged_wrong(pack: Pack) -> None:
    unverified = [c for c in of_type(pack, "claim") if c.verdict == "unverified"]
    assert unverified, "statements no source speaks to must be 'unverified'"
    for claim in unverified:
        text = (claim.rationale + " " + claim.summary).casefold()
        assert "contradict" not in text or "not contradict" in text, claim.id


def test_the_articles_known_errors_stay_contradicted(pack: Pack) -> None:
    for cid in ("claim-fairly-common", "claim-surgery-under-40", "claim-drugs-eliminate-most"):
        assert pack.entities[cid].verdict == "contradicted", cid


# --- recommendation apart from certainty -------------------------------------------------


def test_every_treatment_has_a_sourced_recommendation(pack: Pack) -> None:
    assert pack.recommendation_levels
    for t in of_type(pack, "treatment"):
        assert t.recommendation is not None, t.id
        assert t.recommendation.level in pack.recommendation_levels, t.id
        assert t.recommendation.rationale.strip(), t.id
        assert t.recommendation.sources, t.id


def test_recommendations_rank_established_over_oral_drugs_over_folk_remedies(pack: Pack) -> None:
    botox = pack.entities["botulinum-toxin"]
    mvd = pack.entities["microvascular-decompression"]
    assert botox.recommendation is not None and botox.recommendation.level == "first-line"
    best_oral = max(recommendation_rank(pack, pack.entities[d]) for d in ORAL_DRUGS)
    worst_oral = min(recommendation_rank(pack, pack.entities[d]) for d in ORAL_DRUGS)
    best_folk = max(recommendation_rank(pack, pack.entities[f]) for f in FOLK_REMEDIES)
    assert min(recommendation_rank(pack, botox), recommendation_rank(pack, mvd)) > best_oral
    assert worst_oral > best_folk


def test_no_treatment_without_evidence_of_benefit_is_recommended(pack: Pack) -> None:
    may_be_tried = pack.recommendation_levels["may-be-tried"].rank
    for t in of_type(pack, "treatment"):
        if t.evidence is not None and t.evidence.level == "unproven":
            assert t.recommendation is not None, t.id
            assert recommendation_rank(pack, t) < may_be_tried, t.id
            assert "evidence" in t.recommendation.rationale.casefold(), t.id


def test_recommendation_levels_are_ranked_data(pack: Pack) -> None:
    ranks = [level.rank for level in pack.recommendation_levels.values()]
    assert len(set(ranks)) == len(ranks)
    assert pack.recommendation_levels["first-line"].rank == max(ranks)


# --- badges that fit their kind ----------------------------------------------------------


def test_only_treatments_are_graded_for_benefit(pack: Pack) -> None:
    for e in pack.entities.values():
        if e.type != "treatment":
            assert e.evidence is None and e.recommendation is None, e.id


def test_causes_and_risk_factors_carry_an_association(pack: Pack) -> None:
    for e in of_type(pack, *GRADED_BY_ASSOCIATION):
        assert e.association is not None, e.id
        assert e.association.level in pack.association_levels, e.id


def test_the_main_cause_is_established_and_hypertension_cites_both_sides(pack: Pack) -> None:
    nvc = pack.entities["neurovascular-compression"].association
    assert nvc is not None and nvc.level == "established"
    hypertension = pack.entities["hypertension"].association
    assert hypertension is not None and hypertension.level == "associated"
    cited = set(citation_keys(hypertension.rationale)) | set(hypertension.sources)
    assert cited & {"defazio-2003", "oliveira-1999", "leong-2016"}
    assert "indian-321" in cited, "the counter-evidence must be cited too"


def test_frequencies_are_sourced_figures(pack: Pack) -> None:
    with_figure = [e for e in pack.entities.values() if e.frequency is not None]
    assert with_figure
    for e in with_figure:
        assert e.frequency is not None and e.frequency.sources, e.id
        assert re.search(r"\d", e.frequency.label), f"{e.id}: a frequency is a figure"


# --- citations ---------------------------------------------------------------------------


def test_no_source_key_stands_bare_in_the_text(pack: Pack) -> None:
    keys = source_keys(pack)
    bare = [f"{e.id}.{name}: {key}" for e in pack.entities.values()
            for name, text in e.texts() for key in bare_keys(text, keys)]
    assert not bare, "\n".join(bare)


def test_every_citation_names_a_source(pack: Pack) -> None:
    keys = source_keys(pack)
    for e in pack.entities.values():
        assert set(e.inline_citations()) <= keys, e.id


def test_a_citation_is_never_a_sentences_subject(pack: Pack) -> None:
    subject = re.compile(r"(?:^|[.!?:]\s+)" + CITATION.pattern)
    found = [f"{e.id}.{name}" for e in pack.entities.values() for name, text in e.texts()
             if subject.search(text.strip())]
    assert not found, "citations used as the subject of a sentence:\n" + "\n".join(found)


def test_pages_of_the_core_entities_cite_in_place(pack: Pack) -> None:
    for eid in ("hemifacial-spasm", "botulinum-toxin", "microvascular-decompression"):
        assert len(pack.entities[eid].inline_citations()) >= 5, eid


# --- names and search terms --------------------------------------------------------------


def test_misspellings_are_search_terms_not_names(pack: Pack) -> None:
    all_search_terms = {t.casefold() for e in pack.entities.values() for t in e.search_terms}
    for e in pack.entities.values():
        if e.type == "claim":
            continue  # a claim's label may quote the article's wording
        for alias in (e.name, *e.aliases):
            folded = alias.casefold()
            assert folded not in all_search_terms, f"{e.id}: '{alias}' is a search term"
            for wrong in ARTICLE_MISSPELLINGS:
                assert wrong not in folded, f"{e.id}: misspelling '{alias}' shown as a name"
    hfs = pack.entities["hemifacial-spasm"]
    assert {"hemafacial spasm", "hemificial spasm"} <= {t.casefold() for t in hfs.search_terms}


# --- safety wording and depth ------------------------------------------------------------

REASSURANCE = re.compile(r"\bno (?:harm|adverse effects?|side[- ]effects?|risks?)\b[^.]{0,30}"
                         r"\b(?:documented|reported|known|recorded)\b", re.IGNORECASE)


def test_silence_is_never_reported_as_safety(pack: Pack) -> None:
    found = [f"{e.id}.{name}" for e in pack.entities.values() for name, text in e.texts()
             if REASSURANCE.search(text)]
    assert not found, "say 'no safety data' instead:\n" + "\n".join(found)


def test_clinical_depth(pack: Pack) -> None:
    others = [e for e in pack.entities.values() if e.type not in ("claim", "source")]
    assert len(others) >= 150
    for eid in ("aica", "pica", "vertebral-artery", "ephaptic-transmission",
                "motor-nucleus-hyperexcitability", "bilateral-hemifacial-spasm",
                "familial-hemifacial-spasm", "childhood-hemifacial-spasm", "natural-history",
                "quality-of-life", "tof-mr-angiography", "ptosis-after-botulinum-toxin",
                "teflon-related-recurrence", "chiari-malformation"):
        assert eid in pack.entities, eid
    assert of_type(pack, "mechanism") and of_type(pack, "course")
    red_flags = [e for e in of_type(pack, "sign") if e.category == "red-flag"]
    assert len(red_flags) >= 2


def test_disputed_natural_history_cites_both_sides(pack: Pack) -> None:
    cited = set(pack.entities["natural-history"].cited_sources())
    assert {"natural-history-sfn", "natural-history-chapter"} <= cited
