"""Qualified ids: ``PACK/ID``, the form every id takes once it leaves the core.

An entity id is unique inside its pack only; links, bookmarks, history and settings name the
pack too. The pack id never holds a '/', so a qualified id splits at its first '/' and the
entity id after it is kept exactly, colons and all (``hpo/HP:0010828``). A bare id (stored
before packs were qualified) has no '/'; the library resolves it.
"""

from __future__ import annotations

SEPARATOR = "/"


def qualify(pack_id: str, entity_id: str) -> str:
    """``pack/id``."""
    return f"{pack_id}{SEPARATOR}{entity_id}"


def split(ref: str) -> tuple[str | None, str]:
    """(pack id, entity id) of a qualified id; (None, id) for a bare one."""
    pack_id, sep, entity_id = ref.partition(SEPARATOR)
    if not sep:
        return None, ref
    return pack_id, entity_id


def is_qualified(ref: str) -> bool:
    return SEPARATOR in ref
