"""Cheaper cold keystrokes give Whoosh's answers: the top hits scored from the postings, the
array "or"'s part reading, tiers prepared once per text, coverage per field."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh import query as wq
from whoosh.matching import combo

from hfs_desktop.pack import load_pack
from hfs_desktop.search import SearchIndex, broad, direct, open_index
from hfs_desktop.search import query as q

TEXTS = ["h", "f", "fa", "hem", "hemifacial", "hemifacial s", "hemifacial spasm",
         "hemifacial spasim", "botox", "botulinum toxin", "eye twitching", "twitching eye",
         "muscle weakness", "hearing loss after surgery", "does it hurt", "surgery risks",
         "facial nerve", "bells palsy", "G51.3", "g51", "HP:0010828", "MRI", "stres",
         "blepharospasmm", "carbamazapine", "abnormality of the face", "nystagmus",
         "neurovascular compression of the f", "other babinski", "is it dangerous"]


@pytest.fixture(scope="module")
def index() -> Iterator[SearchIndex]:
    with open_index(load_pack()) as opened:  # the bundled pack: a small index
        yield opened


def _queries(index: SearchIndex) -> list[wq.Query]:
    """The Whoosh queries the search builds for TEXTS: every scope, the fallback, broad."""
    out: list[wq.Query] = []
    for text in TEXTS:
        parsed = q.parse(text)
        for scope in q.SCOPES:
            for any_word in (False, True):
                built = q.build(parsed, index._df, index._corrections, scope=scope,
                                any_word=any_word, expand=index._expansions)
                if built is not None:
                    out.append(built)
        concepts = index._broad(parsed)
        if concepts is not None and (broad := index._broad_query(parsed, concepts)):
            out.append(broad)
    return out


@pytest.mark.parametrize("limit", [100, 5])
@pytest.mark.parametrize("filtered", [False, True])
def test_direct_top_hits_are_whooshs(index: SearchIndex, limit: int, filtered: bool
                                     ) -> None:
    searcher = index._searcher
    only = wq.Or([wq.Term("type", t) for t in ("symptom", "treatment", "claim")])
    allowed = set(searcher.docs_for_query(only)) if filtered else None
    scored = 0
    for query in _queries(index):
        found = direct.top_hits(searcher, query, limit, allowed)
        if found is None:
            continue
        scored += 1
        results = searcher.search(query, limit=limit, filter=only if filtered else None)
        assert found == [(hit.score, hit.docnum) for hit in results], query  # bit for bit
    # With a short page more queries go to Whoosh (see direct.top_hits).
    assert scored > (0.7 if limit == 100 else 0.3) * len(_queries(index))


def test_direct_declines_what_it_does_not_score(index: SearchIndex) -> None:
    searcher = index._searcher
    three = wq.And([wq.Term("body", "spasm"), wq.Term("body", "face"),
                    wq.Term("body", "muscl")])
    assert direct.top_hits(searcher, three, 10) is None  # Whoosh's tree orders the sums
    assert direct.top_hits(searcher, wq.Not(wq.Term("body", "spasm")), 10) is None
    assert direct.top_hits(searcher, wq.Term("body", "no-such-term"), 10) == []


def test_array_or_part_reading_scores_as_whoosh(index: SearchIndex) -> None:
    """The fast part reading of Whoosh's array "or" (whooshfixes) against Whoosh's own."""
    searcher = index._searcher
    queries = [query for query in _queries(index) if isinstance(query, wq.Or)]

    def hits() -> list[list[tuple[float, int]]]:
        return [[(hit.score, hit.docnum) for hit in searcher.search(query, limit=None)]
                for query in queries]

    fast = hits()
    patched = combo.ArrayUnionMatcher._read_part
    original = importlib.reload(combo).ArrayUnionMatcher._read_part
    try:
        combo.ArrayUnionMatcher._read_part = original
        assert hits() == fast
    finally:
        combo.ArrayUnionMatcher._read_part = patched


def _old_word_in_name(word: q.Word, name_words: frozenset[str],
                      name_stems: frozenset[str]) -> bool:
    if word.text in name_words or any(c in name_words for c in word.corrections):
        return True
    if word.last and any(w.startswith(word.text) for w in name_words):
        return True
    return word.stem in name_stems


def _old_tier(parsed: q.Parsed, doc: dict[str, Any]) -> tuple[int, str]:
    """The tiering as it was written before it was prepared per text (the reference)."""
    names = [doc.get("name", ""), *q._lines(doc.get("aliases", ""))]
    codes = q._lines(doc.get("code_list", ""))
    typed_codes = set(parsed.codes)
    for code in codes:
        if q.code_term(code) in typed_codes:
            return q.EXACT, code
    forms = parsed.forms() if parsed.key else []
    for _, typed_key in forms:
        for name in names:
            if q.key(name) == typed_key:
                return q.EXACT, name
        if typed_key == q.key(doc.get("id", "")):
            return q.EXACT, doc.get("name", "")
    for typed, _ in forms:
        for name in names:
            if q.fold(name).startswith(typed):
                return q.STARTS, name
    required = [w for w in parsed.words if not w.stop or w.last]
    sets = [q._name_words(name)[:2] for name in names]
    if parsed.key and required:
        for name, (words, stems) in zip(names, sets, strict=True):
            if all(_old_word_in_name(w, words, stems) for w in required):
                return q.NAME_WORDS, name
    for code in codes:
        if any(q.code_term(code).startswith(c) for c in typed_codes):
            return q.NAME_WORDS, code
    if parsed.key:
        for name, (words, stems) in zip(names, sets, strict=True):
            if any(_old_word_in_name(w, words, stems) for w in required):
                return q.TEXT, name
    return q.TEXT, ""


def test_prepared_tiers_match_the_plain_reading(index: SearchIndex) -> None:
    docs = [index._stored(n) for n in range(len(index))]
    for text in [*TEXTS, "hemi facial", "facial n", "spasm", "cn vii", "eye"]:
        parsed = q.parse(text)
        q.build(parsed, index._df, index._corrections)  # finds the corrections
        tiers = q.Tiers(parsed)
        for doc in docs:
            match = tiers(doc, q.names_of(doc))
            assert (match.tier, match.matched) == _old_tier(parsed, doc), (text, doc["id"])


def test_coverage_per_field_matches_term_by_term(index: SearchIndex) -> None:
    docs = [index._stored(n) for n in range(len(index))]
    for text in ["eye twitching", "muscle weakness", "hearing loss after surgery",
                 "surgery risks", "hemifacial spasm botox", "is it painful", "facial nerv"]:
        concepts = index._broad(q.parse(text))
        assert concepts is not None, text
        index._expand(concepts)  # neighbours' ids too
        total = sum(c.weight for c in concepts.concepts)
        for doc in docs:
            terms = broad.Terms(doc)
            best: dict[int, float] = {}
            for (fieldname, term), by_concept in concepts.credits.items():
                held = (doc.get(fieldname) == term if fieldname in ("id", "type") else
                        any(w.startswith(term) for w in str(doc.get("words", "")).split())
                        if fieldname == "prefix" else term in terms._set(fieldname))
                if held:
                    for concept, credit in by_concept.items():
                        best[concept] = max(credit, best.get(concept, 0.0))
            expected = sum(c.weight * best.get(i, 0.0)
                           for i, c in enumerate(concepts.concepts)) / total
            assert concepts.coverage(doc, broad.Terms(doc)) == expected


def test_library_hits_make_snippets_when_read(tmp_path: Path) -> None:
    from hfs_desktop.library import Library
    from hfs_desktop.paths import bundled_pack_dir

    library = Library.open([bundled_pack_dir()], tmp_path)
    hit = library.search("twitching", 5)[0]
    assert hit.source._snippet is None  # not made yet
    assert "<b>" in hit.snippet_html
    assert hit.snippet == hit.source.snippet == hit.to_json()["snippet"]


def test_an_index_of_several_segments_reads_and_answers_as_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored fields by document number and the spelling lexicon's words across segments;
    the search there goes to Whoosh (the direct scoring wants one segment)."""
    from whoosh.filedb.filestore import FileStorage

    from hfs_desktop.search import build
    from hfs_desktop.search.readers import stored_fields_reader, terms_starting

    pack = load_pack()
    monkeypatch.setattr(build, "PARALLEL_MIN", 1)
    (tmp_path / "split").mkdir()
    build.build_folder(tmp_path / "split", pack, procs=3)
    ix = FileStorage(str(tmp_path / "split")).open_index()
    try:
        assert len(ix._segments()) == 3
        with SearchIndex(ix, digest="x", path=tmp_path / "split") as split, \
                open_index(pack, None) as single:
            searcher = split._searcher
            read = stored_fields_reader(searcher)
            assert [read(n) for n in range(len(split))] == [
                searcher.stored_fields(n) for n in range(len(split))]
            reader = searcher.reader()
            for letter in "hs":
                found = terms_starting(reader, "words", letter)
                assert len(found) == len(set(found))
                assert sorted(found) == [t.decode("utf-8") for t in reader.lexicon("words")
                                         if t.decode("utf-8").startswith(letter)]
            assert direct.top_hits(searcher, wq.Term("body", "spasm"), 10) is None
            for text in TEXTS:  # (scores are the build's: see test_search_background)
                assert split.suggest(text) == single.suggest(text)
    finally:
        ix.close()


def test_lexicon_reads_one_first_letter_and_counts_only_close_words() -> None:
    from hfs_desktop.search.fuzzy import Lexicon

    counts = {"spasm": 5, "spasms": 2, "spastic": 3, "sparse": 1, "botox": 9}
    letters: list[str] = []
    counted: list[str] = []

    def words_from(letter: str) -> list[str]:
        letters.append(letter)
        return [w for w in counts if w.startswith(letter)]

    def count(word: str) -> int:
        counted.append(word)
        return counts[word]

    lexicon = Lexicon(words_from, count)
    assert lexicon.corrections("spasim") == Lexicon.of(counts.items()).corrections("spasim")
    assert lexicon.corrections("spasim") == [("spasm", 1), ("spastic", 2), ("spasms", 2)]
    assert letters == ["s"]  # botox's letter never read, and "s" read once
    assert "sparse" not in counted and "botox" not in counted
    assert lexicon.corrections("bot") == []  # too short: nothing read
    assert letters == ["s"]
