"""Posting blocks kept decoded between queries.

Whoosh reads a term's posting block from the index file and unpickles it every time a
query uses the term: typing "hemifacial spasm" letter by letter asks for the same blocks
keystroke after keystroke. :class:`Codec` (Whoosh's codec; indexes are written with it, so
their segments read with it) hands out matchers that keep each block they decode, per
open postings file and bounded, and reuse it. Blocks never change in an open index; what is
kept is exactly what Whoosh would decode again.
"""

from __future__ import annotations

import io
import pickle
import weakref
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher
from whoosh.system import _INT_SIZE, unpack_int
from whoosh.util.numeric import byte_to_length

MAX_BLOCKS = 2048
"""Decoded blocks kept per postings file (then the cache starts over)."""

_caches: weakref.WeakKeyDictionary[Any, dict[int, _Block]] = weakref.WeakKeyDictionary()


class _Block:
    __slots__ = ("data_offset", "ids", "info", "last", "next_offset", "values", "weights")

    def __init__(self, last: bool, next_offset: int, data_offset: int, info: Any) -> None:
        self.last, self.next_offset, self.data_offset, self.info = (
            last, next_offset, data_offset, info)
        self.ids: Any = None
        self.weights: Any = None
        self.values: Any = None


def _cache_of(postfile: Any) -> dict[int, _Block]:
    cache = _caches.get(postfile)
    if cache is None:
        cache = _caches[postfile] = {}
    return cache


HEAD_BYTES = 128
"""Bytes read at once for a block's head: its length and its pickled info tuple (some 30
bytes; a longer one is read as Whoosh reads it)."""


def _block_head(postfile: Any, position: int) -> tuple[int, Any, int]:
    """A posting block's length (negative for the last block), its info tuple and where its
    data starts, as Whoosh's ``_goto`` reads them (``read_int``, then ``read_pickle``: a
    dozen small reads of the file) but from one read of HEAD_BYTES."""
    head = postfile.get(position, HEAD_BYTES)
    stream = io.BytesIO(head)
    stream.seek(_INT_SIZE)
    try:
        info = pickle.load(stream)
    except (EOFError, pickle.UnpicklingError, ValueError, IndexError):  # a longer head
        postfile.seek(position)
        length = postfile.read_int()
        info = postfile.read_pickle()
        return length, info, postfile.tell()
    return unpack_int(head[:_INT_SIZE])[0], info, position + stream.tell()


class _KeepingMatcher(W3LeafMatcher):  # type: ignore[misc]
    """Whoosh's leaf matcher, taking decoded blocks from (and adding them to) the cache."""

    _block: _Block

    def _read_header(self) -> None:
        cache = _cache_of(self._postfile)
        if -self._startoffset not in cache:  # the header is checked once per posting list
            if self._postfile.get(self._startoffset, 4) != WHOOSH3_HEADER_MAGIC:
                W3LeafMatcher._read_header(self)  # (raises Whoosh's error)
            cache[-self._startoffset] = _Block(False, 0, 0, None)
        self._baseoffset = self._startoffset + 4

    def _goto(self, position: int) -> None:
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        cache = _cache_of(self._postfile)
        block = cache.get(position)
        if block is None:
            length, info, data_offset = _block_head(self._postfile, position)
            if len(cache) >= MAX_BLOCKS:
                cache.clear()
            block = cache[position] = _Block(length < 0, position + _INT_SIZE + abs(length),
                                             data_offset, info)
        self._block = block
        if block.last:
            self._lastblock = True
        self._nextoffset = block.next_offset
        self._dataoffset = block.data_offset
        (self._blocklength, self._maxid, self._maxweight, self._compression, mnlen,
         mxlen) = block.info
        self._minlength = byte_to_length(mnlen)
        self._maxlength = byte_to_length(mxlen)

    def _read_ids(self) -> None:
        block = self._block
        if block.ids is None:
            W3LeafMatcher._read_ids(self)
            block.ids = self._ids
        self._ids = block.ids

    def _read_weights(self) -> None:
        block = self._block
        if block.weights is None:
            W3LeafMatcher._read_weights(self)
            block.weights = self._weights
        self._weights = block.weights

    def _read_values(self) -> None:
        block = self._block
        if block.values is None:
            W3LeafMatcher._read_values(self)
            block.values = self._values
        self._values = block.values


class Codec(W3Codec):  # type: ignore[misc]
    """Whoosh's codec whose posting readers keep decoded blocks (see the module)."""

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None,
                        scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            return W3Codec.postings_reader(self, dbfile, terminfo, format_, term=term,
                                           scorer=scorer)
        offset, length = terminfo.extent()
        return _KeepingMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


def clear() -> None:
    """Forget every kept block (benchmarks: searches then run as on a fresh index)."""
    for cache in list(_caches.values()):
        cache.clear()
