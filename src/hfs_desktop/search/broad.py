"""The broad query of a multi-word text: any word may match, and coverage ranks.

Each content word of the text becomes a *concept*: the ways it can match (its stem in the
names, the lead text, the body; its spelling corrections; the word joined to its
neighbour; the entities the words around it name, through the ``concepts`` field; what
``more`` adds: the entity kind it asks for, its lay equivalents), each with a *credit* in
[0, 1]. A hit's coverage is the share of the concepts it matches, weighted by how rare each
concept is (idf) and by the credit of its best way of matching. Entries holding only some
of the words are found, and those meeting more of the text, in names or in the statement
rather than in passing, rank higher.

A negated word ("pain" in "do not cause pain") matches the ``neg`` field in full and its
plain forms for little; a plain word matches a negated one for little: a text saying the
opposite is not taken for a paraphrase.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq

from . import combining
from .analysis import MAX_PREFIX, stem
from .linking import MAX_AMBIGUOUS
from .query import Corrector, DocFrequency, Parsed, Word, prefix_query

MAX_LINKED = MAX_AMBIGUOUS
"""Entities a phrase of the text may stand for; a name shared by more is not linked."""
MAX_NGRAM = 5
"""Longest run of words looked up as a name."""

OPPOSITE = 0.3
"""Credit for matching a word with the opposite polarity (negated against plain)."""
ASKED = 0.8
"""Credit for a plain word of a question matching a negated one."""
COMPOUND = 0.9
"""Credit for a name word that is a combining form before the word ("hemifacial" for
"facial", see :mod:`.combining`): just below the word itself."""

BOOSTS = {"title": 3.0, "words": 2.0, "prefix": 2.0, "lead": 2.0, "body": 1.0, "neg": 2.0,
          "concepts": 1.5, "type": 0.2, "id": 4.0}
"""Whoosh boosts per field: they only choose the candidates that coverage re-ranks."""

PRONOUNS = frozenset(("it",))
"""Words that stand for the pack's main entity when the text names none."""

Named = Callable[[str], list[str]]
"""Ids of the entities having a name, alias or search term of this key."""
More = Callable[["Broad", int, int], int]
"""Further ways for the word at a position to meet concept ``index`` (the kind it asks for,
its lay equivalents: see :mod:`.intent`); the number of documents they reach."""


@dataclass
class Concept:
    """One content word of the text and how rare it is."""

    word: Word
    position: int
    weight: float
    kind_types: tuple[str, ...] = ()
    linked: list[str] = field(default_factory=list)


@dataclass
class Broad:
    """The concepts of a text, the terms that satisfy each, and the Whoosh query."""

    concepts: list[Concept] = field(default_factory=list)
    credits: dict[tuple[str, str], dict[int, float]] = field(default_factory=dict)

    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    _by_field: dict[str, dict[str, dict[int, float]]] | None = None
    """The credits grouped by field (made on first use, dropped by :meth:`add`)."""

    def add(self, concept: int, fieldname: str, text: str, credit: float,
            count: int = 0) -> None:
        """Let a term satisfy a concept; ``count`` is its document frequency (0: unknown)."""
        self._by_field = None
        slot = self.credits.setdefault((fieldname, text), {})
        slot[concept] = max(credit, slot.get(concept, 0.0))
        self.counts[fieldname, text] = max(count, self.counts.get((fieldname, text), 0))

    def query(self, max_df: int | None = None) -> wq.Query | None:
        """The Whoosh query finding candidates; terms in more than ``max_df`` documents are
        left out of it (they still count for coverage)."""
        terms: list[wq.Query] = [
            _term(fieldname, text, BOOSTS[fieldname] * max(by_concept.values()))
            for (fieldname, text), by_concept in self.credits.items()
            if max_df is None or self.counts.get((fieldname, text), 0) <= max_df]
        if not terms:
            return None
        return wq.Or(terms)

    def coverage(self, doc: dict[str, Any], terms: Terms | None = None) -> float:
        """The weighted share of the concepts that a hit (its stored fields) satisfies;
        ``terms`` is the hit's :class:`Terms` if the caller keeps them."""
        total = sum(c.weight for c in self.concepts)
        if not total:
            return 0.0
        terms = terms if terms is not None else Terms(doc)
        best: dict[int, float] = {}
        for fieldname, texts in self._grouped().items():
            for text in terms.held(fieldname, texts):
                for concept, credit in texts[text].items():
                    if credit > best.get(concept, 0.0):
                        best[concept] = credit
        return sum(c.weight * best.get(i, 0.0) for i, c in enumerate(self.concepts)) / total

    def _grouped(self) -> dict[str, dict[str, dict[int, float]]]:
        if self._by_field is None:
            self._by_field = {}
            for (fieldname, text), by_concept in self.credits.items():
                self._by_field.setdefault(fieldname, {})[text] = by_concept
        return self._by_field

    def kind_concepts(self) -> list[int]:
        return [i for i, c in enumerate(self.concepts) if c.kind_types]

    def wanted_types(self) -> set[str]:
        return {t for c in self.concepts for t in c.kind_types}


