"""Opening, building and searching the index: :func:`open_index` and :class:`SearchIndex`."""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Collection
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TypeVar

from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage

from ..pack import Pack
from . import broad as broad_query
from . import (
    combining,
    direct,
    postings,
    whooshfixes,  # noqa: F401  (applied on import; see there)
)
from . import query as q
from .analysis import PREFIX_GRAMS, START_GRAMS, join_hyphenated
from .cache import (
    CacheUnavailable,
    clear_others,
    ensure_index,
    index_dir,
    read_manifest,
    touch,
)
from .fuzzy import Lexicon, max_edits
from .hit import SearchHit
from .intent import Intents
from .readers import preload as keep_in_memory
from .readers import stored_fields_reader, terms_starting
from .schema import build_schema, pack_digest
from .snippet import make_snippet

log = logging.getLogger(__name__)


class SearchFailed(Exception):
    """The search itself broke (a bug, a damaged index): not the same as finding nothing.

    The message names the cause in one line; the original exception is its ``__cause__``.
    """

MAX_LIMIT = 1000
SMALL = 5000
"""Indexes with at most this many documents skip the narrower scopes (see query.SCOPES) and
take Whoosh's very hits, its pruning included (:mod:`.direct`; where Whoosh answers, without
its block-quality skipping: on a few hundred documents its checks cost more than the
postings they skip); larger ones take Whoosh's best hits without its pruning."""
CANDIDATES = 100
"""Hits ranked by Whoosh that are re-ranked into tiers (at least ``limit``)."""
COVERAGE = 0.6
"""Inside a tier, the share of the order that coverage of the text decides (see .broad)."""
MAX_ANCHORS = 2
"""Entities a text names whose neighbours graph expansion brings in."""
MAX_NEIGHBOURS = 200
RELATED = 0.5
"""The relevance (and coverage) credited to a neighbour of an exactly named entity."""
SOURCE_COVERAGE = 0.75
"""A source's coverage counts for less: it answers a question through the entries citing it."""
SECONDARY = ("claim", "source")
CACHE_TERMS = 100_000
"""Document frequencies and spelling corrections kept (then the cache starts over)."""
CACHE_DOCUMENTS = 3000
"""Documents whose stored fields (a few kB each, with their prepared names and coverage
terms) are kept in memory (then the cache starts over): a small pack entirely, on a large
one what a typed query and its keystrokes reach."""
"""Kinds that comment on entities rather than being one: never anchors."""

Ranked = tuple[int, float, int, dict[str, Any], "q.Match"]
Candidate = tuple[float, dict[str, Any]]
RETRIEVAL_DF = 1000
"""On a large index, terms in more documents than this are left out of the broad query that
finds candidates (they still count for coverage): a word in every tenth entry costs much
to look up and tells little."""


def build_in_memory(pack: Pack) -> Any:
    from . import build  # only when an index is built: a cached or shipped one is opened

    ix = build.MemoryStorage().create_index(build_schema())
    build.write(ix, pack)
    return ix


def _build_in(folder: Path, pack: Pack) -> int:
    from . import build  # only when an index is built: a cached or shipped one is opened

    return build.build_folder(folder, pack)


def _open_checked(folder: Path, manifest: dict[str, object], *, readonly: bool = False
                  ) -> Any:
    """Open a cached index whose files the manifest has vouched for; raise if Whoosh sees
    another number of documents than the manifest records."""
    # Without mmap: Whoosh copies each part of a memory-mapped segment into memory (some
    # 4 MB); read from the file, a part is read when asked for.
    ix = FileStorage(str(folder), supports_mmap=False, readonly=readonly).open_index()
    try:
        with ix.searcher() as searcher:
            if searcher.doc_count() != manifest.get("doc_count"):
                raise CacheUnavailable(f"{folder} has the wrong number of documents")
    except BaseException:
        ix.close()
        raise
    return ix


def _open_prebuilt(prebuilt: Path | None, digest: str) -> SearchIndex | None:
    """The index shipped with the app (see :func:`prebuild_index`), opened read-only where
    it is, if it is intact and of this digest; else None (logged at info level)."""
    if prebuilt is None:
        return None
    folder = index_dir(prebuilt, digest)
    manifest = read_manifest(folder, digest)
    if manifest is None:
        log.debug("no prebuilt search index for %s in %s", digest, prebuilt)
        return None
    try:
        ix = _open_checked(folder, manifest, readonly=True)
    except Exception as exc:  # a damaged prebuilt index: the user's cache builds one
        log.info("prebuilt search index in %s unreadable (%s)", folder, exc)
        return None
    return SearchIndex(ix, digest=digest, path=folder)


