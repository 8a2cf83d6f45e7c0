"""Slow work off the GUI thread: opening the library of packs and running searches.

Nothing here is imported by the first screen's modules at import time of the heavy core:
the core (YAML, networkx, whoosh) is imported inside the worker thread, after first paint.
"""

from __future__ import annotations

import atexit
import gc
import linecache
import logging
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..library import Hit, Library, LibraryError
from ..pack import Diagnostics, PackInvalid
from . import collector
from .importhook import core_sources_not_read

log = logging.getLogger(__name__)

GRAPH_WAIT_S = 0.2
"""Longest the graphs wait for the first search to answer (see PackLoader.resume): what is
left to do then is read back from the pack cache in a few tenths of a second at most (a
45,000-term pack's edges and concept keys), and pages wait for it."""


class _NewestLinesOnly(dict[str, Any]):
    """A linecache that keeps the lines of the last few files only (and every lazy entry).

    Several threads use linecache at once (the loader's imports, the GUI's), and linecache
    reads an entry right after writing it: the oldest entry leaves only after KEEP_LINES
    newer ones came in, and nothing here iterates the dict.
    """

    KEEP_LINES = 16

    def __init__(self, entries: dict[str, Any]) -> None:
        super().__init__(entries)
        self._order: deque[str] = deque()

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        if len(value) != 1:  # loaded lines, not a lazy entry
            self._order.append(key)
            while len(self._order) > self.KEEP_LINES:
                old = self._order.popleft()
                if old not in self._order:
                    self.pop(old, None)


@contextmanager
def lines_not_kept() -> Iterator[None]:
    """While the core is imported, keep linecache from holding every module's source.

    PySide6 reads the source of each module imported after it (to see whether it uses Qt)
    and linecache would keep all of it: some 17 MiB once networkx and Whoosh are in.
    Nothing needs those lines (a traceback reads its few lines again).
    """
    kept = linecache.cache
    for name in [name for name, entry in kept.items() if len(entry) != 1]:
        kept.pop(name, None)  # the GUI's own modules' lines: freed for the core to reuse
    linecache.cache = _NewestLinesOnly(kept)
    try:
        yield
    finally:
        linecache.cache = kept


_exit_hook = threading.Lock()


def _exit_without_collecting() -> None:
    """At exit, stop the cyclic garbage collector from walking every object again.

    Once the core is loaded the heap holds a few hundred thousand objects, and the
    interpreter's shutdown collects them up to three times: some 50 ms after the window
    has closed. Frozen (``gc.freeze``), they are freed as modules are torn down, without
    those passes. Registered once, the first time a pack loads.
    """
    if _exit_hook.acquire(blocking=False):
        atexit.register(gc.freeze)


