"""The on-disk index cache: one folder per pack digest, built aside and swapped in atomically.

Layout of the cache folder::

    lock                    taken (flock / msvcrt) while an index is checked or built
    index-<digest>/         a complete index and its MANIFEST.json (written last)
    .build-*/               an index being written; renamed to index-<digest> when done

An index folder counts only if its manifest names the digest and every file it lists still
has the recorded size and CRC-32; anything else (truncated, half-written, foreign) is
rebuilt. The lock keeps two processes from building at once; the rename keeps readers from
ever seeing a half-written index even without it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

MANIFEST = "MANIFEST.json"
LOCK_TIMEOUT = 120.0
"""Seconds to wait for another process's build before building in memory instead."""


class CacheUnavailable(Exception):
    """The cache folder cannot be used (unwritable, locked too long, ...)."""


def index_dir(cache_dir: Path, digest: str) -> Path:
    return cache_dir / f"index-{digest}"


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def write_manifest(folder: Path, digest: str, doc_count: int) -> dict[str, object]:
    files = {entry.name: [entry.stat().st_size, _crc(entry)]
             for entry in sorted(folder.iterdir())
             if entry.is_file() and not entry.name.endswith("LOCK")}
    data: dict[str, object] = {"digest": digest, "doc_count": doc_count, "files": files}
    tmp = folder / (MANIFEST + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, folder / MANIFEST)
    return data


def read_manifest(folder: Path, digest: str) -> dict[str, object] | None:
    """The manifest if the folder holds an intact index of this digest, else None."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("digest") != digest:
            return None
        files = data["files"]
        if not files:
            return None
        for name, (size, crc) in files.items():
            path = folder / name
            if path.stat().st_size != size or _crc(path) != crc:
                return None
        return data
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


@contextmanager
def locked(cache_dir: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the cache's lock file (between processes; not re-entrant within one)."""
    try:
        fd = os.open(cache_dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CacheUnavailable(f"cannot create the lock file: {exc}") from exc
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise CacheUnavailable("the search index is locked by another process")
            time.sleep(0.05)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def ensure_index(cache_dir: Path, digest: str, build: Callable[[Path], int], *,
                 rebuild: bool = False) -> tuple[Path, dict[str, object]]:
    """The folder of an intact index for ``digest`` and its checked manifest, building the
    index when needed.

    ``build(folder)`` writes an index into an empty folder and returns its document count.
    Raises CacheUnavailable when the cache cannot be written and holds no intact index.
    """
    final = index_dir(cache_dir, digest)
    manifest = None if rebuild else read_manifest(final, digest)
    if manifest is not None:
        return final, manifest
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CacheUnavailable(f"cannot create {cache_dir}: {exc}") from exc
    with locked(cache_dir):
        manifest = None if rebuild else read_manifest(final, digest)
        if manifest is not None:
            return final, manifest  # another process built it while we waited
        try:
            staging = Path(tempfile.mkdtemp(prefix=".build-", dir=cache_dir))
        except OSError as exc:
            raise CacheUnavailable(f"cannot write to {cache_dir}: {exc}") from exc
        try:
            count = build(staging)
            manifest = write_manifest(staging, digest, count)
            _swap(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _remove_stale(cache_dir, keep=final)
    return final, manifest


def _swap(staging: Path, final: Path) -> None:
    """Move a finished index into place (a folder rename cannot replace a non-empty one)."""
    if final.exists():
        trash = final.with_name(f".old-{final.name}-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(final, trash)
        os.replace(staging, final)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(staging, final)


KEEP_OTHER = 2
"""Indexes of other packs kept besides the current one (most recently used first)."""


def touch(folder: Path) -> None:
    """Mark an index as used, so that stale-index clean-up keeps it."""
    with suppress(OSError):
        os.utime(folder)


def _remove_stale(cache_dir: Path, keep: Path) -> None:
    """Drop abandoned builds and all but the latest few other indexes (we hold the lock)."""
    others: list[tuple[float, Path]] = []
    for entry in cache_dir.iterdir():
        if not entry.is_dir():
            continue
        if entry.name.startswith((".build-", ".old-")):
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith("index-") and entry != keep:
            others.append((entry.stat().st_mtime, entry))
    others.sort(reverse=True)
    for _, entry in others[KEEP_OTHER:]:
        shutil.rmtree(entry, ignore_errors=True)


def clear_others(folder: Path, keep: Path) -> None:
    """Leave only the index ``keep`` in ``folder`` (a prebuilt index to ship): other
    indexes, abandoned builds and the lock file are removed."""
    for entry in folder.iterdir():
        if entry == keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name == "lock":
            with suppress(OSError):
                entry.unlink()
