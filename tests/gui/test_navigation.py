"""Links, back and forward (keys, toolbar, mouse buttons), breadcrumb and history list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _visit(window: MainWindow, *ids: str) -> None:
    for entity_id in ids:
        assert window.open_entity(entity_id)


def test_internal_link_navigates(window: MainWindow) -> None:
    _visit(window, "hemifacial-spasm")
    html = window.entity_view.toHtml()
    assert "hfs://entity/starter/botulinum-toxin" in html
    window.entity_view.anchorClicked.emit(QUrl("hfs://entity/botulinum-toxin"))  # an old link
    assert window.current_entity() == "starter/botulinum-toxin"
    assert window.history.current == "starter/botulinum-toxin"


def test_clicking_a_link_on_the_page(qtbot: QtBot, window: MainWindow) -> None:
    _visit(window, "hemifacial-spasm")
    view = window.entity_view
    doc = view.document()
    # Find the first internal link in the laid-out page and click it like a user.
    block = doc.begin()
    target = None
    while block.isValid() and target is None:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href.startswith("hfs://entity/"):
                target = (fragment.position() + 1, href)
                break
            it += 1
        block = block.next()
    assert target is not None
    position, href = target
    cursor = view.textCursor()
    cursor.setPosition(position)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.current_entity() == href.removeprefix("hfs://entity/"),
                    timeout=3000)


def test_back_and_forward_with_keys_and_actions(qtbot: QtBot, window: MainWindow) -> None:
    _visit(window, "hemifacial-spasm", "botulinum-toxin", "carbamazepine")
    window.entity_view.setFocus()
    qtbot.keyClick(window.entity_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_entity() == "starter/botulinum-toxin"
    window.actions_by_id["back"].trigger()
    assert window.current_entity() == "starter/hemifacial-spasm"
    assert not window.actions_by_id["back"].isEnabled()
    qtbot.keyClick(window.entity_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_entity() == "starter/botulinum-toxin"
    window.actions_by_id["forward"].trigger()
    assert window.current_entity() == "starter/carbamazepine"
    assert not window.actions_by_id["forward"].isEnabled()
    # A new page after going back drops the forward pages.
    window.back()
    _visit(window, "facial-nerve")
    assert not window.history.can_forward()


@pytest.mark.parametrize("over", ["page", "results", "toolbar"])
def test_mouse_back_and_forward_buttons(window: MainWindow, over: str) -> None:
    """Pressed anywhere in the window, delivered as the window system does (to the native
    window first, then to the widget under the mouse)."""
    _visit(window, "hemifacial-spasm", "botulinum-toxin")
    window.search_panel.set_query("spasm")
    target = {"page": window.entity_view.viewport(), "results": window.search_panel.list,
              "toolbar": window.toolbar}[over]
    handle = window.windowHandle()
    assert handle is not None
    at = target.mapTo(window, QPoint(10, 10))
    for button, expected in ((Qt.MouseButton.BackButton, "starter/hemifacial-spasm"),
                             (Qt.MouseButton.ForwardButton, "starter/botulinum-toxin")):
        QTest.mousePress(handle, button, Qt.KeyboardModifier.NoModifier, at)
        QTest.mouseRelease(handle, button, Qt.KeyboardModifier.NoModifier, at)
        assert window.current_entity() == expected


def test_other_mouse_buttons_reach_the_widget(window: MainWindow) -> None:
    _visit(window, "hemifacial-spasm", "botulinum-toxin")
    target = window.entity_view.viewport()
    event = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(20, 20),
                        target.mapToGlobal(QPointF(20, 20)), Qt.MouseButton.MiddleButton,
                        Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    assert window.current_entity() == "starter/botulinum-toxin"


def test_toolbar_has_back_and_forward(window: MainWindow) -> None:
    toolbar_actions = window.toolbar.actions()
    assert window.actions_by_id["back"] in toolbar_actions
    assert window.actions_by_id["forward"] in toolbar_actions


def test_breadcrumb_shows_the_path_and_goes_back(window: MainWindow) -> None:
    _visit(window, "hemifacial-spasm", "botulinum-toxin", "carbamazepine")
    crumb = window.breadcrumb.text()
    assert crumb.index("Hemifacial spasm") < crumb.index("Botulinum") < crumb.index(
        "Carbamazepine")
    assert "<b>Carbamazepine</b>" in crumb
    window.breadcrumb.linkActivated.emit("crumb:0")  # a click on the first step
    assert window.current_entity() == "starter/hemifacial-spasm"
    assert window.history.can_forward()


def test_history_list_opens_pages(qtbot: QtBot, window: MainWindow) -> None:
    _visit(window, "hemifacial-spasm", "botulinum-toxin")
    window.actions_by_id["show-history"].trigger()
    lst = window.history_list
    assert [lst.item(i).text() for i in range(lst.count())] == [
        "Botulinum toxin injections", "Hemifacial spasm"]
    lst.itemActivated.emit(lst.item(1))
    assert window.current_entity() == "starter/hemifacial-spasm"


def test_unknown_id_is_refused(window: MainWindow) -> None:
    _visit(window, "hemifacial-spasm")
    assert not window.open_entity("no-such-thing")
    assert window.current_entity() == "starter/hemifacial-spasm"


def _scroll_to(qtbot: QtBot, window: MainWindow, value: int) -> int:
    bar = window.entity_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > value, timeout=3000)
    bar.setValue(value)
    return bar.value()


def test_back_and_forward_return_to_where_the_reader_was(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    window.resize(900, 500)
    _visit(window, "hemifacial-spasm")
    on_first = _scroll_to(qtbot, window, 400)
    _visit(window, "botulinum-toxin")
    bar = window.entity_view.verticalScrollBar()
    assert bar.value() == 0  # a new page opens at its top
    on_second = _scroll_to(qtbot, window, 150)
    window.actions_by_id["back"].trigger()
    assert window.current_entity() == "starter/hemifacial-spasm" and bar.value() == on_first
    window.actions_by_id["forward"].trigger()
    assert window.current_entity() == "starter/botulinum-toxin" and bar.value() == on_second
    window.breadcrumb.crumb_clicked.emit(0)
    assert window.current_entity() == "starter/hemifacial-spasm" and bar.value() == on_first


def test_changing_the_theme_keeps_the_scroll_position(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    window.resize(900, 500)
    _visit(window, "hemifacial-spasm")
    where = _scroll_to(qtbot, window, 350)
    for choice in ("dark", "light"):
        window.set_theme(choice)
        assert window.entity_view.verticalScrollBar().value() == where, choice


def test_window_title_names_the_page(window: MainWindow) -> None:
    assert window.windowTitle() == "HFS Desktop"
    _visit(window, "botulinum-toxin")
    assert window.windowTitle() == "Botulinum toxin injections — HFS Desktop"
    window.back()
    assert window.windowTitle() == "Botulinum toxin injections — HFS Desktop"  # no page back
    _visit(window, "hemifacial-spasm")
    window.back()
    assert window.windowTitle() == "Botulinum toxin injections — HFS Desktop"
