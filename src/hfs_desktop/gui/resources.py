"""The app's bundled files (fonts), from the wheel or the source checkout."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from ..paths import resources_dir

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_FAMILY = "DejaVu Sans"

_loaded: list[str] = []


def load_fonts() -> list[str]:
    """Register the bundled fonts once; the families that loaded."""
    if not _loaded:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
            if font_id >= 0:
                _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(_loaded))
