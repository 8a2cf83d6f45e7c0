"""Unexpected errors: written to a log in the user's data folder, never lost, never a
traceback on screen.

An uncaught exception, in the GUI thread or another, is appended to ``crash.log`` with its
traceback. In the window a dialog names it and the log's path (keep working, or quit); in a
batch run (``--screenshot``, ``--smoke``) one line is printed and the run exits 1.
Errors logged by the app (a failed search) are appended to the same file; ``faulthandler``
writes hard crashes (a segfault in Qt) to ``fatal.log`` beside it.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

CRASH_LOG = "crash.log"
FATAL_LOG = "fatal.log"
MAX_LOG_BYTES = 1 << 20
"""A crash log larger than this is moved aside (crash.log.1) before the next report."""
EXIT_CRASH = 1


def summary(exc: BaseException) -> str:
    """The exception in one line: its type and message."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def write_report(log_dir: Path, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None, where: str) -> Path:
    """Append the exception and its traceback to the crash log; its path (raises OSError)."""
    from .. import __version__

    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / CRASH_LOG
    if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
        path.replace(path.with_name(CRASH_LOG + ".1"))
    stamp = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    head = (f"=== {stamp}: HFS Desktop {__version__}, Python {sys.version.split()[0]}, "
            f"{sys.platform}, {where}\n")
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    with path.open("a", encoding="utf-8") as out:
        out.write(head + text + "\n")
    return path


class CrashHandler(QObject):
    """Installs ``sys.excepthook`` and ``threading.excepthook`` (and faulthandler) for one
    run; :meth:`uninstall` puts back what was there."""

    _report = Signal(str, str)  # summary, log path: carried to the GUI thread

    def __init__(self, log_dir: Path, *, batch: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_dir = log_dir
        self.batch = batch
        self.crashes: list[str] = []  # a summary of each error caught
        self.dialog: QMessageBox | None = None
        self._previous: tuple[Any, Any] | None = None
        self._fatal: IO[str] | None = None
        self._logged: logging.Handler | None = None
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # -- installing ------------------------------------------------------------------------

    def install(self) -> CrashHandler:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook
        try:
            self.log_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return self  # the hooks still tell the user; there is just no log to keep
        # Errors caught and logged elsewhere (a failed search) go to the same file.
        self._logged = logging.FileHandler(self.log_dir / CRASH_LOG, encoding="utf-8",
                                           delay=True)
        self._logged.setLevel(logging.ERROR)
        self._logged.setFormatter(logging.Formatter(
            "=== %(asctime)s: %(name)s: %(message)s"))
        logging.getLogger().addHandler(self._logged)
        if not faulthandler.is_enabled():  # else someone chose where it writes (pytest, -X)
            try:
                self._fatal = (self.log_dir / FATAL_LOG).open("a", encoding="utf-8")
                faulthandler.enable(self._fatal)
            except OSError:
                self._fatal = None
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None
        if self._logged is not None:
            logging.getLogger().removeHandler(self._logged)
            self._logged.close()
            self._logged = None
        if self._fatal is not None:
            faulthandler.disable()
            self._fatal.close()
            self._fatal = None
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    # -- hooks -----------------------------------------------------------------------------

    def _sys_hook(self, exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> None:
        self.handle(exc_type, exc, tb, "main thread")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    def handle(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None, where: str) -> None:
        """Log one uncaught exception and tell the user (dialog, or one line in a batch)."""
        if issubclass(exc_type, KeyboardInterrupt) and self._previous is not None:
            self._previous[0](exc_type, exc, tb)
            return
        line, path = self._record(exc_type, exc, tb, where)
        if self.batch or QApplication.instance() is None:
            details = f" (details in {path})" if path else ""
            print(f"hfs-desktop: internal error: {line}{details}", file=sys.stderr, flush=True)
            if self.batch:
                QCoreApplication.exit(EXIT_CRASH)
            return
        if threading.current_thread() is threading.main_thread():
            self._show(line, path)
        else:
            self._report.emit(line, path)

    def fatal(self, exc: BaseException) -> None:
        """An error that stopped the start-up: logged, printed in one line and, in the
        window's run, shown in a dialog that waits for the user (there is no window)."""
        line, path = self._record(type(exc), exc, exc.__traceback__, "start-up")
        details = f" (details in {path})" if path else ""
        print(f"hfs-desktop: internal error: {line}{details}", file=sys.stderr, flush=True)
        if not self.batch and QApplication.instance() is not None:
            crash_dialog(None, line, path).exec()

    def _record(self, exc_type: type[BaseException], exc: BaseException,
                tb: TracebackType | None, where: str) -> tuple[str, str]:
        """Log the exception; its one-line summary and the log's path ("" if unwritable)."""
        line = summary(exc)
        self.crashes.append(line)
        try:
            return line, str(write_report(self.log_dir, exc_type, exc, tb, where))
        except OSError as error:
            print(f"hfs-desktop: cannot write the crash log in {self.log_dir}: "
                  f"{error.strerror or error}", file=sys.stderr, flush=True)
            return line, ""

    # -- the dialog ------------------------------------------------------------------------

    @Slot(str, str)
    def _show(self, line: str, path: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog at a time: every error is in the log anyway
        parent = QApplication.activeWindow()
        self.dialog = crash_dialog(parent, line, path)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    def _answered(self, _result: int) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if dialog.clickedButton() is dialog.button(QMessageBox.StandardButton.Close):
            QCoreApplication.exit(EXIT_CRASH)


def crash_dialog(parent: QWidget | None, line: str, path: str) -> QMessageBox:
    """Name the error and the log with its details; Keep working (default) or Quit."""
    box = QMessageBox(parent)
    box.setObjectName("crash-dialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("HFS Desktop: unexpected error")
    box.setText(f"Something went wrong inside HFS Desktop:\n{line}")
    where = (f"The details were saved to\n{path}\nPlease send that file, with a note of what "
             "you were doing, to whoever looks after this computer."
             if path else "The details could not be saved (the data folder is not writable).")
    box.setInformativeText(where + "\n\nYou can keep working; if something looks wrong, quit "
                                   "and start the app again.")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    keep = box.addButton("Keep working", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close).setText("Quit")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    return box
