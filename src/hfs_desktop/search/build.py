"""Writing a pack's index, in one process or split over several.

Split (``procs`` > 1, a folder index of at least :data:`PARALLEL_MIN` documents): this
process writes the first share of the documents as one segment while helper processes
(``spawn``: the same on every platform, and safe in a frozen app with ``freeze_support``)
write the others, each a segment of its own in the same folder, from what this process
hands them (:meth:`Documents.part`: their entities, weights, links and the entity linker,
not the whole pack to work them out again); the table of contents then
lists the segments in order, so document numbers follow the pack's order as in a
one-process build. Segments are not merged (that would cost as much again); a search reads
each segment's term lists in turn.

Every writer is :class:`.segwriter.SegmentWriter` (Whoosh's files, written with a fraction of
its work per posting). Progress is reported as (documents written, total); a cancel check is
polled between documents, in this process and in the helpers.
"""

from __future__ import annotations

import queue as queues
import shutil
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage, RamStorage

from ..pack import Pack
from . import whooshfixes  # noqa: F401  (applied on import; see there)
from .handoff import handed_over, taken_over
from .linking import Linker
from .postings import Codec
from .schema import LENGTHS, TOKENIZERS, build_schema, neighbours, to_document, weights
from .segwriter import SegmentWriter

PARALLEL_MIN = 4000
"""Fewer documents than this are written by one process (starting helpers costs ~0.5 s)."""
PROGRESS_EVERY = 250
"""Documents between two progress reports (and cancel checks)."""
LIMIT_MB = 256
"""Memory for a writer's posting pool before it spills to disk."""

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class BuildCancelled(Exception):
    """The build was cancelled; nothing was kept."""


class HelperFailed(Exception):
    """A helper process writing part of the index failed or died."""


INLINE = 4
"""Terms in fewer documents than this keep their postings in the term table (no block of
their own to pickle and write): most terms of a large pack are in one or two."""


def _codec() -> Codec:
    # Posting blocks uncompressed: zlib took a seventh of the build (the index grows by a
    # sixth); reading is as fast.
    return Codec(compression=0, inlinelimit=INLINE)


def _writer(ix: Any, **kwargs: Any) -> Any:
    return SegmentWriter(ix, limitmb=LIMIT_MB, codec=_codec(), tokenizers=TOKENIZERS,
                         lengths=LENGTHS, **kwargs)


class _ScratchFolders:
    """A storage whose writers each get a scratch folder of their own, removed when the
    writing ends. Whoosh names one scratch folder after the index ("MAIN.tmp"), so writers
    working at once would delete each other's spilled postings; and it empties some of its
    scratch folders and removes none, which left an empty folder behind at every build."""

    def temp_storage(self, name: str | None = None) -> Any:
        scratch = super().temp_storage(None)  # type: ignore[misc]  # a random name
        self.__dict__.setdefault("_scratch", []).append(scratch.folder)
        return scratch

    def remove_scratch(self) -> None:
        for folder in self.__dict__.pop("_scratch", []):
            shutil.rmtree(folder, ignore_errors=True)


class FolderStorage(_ScratchFolders, FileStorage):  # type: ignore[misc]
    """Whoosh's file storage (an index in a folder), scratch folders inside it."""


class MemoryStorage(_ScratchFolders, RamStorage):  # type: ignore[misc]
    """Whoosh's in-memory storage, scratch folders in the system's temporary folder."""


class Documents:
    """The Whoosh documents of a pack, made one at a time (what they share made once)."""

    def __init__(self, pack: Pack) -> None:
        self._entities = list(pack.entities.values())
        self._weights = weights(pack)
        self._links = neighbours(pack)
        self._folded: dict[str, list[str]] = {}  # names' words: folded once, for both
        self._linker = Linker(pack, self._folded)

    def part(self, start: int, end: int) -> Documents:
        """Documents ``start`` to ``end`` (excluded) alone: what a helper process is handed
        (their entities, weights and links, and the linker), far less than the pack, and
        nothing it has to work out again."""
        part = Documents.__new__(Documents)
        part._entities = self._entities[start:end]
        ids = [entity.id for entity in part._entities]
        part._weights = {i: self._weights[i] for i in ids if i in self._weights}
        part._links = {i: self._links[i] for i in ids if i in self._links}
        part._folded = {}
        part._linker = self._linker
        return part

    def __len__(self) -> int:
        return len(self._entities)

    def __getitem__(self, position: int) -> dict[str, Any]:
        entity = self._entities[position]
        return to_document(entity, self._weights.get(entity.id, 0.0),
                           links=self._links.get(entity.id), linker=self._linker,
                           folded=self._folded)


def _add(writer: Any, documents: Documents, start: int, end: int,
         step: Callable[[int], None], cancelled: Cancelled | None) -> None:
    for position in range(start, end):
        writer.add_document(**documents[position])
        done = position + 1 - start
        if done % PROGRESS_EVERY == 0 or position + 1 == end:
            if cancelled is not None and cancelled():
                raise BuildCancelled("index build cancelled")
            step(done)


