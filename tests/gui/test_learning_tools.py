"""The Tools menu on real widgets: check an article, the differential helper, the self-test;
each opened by its key, its page links opening pages in the main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtWidgets import QCheckBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.actions import spec
from hfs_desktop.gui.entity_view import EntityView
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.self_test import SelfTestWindow, record_path
from hfs_desktop.gui.tool_window import ToolWindow
from hfs_desktop.pack import bundled_pack_dir

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

ARTICLE = """Hemifacial spasm: what helps

Botulinum toxin does not help hemifacial spasm.
Garlic compresses cure facial spasm.
Our clinic is open from 9 to 5.
"""


def press(qtbot: QtBot, window: MainWindow, action_id: str) -> None:
    """The action's first key, pressed in the search field (where the focus starts)."""
    field = window.search_panel.field
    window.focus_search()
    combo = QKeySequence(spec(action_id).keys[0])[0]
    qtbot.keyClick(field, combo.key(), combo.keyboardModifiers())


def open_tool(qtbot: QtBot, window: MainWindow, action_id: str, key: str) -> ToolWindow:
    press(qtbot, window, action_id)
    tool = window.tool_window(key)
    assert tool is not None
    qtbot.waitExposed(tool)
    return tool


def click_link(qtbot: QtBot, view: EntityView, href: str) -> None:
    """Scroll to the first link to ``href`` and click it with the mouse."""
    doc = view.document()
    cursor = QTextCursor(doc)
    for position in range(1, doc.characterCount()):
        cursor.setPosition(position)
        if cursor.charFormat().anchorHref() == href:
            view.setTextCursor(cursor)
            view.ensureCursorVisible()
            rect = view.cursorRect(cursor)
            point = QPoint(rect.left() + 3, rect.center().y())
            assert view.anchorAt(point) == href
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
            return
    raise AssertionError(f"no link to {href}")


@pytest.fixture
def hfs(make_window: WindowFactory) -> MainWindow:
    return make_window(bundled_pack_dir(), bundled=bundled_pack_dir())


def test_the_tools_menu_lists_the_three_tools(hfs: MainWindow) -> None:
    menus = {m.title().replace("&", ""): m for m in hfs.menuBar().findChildren(
        type(hfs.menuBar().addMenu("x")))}
    titles = [a.objectName() for a in menus["Tools"].actions()]
    assert titles == ["check-article", "differential", "self-test"]


