"""Start-up helpers: bundled files found from the wheel or the checkout, fonts loaded."""

from __future__ import annotations

import pytest

from hfs_desktop.gui.resources import load_fonts
from hfs_desktop.paths import bundled_pack_dir, resources_dir

pytestmark = pytest.mark.gui


def test_bundled_pack_dir_holds_the_pack() -> None:
    assert (bundled_pack_dir() / "pack.yaml").is_file()
    assert (bundled_pack_dir() / "entities").is_dir()


def test_bundled_font_loads(qapp: object) -> None:
    assert (resources_dir() / "fonts" / "LICENSE-DejaVu.txt").is_file()
    assert "DejaVu Sans" in load_fonts()
