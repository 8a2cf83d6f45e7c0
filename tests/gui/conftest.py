"""GUI fixtures: a main window on the starter pack, its own settings and data per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.settings import Config, Settings

LOAD_TIMEOUT_MS = 30_000

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Settings file, data and cache folders private to this test."""
    return Config.under(tmp_path / "user")


@pytest.fixture
def make_window(qtbot: QtBot, config: Config, starter_pack: Path) -> Iterator[WindowFactory]:
    """Open loaded windows (several share one config: a restart); all closed at the end."""
    windows: list[MainWindow] = []

    def make(pack: Path | list[Path] | None = None, *, wait: bool = True,
             bundled: Path | None = None) -> MainWindow:
        window = MainWindow(config, Settings(config), pack or starter_pack, bundled=bundled)
        qtbot.addWidget(window)
        windows.append(window)
        if window.settings.geometry("geometry") is None:  # a first window: as on a desktop
            window.resize(1200, 800)  # (the offscreen screen, 800x800, would fit it smaller)
        window.show()
        window.start_loading()
        if wait:
            qtbot.waitUntil(lambda: window.is_ready, timeout=LOAD_TIMEOUT_MS)
        return window

    yield make
    for window in windows:
        window.shutdown()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()