def prebuild_index(pack: Pack, folder: Path) -> Path:
    """Build the pack's index into ``folder`` to ship with the app (packaging time): the
    layout of the cache, the lock file and indexes of other digests removed."""
    digest = pack_digest(pack)
    final, _ = ensure_index(folder, digest, lambda target: _build_in(target, pack))
    clear_others(folder, keep=final)
    final.chmod(0o755)  # built in a private temporary folder; shipped for every user
    return final


def index_ready(pack: Pack, cache_dir: Path) -> bool:
    """Whether an intact index of the pack's digest is in ``cache_dir`` or shipped with the
    app (nothing to build)."""
    from ..paths import prebuilt_index_dir

    digest = pack_digest(pack)
    shipped = prebuilt_index_dir()
    return any(folder is not None and read_manifest(index_dir(folder, digest), digest)
               is not None for folder in (Path(cache_dir), shipped))


def shipped_index(pack: Pack) -> tuple[int, Path] | None:
    """The document count and folder of the index shipped with the app for this pack, when
    there is one with the pack's digest."""
    from ..paths import prebuilt_index_dir

    shipped = _open_prebuilt(prebuilt_index_dir(), pack_digest(pack))
    if shipped is None:
        return None
    with shipped:
        return len(shipped), shipped.path or Path()


def open_index(pack: Pack, cache_dir: Path | None = None, *, rebuild: bool = False,
               prebuilt: Path | Literal["shipped"] | None = "shipped") -> SearchIndex:
    """The search index of a pack (see :func:`_open_index`), reading queries with the
    pack's kinds and graded strengths (see :mod:`.intent`)."""
    index = _open_index(pack, cache_dir, rebuild=rebuild, prebuilt=prebuilt)
    index.intents = Intents(pack)
    return index


def _open_index(pack: Pack, cache_dir: Path | None = None, *, rebuild: bool = False,
                prebuilt: Path | Literal["shipped"] | None = "shipped") -> SearchIndex:
    """The search index of a pack.

    With ``cache_dir`` the index is cached there, keyed by a hash of the pack's content:
    reused when intact, rebuilt when the pack changed, the cache was damaged, or ``rebuild``.
    ``None``, or a cache that cannot be written, gives an in-memory index.

    Before building, an index prebuilt when the app was packaged (``prebuilt``: the one
    shipped with the app, see ``paths.prebuilt_index_dir``) is opened read-only in place
    when it has the same digest: a new install does not build the bundled pack's index.
    """
    digest = pack_digest(pack)
    if cache_dir is not None and not rebuild:
        if prebuilt == "shipped":
            from ..paths import prebuilt_index_dir

            prebuilt = prebuilt_index_dir()
        shipped = _open_prebuilt(prebuilt, digest)
        if shipped is not None:
            return shipped
    if cache_dir is not None:
        for attempt in range(2):
            try:
                folder, manifest = ensure_index(Path(cache_dir), digest,
                                                lambda target: _build_in(target, pack),
                                                rebuild=rebuild or attempt > 0)
                ix = _open_checked(folder, manifest)
                touch(folder)
                return SearchIndex(ix, digest=digest, path=folder)
            except CacheUnavailable as exc:
                log.info("search index cache unavailable: %s", exc)
                break
            except Exception as exc:  # a damaged index whoosh could not read: rebuild once
                log.warning("search index in %s unreadable (%s); rebuilding", cache_dir, exc)
    return SearchIndex(build_in_memory(pack), digest=digest, path=None)


_V = TypeVar("_V")


