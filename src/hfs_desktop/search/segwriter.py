"""A faster writer for a new segment: the same files as Whoosh's, a fraction of the work.

Whoosh's :class:`~whoosh.writing.SegmentWriter` turns every posting into a tuple for a
pool that it sorts (and may spill to disk) when it commits, then hands the postings to the
codec one call each, reading the field length of every one from the lengths file. Per
posting that is most of an index build. :class:`SegmentWriter` keeps each field's postings
grouped by term as they come (an array of document numbers and frequencies per term,
already in document order), so committing sorts only the terms, and writes each term's
posting blocks with the codec's own block writer, a block at a time, with field lengths
read from memory. The files are byte for byte what Whoosh writes (a test checks it).

Fields are split into terms by :data:`.schema.TOKENIZERS` (plain Python equivalents of their
analyzers, checked by a test against the analyzers); a field without one goes through its
analyzer as in Whoosh. For a new segment of plain documents only: a schema with term
vectors, spelling or column values, a document with boosts, or postings pooled by a merge
of existing segments are refused (use Whoosh's writer for those).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable
from pickle import dumps
from typing import Any

from whoosh import formats
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.system import pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter as _WhooshSegmentWriter

from .readers import preload_segment

_TERM_INFO = W3TermInfo._struct
Tokenizer = Callable[[str], list[str]]
Measure = Callable[[list[str]], int]

_FREQ_BITS = 20
_FREQ_MAX = (1 << _FREQ_BITS) - 1


class SegmentWriter(_WhooshSegmentWriter):  # type: ignore[misc]
    """Whoosh's segment writer with postings grouped by term in memory (see the module).

    ``tokenizers`` maps field names to functions giving a value's tokens exactly as the
    field's analyzer would; ``lengths`` field names to functions giving a value's length
    (what BM25F normalises by) from its tokens, where that is not their number.
    """

    def __init__(self, ix: Any, *args: Any, tokenizers: dict[str, Tokenizer] | None = None,
                 lengths: dict[str, Measure] | None = None, **kwargs: Any) -> None:
        super().__init__(ix, *args, **kwargs)
        self._tokenizers = tokenizers or {}
        self._measures = lengths or {}
        self._postings: dict[str, dict[str, array[int]]] = {}
        self._plain = all(
            not field.vector and not field.separate_spelling() and not field.column_type
            and (not field.indexed
                 or isinstance(field.format, (formats.Existence, formats.Frequency)))
            for _, field in self.schema.items())
        self._fields: dict[str, tuple[Any, Tokenizer | None, bool, bool, Measure | None]] = {
            name: (field, self._tokenizers.get(name), isinstance(field.format,
                   formats.Existence), bool(field.scorable), self._measures.get(name))
            for name, field in self.schema.items()}

    def add_document(self, **fields: Any) -> None:
        if not self._plain or any(name.startswith("_") for name in fields):
            raise TypeError("this writer takes plain documents of a plain schema only")
        self._check_state()
        perdoc = self.perdocwriter
        docnum = self.docnum
        known = self._fields
        postings = self._postings
        self._check_fields(self.schema, fields)
        perdoc.start_doc(docnum)
        try:
            for fieldname in sorted(fields):
                value = fields[fieldname]
                if value is None:
                    continue
                field, tokenize, existence, scorable, measure = known[fieldname]
                length = 0
                if field.indexed:
                    length = self._index(postings.setdefault(fieldname, {}), field, tokenize,
                                         existence, scorable, measure, value, docnum)
                perdoc.add_field(fieldname, field, value if field.stored else None, length)
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    @staticmethod
    def _index(terms: dict[str, array[int]], field: Any, tokenize: Tokenizer | None,
               existence: bool, scorable: bool, measure: Measure | None, value: Any,
               docnum: int) -> int:
        """Add one field value's postings; its length (0 unless scorable)."""
        counts: dict[str, int]
        length = 0
        if tokenize is None or not isinstance(value, str):
            counts = {text.decode("utf-8"): freq
                      for text, freq, _, _ in field.index(value)}
        else:
            tokens = tokenize(value)
            counts = dict.fromkeys(tokens, 1) if existence else Counter(tokens)
            if measure is not None:
                length = measure(tokens)
        if scorable and not (measure is not None and tokenize is not None):
            length = sum(counts.values())
        base = docnum << _FREQ_BITS
        get = terms.get
        for text, freq in counts.items():
            if freq > _FREQ_MAX:
                raise ValueError(f"a term repeated more than {_FREQ_MAX} times in a field")
            found = get(text)
            if found is None:
                terms[text] = array("q", (base | freq,))
            else:
                found.append(base | freq)
        return length if scorable else 0

    def _flush_segment(self) -> None:
        if getattr(self.pool, "current", None) or getattr(self.pool, "runs", None):
            raise RuntimeError("this writer writes new segments only (postings were pooled)")
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
        inline_below = int(getattr(self.codec, "_inlinelimit", 1))
        for fieldname in sorted(self._postings):
            terms = self._postings[fieldname]
            field = self.schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            term = _Term(fieldwriter, _lengths(pdr, fieldname),
                         isinstance(field.format, formats.Existence),
                         float(field.format.field_boost),
                         inline_below)
            for text in sorted(terms):
                term.write(text.encode("utf-8"), terms[text])
            fieldwriter.finish_field()
        self._postings = {}


