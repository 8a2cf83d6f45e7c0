"""The Whoosh schema and how an entity becomes a document.

Fields hold text already folded by :mod:`.analysis`, so their analyzers only split on spaces:

- ``exact``: keys of the name, aliases and id (comma-separated): exact matches are term look-ups.
- ``start``: whole names and aliases, words joined by "_" and cut at 20 characters, and
  their first 1 to 6 characters ("facial", "facial_nerve"): "starts with" is a term look-up
  up to 6 typed characters and a prefix look-up over whole names beyond (as many matches as
  n-grams of every length, with far fewer terms to write: most long n-grams are unique).
- ``prefix``: the unstemmed name and alias words, cut at 20 characters, and their first 1 to
  6 characters: a word start is a term look-up up to 6 typed characters and a prefix look-up
  over whole words beyond (as ``start``; before schema version 7, every start up to 20
  characters: a third of all the index's terms, most of them unique).
- ``words``: unstemmed name and alias words: typo tolerance and "did you mean" search here.
- ``title``: stemmed name and alias words; ``body``: stemmed summary, details and the rest.
- ``lead``: the stemmed statement (claims) or summary: what a sentence typed to check a
  claim should meet first.
- ``neg``: stems the texts say do not hold ("painless", "does not hurt"; see :mod:`.negation`);
  they are left out of ``lead`` and ``body``.
- ``concepts``: ids of the entities the names and texts mention (see :mod:`.linking`), the
  entity's own id included.
- ``words``, ``title``, ``body``, ``lead``, ``neg`` and ``concepts`` are stored too: the
  coverage of a hit (see :mod:`.broad`) is read from them.
- ``links``: (stored) ids of the entity's neighbours in the graph, both directions.
- ``codes``: each code as one term; ``type`` and ``evidence``: facets for filters.

Citation markup (``[@key]``) is stripped from everything indexed or stored.
"""

from __future__ import annotations

import collections
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import chain
from typing import Any

from whoosh import analysis, fields

from ..pack import Entity, Pack
from ..pack.cache import remembered
from ..pack.citations import strip_citations
from .analysis import (
    MAX_PREFIX,
    PREFIX_GRAMS,
    START_GRAMS,
    code_term,
    compounds,
    key,
    stem,
    stems,
    words,
)
from .linking import Linker
from .negation import split

SCHEMA_VERSION = 7
"""Bump when the schema, the analysis or the stored weights change: cached indexes are
keyed by it."""

_SPACES = analysis.SpaceSeparatedTokenizer()

# Text the body field indexes besides summary and details (sources and claims).
_EXTRA_TEXT = ("citation", "authors", "journal", "note", "kind", "year")


_SPACE_TOKENS = re.compile(r"[^ \t\r\n]+").findall  # SpaceSeparatedTokenizer's pattern
_COMMA_TOKENS = re.compile(r"[^,]+").findall  # CommaSeparatedTokenizer's (then stripped)


def _spaces(value: str) -> list[str]:
    return _SPACE_TOKENS(value)


def _commas(value: str) -> list[str]:
    return [token.strip() for token in _COMMA_TOKENS(value)]


def _whole(value: str) -> list[str]:
    return [value]


TOKENIZERS: dict[str, Callable[[str], list[str]]] = {
    "id": _whole, "type": _whole, "evidence": _whole,
    "exact": _commas, "codes": _commas, "concepts": _commas,
    "prefix": _spaces, "start": _spaces, "words": _spaces, "title": _spaces, "body": _spaces,
    "lead": _spaces, "neg": _spaces,
}
"""Each indexed field's analyzer in plain Python (the same tokens, checked by a test): the
index writer of :mod:`.segwriter` splits values with these."""


def _prefix_length(tokens: list[str]) -> int:
    # Each word counts its length up to 20 characters: a word of up to 6 characters has one
    # term per character, a longer one 6 and itself (which counts its length less 6).
    sizes: dict[int, int] = {}
    _count_elements(sizes, map(len, tokens))
    return len(tokens) + sum([(size - PREFIX_GRAMS - 1) * count
                              for size, count in sizes.items() if size > PREFIX_GRAMS])


_count_elements: Callable[[dict[int, int], Iterable[int]], None] = (
    collections.__dict__["_count_elements"])
"""What ``Counter.update`` counts with (in C)."""


