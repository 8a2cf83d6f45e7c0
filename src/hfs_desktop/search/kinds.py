"""Words that ask for a kind of entry ("risks", "causes", "who gets") rather than name one.

When a query names an entity and asks for a kind ("surgery risks", "what causes hemifacial
spasm"), the entity's neighbours of that kind in the graph belong in the answer even when
their text holds none of the query's words. Cues are matched on stems, so "risk" and
"risks", "diagnose" and "diagnosed" are one cue.
"""

from __future__ import annotations

from .analysis import stem

_CUES: dict[str, tuple[str, ...]] = {
    # complications of a treatment
    "risk": ("complication",), "danger": ("complication",), "dangerous": ("complication",),
    "complication": ("complication",), "adverse": ("complication",),
    "harm": ("complication",), "harmful": ("complication",),
    # causes, mechanisms and risk factors of a condition
    "cause": ("cause", "mechanism", "risk-factor"), "why": ("cause", "mechanism"),
    "reason": ("cause", "mechanism"), "origin": ("cause", "mechanism"),
    "who": ("risk-factor",), "factor": ("risk-factor",),
    # treatments
    "treat": ("treatment",), "treatment": ("treatment",), "therapy": ("treatment",),
    "cure": ("treatment",), "remedy": ("treatment",), "remedies": ("treatment",),
    "medicine": ("treatment",), "medication": ("treatment",), "drug": ("treatment",),
    "pill": ("treatment",), "tablet": ("treatment",), "option": ("treatment",),
    # diagnosis
    "diagnose": ("diagnostic",), "diagnosis": ("diagnostic",), "test": ("diagnostic",),
    "scan": ("diagnostic",), "imaging": ("diagnostic",), "examination": ("diagnostic",),
    # what it looks like
    "symptom": ("symptom", "sign"), "sign": ("sign", "symptom"), "feature": ("symptom", "sign"),
    # what sets it off
    "trigger": ("trigger",), "provoke": ("trigger",),
}
_PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("side", "effect"): ("complication",),
    ("risk", "factor"): ("risk-factor",),
    ("set", "off"): ("trigger",),
    ("make", "wors"): ("trigger",),
}
CUES: dict[str, tuple[str, ...]] = {stem(word): types for word, types in _CUES.items()}
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(stem(w) for w in phrase): types for phrase, types in _PHRASES.items()}


def find(stems: list[str]) -> dict[int, tuple[str, ...]]:
    """Positions of the words that are kind cues, and the entity types each asks for."""
    found: dict[int, tuple[str, ...]] = {}
    for i in range(len(stems) - 1):
        types = PHRASES.get((stems[i], stems[i + 1]))
        if types:
            found[i] = found[i + 1] = types
    for i, word_stem in enumerate(stems):
        if i not in found and word_stem in CUES:
            found[i] = CUES[word_stem]
    return found
