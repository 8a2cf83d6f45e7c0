"""The Packs dialog on real widgets: add, replace, remove, the same pack twice refused, a
broken pack.yaml named, the changelog shown, the choice remembered and opened."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.app import main
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.packs_dialog import PacksDialog
from hfs_desktop.gui.session import Session, StartOptions
from hfs_desktop.gui.settings import Config, Settings
from hfs_desktop.packset import PackSet
from hfs_desktop.paths import bundled_pack_dir

from ..helpers import write
from ..test_packset import make_pack
from ..twopacks import write_hpo_like
from .conftest import LOAD_TIMEOUT_MS, WindowFactory

pytestmark = pytest.mark.gui


def rows(dialog: PacksDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.topLevelItem(r).text(c) for c in range(table.columnCount())]
            for r in range(table.topLevelItemCount())]


def pick(dialog: PacksDialog, folder: Path) -> None:
    """The folder the (platform's) folder chooser will answer with."""
    dialog.choose_folder = lambda _parent, _caption, _start: str(folder)


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select(dialog: PacksDialog, row: int) -> None:
    dialog.table.setCurrentItem(dialog.table.topLevelItem(row))


@pytest.fixture
def dialog(qtbot: QtBot, window: MainWindow) -> Iterator[PacksDialog]:
    """The dialog of a window on the starter pack (its folder: the one pack open)."""
    made = window.packs_dialog()
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.close()


def test_the_key_opens_the_dialog_listing_the_open_pack(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    window.actions_by_id["packs"].trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, PacksDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    shown = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PacksDialog))
    assert rows(shown) == [["Starter pack", "1.0.0", "Reviewed", "2026-11-22",
                            str(window.pack_dir)]]
    assert not shown.bundled_box.isChecked()
    assert "Hemifacial spasm" in shown.bundled_box.text()
    assert "pack id “starter”" in shown.details.text()
    shown.reject()


def test_add_a_pack_then_remove_it(qtbot: QtBot, dialog: PacksDialog, tmp_path: Path) -> None:
    hpo = make_pack(tmp_path / "hpo", kind="imported")
    pick(dialog, hpo)
    click(qtbot, dialog.add_button)
    assert rows(dialog)[1] == ["Human Phenotype Ontology", "1.1.0", "Imported", "2026-11-01",
                               str(hpo)]
    assert dialog.notice_text() == "Added Human Phenotype Ontology 1.1.0 (imported)."
    assert dialog.table.currentItem() is dialog.table.topLevelItem(1)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert len(rows(dialog)) == 1 and dialog.notice_text().startswith("Removed Human")


def test_replace_with_older_then_newer(qtbot: QtBot, dialog: PacksDialog,
                                       tmp_path: Path) -> None:
    pick(dialog, make_pack(tmp_path / "hpo-1.1"))
    click(qtbot, dialog.add_button)
    select(dialog, 1)
    pick(dialog, make_pack(tmp_path / "hpo-1.0", version="1.0.0"))
    click(qtbot, dialog.replace_button)
    assert "version 1.0.0 is older than the open 1.1.0" in dialog.notice_text()
    assert "#b3261e" in dialog.notice.text()  # a warning, in red
    assert rows(dialog)[1][1] == "1.0.0"
    pick(dialog, make_pack(tmp_path / "hpo-1.2", version="1.2.0"))
    click(qtbot, dialog.replace_button)
    assert "version 1.2.0 is newer than the open 1.0.0" in dialog.notice_text()
    assert "#b3261e" not in dialog.notice.text()
    assert [r[4] for r in rows(dialog)][1] == str(tmp_path / "hpo-1.2")


def test_the_same_pack_twice_is_refused(qtbot: QtBot, dialog: PacksDialog,
                                        window: MainWindow, tmp_path: Path) -> None:
    copy = tmp_path / "usb" / "starter"
    shutil.copytree(window.pack_dir, copy)
    pick(dialog, copy)
    click(qtbot, dialog.add_button)
    assert str(window.pack_dir) in dialog.notice_text() and str(copy) in dialog.notice_text()
    assert len(rows(dialog)) == 1


