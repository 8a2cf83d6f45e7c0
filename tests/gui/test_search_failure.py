"""A search that breaks says so in the results area, not "No results"."""

from __future__ import annotations

from typing import NoReturn

import pytest
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.search.index import SearchIndex

from .helpers import search

pytestmark = pytest.mark.gui


def _broken(*_args: object, **_kwargs: object) -> NoReturn:
    raise RuntimeError("planted")


@pytest.mark.error_logged  # the worker logs the failure with its traceback
def test_a_failing_search_says_so(qtbot: QtBot, window: MainWindow,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    panel = window.search_panel
    assert search(qtbot, window, "botox")
    monkeypatch.setattr(SearchIndex, "_search", _broken)
    with qtbot.waitSignal(panel.search_failed, timeout=10_000) as failed:
        assert search(qtbot, window, "spasm") == []
    assert failed.args == ["search failed: RuntimeError: planted"]
    status = panel.status.text()
    assert "Search failed: RuntimeError: planted" in status
    assert "No results" not in status
    monkeypatch.undo()  # and it recovers on the next query
    assert search(qtbot, window, "botox")
    assert "result" in panel.status.text() and "failed" not in panel.status.text()