def _bounded(cache: dict[Any, _V], key: Any, make: Callable[[], _V]) -> _V:
    """``cache[key]``, made on a miss; the cache is emptied when it holds CACHE_DOCUMENTS."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= CACHE_DOCUMENTS:
            cache.clear()
        found = cache[key] = make()
    return found


def _merge(first: list[SearchHit], second: list[SearchHit], limit: int) -> list[SearchHit]:
    """Two hit lists as one, each entity once with its better score, best first."""
    best: dict[str, SearchHit] = {}
    for hit in first + second:
        if hit.id not in best or hit.score > best[hit.id].score:
            best[hit.id] = hit
    return sorted(best.values(), key=lambda hit: -hit.score)[:limit]


def _within_tier(score: float, doc: dict[str, Any], match: q.Match) -> float:
    """Order inside a tier, in [0, 1): text relevance, then how central the entity is, and
    a match on the name itself before one on an alias."""
    relevance = score / (1.0 + score)
    is_name = 1.0 if match.matched and match.matched == doc.get("name") else 0.0
    return (relevance + 0.5 * float(doc.get("weight", 0.0)) + 0.2 * is_name) / 1.75


def _names_one(ranked: list[Ranked]) -> bool:
    """Whether the text names one entity (not a claim or source): the best hit matches by
    name (exactly, or every word) and no other hit matches as well. (Not used on a text
    that needed spelling corrections: a guess is not a name.)"""
    if not ranked or ranked[0][0] > -q.NAME_WORDS or ranked[0][3].get("type") in SECONDARY:
        return False
    return ranked[0][0] == -q.EXACT or len(ranked) == 1 or ranked[1][0] > ranked[0][0]


def _cause(exc: BaseException) -> str:
    """An exception as one line: its type and message."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line] if text else []


def _close_all(searcher: Any, ix: Any) -> None:
    searcher.close()
    ix.close()


