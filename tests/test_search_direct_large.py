"""The direct scoring on a large index of several segments: Whoosh's scores bit for bit, and
its ranking of every match (``searcher.search(query, limit=None)``), whatever its pruning."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage

from hfs_desktop.pack import load_pack
from hfs_desktop.search import SearchIndex, build, direct
from hfs_desktop.search import index as index_module
from hfs_desktop.search import query as q

TYPED = ["hemifacial spasm", "eye twitching", "muscle weakness", "facial palsy",
         "hearing loss after surgery", "botulinum toxin", "abnormality of the face",
         "surgery risks", "is it dangerous", "G51.3", "HP:0010828", "blepharospasmm",
         "the twitching does not hurt", "nerve compression at the root exit zone"]


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """The bundled pack's index written by three writers (three segments), as the app
    writes a large pack's."""
    folder = tmp_path_factory.mktemp("split")
    patch = pytest.MonkeyPatch()
    patch.setattr(build, "PARALLEL_MIN", 1)
    try:
        build.build_folder(folder, load_pack(), procs=3)
    finally:
        patch.undo()
    ix = FileStorage(str(folder)).open_index()
    with SearchIndex(ix, digest="split", path=folder) as opened:
        assert len(ix._segments()) == 3
        yield opened


@pytest.fixture(params=["array", "tree"])
def or_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Whoosh's "or" of three parts or more as on segments of at most 5,000 documents (an
    array "or") and as on larger ones (a tree of unions by estimated size)."""
    if request.param == "tree":
        monkeypatch.setattr(wq.Or, "matcher_type", wq.Or.DEFAULT_MATCHER)
        monkeypatch.setattr(direct, "_ARRAY_MAX_DOCS", 0)
    return str(request.param)


def _keystroke_queries(index: SearchIndex) -> list[wq.Query]:
    """Every query the search builds while these texts are typed: every scope, the
    fallback to any word, the broad query."""
    out: list[wq.Query] = []
    for text in TYPED:
        for end in range(1, len(text) + 1):
            parsed = q.parse(text[:end])
            for scope in q.SCOPES:
                for any_word in (False, True):
                    built = q.build(parsed, index._df, index._corrections, scope=scope,
                                    any_word=any_word, expand=index._expansions,
                                    compounds=index._compounds)
                    if built is not None:
                        out.append(built)
            intent = index.intents.read(parsed, index._df, len(index))
            concepts = intent.extend(index._broad(parsed, intent.add))
            if concepts is not None:
                for max_df in (None, 20):
                    if broad := index._broad_query(parsed, concepts, max_df):
                        out.append(broad)
    return list({repr(query): query for query in out}.values())


@pytest.mark.parametrize("limit", [100, 10])
@pytest.mark.parametrize("filtered", [False, True])
def test_unpruned_top_hits_are_whooshs_on_every_segment(
        split: SearchIndex, or_kind: str, limit: int, filtered: bool) -> None:
    searcher = split._searcher
    assert not searcher.is_atomic()
    only = wq.Or([wq.Term("type", t) for t in ("symptom", "treatment", "claim")])
    allowed = set(searcher.docs_for_query(only)) if filtered else None
    queries = _keystroke_queries(split)
    assert len(queries) > 300
    past_page = 0
    for query in queries:
        found = direct.top_hits(searcher, query, limit, allowed, pruned=False)
        assert found is not None, query  # every shape the search builds
        every = [(hit.score, hit.docnum)
                 for hit in searcher.search(query, limit=None, filter=only if filtered
                                            else None)]
        past_page += len(every) > limit
        assert found == every[:limit], query  # bit for bit, ties by document number
    assert past_page > 5  # (more matches than the page: where Whoosh prunes)


def test_the_tree_follows_whooshs_weights(split: SearchIndex, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    """An "or" of parts of unequal sizes, and an "and" of three: sums along Whoosh's tree
    (the lightest two joined first), found equal to Whoosh's to the last bit."""
    monkeypatch.setattr(wq.Or, "matcher_type", wq.Or.DEFAULT_MATCHER)
    monkeypatch.setattr(direct, "_ARRAY_MAX_DOCS", 0)
    searcher = split._searcher
    terms = [wq.Term("body", word) for word in
             ("spasm", "face", "muscl", "nerv", "injection", "botulinum", "eye", "twitch")]
    queries: list[wq.Query] = [
        wq.Or(terms), wq.Or(terms[::-1], boost=2.0), wq.And(terms[:3]),
        wq.And([wq.Or(terms[:3]), wq.Or(terms[3:6]), terms[6]], boost=1.5),
        wq.Or([wq.Prefix("prefix", "sp", boost=2.0), wq.Prefix("words", "fac"), *terms])]
    for query in queries:
        found = direct.top_hits(searcher, query, 1000, pruned=False)
        assert found == [(hit.score, hit.docnum)
                         for hit in searcher.search(query, limit=None)][:1000], query
        assert found


