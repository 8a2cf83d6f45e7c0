"""Lay words of a query and their equivalents, from the thesaurus the article checker uses.

A query word ("pills", "asleep") also matches the other words of its thesaurus groups
("drug", "medication", "sleep"), for a little less than the word itself; a phrase of the
query that the thesaurus holds ("at night", "runs in families") lends its group's words to
its last word. Only single words are looked for in the index, by their stems (the
thesaurus' phrases are read in queries, not looked up).
"""

from __future__ import annotations

from functools import lru_cache

from ..thesaurus import GROUPS
from .analysis import stem, words

CREDIT = 0.75
"""Credit of a lay equivalent, against 1.0 for the word itself."""
MAX_EQUIVALENTS = 8
"""Equivalents looked up per query word (a word of several wide groups stops here)."""
MAX_PHRASE = 4


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, ...], tuple[str, ...]]]:
    by_word: dict[str, dict[str, None]] = {}
    by_phrase: dict[tuple[str, ...], dict[str, None]] = {}
    for canonical, phrases in GROUPS.items():
        members = [tuple(words(p)) for p in (canonical, *phrases)]
        singles = [m[0] for m in members if len(m) == 1]
        for member in members:
            if len(member) == 1:
                for form in (member[0], stem(member[0])):
                    by_word.setdefault(form, {}).update(dict.fromkeys(singles))
            elif 1 < len(member) <= MAX_PHRASE:
                by_phrase.setdefault(member, {}).update(dict.fromkeys(singles))
    return ({k: tuple(v) for k, v in by_word.items()},
            {k: tuple(v) for k, v in by_phrase.items()})




@lru_cache(maxsize=4096)
def equivalents(folded: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """For each folded word of a query, the stems of its lay equivalents (its own left
    out), at most :data:`MAX_EQUIVALENTS`."""
    by_word, by_phrase = _tables()  # made on the first search, not when imported
    found: list[dict[str, None]] = [{} for _ in folded]
    for position, word in enumerate(folded):
        found[position].update(dict.fromkeys(by_word.get(word) or by_word.get(stem(word))
                                             or ()))
    for size in range(2, MAX_PHRASE + 1):
        for start in range(len(folded) - size + 1):
            phrase = by_phrase.get(folded[start:start + size])
            if phrase:
                found[start + size - 1].update(dict.fromkeys(phrase))
    out = []
    for word, members in zip(folded, found, strict=True):
        stems = dict.fromkeys(stem(m) for m in members)  # "twitch", "twitches": one
        stems.pop(stem(word), None)
        out.append(tuple(list(stems)[:MAX_EQUIVALENTS]))
    return tuple(out)
