"""The cached index: reuse, rebuild on change, corruption, read-only caches, two processes."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from hfs_desktop.pack import load_pack
from hfs_desktop.search import open_index
from hfs_desktop.search.cache import MANIFEST


def _index_dirs(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if p.name.startswith("index-"))


def test_built_then_reused(tmp_path: Path, starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    with open_index(pack, tmp_path) as first:
        assert first.path is not None and (first.path / MANIFEST).is_file()
        built = first.path.stat().st_ino
    with open_index(pack, tmp_path) as second:
        assert second.path == first.path and second.path.stat().st_ino == built
        assert second.search("botox")[0].id == "botulinum-toxin"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_rebuilt_when_the_pack_changes(tmp_path: Path, pack_copy: Path) -> None:
    with open_index(load_pack(pack_copy), tmp_path) as before:
        assert before.search("Kponazepam") == []
    treatments = pack_copy / "entities" / "treatments.yaml"
    treatments.write_text(treatments.read_text(encoding="utf-8").replace(
        "aliases: [MVD]", "aliases: [MVD, Kponazepam]"), encoding="utf-8")
    with open_index(load_pack(pack_copy), tmp_path) as after:
        assert after.path != before.path
        assert after.search("Kponazepam")[0].id == "microvascular-decompression"


def test_explicit_rebuild(tmp_path: Path, starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    with open_index(pack, tmp_path) as first:
        inode = first.path.stat().st_ino if first.path else 0
    with open_index(pack, tmp_path, rebuild=True) as again:
        assert again.path == first.path and again.path is not None
        assert again.path.stat().st_ino != inode
        assert len(again) == len(pack.entities)


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete-manifest", "garbage-manifest"])
def test_corrupt_index_is_rebuilt(tmp_path: Path, starter_pack: Path, damage: str) -> None:
    pack = load_pack(starter_pack)
    with open_index(pack, tmp_path) as index:
        folder = index.path
    assert folder is not None
    segment = max((p for p in folder.iterdir() if p.name != MANIFEST),
                  key=lambda p: p.stat().st_size)
    data = segment.read_bytes()
    if damage == "truncate":
        segment.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        segment.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
    elif damage == "delete-manifest":
        (folder / MANIFEST).unlink()
    else:
        (folder / MANIFEST).write_text("{not json", encoding="utf-8")
    with open_index(pack, tmp_path) as rebuilt:
        assert rebuilt.path == folder
        assert rebuilt.search("MVD")[0].id == "microvascular-decompression"
        assert len(rebuilt) == len(pack.entities)


def test_half_written_build_is_ignored(tmp_path: Path, starter_pack: Path) -> None:
    stale = tmp_path / ".build-crashed"
    stale.mkdir()
    (stale / "junk.seg").write_bytes(b"\0" * 10)
    with open_index(load_pack(starter_pack), tmp_path) as index:
        assert not index.in_memory
    assert not stale.exists()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a non-root user")
def test_unwritable_cache_falls_back_to_memory(tmp_path: Path, starter_pack: Path) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with open_index(load_pack(starter_pack), locked / "cache") as index:
            assert index.in_memory
            assert index.search("botox")[0].id == "botulinum-toxin"
        with open_index(load_pack(starter_pack), locked) as index:
            assert index.in_memory
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a non-root user")
def test_read_only_cache_with_an_index_is_used(tmp_path: Path, starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    open_index(pack, tmp_path).close()
    tmp_path.chmod(0o500)
    try:
        with open_index(pack, tmp_path) as index:
            assert not index.in_memory
            assert index.search("MVD")[0].id == "microvascular-decompression"
    finally:
        tmp_path.chmod(0o700)


def test_cache_path_is_a_file(tmp_path: Path, starter_pack: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with open_index(load_pack(starter_pack), blocker) as index:
        assert index.in_memory


def _open_in_child(pack_dir: str, cache: str, queue: multiprocessing.Queue[str]) -> None:
    with open_index(load_pack(pack_dir), Path(cache)) as index:
        hits = index.search("botox")
        queue.put(f"{index.path}|{hits[0].id if hits else ''}")


def test_two_processes_at_once(tmp_path: Path, starter_pack: Path) -> None:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[str] = context.Queue()
    children = [context.Process(target=_open_in_child,
                                args=(str(starter_pack), str(tmp_path), queue))
                for _ in range(3)]
    for child in children:
        child.start()
    for child in children:
        child.join(120)
        assert child.exitcode == 0
    answers = {queue.get(timeout=5) for _ in children}
    assert len(answers) == 1
    path, top = answers.pop().split("|")
    assert top == "botulinum-toxin" and Path(path).parent == tmp_path
    assert len(_index_dirs(tmp_path)) == 1
    with open_index(load_pack(starter_pack), tmp_path) as index:
        assert str(index.path) == path


def test_unwritable_cache_simulated(tmp_path: Path, starter_pack: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """As root chmod does not stop writes: make every write into the cache fail instead."""
    import hfs_desktop.search.cache as cache

    pack = load_pack(starter_pack)
    open_index(pack, tmp_path / "built").close()

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.tempfile, "mkdtemp", refuse)
    with open_index(pack, tmp_path / "empty") as index:
        assert index.in_memory and index.search("botox")[0].id == "botulinum-toxin"
    with open_index(pack, tmp_path / "built") as index:  # an intact index is still read
        assert not index.in_memory
