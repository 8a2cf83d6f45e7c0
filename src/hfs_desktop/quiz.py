"""Self-test questions generated from a pack's graph (no Qt).

Every question has exactly one right option by the pack's own data, an explanation with its
citations, the sources it rests on and the pages to open. The kinds:

- ``first-line``: which treatment is first-line? (recommendation levels)
- ``unproven``: which of these has no evidence of benefit? (evidence levels)
- ``most-often``: which member of a group was found most often in the same series? (sibling
  entities whose sourced frequency labels give "N of M" with the same M, e.g. the compressing
  vessels)
- ``red-flag``: which finding is a warning sign of a secondary cause? (red flags with a
  sourced link in the differential table)
- ``sign-vs``: which finding points to hemifacial spasm rather than a mimic, or to the mimic
  rather than HFS? (a sourced link for one and a sourced link against the other)
- ``claim-contradicted`` / ``claim-supported``: which statement from a patient article does the
  evidence contradict / support? (claim verdicts)

Disputed facts are left out: anything whose rationale, figure or text records that sources
disagree (``is_disputed``), and claims about such an entity (natural history, hypertension).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .pack import Entity, Pack
from .pack.model import AGAINST, FOR, FeatureLink, is_red_flag

ROOT = "hemifacial-spasm"
FIRST_LINE, UNPROVEN, EXPERT_OPINION = "first-line", "unproven", "expert-opinion"
SUBTYPE_OF = "subtype-of"
OPTIONS = 4
DISPUTE = re.compile(r"disput|disagree|conflicting|debat|counter-evidence|not every study agrees",
                     re.IGNORECASE)
"""Words by which a pack text records that its sources disagree."""
SERIES_FIGURE = re.compile(r"(?<![\d.,])(\d+) of (\d+)\b")


@dataclass(frozen=True, slots=True)
class Option:
    id: str  # the entity whose page explains it
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str  # stable: kind and the ids it is built from
    kind: str
    text: str
    options: tuple[Option, ...]
    answer: int  # index of the right option
    explanation: str  # may hold [@key] citations
    sources: tuple[str, ...]
    pages: tuple[str, ...]

    @property
    def right(self) -> Option:
        return self.options[self.answer]

    def to_plain(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "question": self.text,
            "options": [{"id": o.id, "label": o.label} for o in self.options],
            "answer": self.answer, "answer_id": self.right.id,
            "explanation": self.explanation, "sources": list(self.sources),
            "pages": list(self.pages),
        }


def questions(pack: Pack) -> list[Question]:
    """Every question the pack yields, in a stable order."""
    makers: tuple[Callable[[Pack], Iterator[Question]], ...] = (
        _first_line, _unproven, _most_often, _red_flags, _signs_versus, _claims)
    return [question for make in makers for question in make(pack)]


def is_disputed(entity: Entity) -> bool:
    """Whether the entity records that its sources disagree (rationale, figure, text)."""
    texts = [entity.rationale, entity.details]
    texts += [graded.rationale for _, graded in entity.graded()]
    if entity.frequency is not None:
        texts.append(entity.frequency.label)
    return any(DISPUTE.search(text) for text in texts if text)


# -- treatments ------------------------------------------------------------------------------


def _treatments(pack: Pack) -> list[Entity]:
    return [e for e in pack.entities.values() if e.type == "treatment" and not _graded_dispute(e)]


def _graded_dispute(entity: Entity) -> bool:
    return any(DISPUTE.search(graded.rationale) for _, graded in entity.graded())


def _first_line(pack: Pack) -> Iterator[Question]:
    levels = pack.recommendation_levels
    treatments = [t for t in _treatments(pack) if t.recommendation is not None
                  and t.recommendation.level in levels]
    answers = [t for t in treatments if t.recommendation and t.recommendation.level == FIRST_LINE]
    by_level: dict[str, list[Entity]] = {}
    for t in treatments:
        assert t.recommendation is not None
        if t.recommendation.level != FIRST_LINE:
            by_level.setdefault(t.recommendation.level, []).append(t)
    ordered = sorted(by_level, key=lambda level: -levels[level].rank)
    for answer in answers:
        assert answer.recommendation is not None
        # one distractor from each lower level, strongest level first; never a variant of
        # the answer (a technique of the same treatment would be right as well)
        distractors = [kept[0] for kept in ([t for t in by_level[level]
                                             if not _variants(answer, t)]
                                            for level in ordered) if kept][:OPTIONS - 1]
        if len(distractors) < 2:
            return
        yield _question(
            pack, f"first-line:{answer.id}", "first-line",
            "Which of these treatments is the first-line treatment of hemifacial spasm?",
            answer, distractors, answer.recommendation.rationale,
            answer.recommendation.sources)


def _variants(one: Entity, other: Entity) -> bool:
    """Whether one treatment is a subtype of the other (either way)."""
    return (one.id in other.relations.get(SUBTYPE_OF, ())
            or other.id in one.relations.get(SUBTYPE_OF, ()))


def _unproven(pack: Pack) -> Iterator[Question]:
    ranks = {level.id: level.rank for level in pack.evidence_levels.values()}
    floor = ranks.get(EXPERT_OPINION, 0)
    treatments = [t for t in _treatments(pack) if t.evidence is not None]
    answers = [t for t in treatments if t.evidence and t.evidence.level == UNPROVEN]
    # distractors: evidence from studies, above expert opinion, strongest first
    evidenced = sorted((t for t in treatments if t.evidence
                        and ranks.get(t.evidence.level, -1) > floor),
                       key=lambda t: -ranks[t.evidence.level] if t.evidence else 0)
    if len(evidenced) < 2:
        return
    for number, answer in enumerate(answers):
        assert answer.evidence is not None
        distractors = _rotate(evidenced, number, OPTIONS - 1)
        yield _question(
            pack, f"unproven:{answer.id}", "unproven",
            "Which of these has no evidence of benefit in hemifacial spasm (unproven)?",
            answer, distractors, answer.evidence.rationale, answer.evidence.sources)


# -- groups with figures from one series -------------------------------------------------------


def _most_often(pack: Pack) -> Iterator[Question]:
    children: dict[str, list[Entity]] = {}
    for entity in pack.entities.values():
        if entity.frequency is None or is_disputed(entity):
            continue
        for parent_key in entity.relations.get("subtype-of", ()):
            children.setdefault(parent_key, []).append(entity)
    for parent_id, members in children.items():
        parent = pack.entities.get(parent_id)
        if parent is None:
            continue
        series: dict[int, list[tuple[int, Entity]]] = {}
        for member in members:
            assert member.frequency is not None
            for count, total in SERIES_FIGURE.findall(member.frequency.label):
                series.setdefault(int(total), []).append((int(count), member))
        for total, figures in sorted(series.items()):
            if len(figures) < 3 or len({m.id for _, m in figures}) != len(figures):
                continue
            figures.sort(key=lambda pair: -pair[0])
            if figures[0][0] == figures[1][0]:
                continue  # no single answer
            answer = figures[0][1]
            assert answer.frequency is not None
            shared = set(answer.frequency.sources)
            for _, member in figures[1:]:
                assert member.frequency is not None
                shared &= set(member.frequency.sources)
            if not shared:
                continue  # figures not from one series
            counts = "; ".join(f"{m.name}: {c} of {total}" for c, m in figures)
            series_sources = tuple(sorted(shared))
            own = answer.frequency.sources
            explanation = (f"{counts} [{_cite(series_sources)}]. {answer.name}: "
                           f"{answer.frequency.label} [{_cite(own)}].")
            yield _question(
                pack, f"most-often:{parent_id}:{total}", "most-often",
                f"In one series of {total}, which {_lower_first(parent.name)} was found most "
                "often?", answer, [m for _, m in figures[1:OPTIONS]], explanation,
                tuple(dict.fromkeys((*series_sources, *own))), extra_pages=(parent_id,))


# -- the differential table ---------------------------------------------------------------------


def _links(pack: Pack) -> list[FeatureLink]:
    return pack.differential.links if pack.differential is not None else []


def _red_flags(pack: Pack) -> Iterator[Question]:
    links = _links(pack)
    sourced = [link for link in links if link.sourced]
    flags = [f.id for f in (pack.differential.features if pack.differential else [])
             if is_red_flag(pack, f.id) and any(link.feature == f.id for link in sourced)]
    ordinary = [link.feature for link in sourced
                if link.condition == ROOT and link.direction == FOR
                and not is_red_flag(pack, link.feature)]
    ordinary = list(dict.fromkeys(ordinary))
    if len(ordinary) < 2:
        return
    for number, flag in enumerate(flags):
        support = [link for link in sourced if link.feature == flag]
        note = " ".join(link.note for link in support[:1])
        sources = tuple(dict.fromkeys(key for link in support for key in link.sources))
        yield _question(
            pack, f"red-flag:{flag}", "red-flag",
            "Beside a one-sided facial spasm, which of these is a warning sign (a red flag) "
            "that the spasm may have a secondary cause, such as a tumour, to be excluded "
            "by imaging?"
            "secondary cause?", pack.entities[flag],
            [pack.entities[f] for f in _rotate(ordinary, number, OPTIONS - 1)], note, sources,
            label=_plain_name)


def _signs_versus(pack: Pack) -> Iterator[Question]:
    links = _links(pack)
    by_condition: dict[str, dict[str, list[FeatureLink]]] = {}
    for link in links:
        by_condition.setdefault(link.condition, {}).setdefault(link.direction, []).append(link)
    root = by_condition.get(ROOT, {})
    mimics = [e.id for e in pack.entities.values()
              if e.category == "differential" and e.id in by_condition]
    for mimic in mimics:
        other = by_condition[mimic]
        yield from _versus(pack, ROOT, root, mimic, other)
        yield from _versus(pack, mimic, other, ROOT, root)


def _versus(pack: Pack, favoured: str, fav: dict[str, list[FeatureLink]], rival: str,
            riv: dict[str, list[FeatureLink]]) -> Iterator[Question]:
    """Questions "which points to FAVOURED rather than RIVAL": the right finding has a sourced
    link for FAVOURED and a sourced link against RIVAL; each wrong one is for RIVAL and not
    for FAVOURED."""
    fav_for = {link.feature: link for link in fav.get(FOR, [])}
    riv_for = {link.feature: link for link in riv.get(FOR, [])}
    riv_against = {link.feature: link for link in riv.get(AGAINST, [])}
    rights = [f for f, link in fav_for.items()
              if link.sourced and f in riv_against and riv_against[f].sourced]
    wrongs = [f for f in riv_for if f not in fav_for]
    if len(wrongs) < 2:
        return
    a, b = pack.entities[favoured], pack.entities[rival]
    for number, right in enumerate(rights):
        pro, con = fav_for[right], riv_against[right]
        sources = tuple(dict.fromkeys((*pro.sources, *con.sources)))
        yield _question(
            pack, f"sign-vs:{favoured}:{rival}:{right}", "sign-vs",
            f"Which finding points to {_lower_first(a.name)} rather than "
            f"{_lower_first(b.name)}?",
            pack.entities[right], [pack.entities[f] for f in _rotate(wrongs, number,
                                                                   OPTIONS - 1)],
            f"{pro.note} {con.note}", sources, extra_pages=(favoured, rival))


# -- claims ----------------------------------------------------------------------------------


def _claims(pack: Pack) -> Iterator[Question]:
    disputed = {e.id for e in pack.entities.values() if e.type != "claim"
                and e.type in ("course", "cause", "risk-factor", "trigger") and is_disputed(e)}
    usable = [c for c in pack.entities.values() if c.type == "claim" and c.statement
              and not DISPUTE.search(c.rationale) and not set(c.about) & disputed]
    by_verdict: dict[str, list[Entity]] = {}
    for claim in usable:
        by_verdict.setdefault(claim.verdict, []).append(claim)
    supported = by_verdict.get("supported", [])
    contradicted = by_verdict.get("contradicted", [])
    wrong = contradicted + by_verdict.get("unsupported", [])
    kinds = (("claim-contradicted", "Which of these statements from a patient article does the "
              "evidence contradict?", contradicted, supported),
             ("claim-supported", "Which of these statements from a patient article does the "
              "evidence support?", supported, wrong))
    for kind, text, answers, pool in kinds:
        if len(pool) < 2:
            continue
        for number, claim in enumerate(answers):
            yield _question(pack, f"{kind}:{claim.id}", kind, text, claim,
                            _rotate(pool, number, OPTIONS - 1), claim.rationale,
                            claim.sources, label=_statement)


# -- helpers ---------------------------------------------------------------------------------


def _rotate(items: list[Any], start: int, count: int) -> list[Any]:
    """``count`` items from ``items``, starting at ``start`` and wrapping (no repeats)."""
    if not items:
        return []
    return [items[(start + i) % len(items)] for i in range(min(count, len(items)))]


def _cite(keys: tuple[str, ...]) -> str:
    return "; ".join(f"@{key}" for key in keys)


def _lower_first(name: str) -> str:
    """"Compressing blood vessel" -> "compressing blood vessel"; "MRI" stays."""
    if len(name) > 1 and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _name(entity: Entity) -> str:
    return entity.name


def _plain_name(entity: Entity) -> str:
    """A red flag's name without its "Red flag:" prefix (which would give the answer away)."""
    name = re.sub(r"^red flag:\s*", "", entity.name, flags=re.IGNORECASE)
    return name[:1].upper() + name[1:]


def _statement(entity: Entity) -> str:
    return entity.statement


def _question(pack: Pack, question_id: str, kind: str, text: str, answer: Entity,
              distractors: list[Entity], explanation: str, sources: tuple[str, ...],
              label: Callable[[Entity], str] = _name,
              extra_pages: tuple[str, ...] = ()) -> Question:
    """The options in a stable order that does not always put the answer first."""
    chosen = [answer, *[d for d in distractors if d.id != answer.id]]
    order = sorted(chosen, key=lambda e: _mix(question_id, e.id))
    options = tuple(Option(e.id, label(e)) for e in order)
    pages = tuple(dict.fromkeys((answer.id, *extra_pages)))
    del pack
    return Question(question_id, kind, text, options, order.index(answer), explanation,
                    tuple(sources), pages)


def _mix(seed: str, key: str) -> int:
    """A stable pseudo-random order key (no randomness, no hash seed)."""
    value = 2166136261
    for char in f"{seed}|{key}":
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value
