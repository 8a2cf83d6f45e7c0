"""Whoosh's top hits of a query on a small index, scored straight from the postings.

On a few hundred documents most of a search's time goes to Whoosh's machinery around the
scores: a tree of matchers asked, posting by posting and document by document, for ids and
scores through four to six calls each. :func:`top_hits` reads each term's postings block
by block, scores every posting with the very scorer Whoosh would make for the term (so each
posting's score is Whoosh's, bit for bit), and combines them as Whoosh's matchers for this
index size do: an "or" adds its parts in order (for two parts Whoosh adds them in the
order of its tree, the same sum), an "and" of two adds both, "and maybe" adds the second
where it matches. Hits are Whoosh's top ``limit``: best score first, lower document
number first on a tie.

Only the query shapes this package builds are handled, on one segment and the BM25F model;
for anything else :func:`top_hits` returns None and the caller asks Whoosh. So it does
where Whoosh's own pruning could answer otherwise (see :func:`top_hits`): the hits are
always Whoosh's.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher
from whoosh.scoring import BM25F, BM25FScorer, WeightScorer

from .query import BoostedPrefix
from .readers import field_lengths, has_term

_WHOOSH_BM25 = (scoring.bm25, BM25FScorer._score)

Scores = dict[int, float]


class _Unsupported(Exception):
    """A query shape this module does not score (Whoosh answers it)."""


def top_hits(searcher: Any, query: wq.Query, limit: int, allowed: set[int] | None = None
             ) -> list[tuple[float, int]] | None:
    """``(score, docnum)`` of the best ``limit`` documents (those in ``allowed`` when
    given), as ``searcher.search(query, limit=limit, filter=...)`` ranks them; None when
    the index or the query is not one this module scores."""
    if not searcher.is_atomic() or type(searcher.weighting) is not BM25F:
        return None
    scorer = _Scorer(searcher)
    try:
        scores = scorer.scores(query)
    except _Unsupported:
        return None
    ranked = sorted((-score, docnum) for docnum, score in scores.items()
                    if allowed is None or docnum in allowed)
    if len(ranked) > limit and any(bound < -ranked[limit - 1][0] for bound in scorer.bounds):
        # Once its page is full, Whoosh prunes with each matcher's best possible score
        # (every tenth match, against the lowest score on the page), and takes an array
        # "or"'s as its best part's, not their sum: where that claims less than the "or"
        # scores, it may drop documents that score higher than the last it keeps. It cannot
        # when each such "or" it may prune claims at least the page's last score (the
        # lowest on its page is never higher): then it keeps every match, as here. Else its
        # own answer is the reference.
        return None
    return [(-negated, docnum) for negated, docnum in ranked[:limit]]


_ROOT, _PRUNED, _PRELOADED = range(3)
"""Where a matcher sits in Whoosh's tree: the root (never replaced, whatever it is); below
it through "and", "and maybe" and "or"s of two (replaced when its page is full, by their
parts' best possible scores); inside an array "or" (read in full when it is made)."""


class _Scorer:
    def __init__(self, searcher: Any) -> None:
        self._searcher = searcher
        self._reader = searcher.reader()
        self._schema = searcher.schema
        self._weighting = searcher.weighting
        self.bounds: list[float] = []
        """For each array "or" below the root that Whoosh may prune (not inside another),
        a lower bound of the best score Whoosh claims for it (see top_hits)."""

    def scores(self, query: wq.Query) -> Scores:
        return self._scores(query, _ROOT)[0]

    def _scores(self, query: wq.Query, place: int) -> tuple[Scores, float]:
        """A query's scores by document, and a lower bound of the best score Whoosh's
        matcher for it claims once read to the end (0 where not known)."""
        kind = type(query)
        if kind is wq.Term:
            return self._term(query.fieldname, query.text, query.boost)
        if kind is wq.Or:
            return self._or(query, place)
        if kind is wq.And:
            return self._and(query, place), 0.0
        if kind is wq.AndMaybe:
            return self._and_maybe(query, place), 0.0
        if kind is wq.Prefix or kind is BoostedPrefix:
            return self._prefix(query, place)
        raise _Unsupported(kind.__name__)

    def _term(self, fieldname: str, text: Any, boost: float = 1.0) -> tuple[Scores, float]:
        """The term's scores and, for a posting list Whoosh does not inline, the best score
        Whoosh's matcher for it claims (its scorer's for the term, times the boost)."""
        if fieldname not in self._schema:
            return {}, 0.0
        btext = self._schema[fieldname].to_bytes(text)
        if not has_term(self._reader, fieldname, btext):
            return {}, 0.0
        scorer = self._weighting.scorer(self._searcher, fieldname, btext)
        matcher = self._reader.postings(fieldname, btext)
        postings = _postings(matcher)
        out: Scores
        if type(scorer) is BM25FScorer:
            lengths = field_lengths(self._reader, fieldname)
            if lengths is not None and (scoring.bm25, BM25FScorer._score) == _WHOOSH_BM25:
                return _bm25(scorer, lengths, postings, boost), _claim(scorer, matcher, boost)
            score, length = scorer._score, scorer.dfl
        elif type(scorer) is WeightScorer:
            score = length = None
        else:
            raise _Unsupported(type(scorer).__name__)
        out = {}
        for docnum, weight in postings:
            value = weight if score is None else score(weight, length(docnum))
            out[docnum] = value * boost if boost != 1.0 else value
        return out, _claim(scorer, matcher, boost)

    def _or(self, query: wq.Or, place: int) -> tuple[Scores, float]:
        subs = query.subqueries
        if not subs:
            return {}, 0.0
        if len(subs) == 1:  # Whoosh uses the part's own matcher (the "or"'s boost aside)
            return self._scores(subs[0], place)
        if query.scale or query.minmatch:
            raise _Unsupported("scaled or")
        boost = query.boost
        if len(subs) == 2:  # a union (it claims the sum of its parts' while they last)
            inner = _PRELOADED if place == _PRELOADED else _PRUNED
            parts = [self._scores(sub, inner) for sub in subs]
            summed = _add_all([part for part, _ in parts])
            if boost == 1.0:
                return summed, 0.0
            # Then the boost, by a wrapper passing the page's lowest score to the union as
            # it is: its parts' claims, without the boost, must not fall below it.
            if place != _PRELOADED:
                self.bounds += [claimed for _, claimed in parts]
            return {docnum: score * boost for docnum, score in summed.items()}, 0.0
        # An array "or": it claims its best part's best score (read to the end, as it is
        # once made), not their sum, nor the boost that each part's score is multiplied by.
        parts = [self._scores(sub, _PRELOADED) for sub in subs]
        bound = max(claimed for _, claimed in parts)
        if boost != 1.0:
            parts = [({docnum: score * boost for docnum, score in part.items()}, claimed)
                     for part, claimed in parts]
        summed = _add_all([part for part, _ in parts])
        if place == _PRUNED and summed and bound < max(summed.values()):
            self.bounds.append(bound)  # it may claim less than it scores
        return summed, bound

    def _pair(self, a: wq.Query, b: wq.Query, place: int) -> tuple[Scores, Scores]:
        inner = _PRELOADED if place == _PRELOADED else _PRUNED
        return self._scores(a, inner)[0], self._scores(b, inner)[0]

    def _and(self, query: wq.And, place: int) -> Scores:
        subs = query.subqueries
        if not subs:
            return {}
        if len(subs) == 1:
            return self._scores(subs[0], place)[0]
        if len(subs) > 2 or query.boost != 1.0:
            raise _Unsupported("and of more than two")  # Whoosh's tree order of sums
        a, b = self._pair(subs[0], subs[1], place)
        return {docnum: score + b[docnum] for docnum, score in a.items() if docnum in b}

    def _and_maybe(self, query: wq.AndMaybe, place: int) -> Scores:
        if query.boost != 1.0:
            raise _Unsupported("weighted and maybe")
        a, b = self._pair(query.a, query.b, place)
        return {docnum: score + b[docnum] if docnum in b else score
                for docnum, score in a.items()}

    def _prefix(self, query: wq.Prefix, place: int) -> tuple[Scores, float]:
        if not query.text or not query.constantscore:
            raise _Unsupported("prefix")
        terms = [t for t in self._reader.expand_prefix(query.fieldname, query.text) if t]
        if not terms:
            return {}, 0.0
        if len(terms) == 1:  # Whoosh scores the one term as a plain term: no boost, but
            # query.BoostedPrefix keeps it
            boost = query.boost if type(query) is BoostedPrefix else 1.0
            return self._term(query.fieldname, terms[0], boost)
        parts = [self._term(query.fieldname, t) for t in terms]
        if len(terms) == 2:  # a union of the two, then the boost
            summed = _add_all([part for part, _ in parts])
            if query.boost == 1.0:
                return summed, 0.0
            return {docnum: score * query.boost for docnum, score in summed.items()}, 0.0
        # Three terms or more on a small index: Whoosh's array "or" without scores (a
        # constant score of 1 for every document, whatever the boost), claiming its best
        # term's best score all the same.
        bound = max(claimed for _, claimed in parts)
        if place == _PRUNED and bound < 1.0:
            self.bounds.append(bound)  # it claims less than it scores
        return {docnum: 1.0 for part, _ in parts for docnum in part}, bound


def _bm25(scorer: BM25FScorer, lengths: list[Any], postings: list[tuple[int, float]],
          boost: float) -> Scores:
    """Whoosh's BM25F score of each posting (``scoring.bm25``, the same operations in the
    same order: the same floats), its field lengths read from a list."""
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    k1_plus_1, one_minus_b = k1 + 1, 1 - b
    if boost == 1.0:
        return {docnum: idf * ((weight * k1_plus_1)
                               / (weight + k1 * (one_minus_b + b * lengths[docnum] / avgfl)))
                for docnum, weight in postings}
    return {docnum: idf * ((weight * k1_plus_1)
                           / (weight + k1 * (one_minus_b + b * lengths[docnum] / avgfl)))
            * boost for docnum, weight in postings}


def _claim(scorer: Any, matcher: Any, boost: float) -> float:
    """The best score Whoosh's matcher for a term claims (``max_quality``): a posting list
    read block by block its scorer's, inlined postings their list's; times the boost of
    the term's wrapper (0, a lower bound, for a matcher of another kind)."""
    if isinstance(matcher, W3LeafMatcher):
        claimed = float(scorer.max_quality())
    elif isinstance(matcher, ListMatcher):
        claimed = float(scorer.block_quality(matcher))
    else:
        return 0.0
    return claimed * boost if boost != 1.0 else claimed


def _add_all(parts: list[Scores]) -> Scores:
    """The parts' scores added up document by document, in the parts' order."""
    out: Scores = {}
    for part in parts:
        for docnum, score in part.items():
            out[docnum] = out[docnum] + score if docnum in out else score
    return out


def _postings(matcher: Any) -> list[tuple[int, float]]:
    """(document number, weight) of every posting of a term's matcher."""
    if not isinstance(matcher, W3LeafMatcher):  # inlined postings: a list
        out = []
        while matcher.is_active():
            out.append((matcher.id(), matcher.weight()))
            matcher.next()
        return out
    out = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        end = matcher._blocklength
        out += zip(matcher._ids[matcher._i:end], matcher._weights[matcher._i:end],
                   strict=True)
        matcher._i = end - 1
        matcher.next()  # the next block, or the end
    return out
