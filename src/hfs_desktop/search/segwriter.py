"""A faster writer for a new segment: the same files as Whoosh's, a fraction of the work.

Whoosh's :class:`~whoosh.writing.SegmentWriter` turns every posting into a tuple for a
pool that it sorts (and may spill to disk) when it commits, then hands the postings to the
codec one call each, reading the field length of every one from the lengths file. Per
posting that is most of an index build. :class:`SegmentWriter` keeps each field's postings
grouped by term as they come (an array of document numbers and frequencies per term,
already in document order), so committing sorts only the terms. It then writes the term
table and the posting blocks itself, as Whoosh's term info, postings writer and hash file
would (``W3TermInfo``, ``W3PostingsWriter._write_block``, ``OrderedHashWriter``): rows
gathered into large writes, the table's MD5 hashes made at once at the end, the row of a
one-posting term (most terms) made once per posting, field lengths kept per field and
written as whole columns. The files are byte for byte what Whoosh writes (tests check it,
on the bundled pack and on posting lists of several blocks).

Fields are split into terms by :data:`.schema.TOKENIZERS` (plain Python equivalents of their
analyzers, checked by a test against the analyzers); a field without one goes through its
analyzer as in Whoosh. For a new segment of plain documents only: a schema with term
vectors, spelling or column values, a document with boosts, or postings pooled by a merge
of existing segments are refused (use Whoosh's writer for those).
"""

from __future__ import annotations

import collections
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable
from functools import partial
from hashlib import md5
from importlib import import_module
from itertools import accumulate, chain, starmap
from operator import sub
from pickle import dumps
from typing import Any

from whoosh import formats
from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb import filetables
from whoosh.system import pack_int, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.util.numlists import GrowableArray
from whoosh.writing import SegmentWriter as _WhooshSegmentWriter

from .readers import preload_segment

try:  # CPython's own MD5: for short keys, a third of the time of OpenSSL's
    _md5: Callable[[bytes], Any] = import_module("_md5").md5
except ImportError:  # pragma: no cover  (a Python built without it)
    _md5 = partial(md5, usedforsecurity=False)

_TERM_INFO = W3TermInfo._struct
_ROW_LENGTHS = filetables._lengths.pack
_ROW_HEAD = filetables._lengths.size
_EXTENT = struct.Struct("!qi")
_UINT_SIZE = struct.calcsize("!I")
"""A posting list's offset and length in a term info (``pack_long`` then ``pack_int``)."""
_POINTER = filetables._pointer.pack
_BLOCKS_MAGIC = WHOOSH3_HEADER_MAGIC
Tokenizer = Callable[[str], list[str]]
Measure = Callable[[list[str]], int]

_FREQ_BITS = 20
_FREQ_MAX = (1 << _FREQ_BITS) - 1
_LENGTH_BYTES = bytes(length_to_byte(length) for length in range(4096))
_count_elements: Callable[[dict[str, int], Iterable[str]], None] = (
    collections.__dict__["_count_elements"])
"""What ``Counter.update`` counts with (in C), without a Counter per field value."""


class _Plan:
    """How one field of the schema is written."""

    def __init__(self, name: str, field: Any, tokenize: Tokenizer | None,
                 measure: Measure | None) -> None:
        self.name = name
        self.field = field
        self.tokenize = tokenize
        self.measure = measure if tokenize is not None else None
        self.measured = measure is not None and tokenize is not None
        self.indexed = bool(field.indexed)
        self.stored = bool(field.stored)
        self.scorable = bool(field.scorable)
        self.existence = isinstance(field.format, formats.Existence)

    def fields(self) -> tuple[str, Any, Tokenizer | None, Measure | None, bool, bool, bool, bool,
                              bool]:
        """What ``add_document`` reads, in one tuple (faster to unpack than attributes)."""
        return (self.name, self.field, self.tokenize, self.measure, self.measured,
                self.indexed, self.stored, self.scorable, self.existence)


