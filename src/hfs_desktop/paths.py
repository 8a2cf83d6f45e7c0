"""Where things live: the bundled data (inside the installed wheel, or in the source
checkout) and the user's folders, one answer for the GUI and the CLI.

Kept free of heavy imports (and of Qt) so the GUI can find its files before its first paint.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]
APP_NAME = "hfs-desktop"
"""The folder name under the platform's cache and data folders (~/.cache/hfs-desktop...)."""


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


PREBUILT_INDEX_ENV = "HFS_DESKTOP_PREBUILT_INDEX"
"""Names another folder of prebuilt search indexes (empty: none), for tests and benchmarks."""


def prebuilt_index_dir() -> Path | None:
    """The search index of the bundled pack, built when the app was packaged
    (`hfs-kb index --prebuild`): ``search-index`` in the installed package, or
    ``build/search-index`` in a source checkout. Opened read-only, and only when its digest
    matches the pack's (see `search.index.open_index`)."""
    override = os.environ.get(PREBUILT_INDEX_ENV)
    if override is not None:
        return Path(override) if override else None
    shipped = Path(str(resources.files("hfs_desktop"))) / "search-index"
    return shipped if shipped.is_dir() else _CHECKOUT / "build" / "search-index"


def user_cache_dir() -> Path:
    """The user's cache folder for the app (Linux: ~/.cache/hfs-desktop); may not exist."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def search_cache_dir() -> Path:
    """Where the search index cache lives: the same folder for `hfs-kb` and the window, so
    that `hfs-kb index` prepares the window's index."""
    return user_cache_dir() / "search"


def user_data_dir() -> Path:
    """The user's own data (history, recent pages, bookmarks, crash logs), shared by the GUI
    and the CLI (Linux: ~/.local/share/hfs-desktop); may not exist."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir(data_dir: Path | None = None) -> Path:
    """Where crash reports are written: ``logs`` in the user's data folder."""
    return (data_dir if data_dir is not None else user_data_dir()) / "logs"


def adopt_old_data(old: Path, new: Path) -> bool:
    """Copy the files of a folder the app used before (``old``) into ``new`` when ``new``
    holds none yet, so that moving the data folder loses no bookmark. The old folder is
    left as it was. True when files were copied."""
    try:
        if old == new or not old.is_dir() or (new.is_dir() and any(new.iterdir())):
            return False
        new.mkdir(parents=True, exist_ok=True)
        copied = False
        for entry in old.iterdir():
            if entry.is_file() and not entry.name.startswith("."):
                shutil.copy2(entry, new / entry.name)
                copied = True
        return copied
    except OSError:
        return False  # nothing lost: the old files stay where they were
