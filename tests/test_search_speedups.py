"""What the search keeps between queries changes no answer; name starts of any length."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hfs_desktop.pack import load_pack
from hfs_desktop.search import SearchHit, SearchIndex, open_index
from hfs_desktop.search.schema import start_terms

TYPED = ["h", "he", "hem", "hemifacial", "hemifacial s", "hemifacial spasim",
         "neurovascular compression of the f", "twitching eye", "surgery risks", "stres",
         "does it hurt", "MRI", "facial", "blepharospasmm", "other babinski"]


def _answers(index: SearchIndex) -> list[list[tuple[Any, ...]]]:
    return [[(h.id, h.score, h.matched, h.snippet, h.snippet_html)
             for h in index.search(text, limit=20)] for text in TYPED]


@pytest.fixture
def cached(starter_pack: Path, tmp_path: Path) -> SearchIndex:
    return open_index(load_pack(starter_pack), tmp_path)


def test_kept_lookups_change_no_answer(cached: SearchIndex, starter_pack: Path) -> None:
    with cached:
        first = _answers(cached)
        assert _answers(cached) == first  # everything looked up is now kept
        assert list(reversed(_answers_reversed(cached))) == first
        cached.clear_caches()
        assert _answers(cached) == first
        with open_index(load_pack(starter_pack)) as in_memory:
            assert _answers(in_memory) == first


def _answers_reversed(index: SearchIndex) -> list[list[tuple[Any, ...]]]:
    return [[(h.id, h.score, h.matched, h.snippet, h.snippet_html)
             for h in index.search(text, limit=20)] for text in reversed(TYPED)]


@pytest.mark.parametrize("typed", ["neur", "neurova", "neurovascular", "neurovascular comp",
                                   "neurovascular compression of the facial nerve"])
def test_a_name_start_of_any_length_ranks_as_a_start(cached: SearchIndex, typed: str
                                                     ) -> None:
    with cached:
        top = cached.search(typed)[0]
    assert top.id == "neurovascular-compression"
    assert int(top.score) >= 2  # exact (3) or starts with (2)


def test_start_terms_are_short_starts_and_whole_names() -> None:
    assert start_terms(["Facial nerve", "CN VII"]) == [
        "f", "fa", "fac", "faci", "facia", "facial", "facial_nerve",
        "c", "cn", "cn_", "cn_v", "cn_vi", "cn_vii"]


def test_snippets_are_made_once_and_on_demand() -> None:
    calls: list[int] = []

    def make() -> tuple[str, str]:
        calls.append(1)
        return "plain", "<b>plain</b>"

    hit = SearchHit("x", "symptom", "X", 1.0, "", "", "", make_snippet=make)
    assert not calls
    assert hit.snippet == "plain" and hit.snippet_html == "<b>plain</b>"
    assert len(calls) == 1
    assert hit == SearchHit("x", "symptom", "X", 1.0, "", "", "", "plain", "<b>plain</b>")
    assert hit.to_json()["snippet"] == "plain"
