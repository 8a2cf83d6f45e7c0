"""A checked text as a summary, JSON-ready data, plain text and a printable HTML page.

The summary counts the statements by the verdict of the claim they agree with, those that
state the opposite of a claim (by that claim's verdict), and those that match no claim;
counts apart the further claims of statements that make several; and lists the unproven
treatments the text recommends apart from those it warns against.

A statement that makes several claims ("more often in persons with hypertension, the
elderly and women after the menopause") is shown with each: its closest claim first, then
every further claim with its own verdict, or "states the opposite", the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from ..badges import NEUTRAL, VERDICT, Badge, Segment, verdict_badge
from ..pack.model import UNPROVEN, Entity, Pack
from ..pagestyle import LIGHT, Theme, badge_html, stylesheet
from .checker import OPPOSITE_JUDGEMENT, CheckedStatement
from .matcher import THRESHOLD

VERDICT_ORDER = ("supported", "partly-supported", "unsupported", "contradicted", "unverified")
OPPOSITE_COLOURS = {"wrong": "#b3261e", "mostly wrong": "#8a6100", "in line": "#1b6e3a"}
"""The colour of a statement that states the opposite of a claim, by its judgement."""


@dataclass
class Summary:
    statements: int = 0
    headings: int = 0
    agreeing: dict[str, int] = field(default_factory=dict)
    """Statements that assert a claim, by the claim's verdict (every verdict listed)."""
    opposite: dict[str, int] = field(default_factory=dict)
    """Statements that state the opposite of a claim, by the claim's verdict."""
    unmatched: int = 0
    """Statements (headings not counted) that match no claim."""
    further_agreeing: dict[str, int] = field(default_factory=dict)
    """Further claims asserted by statements that make several, by verdict (those with
    a count only)."""
    further_opposite: dict[str, int] = field(default_factory=dict)
    """Further claims whose opposite such statements state, by verdict."""
    unproven_recommended: list[Entity] = field(default_factory=list)
    unproven_warned_against: list[Entity] = field(default_factory=list)

    def to_plain(self) -> dict[str, Any]:
        return {"statements": self.statements, "headings": self.headings,
                "agreeing": self.agreeing, "opposite": self.opposite,
                "unmatched": self.unmatched,
                "further_agreeing": self.further_agreeing,
                "further_opposite": self.further_opposite,
                "unproven_recommended": [e.id for e in self.unproven_recommended],
                "unproven_warned_against": [e.id for e in self.unproven_warned_against]}


def summarise(pack: Pack, results: list[CheckedStatement]) -> Summary:
    summary = Summary(statements=len(results))
    agreeing: Counter[str] = Counter()
    opposite: Counter[str] = Counter()
    further_agreeing: Counter[str] = Counter()
    further_opposite: Counter[str] = Counter()
    recommended: dict[str, Entity] = {}
    warned: dict[str, Entity] = {}
    for result in results:
        if result.statement.heading:
            summary.headings += 1
            continue
        claim, verdict = result.claim, result.verdict
        if claim is None or verdict is None:
            summary.unmatched += 1
            continue
        (opposite if result.negated else agreeing)[verdict] += 1
        for further in result.further:
            if further.verdict is not None:
                (further_opposite if further.negated else further_agreeing)[
                    further.verdict] += 1
        for found in (result, *result.further):
            if found.claim is not None:
                for entity in unproven_treatments(pack, found.claim):
                    (warned if found.negated else recommended)[entity.id] = entity
    order = [*VERDICT_ORDER, *sorted(set(agreeing) | set(opposite) - set(VERDICT_ORDER))]
    summary.agreeing = {verdict: agreeing.get(verdict, 0) for verdict in order}
    summary.opposite = {verdict: opposite.get(verdict, 0) for verdict in order}
    summary.further_agreeing = _ordered(further_agreeing)
    summary.further_opposite = _ordered(further_opposite)
    summary.unproven_recommended = list(recommended.values())
    summary.unproven_warned_against = [e for key, e in warned.items() if key not in recommended]
    return summary


def _ordered(counts: Counter[str]) -> dict[str, int]:
    """The verdicts with a count, in the order of :data:`VERDICT_ORDER`."""
    order = [*VERDICT_ORDER, *sorted(set(counts) - set(VERDICT_ORDER))]
    return {verdict: counts[verdict] for verdict in order if counts.get(verdict)}