def test_check_an_article(qtbot: QtBot, hfs: MainWindow) -> None:
    from hfs_desktop.gui.article_check import ArticleCheckWindow

    tool = open_tool(qtbot, hfs, "check-article", "check")
    assert isinstance(tool, ArticleCheckWindow)
    QGuiApplication.clipboard().setText(ARTICLE)
    tool.text.setFocus()
    qtbot.keyClick(tool.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # paste
    assert tool.text.toPlainText() == ARTICLE
    with qtbot.waitSignal(tool.checked, timeout=10_000):
        qtbot.mouseClick(tool.check_button, Qt.MouseButton.LeftButton)
    shown = tool.report.toPlainText()
    assert shown.index("Summary") < shown.index("Botulinum toxin does not help")
    assert "states the opposite" in shown and "wrong" in shown  # the negated sentence
    assert "Stating the opposite of a claim: 1 supported" in shown
    assert "Unproven treatments the text recommends: Lemon juice and garlic compress" in shown
    assert "no matching claim" in shown  # opening hours
    assert tool.outcome is not None
    negated = tool.outcome.statements[1]
    assert negated.negated and negated.claim == "hfs/claim-botox-symptomatic"
    click_link(qtbot, tool.report, "hfs://entity/hfs/claim-botox-symptomatic")
    qtbot.waitUntil(lambda: hfs.current_entity() == "hfs/claim-botox-symptomatic")


def test_check_opens_html_and_saves_the_report(qtbot: QtBot, hfs: MainWindow,
                                               tmp_path: Path) -> None:
    from hfs_desktop.gui.article_check import ArticleCheckWindow

    hfs.show_article_check()
    tool = hfs.tool_window("check")
    assert isinstance(tool, ArticleCheckWindow)
    page = tmp_path / "leaflet.html"
    page.write_text("<h1>Leaflet</h1><p>Garlic compresses do nothing for facial spasm.</p>",
                    encoding="utf-8")
    with qtbot.waitSignal(tool.checked, timeout=10_000):
        assert tool.open_file(page)
    assert "<p>" not in tool.text.toPlainText()
    assert "warns against: Lemon juice and garlic compress" in tool.report.toPlainText()
    assert tool.save_pdf_to(tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    assert tool.save_html_to(tmp_path / "r.html")
    assert "states the opposite" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_check_refuses_a_binary_file_by_name(qtbot: QtBot, hfs: MainWindow, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from hfs_desktop.gui.article_check import ArticleCheckWindow

    hfs.show_article_check()
    tool = hfs.tool_window("check")
    assert isinstance(tool, ArticleCheckWindow)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01")
    assert not tool.open_file(binary)
    assert said and "scan.pdf is a binary file" in said[0]


def test_differential_red_flag_first_and_ties(qtbot: QtBot, hfs: MainWindow) -> None:
    from hfs_desktop.gui.differential_view import DifferentialWindow

    tool = open_tool(qtbot, hfs, "differential", "differential")
    assert isinstance(tool, DifferentialWindow)
    assert "not a diagnosis" in tool.disclaimer.text() and tool.disclaimer.isVisible()
    box = tool.findChild(QCheckBox, "hfs/involuntary-unilateral-contractions")
    assert box is not None
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    shown = tool.view.toPlainText()
    assert "1 Hemifacial spasm" in shown.replace("\n", " ").replace("\t", " ")
    assert "2= Facial tics" in shown.replace("\n", " ").replace("\t", " ")
    assert "Imaging needed" not in shown
    flag = tool.findChild(QCheckBox, "hfs/red-flag-facial-numbness")
    assert flag is not None
    flag.setFocus()
    qtbot.keyClick(flag, Qt.Key.Key_Space)
    shown = tool.view.toPlainText()
    assert shown.lstrip().startswith("Imaging needed: red flag.")
    assert "expert opinion" in shown
    click_link(qtbot, tool.view, "hfs://entity/hfs/secondary-hemifacial-spasm")
    qtbot.waitUntil(lambda: hfs.current_entity() == "hfs/secondary-hemifacial-spasm")


def answer(qtbot: QtBot, tool: SelfTestWindow, right: bool) -> None:
    question = tool.current
    assert question is not None
    index = question.answer if right else (question.answer + 1) % len(question.options)
    with qtbot.waitSignal(tool.answered) as signal:
        qtbot.keyClick(tool, Qt.Key.Key_1 + index)
    assert signal.args == [right]


def test_self_test_score_is_kept_and_cleared(qtbot: QtBot, make_window: WindowFactory,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(bundled_pack_dir(), bundled=bundled_pack_dir())
    tool = open_tool(qtbot, window, "self-test", "self-test")
    assert isinstance(tool, SelfTestWindow)
    first = tool.current
    assert first is not None
    answer(qtbot, tool, right=True)
    assert "Right." in tool.feedback.toPlainText()
    qtbot.mouseClick(tool.next_button, Qt.MouseButton.LeftButton)
    second = tool.current
    assert second is not None and second.id != first.id
    answer(qtbot, tool, right=False)
    assert f"the answer is {second.right.label}" in tool.feedback.toPlainText()
    assert "Score: 1 of 2 answered right · missed: 1" in tool.score_label.text()
    click_link(qtbot, tool.feedback, f"hfs://entity/{second.pages[0]}")
    qtbot.waitUntil(lambda: window.current_entity() == second.pages[0])
    assert record_path(window.config.data_dir).is_file()

    window.close()  # a restart keeps the score
    again = make_window(bundled_pack_dir(), bundled=bundled_pack_dir())
    again.show_self_test()
    tool = again.tool_window("self-test")  # type: ignore[assignment]
    assert isinstance(tool, SelfTestWindow)
    assert "Score: 1 of 2 answered right · missed: 1" in tool.score_label.text()
    qtbot.mouseClick(tool.review_button, Qt.MouseButton.LeftButton)
    assert tool.current is not None and tool.current.id == second.id

    asked: list[str] = []

    def confirm(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", confirm)
    clear = tool.findChild(QPushButton, "clear-score")
    assert clear is not None
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert asked and "Forget every answer" in asked[0]
    assert tool.score_label.text() == "No answers yet"
    assert not tool.review_button.isEnabled()


def test_tools_wait_for_a_pack_with_what_they_need(qtbot: QtBot, window: MainWindow) -> None:
    """The starter pack has no differential table: the status bar says so, no window."""
    press(qtbot, window, "differential")
    assert window.tool_window("differential") is None
    assert "no differential table" in window.statusBar().currentMessage()


def test_dark_theme_reaches_the_tools(qtbot: QtBot, hfs: MainWindow) -> None:
    from hfs_desktop.gui.theme import ui_colours

    hfs.set_theme("light")
    hfs.show_differential()
    hfs.show_self_test()
    ddx, quiz = hfs.tool_window("differential"), hfs.tool_window("self-test")
    assert isinstance(quiz, SelfTestWindow) and ddx is not None and not ddx.dark
    hfs.set_theme("dark")
    assert ddx.dark and quiz.dark
    dark = ui_colours(True)
    assert all(dark.button in b.styleSheet() and dark.text in b.styleSheet()
               for b in quiz.option_buttons)  # never dark words on a light button
    flag = ddx.findChild(QCheckBox, "hfs/red-flag-facial-numbness")
    assert flag is not None and flag.font().bold() and not flag.styleSheet()


def test_closing_the_window_while_a_check_runs_waits_for_it(qtbot: QtBot,
                                                             hfs: MainWindow) -> None:
    from hfs_desktop.gui.article_check import ArticleCheckWindow
    from hfs_desktop.gui.task import Task

    hfs.show_article_check()
    tool = hfs.tool_window("check")
    assert isinstance(tool, ArticleCheckWindow)
    tool.set_text(ARTICLE * 300)
    tool.run_check()
    assert tool.busy and tool.status.text() == "Checking…"
    hfs.shutdown()  # closes the tools: the thread ends before anything is destroyed
    assert not any(task.isRunning() for task in tool.findChildren(Task))


@pytest.mark.parametrize(("action", "name"), [("check-article", "check"),
                                              ("differential", "differential"),
                                              ("self-test", "self-test")])
def test_each_tool_window_fits_the_screen(qtbot: QtBot, hfs: MainWindow, action: str,
                                          name: str) -> None:
    """A tool's window, with room for a title bar, stays inside the screen's free area
    (a window taller than a laptop's 768 pixels loses its title bar above the screen)."""
    tool = open_tool(qtbot, hfs, action, name)
    free = tool.screen().availableGeometry()
    assert tool.width() <= free.width() and tool.height() + 40 <= free.height()
