"""Opening packs through the Library at ontology size, phase by phase, and searching several
at once.

    .venv/bin/python benchmarks/library_open.py --pack HPO [--pack GO] [--runs 5]
        [--baseline SRC] [--cache DIR] [--no-cold] [--no-typing] [--profile OUT]

Each measurement runs in a fresh process (what a start costs), alternated over the runs;
medians are printed. For each pack given (opened beside the bundled pack, as the app does),
seconds from process start (imports included) to the end of each phase:

- ``read, YAML``: `Library.read` with the pack cache emptied (YAML/JSON Lines + validation);
- ``read``: `Library.read` from the pack cache (the normal start after the first);
- ``indexes``: then `open_search` on indexes already in the cache;
- ``keystroke``: then the first letter of the first query of ``queries/speed.yaml``
  answered through `Library.search` (the first keystroke);
- ``search ready``: then that whole query answered (its words' typo tolerance loaded);
- ``graphs``: then every pack's graph built (eager run only);
- ``links``: then the same-concept links between the packs (eager run only): the whole
  open, everything built;
- ``page``: the first page shown after that, of the added pack's first entity (eager run:
  everything built; lazy run: right after search is ready, so the page builds what it
  needs itself: that pack's graph and the same-concept links), and then the bundled pack's
  ``hemifacial-spasm`` page, in ms;
- ``rss``: peak resident memory of the eager run.

Each phase is also given alone (the median of its own time in the eager runs): on a shared
machine the figures from process start carry every earlier phase's noise.

The lazy run is what `hfs-kb` and a window do: search first, graphs only when a page asks.
Then search as you type over all packs together (HFS + the packs given): every prefix of
the fixed query list ``benchmarks/queries/speed.yaml``, as typed, through `Library.search`
(in one process, index caches warm after the first query); median, p95 and worst in ms.

``--baseline SRC`` runs every measurement a second time on another source tree (an older
commit's ``src/`` from ``git archive``, next to its ``knowledge/``), alternated in the same
run. ``--cache DIR`` keeps the search indexes (and pack cache) in DIR between runs of the
benchmark (building a 45,000-term index takes minutes); by default a temporary folder.
``--profile OUT`` writes a cProfile of one eager open per pack (``OUT-PACK.prof``).
Modules run from compiled bytecode, as an installed app does (kept in the temporary folder).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, resource, sys, time
start = time.perf_counter()
from itertools import pairwise
from pathlib import Path
from hfs_desktop.library import Library
from hfs_desktop.paths import bundled_pack_dir, search_cache_dir
mode, query, roots = sys.argv[1], sys.argv[2], [Path(p) for p in sys.argv[3:]]
out = {}
def mark(name):
    out[name] = time.perf_counter() - start
    out[name + " cpu"] = time.process_time()
def timed(name, work):
    began, cpu = time.perf_counter(), time.process_time()
    work()
    out[name] = (time.perf_counter() - began) * 1000
    out[name + " cpu"] = (time.process_time() - cpu) * 1000
library = Library.read([bundled_pack_dir(), *roots], bundled_pack_dir())
mark("read")
if mode != "read":
    library.open_search(search_cache_dir())
    mark("indexes")
    library.search(query[:1], 50)
    mark("keystroke")
    library.search(query, 50)
    mark("search ready")
    if mode == "eager":
        for entry in library.packs:
            library._graph(entry)
        mark("graphs")
        library._concepts()
        mark("links")
    big = library.packs[-1]
    first = next(iter(big.pack.entities))
    timed("page", lambda: library.page(big.id + "/" + first))
    main = library.packs[0]
    timed("main page", lambda: library.page(main.id + "/hemifacial-spasm"))
    out["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""

SEARCH = r"""
import json, resource, sys, time
from itertools import pairwise
from pathlib import Path
import yaml
from hfs_desktop.library import Library
from hfs_desktop.paths import bundled_pack_dir, search_cache_dir
roots = [Path(p) for p in sys.argv[2:]]
queries = yaml.safe_load(Path(sys.argv[1]).read_text(encoding="utf-8"))["queries"]
texts = [q["text"] for q in queries]
library = Library.open([bundled_pack_dir(), *roots], search_cache_dir(),
                       bundled=bundled_pack_dir())
times = []
for text in texts:
    for end in range(1, len(text) + 1):
        typed = text[:end]
        if typed.endswith(" "):
            continue
        t = time.perf_counter()
        library.search(typed, 50)
        times.append((time.perf_counter() - t) * 1000)
