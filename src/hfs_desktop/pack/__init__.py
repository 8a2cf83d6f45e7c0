"""The knowledge pack: typed records, safe loading and validation (no Qt here)."""

from __future__ import annotations

from pathlib import Path

from ..paths import bundled_pack_dir
from .diagnostics import Diagnostic, Diagnostics, PackInvalid
from .loader import read_pack
from .model import ENTITY_TYPES, Entity, Evidence, EvidenceLevel, Location, Pack
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


def check_pack(root: Path | str) -> tuple[Pack, Diagnostics]:
    """Load and validate a pack: every problem, errors and warnings, in file order."""
    pack, diags = read_pack(root)
    validate_pack(pack, diags)
    return pack, Diagnostics(diags.sorted())


def load_pack(root: Path | str | None = None) -> Pack:
    """Load a valid pack (the bundled one by default); raise PackInvalid on any error."""
    pack, diags = check_pack(root if root is not None else bundled_pack_dir())
    if diags.errors:
        raise PackInvalid(diags)
    return pack
