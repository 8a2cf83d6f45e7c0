"""Numbered citations on the page: a click scrolls to the source list; "Copy sources"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextCursor
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.actions import spec
from hfs_desktop.gui.entity_view import EntityView, in_page_anchor
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.pack import bundled_pack_dir

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


def first_citation(view: EntityView) -> tuple[QPoint, str]:
    """Where the first citation number of the page is drawn, and its link."""
    doc = view.document()
    cursor = QTextCursor(doc)
    for position in range(1, doc.characterCount()):
        cursor.setPosition(position)
        href = cursor.charFormat().anchorHref()
        if href.startswith("#ref-"):
            rect = view.cursorRect(cursor)
            return QPoint(rect.left() - 2, rect.center().y()), href
    raise AssertionError("no citation number on the page")


def test_clicking_a_citation_number_scrolls_to_the_source(qtbot: QtBot,
                                                          make_window: WindowFactory) -> None:
    window = make_window(bundled_pack_dir())
    window.resize(900, 500)
    window.open_entity("botulinum-toxin")
    view = window.entity_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    view.verticalScrollBar().setValue(0)
    point, href = first_citation(view)
    assert view.anchorAt(point) == href
    history = window.history.trail()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0)
    assert window.current_entity() == "hfs/botulinum-toxin"  # the page did not change
    assert window.history.trail() == history
    assert "Not opened" not in window.statusBar().currentMessage()


def test_in_page_anchor_is_not_an_entity_link() -> None:
    from PySide6.QtCore import QUrl

    assert in_page_anchor(QUrl("#ref-3")) == "ref-3"
    assert in_page_anchor(QUrl("hfs://entity/botulinum-toxin")) is None
    assert in_page_anchor(QUrl("https://example.org/#ref-3")) is None


def test_copy_sources_fills_the_clipboard(window: MainWindow) -> None:
    window.open_entity("botulinum-toxin")
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    window.actions_by_id["copy-sources"].trigger()
    text = clipboard.text()
    assert text == window.sources_text() and text.startswith("1. ")
    assert "PMID 9843077" in text
    assert "Copied" in window.statusBar().currentMessage()


def test_copy_sources_key_leaves_text_editing_alone() -> None:
    editing = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut,
               QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll,
               QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
               QKeySequence.StandardKey.Find, QKeySequence.StandardKey.Deselect)
    taken = {seq.toString() for key in editing for seq in QKeySequence.keyBindings(key)}
    keys = {QKeySequence(k).toString() for k in spec("copy-sources").keys}
    assert keys and not keys & taken


def test_printed_page_keeps_the_numbered_list(window: MainWindow) -> None:
    window.open_entity("botulinum-toxin")
    html = window.printable_html()
    assert 'name="ref-1"' in html and 'href="#ref-1"' in html
