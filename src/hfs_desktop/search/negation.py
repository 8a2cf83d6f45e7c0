"""Negation: which words of a text are said not to hold ("do not cause pain", "painless").

A negation cue ("not", "no", "never", "without", "don't", ...) negates the next
:data:`SCOPE` content words of its clause; "non" negates only the next word; a word ending
in "-less" ("painless") negates its root ("pain"). Indexing puts negated words in a field
of their own, and a query's negated words match there first, so "the cramps do not cause
pain" meets "the cramps are painless" rather than "painful cramps".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .analysis import QUESTION_WORDS, STOP_WORDS, stem, words

CUES = frozenset((
    "not", "no", "never", "without", "nor", "neither", "cannot", "cant", "dont", "doesnt",
    "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "shouldnt", "couldnt",
    "hasnt", "havent", "hadnt", "nothing", "none"))
"""Folded words that negate what follows (apostrophes are dropped by folding)."""

SCOPE = 2
"""Content words negated after a cue."""

_CLAUSE = re.compile(r"[.;:,!?()\[\]]|\b(?:but|and|or|while|although)\b", re.I)
"""What ends a clause: punctuation, or one of these words."""
_ENDING = frozenset(("but", "and", "or", "while", "although"))
"""The words of :data:`_CLAUSE`."""
_SKIPPED = STOP_WORDS | QUESTION_WORDS | {
    "always", "usually", "often", "be", "at", "all", "even", "ever", "much", "necessarily",
    "yet"}


@dataclass(frozen=True)
class Split:
    """A text's folded words in order, and the stems said not to hold."""

    positive: list[str]
    negated: list[str]


def less_root(word: str) -> str | None:
    """The root of a "-less" word ("painless" -> "pain"), or None."""
    if word.endswith("less") and len(word) >= 7 and word.isalpha():
        return word[:-4]
    return None


def flags(folded_words: list[str]) -> list[bool]:
    """For each folded word of one clause, whether a cue before it negates it."""
    out: list[bool] = []
    left = 0
    for word in folded_words:
        if word in CUES:
            out.append(False)
            left = SCOPE
        elif word == "non":
            out.append(False)
            left = 1
        elif left and word not in _SKIPPED:
            out.append(True)
            left -= 1
        else:
            out.append(False)
    return out


def in_clauses(text: str, text_words: list[str] | None = None) -> list[str]:
    """The words of a text's clauses in a row (the words that end a clause left out);
    ``text_words`` are ``words(text)`` when already known."""
    if text.isascii() and "'" not in text and "`" not in text and "_" not in text:
        # Here a word of the pattern (\b, case aside) is exactly a folded word: drop those.
        found = words(text) if text_words is None else text_words
        return [word for word in found if word not in _ENDING]
    # Folding the clauses joined by spaces gives each clause's words in turn.
    return words(_CLAUSE.sub(" ", text))


def split(text: str, text_words: list[str] | None = None) -> Split:
    """The words of a text (cues kept), and the stems it negates; ``text_words`` are
    ``words(text)`` when already known."""
    # Without a cue or a "-less" word anywhere, the clauses' words in a row are the answer
    # (what the loop below gives, clause by clause); most texts are so.
    every = in_clauses(text, text_words)
    if (CUES.isdisjoint(every) and "non" not in every
            and "less " not in " ".join(every) + " "):
        return Split(every, [])
    positive: list[str] = []
    negated: list[str] = []
    for clause in _CLAUSE.split(text):
        clause_words = words(clause)
        if (CUES.isdisjoint(clause_words) and "non" not in clause_words
                and "less " not in " ".join(clause_words) + " "):
            positive += clause_words  # no cue and no "-less" word: nothing negated
            continue
        for word, is_negated in zip(clause_words, flags(clause_words), strict=True):
            if is_negated:
                negated.append(stem(word))
            else:
                positive.append(word)
            root = less_root(word)
            if root:
                negated.append(stem(root))
    return Split(positive, negated)
