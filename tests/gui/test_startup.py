"""Start-up helpers: the pack cache and the bundled folder found without the loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.gui import packcache
from hfs_desktop.gui.resources import bundled_pack_dir, load_fonts, resources_dir
from hfs_desktop.pack import PackInvalid
from hfs_desktop.pack import bundled_pack_dir as core_bundled_pack_dir

pytestmark = pytest.mark.gui


def test_bundled_pack_dir_matches_the_core() -> None:
    assert bundled_pack_dir() == core_bundled_pack_dir()


def test_bundled_font_loads(qapp: object) -> None:
    assert (resources_dir() / "fonts" / "LICENSE-DejaVu.txt").is_file()
    assert "DejaVu Sans" in load_fonts()


def test_pack_cache_hits_and_follows_edits(tmp_path: Path, pack_copy: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = packcache.load_cached_pack(pack_copy, cache)
    assert len(list(cache.glob("pack-*.pickle"))) == 1
    calls: list[Path] = []
    import hfs_desktop.pack as core

    real = core.load_pack
    monkeypatch.setattr(core, "load_pack", lambda root: calls.append(root) or real(root))
    again = packcache.load_cached_pack(pack_copy, cache)
    assert calls == [] and again.entities.keys() == first.entities.keys()
    # An edit misses the cache and is validated again: a broken pack still fails.
    treatments = pack_copy / "entities" / "treatments.yaml"
    treatments.write_text(treatments.read_text(encoding="utf-8").replace(
        "level: low", "level: excellent", 1), encoding="utf-8")
    with pytest.raises(PackInvalid):
        packcache.load_cached_pack(pack_copy, cache)
    assert calls == [pack_copy]


def test_unwritable_cache_is_not_an_error(tmp_path: Path, starter_pack: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    pack = packcache.load_cached_pack(starter_pack, blocker / "cache")
    assert "hemifacial-spasm" in pack.entities
