"""From typed text to a Whoosh query, and the ranking tiers of what it finds.

No query parser is involved: typed text is folded into words and each word becomes a few
term look-ups, so no input can produce a syntax error. This module builds the *narrow*
query, used for a single word (and first, on large indexes): every word must match (stop
words excepted); the last word also matches as a prefix of a name or alias word (as you type); a
word found nowhere is replaced by its close spellings in names and aliases (typos). When
all the words together match nothing, any word may match (stop words and a last word of one
or two letters aside). On large indexes the query is tried in narrowing-to-widening
:data:`SCOPES` and stops at the first that fills the page.

Ranking is in tiers, best first: the exact name, alias or code; a name or alias starting
with the text; every word in a name or alias (a word behind a medical combining form counts:
"facial" is in "Hemifacial", see :mod:`.combining`); a match in the text only. Whoosh's BM25F score
orders hits inside a tier. Text of two or more content words also gets the *broad* query of
:mod:`.broad` (any word may match), and coverage of the text orders hits inside a tier.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from whoosh import query as wq

from . import combining, negation
from .analysis import (
    MAX_PREFIX,
    PREFIX_GRAMS,
    QUESTION_WORDS,
    START_GRAMS,
    STOP_WORDS,
    clean_query,
    code_term,
    compounds,
    fold,
    key,
    stem,
    words,
)

MAX_WORDS = 12
"""Words beyond this many are ignored (a pasted paragraph still answers quickly)."""

QUESTION_STARTS = frozenset((
    "do", "does", "did", "is", "are", "was", "were", "can", "could", "will", "would",
    "should", "may", "might", "how", "what", "which", "who", "why", "when", "where"))
"""First words of a question."""

SENTENCE_WORDS = 3
"""From this many words, text is read as a sentence or question: question words and other
function words (:data:`.analysis.QUESTION_WORDS`) need not match."""

EXACT, STARTS, NAME_WORDS, TEXT = 3, 2, 1, 0
"""Ranking tiers."""

DocFrequency = Callable[[str, str], int]
Corrector = Callable[[str], list[tuple[str, int]]]
Expander = Callable[[str, str], tuple[list[str], bool]]
"""The terms of a field starting with a prefix (at most :data:`MAX_EXPANSIONS`) and whether
there are more."""

COMPOUND_BOOST = 1.5
"""Whoosh boost of a name word that is a combining form before a typed word (a whole name
word has 2.0): see :mod:`.combining`."""

MAX_EXPANSIONS = 64
"""A typed code or name start matching more terms than this is too short to look up term
by term (on a large pack "HP:0" starts 20,000 codes): codes take the first ones in order,
a name start its first 6 characters (tiers still tell true starts apart)."""


@dataclass
class Word:
    text: str
    last: bool
    stop: bool
    corrections: list[str] = field(default_factory=list)
    negated: bool = False
    """Said not to hold ("pain" in "do not cause pain"; see :mod:`.negation`)."""

    @cached_property
    def stem(self) -> str:
        return stem(self.text)


@dataclass
class Parsed:
    """Typed text, folded."""

    folded: str
    key: str
    words: list[Word]
    codes: list[str]
    question: bool = False
    """Asked rather than stated ("does it hurt?"): the answer may be yes or no."""

    @property
    def empty(self) -> bool:
        return not self.words and not self.codes

    def forms(self) -> list[tuple[str, str]]:
        """(folded, key) of the text as typed and, after :func:`build`, as corrected."""
        forms = [(self.folded, self.key)]
        if any(w.corrections for w in self.words):
            fixed = [w.corrections[0] if w.corrections else w.text for w in self.words]
            forms.append((" ".join(fixed), " ".join(stem(w) for w in fixed)))
        return forms


def parse(text: str) -> Parsed:
    cleaned = clean_query(text)
    folded_words = words(cleaned)[:MAX_WORDS]
    folded = " ".join(folded_words)
    sentence = len(folded_words) >= SENTENCE_WORDS
    negated = negation.flags(folded_words)
    parsed_words = [Word(w, last=i == len(folded_words) - 1,
                         stop=w in STOP_WORDS or (sentence and w in QUESTION_WORDS),
                         negated=negated[i])
                    for i, w in enumerate(folded_words)]
    # Codes are looked up as typed (G51.3, HP:0010828), one token or the whole text.
    tokens = cleaned.split()[:MAX_WORDS]
    codes = [code_term(token) for token in tokens]
    if len(tokens) > 1:
        codes.append(code_term(cleaned))
    codes = [c for c in dict.fromkeys(codes) if c and any(ch.isdigit() for ch in c)]
    question = cleaned.rstrip().endswith("?") or (
        sentence and folded_words[0] in QUESTION_STARTS)
    return Parsed(folded=folded, key=" ".join(stem(w) for w in folded_words), words=parsed_words,
                  codes=codes, question=question)


SCOPES = ("start", "names", "all")
"""Searched in turn until one fills the page: names and aliases starting with the text (and
exact names and codes); every word in names and aliases; every word anywhere. Hits of a
later scope rank below a full page of an earlier one anyway (tiers), and the earlier scopes
have much shorter posting lists, so typing stays fast on large packs."""


def _word_clause(word: Word, df: DocFrequency, correct: Corrector, scope: str,
                 compounds: combining.Lookup, expand: Expander | None = None
                 ) -> wq.Query | None:
    """The ways one word can match, or None when it matches nothing."""
    alternatives: list[wq.Query] = []
    text, stemmed = word.text, word.stem
    in_title, in_body = df("title", stemmed), df("body", stemmed)
    in_words = df("words", text)
    in_prefix = word.last and df("prefix", text[:MAX_PREFIX])
    if in_prefix:
        alternatives.append(prefix_query(text, boost=2.0, expand=expand))
    if in_title and not (in_prefix and text.startswith(stemmed)):
        alternatives.append(wq.Term("title", stemmed, boost=3.0))
    if in_words and not in_prefix:
        alternatives.append(wq.Term("words", text, boost=2.0))
    joined = compounds(text)
    for compound in joined:  # "facial" meets "hemifacial"
        alternatives.append(wq.Term("words", compound, boost=COMPOUND_BOOST))
    if in_body and scope == "all":
        alternatives.append(wq.Term("body", stemmed, boost=1.0))
    in_neg = scope == "all" and df("neg", stemmed)
    if in_neg:  # "hurt" meets "does not hurt": on topic, if of the other polarity
        alternatives.append(wq.Term("neg", stemmed, boost=0.5))
    known = in_title or in_body or in_words or in_prefix or in_neg or joined
    if not known and not word.stop:
        word.corrections[:] = [c for c, _ in correct(text)]
        for correction, distance in correct(text):
            alternatives.append(wq.Term("words", correction, boost=2.0 / (1 + distance)))
    if not alternatives:
        return None
    return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)


class BoostedPrefix(wq.Prefix):  # type: ignore[misc]
    """Whoosh's prefix query, keeping its boost when it expands to a single term (Whoosh
    then drops it)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        texts = [text for text in self._btexts(searcher.reader()) if text]
        if len(texts) == 1:
            return wq.Term(self.fieldname, texts[0], boost=self.boost).matcher(
                searcher, context)
        return super().matcher(searcher, context)


