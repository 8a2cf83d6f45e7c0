"""Text normalisation shared by indexing and querying.

Everything is folded in Python before Whoosh sees it, so the index and the queries can never
disagree: Whoosh fields only split on spaces (n-grams are made here too). Folding is
case-folding, accent stripping (NFKD), dropping apostrophes ("Bell's" -> "bells") and turning
every other non-alphanumeric character into a space ("post-paralytic" -> "post paralytic").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from whoosh.lang.porter import stem as _porter_stem

MAX_PREFIX = 20
"""Longest word or name start indexed; longer typed starts are cut to this length."""
START_GRAMS = 6
"""Longest edge n-gram of a whole name indexed; longer starts are prefix look-ups."""
PREFIX_GRAMS = 6
"""Longest edge n-gram of a name word indexed; longer word starts are prefix look-ups."""

STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
    "its", "of", "on", "or", "the", "to", "with"))
"""Words that never have to match (they still count inside exact names)."""

QUESTION_WORDS = frozenset((
    "am", "was", "were", "been", "being", "do", "does", "did", "doing", "done", "can",
    "could", "will", "would", "should", "shall", "may", "might", "must", "i", "me", "my",
    "mine", "we", "us", "our", "you", "your", "he", "she", "him", "her", "his", "they", "them",
    "their", "this", "that", "these", "those", "there", "here", "what", "which", "whom",
    "whose", "when", "where", "how", "have", "has", "had", "having", "get", "gets", "got",
    "getting", "so", "than", "then", "too", "very", "just", "also", "if", "one", "any",
    "some", "such", "way", "ways", "thing", "things", "anything", "something", "really",
    "someone", "people", "person", "make", "makes", "between", "about", "like", "among",
    "whether", "via", "per", "within"))
"""Further words that carry no topic in a sentence or question (3 words or more): they
never have to match there. Negations ("not", "no", "without") are not among them."""

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_CODE_EDGES = re.compile(r"^[^0-9a-z]+|[^0-9a-z]+$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces."""
    if text.isascii():  # the common case: nothing to decompose or strip
        return " ".join(_NON_WORD.sub(" ", _APOSTROPHES.sub("", text.lower())).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _APOSTROPHES.sub("", stripped)
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def words(text: str) -> list[str]:
    """The folded words of a text."""
    return fold(text).split()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The English (Porter) stem of a folded word; numbers and short words stay as they are."""
    if len(word) < 3 or not word.isalpha():
        return word
    return str(_porter_stem(word))


def key(text: str) -> str:
    """A phrase's identity for exact matching: its stemmed words, stop words kept."""
    return " ".join(stem(word) for word in words(text))


def compounds(text: str) -> list[str]:
    """Hyphenated or spaced compounds written as one word ("hemi-masticatory")."""
    joined = []
    for part in text.split():  # (str.split and re's \s split at the same characters)
        if part.isascii() and part.isalnum():
            continue  # one word: nothing to join
        pieces = words(part)
        if len(pieces) > 1 and all(piece.isalpha() for piece in pieces):
            joined.append("".join(pieces))
    return joined


def name_words(names: Iterable[str]) -> list[str]:
    """Unstemmed words of names and aliases, with joined compounds."""
    out: list[str] = []
    for name in names:
        out += words(name)
        out += compounds(name)
    return out


def stems(text_words: Iterable[str], *, drop_stop_words: bool = True) -> list[str]:
    return [stem(w) for w in text_words if not (drop_stop_words and w in STOP_WORDS)]


def code_term(code: str) -> str:
    """A code as one exact term: case-folded, outer punctuation trimmed ("G51.3" -> "g51.3")."""
    folded = unicodedata.normalize("NFKC", code).casefold().strip()
    return _CODE_EDGES.sub("", "".join(folded.split()))


def clean_query(text: str, max_chars: int = 256) -> str:
    """User text made safe: control characters dropped, length capped."""
    if not isinstance(text, str):
        return ""
    text = text[: max_chars * 4]
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text)
    return cleaned[:max_chars]


_HYPHENATED = re.compile(r"(?<![\w-])([^\W\d_]+(?:-[^\W\d_]+)+)(?![\w-])")


def join_hyphenated(text: str) -> str:
    """The text with hyphenated words written as one ("hemi-facial" -> "hemifacial")."""
    return _HYPHENATED.sub(lambda m: m.group(1).replace("-", ""), text)
