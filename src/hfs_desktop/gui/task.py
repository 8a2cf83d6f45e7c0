"""One piece of slow work off the GUI thread, with a callback for its result and one for its
failure (Anki's operations style), both called on the GUI thread.

    task = Task(lambda: library.check_article(text), parent)
    task.succeeded.connect(show); task.failed.connect(say)
    task.start()

The owner calls `stop` before it is destroyed (a running QThread must not be).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class Task(QThread):
    """Runs ``work`` once in its own thread; ``succeeded(result)`` or ``failed(message)``."""

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None,
                 name: str = "hfs-task") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # the user reads the cause; nothing is lost
            self.failed.emit(f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc))
            return
        self.succeeded.emit(result)

    def stop(self, timeout_ms: int = 10000) -> None:
        if self.isRunning():
            self.wait(timeout_ms)
