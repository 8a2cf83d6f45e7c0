"""`hfs-kb`: headless tools over the open packs (validate, stats, show, render, references,
export, import-obo; search and index in `cli_search`).

The bundled pack is open unless ``--no-bundled``; each ``--pack DIR`` adds one beside it.
Ids are read bare (the bundled pack's, or the one pack holding it) or qualified
(``hpo/HP:0010828``). Every question goes through the `Library`.

Exit codes: 0 success, 1 invalid pack or unknown entity, 2 usage error. Never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .cli_base import (
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    chosen,
    find_entity,
    open_library,
    roots,
)
from .library import LibraryError
from .pack import PackInvalid, check_pack

Command = Callable[[argparse.Namespace], int]


PACK_HELP = "open this knowledge pack too, beside the bundled one (repeatable)"
NO_BUNDLED_HELP = "leave the bundled pack out"


def build_parser() -> argparse.ArgumentParser:
    # Subcommands take --pack too; SUPPRESS keeps them from resetting a value given earlier.
    pack_option = argparse.ArgumentParser(add_help=False)
    pack_option.add_argument("--pack", metavar="DIR", type=Path, action="append",
                             default=argparse.SUPPRESS, help=PACK_HELP)
    pack_option.add_argument("--no-bundled", action="store_true", default=argparse.SUPPRESS,
                             help=NO_BUNDLED_HELP)
    parser = argparse.ArgumentParser(
        prog="hfs-kb", description="Headless tools for HFS Desktop knowledge packs.")
    parser.add_argument("--pack", metavar="DIR", type=Path, action="append", default=None,
                        help=PACK_HELP)
    parser.add_argument("--no-bundled", action="store_true", default=False,
                        help=NO_BUNDLED_HELP)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub = commands.add_parser("validate", parents=[pack_option],
                              help="check the packs and list every problem")
    sub.add_argument("dir", nargs="?", type=Path, help="check this pack folder alone")
    sub.add_argument("--quiet", action="store_true", help="print errors only, no warnings")
    sub.set_defaults(func=cmd_validate)

    sub = commands.add_parser("stats", parents=[pack_option], help="sizes of the packs")
    sub.add_argument("--json", action="store_true",
                     help="print JSON (an object for one pack, a list for several)")
    sub.add_argument("--in", dest="only", metavar="PACK_ID", help="this open pack only")
    sub.set_defaults(func=cmd_stats)

    sub = commands.add_parser("show", parents=[pack_option], help="one entity's fields")
    sub.add_argument("id")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.set_defaults(func=cmd_show)

    sub = commands.add_parser("render", parents=[pack_option],
                              help="an entity's page as HTML, to stdout")
    sub.add_argument("id")
    sub.add_argument("--dark", action="store_true", help="dark colours")
    sub.set_defaults(func=cmd_render)

    sub = commands.add_parser("references", parents=[pack_option],
                              help="an entity page's numbered sources as plain text")
    sub.add_argument("id")
    sub.set_defaults(func=cmd_references)

    sub = commands.add_parser("export", parents=[pack_option],
                              help="a pack's whole graph as node-link JSON or GraphML")
    sub.add_argument("--in", dest="only", metavar="PACK_ID",
                     help="the open pack to export (needed when several are open)")
    sub.add_argument("--format", choices=("json", "graphml"), default="json")
    sub.add_argument("-o", "--output", type=Path, metavar="FILE",
                     help="write here instead of stdout")
    sub.set_defaults(func=cmd_export)

    from .cli_search import add_commands as add_search_commands
    add_search_commands(commands, pack_option)
    from .importers.cli import add_commands as add_import_commands
    add_import_commands(commands)
    from .cli_learning import add_commands as add_learning_commands
    add_learning_commands(commands, pack_option)
    from .check.cli import add_commands as add_check_commands
    add_check_commands(commands, pack_option)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # index builds run in spawned child processes
        import multiprocessing

        multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Command = args.func
    try:
        return func(args)
    except CliError as exc:
        print(f"hfs-kb: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except (PackInvalid, LibraryError) as exc:
        print(f"hfs-kb: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def cmd_validate(args: argparse.Namespace) -> int:
    folders = [args.dir] if args.dir is not None else roots(args)
    failed = False
    for root in folders:
        if not root.is_dir():
            raise CliError(f"no knowledge pack folder at {root}")
        pack, diags = check_pack(root)
        for diag in diags.presented():
            if diag.is_error or not args.quiet:
                print(diag)
        errors = len(diags.errors)
        warnings = len(diags) - errors
        status = "valid" if not errors else "invalid"
        failed = failed or bool(errors)
        print(f"{root}: {status}: {len(pack.entities)} entities, {errors} error(s), "
              f"{warnings} warning(s)", file=sys.stderr)
    return EXIT_INVALID if failed else EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    library = open_library(args)
    every = [library.stats(entry.id) for entry in chosen(library, args)]
    if args.json:
        print(json.dumps(every[0] if len(every) == 1 else every, indent=2))
        return EXIT_OK
    for number, stats in enumerate(every):
        if number:
            print()
        _print_stats(stats)
    return EXIT_OK


def _print_stats(stats: dict[str, Any]) -> None:
    meta = stats["pack"]
    reviewed = (f"last reviewed {meta['last_reviewed']}" if meta["kind"] != "imported"
                else "imported, not reviewed")
    print(f"{meta['name']} ({meta['id']}, {meta['kind']}) version {meta['version']}, "
          f"{reviewed}")
    print(f"entities: {stats['entities']} "
          f"({stats['entities_besides_claims_and_sources']} besides claims and sources)")
    print(f"edges: {stats['edges']}")
    print(f"folk remedies: {stats['folk_remedies']}")
    for title, key in (("by type", "by_type"), ("claims by verdict", "claims_by_verdict"),
                       ("by evidence level", "by_evidence_level"),
                       ("by recommendation level", "by_recommendation_level"),
                       ("by association level", "by_association_level"),
                       ("relations used", "relations_used")):
        print(f"{title}:")
        for name, count in stats[key].items():
            print(f"  {name:<28} {count:>5}")


def cmd_show(args: argparse.Namespace) -> int:
    library = open_library(args)
    ref = find_entity(library, args.id)
    entry, entity = library.locate(ref)
    data = entry.pack.to_plain(entity)
    data["id"] = ref
    data["pack"] = {"id": entry.id, "name": entry.name, "kind": entry.kind}
    related = [(group.label, entities) for group, entities in library.related(ref)]
    same = library.same_concept(ref)
    if args.json:
        data["related"] = {label: [e.id for e in entities] for label, entities in related}
        data["same_concept"] = [s.ref for s in same]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    badge = library.badge(ref)
    if badge is not None:
        print(f"badge: {badge.label}")
    for key, value in data.items():
        if value in ("", [], {}, None) or key == "relations":
            continue  # relations: from both ends, under "related" below
        if key == "codes":
            print("codes:")
            for system, codes in value.items():
                print(f"  {system}: {', '.join(codes)}")
            continue
        if key == "pack":
            print(f"pack: {entry.label()} ({entry.id})")
            continue
        print(f"{key}: {_show_value(value)}")
    if related:
        print("related:")
        for label, entities in related:
            print(f"  {label}: " + ", ".join(f"{e.name} ({e.id})" for e in entities))
    for other in same:
        print(f"the same concept in {other.pack_name}: {other.name} ({other.ref})")
    claims = library.claims_about(ref)
    if claims:
        print(f"statements about this in the articles ({len(claims)}):")
        for claim in claims:
            print(f"  {claim.verdict or 'unverified'}: {claim.name} ({claim.id})")
    return EXIT_OK


def _show_value(value: Any) -> str:
    """A field as one readable line: mappings as "key: value; ...", lists comma-separated."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show_value(v)}" for k, v in value.items()
                         if v not in ("", [], None))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def cmd_render(args: argparse.Namespace) -> int:
    from .pagestyle import DARK, LIGHT

    library = open_library(args)
    ref = find_entity(library, args.id)
    sys.stdout.write(library.html(ref, DARK if args.dark else LIGHT))
    return EXIT_OK


def cmd_references(args: argparse.Namespace) -> int:
    from .references import plain_text

    library = open_library(args)
    ref = find_entity(library, args.id)
    references = library.references(ref)
    if not references:
        print(f"hfs-kb: {library.show_id(ref)} cites no source", file=sys.stderr)
        return EXIT_OK
    sys.stdout.write(plain_text(references))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    library = open_library(args)
    entry = chosen(library, args, one=True)[0]
    text = library.export(entry.id, args.format)
    if args.output is None:
        sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
