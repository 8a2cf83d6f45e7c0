"""Helpers for the GUI tests."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hfs_desktop.gui.main_window import MainWindow


def search(qtbot: QtBot, window: MainWindow, text: str) -> list[str]:
    """Type into the search field and wait for the answer to exactly that text."""
    panel = window.search_panel
    panel.field.clear()
    qtbot.keyClicks(panel.field, text)
    qtbot.waitUntil(lambda: panel.shown_text == text and not panel.debounce.isActive(),
                    timeout=10_000)
    return [hit.entity_id for hit in panel.model.hits]  # one pack open: ids without it
