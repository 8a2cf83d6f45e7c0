"""Cold keystrokes after the ranking merges: the direct scoring past a full page where
Whoosh's pruning cannot drop a match, BM25F from the in-memory field lengths, a small
index's stored column read once; every answer Whoosh's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq

from hfs_desktop.pack import load_pack
from hfs_desktop.search import SearchIndex, direct, open_index
from hfs_desktop.search import query as q
from hfs_desktop.search.readers import field_lengths, has_term, stored_fields_reader

TYPED = ["eye twitching", "muscle weakness", "hearing loss after surgery", "bells palsy",
         "anatomy of the brainstem", "facial nerve", "facial palsy", "hemifacial spasm",
         "botulinum toxin", "microvascular decompression", "abnormality of the face",
         "surgery risks", "is it dangerous", "pills for twitching"]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    with open_index(load_pack(), tmp_path_factory.mktemp("cache")) as opened:
        yield opened  # the bundled pack, cached on disk as the app opens it


def _keystroke_queries(index: SearchIndex) -> list[wq.Query]:
    """The queries the search builds while these texts are typed (narrow and broad)."""
    out: list[wq.Query] = []
    for text in TYPED:
        for end in range(1, len(text) + 1):
            parsed = q.parse(text[:end])
            built = q.build(parsed, index._df, index._corrections, expand=index._expansions,
                            compounds=index._compounds)
            if built is not None:
                out.append(built)
            intent = index.intents.read(parsed, index._df, len(index))
            concepts = intent.extend(index._broad(parsed, intent.add))
            if concepts is not None and (broad := index._broad_query(parsed, concepts)):
                out.append(broad)
    return list({repr(query): query for query in out}.values())


@pytest.mark.parametrize("limit", [100, 20, 5])
def test_past_a_full_page_the_direct_hits_are_whooshs(index: SearchIndex, limit: int
                                                      ) -> None:
    searcher = index._searcher
    past_page = 0
    for query in _keystroke_queries(index):
        found = direct.top_hits(searcher, query, limit)
        if found is None:
            continue
        scorer = direct._Scorer(searcher)
        if len(scorer.scores(query)) > limit and scorer.bounds:
            past_page += 1  # Whoosh prunes here, and cannot drop a match
        results = searcher.search(query, limit=limit, optimize=False)
        assert found == [(hit.score, hit.docnum) for hit in results], query  # bit for bit
    assert past_page >= 10


def test_every_broad_keystroke_of_these_texts_is_scored_directly(index: SearchIndex
                                                                 ) -> None:
    """An "or" of many terms beside the name-start part, more matches than the page: the
    shape of a multi-word keystroke, Whoosh's only answer before."""
    searcher = index._searcher
    broad = [query for query in _keystroke_queries(index)
             if isinstance(query, wq.Or) and len(query.subqueries) == 2
             and isinstance(query.subqueries[0], wq.Or)
             and len(query.subqueries[0].subqueries) > 2]
    assert len(broad) > 50
    assert all(direct.top_hits(searcher, query, 100) is not None for query in broad)


def test_an_or_claiming_less_than_the_page_goes_to_whoosh(index: SearchIndex) -> None:
    """Three body terms under a union: Whoosh takes their best single score for the whole
    "or", below what documents holding all three score, and may prune them."""
    searcher = index._searcher
    array = wq.Or([wq.Term("body", "spasm"), wq.Term("body", "face"),
                   wq.Term("body", "muscl")])
    query = wq.Or([array, wq.Term("title", "spasm")])
    scorer = direct._Scorer(searcher)
    scores = sorted(scorer.scores(query).values(), reverse=True)
    limit = 3
    assert len(scores) > limit and min(scorer.bounds) < scores[limit - 1]
    assert direct.top_hits(searcher, query, limit) is None
    assert direct.top_hits(searcher, array, limit) is not None  # the root is never pruned


def test_field_lengths_are_whooshs(index: SearchIndex) -> None:
    reader = index._searcher.reader()
    for fieldname in ("title", "words", "body", "lead", "prefix"):
        lengths = field_lengths(reader, fieldname)
        assert lengths is not None
        assert lengths == [reader.doc_field_length(n, fieldname) for n in range(len(index))]
    assert field_lengths(object(), "body") is None


@pytest.mark.parametrize("cached", [True, False])
def test_a_small_index_reads_its_stored_fields_from_memory(tmp_path: Path, cached: bool
                                                           ) -> None:
    with open_index(load_pack(), tmp_path if cached else None) as opened:
        searcher = opened._searcher
        read = stored_fields_reader(searcher)
        assert read.__qualname__.startswith("_kept_in_memory")
        assert [read(n) for n in range(len(opened))] == [
            searcher.stored_fields(n) for n in range(len(opened))]


def test_term_look_ups_kept_answer_as_whooshs(index: SearchIndex) -> None:
    """Terms held and not held, asked twice (the second answer from what is kept)."""
    reader = index._searcher.reader()
    terms = [("body", b"spasm"), ("title", b"hemifaci"), ("body", b"no-such-term"),
             ("words", b"hemifacial"), ("exact", b"nothing like it"), ("prefix", b"fa")]
    for _ in range(2):
        for fieldname, tbytes in terms:
            assert has_term(reader, fieldname, tbytes) == ((fieldname, tbytes) in reader)
            assert reader.doc_frequency(fieldname, tbytes) == (
                reader.term_info(fieldname, tbytes).doc_frequency()
                if (fieldname, tbytes) in reader else 0)