LENGTHS: dict[str, Callable[[list[str]], int]] = {"prefix": _prefix_length}
"""Field lengths (what BM25F normalises by) that are not the number of terms: ``prefix``
counts as long as its words' every start up to 20 characters, as before schema version 7
indexed them, so its scores did not change with the leaner terms."""


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        type=fields.ID(stored=True),
        evidence=fields.ID(stored=True),
        verdict=fields.STORED(),
        name=fields.STORED(),
        aliases=fields.STORED(),
        code_list=fields.STORED(),
        summary=fields.STORED(),
        details=fields.STORED(),
        weight=fields.STORED(),
        links=fields.STORED(),
        exact=fields.KEYWORD(commas=True, scorable=False),
        codes=fields.KEYWORD(commas=True, scorable=False),
        prefix=fields.TEXT(analyzer=_SPACES, phrase=False),
        start=fields.TEXT(analyzer=_SPACES, phrase=False),
        words=fields.TEXT(analyzer=_SPACES, phrase=False, stored=True),
        title=fields.TEXT(analyzer=_SPACES, phrase=False, stored=True),
        body=fields.TEXT(analyzer=_SPACES, phrase=False, stored=True),
        lead=fields.TEXT(analyzer=_SPACES, phrase=False, stored=True),
        neg=fields.TEXT(analyzer=_SPACES, phrase=False, stored=True),
        concepts=fields.KEYWORD(commas=True, scorable=True, stored=True),
    )


def entity_codes(entity: Entity) -> list[str]:
    return [code for codes in entity.codes.values() for code in codes]


def _without_citations(text: str) -> str:
    # strip_citations, skipped where no citation can be (the same text, the same object)
    return strip_citations(text) if "[@" in text else text


def summary_text(entity: Entity) -> str:
    """What a result shows: a claim's statement, else the summary."""
    if entity.type == "claim" and entity.statement:
        return _without_citations(entity.statement)
    return _without_citations(entity.summary)


def body_text(entity: Entity) -> str:
    parts = [entity.summary, entity.details, entity.category.replace("-", " ")]
    if entity.type == "claim":
        parts += [entity.statement, entity.rationale]
    if entity.evidence:
        parts.append(entity.evidence.rationale)
    parts += [entity.extra[name] for name in _EXTRA_TEXT if name in entity.extra]
    return _without_citations("\n".join(part for part in parts if part))


def weights(pack: Pack) -> dict[str, float]:
    """How central each entity is, in [0, 1]: its number of links (sources' citations aside),
    on a log scale, halved for claims and sources. Breaks ties between equally good matches
    ("h" puts HFS first)."""
    degree: Counter[str] = Counter()
    for entity in pack.entities.values():
        targets = [t for ts in entity.relations.values() for t in ts] + list(entity.about)
        degree[entity.id] += len(targets)
        degree.update(targets)
    top = math.log1p(max(degree.values(), default=0)) or 1.0
    # Claims and sources comment on the entities; an entity outranks them when matches tie.
    secondary = {"claim": 0.5, "source": 0.5}
    return {entity.id: secondary.get(entity.type, 1.0) * math.log1p(degree[entity.id]) / top
            for entity in pack.entities.values()}


def neighbours(pack: Pack) -> dict[str, list[str]]:
    """Each entity's neighbours in the graph, both directions (sources aside)."""
    out: dict[str, dict[str, None]] = {entity_id: {} for entity_id in pack.entities}
    for entity in pack.entities.values():
        if entity.type == "source":
            continue
        targets = [t for ts in entity.relations.values() for t in ts] + list(entity.about)
        for target in targets:
            if target in out and pack.entities[target].type != "source":
                out[entity.id][target] = None
                out[target][entity.id] = None
    return {entity_id: list(ids) for entity_id, ids in out.items()}


def _stems_and_negated(text: str, text_words: list[str] | None = None
                       ) -> tuple[list[str], list[str]]:
    parts = split(text, text_words)
    return stems(parts.positive), parts.negated


