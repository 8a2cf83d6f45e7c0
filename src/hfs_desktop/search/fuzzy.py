"""Typo tolerance: words of the names and aliases within two edits of a typed word."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable


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
    """The known words, read one first letter at a time, bucketed by length.

    ``words_from(letter)`` lists the known words starting with a letter; ``count(word)``
    gives a word's document count. Nothing is read until a correction is asked for, and
    then only the words of that first letter (a 45,000-term pack's 31,000 words once took
    a second to list with their counts and bucket), and counts only of the close words.
    """

    def __init__(self, words_from: Callable[[str], Iterable[str]],
                 count: Callable[[str], int]) -> None:
        self._words_from = words_from
        self._count = count
        self._letters: dict[str, dict[int, list[str]]] = {}
        self._grams: dict[str, frozenset[str]] = {}

    @classmethod
    def of(cls, words: Iterable[tuple[str, int]]) -> Lexicon:
        """A lexicon of the given (word, document count) pairs."""
        counts = dict(words)
        return cls(lambda letter: [w for w in counts if w.startswith(letter)],
                   lambda word: counts[word])

    def _bucket(self, letter: str, length: int) -> list[str]:
        by_length = self._letters.get(letter)
        if by_length is None:
            by_length = self._letters[letter] = defaultdict(list)
            for word in self._words_from(letter):
                if word and word[0] == letter:
                    by_length[len(word)].append(word)
        return by_length.get(length, [])

    def _bigrams(self, word: str) -> frozenset[str]:
        found = self._grams.get(word)
        if found is None:
            found = self._grams[word] = bigrams(word)
        return found

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
            for candidate in self._bucket(word[0], length):
                if len(grams & self._bigrams(candidate)) < needed:
                    continue
                distance = edit_distance(word, candidate, edits)
                if 0 < distance <= edits:
                    found.append((distance, -self._count(candidate), candidate))
        found.sort()
        return [(candidate, distance) for distance, _, candidate in found[:limit]]
