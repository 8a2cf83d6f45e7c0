"""What an open searcher keeps in memory: field lengths and the term infos it looked up.

Field lengths: BM25F reads one per scored posting, the writer one per posting it writes.

Whoosh reads a document's field length (one byte) from the index file for every posting it
scores; without a memory map that is a seek and a read each (most of the time of a broad
query). The lengths columns are a byte per document and field: read once when a searcher
opens, they stay in memory (some 10 bytes per document).
"""

from __future__ import annotations

import logging
from typing import Any

from whoosh.codec import whoosh3

log = logging.getLogger(__name__)


MAX_TERM_INFOS = 50_000
"""Term infos kept per segment (then the cache starts over)."""


def preload(searcher: Any) -> list[dict[Any, Any]]:
    """Read the field lengths of every segment of the searcher's index into memory, and
    keep the term infos it looks up; the term info caches (to clear them).

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


def _keep_term_infos(terms: Any) -> dict[tuple[str, bytes], Any]:
    read = terms.term_info
    kept: dict[tuple[str, bytes], Any] = {}

    def term_info(fieldname: str, tbytes: bytes) -> Any:
        info = kept.get((fieldname, tbytes))
        if info is None:
            if len(kept) >= MAX_TERM_INFOS:
                kept.clear()
            info = kept[fieldname, tbytes] = read(fieldname, tbytes)
        return info

    terms.term_info = term_info
    return kept


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
