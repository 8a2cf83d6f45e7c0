"""The differential-diagnosis helper: rank conditions for the findings a user ticks (no Qt).

It reads only the pack's differential table (``knowledge/differential.yaml``), where each link
says that a finding speaks for or against a condition, on named sources or as expert opinion.
No link has a weight, so the ranking counts links and nothing else:

- ``score`` = ticked findings that speak for the condition minus those that speak against it,
  every link counting one, sourced or expert opinion;
- ``sourced_score`` = the same count over sourced links only;
- conditions are ordered by ``score``, then ``sourced_score``; two conditions with the same
  pair share a rank (a tie is shown as a tie, never broken by name or file order).

Why not sourced links first, strictly: the checked references source the findings of
hemifacial spasm far better than those of its mimics, so "one side" (sourced for HFS) would
outrank three defining findings of facial myokymia (expert opinion), and the order would
reflect the gaps of the reading list rather than the picture the user sees. Sourcing therefore
breaks ties between equal counts, a sourced link that speaks *against* a condition counts as
much as one for it, and every link shows its sources or its expert-opinion mark so that the
user sees what each rank rests on (``RankedCondition.rests_on_opinion`` flags a condition whose
score has no sourced link behind it).

When a ticked finding is a red flag (its entity is a ``warning-sign-in``), the first notice of
the result is the pack's warning that imaging is needed to exclude a secondary cause. Every
result carries the fixed statement that this is a learning aid, not a diagnosis.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .pack import Pack
from .pack.model import AGAINST, FOR, FeatureLink, FeatureTable, is_red_flag

DISCLAIMER = (
    "A learning aid, not a diagnosis: it ranks textbook pictures by the findings ticked and "
    "cannot examine a patient. A doctor who examines the patient makes the diagnosis."
)
RED_FLAG, LEARNING_AID = "red-flag", "learning-aid"


class UnknownFeature(ValueError):
    """Ticked ids that the pack does not offer as findings (the message lists near misses)."""

    def __init__(self, unknown: list[str], offered: list[str]) -> None:
        parts = []
        for feature_id in unknown:
            close = difflib.get_close_matches(feature_id, offered, n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            parts.append(f"'{feature_id}'{hint}")
        super().__init__("not a finding of the differential table: " + ", ".join(parts))
        self.unknown = unknown


@dataclass(frozen=True, slots=True)
class FeatureInfo:
    """A finding the user may tick."""

    id: str
    name: str
    red_flag: bool
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class LinkView:
    """One link shown under a condition: the finding, the statement, its support."""

    feature: str
    feature_name: str
    note: str
    sources: tuple[str, ...]
    expert_opinion: bool


@dataclass(frozen=True, slots=True)
class RankedCondition:
    id: str
    name: str
    rank: int
    score: int
    sourced_score: int
    for_links: tuple[LinkView, ...]
    against_links: tuple[LinkView, ...]

    @property
    def pages(self) -> tuple[str, ...]:
        """Page ids worth opening: the condition, then each finding linked here."""
        ids = [self.id] + [link.feature for link in (*self.for_links, *self.against_links)]
        return tuple(dict.fromkeys(ids))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key for link in (*self.for_links, *self.against_links)
                                   for key in link.sources))

    @property
    def rests_on_opinion(self) -> bool:
        """True when none of the links behind a positive score is sourced."""
        return self.score > 0 and not any(link.sources for link in self.for_links)


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str  # RED_FLAG or LEARNING_AID
    text: str  # may hold [@key] citations


@dataclass(frozen=True, slots=True)
class DifferentialResult:
    ticked: tuple[str, ...]
    notices: tuple[Notice, ...]
    """The red-flag warning first when a red flag is ticked, then the learning-aid statement."""
    conditions: tuple[RankedCondition, ...]
    feature_notes: tuple[tuple[str, str], ...] = field(default=())
    """(finding id, note) for ticked findings that carry a note of their own."""

    @property
    def red_flag(self) -> bool:
        return any(notice.kind == RED_FLAG for notice in self.notices)

    def top(self) -> tuple[RankedCondition, ...]:
        """Every condition ranked first (several when they tie)."""
        return tuple(c for c in self.conditions if c.rank == 1)

    def to_plain(self) -> dict[str, Any]:
        """JSON-ready: notices first (the red-flag warning leads), then the ranking."""
        return {
            "notices": [{"kind": n.kind, "text": n.text} for n in self.notices],
            "ticked": list(self.ticked),
            "feature_notes": [{"feature": f, "note": note} for f, note in self.feature_notes],
            "conditions": [_plain_condition(c) for c in self.conditions],
        }


def has_table(pack: Pack) -> bool:
    return pack.differential is not None and bool(pack.differential.features)


def list_features(pack: Pack) -> list[FeatureInfo]:
    """The findings offered, in the table's order."""
    table = _table(pack)
    features = []
    for feature in table.features:
        entity = pack.entities.get(feature.id)
        if entity is None:
            continue
        features.append(FeatureInfo(feature.id, entity.name, is_red_flag(pack, feature.id),
                                    entity.type, feature.note))
    return features