class SearchIndex:
    """A searchable index of one pack.

    One searcher is opened once and reused. :meth:`search` and :meth:`suggest` hold an
    internal lock, so calls from several threads are serialised (call them from one worker
    thread for as-you-type search). Whatever the text, they raise nothing but
    :class:`SearchFailed`, and that only when the search itself breaks.
    """

    def __init__(self, ix: Any, *, digest: str, path: Path | None) -> None:
        self._ix = ix
        self._searcher = ix.searcher()
        self._term_infos = keep_in_memory(self._searcher)
        self._read_stored = stored_fields_reader(self._searcher)
        # The searcher holds the index file open: closed with the index, or when this object
        # is dropped without close().
        self._close = weakref.finalize(self, _close_all, self._searcher, ix)
        self._lock = threading.Lock()
        self._lexicon: Lexicon | None = None
        self._compound_words: combining.Compounds | None = None
        self._main: str | None = None
        # Index-level caches (the index never changes while open): document frequencies,
        # spelling corrections and stored fields, each bounded.
        self._df_cache: dict[tuple[str, str], int] = {}
        self._correction_cache: dict[str, list[tuple[str, int]]] = {}
        self._stored_cache: dict[int, dict[str, Any]] = {}
        self._terms_cache: dict[str, broad_query.Terms] = {}
        self._names_cache: dict[str, q.Names] = {}
        self._docnum_cache: dict[str, int] = {}
        self._expansion_cache: dict[tuple[str, str], tuple[list[str], bool]] = {}
        self._filter_docs: tuple[str, set[int]] = ("", set())
        self.intents = Intents(None)
        """What queries ask beyond their words (the pack's kinds: set by open_index)."""
        self.digest = digest
        self.path = path
        """The cached index folder, or None for an in-memory index."""

    @property
    def in_memory(self) -> bool:
        return self.path is None

    def __len__(self) -> int:
        return int(self._searcher.doc_count())

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._close()

    def clear_caches(self) -> None:
        """Forget what earlier searches looked up (document frequencies, corrections,
        documents, term infos): the next search runs as on an index just opened (for
        benchmarks; the caches are bounded and never go stale)."""
        caches: list[dict[Any, Any]] = [
            self._df_cache, self._correction_cache, self._stored_cache, self._terms_cache,
            self._names_cache, self._docnum_cache, self._expansion_cache, *self._term_infos]
        with self._lock:
            for cache in caches:
                cache.clear()
            self._filter_docs = ("", set())
            postings.clear()
            direct.clear()

    # -- helpers ---------------------------------------------------------------------------

    def _df(self, fieldname: str, text: str) -> int:
        cache = self._df_cache
        found = cache.get((fieldname, text))
        if found is None:
            if len(cache) >= CACHE_TERMS:
                cache.clear()
            if fieldname == "start" and len(text) > START_GRAMS:  # a name starts so, or not
                prefixed = self._searcher.reader().expand_prefix(fieldname, text)
                found = cache[fieldname, text] = int(next(iter(prefixed), None) is not None)
            elif fieldname == "prefix" and len(text) > PREFIX_GRAMS:
                found = cache[fieldname, text] = self._words_starting(text)
            else:
                found = cache[fieldname, text] = int(
                    self._searcher.doc_frequency(fieldname, text))
        return found

    def _words_starting(self, text: str) -> int:
        """Documents with a name word starting with a text longer than the ``prefix`` field's
        n-grams (what one n-gram term's frequency would be)."""
        reader = self._searcher.reader()
        words, more = self._expansions("prefix", text)
        if more:
            words = [t.decode("utf-8") if isinstance(t, bytes) else str(t)
                     for t in reader.expand_prefix("prefix", text)]
        if len(words) <= 1:
            return sum(int(reader.doc_frequency("prefix", word)) for word in words)
        documents: set[int] = set()
        for word in words:
            documents.update(reader.postings("prefix", word).all_ids())
        return len(documents)

    def _expansions(self, fieldname: str, prefix: str) -> tuple[list[str], bool]:
        """Up to q.MAX_EXPANSIONS terms of a field starting with a prefix, and whether there
        are more (cached)."""
        cache = self._expansion_cache
        found = cache.get((fieldname, prefix))
        if found is None:
            if len(cache) >= CACHE_TERMS:
                cache.clear()
            terms = list(islice(self._searcher.reader().expand_prefix(fieldname, prefix),
                                q.MAX_EXPANSIONS + 1))
            found = cache[fieldname, prefix] = (
                [t.decode("utf-8") if isinstance(t, bytes) else str(t)
                 for t in terms[:q.MAX_EXPANSIONS]], len(terms) > q.MAX_EXPANSIONS)
        return found

    def _stored(self, docnum: int) -> dict[str, Any]:
        """A document's stored fields (cached; callers do not change them)."""
        return _bounded(self._stored_cache, docnum, lambda: self._read_stored(docnum))

    def _names(self, doc: dict[str, Any]) -> q.Names:
        """A hit's names and codes prepared for tiers (cached beside its stored fields)."""
        return _bounded(self._names_cache, doc["id"], lambda: q.names_of(doc))

    def _terms(self, doc: dict[str, Any]) -> broad_query.Terms:
        """A hit's indexed terms, for coverage (cached beside its stored fields)."""
        return _bounded(self._terms_cache, doc["id"], lambda: broad_query.Terms(doc))

    def _corrections(self, word: str) -> list[tuple[str, int]]:
        if not max_edits(word):
            return []  # too short to correct: no need to load the lexicon
        found = self._correction_cache.get(word)
        if found is None:
            if len(self._correction_cache) >= CACHE_TERMS:
                self._correction_cache.clear()
            found = self._correction_cache[word] = self._find_corrections(word)
        return list(found)

    def _find_corrections(self, word: str) -> list[tuple[str, int]]:
        if self._lexicon is None:
            reader = self._searcher.reader()
            self._lexicon = Lexicon(partial(terms_starting, reader, "words"),
                                    partial(self._df, "words"))
        return self._lexicon.corrections(word)

    def _compounds(self, word: str) -> tuple[str, ...]:
        """Name words that are a combining form before ``word`` (see :mod:`.combining`)."""
        if self._compound_words is None:
            reader = self._searcher.reader()
            self._compound_words = combining.Compounds(
                term.decode("utf-8") if isinstance(term, bytes) else term
                for prefix in combining.FORMS
                for term in reader.expand_prefix("words", prefix))
        return self._compound_words(word)

    # -- public ----------------------------------------------------------------------------

    def search(self, text: str, limit: int = 50, types: Collection[str] | None = None,
               evidence: Collection[str] | None = None) -> list[SearchHit]:
        """Entities matching typed text, best first (see :mod:`.query` and :mod:`.broad` for
        the ranking).

        ``types`` and ``evidence`` keep only hits of those entity types / evidence level
        ids (``""`` in ``evidence`` keeps entities without one). Raises
        :class:`SearchFailed` when the search breaks, never because of what was typed.
        """
        try:
            with self._lock:
                hits = self._search(text, limit, types, evidence)
                joined = join_hyphenated(text) if isinstance(text, str) else text
                if joined != text:  # "hemi-facial spasm" also as "hemifacial spasm"
                    hits = _merge(hits, self._search(joined, limit, types, evidence), limit)
                return hits
        except Exception as exc:
            raise SearchFailed(f"search failed: {_cause(exc)}") from exc

    def _search(self, text: str, limit: int, types: Collection[str] | None,
                evidence: Collection[str] | None) -> list[SearchHit]:
        limit = max(0, min(int(limit), MAX_LIMIT))
        parsed = q.parse(text)
        if not limit or parsed.empty:
            return []
        filters: list[wq.Query] = []
        if types is not None:
            filters.append(wq.Or([wq.Term("type", t) for t in types if isinstance(t, str)]))
        if evidence is not None:
            filters.append(wq.Or([wq.Term("evidence", e) for e in evidence
                                  if isinstance(e, str)]))
        if any(not f.subqueries for f in filters):
            return []
        filter_query = None if not filters else (
            filters[0] if len(filters) == 1 else wq.And(filters))
        wanted = max(limit, CANDIDATES)
        intent = self.intents.read(parsed, self._df, len(self))
        broad = intent.extend(self._broad(parsed, intent.add))
        if broad is None:
            ranked = self._rank(parsed, self._narrow(parsed, limit, wanted, filter_query), None)
        elif len(self) > SMALL:
            # A large index: every word in names or text first (cheap); the broad query,
            # on its selective terms only, when that leaves the page short.
            found = self._narrow(parsed, limit, wanted, filter_query)
            if len(found) < limit:
                found += self._broad_hits(parsed, broad, wanted, filter_query,
                                          max_df=RETRIEVAL_DF)
            ranked = self._rank(parsed, found, broad)
        else:
            ranked = self._rank(parsed, self._broad_hits(parsed, broad, wanted, filter_query),
                                broad)
        ranked = intent.rerank(ranked)
        ranked.sort(key=lambda row: row[:3])
        if _names_one(ranked) and not any(w.corrections for w in parsed.words):
            ranked += self._related(ranked[0][3], {row[3]["id"] for row in ranked},
                                    filter_query, broad is not None)
            ranked.sort(key=lambda row: row[:3])
        is_match = q.highlighter(parsed)
        hits = []
        for _, within, _, doc, match in ranked[:limit]:  # within is negated
            texts = [doc.get("summary", ""), doc.get("details", "")]
            hits.append(SearchHit(
                id=doc["id"], type=doc["type"], name=doc["name"],
                score=match.tier - within, evidence=doc.get("evidence", ""),
                verdict=doc.get("verdict", ""), matched=match.matched,
                make_snippet=partial(make_snippet, texts, is_match)))
        return hits

    def _narrow(self, parsed: q.Parsed, limit: int, wanted: int,
                filter_query: wq.Query | None) -> list[Candidate]:
        """Hits holding every word (the fallback: any word), as (Whoosh score, fields)."""
        top: list[tuple[float, int]] | None = None
        # A small index answers the widest scope at once; a large one narrows first.
        scopes = q.SCOPES if len(self) > SMALL else q.SCOPES[-1:]
        for any_word in (False, True):
            if any_word and (len(parsed.words) < 2 or top):
                break
            for scope in scopes:
                query = q.build(parsed, self._df, self._corrections, scope=scope,
                                any_word=any_word, expand=self._expansions,
                                compounds=self._compounds)
                if query is None:
                    continue
                top = self._top(query, wanted, filter_query)
                if len(top) >= limit:
                    break
        return [(score, self._stored(docnum)) for score, docnum in top or ()]

    def _broad_hits(self, parsed: q.Parsed, concepts: broad_query.Broad, wanted: int,
                    filter_query: wq.Query | None, max_df: int | None = None
                    ) -> list[Candidate]:
        """Hits matching any word of the text (see :mod:`.broad`)."""
        query = self._broad_query(parsed, concepts, max_df)
        if query is None:
            return []
        top = self._top(query, wanted, filter_query)
        return [(score, self._stored(docnum)) for score, docnum in top]

    def _broad_query(self, parsed: q.Parsed, concepts: broad_query.Broad,
                     max_df: int | None = None) -> wq.Query | None:
        """The query of :meth:`_broad_hits`: any word of the text, or a name's start."""
        self._expand(concepts)
        parts = [concepts.query(max_df),
                 q.build(parsed, self._df, self._corrections, scope="start",
                         expand=self._expansions)]
        subqueries = [part for part in parts if part is not None]
        return wq.Or(subqueries) if subqueries else None

    def _top(self, query: wq.Query, wanted: int, filter_query: wq.Query | None
             ) -> list[tuple[float, int]]:
        """(Whoosh score, document number) of the best ``wanted`` hits, scored from the
        postings (:mod:`.direct`: Whoosh's scores without its matchers; on a small index
        Whoosh's very hits, on a large one its best hits without its pruning); by Whoosh
        where that module does not score the query."""
        small = len(self) <= SMALL
        allowed = None if filter_query is None else self._allowed(filter_query)
        found = direct.top_hits(self._searcher, query, wanted, allowed, pruned=small)
        if found is not None:
            return found
        results = self._searcher.search(query, limit=wanted, filter=filter_query,
                                        optimize=not small)
        return [(hit.score, hit.docnum) for hit in results]

    def _allowed(self, filter_query: wq.Query) -> set[int]:
        """The documents a filter keeps (as Whoosh's ``filter`` reads them)."""
        key = repr(filter_query)
        if self._filter_docs[0] != key:
            self._filter_docs = (key, set(self._searcher.docs_for_query(filter_query)))
        return self._filter_docs[1]

    def _rank(self, parsed: q.Parsed, found: list[Candidate],
              concepts: broad_query.Broad | None) -> list[Ranked]:
        """Tiers, then (for several words) coverage of the text, then relevance."""
        ranked: list[Ranked] = []
        seen: set[str] = set()
        tier_of = q.Tiers(parsed)
        for position, (score, doc) in enumerate(found):
            if doc["id"] in seen:
                continue
            seen.add(doc["id"])
            match = tier_of(doc, self._names(doc))
            within = _within_tier(score, doc, match)
            if concepts is not None:
                coverage = concepts.coverage(doc, self._terms(doc))
                if doc.get("type") == "source":
                    coverage *= SOURCE_COVERAGE
                within = COVERAGE * coverage + (1 - COVERAGE) * within
            ranked.append((-match.tier, -within, position, doc, match))
        return ranked

    def _related(self, named: dict[str, Any], seen: set[str], filter_query: wq.Query | None,
                 broad: bool) -> list[Ranked]:
        """The neighbours of the entity the text names ("CISS", "root exit zone"),
        as text-tier hits: related entries belong in the answer even without its words."""
        ids = [i for i in _lines(named.get("links", "")) if i not in seen][:MAX_NEIGHBOURS]
        if not ids:
            return []
        docnums = self._docnums(ids)
        if filter_query is not None:
            allowed = set(self._searcher.docs_for_query(filter_query))
            docnums = [n for n in docnums if n in allowed]
        rows: list[Ranked] = []
        for doc in map(self._stored, docnums):
            within = (RELATED + 0.5 * float(doc.get("weight", 0.0))) / 1.75
            if broad:
                within = COVERAGE * RELATED + (1 - COVERAGE) * within
            rows.append((-q.TEXT, -within, len(seen) + len(rows), doc, q.Match(q.TEXT, "")))
        return rows

    def _broad(self, parsed: q.Parsed, more: broad_query.More | None = None
               ) -> broad_query.Broad | None:
        return broad_query.build(parsed, self._df, self._corrections, self._named, len(self),
                                 self._subject, more, self._compounds)

    def _subject(self) -> str | None:
        """The pack's main entity: its most central condition (looked up once)."""
        if self._main is None:
            results = self._searcher.search(wq.Term("type", "condition"), limit=None)
            best = max(results, key=lambda hit: float(hit.get("weight", 0.0)), default=None)
            self._main = best["id"] if best is not None else ""
        return self._main or None

    def _named(self, name_key: str) -> list[str]:
        """Ids of the entities (sources aside) with a name, alias or search term of this key."""
        if not name_key or not self._df("exact", name_key):
            return []
        if self._df("exact", name_key) > broad_query.MAX_LINKED:
            return []  # too generic to stand for an entity (see linking.MAX_AMBIGUOUS)
        docnums = self._postings("exact", name_key)[:broad_query.MAX_LINKED]
        return [doc["id"] for doc in map(self._stored, docnums) if doc.get("type") != "source"]

    def _postings(self, fieldname: str, text: str) -> list[int]:
        """The document numbers holding a term, in order (the order of equal-scored hits)."""
        if not self._df(fieldname, text):
            return []  # (the reader's postings: the searcher's would make a scorer too)
        return list(self._searcher.reader().postings(fieldname, text).all_ids())

    def _docnums(self, ids: list[str]) -> list[int]:
        """The document numbers of entity ids (unknown ids left out), in index order."""
        cache = self._docnum_cache
        found = []
        for entity_id in ids:
            docnum = cache.get(entity_id)
            if docnum is None:
                if len(cache) >= CACHE_DOCUMENTS:
                    cache.clear()
                numbers = self._postings("id", entity_id)
                docnum = cache[entity_id] = numbers[0] if numbers else -1
            if docnum >= 0:
                found.append(docnum)
        return sorted(set(found))

    def _docs(self, ids: list[str]) -> list[dict[str, Any]]:
        return [self._stored(n) for n in self._docnums(ids)]

    def _expand(self, concepts: broad_query.Broad) -> None:
        """Graph expansion: when the text names an entity and asks for a kind ("surgery
        risks"), that entity's neighbours of the kind satisfy both parts."""
        asking = concepts.kind_concepts()
        if not asking:
            return
        wanted = concepts.wanted_types()
        naming = [i for i, c in enumerate(concepts.concepts) if not c.kind_types]
        anchor_ids = list(dict.fromkeys(
            e for i in naming for e in concepts.concepts[i].linked))
        anchors = [d for d in self._docs(anchor_ids) if d.get("type") not in SECONDARY]
        if not anchors and naming:
            anchors = self._named_by_words([concepts.concepts[i].word for i in naming])
        neighbour_ids = list(dict.fromkeys(
            n for doc in anchors[:MAX_ANCHORS] for n in _lines(doc.get("links", ""))))
        found = [d["id"] for d in self._docs(neighbour_ids[:MAX_NEIGHBOURS])
                 if d.get("type") in wanted]
        broad_query.add_neighbours(concepts, asking + naming, found)
        # The entity itself is part of the answer, after its neighbours of the kind.
        broad_query.add_neighbours(concepts, asking, [d["id"] for d in anchors[:MAX_ANCHORS]],
                                   credit=0.7)

    def _named_by_words(self, name_words: list[q.Word]) -> list[dict[str, Any]]:
        """Entities (claims and sources aside) whose names hold all these words, most
        central first."""
        clauses: list[wq.Query] = [
            wq.Or([wq.Term("words", w.text), wq.Term("title", w.stem)]) for w in name_words]
        query = clauses[0] if len(clauses) == 1 else wq.And(clauses)
        results = self._searcher.search(query, limit=20)
        docs = [doc for doc in map(self._stored, (hit.docnum for hit in results))
                if doc.get("type") not in SECONDARY]
        docs.sort(key=lambda d: -float(d.get("weight", 0.0)))
        return docs[:MAX_ANCHORS]

    def suggest(self, text: str) -> str | None:
        """A corrected spelling of the text ("did you mean"), or None if no word needs one.

        A word needs one when it matches nothing in the index; it is replaced by the closest
        word of a name or alias (two edits at most).
        """
        try:
            with self._lock:
                return self._suggest(text)
        except Exception as exc:
            raise SearchFailed(f"spelling suggestion failed: {_cause(exc)}") from exc

    def _suggest(self, text: str) -> str | None:
        parsed = q.parse(text)
        out, changed = [], False
        for word in parsed.words:
            known = (word.stop or self._df("words", word.text) or self._df("title", word.stem)
                     or self._df("body", word.stem) or self._df("neg", word.stem)
                     or (word.last and self._df("prefix", word.text[:20])))
            if not known:
                corrections = self._corrections(word.text)
                if corrections:
                    out.append(corrections[0][0])
                    changed = True
                    continue
            out.append(word.text)
        return " ".join(out) if changed else None
