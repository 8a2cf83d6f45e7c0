"""`hfs-kb search` and `hfs-kb index`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..pack import ENTITY_TYPES, Pack
from .index import SearchFailed, SearchHit, SearchIndex, open_index


def default_cache_dir() -> Path:
    """The search index cache, shared with the window (see `paths.search_cache_dir`)."""
    from ..paths import search_cache_dir

    return search_cache_dir()


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
                 pack_option: argparse.ArgumentParser) -> None:
    sub = subparsers.add_parser("search", parents=[pack_option],
                                help="search the pack as the app does")
    sub.add_argument("query", nargs="?", help="the text to search for")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.add_argument("--limit", type=int, default=20, metavar="N",
                     help="at most N results (default 20)")
    sub.add_argument("--type", action="append", metavar="T", choices=sorted(ENTITY_TYPES),
                     help="only entities of this type (repeatable)")
    sub.add_argument("--evidence", action="append", metavar="E",
                     help="only entities with this evidence level id (repeatable)")
    sub.add_argument("--batch", type=Path, metavar="FILE",
                     help="one query a line ('-' for stdin); one JSON line of results each")
    sub.add_argument("--no-cache", action="store_true", help="build the index in memory")
    sub.set_defaults(func=cmd_search)

    sub = subparsers.add_parser("index", parents=[pack_option],
                                help="build the search index cache")
    sub.add_argument("--rebuild", action="store_true", help="rebuild even if up to date")
    sub.add_argument("--prebuild", nargs="?", const="", metavar="DIR",
                     help="build the index to ship with the app (packaging time) into DIR "
                          "(default: where the app looks for it, build/search-index in a "
                          "source checkout)")
    sub.set_defaults(func=cmd_index)


def _load(args: argparse.Namespace) -> Pack:
    from ..cli import open_pack

    if not hasattr(args, "pack"):
        args.pack = None
    return open_pack(args)


def _open(args: argparse.Namespace, pack: Pack) -> SearchIndex:
    return open_index(pack, None if getattr(args, "no_cache", False) else default_cache_dir())


def _run(index: SearchIndex, args: argparse.Namespace, text: str) -> list[SearchHit]:
    from ..cli import CliError

    try:
        return index.search(text, limit=args.limit, types=args.type, evidence=args.evidence)
    except SearchFailed as exc:  # one line and exit 1, never "no results"
        raise CliError(f"{exc} (query {text[:100]!r})") from None


def _suggest(index: SearchIndex, text: str) -> str | None:
    from ..cli import CliError

    try:
        return index.suggest(text)
    except SearchFailed as exc:
        raise CliError(str(exc)) from None


def cmd_search(args: argparse.Namespace) -> int:
    from ..cli import CliError

    if (args.query is None) == (args.batch is None):
        raise CliError("give a QUERY or --batch FILE (not both)")
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    pack = _load(args)
    if args.evidence:
        unknown = sorted(set(args.evidence) - set(pack.evidence_levels))
        if unknown:
            raise CliError(f"unknown evidence level '{unknown[0]}'; known: "
                           f"{', '.join(pack.evidence_levels)}")
    if args.batch is not None:
        try:
            lines = (sys.stdin.read() if str(args.batch) == "-"
                     else args.batch.read_text(encoding="utf-8")).splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read {args.batch}: {exc}") from None
    with _open(args, pack) as index:
        if args.batch is not None:
            for line in lines:
                hits = _run(index, args, line)
                print(json.dumps({"query": line, "results": [h.to_json() for h in hits]},
                                 ensure_ascii=False), flush=False)
            return 0
        hits = _run(index, args, args.query)
        if args.json:
            print(json.dumps([h.to_json() for h in hits], indent=2, ensure_ascii=False))
            return 0
        if not hits:
            suggestion = _suggest(index, args.query)
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            print(f"no results{hint}", file=sys.stderr)
            return 0
        for hit in hits:
            extra = " ".join(part for part in (hit.evidence, hit.verdict) if part)
            print(f"{hit.score:6.3f}  {hit.id}  [{hit.type}{' ' + extra if extra else ''}]  "
                  f"{hit.name}")
            if hit.matched and hit.matched != hit.name:
                print(f"        matched: {hit.matched}")
            if hit.snippet:
                print(f"        {hit.snippet}")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    pack = _load(args)
    if args.prebuild is not None:
        return _prebuild(pack, args.prebuild)
    cache = default_cache_dir()
    with open_index(pack, cache, rebuild=args.rebuild) as index:
        where = "in memory (the cache folder is not writable)" if index.path is None \
            else str(index.path)
        done = "indexed"
        if index.path is not None and not index.path.is_relative_to(cache):
            done = "indexed in the index shipped with the app (up to date)"
        print(f"{len(index)} documents {done}: {where}", file=sys.stderr)
    return 0


def _prebuild(pack: Pack, where: str) -> int:
    from ..cli import CliError
    from ..paths import prebuilt_index_dir
    from .cache import CacheUnavailable
    from .index import prebuild_index

    folder = Path(where) if where else prebuilt_index_dir()
    if folder is None:
        raise CliError("no folder for the prebuilt index: give --prebuild DIR")
    try:
        built = prebuild_index(pack, folder)
    except (OSError, CacheUnavailable) as exc:
        raise CliError(f"cannot build the index into {folder}: {exc}") from None
    print(f"{len(pack.entities)} documents indexed: {built}", file=sys.stderr)
    return 0
