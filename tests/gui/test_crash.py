"""Unexpected errors: logged with their traceback in the user's data folder, then a dialog
naming the log (in the window) or one line and exit 1 (in a batch run)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.app import main
from hfs_desktop.gui.crash import CRASH_LOG, FATAL_LOG, CrashHandler
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.settings import Config

from ..helpers import only

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]


@pytest.fixture
def handler(tmp_path: Path) -> Iterator[CrashHandler]:
    crash = CrashHandler(tmp_path / "logs").install()
    yield crash
    crash.uninstall()


def _boom() -> NoReturn:
    raise ZeroDivisionError("planted")


def _shown(qtbot: QtBot, handler: CrashHandler) -> QMessageBox:
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible(),
                    timeout=10_000)
    assert handler.dialog is not None
    return handler.dialog


def test_an_error_in_the_window_is_logged_and_named(qtbot: QtBot, handler: CrashHandler,
                                                    tmp_path: Path) -> None:
    QTimer.singleShot(0, _boom)  # raised inside the event loop, as a slot's error would be
    dialog = _shown(qtbot, handler)
    log = tmp_path / "logs" / CRASH_LOG
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: planted" in text
    assert "main thread" in text
    assert "ZeroDivisionError: planted" in dialog.text()
    assert str(log) in dialog.informativeText()
    keep = dialog.defaultButton()
    assert keep is not None and keep.text() == "Keep working"
    keep.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert handler.crashes == ["ZeroDivisionError: planted"]


def test_an_error_in_another_thread_is_shown_in_the_gui_thread(
        qtbot: QtBot, handler: CrashHandler, tmp_path: Path) -> None:
    thread = threading.Thread(target=_boom, name="planted-worker")
    thread.start()
    thread.join()
    dialog = _shown(qtbot, handler)
    assert "thread planted-worker" in (tmp_path / "logs" / CRASH_LOG).read_text("utf-8")
    dialog.defaultButton().click()


def test_uninstall_puts_the_hooks_back(tmp_path: Path) -> None:
    before = (sys.excepthook, threading.excepthook)
    crash = CrashHandler(tmp_path).install()
    assert sys.excepthook != before[0]
    crash.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_a_batch_run_prints_one_line_and_exits_1(
        tmp_path: Path, config: Config, starter_pack: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_args: object, **_kwargs: object) -> NoReturn:
        raise RuntimeError("planted")

    monkeypatch.setattr(MainWindow, "open_entity", broken)
    code = main([*only(starter_pack), "--open", "hemifacial-spasm",
                 "--screenshot", str(tmp_path / "x.png")], config=config)
    assert code == 1
    err = capsys.readouterr().err
    log = config.data_dir / "logs" / CRASH_LOG
    assert err == f"hfs-desktop: internal error: RuntimeError: planted (details in {log})\n"
    assert "RuntimeError: planted" in log.read_text(encoding="utf-8")
    assert not (tmp_path / "x.png").exists()


def test_faulthandler_writes_a_hard_crash_to_the_data_folder(tmp_path: Path) -> None:
    probe = ("import faulthandler, sys\nfrom pathlib import Path\n"
             "from hfs_desktop.gui.crash import CrashHandler\n"
             "CrashHandler(Path(sys.argv[1])).install()\n"
             "faulthandler._sigsegv()\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "logs")], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert "Fatal Python error" in (tmp_path / "logs" / FATAL_LOG).read_text("utf-8")


@pytest.mark.error_logged
def test_errors_logged_elsewhere_go_to_the_crash_log(handler: CrashHandler,
                                                     tmp_path: Path) -> None:
    import logging

    try:
        _boom()
    except ZeroDivisionError:
        logging.getLogger("hfs_desktop.gui.worker").exception("search failed: planted")
    text = (tmp_path / "logs" / CRASH_LOG).read_text(encoding="utf-8")
    assert "hfs_desktop.gui.worker: search failed: planted" in text
    assert "ZeroDivisionError: planted" in text


def test_an_error_during_start_up_is_logged_and_named(
        tmp_path: Path, config: Config, starter_pack: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_args: object, **_kwargs: object) -> NoReturn:
        raise RuntimeError("planted")

    monkeypatch.setattr(MainWindow, "__init__", broken)
    code = main([*only(starter_pack), "--smoke"], config=config)
    assert code == 1
    log = config.data_dir / "logs" / CRASH_LOG
    assert capsys.readouterr().err == (
        f"hfs-desktop: internal error: RuntimeError: planted (details in {log})\n")
    assert "start-up" in log.read_text(encoding="utf-8")