def prefix_query(text: str, boost: float = 1.0, expand: Expander | None = None) -> wq.Query:
    """A word typed as the start of a name or alias word: a term of the ``prefix`` field up
    to :data:`PREFIX_GRAMS` characters, beyond that the field's whole words starting so
    (taken from ``expand`` when it knows them all: the search keeps them)."""
    prefix = text[:MAX_PREFIX]
    if len(prefix) <= PREFIX_GRAMS:
        return wq.Term("prefix", prefix, boost=boost)
    terms, more = expand("prefix", prefix) if expand is not None else ([], True)
    if more or not terms:
        return BoostedPrefix("prefix", prefix, boost=boost)
    if len(terms) == 1:  # as BoostedPrefix would match
        return wq.Term("prefix", terms[0], boost=boost)
    return wq.Or([wq.Term("prefix", term) for term in terms], boost=boost)


def _no_limit(fieldname: str, prefix: str) -> tuple[list[str], bool]:
    return [], False


def _prefix(fieldname: str, prefix: str, boost: float, expand: Expander) -> wq.Query | None:
    """Terms starting with a prefix, or None when a code prefix matches no term."""
    terms, more = expand(fieldname, prefix)
    if not more:
        return wq.Prefix(fieldname, prefix, boost=boost)
    if fieldname == "start":
        return wq.Term(fieldname, prefix[:START_GRAMS], boost=boost)
    return wq.Or([wq.Term(fieldname, term, boost=boost) for term in terms]) if terms else None


