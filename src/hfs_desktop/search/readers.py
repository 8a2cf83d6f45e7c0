"""What an open searcher keeps in memory: field lengths, the term infos it looked up (and
the terms it found missing), a small index's stored column, a sample of each segment's
sorted terms (where a prefix look-up's binary search starts).

Field lengths: BM25F reads one per scored posting, the writer one per posting it writes.

Whoosh reads a document's field length (one byte) from the index file for every posting it
scores; without a memory map that is a seek and a read each (most of the time of a broad
query). The lengths columns are a byte per document and field: read once when a searcher
opens, they stay in memory (some 10 bytes per document).
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any, cast

from whoosh import columns as whoosh_columns
from whoosh.codec import whoosh3
from whoosh.filedb import filetables
from whoosh.filedb.compound import SubFile
from whoosh.filedb.structfile import StructFile
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

log = logging.getLogger(__name__)


MAX_TERM_INFOS = 50_000
"""Term infos kept per segment (then the cache starts over)."""
MAX_STORED_BYTES = 8 << 20
"""An index of one segment whose stored fields take at most this much (compressed: a pack
of a few thousand entries) keeps them in memory while open, read once."""


def preload(searcher: Any) -> list[dict[Any, Any]]:
    """Read the field lengths of every segment of the searcher's index into memory, and
    keep the term infos it looks up (and which terms it does not hold: see
    :func:`has_term`); the term info caches (to clear them).

    Leaves anything it does not recognise as it is (Whoosh then reads from the file).
    """
    caches: list[dict[Any, Any]] = []
    try:
        _preload(searcher, caches)
    except (AttributeError, TypeError, ValueError, OSError) as exc:  # another Whoosh
        log.debug("field lengths left on disk: %s", exc)
    return caches


def _preload(searcher: Any, caches: list[dict[Any, Any]]) -> None:
    for reader, _ in searcher.reader().leaf_readers():
        perdoc = getattr(reader, "_perdoc", None)
        if isinstance(perdoc, whoosh3.W3PerDocReader):
            preload_segment(perdoc, searcher.schema)
        terms = getattr(reader, "_terms", None)
        if isinstance(terms, whoosh3.W3TermsReader):
            caches.append(_keep_term_infos(terms))
            tindex: Any = getattr(terms, "_tindex", None)
            read_directly(getattr(tindex, "dbfile", None))
            read_directly(getattr(terms, "_postfile", None))
            if type(tindex) is filetables.OrderedHashReader:
                tindex.closest_key_pos = sampled_closest_key_pos(tindex)


_MISSING = object()
"""A term looked up and not found (kept like a term info)."""


def _keep_term_infos(terms: Any) -> dict[tuple[str, bytes], Any]:
    read = terms.term_info
    kept: dict[tuple[str, bytes], Any] = {}

    def term_info(fieldname: str, tbytes: bytes) -> Any:
        info = kept.get((fieldname, tbytes))
        if info is None:
            if len(kept) >= MAX_TERM_INFOS:
                kept.clear()
            try:
                info = read(fieldname, tbytes)
            except TermNotFound:
                info = _MISSING
            kept[fieldname, tbytes] = info
        if info is _MISSING:  # (kept too: typing looks a missing term up again)
            raise TermNotFound(f"{fieldname}:{tbytes!r}")
        return info

    def doc_frequency(fieldname: str, tbytes: bytes) -> int:
        # The term info holds the document frequency: one look-up serves both (typing asks
        # how common a term is, then reads its postings).
        try:
            return int(term_info(fieldname, tbytes).doc_frequency())
        except TermNotFound:
            return 0

    terms.term_info = term_info
    terms.doc_frequency = doc_frequency
    return kept


def read_directly(structfile: Any) -> None:
    """Let a segment's file (a part of the compound segment file) read a byte range by one
    ``os.pread`` (its ``get``: the term index, the term infos, posting blocks, stored
    fields) instead of four layers of Python seeking and reading: the same bytes, and the
    part's position left where Whoosh's own ``get`` leaves it. Where ``os.pread`` is
    missing (Windows) or the file is not of that make, it is left as it is."""
    pread: Callable[[int, int, int], bytes] | None = getattr(os, "pread", None)
    part: Any = getattr(structfile, "file", None)
    if pread is None or type(structfile) is not StructFile or type(part) is not SubFile:
        return
    try:
        fd = part._file.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (in memory)
        return
    start, length = part._offset, part._length

    def get(position: int, size: int) -> bytes:
        size = min(size, length - position)
        if size <= 0:
            part._pos = position
            return b""
        part._pos = position + size
        return pread(fd, size, start + position)

    structfile.get = get


SAMPLE_EVERY = 256
"""Of a segment's sorted terms, every this many is kept in memory (on its first prefix
look-up) to start the binary search from."""


def sampled_closest_key_pos(tindex: Any) -> Callable[[bytes], int | None]:
    """Whoosh's ``closest_key_pos`` (the position of the first key at least ``key``: where a
    prefix's terms start) for an ordered term index, its binary search begun in memory: on
    disk it reads three times per step, some 18 steps on a large segment (most of a prefix
    look-up's time). Every SAMPLE_EVERY-th key is read once, when first needed (about
    650 keys and 4 ms for a segment of 168,000 terms); the search then reads only the 8
    steps between two kept keys. The same answers (a test compares them). The sample is
    made once, under a lock of its own, and put in place whole: a search never sees it half
    made, whatever lock its caller holds."""
    base, size, count = tindex.indexbase, tindex.indexsize, tindex.indexlen
    get_pos, key_at = tindex._get_pos, tindex.key_at
    sample: list[bytes] = []
    making = threading.Lock()

    def closest_key_pos(key: bytes) -> int | None:
        if not isinstance(key, bytes):
            raise TypeError(f"Key {key!r} should be bytes")
        if not sample and count:
            with making:
                if not sample:
                    sample[:] = [key_at(get_pos(base + i * size))
                                 for i in range(0, count, SAMPLE_EVERY)]
        kept = bisect_left(sample, key)  # the first kept key at least key
        if kept == 0:
            return get_pos(base) if count else None
        lo = (kept - 1) * SAMPLE_EVERY + 1  # past a kept key below key
        hi = min(kept * SAMPLE_EVERY, count)  # a kept key at least key, or the end
        while lo < hi:
            mid = (lo + hi) // 2
            if key_at(get_pos(base + mid * size)) < key:
                lo = mid + 1
            else:
                hi = mid
        return None if lo == count else get_pos(base + lo * size)

    return closest_key_pos


def preload_segment(perdoc: Any, schema: Any) -> None:
    """Read one segment's field lengths into memory (its per-document reader)."""
    doccount = perdoc.doc_count_all()
    for fieldname, field in schema.items():
        if not field.scorable:
            continue
        lenfield = whoosh3._lenfield(fieldname)
        column = perdoc._cached_reader(lenfield, whoosh3.LENGTHS_COLUMN)
        if column is None or getattr(column, "_fixedlen", None) != 1:
            continue
        count = min(column._count, doccount)
        raw = column._dbfile.get(column._basepos, count)
        perdoc._readers[lenfield] = raw + bytes(doccount - count)


