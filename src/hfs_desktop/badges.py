"""Badges: what an entity's grading says, in words and colour, computed once for every face.

Pages, search results, the legend, the CLI and the "Hide unproven" filter all take their wording,
colours and rules from here (plain data; no HTML, no Qt).

- a treatment: its recommendation and the certainty of its evidence, side by side;
- a claim: our verdict on it;
- a cause, risk factor or trigger: the strength of its association with the condition;
- a finding (sign, symptom, ...): its sourced figure, in a neutral colour, on its own page
  and in results only (never beside a link from another page: `link_badge`);
- anything else, and every term of an imported pack: no badge.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pack.model import (
    EXPERT_OPINION,
    FOLK_REMEDY,
    GRADED_BY_ASSOCIATION,
    UNPROVEN,
    WITH_FREQUENCY,
    Entity,
    Pack,
)

NEUTRAL = "#5a5a60"
"""The colour of a badge that states a fact and judges nothing (a figure, an unknown level)."""

RECOMMENDATION, EVIDENCE, ASSOCIATION, VERDICT, FREQUENCY = (
    "recommendation", "evidence", "association", "verdict", "frequency")

GRADES = {
    RECOMMENDATION: "Recommendation",
    EVIDENCE: "Certainty of evidence",
    ASSOCIATION: "Strength of association",
    VERDICT: "Our verdict",
    FREQUENCY: "How often",
}
"""What each kind of badge grades, as a reader's heading."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One coloured part of a badge (white words on ``colour``)."""

    words: str
    colour: str
    grades: str
    level: str = ""
    """The level id of its vocabulary ("" for a figure)."""
    meaning: str = ""
    level_label: str = ""
    """The level's own label ("Low" where the words say "evidence low")."""


@dataclass(frozen=True, slots=True)
class Badge:
    """A badge: one or more coloured segments read left to right."""

    segments: tuple[Segment, ...]

    @property
    def label(self) -> str:
        """The badge in words: "First-line · evidence low"."""
        return " · ".join(segment.words for segment in self.segments)

    @property
    def colour(self) -> str:
        """The colour of the first (leading) segment."""
        return self.segments[0].colour

    @property
    def grades(self) -> str:
        return " and ".join(segment.grades for segment in self.segments)

    @property
    def meaning(self) -> str:
        """A tooltip: each segment's heading, words and meaning."""
        return "\n".join(f"{GRADES.get(s.grades, s.grades)}: {s.level_label or s.words}"
                         + (f". {s.meaning}" if s.meaning else "") for s in self.segments)


# -- single badges, one per graded field ---------------------------------------------------

def recommendation_badge(pack: Pack, entity: Entity) -> Badge | None:
    if entity.recommendation is None:
        return None
    return Badge((_recommendation_segment(pack, entity.recommendation.level),))


def evidence_badge(pack: Pack, entity: Entity) -> Badge | None:
    if entity.evidence is None:
        return None
    return Badge((_evidence_segment(pack, entity.evidence.level),))


def association_badge(pack: Pack, entity: Entity) -> Badge | None:
    if entity.association is None:
        return None
    level = pack.association_levels.get(entity.association.level)
    if level is None:
        return Badge((Segment(entity.association.level, NEUTRAL, ASSOCIATION,
                              entity.association.level),))
    return Badge((Segment(level.label, level.colour, ASSOCIATION, level.id, level.meaning),))


def verdict_badge(pack: Pack, entity: Entity) -> Badge | None:
    if entity.type != "claim" or not entity.verdict:
        return None
    verdict = pack.verdicts.get(entity.verdict)
    if verdict is None:
        return Badge((Segment(entity.verdict, NEUTRAL, VERDICT, entity.verdict),))
    return Badge((Segment(verdict.label, verdict.colour, VERDICT, verdict.id, verdict.meaning),))


def frequency_badge(entity: Entity) -> Badge | None:
    if entity.frequency is None or not entity.frequency.label.strip():
        return None
    return Badge((Segment(entity.frequency.label, NEUTRAL, FREQUENCY, "",
                          "A figure from the cited sources, not a grade."),))


def treatment_badge(pack: Pack, entity: Entity) -> Badge | None:
    """Recommendation and certainty together: "First-line · evidence low"."""
    segments = []
    if entity.recommendation is not None:
        segments.append(_recommendation_segment(pack, entity.recommendation.level))
    if entity.evidence is not None:
        segments.append(_evidence_segment(pack, entity.evidence.level,
                                          after_recommendation=bool(segments)))
    return Badge(tuple(segments)) if segments else None


def badge_for(pack: Pack, entity: Entity) -> Badge | None:
    """The one badge that fits the entity's kind (lists, search results, page headers).

    An imported pack's terms carry no evidence level: no badge."""
    if not pack.meta.reviewed:
        return None
    if entity.type == "treatment":
        return treatment_badge(pack, entity)
    if entity.type == "claim":
        return verdict_badge(pack, entity)
    if entity.type in GRADED_BY_ASSOCIATION:
        return association_badge(pack, entity)
    if entity.type in WITH_FREQUENCY:
        return frequency_badge(entity)
    return None


def link_badge(pack: Pack, entity: Entity) -> Badge | None:
    """The badge beside a link to the entity on another entry's page: its grade (a
    recommendation, evidence, association or verdict), never its own figure, which beside
    a relation ("Sign of: Hemifacial spasm") would read as the relation's figure."""
    badge = badge_for(pack, entity)
    if badge is None or any(segment.grades == FREQUENCY for segment in badge.segments):
        return None
    return badge


