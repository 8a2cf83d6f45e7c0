"""Building the index in a child process (`build_index_in_subprocess`) and split over
helper processes: progress, the same index as an in-process build, cancel, failures."""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from hfs_desktop.pack import Entity, Location, Pack, load_pack
from hfs_desktop.search import open_index
from hfs_desktop.search.background import (
    IndexBuildCancelled,
    IndexBuildFailed,
    build_index_in_subprocess,
)
from hfs_desktop.search.build import build_folder

QUERIES = ["botox", "botulinum toxin", "hemifacial spasm", "carbamazapine", "surgery risks",
           "does it hurt", "h", "G51.3", "facial nerve", "entry 7", "padding"]


def _results(index: Any) -> list[list[tuple[str, float, str, str]]]:
    return [[(h.id, round(h.score, 9), h.matched, h.snippet) for h in index.search(q)]
            for q in QUERIES]


def _padded(pack: Pack, count: int) -> Pack:
    """The pack with ``count`` plain entities more (enough for progress and a split)."""
    entities = dict(pack.entities)
    for i in range(count):
        entities[f"entry-{i}"] = Entity(
            id=f"entry-{i}", type="symptom", name=f"Padding entry {i}",
            location=Location("generated"), aliases=(f"entry {i}",),
            summary=f"A padding entry number {i} for the facial nerve tests.")
    return dataclasses.replace(pack, entities=entities)


@pytest.fixture(scope="module")
def pack(starter_pack: Path) -> Pack:
    return load_pack(starter_pack)


@pytest.fixture(scope="module")
def starter_pack() -> Path:
    return Path(__file__).parent / "packs" / "starter"


def test_progress_and_same_index_as_in_process(tmp_path: Path, pack: Pack) -> None:
    big = _padded(pack, 600)
    seen: list[tuple[int, int]] = []
    built = build_index_in_subprocess(big, tmp_path, progress=lambda *p: seen.append(p))
    assert built.rebuilt and built.doc_count == len(big.entities)
    assert built.path.parent == tmp_path and built.path.is_dir()
    total = len(big.entities)
    assert seen and seen[-1] == (total, total)
    assert all(t == total for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with open_index(big, tmp_path) as cached, open_index(big, None) as in_memory:
        assert cached.path == built.path
        assert _results(cached) == _results(in_memory)
    again = build_index_in_subprocess(big, tmp_path, progress=lambda *p: seen.append(p))
    assert not again.rebuilt and again.path == built.path


def test_split_over_processes_gives_the_same_results(tmp_path: Path, pack: Pack,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from hfs_desktop.search import build

    big = _padded(pack, 300)
    monkeypatch.setattr(build, "PARALLEL_MIN", 1)  # this process's side of the split
    seen: list[tuple[int, int]] = []
    (tmp_path / "split").mkdir()
    count = build_folder(tmp_path / "split", big, procs=3, progress=lambda *p: seen.append(p))
    assert count == len(big.entities) and seen[-1] == (count, count)
    from whoosh.filedb.filestore import FileStorage

    ix = FileStorage(str(tmp_path / "split")).open_index()
    try:
        assert len(ix._segments()) == 3
        from hfs_desktop.search.index import SearchIndex

        with SearchIndex(ix, digest="x", path=tmp_path / "split") as split, \
                open_index(big, None) as single:
            split.intents = single.intents  # the pack's kinds, as open_index gives them
            assert _results(split) == _results(single)
    finally:
        ix.close()


def test_cancel_leaves_nothing_in_the_cache(tmp_path: Path, pack: Pack) -> None:
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        cancel.set()  # at the first report

    with pytest.raises(IndexBuildCancelled):
        build_index_in_subprocess(_padded(pack, 1200), tmp_path, progress=progress,
                                  cancel=cancel)
    assert not [p for p in tmp_path.iterdir() if p.is_dir()]


def test_cancelled_before_it_starts(tmp_path: Path, pack: Pack) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(IndexBuildCancelled):
        build_index_in_subprocess(pack, tmp_path, cancel=cancel)
    assert not list(tmp_path.glob("index-*"))


def test_an_error_in_the_child_is_one_clear_line(tmp_path: Path, pack: Pack) -> None:
    broken = dict(pack.entities)
    first = next(iter(broken))
    broken[first] = dataclasses.replace(broken[first], aliases=(None,))  # type: ignore[arg-type]
    with pytest.raises(IndexBuildFailed) as caught:
        build_index_in_subprocess(dataclasses.replace(pack, entities=broken), tmp_path)
    message = str(caught.value)
    assert message.startswith("building the search index failed: ")
    assert "\n" not in message and not caught.value.cache_unavailable
    assert not list(tmp_path.glob("index-*"))


class _Crash:
    """Unpickled in the child, it ends that process at once (a hard crash)."""

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        return os._exit, (3,)


def test_a_crashed_child_is_reported(tmp_path: Path, pack: Pack) -> None:
    crashing = dataclasses.replace(pack, relation_types={**pack.relation_types,
                                                         "crash": _Crash()})  # type: ignore[dict-item]
    with pytest.raises(IndexBuildFailed, match=r"ended unexpectedly \(exit code 3\)"):
        build_index_in_subprocess(crashing, tmp_path)


def test_an_unwritable_cache_is_told_apart(tmp_path: Path, pack: Pack) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(IndexBuildFailed) as caught:
        build_index_in_subprocess(pack, blocker / "cache")
    assert caught.value.cache_unavailable


def test_cli_progress_shows_after_a_second_only(capsys: pytest.CaptureFixture[str]) -> None:
    from hfs_desktop.cli_search import _Progress

    quick = _Progress("hfs", after_seconds=60)
    quick(5, 10)
    quick.finish()
    assert capsys.readouterr().err == ""
    slow = _Progress("hfs", after_seconds=0)
    slow(5, 10)
    slow(10, 10)
    slow.finish()
    assert capsys.readouterr().err == ("\rhfs: indexing 5/10 documents"
                                          "\rhfs: indexing 10/10 documents\n")