_LENGTH_OF_BYTE: list[int | None] = [None, *(byte_to_length(b) for b in range(1, 256))]
"""A length byte as Whoosh's ``doc_field_length`` reads it (None for 0)."""
_decoded: weakref.WeakKeyDictionary[Any, dict[str, list[int | None]]] = (
    weakref.WeakKeyDictionary())


def field_lengths(reader: Any, fieldname: str) -> list[int | None] | None:
    """Each document's length of a field in a one-segment reader whose lengths
    :func:`preload_segment` read into memory, as ``reader.doc_field_length`` gives it
    (decoded once per segment and field); None when they are not in memory."""
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, whoosh3.W3PerDocReader):
        return None
    by_field = _decoded.get(perdoc)
    if by_field is None:
        by_field = _decoded[perdoc] = {}
    found = by_field.get(fieldname)
    if found is None:
        raw = perdoc._readers.get(whoosh3._lenfield(fieldname))
        if not isinstance(raw, bytes):
            return None
        found = by_field[fieldname] = [_LENGTH_OF_BYTE[b] for b in raw]
    return found


def has_term(reader: Any, fieldname: str, tbytes: bytes) -> bool:
    """``(fieldname, tbytes) in reader`` for a segment's reader, from the term infos
    :func:`preload` keeps (Whoosh's own test reads the term index file every time)."""
    try:
        reader.term_info(fieldname, tbytes)
    except TermNotFound:
        return False
    return True


