"""What every `hfs-kb` command shares: its error, the packs asked for, ids read back."""

from __future__ import annotations

import argparse
from pathlib import Path

from .library import Library, OpenPack, open_packs, pack_roots

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A failure the user can act on; printed as one line, exit 1."""


def roots(args: argparse.Namespace) -> list[Path]:
    """The pack folders asked for: the bundled pack (unless --no-bundled), then each --pack."""
    found = pack_roots(getattr(args, "pack", None), no_bundled=getattr(args, "no_bundled", False))
    if not found:
        raise CliError("no pack to open: --no-bundled needs at least one --pack DIR")
    return found


def open_library(args: argparse.Namespace) -> Library:
    """The packs asked for, loaded (no search index, no graph yet)."""
    from .paths import bundled_pack_dir

    return open_packs(roots(args), bundled=bundled_pack_dir())


def chosen(library: Library, args: argparse.Namespace, *, one: bool = False) -> list[OpenPack]:
    """The packs a command works on: ``--in PACK_ID``, else all (``one``: exactly one)."""
    only = getattr(args, "only", None)
    if only:
        try:
            return [library.pack(only)]
        except KeyError:
            raise CliError(f"no open pack has the id '{only}'; open: "
                           + ", ".join(e.id for e in library.packs)) from None
    if one and library.several:
        raise CliError("several packs are open: choose one with --in "
                       + "|".join(e.id for e in library.packs))
    return list(library.packs)


def find_entity(library: Library, entity_id: str) -> str:
    """The qualified id of ``entity_id``; CliError with close ids when no pack has it."""
    found = library.resolve(entity_id)
    if found is None:
        raise CliError(library.unknown_message(entity_id))
    return found
