"""Whether a text asserts or denies what it says: clauses, negation cues, words of the
opposite pole ("rare", "useless", "stops") and debunking frames ("there is no evidence
that", "it is a myth that").

A clause's polarity is the parity of the negations in it: "the spasms do not go away"
(a cue and an opposite-pole word) asserts what "the spasms persist" asserts. A sentence
is compared with a claim clause by clause (:func:`opposes`); a debunking frame denies the
whole sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..search.analysis import fold, stem
from .thesaurus import GROUPS, SYNONYM

CUES = frozenset((
    "not", "no", "never", "without", "nor", "neither", "cannot", "cant", "dont", "doesnt",
    "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "shouldnt", "couldnt",
    "hasnt", "havent", "hadnt", "nothing", "none", "nobody", "rarely", "seldom", "hardly",
    "minority", "neither", "lack", "lacks", "fails", "fail", "failed"))
"""Folded words that deny what follows in their clause."""

OPPOSITE_POLE = frozenset((
    # privatives: the absence of what the root names
    "rare", "uncommon", "unknown", "unclear", "unable", "absent", "ineffective", "blind",
    "blindness", "deaf",
    # ending or removing: "the spasms stop" denies "the spasms persist"
    "cure", "cures", "cured", "curing", "rid", "eliminate", "eliminates", "eliminated",
    "eliminating", "away", "stop", "stops", "stopped", "stopping", "cease", "ceases",
    "disappear", "disappears", "disappeared", "vanish", "vanishes", "fade", "fades",
    "subside", "subsides", "free", "frees", "cut", "drop", "dropped", "limit", "avoid",
    "avoided", "prevent", "prevents", "prevented"))
"""Words that carry a negation in themselves: the opposite pole of a word a claim may use
("rare" of "common", "stops" of "persists"). Words ending in "-less" ("useless",
"painless") count too. Such a word counts only against a text that speaks of the same
thing (a word of the same thesaurus group): "the spasms do not go away" and "the spasms
continue" agree, "drugs cure most patients" and "drugs get rid of the spasm in most
patients" agree, and "geranium leaves make the signs fade" does not deny "press geranium
leaves on the face"."""

_NOT_LESS = frozenset(("unless", "regardless", "nevertheless", "doubtless", "bless"))

NEUTRAL_IDIOMS = (
    "no substitute for", "not only", "no doubt", "not excluded", "cannot be excluded",
    "cannot be ruled out", "not be ruled out", "nothing more", "nothing else",
    "not uncommon", "not always", "doesn't always", "don't always", "isn't always",
    "aren't always", "cannot always", "can't always", "not necessarily", "on the contrary",
    "no matter",
    "not to mention", "if not", "none other", "without delay", "without doubt",
    "no wonder", "not least")
"""Phrases with a negation word that deny nothing ("not always" restricts rather than
denies: the words around it carry the meaning on either side)."""

PHRASES = {"head off": "prevent", "ward off": "prevent", "keep at bay": "prevent",
           "go away": "away", "goes away": "away", "pass off": "away"}
"""Phrases read as one opposite-pole word."""

DEBUNKING = (
    r"\bno (?:good |real |scientific |clinical |convincing |solid )?(?:evidence|proof|study|"
    r"studies|trial|trials|research|data)\b",
    r"\bnot (?:been )?(?:proven|proved|shown|demonstrated)\b",
    r"\bnever (?:been )?(?:proven|proved|shown|demonstrated)\b",
    r"\bunproven\b", r"\bno proven\b", r"\bmyths?\b", r"\bsimply false\b",
    r"\bis false\b", r"\bare false\b", r"\buntrue\b", r"\bbe wary\b", r"\bbeware\b",
    r"\bdont waste\b", r"\bdo not waste\b", r"\bwaste of (?:time|money)\b",
    r"\bcontrary to\b", r"\bdo not rely\b", r"\bdont rely\b", r"\bdo not believe\b",
    r"\bdont believe\b", r"\bdo not trust\b", r"\bdont trust\b", r"\bdebunked\b",
    r"\bmisconception\b", r"\bnot true\b", r"\bnot a treatment\b", r"\bquackery\b",
    r"\bscam\b", r"\bwarn(?:s|ed)? against\b", r"\bavoid (?:any|all) of\b",
)
"""Frames that deny or warn against the statement they carry (folded text)."""

_DEBUNKING = re.compile("|".join(DEBUNKING))
_IDIOMS = re.compile("|".join(r"\b" + re.escape(fold(p)) + r"\b" for p in NEUTRAL_IDIOMS))
_PHRASES = re.compile("|".join(r"\b" + re.escape(p) + r"\b" for p in PHRASES))
_CLAUSE = re.compile(r"[.;:,!?()\[\]]|\s(?:but|while|although|though|whereas|so|that|which|"
                     r"because)\s|\s(?:and|or)\s(?=(?:\w+\s){0,3}(?:not|no|never|cannot|"
                     r"(?:don|doesn|didn|isn|aren|won|can|couldn|wouldn|shouldn)"
                     r"[\'\u2019]?t)\b)", re.I)


@dataclass(frozen=True, slots=True)
class Clause:
    words: tuple[str, ...]
    """Folded words of the clause."""
    cues: int
    """Negation cues ("not", "never", "nothing")."""
    poles: tuple[frozenset[str], ...]
    """For each opposite-pole word, the thesaurus groups it belongs to ("=persist")."""

    def negative(self, topics: frozenset[str] | set[str]) -> bool:
        """Whether the clause denies what its words say, read against a text with these
        features: cues always count, an opposite-pole word when the text shares one of its
        groups."""
        count = self.cues + sum(1 for groups in self.poles if groups & topics)
        return count % 2 == 1


def debunks(text: str) -> bool:
    """Whether the text carries a debunking or warning frame."""
    return bool(_DEBUNKING.search(_IDIOMS.sub(" ", fold(text))))


def clauses(text: str) -> list[Clause]:
    """The clauses of a text with their polarity (debunking frames not counted here)."""
    out: list[Clause] = []
    for part in _CLAUSE.split(text):
        folded = _IDIOMS.sub(" ", fold(part))
        folded = _DEBUNKING.sub(" ", folded)
        folded = _PHRASES.sub(lambda m: PHRASES[m.group()], folded)
        clause_words = tuple(folded.split())
        if not clause_words:
            continue
        cues = sum(1 for word in clause_words if word in CUES)
        poles = tuple(pole_groups(word) for word in clause_words if _is_pole(word))
        out.append(Clause(clause_words, cues, poles))
    return out


def _is_pole(word: str) -> bool:
    return stem(word) in _POLE_STEMS or (word.endswith("less") and len(word) >= 7
                                         and word.isalpha() and word not in _NOT_LESS)


def pole_groups(word: str) -> frozenset[str]:
    """The thesaurus groups ("=persist") of an opposite-pole word, or of its root."""
    groups = _WORD_GROUPS.get(word) or _WORD_GROUPS.get(stem(word))
    if groups is None and word.endswith("less"):
        groups = _WORD_GROUPS.get(word[:-4], frozenset())
    return groups or frozenset()


def _word_groups() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for canonical, phrases in GROUPS.items():
        for phrase in (canonical, *phrases):
            for word in fold(phrase).split():
                table.setdefault(word, set()).add(SYNONYM + canonical)
                table.setdefault(stem(word), set()).add(SYNONYM + canonical)
    return {word: frozenset(groups) for word, groups in table.items()}


_WORD_GROUPS = _word_groups()
_POLE_STEMS = frozenset(stem(word) for word in OPPOSITE_POLE)