def test_a_large_index_searches_without_whooshs_matchers(
        split: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past SMALL documents every keystroke's query is scored directly (Whoosh's search
    is not called)."""
    monkeypatch.setattr(index_module, "SMALL", 0)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Whoosh searched")

    monkeypatch.setattr(split._searcher, "search", refuse)
    split.clear_caches()
    for text in TYPED:
        for end in range(1, len(text) + 1):
            split.search(text[:end])
            split.search(text[:end], types=["symptom", "condition"])


def test_declined_shapes_go_to_whoosh(split: SearchIndex) -> None:
    searcher = split._searcher
    assert direct.top_hits(searcher, wq.Not(wq.Term("body", "spasm")), 10,
                           pruned=False) is None
    assert direct.top_hits(searcher, wq.Term("body", "spasm"), 10) is None  # pruned: one
    # segment only
    assert direct.top_hits(searcher, wq.Term("body", "no-such-term"), 10, pruned=False) == []


def test_the_sampled_term_search_finds_whooshs_positions(
        split: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a prefix's terms start, on each segment, for every term of the index, for
    keys between and beyond them, with samples of every key up to a few."""
    from whoosh.filedb.filetables import OrderedHashReader

    from hfs_desktop.search import readers

    for leaf, _ in split._searcher.reader().leaf_readers():
        tindex = leaf._terms._tindex
        keys = list(tindex.keys())
        probes = [b"", b"\x00", b"\xff\xff", *keys[::7], *(k + b"\x00" for k in keys[::11]),
                  *(k[:-1] for k in keys[::13] if len(k) > 2)]
        for every in (1, 2, 256, len(keys), len(keys) + 5):
            monkeypatch.setattr(readers, "SAMPLE_EVERY", every)
            sampled = readers.sampled_closest_key_pos(tindex)
            assert [sampled(k) for k in probes] == [
                OrderedHashReader.closest_key_pos(tindex, k) for k in probes]


def test_block_heads_read_at_once_are_whooshs(split: SearchIndex) -> None:
    """Every posting block of many terms: length, info and data offset from one read, as
    Whoosh's ``_goto`` reads them."""
    from hfs_desktop.search.postings import _block_head

    blocks = 0
    for leaf, _ in split._searcher.reader().leaf_readers():
        postfile = leaf._terms._postfile
        for fieldname in ("body", "prefix", "start", "title"):
            for term, info in list(leaf._terms.items_from(fieldname, b""))[:300]:
                if term[0] != fieldname or info.is_inlined():
                    continue
                offset, _ = info.extent()
                position = offset + 4
                while True:
                    postfile.seek(position)
                    length = postfile.read_int()
                    expected = (length, postfile.read_pickle(), postfile.tell())
                    assert _block_head(postfile, position) == expected
                    blocks += 1
                    if length < 0:
                        break
                    position += 4 + length
    assert blocks > 100


def test_kept_term_scores_start_over_and_give_the_same_hits(
        split: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """Term scores and prefix expansions are kept per segment while typing, bounded, and
    forgotten with the index's other caches; the hits are the same either way."""
    monkeypatch.setattr(index_module, "SMALL", 0)
    texts = ["hemifacial spasm", "facial palsy", "botulinum toxin"]

    def typed() -> list[list[tuple[str, float]]]:
        split.clear_caches()
        return [[(hit.id, hit.score) for hit in split.search(text[:end])]
                for text in texts for end in range(1, len(text) + 1)]

    kept = typed()
    leaves = [leaf for leaf, _ in split._searcher.reader().leaf_readers()]
    assert all(direct._kept[leaf].terms for leaf in leaves)
    monkeypatch.setattr(direct, "MAX_KEPT", 10)  # starts over all the time
    assert typed() == kept
    split.clear_caches()
    assert not any(direct._kept[leaf].terms or direct._kept[leaf].expanded
                   for leaf in leaves)
