"""The interactive run: a window on a pack with the page and search the command line asked
for; when the pack cannot be loaded, the dialog naming the cause, which offers the bundled
pack instead (or to quit)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from .main_window import GRAPH_TAB, MainWindow
from .pack_error import OPEN_BUNDLED, QUIT, PackErrorDialog
from .settings import Config, Settings

EXIT_INVALID = 1


@dataclass(frozen=True, slots=True)
class StartOptions:
    """What to show once the pack is loaded (``--open``, ``--search``, ``--graph``)."""

    open: str | None = None
    search: str | None = None
    graph: bool = False


def say(message: str) -> None:
    """A message on standard error, each line after the first indented."""
    print("hfs-desktop: " + message.replace("\n", "\n  "), file=sys.stderr, flush=True)


def unknown_entity_message(window: MainWindow, entity_id: str) -> str:
    if window.library is None:
        return f"no entity with id '{entity_id}'"
    return window.library.unknown_message(entity_id)


def apply_start_options(window: MainWindow, options: StartOptions, *,
                        restore: bool) -> str:
    """Open the page asked for, start the search, show the graph (on a loaded window).

    Without a page or a search, ``restore`` reopens the last page read. Returns "" or why
    the page asked for could not be opened.
    """
    opened = False
    if options.open:
        if not window.has_entity(options.open):
            return unknown_entity_message(window, options.open)
        window.open_entity(options.open)
        opened = True
    if options.search:
        window.focus_search()
        window.search_panel.set_query(options.search)
    elif not opened and restore:
        window.restore_last_page()
    if options.graph:
        window.right_tabs.setCurrentIndex(GRAPH_TAB)
    return ""


def show_window(window: MainWindow, size: tuple[int, int] | None) -> None:
    """Show the window and load its pack once it has painted: the loader starts as the
    window's own paint ends, while Qt paints the rest (C++ that leaves the interpreter
    free), rather than after the whole window has painted (10-30 ms later)."""
    window.first_paint.connect(window.start_loading)
    if size is not None:
        window.resize(*size)
    window.show()
    if not window.isVisible():  # pragma: no cover - no paint without a visible window
        QTimer.singleShot(0, window.start_loading)


def _failing_pack(pack_dirs: list[Path], message: str) -> Path:
    """The pack folder a load failure names (its messages start with the folder's name),
    else the last one given."""
    for pack_dir in pack_dirs:
        if str(pack_dir) in message or message.startswith(pack_dir.name + "/"):
            return pack_dir
    return pack_dirs[-1]


class Session(QObject):
    """The window of an interactive run, replaced by one on the bundled pack on request."""

    quit_requested = Signal(int)  # the exit code: the user chose Quit in the error dialog

    def __init__(self, config: Config, packs: Path | list[Path], options: StartOptions, *,
                 size: tuple[int, int] | None = None, bundled: Path | None = None) -> None:
        super().__init__()
        self.config = config
        self.options = options
        self.size = size
        self.bundled = bundled
        self.window: MainWindow | None = None
        self.dialog: PackErrorDialog | None = None
        self._open([packs] if isinstance(packs, Path) else list(packs))

    def _open(self, pack_dirs: list[Path]) -> None:
        window = MainWindow(self.config, Settings(self.config), pack_dirs, bundled=self.bundled)
        window.ready.connect(self._on_ready)
        window.load_failed.connect(self._on_failed)
        window.reopen_requested.connect(self._reopen)
        previous, self.window = self.window, window
        show_window(window, self.size)
        if not self.options.search:
            window.focus_search()
        if previous is not None:
            previous.close()  # saves its state and stops its threads
            previous.deleteLater()

    def _on_ready(self) -> None:
        assert self.window is not None
        problem = apply_start_options(self.window, self.options, restore=True)
        if problem:
            say(problem)
            self.window.statusBar().showMessage(problem[:1].upper() + problem[1:], 15_000)

    def _on_failed(self, message: str) -> None:
        assert self.window is not None
        say(message)
        pack_dirs = self.window.pack_dirs
        bundled = self.bundled
        can_open = (bundled is not None and (bundled / "pack.yaml").is_file()
                    and [p.resolve() for p in pack_dirs] != [bundled.resolve()])
        failed = _failing_pack(pack_dirs, message)
        self.dialog = PackErrorDialog(self.window, failed, message,
                                      can_open_bundled=can_open)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    def _answered(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result == OPEN_BUNDLED and self.bundled is not None:
            self.options = StartOptions()  # the page asked for was in the other pack
            self._open([self.bundled])
        elif result == QUIT:
            self.quit_requested.emit(EXIT_INVALID)
        # Closed otherwise (Escape): the window stays, showing what is wrong.

    def _reopen(self, pack_dirs: list[Path]) -> None:
        """The Packs dialog chose other packs: a window on them replaces this one."""
        self.options = StartOptions()  # the page asked for at start may be in a pack now closed
        self._open(list(pack_dirs))

    def close(self) -> None:
        """Stop the window's threads (the event loop has ended)."""
        if self.window is not None:
            self.window.shutdown()
            self.window.deleteLater()
            self.window = None
