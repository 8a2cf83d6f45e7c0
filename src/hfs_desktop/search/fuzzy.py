"""Typo tolerance: words of the names and aliases within two edits of a typed word."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap counts once), or ``limit + 1`` if beyond it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = i
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def bigrams(word: str) -> frozenset[str]:
    return frozenset(word[i:i + 2] for i in range(len(word) - 1))


def max_edits(word: str) -> int:
    """How many typos a word of this length may carry: none under 4 letters, 2 from 6."""
    if len(word) < 4 or not word.isalpha():
        return 0
    return 1 if len(word) < 6 else 2


class Lexicon:
    """The known words, bucketed by first letter and length, with their document counts."""

    def __init__(self, words: Iterable[tuple[str, int]]) -> None:
        self._buckets: dict[tuple[str, int], list[tuple[str, int, frozenset[str]]]] = (
            defaultdict(list))
        for word, count in words:
            if word:
                self._buckets[word[0], len(word)].append((word, count, bigrams(word)))

    def corrections(self, word: str, limit: int = 3) -> list[tuple[str, int]]:
        """Up to ``limit`` (word, distance) pairs, closest then commonest first.

        The first letter must be right: it is rarely the mistake, and it keeps this fast.
        """
        edits = max_edits(word)
        if not edits:
            return []
        found: list[tuple[int, int, str]] = []
        grams = bigrams(word)
        # Each edit destroys at most two of the word's distinct bigrams: a cheap filter.
        needed = len(grams) - 2 * edits
        for length in range(len(word) - edits, len(word) + edits + 1):
            for candidate, count, other in self._buckets.get((word[0], length), ()):
                if len(grams & other) < needed:
                    continue
                distance = edit_distance(word, candidate, edits)
                if 0 < distance <= edits:
                    found.append((distance, -count, candidate))
        found.sort()
        return [(candidate, distance) for distance, _, candidate in found[:limit]]
