"""Building a pack's cached index in a separate process, with progress and cancel.

    built = build_index_in_subprocess(pack, cache_dir, progress=on_progress, cancel=event)
    index = open_index(pack, cache_dir)      # now a cached open

A build is Python holding the GIL for seconds to minutes on a large pack; in a process of
its own it leaves the window's thread free. The call blocks its caller (run it from a worker
thread) and returns once the index is in the cache; ``progress(done, total)`` is called in
the caller's thread as documents are written. The child is started with the ``spawn``
method on every platform: a frozen app must call ``multiprocessing.freeze_support()``
first thing in its entry points.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..pack import Pack
from .build import BuildCancelled
from .cache import CacheUnavailable, ensure_index, index_dir, read_manifest
from .handoff import handed_over, taken_over
from .schema import pack_digest

STOP_GRACE = 5.0
"""Seconds a cancelled child gets to clean up before it is terminated."""


class IndexBuildFailed(Exception):
    """The build process failed or died; the message says why in one line."""

    def __init__(self, message: str, *, cache_unavailable: bool = False) -> None:
        super().__init__(message)
        self.cache_unavailable = cache_unavailable
        """The cache folder cannot be used (build in memory instead)."""


class IndexBuildCancelled(Exception):
    """The build was cancelled; the cache holds no partial index."""


@dataclass(frozen=True)
class BuiltIndex:
    path: Path
    """The cached index folder (what :func:`.open_index` opens for this pack)."""
    digest: str
    doc_count: int
    rebuilt: bool
    """False when the cache already held an intact index and nothing was written."""


def build_index_in_subprocess(
        pack: Pack, cache_dir: Path, *, rebuild: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None, procs: int = 2,
        poll_seconds: float = 0.05) -> BuiltIndex:
    """Build the pack's search index into ``cache_dir`` in a child process.

    - ``progress(done, total)``: documents written so far, called in this thread.
    - ``cancel``: set it (from any thread) to stop the build; the call then raises
      :class:`IndexBuildCancelled` within about ``poll_seconds`` plus the child's clean-up.
    - ``procs``: processes writing the index (the child and its helpers; large packs only).
    - ``rebuild``: write the index even if the cache holds an intact one.

    Raises :class:`IndexBuildFailed` when the build fails or the child dies (its one-line
    message names the cause; ``cache_unavailable`` is set when the cache cannot be written).
    """
    if not rebuild:  # an intact index already there: no process to start
        digest = pack_digest(pack)
        folder = index_dir(Path(cache_dir), digest)
        manifest = read_manifest(folder, digest)
        if manifest is not None:
            count = manifest.get("doc_count")
            return BuiltIndex(folder, digest, count if isinstance(count, int) else 0, False)
    context = multiprocessing.get_context("spawn")
    messages: Any = context.Queue()
    stop = context.Event()
    with handed_over(pack) as pack_file:
        child = context.Process(target=_child, name="hfs-index-build",
                                args=(pack_file, str(cache_dir), rebuild, procs, messages,
                                      stop))
        child.start()
        try:
            return _follow(child, messages, stop, progress, cancel, poll_seconds)
        finally:
            if child.is_alive():
                stop.set()
                child.join(STOP_GRACE)
            if child.is_alive():
                child.terminate()
                child.join()
            messages.close()
            messages.join_thread()


def _follow(child: Any, messages: Any, stop: Any,
            progress: Callable[[int, int], None] | None,
            cancel: threading.Event | None, poll_seconds: float) -> BuiltIndex:
    """Relay the child's messages until it reports its result."""
    ended_at: float | None = None
    while True:
        if cancel is not None and cancel.is_set():
            stop.set()
            child.join(STOP_GRACE)
            raise IndexBuildCancelled("index build cancelled")
        try:
            message = messages.get(timeout=poll_seconds)
        except queues.Empty:
            if child.is_alive():
                continue
            # Gone: give what it may have sent last a moment to arrive through the pipe.
            ended_at = ended_at if ended_at is not None else time.monotonic()
            if time.monotonic() - ended_at < 1.0:
                continue
            raise IndexBuildFailed(
                f"the search index build process ended unexpectedly "
                f"(exit code {child.exitcode})") from None
        kind = message[0]
        if kind == "progress":
            if progress is not None:
                progress(message[1], message[2])
        elif kind == "done":
            _, path, digest, count, rebuilt = message
            child.join()
            return BuiltIndex(Path(path), digest, count, rebuilt)
        elif kind == "cancelled":
            raise IndexBuildCancelled("index build cancelled")
        else:
            child.join()
            raise IndexBuildFailed(message[1], cache_unavailable=kind == "unavailable")


def _child(pack_file: str, cache_dir: str, rebuild: bool, procs: int, messages: Any,
           stop: Any) -> None:
    """The child process: build (or find) the index in the cache, report progress and the
    result. Every outcome is a message; nothing is raised to the top."""
    from .build import build_folder

    wrote = False
    pack: Pack

    def build(folder: Path) -> int:
        nonlocal wrote
        wrote = True
        return build_folder(folder, pack, procs=procs, cancelled=stop.is_set,
                        progress=lambda done, total: messages.put(("progress", done, total)))

    try:
        pack = taken_over(pack_file)
        digest = pack_digest(pack)
        folder, manifest = ensure_index(Path(cache_dir), digest, build, rebuild=rebuild)
        count = manifest.get("doc_count")
        messages.put(("done", str(folder), digest, count if isinstance(count, int) else 0,
                      wrote))
    except BuildCancelled:
        messages.put(("cancelled",))
    except CacheUnavailable as exc:
        messages.put(("unavailable", f"the search index cache cannot be used: {exc}"))
    except Exception as exc:  # sent to the parent, which raises it as IndexBuildFailed
        detail = " ".join(str(exc).split())
        messages.put(("error", f"building the search index failed: {type(exc).__name__}"
                               f"{': ' + detail if detail else ''}"))