class SegmentWriter(_WhooshSegmentWriter):  # type: ignore[misc]
    """Whoosh's segment writer with postings grouped by term in memory (see the module).

    ``tokenizers`` maps field names to functions giving a value's tokens exactly as the
    field's analyzer would; ``lengths`` field names to functions giving a value's length
    (what BM25F normalises by) from its tokens, where that is not their number.
    """

    def __init__(self, ix: Any, *args: Any, tokenizers: dict[str, Tokenizer] | None = None,
                 lengths: dict[str, Measure] | None = None, **kwargs: Any) -> None:
        super().__init__(ix, *args, **kwargs)
        tokenizers = tokenizers or {}
        measures = lengths or {}
        self._postings: dict[str, dict[str, array[int]]] = {}
        self._plain = all(
            not field.vector and not field.separate_spelling() and not field.column_type
            and (not field.indexed
                 or isinstance(field.format, (formats.Existence, formats.Frequency)))
            for _, field in self.schema.items())
        self._names = frozenset(name for name in self.schema.names()
                                if not name.startswith("_"))
        self._plans = [_Plan(name, field, tokenizers.get(name), measures.get(name)).fields()
                       for name, field in sorted(self.schema.items())]
        self._lengths: dict[str, bytearray] = {}
        """Each scorable field's length byte per document (Whoosh writes them one call
        each): written as the fields' length columns at the end."""
        self._totals: dict[str, int] = {}

    def add_document(self, **fields: Any) -> None:
        if not self._plain or not fields.keys() <= self._names:
            if not self._plain or any(name.startswith("_") for name in fields):
                raise TypeError("this writer takes plain documents of a plain schema only")
            self._check_fields(self.schema, fields)
        self._check_state()
        perdoc = self.perdocwriter
        docnum = self.docnum
        postings = self._postings
        perdoc.start_doc(docnum)
        stored = perdoc._storedfields
        base = docnum << _FREQ_BITS
        try:
            for (name, field, tokenize, measure, measured, indexed, is_stored, scorable,
                 existence) in self._plans:
                value = fields.get(name)
                if value is None:
                    continue
                if is_stored:
                    stored[name] = value
                if not indexed:
                    continue
                terms = postings.get(name)
                if terms is None:
                    terms = postings[name] = {}
                if tokenize is None or not isinstance(value, str):
                    counts = {text.decode("utf-8"): freq
                              for text, freq, _, _ in field.index(value)}
                    if counts and max(counts.values()) > _FREQ_MAX:
                        raise ValueError(
                            f"a term repeated more than {_FREQ_MAX} times in a field")
                    # (a measured field takes its length from its tokens: none here)
                    length = 0 if measured else sum(counts.values())
                else:
                    tokens = tokenize(value)
                    if existence:
                        counts = dict.fromkeys(tokens, 1)
                        length = len(counts)
                    else:
                        counts = {}
                        _count_elements(counts, tokens)
                        length = len(tokens)
                        if length > _FREQ_MAX and max(counts.values()) > _FREQ_MAX:
                            raise ValueError(
                                f"a term repeated more than {_FREQ_MAX} times in a field")
                    if measure is not None:
                        length = measure(tokens)
                get = terms.get
                for text, freq in counts.items():
                    found = get(text)
                    if found is None:
                        terms[text] = array("q", (base | freq,))
                    else:
                        found.append(base | freq)
                if scorable and length:
                    self._add_length(name, docnum, length)
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_length(self, fieldname: str, docnum: int, length: int) -> None:
        found = self._lengths.get(fieldname)
        if found is None:
            found = self._lengths[fieldname] = bytearray()
            self._totals[fieldname] = 0
        if len(found) != docnum:  # (longer only after a cancelled document)
            found += bytes(max(0, docnum - len(found)))
            del found[docnum:]
        found.append(_LENGTH_BYTES[length] if length < len(_LENGTH_BYTES)
                     else length_to_byte(length))
        self._totals[fieldname] += length

    def _write_lengths(self) -> None:
        """The length columns, as Whoosh's per-document writer leaves them: a column for
        each field that had a length, its bytes up to the last one not zero."""
        perdoc = self.perdocwriter
        for fieldname, found in self._lengths.items():
            lenfield = whoosh3._lenfield(fieldname)
            perdoc._create_column(lenfield, whoosh3.LENGTHS_COLUMN)
            column = perdoc._get_column(lenfield)
            written = bytes(found).rstrip(b"\0")
            column._dbfile.write(written)
            column._count = len(written)
            perdoc._fieldlengths[fieldname] += self._totals[fieldname]
        self._lengths = {}

    def _flush_segment(self) -> None:
        if getattr(self.pool, "current", None) or getattr(self.pool, "runs", None):
            raise RuntimeError("this writer writes new segments only (postings were pooled)")
        self._write_lengths()
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        if pdr is not None:
            preload_segment(pdr, self.schema)
        self._write_postings(pdr)
        self.fieldwriter.close()
        if pdr is not None:
            pdr.close()

    def _write_postings(self, pdr: Any) -> None:
        fieldwriter = self.fieldwriter
        codec = self.codec
        table = fieldwriter._tindex = _TermTable(fieldwriter._tindex)
        postings = _Buffered(fieldwriter._postfile)
        shape = _Shape(blocklimit=int(codec._blocklimit), compression=int(codec._compression),
                       inline_below=int(getattr(codec, "_inlinelimit", 1)))
        for fieldname in sorted(self._postings):
            terms = self._postings[fieldname]
            field = self.schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            term = _Term(table, postings, shape, _lengths(pdr, fieldname), field.format)
            term.write_all(pack_ushort(fieldwriter._fieldid), terms)
            fieldwriter.finish_field()
        postings.flush()
        self._postings = {}


