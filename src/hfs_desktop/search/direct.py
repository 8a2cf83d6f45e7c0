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

Only the query shapes this package builds are handled, with the BM25F model; for anything
else :func:`top_hits` returns None and the caller asks Whoosh. So it does where Whoosh's own
pruning could answer otherwise (see :func:`top_hits`): the hits are always Whoosh's.

On a large index (``pruned=False``; any number of segments) the hits are Whoosh's top hits
*without its pruning*: every match scored as Whoosh's matchers score it (a segment of more
than 5,000 documents adds an "or"'s or an "and"'s parts along Whoosh's tree, built by
estimated size as :func:`whoosh.util.make_weighted_tree` builds it, so every sum is Whoosh's,
bit for bit), ranked as ``searcher.search(query, limit=None)`` ranks them. Whoosh's own
top-``limit`` search can differ from that only where its pruning drops a match that scores
above the last one it keeps (a boost's wrapper passes the page's lowest score to its part
undivided): such a match is kept here.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
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


def top_hits(searcher: Any, query: wq.Query, limit: int, allowed: set[int] | None = None,
             *, pruned: bool = True) -> list[tuple[float, int]] | None:
    """``(score, docnum)`` of the best ``limit`` documents (those in ``allowed`` when
    given), as ``searcher.search(query, limit=limit, filter=...)`` ranks them (with
    ``pruned=False``: as Whoosh ranks every match, see the module); None when the index or
    the query is not one this module scores."""
    if type(searcher.weighting) is not BM25F:
        return None
    if not pruned:
        return _unpruned(searcher, query, limit, allowed)
    if not searcher.is_atomic():
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


def _unpruned(searcher: Any, query: wq.Query, limit: int, allowed: set[int] | None
              ) -> list[tuple[float, int]] | None:
    """Every segment's matches scored, the best ``limit`` of them (see the module)."""
    ranked: list[tuple[float, int]] = []
    for subsearcher, offset in searcher.leaf_searchers():
        if subsearcher.reader().has_deletions():
            return None  # (our indexes are written whole: never the case)
        try:
            scores = _Scorer(subsearcher, pruned=False).scores(query)
        except _Unsupported:
            return None
        if allowed is not None:
            ranked += [(-score, docnum + offset) for docnum, score in scores.items()
                       if docnum + offset in allowed]
        elif offset:
            ranked += [(-score, docnum + offset) for docnum, score in scores.items()]
        else:
            ranked += [(-score, docnum) for docnum, score in scores.items()]
    if len(ranked) > limit:  # the scores of the page's last place and above, then those
        last = sorted([negated for negated, _ in ranked])[limit - 1]
        ranked = [row for row in ranked if row[0] <= last]
    ranked.sort()
    return [(-negated, docnum) for negated, docnum in ranked[:limit]]


_ROOT, _PRUNED, _PRELOADED = range(3)
"""Where a matcher sits in Whoosh's tree: the root (never replaced, whatever it is); below
it through "and", "and maybe" and "or"s of two (replaced when its page is full, by their
parts' best possible scores); inside an array "or" (read in full when it is made)."""


MAX_KEPT = 50_000
"""Scored postings kept per segment (then they start over): typing reads the same terms'
postings scope after scope and keystroke after keystroke."""


MAX_KEPT_PREFIXES = 10_000
"""Prefix expansions kept per segment (then they start over)."""


