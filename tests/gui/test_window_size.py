"""The window never grows wider than it was made: the path bar elides, it does not push."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.breadcrumb import ELLIPSIS
from hfs_desktop.pack import bundled_pack_dir

from .conftest import WindowFactory

pytestmark = pytest.mark.gui
LIMIT = 1000  # px: the window must fit a small laptop screen whatever was opened


def test_thirty_long_pages_leave_the_minimum_width_alone(qtbot: QtBot,
                                                         make_window: WindowFactory) -> None:
    window = make_window(bundled_pack_dir())
    assert window.loaded is not None
    entities = window.loaded.main.pack.entities
    longest = sorted(entities, key=lambda i: len(entities[i].name), reverse=True)[:30]
    assert len(entities[longest[-1]].name) > 35  # long names indeed
    before = window.minimumSizeHint().width()
    window.resize(1100, 700)
    for entity_id in longest:
        assert window.open_entity(entity_id)
        assert window.minimumSizeHint().width() < LIMIT
        assert window.minimumWidth() < LIMIT
    assert window.minimumSizeHint().width() == before  # opening pages changed nothing
    assert window.breadcrumb.minimumSizeHint().width() == 0
    assert window.width() == 1100
    # What is shown fits the bar: old steps fold into "…", the current page is there.
    shown = window.breadcrumb.shown_names()
    assert shown[0] == ELLIPSIS
    bar = window.breadcrumb
    assert _drawn_width(bar) <= bar.width()
    assert entities[longest[-1]].name in bar.toolTip()
    # Narrow: still no minimum imposed, the current name elided rather than pushed out.
    window.resize(640, 600)
    qtbot.waitUntil(lambda: window.width() == 640)
    assert window.breadcrumb.shown_names()[-1].startswith(entities[longest[-1]].name[:5])
    assert _drawn_width(bar) <= bar.width()
    assert window.minimumSizeHint().width() < 640


def _drawn_width(label: QLabel) -> float:
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    return doc.idealWidth()