def _lengths(pdr: Any, fieldname: str) -> Any:
    """The field's length bytes per document (from memory), or None when it has none."""
    if pdr is None:
        return None
    from whoosh.codec import whoosh3

    return pdr._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)


_FLUSH = 1 << 22
"""Bytes buffered before a write to the file."""


class _Buffered:
    """Writes to a file gathered into large ones (``tell`` counts what is buffered)."""

    def __init__(self, dbfile: Any) -> None:
        self.dbfile = dbfile
        self.base: int = dbfile.tell()
        self.buffer = bytearray()

    def tell(self) -> int:
        return self.base + len(self.buffer)

    def flush(self) -> None:
        if self.buffer:
            self.dbfile.write(bytes(self.buffer))
            self.base += len(self.buffer)
            self.buffer = bytearray()


class _TermTable(filetables.OrderedHashWriter):  # type: ignore[misc]
    """Whoosh's ordered hash file of terms (:class:`~whoosh.filedb.filetables.
    OrderedHashWriter`, taken over before its first row): the same bytes, with rows
    gathered into large writes and hashed all at once at the end. Keys must come in
    increasing order (they are not checked)."""

    def __init__(self, taken: Any) -> None:  # takes the state of ``taken``: no super()
        if len(taken.index):
            raise RuntimeError("the term table already has rows")
        self.__dict__.update(taken.__dict__)
        self._out = _Buffered(self.dbfile)
        self._keys: list[bytes] = []
        self._positions: list[int] = []

    def tell(self) -> int:
        return self._out.tell()

    def add(self, key: bytes, value: bytes) -> None:
        self.add_all([key], [value])

    def add_all(self, keys: list[bytes], values: list[bytes]) -> None:
        """Add rows (what ``add`` would write for each pair, in turn)."""
        out = self._out
        key_sizes = list(map(len, keys))
        value_sizes = list(map(len, values))
        self._positions += accumulate(
            [_ROW_HEAD + k + v for k, v in zip(key_sizes, value_sizes, strict=True)],
            initial=out.tell())
        self._positions.pop()  # the end of the last row
        self._keys += keys
        out.buffer += b"".join(chain.from_iterable(
            zip(map(_ROW_LENGTHS, key_sizes, value_sizes), keys, values, strict=True)))
        if len(out.buffer) > _FLUSH:
            out.flush()

    def _write_hashes(self) -> None:
        self._out.flush()
        buckets: list[list[tuple[int, int]]] = self.buckets
        if self.hashfn is filetables.md5_hash:
            hashes: Iterable[int] = _md5_hashes(self._keys)
        else:
            hashes = [self.hashfn(key) for key in self._keys]
        for hashed, position in zip(hashes, self._positions, strict=True):
            buckets[hashed & 255].append((hashed, position))
        dbfile = self.dbfile
        pointer = _POINTER
        for entries in buckets:
            numslots = 2 * len(entries)
            self.directory.append((dbfile.tell(), numslots))
            slots: list[tuple[int, int]] = [(0, 0)] * numslots
            taken = [False] * numslots
            for entry in entries:
                slot = (entry[0] >> 8) % numslots
                while taken[slot]:
                    slot = (slot + 1) % numslots
                slots[slot] = entry
                taken[slot] = True
            dbfile.write(b"".join(starmap(pointer, slots)))
        self.index = GrowableArray("H")
        self.index.array = _position_array(self._positions)


