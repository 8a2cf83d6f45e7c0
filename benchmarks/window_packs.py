"""The window with an added pack: when search works, when pages open, and when a page of the
added pack is shown, as the reader meets them.

    .venv/bin/python benchmarks/window_packs.py --pack GO [--runs 5] [--baseline SRC]
        [--cache DIR]

Each run is a fresh `hfs-desktop --pack PACK` (offscreen, compiled bytecode, its own
settings and data folders), the pack and index caches warm (built once before the runs;
``--cache DIR`` keeps them between runs of the benchmark, as in `library_open.py`). The
window is caught as it is made; seconds from process start, wall and CPU of the process
(`time.process_time`, every thread):

- ``search ready``: the window's ``search_ready`` (typing gives results);
- ``asked: page``: a run that asks for the added pack's first entity's page the moment
  search is ready (as a reader clicking a result of that pack at once would); the moment
  that page is shown;
- ``idle: pages``: a run where nobody types or clicks: the window's ``ready`` (from then on
  every page opens at once).

Two kinds of run, alternated with each other and between the trees (``--baseline SRC``: an
older commit's ``src/`` from ``git archive``, next to its ``knowledge/``); medians printed.
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
from pathlib import Path
from typing import Any

from library_open import tree_environments

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, sys, time
start = time.perf_counter()
from hfs_desktop.gui import app, entity_view, main_window
mode, pack = sys.argv[1], sys.argv[2]
marks = {}
def mark(name):
    if name not in marks:
        marks[name] = time.perf_counter() - start
        marks[name + " cpu"] = time.process_time()
wanted = []
init = main_window.MainWindow.__init__
def caught(self, *args, **kwargs):
    init(self, *args, **kwargs)
    self.search_ready.connect(lambda: searchable(self))
    self.ready.connect(lambda: loaded(self))
main_window.MainWindow.__init__ = caught
def searchable(window):
    mark("search ready")
    if mode == "asked":
        added = window.library.packs[-1]
        wanted.append(added.id + "/" + next(iter(added.pack.entities)))
        window.open_entity(wanted[0])
def loaded(window):
    mark("pages")
    if mode == "idle":
        window.close()
show_page = entity_view.EntityView.show_page
def shown(self, entity_id, html, *args, **kwargs):
    show_page(self, entity_id, html, *args, **kwargs)
    if wanted and entity_id == wanted[0]:
        mark("page")
        self.window().close()
entity_view.EntityView.show_page = shown
code = app.main(["--pack", pack])
print(json.dumps(marks))
sys.exit(code)
"""

KINDS = [("asked", "search ready"), ("asked", "page"), ("idle", "search ready"),
         ("idle", "pages")]


def run(env: dict[str, str], mode: str, pack: Path, home: Path, n: int) -> dict[str, Any]:
    run_env = dict(env, XDG_CONFIG_HOME=str(home / f"config-{n}"),
                   XDG_DATA_HOME=str(home / f"data-{n}"))
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(pack)], env=run_env,
                          capture_output=True, text=True, check=False, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed ({done.returncode}):\n{done.stderr}")
    marks: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", metavar="SRC", type=Path)
    parser.add_argument("--cache", metavar="DIR", type=Path,
                        help="keep the indexes and pack cache here between runs")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hfs-bench-window-"))
    cache = args.cache.resolve() if args.cache is not None else home / ".cache"
    env = dict(os.environ, HOME=str(home), PYTHONPYCACHEPREFIX=str(home / "pycache"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    sources = {"this tree": ROOT / "src"}
    if args.baseline is not None:
        sources["baseline"] = args.baseline.resolve()
    trees = tree_environments(cache, sources, env)  # as library_open.py lays them out
    pack = args.pack.resolve()
    figures: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    count = 0
    try:
        for tree_env in trees.values():  # the caches (and the bytecode) made once
            count += 1
            run(tree_env, "asked", pack, home, count)
        for _ in range(args.runs):
            for mode in ("asked", "idle"):
                for name, tree_env in trees.items():
                    count += 1
                    marks = run(tree_env, mode, pack, home, count)
                    for kind, key in KINDS:
                        if kind == mode and key in marks:
                            figures[name].setdefault(f"{mode}: {key}", []).append(marks[key])
                            figures[name].setdefault(f"{mode}: {key} cpu", []).append(
                                marks[key + " cpu"])
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"hfs-desktop --pack {pack.name}: medians of {args.runs} fresh processes per tree "
          "and kind, alternated; seconds from process start, wall and CPU")
    medians = {name: {key: statistics.median(values) for key, values in rows.items()}
               for name, rows in figures.items()}
    for name, rows in medians.items():
        print(f"  {name}:")
        for kind, key in KINDS:
            label = f"{kind}: {key}"
            if label in rows:
                print(f"    {label:<22} {rows[label]:7.3f} {rows[label + ' cpu']:7.3f}   "
                      f"(min {min(figures[name][label]):.3f}, "
                      f"max {max(figures[name][label]):.3f})")
    if "baseline" in medians:
        ours, theirs = medians["this tree"], medians["baseline"]
        shown = [f"{kind}: {key}" for kind, key in KINDS]
        print("  ratios, baseline / this tree, wall (CPU): " + "; ".join(
            f"{key} {theirs[key] / ours[key]:.2f}x "
            f"({theirs[key + ' cpu'] / ours[key + ' cpu']:.2f}x)"
            for key in shown if key in ours and key in theirs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