def to_document(entity: Entity, weight: float = 0.0, *, links: list[str] | None = None,
                mentions: list[str] | None = None, linker: Linker | None = None,
                folded: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The Whoosh document of an entity; ``links`` are its neighbours' ids and ``mentions``
    the ids of the entities its names and texts name (see :mod:`.linking`), or ``linker``
    finds them in its name, aliases and body text. ``folded``: words of names already
    folded (name: words; read only)."""
    names = [entity.name, *entity.aliases, *entity.search_terms]
    known = folded or {}
    folded_names = [known.get(name) or words(name) for name in names]
    name_stems = [list(map(stem, each)) for each in folded_names]
    codes = entity_codes(entity)
    keys = {" ".join(each) for each in name_stems} | {key(entity.id)}
    code_terms = {code_term(code) for code in codes} - {""}
    details = _without_citations(entity.details)
    if entity.type == "claim":
        summary = _without_citations(entity.summary)
        details = "\n\n".join(part for part in (summary, details) if part)
    shown = summary_text(entity)
    text = body_text(entity)
    text_words = words(text)
    if linker is not None:
        mentions = linker.mentions_in(
            [*name_stems[:1 + len(entity.aliases)], list(map(stem, text_words))])
    unstemmed = [word for name, each in zip(names, folded_names, strict=True)
                 for word in (*each, *compounds(name))]  # name_words(names)
    lead, lead_negated = _stems_and_negated(shown)
    body, body_negated = _stems_and_negated(text, text_words)
    name_negated = [negated for name, each in zip(names, folded_names, strict=True)
                    for negated in split(name, each).negated]
    concepts = dict.fromkeys([entity.id, *(mentions or [])])
    return {
        "id": entity.id,
        "type": entity.type,
        "evidence": entity.evidence.level if entity.evidence else "",
        "verdict": entity.verdict if entity.type == "claim" else "",
        "name": entity.name,
        "aliases": "\n".join(entity.aliases),
        "code_list": "\n".join(codes),
        "summary": shown,
        "details": details,
        "weight": round(weight, 4),
        "links": "\n".join(links or []),
        "exact": ",".join(sorted(k for k in keys if k and "," not in k)),
        "codes": ",".join(sorted(c for c in code_terms if "," not in c)),
        "prefix": " ".join(prefix_terms(unstemmed)),
        "start": " ".join(_start_terms(folded_names)),
        "words": " ".join(unstemmed),
        "title": " ".join(stems(unstemmed, drop_stop_words=True)),
        "body": " ".join(body),
        "lead": " ".join(lead),
        "neg": " ".join(name_negated + lead_negated + body_negated),
        "concepts": ",".join(c for c in concepts if "," not in c),
    }


def prefix_terms(name_words: list[str]) -> list[str]:
    """The ``prefix`` field's terms of a document's name words (see the module's docstring);
    a word's terms are repeated as often as the word."""
    return list(chain.from_iterable(map(_word_prefixes, name_words)))


@lru_cache(maxsize=65536)
def _word_prefixes(word: str) -> tuple[str, ...]:
    whole = word[:MAX_PREFIX]
    terms = [whole[:size] for size in range(1, min(len(whole), PREFIX_GRAMS) + 1)]
    if len(whole) > PREFIX_GRAMS:
        terms.append(whole)
    return tuple(terms)


def start_terms(names: list[str]) -> list[str]:
    """The ``start`` field's terms of a document's names (see the module's docstring)."""
    return _start_terms([words(name) for name in names])


def _start_terms(folded_names: list[list[str]]) -> list[str]:
    terms: list[str] = []
    for whole in dict.fromkeys("_".join(each)[:MAX_PREFIX] for each in folded_names):
        terms += [whole[:size] for size in range(1, min(len(whole), START_GRAMS) + 1)]
        if len(whole) > START_GRAMS:
            terms.append(whole)
    return terms


def pack_digest(pack: Pack) -> str:
    """A hash of everything the index is built from (and of the schema version). Kept with
    the pack's cache entry and noted on the pack (a 45,000-term pack's takes half a second,
    and opening an index asks for it several times), under a name with the schema version:
    a change to ``_digest`` itself must change that name too."""
    return remembered(pack, f"search digest {SCHEMA_VERSION}", _digest)


def _digest(pack: Pack) -> str:
    digest = hashlib.sha256(f"hfs-search-{SCHEMA_VERSION}\n".encode())
    for entity in pack.entities.values():
        plain = pack.to_plain(entity)
        plain.pop("file", None)
        plain.pop("line", None)
        digest.update(json.dumps(plain, sort_keys=True, ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:32]
