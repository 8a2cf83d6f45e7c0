"""The search index built at packaging time: opened read-only in place when its digest
matches, ignored (and the index built as before) when it does not or is damaged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from hfs_desktop import paths
from hfs_desktop.cli import main
from hfs_desktop.pack import load_pack
from hfs_desktop.search import open_index
from hfs_desktop.search.cache import MANIFEST
from hfs_desktop.search.schema import pack_digest


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


def _queries(index: object) -> list[list[str]]:
    return [[hit.id for hit in index.search(text)]  # type: ignore[attr-defined]
            for text in ("botox", "surgery", "facial", "carbamazapine", "spasm of the eye")]


@pytest.fixture
def prebuilt(tmp_path: Path, starter_pack: Path) -> Path:
    folder = tmp_path / "shipped"
    assert main(["--no-bundled", "--pack", str(starter_pack), "index", "--prebuild",
                 str(folder)]) == 0
    return folder


def test_prebuild_writes_one_index_and_nothing_else(prebuilt: Path, starter_pack: Path
                                                    ) -> None:
    digest = pack_digest(load_pack(starter_pack))
    assert [p.name for p in prebuilt.iterdir()] == [f"index-{digest}"]
    assert (prebuilt / f"index-{digest}" / MANIFEST).is_file()


def test_a_new_install_opens_the_prebuilt_index_read_only(
        prebuilt: Path, tmp_path: Path, starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    cache = tmp_path / "cache"
    before = _snapshot(prebuilt)
    with open_index(pack, cache, prebuilt=prebuilt) as index:
        assert index.path is not None and index.path.parent == prebuilt
        found = _queries(index)
    assert _snapshot(prebuilt) == before
    assert not cache.exists() or not list(cache.iterdir())  # nothing built
    with open_index(pack, None) as built:
        assert found == _queries(built)


def test_a_changed_pack_builds_its_index_as_before(
        prebuilt: Path, tmp_path: Path, pack_copy: Path) -> None:
    treatments = pack_copy / "entities" / "treatments.yaml"
    treatments.write_text(treatments.read_text(encoding="utf-8").replace(
        "aliases: [MVD]", "aliases: [MVD, Kponazepam]"), encoding="utf-8")
    cache = tmp_path / "cache"
    with open_index(load_pack(pack_copy), cache, prebuilt=prebuilt) as index:
        assert index.path is not None and index.path.parent == cache
        assert index.search("Kponazepam")[0].id == "microvascular-decompression"


@pytest.mark.parametrize("damage", ["truncate", "manifest"])
def test_a_damaged_prebuilt_index_is_not_used(
        damage: str, prebuilt: Path, tmp_path: Path, starter_pack: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    folder = next(prebuilt.iterdir())
    if damage == "truncate":
        segment = max(folder.iterdir(), key=lambda p: p.stat().st_size)
        segment.write_bytes(segment.read_bytes()[:100])
    else:
        (folder / MANIFEST).write_text("{", encoding="utf-8")
    cache = tmp_path / "cache"
    with caplog.at_level(logging.DEBUG), \
            open_index(load_pack(starter_pack), cache, prebuilt=prebuilt) as index:
        assert index.path is not None and index.path.parent == cache
        assert index.search("botox")[0].id == "botulinum-toxin"
    assert all(r.levelno <= logging.INFO for r in caplog.records)


def test_rebuild_and_in_memory_leave_the_prebuilt_index_aside(
        prebuilt: Path, tmp_path: Path, starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    with open_index(pack, tmp_path / "cache", rebuild=True, prebuilt=prebuilt) as rebuilt:
        assert rebuilt.path is not None and rebuilt.path.parent == tmp_path / "cache"
    with open_index(pack, None, prebuilt=prebuilt) as memory:
        assert memory.path is None


def test_by_default_the_shipped_index_is_used(
        prebuilt: Path, tmp_path: Path, starter_pack: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.PREBUILT_INDEX_ENV, str(prebuilt))
    with open_index(load_pack(starter_pack), tmp_path / "cache") as index:
        assert index.path is not None and index.path.parent == prebuilt


def test_where_the_app_looks_for_its_prebuilt_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.PREBUILT_INDEX_ENV, "")
    assert paths.prebuilt_index_dir() is None
    monkeypatch.delenv(paths.PREBUILT_INDEX_ENV)
    found = paths.prebuilt_index_dir()
    assert found is not None and found.name == "search-index"
    installed = Path(paths.__file__).parent / "search-index"
    assert found == installed if installed.is_dir() else found.parent.name == "build"


def test_prebuild_into_an_unwritable_place_says_so(
        tmp_path: Path, starter_pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert main(["--no-bundled", "--pack", str(starter_pack), "index", "--prebuild",
                 str(blocker / "x")]) == 1
    assert "cannot build the index of 'starter' into" in capsys.readouterr().err


def test_prebuild_needs_a_folder_when_none_is_known(
        starter_pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-bundled", "--pack", str(starter_pack), "index", "--prebuild"]) == 1
    assert "give --prebuild DIR" in capsys.readouterr().err


def test_hfs_kb_index_says_when_the_shipped_index_serves(
        prebuilt: Path, starter_pack: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(paths.PREBUILT_INDEX_ENV, str(prebuilt))
    assert main(["--no-bundled", "--pack", str(starter_pack), "index"]) == 0
    assert "the index shipped with the app (up to date)" in capsys.readouterr().err
    assert main(["--no-bundled", "--pack", str(starter_pack), "index", "--rebuild"]) == 0
    assert str(paths.search_cache_dir()) in capsys.readouterr().err
