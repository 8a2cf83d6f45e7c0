"""One search result: :class:`SearchHit`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class SearchHit:
    """One result. ``snippet`` and ``snippet_html`` are computed on first use (only the
    results shown need them)."""

    __slots__ = ("_make_snippet", "_snippet", "evidence", "id", "matched", "name", "score",
                 "type", "verdict")

    id: str
    type: str
    name: str
    score: float
    """Higher is better; the integer part is the tier (3 exact, 2 starts with, 1 name words,
    0 text), the fraction orders hits inside it (coverage of a multi-word text, BM25F
    relevance, centrality)."""
    evidence: str
    """The entity's evidence level id, or ""."""
    verdict: str
    """A claim's verdict id, else ""."""
    matched: str
    """The name, alias or code that matched, or "" for a match in the text."""

    def __init__(self, id: str, type: str, name: str, score: float, evidence: str,
                 verdict: str, matched: str, snippet: str = "", snippet_html: str = "", *,
                 make_snippet: Callable[[], tuple[str, str]] | None = None) -> None:
        self.id, self.type, self.name, self.score = id, type, name, score
        self.evidence, self.verdict, self.matched = evidence, verdict, matched
        self._snippet: tuple[str, str] | None = (
            None if make_snippet is not None else (snippet, snippet_html))
        self._make_snippet = make_snippet

    def _snippets(self) -> tuple[str, str]:
        if self._snippet is None:
            assert self._make_snippet is not None
            self._snippet = self._make_snippet()
            self._make_snippet = None
        return self._snippet

    @property
    def snippet(self) -> str:
        """Plain text."""
        return self._snippets()[0]

    @property
    def snippet_html(self) -> str:
        """Escaped HTML with the matched words in <b>."""
        return self._snippets()[1]

    def _key(self) -> tuple[object, ...]:
        return (self.id, self.type, self.name, self.score, self.evidence, self.verdict,
                self.matched, *self._snippets())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SearchHit):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"SearchHit(id={self.id!r}, type={self.type!r}, name={self.name!r}, "
                f"score={self.score!r}, matched={self.matched!r})")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name": self.name,
                "score": round(self.score, 4), "evidence": self.evidence,
                "verdict": self.verdict, "matched": self.matched, "snippet": self.snippet}