def build(parsed: Parsed, df: DocFrequency, correct: Corrector, *, scope: str = "all",
          any_word: bool = False, expand: Expander = _no_limit,
          compounds: combining.Lookup | None = None) -> wq.Query | None:
    """The Whoosh query for parsed text in one of :data:`SCOPES`, or None when that scope
    cannot match.

    ``any_word`` lets any word match (the fallback when all of them together match nothing).
    ``expand`` says how many terms a prefix look-up would read (see :data:`MAX_EXPANSIONS`).
    ``compounds`` gives the name words built from a combining form before a word (by
    default each form is looked up in ``df``).
    """
    extras: list[wq.Query] = []
    if parsed.key:
        extras.append(wq.Term("exact", parsed.key, boost=50.0))
    extras += [wq.Term("codes", code, boost=50.0) for code in parsed.codes]
    for code in parsed.codes:
        if len(code) >= 3 and (clause := _prefix("codes", code, 10.0, expand)) is not None:
            extras.append(clause)
    if scope == "start":
        start = parsed.folded[:MAX_PREFIX].replace(" ", "_")
        if start and df("start", start):  # beyond START_GRAMS: whether a name starts so
            clause = (wq.Term("start", start, boost=5.0) if len(start) <= START_GRAMS
                      else _prefix("start", start, 5.0, expand))
            if clause is not None:
                extras.append(clause)
        return wq.Or(extras) if extras else None
    required: list[wq.Query] = []
    optional: list[wq.Query] = []
    missing = False
    for word in parsed.words:
        if any_word and (word.stop or (word.last and len(word.text) < 3)):
            continue  # a fallback over "the" or "b" would score most of a large index
        clause = _word_clause(word, df, correct, scope,
                              compounds or combining.checking(lambda j: df("words", j)),
                              expand)
        if clause is None:
            missing = missing or not word.stop
        elif word.stop and not word.last:
            optional.append(clause)
        else:
            required.append(clause)
    main: wq.Query | None = None
    if required and not missing and not any_word:
        main = required[0] if len(required) == 1 else wq.And(required)
        if optional:
            main = wq.AndMaybe(main, wq.Or(optional))
    elif any_word and (required or optional):
        main = wq.Or(required + optional)
    if main is None:  # still try the whole text as an exact name or a code
        return wq.Or(extras) if extras else None
    return wq.Or([main, *extras])


@dataclass
class Match:
    tier: int
    matched: str


NameWords = tuple[frozenset[str], frozenset[str], str]
"""A name's words (with joined compounds and the words behind a combining form:
"hemifacial" holds "facial", see :mod:`.combining`), their stems, and the words joined as
" w1 w2 ...": "some word starts with x" is the substring test " x" in it."""


@lru_cache(maxsize=65536)
def _name_words(name: str) -> NameWords:
    found = frozenset(words(name)) | frozenset(compounds(name))
    found |= frozenset(rest for word in found for rest in combining.rests(word))
    return found, frozenset(stem(w) for w in found), " " + " ".join(found)


@lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    return key(name)


class Names(NamedTuple):
    """A hit's names (name first, then aliases) and codes, prepared for :func:`tier_of`
    (the caller may keep them per document)."""

    names: tuple[str, ...]
    folded: tuple[str, ...]
    keys: tuple[str, ...]
    words: tuple[NameWords, ...]
    codes: tuple[str, ...]
    code_terms: tuple[str, ...]
    id_key: str
    every_word: NameWords
    """The words of all the names together (a word in none of them needs no name-by-name
    look)."""


@lru_cache(maxsize=65536)
def _prepared(name: str) -> tuple[str, str, NameWords]:
    """A name folded, its key and its words (one look-up for the three)."""
    return fold(name), _name_key(name), _name_words(name)


@lru_cache(maxsize=65536)
def _prepared_names(names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...],
                                                     tuple[NameWords, ...], NameWords]:
    """Names folded, their keys, their words and the words of all of them (see
    :class:`Names`), for one look-up per hit."""
    folded, keys, name_words = zip(*map(_prepared, names), strict=True)
    every_word = name_words[0] if len(name_words) == 1 else (
        frozenset().union(*(w[0] for w in name_words)),
        frozenset().union(*(w[1] for w in name_words)),
        "".join(w[2] for w in name_words))
    return folded, keys, name_words, every_word


