"""`hfs-kb`: headless tools over a knowledge pack (validate, stats, show, render, references,
export).

Exit codes: 0 success, 1 invalid pack or unknown entity, 2 usage error. Never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .pack import Pack, PackInvalid, bundled_pack_dir, check_pack, load_pack

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]


class CliError(Exception):
    """A failure the user can act on; printed as one line, exit 1."""


def build_parser() -> argparse.ArgumentParser:
    pack_help = "knowledge pack folder (default: the bundled HFS pack)"
    # Subcommands take --pack too; SUPPRESS keeps them from resetting a value given earlier.
    pack_option = argparse.ArgumentParser(add_help=False)
    pack_option.add_argument("--pack", metavar="DIR", type=Path, default=argparse.SUPPRESS,
                             help=pack_help)
    parser = argparse.ArgumentParser(
        prog="hfs-kb", description="Headless tools for HFS Desktop knowledge packs.")
    parser.add_argument("--pack", metavar="DIR", type=Path, default=None, help=pack_help)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub = commands.add_parser("validate", parents=[pack_option],
                              help="check a pack and list every problem")
    sub.add_argument("dir", nargs="?", type=Path, help="pack folder (overrides --pack)")
    sub.add_argument("--quiet", action="store_true", help="print errors only, no warnings")
    sub.set_defaults(func=cmd_validate)

    sub = commands.add_parser("stats", parents=[pack_option], help="sizes of the pack")
    sub.add_argument("--json", action="store_true", help="print JSON")
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
                              help="the whole graph as node-link JSON or GraphML")
    sub.add_argument("--format", choices=("json", "graphml"), default="json")
    sub.add_argument("-o", "--output", type=Path, metavar="FILE",
                     help="write here instead of stdout")
    sub.set_defaults(func=cmd_export)

    from .search.cli import add_commands as add_search_commands
    add_search_commands(commands, pack_option)
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
    except PackInvalid as exc:
        print(f"hfs-kb: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def pack_dir(args: argparse.Namespace) -> Path:
    root: Path = args.pack if args.pack is not None else bundled_pack_dir()
    if not root.is_dir():
        raise CliError(f"no knowledge pack folder at {root}")
    return root


def open_pack(args: argparse.Namespace) -> Pack:
    return load_pack(pack_dir(args))


def cmd_validate(args: argparse.Namespace) -> int:
    if args.dir is not None:
        args.pack = args.dir
    root = pack_dir(args)
    pack, diags = check_pack(root)
    for diag in diags.presented():
        if diag.is_error or not args.quiet:
            print(diag)
    errors = len(diags.errors)
    warnings = len(diags) - errors
    status = "valid" if not errors else "invalid"
    print(f"{root}: {status}: {len(pack.entities)} entities, {errors} error(s), "
          f"{warnings} warning(s)", file=sys.stderr)
    return EXIT_INVALID if errors else EXIT_OK


def pack_stats(pack: Pack) -> dict[str, Any]:
    from .graph import KnowledgeGraph

    graph = KnowledgeGraph(pack)
    entities = list(pack.entities.values())
    by_type = Counter(e.type for e in entities)
    evidence = Counter(e.evidence.level for e in entities if e.evidence)
    recommendation = Counter(e.recommendation.level for e in entities if e.recommendation)
    association = Counter(e.association.level for e in entities if e.association)
    verdicts = Counter(e.verdict for e in entities if e.type == "claim")
    return {
        "pack": {"id": pack.meta.id, "name": pack.meta.name, "version": pack.meta.version,
                 "last_reviewed": pack.meta.last_reviewed},
        "entities": len(entities),
        "entities_besides_claims_and_sources": len(
            [e for e in entities if e.type not in ("claim", "source")]),
        "by_type": dict(sorted(by_type.items())),
        "claims_by_verdict": _counts(pack.verdicts, verdicts),
        "by_evidence_level": _counts(pack.evidence_levels, evidence),
        "by_recommendation_level": _counts(pack.recommendation_levels, recommendation),
        "by_association_level": _counts(pack.association_levels, association),
        "folk_remedies": len([e for e in entities if e.category == "folk-remedy"]),
        "edges": graph.graph.number_of_edges(),
        "relations_used": dict(sorted(Counter(
            key for _, _, key in graph.graph.edges(keys=True)).items())),
    }


def _counts(vocabulary: dict[str, Any], counted: Counter[str]) -> dict[str, int]:
    """A count for every id of a vocabulary (zeros kept), then any unknown ids found."""
    counts = {level: counted.get(level, 0) for level in vocabulary}
    counts.update({level: n for level, n in sorted(counted.items()) if level not in counts})
    return counts


def cmd_stats(args: argparse.Namespace) -> int:
    stats = pack_stats(open_pack(args))
    if args.json:
        print(json.dumps(stats, indent=2))
        return EXIT_OK
    meta = stats["pack"]
    print(f"{meta['name']} ({meta['id']}) version {meta['version']}, "
          f"last reviewed {meta['last_reviewed']}")
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
    return EXIT_OK


def find_entity(pack: Pack, entity_id: str) -> str:
    if entity_id in pack.entities:
        return entity_id
    close = difflib.get_close_matches(entity_id, list(pack.entities), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise CliError(f"no entity with id '{entity_id}'{hint}")


def cmd_show(args: argparse.Namespace) -> int:
    from .badges import badge_for
    from .graph import KnowledgeGraph

    pack = open_pack(args)
    entity = pack.entities[find_entity(pack, args.id)]
    graph = KnowledgeGraph(pack)
    data = pack.to_plain(entity)
    related = related_groups(graph, entity.id)
    if args.json:
        data["related"] = {label: [e.id for e in entities] for label, entities in related}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    badge = badge_for(pack, entity)
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
        print(f"{key}: {_show_value(value)}")
    if related:
        print("related:")
        for label, entities in related:
            print(f"  {label}: " + ", ".join(f"{e.name} ({e.id})" for e in entities))
    claims = graph.claims_about(entity.id)
    if claims:
        print(f"statements about this in the articles ({len(claims)}):")
        for claim in claims:
            print(f"  {claim.verdict or 'unverified'}: {claim.name} ({claim.id})")
    return EXIT_OK


def related_groups(graph: Any, entity_id: str) -> list[tuple[str, list[Any]]]:
    """The entries linked to one, from both ends, as its page lists them: one group per
    relation as read from this entry ("treats", "treated by"), strongest first."""
    from .badges import by_strength
    from .pack.model import ABOUT, CITES, STATED_IN

    groups = graph.neighbours(entity_id, exclude=(ABOUT, STATED_IN, CITES))
    return [(group.label, by_strength(graph.pack, group.entities)) for group in groups]


def _show_value(value: Any) -> str:
    """A field as one readable line: mappings as "key: value; ...", lists comma-separated."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show_value(v)}" for k, v in value.items()
                         if v not in ("", [], None))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def cmd_render(args: argparse.Namespace) -> int:
    from .graph import KnowledgeGraph
    from .pagestyle import DARK, LIGHT
    from .render import render_entity

    pack = open_pack(args)
    entity_id = find_entity(pack, args.id)
    sys.stdout.write(render_entity(KnowledgeGraph(pack), entity_id,
                                   DARK if args.dark else LIGHT))
    return EXIT_OK


def cmd_references(args: argparse.Namespace) -> int:
    from .graph import KnowledgeGraph
    from .references import plain_text
    from .render import references_of

    pack = open_pack(args)
    entity_id = find_entity(pack, args.id)
    references = references_of(KnowledgeGraph(pack), entity_id)
    if not references:
        print(f"hfs-kb: {entity_id} cites no source", file=sys.stderr)
        return EXIT_OK
    sys.stdout.write(plain_text(references))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .export import to_graphml, to_json
    from .graph import KnowledgeGraph

    graph = KnowledgeGraph(open_pack(args))
    text = to_json(graph) if args.format == "json" else to_graphml(graph)
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