class _Kept:
    """A segment's term scores kept (see :meth:`_Scorer._term`)."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, bytes, float, bool], tuple[Scores, float]] = {}
        self.postings = 0
        self.expanded: dict[tuple[str, str], list[Any]] = {}


_kept: weakref.WeakKeyDictionary[Any, _Kept] = weakref.WeakKeyDictionary()


def clear() -> None:
    """Forget the kept scores (benchmarks: searches then run as on a fresh index)."""
    for kept in list(_kept.values()):
        kept.terms.clear()
        kept.expanded.clear()
        kept.postings = 0


_ARRAY_MAX_DOCS = 5000
"""Whoosh's "or" of three parts or more is an array "or" on a segment of at most this many
documents, a tree of unions on a larger one (``Or._matcher``)."""
_TOO_MANY_CLAUSES = wq.Or.TOO_MANY_CLAUSES
"""From this many parts Whoosh's "or" is an array "or" whatever the segment's size."""


class _Scorer:
    """Scores of one segment's documents (``searcher`` is the segment's searcher, or the
    searcher of a one-segment index)."""

    def __init__(self, searcher: Any, *, pruned: bool = True) -> None:
        self._searcher = searcher
        self._reader = searcher.reader()
        self._schema = searcher.schema
        self._weighting = searcher.weighting
        self._pruned = pruned
        self._large = searcher.doc_count_all() > _ARRAY_MAX_DOCS
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
        Whoosh's matcher for it claims (its scorer's for the term, times the boost); kept
        for the segment (see :data:`MAX_KEPT`; callers do not change them)."""
        if fieldname not in self._schema:
            return {}, 0.0
        btext = self._schema[fieldname].to_bytes(text)
        kept = _kept.get(self._reader)
        if kept is None:
            kept = _kept[self._reader] = _Kept()
        key = (fieldname, btext, boost, self._pruned)
        found = kept.terms.get(key)
        if found is None:
            found = self._read_term(fieldname, btext, boost)
            kept.postings += len(found[0])
            if kept.postings > MAX_KEPT:
                kept.terms.clear()
                kept.postings = len(found[0])
            kept.terms[key] = found
        return found

    def _read_term(self, fieldname: str, btext: bytes, boost: float) -> tuple[Scores, float]:
        if not has_term(self._reader, fieldname, btext):
            return {}, 0.0
        scorer = self._weighting.scorer(self._searcher, fieldname, btext)
        matcher = self._reader.postings(fieldname, btext)
        postings = _postings(matcher)
        out: Scores
        if type(scorer) is BM25FScorer:
            lengths = field_lengths(self._reader, fieldname)
            if lengths is not None and (scoring.bm25, BM25FScorer._score) == _WHOOSH_BM25:
                return _bm25(scorer, lengths, postings, boost), self._claim(scorer, matcher,
                                                                            boost)
            score, length = scorer._score, scorer.dfl
        elif type(scorer) is WeightScorer:
            score = length = None
        else:
            raise _Unsupported(type(scorer).__name__)
        out = {}
        for docnum, weight in postings:
            value = weight if score is None else score(weight, length(docnum))
            out[docnum] = value * boost if boost != 1.0 else value
        return out, self._claim(scorer, matcher, boost)

    def _or(self, query: wq.Or, place: int) -> tuple[Scores, float]:
        subs = query.subqueries
        if not subs:
            return {}, 0.0
        if len(subs) == 1:  # Whoosh uses the part's own matcher (the "or"'s boost aside)
            return self._scores(subs[0], place)
        if query.scale or query.minmatch:
            raise _Unsupported("scaled or")
        boost = query.boost
        if len(subs) > 2 and self._large and len(subs) < _TOO_MANY_CLAUSES:
            if self._pruned:
                raise _Unsupported("or on a large segment")  # (pruned: Whoosh's alone)
            summed = self._tree(subs, _union, [self._estimate(sub) for sub in subs])
            return _boosted(summed, boost), 0.0
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
            if self._pruned:
                raise _Unsupported("and of more than two")  # (pruned: Whoosh's alone)
            summed = self._tree(subs, _intersection, [-self._estimate(sub) for sub in subs])
            return _boosted(summed, query.boost)
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
        terms = self._terms_of(query)
        if not terms:
            return {}, 0.0
        if len(terms) == 1:  # Whoosh scores the one term as a plain term: no boost, but
            # query.BoostedPrefix keeps it
            boost = query.boost if type(query) is BoostedPrefix else 1.0
            return self._term(query.fieldname, terms[0], boost)
        if len(terms) > 2 and self._large and len(terms) < _TOO_MANY_CLAUSES:
            # On a large segment, a tree of unions of the terms' BM25F scores (Whoosh's
            # "constant score" asks for no weighting, and its term matchers then take the
            # searcher's), then the boost.
            if self._pruned:
                raise _Unsupported("prefix on a large segment")
            field = query.fieldname
            summed = self._tree([wq.Term(field, term) for term in terms], _union,
                                [self._frequency(field, term) for term in terms])
            return _boosted(summed, query.boost), 0.0
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


    def _claim(self, scorer: Any, matcher: Any, boost: float) -> float:
        """What Whoosh's matcher for a term claims (see :func:`_claim`), where it prunes."""
        return _claim(scorer, matcher, boost) if self._pruned else 0.0

    def _terms_of(self, query: wq.Prefix) -> list[Any]:
        """The segment's terms a prefix query expands to (kept beside the term scores)."""
        kept = _kept.get(self._reader)
        if kept is None:
            kept = _kept[self._reader] = _Kept()
        key = (query.fieldname, query.text)
        found = kept.expanded.get(key)
        if found is None:
            if len(kept.expanded) >= MAX_KEPT_PREFIXES:
                kept.expanded.clear()
            found = kept.expanded[key] = [
                t for t in self._reader.expand_prefix(query.fieldname, query.text) if t]
        return found

    def _frequency(self, fieldname: str, text: Any) -> int:
        """A term's document frequency in the segment (Whoosh's ``Term.estimate_size``)."""
        if fieldname not in self._schema:
            return 0
        try:
            btext = self._schema[fieldname].to_bytes(text)
        except ValueError:
            return 0
        return int(self._reader.doc_frequency(fieldname, btext))

    def _estimate(self, query: wq.Query) -> int:
        """Whoosh's ``estimate_size`` of a query on the segment (the weights of its tree)."""
        kind = type(query)
        if kind is wq.Term:
            return self._frequency(query.fieldname, query.text)
        if kind is wq.Prefix or kind is BoostedPrefix:
            return sum(self._frequency(query.fieldname, term)
                       for term in self._terms_of(query))
        if kind is wq.And:
            return min(self._estimate(sub) for sub in query.subqueries)
        if kind is wq.Or or kind is wq.AndMaybe:
            return min(sum(self._estimate(sub) for sub in query.subqueries),
                       int(self._reader.doc_count()))
        raise _Unsupported(kind.__name__)

    def _tree(self, subs: list[wq.Query], join: Any, weights: list[int]) -> Scores:
        """The parts' scores joined two by two along Whoosh's weighted tree
        (``make_weighted_tree``: sorted by weight, stably; the two lightest joined, the
        join placed after every part weighing as much or less)."""
        parts = [(weight, self._scores(sub, _PRELOADED)[0])
                 for weight, sub in zip(weights, subs, strict=True)]
        parts.sort(key=lambda part: part[0])
        while len(parts) > 1:
            (wa, a), (wb, b) = parts[0], parts[1]
            del parts[:2]
            weight = wa + wb
            position = bisect_right([w for w, _ in parts], weight)
            parts.insert(position, (weight, join(a, b)))
        return parts[0][1]


def _union(a: Scores, b: Scores) -> Scores:
    """Whoosh's union: a document in both scores ``a + b`` (in that order)."""
    if len(a) < len(b):
        out = dict(b)
        for docnum, score in a.items():
            out[docnum] = score + b[docnum] if docnum in b else score
        return out
    out = dict(a)
    for docnum, score in b.items():
        if docnum in a:
            out[docnum] = a[docnum] + score
        else:
            out[docnum] = score
    return out


def _intersection(a: Scores, b: Scores) -> Scores:
    """Whoosh's intersection: the documents in both, scoring ``a + b``."""
    if len(a) <= len(b):
        return {docnum: score + b[docnum] for docnum, score in a.items() if docnum in b}
    return {docnum: a[docnum] + score for docnum, score in b.items() if docnum in a}


def _boosted(scores: Scores, boost: float) -> Scores:
    if boost == 1.0:
        return scores
    return {docnum: score * boost for docnum, score in scores.items()}


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
