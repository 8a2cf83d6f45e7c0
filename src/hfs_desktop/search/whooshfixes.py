"""Small corrections to Whoosh, applied once on import (results are unchanged).

- Inlined postings: Whoosh's posting writer calls ``W3TermInfo.set_inline``, which is
  named ``set_inlined``; without the alias a term with fewer postings than the codec's
  ``inlinelimit`` crashes the writer (the reader side works).
- ``ArrayUnionMatcher`` (Whoosh's "or" on indexes of at most 5,000 documents, the broad
  query of a multi-word text) scores documents in parts of 2,048, clearing and allocating
  a part element by element in Python for every matcher, however small the index: on the
  bundled pack (about 300 documents) that was most of an "or" query's time. The part is cut
  to the index size, and cleared in one step.
- Its part reading walks each term's posting blocks directly (:func:`_add_leaf`) instead
  of asking the matcher chain for each posting's id, weight and score (five or six calls
  per posting): the same scores, added in the same order.
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermInfo
from whoosh.matching.combo import ArrayUnionMatcher
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.scoring import BM25FScorer, WeightScorer

if not hasattr(W3TermInfo, "set_inline"):
    W3TermInfo.set_inline = W3TermInfo.set_inlined

_array_union_init = ArrayUnionMatcher.__init__


def _fitted_init(self: Any, submatchers: Any, doccount: int, boost: float = 1.0,
                 scored: bool = True, partsize: int = 2048) -> None:
    if partsize and doccount > 0:
        partsize = min(partsize, doccount)
    _array_union_init(self, submatchers, doccount, boost, scored, partsize)


def _add_leaf(leaf: Any, factor: float | None, scores: Any, offset: int, limit: int,
              boost: float, scored: bool) -> None:
    """Add a term's postings below ``limit`` into ``scores``, as Whoosh's part reading does
    (``scores[id - offset] += score * boost``, the score times ``factor`` when the term
    had a boost), block by block."""
    scorer = leaf.scorer
    if isinstance(scorer, BM25FScorer):
        score, length = scorer._score, scorer.dfl
    else:  # WeightScorer: the posting's weight
        score = length = None
    while leaf.is_active():
        if leaf._ids is None:
            leaf._read_ids()
        if leaf._weights is None:
            leaf._read_weights()
        ids, weights, end = leaf._ids, leaf._weights, leaf._blocklength
        for i in range(leaf._i, end):
            docnum = ids[i]
            if docnum >= limit:
                leaf._i = i
                return
            if not scored:
                scores[docnum - offset] = 1
                continue
            value = weights[i] if score is None else score(weights[i], length(docnum))
            if factor is not None:
                value = value * factor
            scores[docnum - offset] += value * boost
        leaf._i = end - 1
        leaf.next()  # the next block, or the end


def _leaf_of(matcher: Any) -> tuple[Any, float | None] | None:
    """The posting reader under a term's matcher and the term's boost, when the fast path
    knows how it scores (else None)."""
    factor = None
    if type(matcher) is WrappingMatcher:
        matcher, factor = matcher.child, matcher.boost
    if not isinstance(matcher, W3LeafMatcher):
        return None
    scorer = matcher.scorer
    if type(scorer) not in (BM25FScorer, WeightScorer):
        return None
    if type(scorer) is BM25FScorer and type(scorer).score is not BM25FScorer.score:
        return None
    return matcher, factor


def _read_part(self: Any) -> None:
    scored = self._scored
    boost = self._boost
    limit = min(self._docnum + self._partsize, self._doccount)
    offset = self._docnum
    scores = self._a
    scores[:] = array("d", bytes(8 * len(scores)))  # cleared

    for matcher in self._submatchers:
        leaf = _leaf_of(matcher)
        if leaf is not None:
            _add_leaf(leaf[0], leaf[1], scores, offset, limit, boost, scored)
            continue
        while matcher.is_active() and matcher.id() < limit:
            i = matcher.id() - offset
            if scored:
                scores[i] += matcher.score() * boost
            else:
                scores[i] = 1
            matcher.next()

    self._offset = offset
    self._limit = limit


if getattr(ArrayUnionMatcher.__init__, "__name__", "") != "_fitted_init":
    ArrayUnionMatcher.__init__ = _fitted_init
    ArrayUnionMatcher._read_part = _read_part
