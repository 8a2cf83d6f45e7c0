"""The garbage collector paused for the start, resumed once loaded (and only by us)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from hfs_desktop.gui import collector
from hfs_desktop.gui.app import main
from hfs_desktop.gui.settings import Config


@pytest.fixture(autouse=True)
def _collector_back_on() -> Iterator[None]:
    yield
    collector.resume()
    gc.enable()
    gc.unfreeze()


def test_paused_then_resumed_with_startups_objects_frozen() -> None:
    gc.unfreeze()
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    collector.resume()  # a second resume changes nothing
    assert gc.isenabled()


def test_a_pause_that_nobody_ends_ends_by_itself(qtbot: QtBot) -> None:
    collector.pause(longest=0.05)
    assert not gc.isenabled()
    qtbot.waitUntil(gc.isenabled, timeout=5000)


def test_a_collector_switched_off_by_someone_else_stays_off() -> None:
    gc.disable()
    collector.pause()
    collector.resume()
    assert not gc.isenabled()


def test_a_run_of_the_app_leaves_the_collector_on(tmp_path: object) -> None:
    from pathlib import Path

    config = Config.under(Path(str(tmp_path)) / "user")
    assert main(["--smoke"], config=config) == 0
    assert gc.isenabled()
    assert main(["--pack", str(Path(str(tmp_path)) / "nowhere"), "--smoke"],
                config=config) == 1
    assert gc.isenabled()
