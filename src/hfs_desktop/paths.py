"""Where the bundled data lives: inside the installed wheel, or in the source checkout.

Kept free of heavy imports so the GUI can find its files before its first paint.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def _bundled(name: str) -> Path:
    shipped = resources.files("hfs_desktop") / name
    if shipped.is_dir():
        return Path(str(shipped))
    return _CHECKOUT / name


def bundled_pack_dir() -> Path:
    """The HFS knowledge pack shipped with the app."""
    return _bundled("knowledge")


def resources_dir() -> Path:
    """The app's bundled files (fonts, icons)."""
    return _bundled("resources")
