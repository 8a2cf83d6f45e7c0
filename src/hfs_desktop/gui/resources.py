"""The app's bundled files (fonts, icon), from the wheel or the source checkout."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontDatabase, QIcon

from ..paths import resources_dir

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_FAMILY = "DejaVu Sans"
ICON_SIZES = (16, 32, 48, 256)
DESKTOP_ID = "org.hfsdesktop.HFSDesktop"  # installer/linux/<id>.desktop, AppStream id

_loaded: list[str] = []


def load_fonts() -> list[str]:
    """Register the bundled fonts once; the families that loaded."""
    if not _loaded:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
            if font_id >= 0:
                _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(_loaded))


def app_icon() -> QIcon:
    """The application's icon (window, task bar), from the PNGs made from its SVG."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resources_dir() / "icons" / f"hfs-desktop-{size}.png"), QSize(size, size))
    return icon
