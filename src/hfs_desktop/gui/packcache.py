"""A per-user cache of the loaded pack, so a start does not re-parse and re-validate YAML.

Keyed by a hash of every file of the pack (names and bytes) and the app's version: any edit
to the pack, or a new app, misses the cache and goes through the core's `load_pack` (with
full validation) again. Only a pack that loaded without errors is ever written. The cache
lives in the user's cache folder, which only the user can write.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__

if TYPE_CHECKING:
    from ..pack import Pack

PREFIX = "pack-"


def pack_key(root: Path) -> str:
    """A hash of every file under the pack folder, with the app and Python versions."""
    digest = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def load_cached_pack(root: Path, cache_dir: Path | None) -> Pack:
    """The pack, from the cache when its files are unchanged; else `load_pack` (validated).

    Raises what `load_pack` raises (PackInvalid, OSError).
    """
    from ..pack import Pack, load_pack

    if cache_dir is None:
        return load_pack(root)
    key = pack_key(root)
    cached = cache_dir / f"{PREFIX}{key}.pickle"
    try:
        with cached.open("rb") as handle:
            pack = pickle.load(handle)
        if isinstance(pack, Pack):
            return pack
    except FileNotFoundError:
        pass
    except Exception:  # a damaged or outdated cache file: load from the YAML again
        pass
    pack = load_pack(root)
    _store(cache_dir, cached, pack)
    return pack


def _store(cache_dir: Path, cached: Path, pack: Pack) -> None:
    """Write atomically; drop older entries; a read-only cache is not an error."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pack-", dir=cache_dir)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(pack, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
        for old in cache_dir.glob(f"{PREFIX}*.pickle"):
            if old != cached:
                old.unlink(missing_ok=True)
    except Exception:  # never fail a start because the cache could not be written
        Path(tmp).unlink(missing_ok=True)