def _recommendation_segment(pack: Pack, level_id: str) -> Segment:
    level = pack.recommendation_levels.get(level_id)
    if level is None:
        return Segment(level_id, NEUTRAL, RECOMMENDATION, level_id)
    return Segment(level.label, level.colour, RECOMMENDATION, level.id, level.meaning)


EVIDENCE_PHRASES = {EXPERT_OPINION: "expert opinion only", UNPROVEN: "no evidence of benefit"}
"""A level's words after a recommendation where the pack gives no ``badge_phrase`` and
"evidence <label>" would read oddly ("evidence unproven")."""


def evidence_phrase(pack: Pack, level_id: str) -> str:
    """The words of an evidence level after a recommendation: the pack's ``badge_phrase``,
    else "evidence low" for a graded level, "expert opinion only", "no evidence of benefit"."""
    level = pack.level(level_id)
    if level is not None and level.badge_phrase:
        return level.badge_phrase
    if level_id in EVIDENCE_PHRASES:
        return EVIDENCE_PHRASES[level_id]
    return f"evidence {(level.label if level is not None else level_id).lower()}"


def _evidence_segment(pack: Pack, level_id: str,
                      after_recommendation: bool = False) -> Segment:
    """"Evidence: Low" alone; "evidence low" (see `evidence_phrase`) after a recommendation."""
    level = pack.level(level_id)
    label = level.label if level is not None else level_id
    words = evidence_phrase(pack, level_id) if after_recommendation else f"Evidence: {label}"
    if level is None:
        return Segment(words, NEUTRAL, EVIDENCE, level_id)
    return Segment(words, level.colour, EVIDENCE, level.id, level.meaning, level.label)


# -- ordering ------------------------------------------------------------------------------

def strength_key(pack: Pack, entity: Entity) -> tuple[int, int, int, str, str]:
    """Sort key: strongest recommendation first, then strongest evidence, then strongest
    association, then by name. Ungraded entities follow graded ones."""

    def rank(levels: dict[str, int], level_id: str | None) -> int:
        if level_id is None:
            return 1  # ungraded: after every graded entry
        return -levels[level_id] - 1 if level_id in levels else 0

    recommendation = {lv.id: lv.rank for lv in pack.recommendation_levels.values()}
    evidence = {lv.id: lv.rank for lv in pack.evidence_levels.values()}
    association = {lv.id: lv.rank for lv in pack.association_levels.values()}
    return (
        rank(recommendation, entity.recommendation.level if entity.recommendation else None),
        rank(evidence, entity.evidence.level if entity.evidence else None),
        rank(association, entity.association.level if entity.association else None),
        entity.name.casefold(),
        entity.id,
    )


def by_strength(pack: Pack, entities: list[Entity] | tuple[Entity, ...]) -> list[Entity]:
    """The entities, strongest graded first (see `strength_key`)."""
    return sorted(entities, key=lambda entity: strength_key(pack, entity))


# -- the "Hide unproven" filter ------------------------------------------------------------

def is_unproven(entity: Entity) -> bool:
    """True for what "Hide unproven" hides: folk remedies and entries graded as unproven."""
    unproven_evidence = entity.evidence is not None and entity.evidence.level == UNPROVEN
    return unproven_evidence or entity.category == FOLK_REMEDY


def proven_evidence_levels(pack: Pack) -> list[str]:
    """The evidence level ids "Hide unproven" keeps ("" keeps entries without evidence)."""
    return [level for level in pack.evidence_levels if level != UNPROVEN] + [""]


# -- the legend ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LegendSection:
    title: str
    explanation: str
    badges: tuple[Badge, ...]
    grades: bool = True
    """False for badges that state a figure and grade nothing (left out of compact legends)."""


def legend(pack: Pack) -> list[LegendSection]:
    """Every badge the pack can show, strongest first, with what each kind grades."""
    recommendations = sorted(pack.recommendation_levels.values(), key=lambda lv: -lv.rank)
    levels = sorted(pack.evidence_levels.values(), key=lambda lv: -lv.rank)
    associations = sorted(pack.association_levels.values(), key=lambda lv: -lv.rank)
    sections = [
        LegendSection("Recommendation", pack.word("legend_recommendation"),
                      tuple(Badge((_recommendation_segment(pack, lv.id),))
                            for lv in recommendations)),
        LegendSection("Certainty of evidence", pack.word("legend_evidence"),
                      tuple(Badge((_evidence_segment(pack, lv.id),))
                            for lv in levels)),
        LegendSection("Association", pack.word("legend_association"),
                      tuple(Badge((Segment(lv.label, lv.colour, ASSOCIATION, lv.id,
                                           lv.meaning),)) for lv in associations)),
        LegendSection("Verdicts", pack.word("legend_verdicts"),
                      tuple(Badge((Segment(v.label, v.colour, VERDICT, v.id, v.meaning),))
                            for v in pack.verdicts.values())),
        LegendSection("Figures", pack.word("legend_figures"),
                      (Badge((Segment("Sourced figure", NEUTRAL, FREQUENCY, "",
                                      "A figure from the cited sources, not a grade."),)),),
                      grades=False),
    ]
    return [section for section in sections if section.badges]