def rank(pack: Pack, ticked: Iterable[str]) -> DifferentialResult:
    """Rank every condition linked to a ticked finding (raises UnknownFeature)."""
    table = _table(pack)
    chosen = tuple(dict.fromkeys(ticked))
    offered = [feature.id for feature in table.features]
    unknown = [feature_id for feature_id in chosen if feature_id not in offered]
    if unknown:
        raise UnknownFeature(unknown, offered)
    links: dict[str, list[FeatureLink]] = {}
    for link in table.links:
        if link.feature in chosen:
            links.setdefault(link.condition, []).append(link)
    scored = [_scored(pack, condition, found) for condition, found in links.items()]
    scored.sort(key=lambda c: (-c.score, -c.sourced_score))
    ranked: list[RankedCondition] = []
    for position, condition in enumerate(scored, start=1):
        previous = ranked[-1] if ranked else None
        same = previous is not None and (previous.score, previous.sourced_score) == (
            condition.score, condition.sourced_score)
        ranked.append(_with_rank(condition, previous.rank if same and previous else position))
    notices = []
    if any(is_red_flag(pack, feature_id) for feature_id in chosen):
        notices.append(Notice(RED_FLAG, table.red_flag_warning))
    notices.append(Notice(LEARNING_AID, DISCLAIMER))
    notes = tuple((f.id, f.note) for f in table.features if f.id in chosen and f.note)
    return DifferentialResult(chosen, tuple(notices), tuple(ranked), notes)


def _table(pack: Pack) -> FeatureTable:
    return pack.differential if pack.differential is not None else FeatureTable()


def _view(pack: Pack, link: FeatureLink) -> LinkView:
    entity = pack.entities.get(link.feature)
    return LinkView(link.feature, entity.name if entity else link.feature, link.note,
                    () if link.expert_opinion else link.sources, link.expert_opinion)


def _scored(pack: Pack, condition_id: str, links: list[FeatureLink]) -> RankedCondition:
    def ordered(direction: str) -> tuple[LinkView, ...]:
        chosen = [link for link in links if link.direction == direction]
        chosen.sort(key=lambda link: not link.sourced)  # sourced first, else table order
        return tuple(_view(pack, link) for link in chosen)

    pro, con = ordered(FOR), ordered(AGAINST)
    sourced = sum(1 for link in pro if link.sources) - sum(1 for link in con if link.sources)
    entity = pack.entities.get(condition_id)
    return RankedCondition(condition_id, entity.name if entity else condition_id, 0,
                           len(pro) - len(con), sourced, pro, con)


def _with_rank(condition: RankedCondition, rank_number: int) -> RankedCondition:
    return RankedCondition(condition.id, condition.name, rank_number, condition.score,
                           condition.sourced_score, condition.for_links,
                           condition.against_links)


def _plain_link(link: LinkView) -> dict[str, Any]:
    return {"feature": link.feature, "name": link.feature_name, "note": link.note,
            "sources": list(link.sources), "expert_opinion": link.expert_opinion}


def _plain_condition(condition: RankedCondition) -> dict[str, Any]:
    return {
        "id": condition.id,
        "name": condition.name,
        "rank": condition.rank,
        "score": condition.score,
        "sourced_score": condition.sourced_score,
        "rests_on_expert_opinion": condition.rests_on_opinion,
        "for": [_plain_link(link) for link in condition.for_links],
        "against": [_plain_link(link) for link in condition.against_links],
        "pages": list(condition.pages),
    }
