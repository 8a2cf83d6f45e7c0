"""One cache and one data folder for the window and `hfs-kb` (issue 10, defect 13)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import pytest
from PySide6.QtCore import QStandardPaths
from pytestqt.qtbot import QtBot

from hfs_desktop import paths
from hfs_desktop.cli import main as hfs_kb
from hfs_desktop.cli_search import default_cache_dir
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.settings import Config, Settings, set_application_names
from hfs_desktop.search import index as search_index

from ..helpers import only
from .conftest import LOAD_TIMEOUT_MS

pytestmark = pytest.mark.gui


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home of this test's own, with the XDG folders below it."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                     ("XDG_DATA_HOME", ".local/share")):
        monkeypatch.setenv(var, str(home / sub))
    set_application_names()
    return home


def test_window_and_cli_use_the_same_folders(user_home: Path) -> None:
    config = Config.standard()
    assert config.cache_dir == default_cache_dir() == paths.search_cache_dir() \
        == user_home / ".cache" / "hfs-desktop" / "search"
    assert config.data_dir == paths.user_data_dir() \
        == user_home / ".local" / "share" / "hfs-desktop"
    assert paths.log_dir() == config.data_dir / "logs"


def test_data_of_the_old_folder_is_copied_once(user_home: Path) -> None:
    old = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation))
    assert old.is_relative_to(user_home)
    old.mkdir(parents=True)
    (old / "bookmarks.json").write_text('["hemifacial-spasm"]', encoding="utf-8")
    config = Config.standard()
    assert (config.data_dir / "bookmarks.json").read_text(encoding="utf-8") \
        == '["hemifacial-spasm"]'
    assert (old / "bookmarks.json").is_file()  # left where it was
    (config.data_dir / "bookmarks.json").write_text("[]", encoding="utf-8")
    Config.standard()  # the new folder has data now: nothing is copied over it
    assert (config.data_dir / "bookmarks.json").read_text(encoding="utf-8") == "[]"


def test_hfs_kb_index_prepares_the_windows_index(
        user_home: Path, qtbot: QtBot, starter_pack: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert hfs_kb([*only(starter_pack), "index"]) == 0
    assert str(default_cache_dir()) in capsys.readouterr().err

    def no_building(*_args: object) -> NoReturn:
        raise AssertionError("the window built the index again")

    # Any build now fails the test: the window must open the index hfs-kb made.
    monkeypatch.setattr(search_index, "_build_in", no_building)
    monkeypatch.setattr(search_index, "build_in_memory", no_building)
    config = Config.standard()
    window = MainWindow(config, Settings(config), starter_pack, remember=False)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start_loading()
        qtbot.waitUntil(lambda: window.is_ready, timeout=LOAD_TIMEOUT_MS)
        assert window.loaded is not None and window.loaded.main.index is not None
        assert window.loaded.main.index.path is not None
        assert window.loaded.main.index.path.parent == config.cache_dir
    finally:
        window.shutdown()
