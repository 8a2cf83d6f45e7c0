"""Medical words built from a combining form and a word: "hemifacial", "microvascular".

English medical vocabulary joins a short general prefix to a word, and packs name their
entries so ("Hemifacial spasm", "Microvascular decompression"), while a reader types the
word alone ("facial spasm"). A name word that is a combining form before a word of at least
:data:`MIN_REST` letters also counts as that word, on the query side only: a hit's name
words gain the word behind the form (see :func:`rests`), and a typed word also looks up the
index's name words that are a form before it (:class:`Compounds`, or :func:`joined`
checked term by term). General English medical
morphology only: nothing here names an entry of a pack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

PREFIXES = (
    "hemi", "micro", "macro", "neuro", "hyper", "hypo", "poly", "mono", "peri", "para",
    "intra", "extra", "inter", "sub", "supra", "super", "post", "pre", "bi", "uni", "tri",
    "multi", "semi", "trans", "infra", "endo", "epi", "retro", "contra", "anti", "dys",
    "pseudo", "hemato", "vaso", "myo", "electro")
"""Combining forms that stand before a whole word ("hemi-facial", "vaso-spasm")."""

MEANINGS: dict[str, tuple[str, ...]] = {
    "blepharo": ("eyelid",), "oculo": ("eye",), "ophthalmo": ("eye",), "oto": ("ear",),
    "rhino": ("nose",), "glosso": ("tongue",), "labio": ("lip",), "facio": ("face",),
    "cephalo": ("head",), "encephalo": ("brain",), "cerebro": ("brain",),
    "neuro": ("nerve",), "myo": ("muscle",), "cardio": ("heart",), "angio": ("vessel",),
    "vaso": ("vessel",), "hemato": ("blood",), "dermato": ("skin",), "osteo": ("bone",),
    "arthro": ("joint",), "spondylo": ("spine",), "gastro": ("stomach",),
    "hepato": ("liver",), "nephro": ("kidney",), "pneumo": ("lung",), "laryngo": ("larynx",),
    "pharyngo": ("throat",)}
"""Combining forms naming a part of the body, and the plain word for it: a name word built
from one also holds that word ("blepharospasm" holds "eyelid" and "spasm")."""

FORMS = tuple(dict.fromkeys((*PREFIXES, *MEANINGS)))

_FORMS_BY_START: dict[str, tuple[str, ...]] = {}
for _form in FORMS:
    _FORMS_BY_START[_form[:2]] = (*_FORMS_BY_START.get(_form[:2], ()), _form)
"""The forms by their first two letters: a word is tried only against those it starts with."""

MIN_REST = 4
"""Shortest word behind a form that counts ("pre" + "sent" does; "pre" + "fer" does not)."""

_VOWELS = frozenset("aeiouy")


def _word_like(rest: str) -> bool:
    return len(rest) >= MIN_REST and rest.isalpha() and not _VOWELS.isdisjoint(rest)


@lru_cache(maxsize=65536)
def rests(word: str) -> tuple[str, ...]:
    """The words behind a leading combining form ("neuromicrovascular" -> "microvascular",
    "vascular"), and the plain words for the forms naming a part of the body
    ("blepharospasm" -> "spasm", "eyelid"); none for a word not so built."""
    found: list[str] = []
    todo = [word]
    while todo:
        current = todo.pop()
        for form in _FORMS_BY_START.get(current[:2], ()):
            rest = current[len(form):]
            if current.startswith(form) and _word_like(rest):
                for new in (rest, *MEANINGS.get(form, ())):
                    if new not in found:
                        found.append(new)
                todo.append(rest)
    return tuple(found)


def joined(word: str) -> tuple[str, ...]:
    """The compounds a typed word may stand for: each form before it ("facial" ->
    "hemifacial", ...); look them up in the index to keep those it holds. (The plain words
    of :data:`MEANINGS` are found through :class:`Compounds` only.)"""
    if not _word_like(word):
        return ()
    return tuple(form + word for form in FORMS)


Lookup = Callable[[str], tuple[str, ...]]
"""The index's name words that are a combining form before a typed word."""


class Compounds:
    """The name words of an index built with a combining form, by the word behind it
    (made once from the words that start with a form of :data:`FORMS`: a few seeks in the
    term list)."""

    def __init__(self, name_words: Iterable[str]) -> None:
        self._by_rest: dict[str, list[str]] = {}
        for word in name_words:
            for rest in rests(word):
                self._by_rest.setdefault(rest, []).append(word)

    def __call__(self, word: str) -> tuple[str, ...]:
        return tuple(self._by_rest.get(word, ()))


def checking(held: Callable[[str], int]) -> Lookup:
    """A :data:`Lookup` asking ``held`` (a document count of name words) for each form."""
    return lambda word: tuple(j for j in joined(word) if held(j))