def _term(fieldname: str, text: str, boost: float) -> wq.Query:
    if fieldname == "prefix":  # a typed word start (see query.prefix_query)
        return prefix_query(text, boost)
    return wq.Term(fieldname, text, boost=boost)


class Terms:
    """The indexed terms of a hit, read from its stored fields on demand."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self._doc = doc
        self._sets: dict[str, frozenset[str]] = {}
        self._joined: str | None = None

    def _set(self, fieldname: str) -> frozenset[str]:
        if fieldname not in self._sets:
            value = str(self._doc.get(fieldname, "") or "")
            parts = value.split(",") if fieldname == "concepts" else value.split()
            self._sets[fieldname] = frozenset(parts)
        return self._sets[fieldname]

    def _joined_words(self) -> str:
        """The name words as " w1 w2 ...": a word starts with x where " x" is in it."""
        if self._joined is None:
            self._joined = " " + " ".join(self._set("words"))
        return self._joined

    def has(self, fieldname: str, text: str) -> bool:
        if fieldname in ("id", "type"):
            return self._doc.get(fieldname) == text
        if fieldname == "prefix":  # texts hold no spaces
            return " " + text in self._joined_words()
        return text in self._set(fieldname)

    def held(self, fieldname: str, texts: Collection[str]) -> Iterable[str]:
        """Those of ``texts`` (terms of one field) that the hit holds."""
        if fieldname in ("id", "type"):
            value = str(self._doc.get(fieldname, ""))
            return (value,) if value in texts else ()
        if fieldname == "prefix":
            joined = self._joined_words()
            return [text for text in texts if " " + text in joined]
        held = self._set(fieldname)
        return [text for text in texts if text in held]


def _idf(count: int, documents: int) -> float:
    return math.log(1.0 + documents / (1.0 + count))


def _linked(parsed: Parsed, named: Named) -> dict[int, list[str]]:
    """For each word position, the entities named by a run of words covering it."""
    stems = [w.stem for w in parsed.words]
    out: dict[int, list[str]] = {}
    for start in range(len(stems)):
        if parsed.words[start].stop:
            continue
        for size in range(min(MAX_NGRAM, len(stems) - start), 0, -1):
            if parsed.words[start + size - 1].stop:
                continue
            ids = named(" ".join(stems[start:start + size]))
            if ids:
                for position in range(start, start + size):
                    out.setdefault(position, [])
                    out[position] += [i for i in ids if i not in out[position]]
                break
    return out


def build(parsed: Parsed, df: DocFrequency, correct: Corrector, named: Named,
          documents: int, subject: Callable[[], str | None] = lambda: None,
          more: More | None = None, compounds: combining.Lookup | None = None
          ) -> Broad | None:
    """The broad query of parsed text, or None when fewer than two words carry a topic.

    ``subject`` gives the pack's main entity, which "it" stands for when the text names
    no entity ("how is it diagnosed"). ``compounds`` as in :func:`.query.build`."""
    if compounds is None:
        compounds = combining.checking(lambda j: df("words", j))
    content = [(i, w) for i, w in enumerate(parsed.words) if not w.stop]
    linked = _linked(parsed, named)
    pronoun = next((w for w in parsed.words if w.text in PRONOUNS), None)
    standing_in = -1
    if pronoun is not None and not linked and content:
        main = subject()
        if main:
            pronoun.stop = False  # "it" is a topic now
            position = parsed.words.index(pronoun)
            linked[position] = [main]
            standing_in = position
            content = sorted([*content, (position, pronoun)], key=lambda pair: pair[0])
    if len(content) < 2:
        return None
    broad = Broad()
    for position, word in content:
        index = len(broad.concepts)
        count = 0
        if position != standing_in:  # the pronoun matches only as what it stands for
            count = _add_word(broad, index, word, df, correct, compounds, parsed.question)
            count = max(count, _add_compounds(broad, index, position, parsed.words, df))
            if more is not None:
                count = max(count, more(broad, index, position))
        concept = Concept(word, position, 0.0, (), linked.get(position, []))
        for entity_id in concept.linked:
            mentioned = df("concepts", entity_id)
            broad.add(index, "concepts", entity_id, 0.9, mentioned)
            broad.add(index, "id", entity_id, 1.0, 1)
            count = count or mentioned
        if not count:
            continue  # matches nothing: it cannot tell hits apart
        concept.weight = _idf(count, documents)
        broad.concepts.append(concept)
    return broad if len(broad.concepts) >= 2 else None


def _add_word(broad: Broad, index: int, word: Word, df: DocFrequency,
              correct: Corrector, compounds: combining.Lookup, question: bool = False) -> int:
    """Add a word's own ways of matching; the number of documents they reach (roughly).

    In a question a plain word meets its negation nearly in full: "does it hurt?" is
    answered by "the cramps do not hurt"."""
    plain, opposite = (OPPOSITE, 1.0) if word.negated else (1.0, ASKED if question else OPPOSITE)
    counts = []
    forms = [(word.text, 1.0)]
    prefix = word.text[:MAX_PREFIX]
    typing = word.last and len(word.text) >= 3 and not word.negated and df("prefix", prefix)
    if typing:
        broad.add(index, "prefix", prefix, 0.9, df("prefix", prefix))
        counts.append(df("prefix", prefix))
    known = (typing or any(df(f, word.stem) for f in ("title", "body", "neg"))
             or df("words", word.text))
    if not known:
        forms += [(c, 1.0 / (1 + d)) for c, d in correct(word.text)]
    for text, factor in forms:
        word_stem = stem(text)
        for fieldname, term, credit in (
                ("title", word_stem, plain), ("words", text, plain), ("lead", word_stem, plain),
                ("body", word_stem, 0.7 * plain), ("neg", word_stem, opposite)):
            count = df(fieldname, term)
            if count:
                broad.add(index, fieldname, term, credit * factor, count)
                counts.append(count)
    if not word.negated:
        for compound in compounds(word.text):
            count = df("words", compound)
            if count:
                broad.add(index, "words", compound, COMPOUND, count)
                broad.add(index, "title", stem(compound), COMPOUND, count)
                counts.append(count)
    return max(counts, default=0)


def _add_compounds(broad: Broad, index: int, position: int, parsed_words: list[Word],
                   df: DocFrequency) -> int:
    """A word written apart that the pack writes joined ("hemi facial" -> "hemifacial")."""
    best = 0
    for first in (position - 1, position):
        if first < 0 or first + 1 >= len(parsed_words):
            continue
        joined = parsed_words[first].text + parsed_words[first + 1].text
        count = df("words", joined)
        if count and joined.isalpha():
            broad.add(index, "words", joined, 1.0, count)
            broad.add(index, "title", stem(joined), 1.0, count)
            best = max(best, count)
    return best


def add_neighbours(broad: Broad, concepts: Iterable[int], ids: Iterable[str],
                   credit: float = 0.85) -> None:
    """Let the given entities satisfy the given concepts (graph expansion)."""
    chosen = list(concepts)
    for entity_id in ids:
        for index in chosen:
            broad.add(index, "id", entity_id, credit, 1)
