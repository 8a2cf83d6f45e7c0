"""A broken pack: the cause first in a readable, copyable dialog, which opens the bundled
pack instead, or quits (issue 10, defect 8)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.app import main
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.pack_error import PackErrorDialog
from hfs_desktop.gui.session import Session, StartOptions
from hfs_desktop.gui.settings import Config
from hfs_desktop.paths import bundled_pack_dir

from .conftest import LOAD_TIMEOUT_MS

pytestmark = pytest.mark.gui


@pytest.fixture
def broken_pack(pack_copy: Path) -> Path:
    """The starter pack with one YAML syntax error, which leaves ids undefined elsewhere."""
    treatments = pack_copy / "entities" / "treatments.yaml"
    text = treatments.read_text(encoding="utf-8")
    treatments.write_text(text.replace("    name: Botulinum toxin injections",
                                       "    name: [Botulinum toxin injections", 1),
                          encoding="utf-8")
    return pack_copy


@pytest.fixture
def sessions() -> Iterator[list[Session]]:
    made: list[Session] = []
    yield made
    for session in made:
        session.close()


def _dialog(qtbot: QtBot, session: Session) -> PackErrorDialog:
    qtbot.waitUntil(lambda: session.dialog is not None and session.dialog.isVisible(),
                    timeout=LOAD_TIMEOUT_MS)
    assert session.dialog is not None
    return session.dialog


def test_the_dialog_names_the_cause_first_and_opens_the_bundled_pack(
        qtbot: QtBot, config: Config, broken_pack: Path, sessions: list[Session],
        capsys: pytest.CaptureFixture[str]) -> None:
    session = Session(config, broken_pack, StartOptions(open="botulinum-toxin"),
                      bundled=bundled_pack_dir())
    sessions.append(session)
    dialog = _dialog(qtbot, session)
    lines = dialog.text.toPlainText().splitlines()
    assert len(lines) == 2
    assert "entities/treatments.yaml:5:12: error: YAML syntax" in lines[0]
    assert "reference(s) to undefined ids" in lines[1] and "fix that first" in lines[1]
    assert dialog.text.isReadOnly()
    assert "Traceback" not in capsys.readouterr().err

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.text.toPlainText()
    assert dialog.isVisible()  # copying does not close it

    broken_window = session.window
    assert dialog.open_button is not None
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.window is not broken_window
                    and session.window is not None and session.window.is_ready,
                    timeout=LOAD_TIMEOUT_MS)
    assert session.window is not None and session.window.pack_dir == bundled_pack_dir()
    assert session.window.isVisible() and session.dialog is None
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, MainWindow) and w.isVisible()]
    assert shown == [session.window]  # the broken pack's window is gone


def test_quit_ends_the_run_with_1(qtbot: QtBot, config: Config, broken_pack: Path,
                                  sessions: list[Session]) -> None:
    session = Session(config, broken_pack, StartOptions(), bundled=bundled_pack_dir())
    sessions.append(session)
    dialog = _dialog(qtbot, session)
    with qtbot.waitSignal(session.quit_requested) as quitting:
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert quitting.args == [1]


def test_no_bundled_pack_to_offer_when_the_bundled_pack_is_broken(
        qtbot: QtBot, config: Config, broken_pack: Path, sessions: list[Session]) -> None:
    session = Session(config, broken_pack, StartOptions(), bundled=broken_pack)
    sessions.append(session)
    dialog = _dialog(qtbot, session)
    assert dialog.open_button is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closes the dialog; the window stays
    assert not dialog.isVisible() and session.window is not None
    assert session.window.isVisible()


def test_hfs_desktop_quits_with_1_from_the_dialog(config: Config, broken_pack: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The whole command: the dialog comes up instead of an exit, and Quit ends it."""
    seen: list[PackErrorDialog] = []

    def press_quit() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, PackErrorDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, press_quit)
            return
        seen.append(dialogs[0])
        dialogs[0].quit_button.click()

    QTimer.singleShot(0, press_quit)
    assert main(["--pack", str(broken_pack)], config=config) == 1
    assert seen
    err = capsys.readouterr().err
    assert err.startswith("hfs-desktop: ") and "treatments.yaml:5:12" in err.splitlines()[0]
    assert "Traceback" not in err
