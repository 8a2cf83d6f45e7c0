"""Words that ask for a kind of entry ("treatments", "pills", "risks", "who gets") rather
than name one.

The kinds are the pack's own (``entity-types.yaml``): a type's id, label and plural ask for
it ("treatment", "risk factors"; a label of two kinds, "Course and outlook", for either).
A small general lay vocabulary adds the everyday words for the usual medical kinds
("pills" and "surgery" for a treatment, "tests" for a diagnostic, "why" for a cause),
which ask for a kind only when the pack has one of that label. Cues are matched on stems,
so "risk" and "risks", "diagnose" and "diagnosed" are one cue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..pack.model import EntityType
from .analysis import fold, key

ASKS = 1.0
"""Credit of an entry of the kind for a word that only asks for the kind ("treatments")."""
NAMES_PART = 0.3
"""Credit of an entry of the kind for a word that names part of it ("pills" of the
treatments, "scan" of the diagnostics): its own words and their lay equivalents count more."""

LAY_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "treatment": (
        ("treatment", "treatments", "therapy", "therapies", "remedy", "remedies", "option",
         "options", "management"),
        ("treat", "treating", "manage", "cure", "cures", "drug", "drugs", "medicine",
         "medicines", "medication", "medications", "meds", "pill", "pills", "tablet",
         "tablets", "surgery", "surgeries", "operation", "operations", "operate", "procedure",
         "procedures", "injection", "injections", "shots", "jabs"),
        ("treatment",)),
    "diagnostic": (
        ("test", "tests", "diagnosis", "investigation", "investigations", "examination",
         "exam", "work up"),
        ("testing", "diagnose", "diagnosed", "scan", "scans", "imaging", "x ray"),
        ("diagnostic", "diagnosis", "test")),
    "cause": (
        ("cause", "causes", "why", "reason", "reasons", "origin"),
        ("caused", "causing"),
        ("cause", "mechanism", "risk factor")),
    "risk factor": (
        ("risk factor", "risk factors", "who", "likely", "prone", "susceptible"),
        (),
        ("risk factor",)),
    "complication": (
        ("complication", "complications", "risk", "risks", "danger", "dangers",
         "side effect", "side effects", "adverse effects"),
        ("harm", "harmful", "dangerous", "go wrong"),
        ("complication",)),
    "symptom": (
        ("symptom", "symptoms", "sign", "signs", "feature", "features"),
        (),
        ("symptom", "sign")),
    "trigger": (
        ("trigger", "triggers"),
        ("provoke", "provokes", "set off", "sets off", "bring on", "brings on",
         "make worse", "makes worse", "worse"),
        ("trigger",)),
    "course": (
        ("outlook", "prognosis", "future", "natural history"),
        ("untreated",),
        ("course", "outlook")),
}
"""General lay vocabulary of the usual medical kinds: for each, the words that ask for it
(nouns: "treatments", "tests", "risks"), the words that name part of it or say a verb of it
("pills", "surgery", "scan"; "treat", "sets off"), and the kind words a pack's type label
is matched against."""

MAX_CUE_WORDS = 3
QUALIFIERS = frozenset((
    "for", "of", "after", "before", "during", "with", "without", "from", "in", "on", "at",
    "by", "about", "since", "following", "when", "while", "because", "if", "than", "like",
    "between", "against", "into", "through", "under", "over", "whether"))
"""Words that open a qualifying phrase: a kind word after one qualifies ("hearing loss
after surgery") rather than asks for the kind ("surgery risks", "pills for facial spasm")."""


@dataclass(frozen=True, slots=True)
class Cue:
    """The types a word asks for and how fully an entry of one satisfies the word."""

    types: tuple[str, ...]
    credit: float


def type_keys(kind: EntityType) -> set[str]:
    """The stemmed keys that ask for a type: its id, label and plural, and each part of a
    label of two kinds ("course", "outlook" of "Course and outlook")."""
    keys = {key(kind.id.replace("-", " ")), key(kind.label), key(kind.plural)}
    for text in (kind.label, kind.plural):
        keys.update(key(part) for part in text.split(" and ") if part.strip())
    return {k for k in keys if k}


class KindCues:
    """The pack's kinds by the words that ask for them."""

    def __init__(self, entity_types: Iterable[EntityType]) -> None:
        by_key: dict[str, set[str]] = {}
        for kind in entity_types:
            for type_key in type_keys(kind):
                by_key.setdefault(type_key, set()).add(kind.id)
        self._stems = {k: Cue(tuple(sorted(v)), ASKS) for k, v in by_key.items()}
        """Stemmed labels: "treatments" asks for the kind labelled "Treatment"."""
        words: dict[str, Cue] = {}
        for asking, naming, kind_words in LAY_KINDS.values():
            types = sorted({t for w in kind_words for t in by_key.get(key(w), ())})
            if not types:
                continue  # the pack has no kind of this label
            for phrases, credit in ((asking, ASKS), (naming, NAMES_PART)):
                for phrase in phrases:
                    words.setdefault(" ".join(fold(phrase).split()), Cue(tuple(types), credit))
        self._words = words
        """The lay vocabulary, word for word: "danger" asks, "dangerous" names part."""

    def __bool__(self) -> bool:
        return bool(self._stems or self._words)

    def find(self, folded: list[str], stems: list[str]) -> dict[int, Cue]:
        """Positions of the words that are kind cues (longest phrase first), before the
        first qualifying phrase of the text (see QUALIFIERS)."""
        end = next((i for i, word in enumerate(folded) if word in QUALIFIERS), len(folded))
        found: dict[int, Cue] = {}
        for size in range(MAX_CUE_WORDS, 0, -1):
            for start in range(end - size + 1):
                span = range(start, start + size)
                if any(i in found for i in span):
                    continue
                cue = (self._words.get(" ".join(folded[start:start + size]))
                       or self._stems.get(" ".join(stems[start:start + size])))
                if cue is not None:
                    found.update(dict.fromkeys(span, cue))
        return found