def write(ix: Any, pack: Pack, *, procs: int = 1, progress: Progress | None = None,
          cancelled: Cancelled | None = None) -> int:
    """Write every entity of the pack into the empty index ``ix``; the document count.

    Raises :class:`BuildCancelled` (nothing committed) when ``cancelled()`` turns true.
    """
    try:
        return _write(ix, pack, procs, progress, cancelled)
    finally:
        _remove_scratch(ix.storage)


def _write(ix: Any, pack: Pack, procs: int, progress: Progress | None,
           cancelled: Cancelled | None) -> int:
    documents = Documents(pack)
    total = len(documents)
    folder = getattr(ix.storage, "folder", None)
    if procs > 1 and total >= PARALLEL_MIN and folder:
        return _write_split(ix, Path(folder), documents, procs, progress, cancelled)
    writer = _writer(ix)
    try:
        _add(writer, documents, 0, total,
             lambda done: progress(done, total) if progress else None, cancelled)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return total


def _remove_scratch(storage: Any) -> None:
    if isinstance(storage, _ScratchFolders):
        storage.remove_scratch()


def build_folder(folder: Path, pack: Pack, *, procs: int = 1,
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> int:
    """Write the pack's index into an empty folder; its document count (see :func:`write`)."""
    ix = FolderStorage(str(folder)).create_index(build_schema())
    try:
        return write(ix, pack, procs=procs, progress=progress, cancelled=cancelled)
    finally:
        ix.close()


def _shares(total: int, parts: int) -> list[tuple[int, int]]:
    size, extra = divmod(total, parts)
    bounds, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        bounds.append((start, end))
        start = end
    return bounds


def _write_split(ix: Any, folder: Path, documents: Documents, procs: int,
                 progress: Progress | None, cancelled: Cancelled | None) -> int:
    import multiprocessing  # here: importing the search stays light

    total = len(documents)
    shares = _shares(total, procs)
    context = multiprocessing.get_context("spawn")
    with ExitStack() as stack:  # files, not the start-up pipe: see handoff.py
        part_files = [stack.enter_context(handed_over(documents.part(start, end)))
                      for start, end in shares[1:]]
        return _write_parts(ix, folder, part_files, documents, shares, context, progress,
                            cancelled)


def _write_parts(ix: Any, folder: Path, part_files: list[str], documents: Documents,
                 shares: list[tuple[int, int]], context: Any, progress: Progress | None,
                 cancelled: Cancelled | None) -> int:
    total = len(documents)
    messages: Any = context.Queue()
    stop = context.Event()
    helpers = [context.Process(target=_helper, name=f"hfs-index-part-{part}",
                               args=(str(folder), part_files[part - 1], part, messages, stop))
               for part in range(1, len(shares))]
    done = [0] * len(shares)
    segments: dict[int, Any] = {}

    def drain(block: bool) -> None:
        while True:
            try:
                message = messages.get(timeout=0.2) if block else messages.get_nowait()
            except queues.Empty:
                return
            kind, part, value = message
            if kind == "progress":
                done[part] = value
            elif kind == "segment":
                segments[part] = value
                done[part] = shares[part][1] - shares[part][0]
            else:
                raise HelperFailed(f"writing part {part + 1} of the index failed: {value}")
            if progress:
                progress(sum(done), total)
            if block:
                return

    def step(count: int) -> None:
        done[0] = count
        drain(block=False)
        if progress:
            progress(sum(done), total)

    writer = _writer(ix)
    try:
        for helper in helpers:
            helper.start()
        _add(writer, documents, *shares[0], step, cancelled)
        first = writer._finalize_segment()
        while len(segments) < len(helpers):
            drain(block=True)
            if cancelled is not None and cancelled():
                raise BuildCancelled("index build cancelled")
            for helper in helpers:
                if helper.exitcode not in (None, 0):
                    drain(block=False)
                    raise HelperFailed(f"a process writing part of the index ended "
                                       f"unexpectedly (exit code {helper.exitcode})")
        writer._commit_toc([first, *(segments[part] for part in sorted(segments))])
        writer._finish()
    except BaseException:
        stop.set()
        writer.cancel()
        raise
    finally:
        for helper in helpers:
            helper.join(timeout=5)
            if helper.is_alive():
                helper.terminate()
                helper.join()
        messages.close()
        messages.join_thread()
    return total


def _helper(folder: str, part_file: str, part: int, messages: Any, stop: Any) -> None:
    """A helper process: write the documents handed over (:meth:`Documents.part`) as a
    segment of the index in ``folder`` and send it back (or the error)."""
    try:
        documents: Documents = taken_over(part_file)
        storage = FolderStorage(folder)
        writer = _writer(storage.open_index(), _lk=False)
        try:
            _add(writer, documents, 0, len(documents),
                 lambda count: messages.put(("progress", part, count)), stop.is_set)
            segment = writer._finalize_segment()
        except BaseException:
            writer.cancel()
            raise
        finally:
            storage.remove_scratch()
        messages.put(("segment", part, segment))
    except BuildCancelled:
        messages.put(("cancelled", part, "cancelled"))
    except Exception as exc:  # reported to the parent, which raises it
        messages.put(("error", part, f"{type(exc).__name__}: {exc}"))