def test_a_broken_pack_yaml_is_named_with_its_line(qtbot: QtBot, dialog: PacksDialog,
                                                   tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    write(broken / "pack.yaml", "id: x\nname: [Broken\nversion: 1.0\n")
    pick(dialog, broken)
    click(qtbot, dialog.add_button)
    assert dialog.notice_text().startswith(f"Not opened: {broken / 'pack.yaml'}:3:")
    assert "YAML syntax" in dialog.notice_text() and len(rows(dialog)) == 1


def test_the_bundled_pack_and_its_changelog(qtbot: QtBot, dialog: PacksDialog) -> None:
    dialog.bundled_box.setChecked(True)
    assert rows(dialog)[0][:3] == ["Hemifacial spasm", "1.1.1", "Reviewed"]
    assert rows(dialog)[0][4] == "bundled with the app"
    select(dialog, 0)
    click(qtbot, dialog.changelog_button)
    shown = dialog.changelog
    assert shown is not None
    qtbot.waitExposed(shown)
    heading = shown.findChild(QLabel, "changelog-heading")
    assert "Version <b>1.1.1</b>" in heading.text() and "2026-11-23" in heading.text()
    browser = shown.findChild(QTextBrowser, "changelog-browser")
    text = browser.toPlainText()
    assert "1.1.1 (last reviewed 2026-11-23)" in text and "##" not in text  # rendered
    bar = browser.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0  # long: it scrolls, from the newest
    shown.reject()


def test_no_changelog_is_said(qtbot: QtBot, dialog: PacksDialog) -> None:
    click(qtbot, dialog.changelog_button)  # the starter pack has none
    assert dialog.changelog is not None
    browser = dialog.changelog.findChild(QTextBrowser, "changelog-browser")
    assert "no changelog" in browser.toPlainText()
    dialog.changelog.reject()


def test_ok_is_off_with_no_pack_left(qtbot: QtBot, dialog: PacksDialog) -> None:
    click(qtbot, dialog.remove_button)
    assert rows(dialog) == [] and "No pack is chosen" in dialog.details.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.accept()  # even if it were pressed
    assert dialog.isVisible() and "at least one" in dialog.notice_text()


def test_the_choice_is_saved_and_shown_in_a_new_window(
        qtbot: QtBot, config: Config, make_window: WindowFactory, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_window()
    dialog = first.packs_dialog()
    dialog.show()
    hpo = write_hpo_like(tmp_path / "hpo")
    pick(dialog, hpo)
    click(qtbot, dialog.add_button)
    dialog.bundled_box.setChecked(True)
    with qtbot.waitSignal(first.reopen_requested) as reopened, \
            qtbot.waitSignal(dialog.pack_set_chosen) as chosen:
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert chosen.args == [PackSet((first.pack_dir, hpo), include_bundled=True)]
    assert reopened.args == [[bundled_pack_dir(), first.pack_dir, hpo]]
    assert "Opening 3 packs" in first.statusBar().currentMessage()
    assert Settings(config).pack_set == chosen.args[0]  # remembered for the next start

    second = make_window(reopened.args[0])  # the window the Session opens on them
    qtbot.waitUntil(lambda: second.is_ready, timeout=LOAD_TIMEOUT_MS)
    assert second.library is not None
    names = ["Hemifacial spasm", "Starter pack", "Human Phenotype Ontology (test)"]
    assert [p.name for p in second.library.packs] == names
    again = second.packs_dialog()
    assert [r[0] for r in rows(again)] == names
    assert again.bundled_box.isChecked()
    again.deleteLater()


def test_one_pack_chosen_reopens_the_window_on_it(qtbot: QtBot, config: Config,
                                                  starter_pack: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(starter_pack, other)
    meta = other / "pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "id: starter\nname: Starter pack\nversion: 1.0.0",
        "id: other\nname: Other pack\nversion: 2.0.0"), encoding="utf-8")
    session = Session(config, starter_pack, StartOptions(), bundled=bundled_pack_dir())
    try:
        qtbot.waitUntil(lambda: session.window is not None and session.window.is_ready,
                        timeout=LOAD_TIMEOUT_MS)
        first = session.window
        assert first is not None
        dialog = first.packs_dialog()
        dialog.show()
        pick(dialog, other)
        click(qtbot, dialog.add_button)
        select(dialog, 0)
        click(qtbot, dialog.remove_button)  # only "other" is left
        dialog.accept()
        qtbot.waitUntil(lambda: session.window is not first and session.window is not None
                        and session.window.is_ready, timeout=LOAD_TIMEOUT_MS)
        assert session.window is not None and session.window.pack_dir == other
        assert session.window.pack_button.text() == "Other pack 2.0.0"
    finally:
        session.close()


def test_about_the_pack_shows_version_and_changelog(qtbot: QtBot,
                                                    window: MainWindow) -> None:
    assert window.pack_button.isVisible() and window.pack_button.text() == "Starter pack 1.0.0"
    about = window.pack_about_dialog()
    heading = about.findChild(QLabel, "changelog-heading")
    assert "Version <b>1.0.0</b>" in heading.text() and "2026-11-22" in heading.text()
    about.deleteLater()
    assert window.actions_by_id["pack-about"] in window.menuBar().actions()[-1].menu().actions()



def test_settings_keep_the_choice_as_plain_strings(config: Config, tmp_path: Path) -> None:
    settings = Settings(config)
    assert settings.pack_set is None  # never chosen: the app opens the bundled pack
    settings.pack_set = PackSet((tmp_path / "a b", tmp_path / "c"), include_bundled=False)
    assert Settings(config).pack_set == PackSet((tmp_path / "a b", tmp_path / "c"), False)
    settings.pack_set = PackSet()  # fewer folders: the old ones are gone
    assert Settings(config).pack_set == PackSet()
    text = config.settings_file.read_text(encoding="utf-8") if config.settings_file else ""
    assert "include_bundled=true" in text and str(tmp_path / "c") not in text


def test_hfs_desktop_starts_on_the_pack_chosen_last_time(config: Config,
                                                         starter_pack: Path) -> None:
    """The whole command without --pack: the saved choice, not the bundled pack."""
    Settings(config).pack_set = PackSet((starter_pack,), include_bundled=False)
    opened: list[Path] = []

    def quit_when_ready() -> None:
        ready = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, MainWindow) and w.is_ready]
        if not ready:
            QTimer.singleShot(50, quit_when_ready)
            return
        opened.append(ready[0].pack_dir)
        ready[0].quit()

    QTimer.singleShot(0, quit_when_ready)
    assert main([], config=config) == 0
    assert opened == [starter_pack]


def test_a_pack_folder_gone_since_stays_listed_with_why(
        qtbot: QtBot, config: Config, make_window: WindowFactory, tmp_path: Path) -> None:
    window = make_window()
    gone = tmp_path / "usb" / "hpo"
    Settings(config).pack_set = PackSet((window.pack_dir, gone), include_bundled=False)
    dialog = window.packs_dialog()
    assert rows(dialog)[1] == ["Cannot be read", "", "", "", str(gone)]
    select(dialog, 1)
    assert "cannot be read now: no folder at" in dialog.details.text()
    assert not dialog.changelog_button.isEnabled() and dialog.replace_button.isEnabled()
    pick(dialog, make_pack(tmp_path / "copy" / "hpo"))
    click(qtbot, dialog.replace_button)
    assert rows(dialog)[1][0] == "Human Phenotype Ontology"
    dialog.deleteLater()