class PackLoader(QObject):
    """Reads the packs, opens their search indexes, then links their graphs (a `Library`),
    reporting progress.

    Search is ready (``search_ready``) before the graphs: typing works while they load.
    Both signals carry the same library; pages wait for ``loaded``.
    """

    progress = Signal(int, str)  # percent, what is happening
    search_ready = Signal(object)  # Library (searchable, or with its search_error)
    loaded = Signal(object)  # the Library, linked
    failed = Signal(str)  # a message for the user (the validator's file:line lines)
    finished = Signal()

    def __init__(self, pack_dirs: list[Path], cache_dir: Path | None,
                 bundled: Path | None = None) -> None:
        super().__init__()
        self.pack_dirs = pack_dirs
        self.bundled = bundled
        self.cache_dir = cache_dir
        self.timings: dict[str, float] = {}
        # Set by the GUI (any thread may): the first search has answered, a page is wanted,
        # or the window is closing. Until then the graphs wait, so that reading them
        # does not compete with the first search for the interpreter.
        self.resume = threading.Event()
        self.stop = threading.Event()  # set with `cancel`: a child building an index stops
        self._shown_at = 0.0

    @Slot()
    def run(self) -> None:
        _exit_without_collecting()
        try:
            with lines_not_kept(), core_sources_not_read():
                self._run()
        except Exception as exc:  # anything unexpected still reaches the user as text
            self.failed.emit(f"could not load the knowledge pack: {exc}")
        finally:
            collector.resume()  # paused for the start by gui/app.py
            self.finished.emit()

    @property
    def cancelled(self) -> bool:
        """The window closed: stop before the next slow step."""
        return self.stop.is_set()

    def cancel(self) -> None:
        self.stop.set()
        self.resume.set()

    def _indexing(self, name: str, done: int, total: int) -> None:
        """A large pack's index being built in a child process (at most 10 updates a second)."""
        now = time.perf_counter()
        if now - self._shown_at < 0.1 and done < total:
            return
        self._shown_at = now
        share = done / total if total else 1.0
        self.progress.emit(40 + int(30 * share),
                           f"Indexing {name} for search: {done:,} of {total:,} entries…")

    def _run(self) -> None:
        timings: dict[str, float] = {}
        start = time.perf_counter()
        self.progress.emit(5, "Reading the knowledge pack…")
        try:
            library = Library.read(self.pack_dirs, self.bundled)
        except PackInvalid as exc:
            self.failed.emit(invalid_pack_message(exc))
            return
        except LibraryError as exc:
            self.failed.emit(str(exc))
            return
        except OSError as exc:
            self.failed.emit(f"cannot read the knowledge pack: {exc}")
            return
        timings["pack"] = time.perf_counter() - start
        self.progress.emit(40, "Preparing search…")
        library.open_search(self.cache_dir, progress=self._indexing, cancel=self.stop)
        timings["index"] = time.perf_counter() - start
        self.search_ready.emit(library)
        self.resume.wait(GRAPH_WAIT_S if library.searchable else 0)
        if self.cancelled:
            return
        self.progress.emit(70, "Linking the knowledge graph…")
        library.link()
        from .. import render  # noqa: F401  (warm the import: pages render on the GUI thread)

        timings["graph"] = time.perf_counter() - start
        self.timings = timings
        self.progress.emit(100, "Ready")
        self.loaded.emit(library)


def invalid_pack_message(exc: PackInvalid) -> str:
    """Every error of an invalid pack, one a line, root causes first and the errors that
    follow from them folded into one line (``Diagnostics.presented``); nothing cut."""
    shown = [d for d in Diagnostics(exc.diagnostics).presented() if d.is_error]
    return "\n".join(str(d) for d in shown) or str(exc)


class SearchWorker(QObject):
    """Runs queries one at a time in its own thread; skips those already out of date.

    The GUI numbers every query (a generation); a query older than the newest asked for is
    dropped here before it runs, and late answers are dropped again by the GUI.
    """

    results = Signal(int, str, object, object)  # generation, text, hits, suggestion
    failed = Signal(int, str, str)  # generation, text, why (one line): not "no results"

    def __init__(self, library: Library, limit: int = 50) -> None:
        super().__init__()
        self.library = library
        self.limit = limit
        self.latest = 0  # written by the GUI thread before each request

    @Slot(int, str, bool, str)
    def search(self, generation: int, text: str, hide_unproven: bool, pack: str) -> None:
        """``pack``: the id of the one pack to search, "" for all."""
        if generation < self.latest:
            return
        from ..search.index import SearchFailed

        hits: list[Hit] = []
        suggestion: str | None = None
        try:
            if text.strip():
                hits = self.library.search(text, limit=self.limit, pack=pack or None,
                                           hide_unproven=hide_unproven)
                if not hits and generation >= self.latest:
                    suggestion = self.library.suggest(text, pack=pack or None)
        except SearchFailed as exc:
            log.error("%s (query %r)", exc, text[:100], exc_info=exc.__cause__)
            self.failed.emit(generation, text, str(exc))
            return
        if generation >= self.latest:
            self.results.emit(generation, text, hits, suggestion)


class WorkerThread(QThread):
    """A QThread that runs one QObject and is always stopped before it is destroyed."""

    def __init__(self, worker: QObject, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.worker = worker
        worker.moveToThread(self)

    def stop(self, timeout_ms: int = 10000) -> None:
        if self.isRunning():
            self.quit()
            self.wait(timeout_ms)


def hits_or_empty(value: Any) -> list[Hit]:
    return list(value) if isinstance(value, list) else []
