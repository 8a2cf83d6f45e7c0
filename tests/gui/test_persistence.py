"""What survives a restart: bookmarks, zoom, last page, window geometry, filter."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.settings import Config
from hfs_desktop.navigation import Bookmarks

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


def test_bookmarks_survive_a_restart(config: Config, make_window: WindowFactory) -> None:
    first = make_window()
    first.open_entity("botulinum-toxin")
    first.actions_by_id["bookmark-add"].trigger()
    first.open_entity("hemifacial-spasm")
    first.actions_by_id["bookmark-add"].trigger()
    assert not first.actions_by_id["bookmark-add"].isEnabled()  # already bookmarked
    first.close()
    saved = json.loads((config.data_dir / "bookmarks.json").read_text(encoding="utf-8"))
    assert [b["id"] for b in saved] == ["botulinum-toxin", "hemifacial-spasm"]

    second = make_window()
    lst = second.bookmark_list
    assert [lst.item(i).text() for i in range(lst.count())] == [
        "Botulinum toxin injections", "Hemifacial spasm"]
    lst.itemActivated.emit(lst.item(0))
    assert second.current_entity() == "botulinum-toxin"


def test_remove_a_bookmark(qtbot: QtBot, config: Config, make_window: WindowFactory) -> None:
    window = make_window()
    for entity_id in ("botulinum-toxin", "carbamazepine"):
        window.open_entity(entity_id)
        window.add_bookmark()
    window.actions_by_id["bookmark-remove"].trigger()  # the current page
    assert Bookmarks(config.data_dir).ids() == ["botulinum-toxin"]
    window.actions_by_id["show-bookmarks"].trigger()
    window.bookmark_list.setCurrentRow(0)
    window.bookmark_list.setFocus()
    qtbot.keyClick(window.bookmark_list, Qt.Key.Key_Delete)
    assert Bookmarks(config.data_dir).ids() == []
    assert window.bookmark_list.count() == 0


def test_broken_bookmarks_file_is_not_fatal(config: Config) -> None:
    config.data_dir.mkdir(parents=True)
    (config.data_dir / "bookmarks.json").write_text("{not json", encoding="utf-8")
    marks = Bookmarks(config.data_dir)
    assert len(marks) == 0
    assert marks.add("hemifacial-spasm", "Hemifacial spasm")
    assert Bookmarks(config.data_dir).ids() == ["hemifacial-spasm"]
    assert not list(config.data_dir.glob("*.tmp")) and not list(config.data_dir.glob(".*"))


def test_zoom_persists(make_window: WindowFactory) -> None:
    first = make_window()
    base = first.entity_view.document().defaultFont().pointSizeF()
    first.actions_by_id["zoom-in"].trigger()
    first.actions_by_id["zoom-in"].trigger()
    first.close()
    second = make_window()
    assert second.settings.zoom == 2
    assert second.entity_view.document().defaultFont().pointSizeF() > base


def test_last_page_geometry_and_filter_restored(make_window: WindowFactory) -> None:
    first = make_window()
    first.resize(720, 520)
    first.open_entity("carbamazepine")
    first.actions_by_id["hide-unproven"].trigger()
    first.close()
    second = make_window()
    assert second.size().width() == 720 and second.size().height() == 520
    assert second.restore_last_page()
    assert second.current_entity() == "carbamazepine"
    assert second.search_panel.hide_unproven.isChecked()


def test_history_list_survives_a_restart(make_window: WindowFactory) -> None:
    first = make_window()
    first.open_entity("hemifacial-spasm")
    first.open_entity("facial-nerve")
    first.close()
    second = make_window()
    assert second.recent.ids()[:2] == ["facial-nerve", "hemifacial-spasm"]
    assert second.history_list.count() == 2