def unproven_treatments(pack: Pack, claim: Entity) -> list[Entity]:
    """The treatments graded unproven that a claim is about."""
    out = []
    for entity_id in claim.about:
        entity = pack.entities.get(entity_id)
        if (entity is not None and entity.type == "treatment" and entity.evidence is not None
                and entity.evidence.level == UNPROVEN):
            out.append(entity)
    return out


def statement_badge(pack: Pack, result: CheckedStatement) -> Badge:
    """The badge a statement is shown with: the claim's verdict when it agrees, "states the
    opposite" with its own judgement when it denies the claim, else "no matching claim"."""
    claim = result.claim
    if claim is None:
        words = ("heading" if result.statement.heading else
                 "page text" if result.statement.boilerplate else "no matching claim")
        return Badge((Segment(words, NEUTRAL, VERDICT),))
    if not result.negated:
        badge = verdict_badge(pack, claim)
        if badge is not None:
            return badge
        return Badge((Segment("unverified", NEUTRAL, VERDICT, "unverified"),))
    short, sentence = OPPOSITE_JUDGEMENT.get(result.verdict or "", ("", result.judgement))
    colour = OPPOSITE_COLOURS.get(short, NEUTRAL)
    return Badge((Segment("states the opposite", NEUTRAL, VERDICT, meaning=sentence),
                  Segment(short or "see the claim", colour, VERDICT, meaning=sentence)))


def to_plain(pack: Pack, result: CheckedStatement) -> dict[str, Any]:
    """One statement as JSON-ready data. The first five keys are the stable interface:
    sentence, claim, verdict, negated, score (those of the closest claim); a statement
    that makes several claims lists the others in ``further_claims``, each with the keys
    the closest claim has."""
    data: dict[str, Any] = {
        "sentence": result.statement.full,
        **_claim_plain(result),
        "line": result.statement.line,
        "lead_in": result.statement.lead_in or None,
        "heading": result.statement.heading,
        "boilerplate": result.statement.boilerplate,
        "further_claims": [_claim_plain(further) for further in result.further],
        "also_matches": [other.id for other in result.match.others],
    }
    return data


def _claim_plain(result: CheckedStatement) -> dict[str, Any]:
    claim = result.claim
    return {
        "claim": claim.id if claim else None,
        "verdict": result.verdict,
        "negated": result.negated,
        "score": result.match.score,
        "judgement": result.judgement,
        "claim_name": claim.name if claim else None,
        "claim_statement": claim.statement if claim else None,
        "rationale": claim.rationale if claim else None,
        "sources": list(claim.sources) if claim else [],
    }


def to_text(pack: Pack, results: list[CheckedStatement]) -> str:
    """Every statement with its finding (each claim of a statement that makes several),
    then the summary, as plain text."""
    lines = []
    for result in results:
        lines.append(f"{result.statement.line}: {result.statement.full}")
        if result.claim is None:
            what = ("heading" if result.statement.heading else
                    "page text, states nothing medical" if result.statement.boilerplate else
                    "no matching claim")
            lines.append(f"    -> {what} (score {result.match.score:.2f})")
            continue
        lines.append(f"    -> {_finding_text(result, result.claim)}")
        lines += [f"    -> and {_finding_text(further, further.claim)}"
                  for further in result.further if further.claim is not None]
    lines.append("")
    lines += summary_lines(summarise(pack, results))
    return "\n".join(lines) + "\n"


def _finding_text(result: CheckedStatement, claim: Entity) -> str:
    if result.negated:
        return (f"STATES THE OPPOSITE of: {claim.name} ({claim.id}), judged "
                f"{result.verdict}; {result.judgement} (score {result.match.score:.2f})")
    return f"{result.verdict}: {claim.name} ({claim.id}) (score {result.match.score:.2f})"