def stored_fields_reader(searcher: Any) -> Callable[[int], dict[str, Any]]:
    """A function reading a document's stored fields, as ``searcher.stored_fields`` does
    but straight from each segment's stored column: Whoosh's own reader checks every key
    of every document against the schema (fields removed since writing; our indexes are
    rebuilt whenever the schema changes), a third of a read. Falls back to the searcher's
    method when the segments are not what it expects."""
    try:
        leaves = [(reader._perdoc, offset)
                  for reader, offset in searcher.reader().leaf_readers()]
        columns = [perdoc._cached_reader("_stored", whoosh3.STORED_COLUMN)
                   for perdoc, _ in leaves]
    except AttributeError as exc:  # another Whoosh
        log.debug("stored fields read through the searcher: %s", exc)
        return cast(Callable[[int], dict[str, Any]], searcher.stored_fields)
    if not columns or any(column is None for column in columns):
        return cast(Callable[[int], dict[str, Any]], searcher.stored_fields)
    for column in columns:
        read_directly(getattr(getattr(column, "_child", None), "_dbfile", None))
    if len(columns) == 1:
        column = columns[0]
        kept = _kept_in_memory(column)
        if kept is not None:
            return kept
        return lambda docnum: column[docnum] or {}
    offsets = [offset for _, offset in leaves]

    def read(docnum: int) -> dict[str, Any]:
        segment = bisect_right(offsets, docnum) - 1
        return columns[segment][docnum - offsets[segment]] or {}

    return read


def _kept_in_memory(column: Any) -> Callable[[int], dict[str, Any]] | None:
    """A reader of a stored column (Whoosh's pickled, compressed byte strings) taking each
    document's bytes from the column's data read once, as Whoosh would from the file
    (seek and read per document); None when the column is larger than MAX_STORED_BYTES or
    not of that make."""
    child: Any = getattr(column, "_child", None)
    if (type(column) is not whoosh_columns.PickleColumn.Reader
            or type(child) is not whoosh_columns.CompressedBytesColumn.Reader):
        return None
    starts, lengths, decompress = child._offsets, child._lengths, child._decompress
    end = max((start + length for start, length in zip(starts, lengths, strict=True)),
              default=0)
    if end > MAX_STORED_BYTES:
        return None
    data = child._dbfile.get(child._basepos, end) if end else b""
    loads = whoosh_columns.loads

    def read(docnum: int) -> dict[str, Any]:
        length = lengths[docnum]
        if not length:
            return {}
        start = starts[docnum]
        value = decompress(data[start:start + length])
        return (loads(value) if value else None) or {}

    return read


def terms_starting(reader: Any, fieldname: str, prefix: str) -> list[str]:
    """The terms of a field starting with ``prefix``, each once, segment by segment (on an
    index of several segments Whoosh's merged term list costs four times as much), reading
    no term infos."""
    found: dict[str, None] = {}
    for leaf, _ in reader.leaf_readers():
        for term in leaf.expand_prefix(fieldname, prefix):
            found[term.decode("utf-8") if isinstance(term, bytes) else str(term)] = None
    return list(found)
