"""A page's numbered references: numbers by first appearance, the list, its plain text.

The renderer numbers every source as the page first cites it (inline ``[@key]`` groups, then
the sources of each graded section, then the entity's other sources); the same numbers make the
page's "Sources" list and the plain-text list a reader copies for a handout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .pack.model import Entity, Pack

IDENTIFIERS = (("pmid", "PMID"), ("pmcid", "PMCID"), ("doi", "DOI"))
"""Identifiers shown after a citation, as text (never fetched)."""


@dataclass(frozen=True, slots=True)
class Reference:
    number: int
    source_id: str
    citation: str
    identifiers: tuple[tuple[str, str], ...]  # (label, value), e.g. ("PMID", "9843077")

    @property
    def anchor(self) -> str:
        """The anchor name of its entry in the page's list ("ref-3")."""
        return anchor_name(self.number)

    def plain(self) -> str:
        """"3. Wang A, Jankovic J. ... PMID 9843077; DOI 10.1002/..."."""
        ids = "; ".join(f"{label} {value}" for label, value in self.identifiers)
        citation = self.citation.rstrip()
        if ids:
            citation += ("" if citation.endswith(".") else ".") + " " + ids + "."
        return f"{self.number}. {citation}"


def anchor_name(number: int) -> str:
    return f"ref-{number}"


class Numbering:
    """Numbers the sources cited on one page, in order of first appearance.

    Keys that name no source of the pack get no number (the validator reports them)."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.order: list[str] = []

    def number(self, key: str) -> int | None:
        entity = self.pack.entities.get(key)
        if entity is None or entity.type != "source":
            return None
        if key not in self.order:
            self.order.append(key)
        return self.order.index(key) + 1

    def numbers(self, keys: Iterable[str]) -> list[int]:
        """The numbers of these keys, each once, ascending (a citation group: [1, 3])."""
        found = (self.number(key) for key in keys)
        return sorted({number for number in found if number is not None})

    def references(self) -> tuple[Reference, ...]:
        return tuple(reference(self.pack.entities[key], i)
                     for i, key in enumerate(self.order, start=1))


def reference(source: Entity, number: int) -> Reference:
    """A source entity as the numbered entry of a list."""
    citation = source.extra.get("citation") or source.name
    ids = tuple((label, source.extra[key]) for key, label in IDENTIFIERS
                if source.extra.get(key))
    return Reference(number, source.id, " ".join(citation.split()), ids)


def plain_text(references: Iterable[Reference]) -> str:
    """The numbered list, one entry a line, ready to paste into a handout."""
    return "".join(ref.plain() + "\n" for ref in references)
