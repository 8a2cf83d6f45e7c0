"""The runs without a reader: ``--screenshot`` (a picture of the loaded window) and
``--smoke`` (time to interactive, then every feature once: see `smoke`).

Both start from default settings in a scratch folder, leave the user's settings, bookmarks
and history alone (they share only the search index cache), and exit 1 when they could not
do what was asked: the pack or search failed to load, a search failed, the page asked for
does not exist, the picture could not be written, or the run timed out.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from .main_window import MainWindow
from .session import StartOptions, apply_start_options, say, show_window
from .settings import Config, Settings

EXIT_OK, EXIT_INVALID = 0, 1
SMOKE_QUERY = "hemifacial"
TIMEOUT_MS = 60_000
SETTLE_MS = 150
"""Time for layouts and the results list to repaint before the picture is taken."""
DEFAULT_SIZE = (1280, 800)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into a widget as the keyboard does: a key press and release per
    character. (Not QTest.keyClicks: loading QtTest, which a reader's typing never does,
    cost the measured time to interactive 5-10 ms.)"""
    for char in text:
        key = Qt.Key(ord(char.upper())) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                     char))


class BatchRun:
    """One screenshot or smoke run on its own window; :attr:`code` is its exit code."""

    def __init__(self, app: QApplication, config: Config, pack_dirs: Path | list[Path],
                 options: StartOptions, *, bundled: Path | None = None,
                 screenshot: Path | None = None,
                 smoke: bool = False, theme: str | None = None, depth: int | None = None,
                 started: float | None = None) -> None:
        self.app = app
        self.options = options
        self.screenshot = screenshot
        self.smoke = smoke
        self.started = started if started is not None else time.perf_counter()
        self.code = EXIT_OK
        self.finished = False
        self._smoked = False
        self._scratch = tempfile.TemporaryDirectory(prefix="hfs-desktop-")
        scratch = Path(self._scratch.name)
        config = Config(scratch / "settings.ini", scratch / "data", config.cache_dir)
        try:
            settings = Settings(config)
            if theme:
                settings.theme = theme
            if depth:
                settings.graph_depth = depth
            self.window = MainWindow(config, settings, pack_dirs, bundled=bundled,
                                     remember=False)
        except BaseException:
            self._scratch.cleanup()
            raise
        self.window.search_ready.connect(self._on_search_ready)
        self.window.ready.connect(self._on_ready)
        self.window.load_failed.connect(self._on_failed)
        self.window.search_panel.search_failed.connect(self._on_search_failed)

    def run(self, size: tuple[int, int] | None = None) -> int:
        """Show the window, wait for the run to end, clean up; the exit code."""
        # Tied to the window: a run that ended (tests run several in one process) leaves no
        # timer behind to fire later.
        QTimer.singleShot(TIMEOUT_MS, self.window, self._timeout)
        show_window(self.window, size or DEFAULT_SIZE)
        self.app.exec()
        if not self.finished:  # the loop ended otherwise (an internal error: see crash.py)
            self.code = self.code or EXIT_INVALID
            self.window.shutdown()
        self.window.deleteLater()
        self._scratch.cleanup()
        return self.code

    def finish(self, code: int) -> None:
        if self.finished:
            return
        self.code, self.finished = code, True
        self.window.shutdown()
        self.window.hide()
        self.app.exit(code)

    def fail(self, message: str) -> None:
        say(message)
        self.finish(EXIT_INVALID)

    # -- steps -----------------------------------------------------------------------------

    def _on_search_ready(self) -> None:
        panel = self.window.search_panel
        if not panel.ready:
            self.fail(f"search is unavailable: {panel.status.text()}")
            return
        if not self.smoke:
            return
        # Time to interactive: typing lists results (pages may still be loading).
        panel.results_shown.connect(self._smoke_results)
        self.window.focus_search()
        type_text(panel.field, SMOKE_QUERY)
        panel.run_query()  # no need to wait for the typing pause

    def _smoke_results(self, count: int) -> None:
        if count <= 0 or self._smoked:
            return
        self._smoked = True
        elapsed = time.perf_counter() - self.started
        print(f"hfs-desktop: interactive in {elapsed:.3f} s "
              f"({count} results for {SMOKE_QUERY!r})", flush=True)
        from .smoke import run_when_ready

        run_when_ready(self.window, self.finish)  # then page, graph, PDF...: see smoke.py

    def _on_ready(self) -> None:
        if self.smoke:
            return
        if self.options.search and self.screenshot is not None:
            self.window.search_panel.results_shown.connect(
                lambda _n: self._when_settled(self._take_screenshot))
        problem = apply_start_options(self.window, self.options, restore=False)
        if problem:
            self.fail(problem)
        elif self.screenshot is not None and not self.options.search:
            self._when_settled(self._take_screenshot)

    def _on_failed(self, message: str) -> None:
        self.fail(message)

    def _on_search_failed(self, message: str) -> None:
        self.fail(message)

    def _timeout(self) -> None:
        if not self.finished:
            self.fail("timed out waiting for the window to load")

    def _when_settled(self, func: Callable[[], None]) -> None:
        QTimer.singleShot(SETTLE_MS, self.window, func)

    def _take_screenshot(self) -> None:
        if self.finished or self.screenshot is None:
            return
        path = self.screenshot
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.fail(f"cannot write {path}: {exc.strerror or exc}")
            return
        if not self.window.grab().save(str(path)):
            self.fail(f"cannot write {path}")
            return
        print(path)
        self.finish(EXIT_OK)
