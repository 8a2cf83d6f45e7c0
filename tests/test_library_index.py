"""A large pack's search index is built in a child process, with progress, and can be
stopped; a small one is built in the caller's thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hfs_desktop import library as library_module
from hfs_desktop.library import Library

from .twopacks import HFS_TERM, write_hpo_like


@pytest.fixture
def hpo(tmp_path: Path) -> Path:
    return write_hpo_like(tmp_path / "HPO", children=40)


def test_a_large_pack_is_indexed_apart_with_progress(
        hpo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "BUILD_APART_FROM", 10)
    seen: list[tuple[str, int, int]] = []
    cache = tmp_path / "cache"
    with Library.read([hpo], None) as library:
        assert not library.index_cached("hpo", cache)
        library.open_search(cache, progress=lambda *a: seen.append(a))
        assert library.searchable and library.search_error in ("", None)
        assert library.index_cached("hpo", cache)
        assert [hit.entity_id for hit in library.search("hemifacial spasm")][:1] == [HFS_TERM]
    assert seen and seen[-1][1] == seen[-1][2] and seen[-1][0].startswith("Human Phenotype")


def test_a_small_pack_is_indexed_in_this_thread(hpo: Path, tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    with Library.read([hpo], None) as library:
        library.open_search(tmp_path / "cache", progress=lambda *a: seen.append(a))
        assert library.searchable
    assert seen == []  # no child process, no progress to report


def test_a_stopped_build_leaves_the_pack_without_search_and_says_why(
        hpo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "BUILD_APART_FROM", 10)
    stop = threading.Event()
    stop.set()
    with Library.read([hpo], None) as library:
        library.open_search(tmp_path / "cache", cancel=stop)
        entry = library.pack("hpo")
        assert entry.index is None and entry.index_error == (
            "indexing Human Phenotype Ontology (test) was stopped")
