"""Badges per kind, from the core: words and colours come from the pack's vocabularies."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from hfs_desktop import badges
from hfs_desktop.pack import Pack, bundled_pack_dir, load_pack
from hfs_desktop.pack.model import (
    GRADED_BY_ASSOCIATION,
    WITH_FREQUENCY,
    Entity,
    Evidence,
    Location,
)


@pytest.fixture(scope="module")
def starter() -> Pack:
    return load_pack(Path(__file__).resolve().parent / "packs" / "starter")


@pytest.fixture(scope="module")
def bundled() -> Pack:
    return load_pack(bundled_pack_dir())


def test_treatment_shows_recommendation_and_certainty_together(starter: Pack) -> None:
    entity = starter.entities["botulinum-toxin"]
    assert entity.recommendation is not None and entity.evidence is not None
    badge = badges.badge_for(starter, entity)
    assert badge is not None
    recommendation = starter.recommendation_levels[entity.recommendation.level]
    evidence = starter.evidence_levels[entity.evidence.level]
    assert [s.grades for s in badge.segments] == ["recommendation", "evidence"]
    assert badge.label == f"{recommendation.label} · evidence {evidence.label.lower()}"
    assert [s.colour for s in badge.segments] == [recommendation.colour, evidence.colour]
    assert recommendation.meaning in badge.meaning and evidence.meaning in badge.meaning


def test_treatment_sections_have_their_own_badges(starter: Pack) -> None:
    entity = starter.entities["microvascular-decompression"]
    recommendation = badges.recommendation_badge(starter, entity)
    evidence = badges.evidence_badge(starter, entity)
    assert recommendation is not None and evidence is not None
    assert recommendation.label == starter.recommendation_levels["selected-patients"].label
    assert evidence.label == "Evidence: " + starter.evidence_levels["low"].label


def test_claim_shows_its_verdict(starter: Pack) -> None:
    claim = starter.entities["claim-surgery-only-under-40"]
    badge = badges.badge_for(starter, claim)
    verdict = starter.verdicts[claim.verdict]
    assert badge is not None and (badge.label, badge.colour) == (verdict.label, verdict.colour)
    assert badge.meaning.endswith(verdict.meaning)


def test_unverified_claim_is_neutral_not_a_judgement(starter: Pack) -> None:
    claim = starter.entities["claim-stress-brings-on-spasms"]
    badge = badges.badge_for(starter, claim)
    assert badge is not None and badge.label == starter.verdicts["unverified"].label
    against = {starter.verdicts[v].colour for v in ("unsupported", "contradicted")}
    assert badge.colour not in against


def test_association_badge_on_causes_risk_factors_and_triggers(starter: Pack) -> None:
    female = starter.entities["female-sex"]
    badge = badges.badge_for(starter, female)
    level = starter.association_levels["associated"]
    assert badge is not None and (badge.label, badge.colour) == (level.label, level.colour)
    assert badge.segments[0].grades == "association"
    assert badges.badge_for(starter, starter.entities["neurovascular-compression"]) is None


def test_findings_show_their_sourced_figure_in_a_neutral_colour(starter: Pack) -> None:
    sign = starter.entities["other-babinski-sign"]
    assert sign.frequency is not None
    badge = badges.badge_for(starter, sign)
    assert badge is not None and badge.label == sign.frequency.label
    assert badge.colour == badges.NEUTRAL and badge.segments[0].grades == "frequency"
    assert badges.badge_for(starter, starter.entities["eyelid-twitching"]) is None


def test_other_kinds_have_no_badge(starter: Pack) -> None:
    for entity_id in ("facial-nerve", "mri-brain", "wang-jankovic-1998", "hemifacial-spasm"):
        assert badges.badge_for(starter, starter.entities[entity_id]) is None, entity_id


def test_every_bundled_entity_gets_the_badge_of_its_kind(bundled: Pack) -> None:
    for entity in bundled.entities.values():
        badge = badges.badge_for(bundled, entity)
        if badge is None:
            continue
        assert badge.label.strip() and all(s.colour.startswith("#") for s in badge.segments)
        kinds = {s.grades for s in badge.segments}
        if entity.type == "treatment":
            assert kinds <= {"recommendation", "evidence"}, entity.id
        elif entity.type == "claim":
            assert kinds == {"verdict"}, entity.id
        elif entity.type in GRADED_BY_ASSOCIATION:
            assert kinds == {"association"}, entity.id
        else:
            assert entity.type in WITH_FREQUENCY and kinds == {"frequency"}, entity.id
        assert "[@" not in badge.label


def test_every_bundled_treatment_shows_both_grades(bundled: Pack) -> None:
    for entity in bundled.entities.values():
        if entity.type == "treatment" and entity.recommendation and entity.evidence:
            badge = badges.badge_for(bundled, entity)
            assert badge is not None and len(badge.segments) == 2, entity.id


def test_stable_recommendations(bundled: Pack) -> None:
    botox = badges.badge_for(bundled, bundled.entities["botulinum-toxin"])
    mvd = badges.badge_for(bundled, bundled.entities["microvascular-decompression"])
    assert botox is not None and botox.segments[0].level == "first-line"
    assert mvd is not None and mvd.segments[0].level == "selected-patients"


def test_strength_order(starter: Pack) -> None:
    treatments = [e for e in starter.entities.values() if e.type == "treatment"]
    ranked = badges.by_strength(starter, list(reversed(treatments)))
    ranks = [starter.recommendation_levels[e.recommendation.level].rank
             for e in ranked if e.recommendation]
    assert ranks == sorted(ranks, reverse=True)
    assert ranked[0].id == "botulinum-toxin" and ranked[-1].id == "garlic-lemon-compress"


def test_unproven_rule(starter: Pack) -> None:
    assert badges.is_unproven(starter.entities["garlic-lemon-compress"])
    assert not badges.is_unproven(starter.entities["botulinum-toxin"])
    kept = badges.proven_evidence_levels(starter)
    assert "unproven" not in kept and "" in kept and "low" in kept


def test_legend_covers_every_vocabulary(starter: Pack) -> None:
    sections = badges.legend(starter)
    shown = {(b.label, b.colour) for section in sections for b in section.badges}
    for level in starter.recommendation_levels.values():
        assert (level.label, level.colour) in shown
    for association in starter.association_levels.values():
        assert (association.label, association.colour) in shown
    for verdict in starter.verdicts.values():
        assert (verdict.label, verdict.colour) in shown
    assert all(section.title and section.explanation for section in sections)


# -- every badge string the core can produce reads well -------------------------------------

ODD_EVIDENCE = re.compile(r"\bevidence\s+(?:unproven|expert opinion|not |no |none\b)",
                          re.IGNORECASE)
"""Evidence wording that reads awkwardly: "evidence unproven", "evidence expert opinion"
("Evidence: Unproven", a label and its value, reads well)."""


def every_badge(pack: Pack) -> list[badges.Badge]:
    """Every badge the core can make from the pack's vocabularies: each recommendation with
    each certainty (and each alone), each association, verdict and figure, the legend."""
    made: list[badges.Badge | None] = []
    recommendations = [None, *pack.recommendation_levels]
    certainties = [None, *pack.evidence_levels]
    for recommendation, evidence in itertools.product(recommendations, certainties):
        entity = Entity("t", "treatment", "T", Location("x.yaml"),
                        recommendation=Evidence(recommendation) if recommendation else None,
                        evidence=Evidence(evidence) if evidence else None)
        made += [badges.badge_for(pack, entity), badges.evidence_badge(pack, entity),
                 badges.recommendation_badge(pack, entity)]
    for level in pack.association_levels:
        made.append(badges.badge_for(pack, Entity("c", "cause", "C", Location("x.yaml"),
                                                  association=Evidence(level))))
    for verdict in pack.verdicts:
        made.append(badges.badge_for(pack, Entity("k", "claim", "K", Location("x.yaml"),
                                                  verdict=verdict)))
    made += [badge for section in badges.legend(pack) for badge in section.badges]
    return [badge for badge in made if badge is not None]


@pytest.mark.parametrize("which", ["starter", "bundled"])
def test_no_badge_reads_oddly(which: str, request: pytest.FixtureRequest) -> None:
    pack: Pack = request.getfixturevalue(which)
    made = every_badge(pack)
    combined = len(pack.recommendation_levels) * len(pack.evidence_levels)
    assert len([b for b in made if len(b.segments) == 2]) == combined
    for badge in made:
        label = badge.label
        assert label.strip() and label == " ".join(label.split()), label
        assert not ODD_EVIDENCE.search(label), label
        assert "[@" not in label and "evidence evidence" not in label.casefold(), label
        words = [segment.words.casefold() for segment in badge.segments]
        assert len(set(words)) == len(words), label


def test_evidence_after_a_recommendation_reads_as_a_phrase(starter: Pack) -> None:
    def label(recommendation: str, evidence: str) -> str:
        entity = Entity("t", "treatment", "T", Location("x.yaml"),
                        recommendation=Evidence(recommendation), evidence=Evidence(evidence))
        badge = badges.badge_for(starter, entity)
        assert badge is not None
        return badge.label

    assert label("first-line", "low") == "First-line · evidence low"
    assert label("may-be-tried", "very-low") == "May be tried (weak) · evidence very low"
    assert label("selected-patients", "expert-opinion") == (
        "For selected patients · expert opinion only")
    assert label("no-recommendation", "unproven") == "No recommendation · no evidence of benefit"
    assert label("not-recommended", "unproven") == "Not recommended · no evidence of benefit"


def test_a_pack_may_word_its_levels_in_badges(pack_copy: Path) -> None:
    levels = pack_copy / "evidence-levels.yaml"
    text = levels.read_text(encoding="utf-8")
    text = text.replace("    label: Unproven\n",
                        "    label: Unproven\n    badge_phrase: benefit not shown\n")
    levels.write_text(text, encoding="utf-8")
    pack = load_pack(pack_copy)
    garlic = badges.badge_for(pack, pack.entities["garlic-lemon-compress"])
    assert garlic is not None and garlic.label == "Not recommended · benefit not shown"
    botox = badges.badge_for(pack, pack.entities["botulinum-toxin"])
    assert botox is not None and botox.label == "First-line · evidence low"


def test_links_carry_grades_but_never_the_linked_entrys_own_figure(starter: Pack) -> None:
    sign = starter.entities["other-babinski-sign"]
    assert badges.badge_for(starter, sign) is not None  # on its own page and in results
    assert badges.link_badge(starter, sign) is None  # beside "Sign of: ..." on another page
    botox = starter.entities["botulinum-toxin"]
    assert badges.link_badge(starter, botox) == badges.badge_for(starter, botox)
    female = starter.entities["female-sex"]
    assert badges.link_badge(starter, female) == badges.badge_for(starter, female)
    claim = starter.entities["claim-surgery-only-under-40"]
    assert badges.link_badge(starter, claim) == badges.badge_for(starter, claim)