out = {"keystrokes": len(times), "ms": times,
       "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
print(json.dumps(out))
"""

PHASES = ["read", "indexes", "keystroke", "search ready", "graphs", "links"]


def run(code: str, args: list[str], env: dict[str, str],
        profile: Path | None = None) -> dict[str, Any]:
    command = [sys.executable, "-c", code, *args]
    if profile is not None:
        script = profile.with_suffix(".py")
        script.write_text(code, encoding="utf-8")
        command = [sys.executable, "-m", "cProfile", "-o", str(profile), str(script), *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def median(rows: list[dict[str, Any]], key: str) -> float | None:
    values = [float(row[key]) for row in rows if key in row]
    return statistics.median(values) if values else None


def report(label: str, cold: list[float], lazy: list[dict[str, Any]],
           eager: list[dict[str, Any]], runs: int) -> tuple[dict[str, float],
                                                             dict[str, float]]:
    """Print one tree's medians; return them, wall and CPU (for the ratios)."""
    figures: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def add(name: str, rows: list[dict[str, Any]], key: str) -> None:
        value = median(rows, key)
        if value is not None:
            figures[name] = value
            cpu_value = median(rows, key + " cpu")
            if cpu_value is not None:
                cpu[name] = cpu_value

    if cold:
        figures["read, YAML"] = statistics.median(cold)
    for phase in PHASES:
        add(phase, eager, phase)
    for phase in ("keystroke", "search ready"):
        add(f"lazy {phase}", lazy, phase)
    for name, rows in (("eager", eager), ("lazy", lazy)):
        for page in ("page", "main page"):
            add(f"{name} {page} ms", rows, page)
    for suffix, into in (("", figures), (" cpu", cpu)):  # each phase alone (less noisy)
        for before, phase in pairwise(PHASES):
            steps = [float(row[phase + suffix]) - float(row[before + suffix])
                     for row in eager if phase + suffix in row and before + suffix in row]
            if steps:
                into[f"  {phase} alone"] = statistics.median(steps)
    rss = median(eager, "rss_mib")
    print(f"  {label} (medians of {runs}; seconds from process start, or the phase alone; "
          f"pages in ms; wall and CPU):")
    for name, value in figures.items():
        spent = f"{cpu[name]:8.2f}" if name in cpu else ""
        print(f"    {name:<24} {value:8.2f} {spent}")
    if rss is not None:
        print(f"    {'peak RSS MiB (eager)':<24} {rss:8.0f}")
    return figures, cpu


def tree_environments(cache: Path, sources: dict[str, Path],
                      env: dict[str, str]) -> dict[str, dict[str, str]]:
    """The environment to run each source tree in: each tree its own pack cache (its
    loader's key may differ), one search index cache shared by all (built once)."""
    trees: dict[str, dict[str, str]] = {}
    shared = cache / "search"
    shared.mkdir(parents=True, exist_ok=True)
    for number, (name, src) in enumerate(sources.items()):
        tree_cache = cache / f"tree-{number}"
        (tree_cache / "hfs-desktop").mkdir(parents=True, exist_ok=True)
        link = tree_cache / "hfs-desktop" / "search"
        if not link.exists():
            link.symlink_to(shared, target_is_directory=True)
        trees[name] = dict(env, PYTHONPATH=str(src), XDG_CACHE_HOME=str(tree_cache))
    return trees


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", action="append", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", metavar="SRC", type=Path)
    parser.add_argument("--cache", metavar="DIR", type=Path,
                        help="keep the indexes and pack cache here between runs")
    parser.add_argument("--no-cold", action="store_true", help="skip the read from YAML")
    parser.add_argument("--no-typing", action="store_true",
                        help="skip search as you type")
    parser.add_argument("--profile", metavar="OUT", type=Path)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hfs-bench-home-"))
    cache = args.cache.resolve() if args.cache is not None else home / ".cache"
    env = dict(os.environ, HOME=str(home), PYTHONPYCACHEPREFIX=str(home / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    sources = {"this tree": ROOT / "src"}
    if args.baseline is not None:
        sources["baseline"] = args.baseline.resolve()
    trees = tree_environments(cache, sources, env)
    packs_caches = {name: Path(tree_env["XDG_CACHE_HOME"]) / "hfs-desktop" / "packs"
                    for name, tree_env in trees.items()}
    query = yaml.safe_load((HERE / "queries" / "speed.yaml").read_text(
        encoding="utf-8"))["queries"][0]["text"]
    try:
        for pack in args.pack:
            roots = [str(pack.resolve())]
            for tree_env in trees.values():  # builds the index and the pack cache once
                run(CHILD, ["eager", query, *roots], tree_env)
            if args.profile is not None:
                out = args.profile.parent / f"{args.profile.name}-{pack.name}.prof"
                run(CHILD, ["eager", query, *roots], trees["this tree"], profile=out)
                print(f"profile of one eager open: {out}")
            cold: dict[str, list[float]] = {name: [] for name in trees}
            lazy: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
            eager: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
            for _ in range(args.runs):
                for name, tree_env in trees.items():
                    if not args.no_cold:
                        shutil.rmtree(packs_caches[name], ignore_errors=True)
                        cold[name].append(
                            float(run(CHILD, ["read", query, *roots], tree_env)["read"]))
                    eager[name].append(run(CHILD, ["eager", query, *roots], tree_env))
                    lazy[name].append(run(CHILD, ["lazy", query, *roots], tree_env))
            print(f"HFS + {pack.name} ({len(trees)} tree(s), runs alternated; first query "
                  f"{query!r}):")
            medians = {name: report(name, cold[name], lazy[name], eager[name], args.runs)
                       for name in trees}
            if "baseline" in medians:
                for kind in ("wall", "CPU"):
                    ours, theirs = (medians["this tree"][kind == "CPU"],
                                    medians["baseline"][kind == "CPU"])
                    print(f"  ratios, baseline / this tree, {kind}: " + "; ".join(
                        f"{key} {theirs[key] / ours[key]:.2f}x" for key in ours
                        if key in theirs and ours[key] > 0))
        if not args.no_typing:
            result = run(SEARCH, [str(HERE / "queries" / "speed.yaml"),
                                  *(str(p) for p in args.pack)], trees["this tree"])
            times = sorted(result["ms"])
            p95 = times[int(0.95 * (len(times) - 1))]
            names = " + ".join(["HFS", *(p.name for p in args.pack)])
            print(f"search as you type over {names}: {result['keystrokes']} keystrokes, "
                  f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, worst "
                  f"{times[-1]:.1f} ms; peak RSS {float(result['rss_mib']):.0f} MiB")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
