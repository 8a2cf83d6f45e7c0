"""What survives a restart: bookmarks, zoom, last page, window geometry, filter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
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
    assert [b["id"] for b in saved] == ["starter/botulinum-toxin", "starter/hemifacial-spasm"]

    second = make_window()
    lst = second.bookmark_list
    assert [lst.item(i).text() for i in range(lst.count())] == [
        "Botulinum toxin injections", "Hemifacial spasm"]
    lst.itemActivated.emit(lst.item(0))
    assert second.current_entity() == "starter/botulinum-toxin"


def test_remove_a_bookmark(qtbot: QtBot, config: Config, make_window: WindowFactory) -> None:
    window = make_window()
    for entity_id in ("botulinum-toxin", "carbamazepine"):
        window.open_entity(entity_id)
        window.add_bookmark()
    window.actions_by_id["bookmark-remove"].trigger()  # the current page
    assert Bookmarks(config.data_dir).ids() == ["starter/botulinum-toxin"]
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
    assert second.current_entity() == "starter/carbamazepine"
    assert second.search_panel.hide_unproven.isChecked()


def test_history_list_survives_a_restart(make_window: WindowFactory) -> None:
    first = make_window()
    first.open_entity("hemifacial-spasm")
    first.open_entity("facial-nerve")
    first.close()
    second = make_window()
    assert second.recent.ids()[:2] == ["starter/facial-nerve", "starter/hemifacial-spasm"]
    assert second.history_list.count() == 2


def test_a_page_opened_is_on_disk_before_the_window_closes(config: Config,
                                                           make_window: WindowFactory) -> None:
    window = make_window()
    window.open_entity("hemifacial-spasm")
    window.open_entity("botulinum-toxin")
    assert window.isVisible()
    recent = json.loads((config.data_dir / "history.json").read_text(encoding="utf-8"))
    assert recent[:2] == ["starter/botulinum-toxin", "starter/hemifacial-spasm"]
    assert config.settings_file is not None
    on_disk = QSettings(str(config.settings_file), QSettings.Format.IniFormat)
    assert on_disk.value("session/last_page") == "starter/botulinum-toxin"
    window.actions_by_id["zoom-in"].trigger()
    on_disk = QSettings(str(config.settings_file), QSettings.Format.IniFormat)
    assert str(on_disk.value("view/zoom")) == "1"
    assert sorted(p.name for p in config.data_dir.iterdir()) == ["history.json"]


def test_window_size_is_saved_soon_after_a_change(qtbot: QtBot, config: Config,
                                                  make_window: WindowFactory) -> None:
    window = make_window()
    window.resize(760, 540)
    assert config.settings_file is not None

    def saved() -> bool:
        value = QSettings(str(config.settings_file), QSettings.Format.IniFormat).value(
            "window/geometry")
        return isinstance(value, QByteArray) and value == window.saveGeometry()

    qtbot.waitUntil(saved, timeout=5000)
    assert window.isVisible()


def _answer(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` in the confirmation once it is open."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "confirm-clear"
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        box.button(button).click()

    QTimer.singleShot(0, click)


def test_clearing_history_asks_first_then_forgets_everything(
        config: Config, make_window: WindowFactory) -> None:
    window = make_window()
    for entity_id in ("hemifacial-spasm", "botulinum-toxin"):
        window.open_entity(entity_id)
        window.add_bookmark()
    action = window.actions_by_id["clear-history"]
    assert action.text().replace("&", "").startswith("Clear history and bookmarks")
    assert action in window.menuBar().actions()[0].menu().actions()  # the File menu

    _answer(QMessageBox.StandardButton.No)
    action.trigger()
    assert window.bookmarks.ids() == ["starter/hemifacial-spasm", "starter/botulinum-toxin"]
    assert window.history_list.count() == 2

    window.search_panel.field.setText("botox")
    _answer(QMessageBox.StandardButton.Yes)
    action.trigger()
    assert window.search_panel.field.text() == ""
    assert window.current_entity() is None and not window.history.can_back()
    assert window.history_list.count() == 0 and window.bookmark_list.count() == 0
    assert not window.actions_by_id["back"].isEnabled()
    assert window.windowTitle() == "HFS Desktop"
    assert json.loads((config.data_dir / "history.json").read_text(encoding="utf-8")) == []
    assert json.loads((config.data_dir / "bookmarks.json").read_text(encoding="utf-8")) == []
    window.close()
    again = make_window()
    assert again.recent.ids() == [] and again.bookmarks.ids() == []
    assert not again.restore_last_page()


def test_pdf_and_print_propose_the_same_folder_and_remember_it(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        make_window: WindowFactory) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from hfs_desktop.gui import printing

    window = make_window()
    window.open_entity("botulinum-toxin")
    documents = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))
    expected = documents if documents.is_dir() else Path.home()
    proposed: list[str] = []
    target = tmp_path / "handouts" / "page.pdf"
    target.parent.mkdir()

    def save_dialog(_parent: object, _title: str, path: str, _filter: str) -> tuple[str, str]:
        proposed.append(path)
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)  # Qt's modal dialog
    window.actions_by_id["export-pdf"].trigger()
    assert proposed == [str(expected / "botulinum-toxin.pdf")]
    assert target.is_file() and target.stat().st_size > 0

    # The next PDF, and Print to a file, propose the folder used last.
    window.actions_by_id["export-pdf"].trigger()
    assert Path(proposed[-1]).parent == target.parent
    printer = QPrinter()
    dialog = printing.print_dialog(printer, window, window.proposed_file())
    field = dialog.findChild(QLineEdit, "filename")
    if field is not None:  # Qt's own dialog (not a platform one)
        assert Path(field.text()).parent == target.parent
    dialog.deleteLater()
    assert window.settings.last_folder == str(target.parent)
