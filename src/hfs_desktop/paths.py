"""Where the bundled data lives: inside the installed wheel, or in the source checkout.

Kept free of heavy imports so the GUI can find its files before its first paint (the
package's own folder is looked at directly: importlib.resources costs 8 ms to import, and
the data is read as files anyway).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]


def _bundled(name: str) -> Path:
    shipped = _PACKAGE / name
    if shipped.is_dir():
        return shipped
    return _CHECKOUT / name


def bundled_pack_dir() -> Path:
    """The HFS knowledge pack shipped with the app."""
    return _bundled("knowledge")


def resources_dir() -> Path:
    """The app's bundled files (fonts, icons)."""
    return _bundled("resources")