def _md5_hashes(keys: list[bytes]) -> Iterable[int]:
    """Whoosh's ``md5_hash`` of each key (the last 4 bytes of its MD5 digest, big-endian),
    the digests made in one go and read as an array."""
    digests = [_md5(key).digest() for key in keys]
    if array("I").itemsize != 4:  # pragma: no cover  (no 4-byte array type)
        return [int.from_bytes(digest[12:], "big") for digest in digests]
    words = array("I", b"".join(digests))
    if sys.byteorder == "little":
        words.byteswap()
    return words[3::4]


def _position_array(positions: list[int]) -> array[int]:
    """The array Whoosh's ``GrowableArray("H")`` ends with after these appends."""
    top = max(positions, default=0)
    for typecode, limit in (("H", 1 << 16), ("i", 1 << 31), ("I", 1 << 32)):
        if top < limit:
            return array(typecode, positions)
    return array("q", positions)


class _Shape:
    """How the codec lays out posting lists."""

    def __init__(self, blocklimit: int, compression: int, inline_below: int) -> None:
        self.blocklimit = blocklimit
        self.compression = compression
        self.inline_below = inline_below


class _Term:
    """Writes one field's terms: the term table rows and posting blocks Whoosh's postings
    writer and term info would write for the same postings (a posting list short enough
    to inline goes into the term table; a longer one into the postings file, a block of
    ``blocklimit`` postings at a time, each a pickle as Whoosh's ``_write_block`` makes
    it)."""

    def __init__(self, table: _TermTable, postings: _Buffered, shape: _Shape, lengths: Any,
                 format_: Any) -> None:
        self.table = table
        self.postings = postings
        self.shape = shape
        self.lengths = lengths
        self.existence = isinstance(format_, formats.Existence)
        self.boost = float(format_.field_boost)
        self.value_size = format_.fixed_value_size()
        self.singles: dict[int, bytes] = {}
        """Term table values of one-posting lists, by posting (most terms share one)."""

    def write_all(self, field_key: bytes, terms: dict[str, array[int]]) -> None:
        """Write the field's terms (text: postings), in order, its key ``field_key``."""
        texts = sorted(terms)
        values: list[bytes] = []
        add = values.append
        singles = self.singles
        single = self._single
        inline_below = self.shape.inline_below
        for text in texts:
            entries = terms[text]
            if len(entries) == 1:
                value = singles.get(entries[0])
                if value is None:
                    value = singles[entries[0]] = single(entries[0])
                add(value)
            elif len(entries) < inline_below:
                add(self._inline(entries))
            else:
                add(self._blocks(entries))
        self.table.add_all([field_key + text for text in map(str.encode, texts)], values)

    def _single(self, entry: int) -> bytes:
        """W3TermInfo's bytes for one posting inlined in the term table."""
        docnum, freq = entry >> _FREQ_BITS, entry & _FREQ_MAX
        weight = self.boost if self.existence else freq * self.boost
        stored = array("f", (weight,))[0]
        length = 0 if self.lengths is None else self.lengths[docnum]
        info: bytes = _TERM_INFO.pack(
            True, stored, 1, length, length, max(0, weight), docnum, docnum)
        return info + dumps(
            ((docnum,), (stored,), () if self.existence else (pack_uint(freq),)), 2)

    def _block(self, entries: Any) -> tuple[list[int], list[float], list[int], list[int]]:
        """(ids, weights, frequencies, length bytes) of some postings, as Whoosh has them."""
        ids = [entry >> _FREQ_BITS for entry in entries]
        if self.existence:
            exact = [self.boost] * len(ids)
            freqs: list[int] = []
        else:
            freqs = [entry & _FREQ_MAX for entry in entries]
            exact = [freq * self.boost for freq in freqs]
        lengths = self.lengths
        known = [] if lengths is None else [b for b in map(lengths.__getitem__, ids) if b]
        return ids, exact, freqs, known

    def _inline(self, entries: array[int]) -> bytes:
        """W3TermInfo's bytes for postings inlined in the term table."""
        ids, exact, freqs, known = self._block(entries)
        weights = array("f", exact)
        info: bytes = _TERM_INFO.pack(
            True, sum(weights), len(ids), min(known) if known else 0,
            max(known) if known else 0, max(0, max(exact)), ids[0], ids[-1])
        values = tuple(map(pack_uint, freqs))
        return info + dumps((tuple(ids), tuple(weights), values), 2)

    def _blocks(self, entries: array[int]) -> bytes:
        """The posting list in blocks (``W3PostingsWriter._write_block``), then its row
        (``W3TermInfo.to_bytes`` after ``add_block`` per block)."""
        out = self.postings
        start = out.tell()
        buffer = out.buffer
        buffer += _BLOCKS_MAGIC
        limit = self.shape.blocklimit
        compression = self.shape.compression
        total = len(entries)
        weight: float = 0
        minlength: int | None = None
        maxlength = 0
        maxweight: float = 0
        first = None
        boost = self.boost
        lengths = self.lengths
        plain = not self.existence and boost == 1.0  # weights are the frequencies
        for offset in range(0, total, limit):
            chunk = entries[offset:offset + limit]
            ids = [entry >> _FREQ_BITS for entry in chunk]
            count = len(ids)
            freqs: list[int] = []
            if plain:
                freqs = [entry & _FREQ_MAX for entry in chunk]
                weights = array("f", freqs)
                block_max: float = max(0, float(max(freqs)))
            else:
                if self.existence:
                    exact = [boost] * count
                else:
                    freqs = [entry & _FREQ_MAX for entry in chunk]
                    exact = [freq * boost for freq in freqs]
                weights = array("f", exact)
                block_max = max(0, max(exact))
            known = (b"" if lengths is None
                     else bytes(map(lengths.__getitem__, ids)).replace(b"\0", b""))
            block_min_length = byte_to_length(min(known)) if known else None
            block_max_length = byte_to_length(max(known)) if known else 0
            weight += sum(weights)
            minlength = block_min_length if minlength is None else min(
                minlength, block_min_length)  # type: ignore[type-var]
            maxlength = max(maxlength, block_max_length)
            maxweight = max(maxweight, block_max)
            if first is None:
                first = ids[0]
            data = dumps((tuple(map(sub, ids, [0, *ids[:-1]])),
                          _mini_weights(weights),
                          self._mini_values(freqs, count)), 2)
            if compression:
                data = zlib.compress(data, compression)
            info = dumps((count, ids[-1], block_max, compression,
                          length_to_byte(block_min_length), length_to_byte(block_max_length)),
                         2)
            size = len(info) + len(data)
            buffer += pack_int(-size if offset + limit >= total else size)
            buffer += info
            buffer += data
        length = out.tell() - start
        if len(buffer) > _FLUSH:
            out.flush()
        row: bytes = _TERM_INFO.pack(
            False, weight, total, 0 if minlength is None else length_to_byte(minlength),
            length_to_byte(maxlength), maxweight, first, entries[-1] >> _FREQ_BITS)
        return row + _EXTENT.pack(start, length)

    def _mini_values(self, freqs: list[int], count: int) -> Any:
        """``W3PostingsWriter._mini_values``: the values (packed frequencies) of a block."""
        size = self.value_size
        if size == _UINT_SIZE and not self.existence:  # the frequencies, packed as pack_uint
            return struct.pack(f"!{len(freqs)}I", *freqs)
        values = [] if self.existence else list(map(pack_uint, freqs))
        if size is None or size < 0:
            return tuple(values)
        if size == 0:
            return None
        return b"".join(values)


def _mini_weights(weights: array[float]) -> Any:
    """``W3PostingsWriter._mini_weights``: None when all are 1, one when all are equal."""
    count = len(weights)
    if weights.count(1.0) == count:
        return None
    if weights.count(weights[0]) == count:
        return weights[0]
    return tuple(weights)
