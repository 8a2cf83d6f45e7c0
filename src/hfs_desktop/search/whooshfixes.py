"""Two small corrections to Whoosh, applied once on import (results are unchanged).

- Inlined postings: Whoosh's posting writer calls ``W3TermInfo.set_inline``, which is
  named ``set_inlined``; without the alias a term with fewer postings than the codec's
  ``inlinelimit`` crashes the writer (the reader side works).
- ``ArrayUnionMatcher`` (Whoosh's "or" on indexes of at most 5,000 documents) scores
  documents in parts of 2,048, clearing and allocating a part element by element in
  Python for every matcher, however small the index: on the bundled pack (about 300
  documents) that was most of an "or" query's time. The part is cut to the index size.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.matching.combo import ArrayUnionMatcher

if not hasattr(W3TermInfo, "set_inline"):
    W3TermInfo.set_inline = W3TermInfo.set_inlined

_array_union_init = ArrayUnionMatcher.__init__


def _fitted_init(self: Any, submatchers: Any, doccount: int, boost: float = 1.0,
                 scored: bool = True, partsize: int = 2048) -> None:
    if partsize and doccount > 0:
        partsize = min(partsize, doccount)
    _array_union_init(self, submatchers, doccount, boost, scored, partsize)


if getattr(ArrayUnionMatcher.__init__, "__name__", "") != "_fitted_init":
    ArrayUnionMatcher.__init__ = _fitted_init
