"""Short plain-text and HTML snippets of a hit's text, with the matched words in bold."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .analysis import fold

SNIPPET_CHARS = 180
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*")


def _matches(text: str, is_match: Callable[[str], bool]) -> list[tuple[int, int]]:
    spans = []
    for token in _TOKEN.finditer(text):
        if any(is_match(word) for word in fold(token.group()).split()):
            spans.append(token.span())
    return spans


def make_snippet(texts: list[str], is_match: Callable[[str], bool],
                 size: int = SNIPPET_CHARS) -> tuple[str, str]:
    """(plain, html) from the first text with a match, else from the first text."""
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    if not texts:
        return "", ""
    chosen, spans = texts[0], _matches(texts[0], is_match)
    if not spans:
        for text in texts[1:]:
            found = _matches(text, is_match)
            if found:
                chosen, spans = text, found
                break
    start = 0
    if spans and len(chosen) > size and spans[0][0] > size // 3:
        start = chosen.rfind(" ", 0, spans[0][0] - size // 4) + 1
    end = len(chosen)
    if end - start > size:
        end = chosen.rfind(" ", start, start + size)
        if end <= start:
            end = start + size
    prefix = "\u2026" if start > 0 else ""
    suffix = "\u2026" if end < len(chosen) else ""
    plain = prefix + chosen[start:end] + suffix
    parts = [html.escape(prefix)]
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(html.escape(chosen[position:span_start]))
        parts.append("<b>" + html.escape(chosen[span_start:span_end]) + "</b>")
        position = span_end
    parts.append(html.escape(chosen[position:end]) + html.escape(suffix))
    return plain, "".join(parts)
