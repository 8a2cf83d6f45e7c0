"""Index builds leave no scratch folder behind (Whoosh removed none: an empty folder in the
system's temporary folder at every in-memory build, one inside every index folder)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from hfs_desktop.pack import Pack, load_pack
from hfs_desktop.search import build
from hfs_desktop.search.build import BuildCancelled, build_folder
from hfs_desktop.search.index import build_in_memory


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(Path(__file__).parent / "packs" / "starter")


@pytest.fixture
def system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test an empty folder of its own."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _folders(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_dir())


def test_an_in_memory_build_leaves_the_temporary_folder_as_it_was(
        pack: Pack, system_temp: Path) -> None:
    ix = build_in_memory(pack)
    assert ix.doc_count() == len(pack.entities)
    assert list(system_temp.iterdir()) == []


def test_a_folder_build_leaves_only_the_index_files(pack: Pack, tmp_path: Path,
                                                     system_temp: Path) -> None:
    (tmp_path / "index").mkdir()
    assert build_folder(tmp_path / "index", pack) == len(pack.entities)
    assert _folders(tmp_path / "index") == []
    assert any((tmp_path / "index").glob("*.toc"))
    assert list(system_temp.iterdir()) == []


def test_a_split_build_leaves_only_the_index_files(pack: Pack, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "PARALLEL_MIN", 1)
    (tmp_path / "split").mkdir()
    assert build_folder(tmp_path / "split", pack, procs=2) == len(pack.entities)
    assert _folders(tmp_path / "split") == []


def test_a_cancelled_build_leaves_no_scratch(pack: Pack, tmp_path: Path) -> None:
    (tmp_path / "index").mkdir()
    with pytest.raises(BuildCancelled):
        build_folder(tmp_path / "index", pack, cancelled=lambda: True)
    assert _folders(tmp_path / "index") == []