@lru_cache(maxsize=65536)
def _codes(code_list: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A hit's codes (one a line) and their terms."""
    codes = tuple(_lines(code_list))
    return codes, tuple(code_term(c) for c in codes)


def names_of(doc: dict[str, Any]) -> Names:
    names = (doc.get("name", ""), *_lines(doc.get("aliases", "")))
    folded, keys, name_words, every_word = _prepared_names(names)
    codes, code_terms = _codes(doc.get("code_list", ""))
    return Names(names, folded, keys, name_words, codes, code_terms,
                 _name_key(doc.get("id", "")), every_word)


_Required = tuple[str, tuple[str, ...], str | None, str]
"""A word that must be in a name: its text, corrections, " text" if it may be a prefix (the
last word), and stem."""


def _word_in_name(word: _Required, name: NameWords) -> bool:
    text, corrections, spaced, word_stem = word
    name_words, name_stems, joined = name
    if text in name_words or word_stem in name_stems:
        return True
    if spaced is not None and spaced in joined:  # some name word starts with it
        return True
    return any(c in name_words for c in corrections)


class Tiers:
    """:func:`tier_of` for one parsed text, prepared once for all its hits (call after
    :func:`build`, which finds the corrections; ``forms`` as in :func:`tier_of`)."""

    def __init__(self, parsed: Parsed, forms: list[tuple[str, str]] | None = None) -> None:
        if forms is None:
            forms = parsed.forms() if parsed.key else []
        elif not parsed.key:
            forms = []
        self._typed_codes = set(parsed.codes)
        self._keys = [typed_key for _, typed_key in forms]
        self._folded = [typed for typed, _ in forms]
        self._required: list[_Required] = [
            (w.text, tuple(w.corrections), " " + w.text if w.last else None, w.stem)
            for w in parsed.words if not w.stop or w.last] if parsed.key else []

    def __call__(self, doc: dict[str, Any], prepared: Names) -> Match:
        typed_codes = self._typed_codes
        if typed_codes:
            for code, term in zip(prepared.codes, prepared.code_terms, strict=True):
                if term in typed_codes:
                    return Match(EXACT, code)
        names, keys = prepared.names, prepared.keys
        for typed_key in self._keys:
            if typed_key in keys:
                return Match(EXACT, names[keys.index(typed_key)])
            if typed_key == prepared.id_key:
                return Match(EXACT, doc.get("name", ""))
        for typed in self._folded:
            for name, folded in zip(names, prepared.folded, strict=True):
                if folded.startswith(typed):
                    return Match(STARTS, name)
        # Only the words in some name can be in a given one.
        present = [w for w in self._required if _word_in_name(w, prepared.every_word)]
        if present and len(present) == len(self._required):
            for name, name_words in zip(names, prepared.words, strict=True):
                if all(_word_in_name(w, name_words) for w in present):
                    return Match(NAME_WORDS, name)
        if typed_codes:
            for code, term in zip(prepared.codes, prepared.code_terms, strict=True):
                if any(term.startswith(c) for c in typed_codes):
                    return Match(NAME_WORDS, code)
        if present:
            for name, name_words in zip(names, prepared.words, strict=True):
                if any(_word_in_name(w, name_words) for w in present):
                    return Match(TEXT, name)
        return Match(TEXT, "")


def tier_of(parsed: Parsed, doc: dict[str, Any], names: Names | None = None,
            forms: list[tuple[str, str]] | None = None) -> Match:
    """How well a hit matches, and the name, alias or code that matched. ``names`` and
    ``forms`` (``parsed.forms()``, after :func:`build`) may be passed in when kept; to tier
    many hits of one text, make :class:`Tiers` once."""
    return Tiers(parsed, forms)(doc, names if names is not None else names_of(doc))


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line] if text else []


def highlighter(parsed: Parsed) -> Callable[[str], bool]:
    """Whether a folded word of a result's text should be shown in bold."""
    stems = {w.stem for w in parsed.words if not w.stop}
    exact = {c for w in parsed.words for c in w.corrections}
    exact |= {w.text for w in parsed.words if not w.stop}
    prefixes: Sequence[str] = [w.text for w in parsed.words if w.last and len(w.text) >= 2]

    def matches(folded_word: str) -> bool:
        return (folded_word in exact or stem(folded_word) in stems
                or any(folded_word.startswith(p) for p in prefixes))

    return matches
