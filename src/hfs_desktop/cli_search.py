"""`hfs-kb search` and `hfs-kb index`, across the open packs (through the `Library`)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from .cli_base import CliError, chosen, open_library
from .library import Hit, Library


def default_cache_dir() -> Path:
    """The search index cache, shared with the window (see `paths.search_cache_dir`)."""
    from .paths import search_cache_dir

    return search_cache_dir()


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
                 pack_option: argparse.ArgumentParser) -> None:
    sub = subparsers.add_parser("search", parents=[pack_option],
                                help="search the open packs as the app does")
    sub.add_argument("query", nargs="?", help="the text to search for")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.add_argument("--limit", type=int, default=20, metavar="N",
                     help="at most N results (default 20)")
    sub.add_argument("--in", dest="only", metavar="PACK_ID",
                     help="search this open pack only (its id in pack.yaml, e.g. hfs)")
    sub.add_argument("--type", action="append", metavar="T",
                     help="only entities of this type (repeatable; the packs' own types)")
    sub.add_argument("--evidence", action="append", metavar="E",
                     help="only entities with this evidence level id (repeatable)")
    sub.add_argument("--batch", type=Path, metavar="FILE",
                     help="one query a line ('-' for stdin); one JSON line of results each")
    sub.add_argument("--no-cache", action="store_true", help="build the index in memory")
    sub.set_defaults(func=cmd_search)

    sub = subparsers.add_parser("index", parents=[pack_option],
                                help="build the search index cache of the open packs")
    sub.add_argument("--rebuild", action="store_true", help="rebuild even if up to date")
    sub.add_argument("--in", dest="only", metavar="PACK_ID", help="index this open pack only")
    sub.add_argument("--prebuild", nargs="?", const="", metavar="DIR",
                     help="build the index to ship with the app (packaging time) into DIR "
                          "(default: where the app looks for it, build/search-index in a "
                          "source checkout)")
    sub.set_defaults(func=cmd_index)


def _run(library: Library, args: argparse.Namespace, text: str) -> list[Hit]:
    from .search.index import SearchFailed

    try:
        return library.search(text, limit=args.limit, pack=args.only, types=args.type,
                              evidence=args.evidence)
    except SearchFailed as exc:  # one line and exit 1, never "no results"
        raise CliError(f"{exc} (query {text[:100]!r})") from None


def _suggest(library: Library, args: argparse.Namespace, text: str) -> str | None:
    from .search.index import SearchFailed

    try:
        return library.suggest(text, pack=args.only)
    except SearchFailed as exc:
        raise CliError(str(exc)) from None


def cmd_search(args: argparse.Namespace) -> int:
    if (args.query is None) == (args.batch is None):
        raise CliError("give a QUERY or --batch FILE (not both)")
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    library = open_library(args)
    chosen(library, args)  # an unknown --in pack: named before any index is opened
    known_types = library.type_labels()
    unknown_types = sorted(set(args.type or ()) - set(known_types))
    if unknown_types:
        raise CliError(f"unknown type '{unknown_types[0]}'; known: "
                       f"{', '.join(known_types)}")
    if args.evidence:
        known = {level for e in library.packs for level in e.pack.evidence_levels}
        unknown = sorted(set(args.evidence) - known)
        if unknown:
            raise CliError(f"unknown evidence level '{unknown[0]}'; known: "
                           f"{', '.join(sorted(known))}")
    if args.batch is not None:
        try:
            lines = (sys.stdin.read() if str(args.batch) == "-"
                     else args.batch.read_text(encoding="utf-8")).splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read {args.batch}: {exc}") from None
    library.open_search(None if args.no_cache else default_cache_dir(), only=args.only)
    with library:
        if not library.searchable:
            raise CliError(library.search_error or "search is unavailable")
        if args.batch is not None:
            for line in lines:
                hits = _run(library, args, line)
                print(json.dumps({"query": line,
                                  "results": [_hit_json(library, h) for h in hits]},
                                 ensure_ascii=False), flush=False)
            return 0
        hits = _run(library, args, args.query)
        if args.json:
            print(json.dumps([_hit_json(library, h) for h in hits], indent=2,
                             ensure_ascii=False))
            return 0
        if not hits:
            suggestion = _suggest(library, args, args.query)
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            print(f"no results{hint}", file=sys.stderr)
            return 0
        for hit in hits:
            badge = library.badge(hit.id)
            graded = f": {badge.label}" if badge is not None else ""
            imported = "" if hit.reviewed else ", imported"
            print(f"{hit.score:6.3f}  {hit.id}  [{hit.type}{graded}{imported}]  {hit.name}")
            if hit.matched and hit.matched != hit.name:
                print(f"        matched: {hit.matched}")
            if hit.snippet:
                print(f"        {hit.snippet}")
    return 0


def _hit_json(library: Library, hit: Hit) -> dict[str, Any]:
    """A result as JSON: the hit's fields, its recommendation and association level ids ("" for
    none) and its badge in the app's words ("First-line · evidence low"; "" for none)."""
    entity = library.entity(hit.id)
    badge = library.badge(hit.id)
    return {**hit.to_json(),
            "recommendation": entity.recommendation.level if entity.recommendation else "",
            "association": entity.association.level if entity.association else "",
            "badge": badge.label if badge is not None else ""}


class _Progress:
    """Documents written so far, on one stderr line, once the build has taken a second."""

    def __init__(self, label: str, after_seconds: float = 1.0) -> None:
        self._label = label
        self._start = time.monotonic()
        self._after = after_seconds
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if time.monotonic() - self._start < self._after:
            return
        self._shown = True
        print(f"\r{self._label}: indexing {done:,}/{total:,} documents", end="",
              file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self._shown:
            print(file=sys.stderr)


def cmd_index(args: argparse.Namespace) -> int:
    library = open_library(args)
    if args.prebuild is not None:
        return _prebuild(library, args)
    cache = default_cache_dir()
    for entry in chosen(library, args):
        progress = _Progress(entry.id)
        try:
            count, folder = library.build_index(entry.id, cache, rebuild=args.rebuild,
                                                progress=progress)
        finally:
            progress.finish()
        if folder is None:
            where = "in memory (the cache folder is not writable)"
        elif not folder.is_relative_to(cache):
            where = f"the index shipped with the app (up to date): {folder}"
        else:
            where = str(folder)
        print(f"{entry.id}: {count} documents indexed: {where}", file=sys.stderr)
    return 0


def _prebuild(library: Library, args: argparse.Namespace) -> int:
    """The index shipped with the app, built at packaging time (the bundled pack, or --in)."""
    from .paths import prebuilt_index_dir

    folder = Path(args.prebuild) if args.prebuild else prebuilt_index_dir()
    if folder is None:
        raise CliError("no folder for the prebuilt index: give --prebuild DIR")
    entry = chosen(library, args)[0]
    built = library.prebuild_index(entry.id, folder)
    print(f"{entry.id}: {len(entry.pack.entities)} documents indexed: {built}",
          file=sys.stderr)
    return 0
