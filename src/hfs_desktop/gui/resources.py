"""The app's bundled files (fonts), from the wheel or the source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QFontDatabase

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_FAMILY = "DejaVu Sans"

_loaded: list[str] = []


def resources_dir() -> Path:
    """`hfs_desktop/resources` in an installed wheel, else the checkout's `resources/`."""
    shipped = resources.files("hfs_desktop") / "resources"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[3] / "resources"


def load_fonts() -> list[str]:
    """Register the bundled fonts once; the families that loaded."""
    if not _loaded:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
            if font_id >= 0:
                _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(_loaded))


def bundled_pack_dir() -> Path:
    """The bundled pack's folder, found without importing the pack loader (and YAML).

    Same answer as `hfs_desktop.pack.bundled_pack_dir()` (a test checks it); duplicated so
    the first paint does not wait for the loader's imports.
    """
    shipped = resources.files("hfs_desktop") / "knowledge"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[3] / "knowledge"
