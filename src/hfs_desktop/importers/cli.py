"""``hfs-kb import-obo FILE -o DIR``: an OBO ontology to a pack, then validated."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EPILOG = """\
exit codes: 0 the pack was written and is valid; 1 the OBO file is malformed (each problem
printed as FILE:LINE: message), the output folder cannot be used, or the written pack does
not validate; 2 wrong usage. Progress and the import summary go to stderr."""


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub = subparsers.add_parser(
        "import-obo", help="import an OBO 1.4 ontology as a knowledge pack",
        description="Import an OBO 1.4 ontology (hp.obo, go-basic.obo, ...) as a pack of "
                    "kind 'imported', then validate it like any pack.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub.add_argument("file", type=Path, metavar="FILE", help="the .obo file")
    sub.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                     help="the pack folder to write (new or empty)")
    sub.add_argument("--id", dest="pack_id", metavar="ID",
                     help="the pack's id (default: the folder's name in kebab-case)")
    sub.add_argument("--name", default="", help="the pack's name (default: the ontology's "
                                                "title, else its 'ontology' tag)")
    sub.add_argument("--format", choices=("jsonl", "yaml"), default="jsonl",
                     help="entity files as JSON Lines (default: loads about four times "
                          "faster) or as YAML (to read or edit by hand)")
    sub.add_argument("--replace", action="store_true",
                     help="overwrite a pack this command wrote before")
    sub.set_defaults(func=cmd_import_obo)


def _say(text: str) -> None:
    print(f"import-obo: {text}", file=sys.stderr, flush=True)


def cmd_import_obo(args: argparse.Namespace) -> int:
    from ..pack import check_pack
    from .obo import OboError, parse_obo
    from .obo_pack import kebab, ontology_to_pack
    from .packwriter import prepare_folder, write_pack

    out: Path = args.output
    pack_id = args.pack_id or kebab(out.resolve().name)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", pack_id):
        _say(f"the pack id '{pack_id}' is not kebab-case (a-z, 0-9 and single hyphens)")
        return EXIT_USAGE
    started = time.perf_counter()
    last = [-1]

    def progress(fraction: float) -> None:
        step = int(fraction * 4)
        if step != last[0] and fraction < 1:
            last[0] = step
            _say(f"reading {args.file.name}: {fraction:.0%}")

    try:
        onto = parse_obo(args.file, progress)
    except OboError as exc:
        for message in exc.messages():
            print(message, file=sys.stderr)
        _say(f"{len(exc.problems)} problem(s); nothing written")
        return EXIT_FAILED
    _say(f"read {len(onto.terms)} terms, {len(onto.typedefs)} typedefs in "
         f"{time.perf_counter() - started:.1f} s")
    data = ontology_to_pack(onto, pack_id, args.name)
    try:
        prepare_folder(out, args.replace)
    except (ValueError, OSError) as exc:
        _say(str(exc))
        return EXIT_FAILED
    step = time.perf_counter()
    try:
        files = write_pack(out, data.meta, data.entity_types, data.relations, data.entities,
                           args.format)
    except OSError as exc:
        _say(f"cannot write {out}: {exc.strerror or exc}")
        return EXIT_FAILED
    _say(f"wrote {data.summary.terms} terms in {len(files)} files to {out} in "
         f"{time.perf_counter() - step:.1f} s")
    for line in data.summary.lines():
        _say(line)
    step = time.perf_counter()
    _say("validating the written pack ...")
    pack, diags = check_pack(out)
    errors = diags.errors
    for diag in errors[:50]:
        print(diag, file=sys.stderr)
    warnings = len(diags) - len(errors)
    status = "valid" if not errors else "INVALID"
    _say(f"{out}: {status}: {len(pack.entities)} entities, {len(errors)} error(s), "
         f"{warnings} warning(s); loaded and validated in {time.perf_counter() - step:.1f} s "
         f"(all: {time.perf_counter() - started:.1f} s)")
    return EXIT_FAILED if errors else EXIT_OK