def _lengths(pdr: Any, fieldname: str) -> Any:
    """The field's length bytes per document (from memory), or None when it has none."""
    if pdr is None:
        return None
    from whoosh.codec import whoosh3

    return pdr._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)


class _Term:
    """Writes one field's terms: what Whoosh's postings writer and term info would write
    for the same postings (a posting list short enough to inline goes straight into the
    term table; longer ones through the codec's writer, a block at a time)."""

    def __init__(self, fieldwriter: Any, lengths: Any, existence: bool, boost: float,
                 inline_below: int) -> None:
        self.fieldwriter = fieldwriter
        self.lengths = lengths
        self.existence = existence
        self.boost = boost
        self.inline_below = inline_below
        self.key = pack_ushort(fieldwriter._fieldid)
        self.add = fieldwriter._tindex.add

    def _block(self, entries: Any) -> tuple[array[int], list[float], list[bytes], list[int]]:
        """(ids, weights, values, length bytes) of some postings, as Whoosh has them."""
        ids = array("I", [entry >> _FREQ_BITS for entry in entries])
        if self.existence:
            exact = [self.boost] * len(ids)
            values: list[bytes] = []
        else:
            freqs = [entry & _FREQ_MAX for entry in entries]
            exact = [freq * self.boost for freq in freqs]
            values = [pack_uint(freq) for freq in freqs]  # one object each, as Whoosh
        lengths = self.lengths
        known = [] if lengths is None else [b for b in (lengths[i] for i in ids) if b]
        return ids, exact, values, known

    def write(self, btext: bytes, entries: array[int]) -> None:
        if len(entries) < self.inline_below:
            self._inline(btext, entries)
        else:
            self._blocks(btext, entries)

    def _inline(self, btext: bytes, entries: array[int]) -> None:
        """W3TermInfo's bytes for postings inlined in the term table."""
        if len(entries) == 1:  # most terms: the same bytes, made directly
            docnum, freq = entries[0] >> _FREQ_BITS, entries[0] & _FREQ_MAX
            weight = self.boost if self.existence else freq * self.boost
            stored = array("f", (weight,))[0]
            length = 0 if self.lengths is None else self.lengths[docnum]
            self.add(self.key + btext, _TERM_INFO.pack(
                True, stored, 1, length, length, max(0, weight), docnum, docnum) + dumps(
                ((docnum,), (stored,), () if self.existence else (pack_uint(freq),)), 2))
            return
        ids, exact, values, known = self._block(entries)
        weights = array("f", exact)
        info = _TERM_INFO.pack(
            True, sum(weights), len(ids), min(known) if known else 0,
            max(known) if known else 0, max(0, max(exact)), ids[0], ids[-1])
        self.add(self.key + btext,
                 info + dumps((tuple(ids), tuple(weights), tuple(values)), 2))

    def _blocks(self, btext: bytes, entries: array[int]) -> None:
        """Through the codec's postings writer, its state set a block at a time as its
        ``add_posting`` would have left it."""
        fieldwriter = self.fieldwriter
        fieldwriter.start_term(btext)
        writer = fieldwriter._postwriter
        limit = writer._blocklimit
        total = len(entries)
        for start in range(0, total, limit):
            ids, exact, values, known = self._block(entries[start:start + limit])
            writer._ids = ids
            writer._weights = array("f", exact)
            writer._values = values
            writer._maxweight = max(0, max(exact))
            writer._minlength = byte_to_length(min(known)) if known else None
            writer._maxlength = byte_to_length(max(known)) if known else 0
            if start + limit < total:
                writer._write_block()
        fieldwriter.finish_term()
