"""Short plain-text and HTML snippets of a hit's text, with the matched words in bold."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .analysis import fold

SNIPPET_CHARS = 180
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*")


def _is_token_match(token: str, is_match: Callable[[str], bool],
                    seen: dict[str, bool]) -> bool:
    if token not in seen:
        seen[token] = any(is_match(word) for word in fold(token).split())
    return seen[token]


def _first_match(text: str, is_match: Callable[[str], bool], seen: dict[str, bool]
                 ) -> int | None:
    for token in _TOKEN.finditer(text):
        if _is_token_match(token.group(), is_match, seen):
            return token.start()
    return None


def make_snippet(texts: list[str], is_match: Callable[[str], bool],
                 size: int = SNIPPET_CHARS) -> tuple[str, str]:
    """(plain, html) from the first text with a match, else from the first text."""
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    if not texts:
        return "", ""
    seen: dict[str, bool] = {}
    chosen, first = texts[0], None
    for text in texts:
        first = _first_match(text, is_match, seen)
        if first is not None:
            chosen = text
            break
    start = 0
    if first is not None and len(chosen) > size and first > size // 3:
        start = chosen.rfind(" ", 0, first - size // 4) + 1
    end = len(chosen)
    if end - start > size:
        end = chosen.rfind(" ", start, start + size)
        if end <= start:
            end = start + size
    spans = [token.span() for token in _TOKEN.finditer(chosen, start, end)
             if first is not None and _is_token_match(token.group(), is_match, seen)]
    prefix = "\u2026" if start > 0 else ""
    suffix = "\u2026" if end < len(chosen) else ""
    plain = prefix + chosen[start:end] + suffix
    parts = [html.escape(prefix)]
    position = start
    for span_start, span_end in spans:
        parts.append(html.escape(chosen[position:span_start]))
        parts.append("<b>" + html.escape(chosen[span_start:span_end]) + "</b>")
        position = span_end
    parts.append(html.escape(chosen[position:end]) + html.escape(suffix))
    return plain, "".join(parts)
