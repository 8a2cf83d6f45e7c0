"""The learning tools as the Library hands them out: an article check, the differential and
the self-test, with every entity id qualified (``PACK/ID``) and no Qt.

The work is done by `check`, `differential` and `quiz` on one pack; this module qualifies
their ids and turns the pack's citation markup into links that open the sources' pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ids import qualify
from .pack import Pack
from .pack.citations import citation_groups

if TYPE_CHECKING:
    from .badges import Badge
    from .check import CheckedStatement
    from .check.report import Summary
    from .differential import DifferentialResult, FeatureInfo, LinkView, RankedCondition
    from .pagestyle import Theme
    from .quiz import Question


def cited_html(pack: Pack, text: str) -> str:
    """Escaped text whose ``[@key]`` groups became named links to the sources' pages:
    "... [<a href=hfs://entity/hfs/tan-2002>Tan et al. 2002</a>]"."""
    from .render import entity_link

    out, last = [], 0
    for start, end, keys in citation_groups(text):
        out.append(escape(text[last:start]))
        links = [f'<a href="{escape(entity_link(qualify(pack.meta.id, key)))}">'
                 f"{escape(pack.entities[key].name if key in pack.entities else key)}</a>"
                 for key in keys]
        out.append(f"[{'; '.join(links)}]")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


# -- check an article ---------------------------------------------------------------------

MAX_ARTICLE_BYTES = 20_000_000


class ArticleUnreadable(ValueError):
    """A file that cannot be checked (the message names the file and why)."""


def read_article(path: Path) -> str:
    """The text of an article file, an HTML page's markup removed (one line a block, list
    items as "- item"); ArticleUnreadable names the file and the cause."""
    from .check.sentences import html_to_text, looks_like_html

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise ArticleUnreadable(f"cannot read {path}: {exc.strerror or exc}") from None
    text = decode_article(data, str(path))
    text = html_to_text(text) if looks_like_html(text) else text
    if not text.strip():
        raise ArticleUnreadable(f"{path} is empty: nothing to check")
    return text


def decode_article(data: bytes, name: str) -> str:
    """An article's bytes (at most MAX_ARTICLE_BYTES + 1 read) as text; ArticleUnreadable,
    naming ``name``, for a file too large to be an article, a binary file or one not in
    UTF-8 (with the line of the first bad byte)."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleUnreadable(f"{name} is larger than {MAX_ARTICLE_BYTES // 1_000_000} MB: "
                                "not an article")
    if b"\x00" in data[:65536]:
        raise ArticleUnreadable(f"{name} is a binary file, not text: choose a plain-text or "
                                "HTML article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ArticleUnreadable(f"{name}:{line}: not UTF-8 text (byte "
                                f"0x{data[exc.start]:02x}); save the article as UTF-8") from None



@dataclass(frozen=True, slots=True)
class CheckedLine:
    """One statement of a checked text (qualified ids)."""

    sentence: str  # the statement as read, its lead-in included
    text: str  # the statement without its lead-in
    lead_in: str
    line: int
    heading: bool
    boilerplate: bool
    claim: str | None  # qualified
    claim_name: str
    verdict: str | None
    negated: bool
    score: float
    judgement: str
    rationale: str
    sources: tuple[str, ...]  # qualified
    badge: Badge
    further: tuple[CheckedLine, ...] = ()  # further claims the statement makes, each so


@dataclass(frozen=True, slots=True)
class CheckSummary:
    statements: int  # headings not counted
    headings: int
    agreeing: dict[str, int]  # by the verdict of the claim agreed with (every verdict)
    opposite: dict[str, int]  # stating the opposite, by the claim's verdict
    unmatched: int
    unproven_recommended: tuple[tuple[str, str], ...]  # (qualified id, name)
    unproven_warned_against: tuple[tuple[str, str], ...]
    lines: tuple[str, ...]  # the summary in words, as the report prints it


class ArticleCheck:
    """A text checked against one pack's claims."""

    def __init__(self, pack: Pack, results: Sequence[CheckedStatement]) -> None:
        from .check.report import statement_badge, summarise, summary_lines

        self._pack = pack
        self._results = list(results)
        self.pack = pack.meta.id
        self.statements = [self._line(r, statement_badge(pack, r)) for r in self._results]
        summary: Summary = summarise(pack, self._results)
        self.summary = CheckSummary(
            summary.statements - summary.headings, summary.headings, summary.agreeing,
            summary.opposite, summary.unmatched,
            tuple((self._q(e.id), e.name) for e in summary.unproven_recommended),
            tuple((self._q(e.id), e.name) for e in summary.unproven_warned_against),
            tuple(summary_lines(summary)))

    def _q(self, entity_id: str) -> str:
        return qualify(self.pack, entity_id)

    def _line(self, result: CheckedStatement, badge: Badge) -> CheckedLine:
        from .check.report import statement_badge

        statement, claim = result.statement, result.claim
        return CheckedLine(
            statement.full, statement.text, statement.lead_in, statement.line,
            statement.heading, statement.boilerplate,
            self._q(claim.id) if claim else None, claim.name if claim else "",
            result.verdict, result.negated, result.match.score, result.judgement,
            (claim.summary or claim.rationale) if claim else "",
            tuple(self._q(key) for key in claim.sources) if claim else (), badge,
            tuple(self._line(further, statement_badge(self._pack, further))
                  for further in result.further))

    def __len__(self) -> int:
        return len(self.statements)

    def to_plain(self) -> list[dict[str, Any]]:
        """One JSON-ready object per statement (`check.report.to_plain`, ids qualified)."""
        from .check.report import to_plain

        out = []
        for result in self._results:
            data = to_plain(self._pack, result)
            if data["claim"] is not None:
                data["claim"] = self._q(data["claim"])
            data["sources"] = [self._q(key) for key in data["sources"]]
            data["also_matches"] = [self._q(key) for key in data["also_matches"]]
            for further in data["further_claims"]:
                further["claim"] = self._q(further["claim"])
                further["sources"] = [self._q(key) for key in further["sources"]]
            out.append(data)
        return out

    def text(self) -> str:
        from .check.report import to_text

        return to_text(self._pack, self._results)

    def html(self, title: str = "Article check", theme: Theme | None = None, *,
             links: bool = True) -> str:
        """The printable report; with ``links`` each claim names its page as a link."""
        from .check.report import to_html
        from .pagestyle import LIGHT
        from .render import entity_link

        link = (lambda entity_id: entity_link(self._q(entity_id))) if links else None
        return to_html(self._pack, self._results, title, theme or LIGHT, link=link)


# -- the differential ---------------------------------------------------------------------


def qualified_features(pack: Pack, features: Iterable[FeatureInfo]) -> list[FeatureInfo]:
    return [replace(f, id=qualify(pack.meta.id, f.id)) for f in features]


def qualified_result(pack: Pack, result: DifferentialResult) -> DifferentialResult:
    pack_id = pack.meta.id

    def link(view: LinkView) -> LinkView:
        return replace(view, feature=qualify(pack_id, view.feature),
                       sources=tuple(qualify(pack_id, key) for key in view.sources))

    def condition(item: RankedCondition) -> RankedCondition:
        return replace(item, id=qualify(pack_id, item.id),
                       for_links=tuple(link(v) for v in item.for_links),
                       against_links=tuple(link(v) for v in item.against_links))

    return replace(result, ticked=tuple(qualify(pack_id, f) for f in result.ticked),
                   conditions=tuple(condition(c) for c in result.conditions),
                   feature_notes=tuple((qualify(pack_id, f), note)
                                       for f, note in result.feature_notes))


def tie_label(result: DifferentialResult, condition: RankedCondition) -> str:
    """The rank as shown: "2" alone, "2=" when shared."""
    shared = sum(1 for c in result.conditions if c.rank == condition.rank) > 1
    return f"{condition.rank}{'=' if shared else ''}"


# -- the self-test --------------------------------------------------------------------------


def qualified_question(pack: Pack, question: Question) -> Question:
    from .quiz import Option

    pack_id = pack.meta.id
    return replace(question,
                   options=tuple(Option(qualify(pack_id, o.id), o.label)
                                 for o in question.options),
                   sources=tuple(qualify(pack_id, key) for key in question.sources),
                   pages=tuple(qualify(pack_id, ref) for ref in question.pages))
