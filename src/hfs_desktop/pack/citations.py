"""Citation markup in pack text: ``[@key]`` or ``[@key1; @key2]`` (Pandoc's form).

The validator checks every key; the renderer turns each group into numbered links."""

from __future__ import annotations

import re
from collections.abc import Iterator, Set

CITATION = re.compile(r"\[@([^\[\]]*)\]")
"""One citation group; group 1 holds the keys, each after an ``@``, ``;``-separated."""


def split_keys(inner: str) -> list[str]:
    """The keys of one group's inside ("costa-2005; @duarte-2020" -> both keys)."""
    return [part.strip().lstrip("@").strip() for part in inner.split(";") if part.strip()]


def citation_keys(text: str) -> list[str]:
    """Every key cited in ``text``, in order, repeats kept."""
    return [key for match in CITATION.finditer(text) for key in split_keys(match.group(1))]


def citation_groups(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """(start, end, keys) of each citation group in ``text``."""
    for match in CITATION.finditer(text):
        yield match.start(), match.end(), split_keys(match.group(1))


def strip_citations(text: str) -> str:
    """The text with its citation groups removed (for search and plain summaries)."""
    return re.sub(r"\s*" + CITATION.pattern, "", text)


def bare_keys(text: str, keys: Set[str]) -> list[str]:
    """Source keys written in ``text`` outside citation markup (each once, in order)."""
    if "-" not in text:  # every key holds a hyphen; most names and many texts none
        return []
    plain = CITATION.sub(" ", text).casefold()
    found = []
    for word in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", plain):
        if word in keys and word not in found:
            found.append(word)
    return found
