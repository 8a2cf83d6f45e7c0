"""OBO import at ontology size: HPO (19,000 terms) and the Gene Ontology (45,000).

For each ontology, medians over ``--runs`` runs, alternated (noise hits all alike), of
wall-clock and CPU seconds:

- parse: `parse_obo` (our OBO 1.4 parser), and fastobo's ``load`` when fastobo is
  importable (``--fastobo DIR`` adds a folder holding it to the path; it is no dependency);
- import: parse, map and write the pack (JSON Lines entity files, the default);
- load+validate: `check_pack` on the written pack, from JSON Lines and from YAML
  (``--format yaml``), the ratio being what JSON Lines saves.

    .venv/bin/python benchmarks/obo_import.py [--runs 3] [--fastobo DIR] [--only hpo|go]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hfs_desktop.importers.obo import parse_obo
from hfs_desktop.importers.obo_pack import kebab, ontology_to_pack
from hfs_desktop.importers.packwriter import prepare_folder, write_pack
from hfs_desktop.pack import check_pack
from ontologies import fetch_go, hpo_path  # benchmarks/ontologies.py, beside this script


def timed(action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def import_to(obo: Path, out: Path, fmt: str) -> int:
    onto = parse_obo(obo)
    data = ontology_to_pack(onto, kebab(out.name))
    prepare_folder(out, replace=True)
    write_pack(out, data.meta, data.entity_types, data.relations, data.entities, fmt)
    return data.summary.terms


def load(out: Path) -> None:
    _, diags = check_pack(out)
    if diags.errors:
        raise SystemExit(f"{out}: {len(diags.errors)} errors: {diags.errors[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fastobo", type=Path, help="a folder holding fastobo, to compare")
    parser.add_argument("--only", choices=("hpo", "go"))
    args = parser.parse_args()
    fastobo = None
    if args.fastobo:
        sys.path.insert(0, str(args.fastobo))
        import fastobo  # type: ignore[import-not-found,no-redef]
    sources = {"hpo": hpo_path, "go": fetch_go}
    chosen = [args.only] if args.only else list(sources)
    with tempfile.TemporaryDirectory() as tmp:
        for name in chosen:
            obo = sources[name]()
            jsonl, yaml = Path(tmp) / f"{name}-jsonl", Path(tmp) / f"{name}-yaml"
            terms = import_to(obo, jsonl, "jsonl")
            import_to(obo, yaml, "yaml")
            steps: dict[str, Callable[[], object]] = {
                "parse (ours)": lambda o=obo: parse_obo(o),
                "import (parse, map, write)": lambda o=obo, j=jsonl: import_to(o, j, "jsonl"),
                "load+validate, JSON Lines": lambda j=jsonl: load(j),
                "load+validate, YAML": lambda y=yaml: load(y),
            }
            if fastobo is not None:
                steps["parse (fastobo, AST only)"] = lambda o=obo: fastobo.load(str(o))
            figures: dict[str, list[tuple[float, float]]] = {key: [] for key in steps}
            for _ in range(args.runs):
                for key, step in steps.items():
                    figures[key].append(timed(step))
            size = obo.stat().st_size / 1e6
            print(f"\n## {name.upper()}: {obo.name}, {size:.1f} MB, {terms} terms imported "
                  f"(median of {args.runs})")
            print("| step | wall s | CPU s |\n|---|---|---|")
            medians = {}
            for key, values in figures.items():
                wall = statistics.median(v[0] for v in values)
                cpu = statistics.median(v[1] for v in values)
                medians[key] = cpu
                print(f"| {key} | {wall:.2f} | {cpu:.2f} |")
            ratio = medians["load+validate, YAML"] / medians["load+validate, JSON Lines"]
            print(f"YAML / JSON Lines load+validate (CPU): {ratio:.1f}x")
            if fastobo is not None:
                print("fastobo / ours parse (CPU): "
                      f"{medians['parse (fastobo, AST only)'] / medians['parse (ours)']:.2f}x")


if __name__ == "__main__":
    main()