def summary_lines(summary: Summary) -> list[str]:
    agreeing = ", ".join(f"{n} {v.replace('-', ' ')}" for v, n in summary.agreeing.items())
    opposite = ", ".join(f"{n} {v.replace('-', ' ')}" for v, n in summary.opposite.items()
                         if n)
    lines = [f"Statements: {summary.statements - summary.headings} "
             f"(and {summary.headings} heading{'' if summary.headings == 1 else 's'})",
             f"Agreeing with a claim: {agreeing}",
             f"Stating the opposite of a claim: {opposite or 'none'}",
             f"Matching no claim (score below {THRESHOLD}): {summary.unmatched}"]
    if summary.further_agreeing or summary.further_opposite:
        further = ", ".join(
            [f"{n} {v.replace('-', ' ')}" for v, n in summary.further_agreeing.items()]
            + [f"{n} stating the opposite of a claim judged {v.replace('-', ' ')}"
               for v, n in summary.further_opposite.items()])
        lines.append(f"Further claims of statements that make several: {further}")
    recommended = ", ".join(e.name for e in summary.unproven_recommended) or "none"
    warned = ", ".join(e.name for e in summary.unproven_warned_against) or "none"
    lines.append(f"Unproven treatments the text recommends: {recommended}")
    lines.append(f"Unproven treatments the text warns against: {warned}")
    return lines


def to_html(pack: Pack, results: list[CheckedStatement], title: str = "Article check",
            theme: Theme = LIGHT, link: Callable[[str], str] | None = None) -> str:
    """A printable page: the summary, then every statement with its badge, the claim, the
    rationale and the sources (escaped HTML in the pages' own style); ``link`` gives the
    address of an entity's page (a claim's, a source's), else names stay plain text."""
    summary = summarise(pack, results)
    parts = [f"<html><head><meta charset='utf-8'><title>{escape(title)}</title>"
             f"<style>{stylesheet(theme)}</style></head><body>",
             f"<h1>{escape(title)}</h1>",
             "<p class='muted'>Each sentence is matched to the closest statement the pack "
             "has judged. A match is a pointer, not a diagnosis: read the rationale.</p>",
             "<h2>Summary</h2><ul>"]
    parts += [f"<li>{escape(line)}</li>" for line in summary_lines(summary)]
    parts.append("</ul><h2>Statements</h2>")
    for result in results:
        parts.append(_statement_html(pack, result, link))
    parts.append("</body></html>")
    return "\n".join(parts)


def _named(entity: Entity, link: Callable[[str], str] | None) -> str:
    name = escape(entity.name)
    return f'<a href="{escape(link(entity.id))}">{name}</a>' if link else name


def _statement_html(pack: Pack, result: CheckedStatement,
                    link: Callable[[str], str] | None = None) -> str:
    text = escape(result.statement.text)
    if result.statement.heading:
        return f"<h3>{text}</h3>"
    lead = (f"<span class='muted'>{escape(result.statement.lead_in)}</span> "
            if result.statement.lead_in else "")
    out = [f"<p>{lead}{text}<br>{badge_html(statement_badge(pack, result))}"]
    if result.claim is not None:
        out.append(_finding_html(pack, result, result.claim, link))
    for further in result.further:
        if further.claim is not None:
            out.append(f"<br>{badge_html(statement_badge(pack, further))}")
            out.append(_finding_html(pack, further, further.claim, link, further=True))
    out.append("</p>")
    return "".join(out)


def _finding_html(pack: Pack, result: CheckedStatement, claim: Entity,
                  link: Callable[[str], str] | None, *, further: bool = False) -> str:
    """A claim a statement matches: its name, the judgement when the statement states its
    opposite, the pack's rationale and the sources (``further``: a further claim of a
    statement that makes several)."""
    relation = "States the opposite of" if result.negated else "Matches"
    if further:
        relation = "Also states the opposite of" if result.negated else "Also states"
    out = [f" <span class='muted'>{relation}:</span> {_named(claim, link)} "
           f"<span class='muted'>(score {result.match.score:.2f})</span>"]
    if result.negated:
        out.append(f"<br><b>{escape(result.judgement)}</b>")
    out.append(f"<br><span class='muted'>Pack's rationale:</span> "
               f"{escape(claim.summary or claim.rationale)}")
    sources = [_named(pack.entities[key], link) for key in claim.sources
               if key in pack.entities]
    if sources:
        out.append(f"<br><span class='muted'>Sources:</span> {'; '.join(sources)}")
    return "".join(out)
