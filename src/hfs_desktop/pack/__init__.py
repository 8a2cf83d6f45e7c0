"""The knowledge pack: typed records, safe loading and validation (no Qt here).

Cheap to import: the records (``from hfs_desktop.pack import Pack``) come without the
loader, YAML and the validator, which load on first use of ``load_pack``, ``check_pack``,
``read_pack`` or ``validate_pack``.
"""

from __future__ import annotations

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


def load_pack(root: Path | str | None = None) -> Pack:
    """Load a valid pack (the bundled one by default); raise PackInvalid on any error."""
    pack, diags = check_pack(root if root is not None else bundled_pack_dir())
    if diags.errors:
        raise PackInvalid(diags)
    return pack
