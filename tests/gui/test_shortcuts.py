"""Application keys that work wherever the focus is, none taken from a text field's editing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.actions import ACTIONS, TEXT_EDITING_KEYS, spec
from hfs_desktop.gui.main_window import MainWindow

pytestmark = pytest.mark.gui
TYPED = {"/"}  # a plain character: a shortcut elsewhere, text in a field (by design)


def _normal(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


def test_no_action_uses_a_text_editing_key() -> None:
    editing = {_normal(k) for k in TEXT_EDITING_KEYS}
    for item in ACTIONS:
        for key in item.keys:
            assert _normal(key) not in editing, (item.id, key)


def test_a_line_edit_claims_none_of_the_action_keys(qtbot: QtBot) -> None:
    """Qt asks the focused widget first (ShortcutOverride): a line edit must decline."""
    field = QLineEdit("abc def")
    qtbot.addWidget(field)
    field.setCursorPosition(3)
    for item in ACTIONS:
        for key in item.keys:
            if key in TYPED:
                continue
            combo = QKeySequence(key)[0]
            event = QKeyEvent(QEvent.Type.ShortcutOverride, combo.key(),
                              combo.keyboardModifiers(), "")
            event.ignore()
            QApplication.sendEvent(field, event)
            assert not event.isAccepted(), (item.id, key)


def test_hide_unproven_key_works_in_the_search_field(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    field = window.search_panel.field
    window.focus_search()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "botulinum toxin")
    field.setCursorPosition(9)
    box = window.search_panel.hide_unproven
    before = box.isChecked()
    combo = QKeySequence(spec("hide-unproven").keys[0])[0]
    qtbot.keyClick(field, combo.key(), combo.keyboardModifiers())
    assert box.isChecked() is not before
    assert window.actions_by_id["hide-unproven"].isChecked() is not before
    assert field.text() == "botulinum toxin" and field.cursorPosition() == 9
    assert field.hasFocus()
    qtbot.keyClick(field, combo.key(), combo.keyboardModifiers())
    assert box.isChecked() is before


def test_every_key_with_a_modifier_fires_from_the_search_field(qtbot: QtBot,
                                                               window: MainWindow) -> None:
    """Each action's keys, pressed in the search field, trigger that action."""
    field = window.search_panel.field
    for page in ("hemifacial-spasm", "botulinum-toxin"):
        window.open_entity(page)  # Back is enabled, then Forward after it
    fired: list[str] = []
    skip = {"quit", "print", "export-pdf", "shortcuts", "legend", "about", "clear-history",
            "packs", "pack-about"}  # dialogs
    for item in ACTIONS:
        if item.id in skip:
            continue
        action = window.actions_by_id[item.id]
        action.triggered.connect(lambda _c=False, i=item.id: fired.append(i))
        for key in item.keys:
            combo = QKeySequence(key)[0]
            if key in TYPED or combo.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
                continue
            assert action.isEnabled(), item.id
            window.focus_search()
            qtbot.waitUntil(field.hasFocus)
            field.setText("query")
            fired.clear()
            qtbot.keyClick(field, combo.key(), combo.keyboardModifiers())
            assert fired == [item.id], (item.id, key)
            if field.hasFocus():
                assert field.text() == "query", (item.id, key)
