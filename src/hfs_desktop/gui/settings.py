"""Where the app keeps things (QStandardPaths) and what it remembers (QSettings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QStandardPaths

from ..packset import PackSet

ORGANISATION = "HFS Desktop"
ORGANISATION_DOMAIN = "hfs-desktop.invalid"
APPLICATION = "hfs-desktop"

THEMES = ("system", "light", "dark")
ZOOM_MIN, ZOOM_MAX = -5, 10


def set_application_names() -> None:
    """Stable names, so settings and data land in the same folders on every run."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setOrganizationDomain(ORGANISATION_DOMAIN)
    QCoreApplication.setApplicationName(APPLICATION)


@dataclass(frozen=True, slots=True)
class Config:
    """The user's folders: settings file, data (bookmarks, history) and cache (search index).

    The install folder may be read-only; nothing is ever written next to the program.
    """

    settings_file: Path | None  # None: the platform's native QSettings location
    data_dir: Path
    cache_dir: Path

    @classmethod
    def standard(cls) -> Config:
        """The user's folders, the same as `hfs-kb`'s (`hfs_desktop.paths`); settings in the
        platform's native place (call after `set_application_names`).

        Data kept by earlier versions in Qt's own data folder is copied over once.
        """
        from ..paths import adopt_old_data, search_cache_dir, user_data_dir

        data_dir = user_data_dir()
        old = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        if old:
            adopt_old_data(Path(old), data_dir)
        return cls(settings_file=None, data_dir=data_dir, cache_dir=search_cache_dir())

    @classmethod
    def under(cls, root: Path) -> Config:
        """Everything below one folder (tests, portable use)."""
        return cls(root / "settings.ini", root / "data", root / "cache")

    def qsettings(self) -> QSettings:
        if self.settings_file is None:
            return QSettings()
        return QSettings(str(self.settings_file), QSettings.Format.IniFormat)


class Settings:
    """Typed access to the remembered preferences, written to disk on every change.

    QSettings writes its file atomically (a temporary file renamed over the old one).
    """

    def __init__(self, config: Config) -> None:
        self._q = config.qsettings()

    def sync(self) -> None:
        self._q.sync()

    def _set(self, key: str, value: object) -> None:
        if self._q.value(key) != value:
            self._q.setValue(key, value)
            self._q.sync()

    def _int(self, key: str, default: int) -> int:
        value = self._q.value(key, default)
        try:
            return int(str(value))
        except ValueError:
            return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._q.value(key, default)
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("1", "true", "yes")

    @property
    def zoom(self) -> int:
        return max(ZOOM_MIN, min(ZOOM_MAX, self._int("view/zoom", 0)))

    @zoom.setter
    def zoom(self, value: int) -> None:
        self._set("view/zoom", max(ZOOM_MIN, min(ZOOM_MAX, value)))

    @property
    def theme(self) -> str:
        value = str(self._q.value("view/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("view/theme", value if value in THEMES else "system")

    @property
    def hide_unproven(self) -> bool:
        return self._bool("search/hide_unproven", False)

    @hide_unproven.setter
    def hide_unproven(self, value: bool) -> None:
        self._set("search/hide_unproven", bool(value))

    @property
    def graph_depth(self) -> int:
        return 2 if self._int("graph/depth", 1) == 2 else 1

    @graph_depth.setter
    def graph_depth(self, value: int) -> None:
        self._set("graph/depth", 2 if value == 2 else 1)

    @property
    def last_page(self) -> str:
        return str(self._q.value("session/last_page", "") or "")

    @last_page.setter
    def last_page(self, value: str) -> None:
        self._set("session/last_page", value)

    @property
    def last_folder(self) -> str:
        """The folder a PDF or printout was last saved in ("" before the first)."""
        return str(self._q.value("files/last_folder", "") or "")

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._set("files/last_folder", value)

    @property
    def pack_set(self) -> PackSet | None:
        """The packs the user chose in the Packs dialog (None before the first choice).

        Stored as plain strings: ``packs/chosen``, ``packs/include_bundled`` and the folders
        as the array ``packs/folders``.
        """
        if not self._bool("packs/chosen", False):
            return None
        count = self._q.beginReadArray("packs/folders")
        folders = []
        for i in range(count):
            self._q.setArrayIndex(i)
            folders.append(str(self._q.value("folder", "") or ""))
        self._q.endArray()
        return PackSet.from_strings(folders, self._bool("packs/include_bundled", True))

    @pack_set.setter
    def pack_set(self, value: PackSet) -> None:
        self._q.remove("packs")
        self._q.setValue("packs/chosen", "true")
        self._q.setValue("packs/include_bundled", "true" if value.include_bundled else "false")
        self._q.beginWriteArray("packs/folders", len(value.folders))
        for i, folder in enumerate(value.to_strings()):
            self._q.setArrayIndex(i)
            self._q.setValue("folder", folder)
        self._q.endArray()
        self._q.sync()

    def geometry(self, key: str) -> QByteArray | None:
        value = self._q.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self._set(f"window/{key}", value)
