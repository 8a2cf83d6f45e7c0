"""The knowledge pack: typed records, safe loading and validation (no Qt here).

Cheap to import: the records (``from hfs_desktop.pack import Pack``) come without the
loader, YAML and the validator, which load on first use of ``load_pack``, ``check_pack``,
``read_pack`` or ``validate_pack``.
"""

from __future__ import annotations

import contextlib
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import bundled_pack_dir
from .diagnostics import Diagnostic, Diagnostics, PackInvalid
from .model import ENTITY_TYPES, Entity, Evidence, EvidenceLevel, Location, Pack

if TYPE_CHECKING:
    from .loader import read_pack
    from .validate import validate_pack

__all__ = [
    "ENTITY_TYPES",
    "Diagnostic",
    "Diagnostics",
    "Entity",
    "Evidence",
    "EvidenceLevel",
    "Location",
    "Pack",
    "PackInvalid",
    "bundled_pack_dir",
    "check_pack",
    "load_pack",
    "read_pack",
    "validate_pack",
]

_LAZY = {"read_pack": ".loader", "validate_pack": ".validate"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_pack(root: Path | str) -> tuple[Pack, Diagnostics]:
    """Load and validate a pack: every problem, errors and warnings, in file order."""
    from .loader import read_pack
    from .validate import validate_pack

    pack, diags = read_pack(root)
    validate_pack(pack, diags)
    return pack, Diagnostics(diags.sorted())


def load_pack(root: Path | str | None = None, *, cache: Path | bool = True) -> Pack:
    """Load a valid pack (the bundled one by default); raise PackInvalid on any error.

    A pack that validated before and has not changed since comes from the pack cache
    (``pack/cache.py``: the user's cache folder, or the folder ``cache`` names; ``False``:
    none), without reading YAML; the same records either way.
    """
    folder = Path(root) if root is not None else bundled_pack_dir()
    store: Path | None = None
    key = ""
    if cache is not False:
        from . import cache as pack_cache

        try:
            store = pack_cache.cache_dir() if cache is True else cache
            key = pack_cache.pack_key(folder)
        except OSError as exc:  # the loader says what is wrong with the folder
            pack_cache.log.debug("pack cache not used for %s: %s", folder, exc)
            store = None
        if store is not None:
            cached = pack_cache.read(store, folder, key)
            if cached is not None:
                pack_cache.mark(cached, store, folder, key)
                return cached
    pack, diags = check_pack(folder)
    if diags.errors:
        raise PackInvalid(diags)
    if store is not None:
        with contextlib.suppress(OSError):
            unchanged = pack_cache.pack_key(folder) == key  # while it was read
            if unchanged and pack_cache.write(store, folder, key, pack):
                pack_cache.mark(pack, store, folder, key)
    return pack
