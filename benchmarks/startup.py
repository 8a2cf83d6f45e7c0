"""Start-up time: `hfs-desktop --smoke` against a bare PySide6 window that shows and quits.

All runs are fresh processes, alternated in one run (so machine noise hits all alike); the
figures are medians of wall-clock time from process start to the moment the process prints
that it got there (read from its output as it comes; teardown is not counted).

- bare: a PySide6 `QMainWindow` of 1280x800 that shows, prints "shown" once the event loop
  runs, and quits.
- warm: `hfs-desktop --smoke`: starts with the bundled pack, paints, types "hemifacial"
  into the search field and prints "interactive in" when results are listed (time to
  interactive; whatever the smoke run does after that is not counted). The search index
  cache is warm.
- first: the same on a new install: an empty cache folder each time, and the search index
  that the installed app ships (built at packaging time by `hfs-kb index --prebuild`; the
  benchmark builds it once, with the tree's own code, into its temporary folder). A tree
  that cannot prebuild (an older commit) builds its index on every first start.
- first, no shipped index: a new install of a source checkout where `hfs-kb index
  --prebuild` was never run (the index is built); reported for the tree under test only.
- page, warm and first: a reader's first minute: the same query typed as soon as search
  is ready, then the first result opened (Enter); the run ends when its page is shown.
  Reported as seconds from process start to results listed and to the page shown.

`--baseline SRC` runs every hfs-desktop measurement a second time on another source tree
(e.g. an older commit's `src/` from `git archive`, next to its `knowledge/`), alternated in
the same run, for before/after figures under the same noise.

By default the runs use compiled bytecode, as an installed app does (pip compiles the
wheel's modules; this environment sets PYTHONDONTWRITEBYTECODE, so the benchmark keeps its
own bytecode cache in its temporary folder); `--no-bytecode` runs with the environment's
setting (every module of ours compiled from source on every start).

    .venv/bin/python benchmarks/startup.py [--runs 9] [--no-bytecode] [--baseline SRC]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("shown"), app.quit()))
app.exec()
"""
BARE_SHOWN = "shown"

SMOKE = "from hfs_desktop.gui.app import main; import sys; sys.exit(main(['--smoke']))"
INTERACTIVE = "interactive in"
"""What `--smoke` prints when the results are listed (it may go on to use every feature)."""

# The reader's first minute, driven from outside the app: the window is caught as it is
# made, the query typed when search is ready, the first result opened when listed.
PAGE = """
import sys, time
start = time.perf_counter()
from hfs_desktop.gui import app, entity_view, main_window
marks = {}
made = []
init = main_window.MainWindow.__init__
def caught(self, *args, **kwargs):
    init(self, *args, **kwargs)
    made.append(self)
    self.search_ready.connect(lambda: typed(self))
main_window.MainWindow.__init__ = caught
def typed(window):
    panel = window.search_panel
    panel.results_shown.connect(lambda n: listed(window, n))
    panel.set_query("hemifacial")
    panel.run_query()
def listed(window, count):
    if count and "results" not in marks:
        marks["results"] = time.perf_counter() - start
        window.search_panel.open_current()
show_page = entity_view.EntityView.show_page
def shown(self, entity_id, html, *args, **kwargs):
    show_page(self, entity_id, html, *args, **kwargs)
    if entity_id is not None and "page" not in marks:
        marks["page"] = time.perf_counter() - start
        self.window().close()
entity_view.EntityView.show_page = shown
code = app.main([])
print(f"results {marks.get('results', -1):.3f} page {marks.get('page', -1):.3f}")
sys.exit(code or ("page" not in marks))
"""


def run(argv: list[str], env: dict[str, str], marker: str = "") -> tuple[float, str]:
    """Seconds from start to the line holding ``marker`` (to exit without one), and stdout."""
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=errors,
                                   text=True)
        assert process.stdout is not None
        seen: float | None = None
        lines = []
        for line in process.stdout:
            if seen is None and marker and marker in line:
                seen = time.perf_counter() - start
            lines.append(line)
        process.wait(timeout=120)
        elapsed = time.perf_counter() - start
        if process.returncode != 0 or (marker and seen is None):
            errors.seek(0)
            raise SystemExit(f"{argv[-1][:40]!r} failed ({process.returncode}):\n"
                             f"{errors.read()}")
    return (seen if seen is not None else elapsed), "".join(lines)


def environment(home: Path, bytecode: bool) -> dict[str, str]:
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / "cache"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONUNBUFFERED"] = "1"  # each line as it is printed: the moment is the figure
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def new_install(env: dict[str, str], home: Path, n: int) -> dict[str, str]:
    """The environment of a new install: its own, empty cache folder."""
    return dict(env, XDG_CACHE_HOME=str(home / f"cache-new-{n}"))


PREBUILT = "HFS_DESKTOP_PREBUILT_INDEX"
"""Where the app looks for its shipped search index (see `paths.prebuilt_index_dir`)."""


def prebuild(env: dict[str, str], folder: Path) -> dict[str, str]:
    """The tree's environment with the index an installed app ships, built into ``folder``
    with the tree's own code; without one (``PREBUILT`` empty) if the tree cannot."""
    result = subprocess.run([sys.executable, "-m", "hfs_desktop.cli", "index", "--prebuild",
                             str(folder)], env=env, capture_output=True, text=True,
                            check=False)
    return dict(env, **{PREBUILT: str(folder) if result.returncode == 0 else ""})


def summary(name: str, times: list[float], unit: str = "s") -> str:
    return (f"{name:34s} median {statistics.median(times):.3f} {unit} "
            f"(min {min(times):.3f}, max {max(times):.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-bytecode", dest="bytecode", action="store_false",
                        help="leave PYTHONDONTWRITEBYTECODE as the environment has it")
    parser.add_argument("--baseline", metavar="SRC", type=Path,
                        help="also measure this source tree, alternated (before/after)")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hfs-bench-"))
    env = environment(home, args.bytecode)
    trees = {"": prebuild(env, home / "prebuilt")}
    if args.baseline is not None:
        trees["baseline "] = prebuild(dict(env, PYTHONPATH=str(args.baseline.resolve()),
                                           XDG_CACHE_HOME=str(home / "cache-baseline")),
                                      home / "prebuilt-baseline")
    bare = [sys.executable, "-c", BARE]
    smoke = [sys.executable, "-c", SMOKE]
    page = [sys.executable, "-c", PAGE]
    run(bare, env)
    for tree_env in trees.values():
        run(smoke, tree_env)  # builds the search index cache (and the bytecode cache)
        run(page, tree_env)
    times: dict[str, list[float]] = {"bare": []}
    installs = 0
    for _ in range(args.runs):
        times["bare"].append(run(bare, env, BARE_SHOWN)[0])
        for tree, tree_env in trees.items():
            times.setdefault(tree + "warm", []).append(run(smoke, tree_env, INTERACTIVE)[0])
            installs += 1
            times.setdefault(tree + "first", []).append(
                run(smoke, new_install(tree_env, home, installs), INTERACTIVE)[0])
            if not tree and tree_env[PREBUILT]:
                installs += 1
                times.setdefault("first, no shipped index", []).append(
                    run(smoke, dict(new_install(tree_env, home, installs), **{PREBUILT: ""}),
                        INTERACTIVE)[0])
            for kind in ("warm", "first"):
                run_env = tree_env
                if kind == "first":
                    installs += 1
                    run_env = new_install(tree_env, home, installs)
                out = run(page, run_env)[1]
                found = re.search(r"results ([\d.]+) page ([\d.]+)", out)
                assert found, out
                times.setdefault(f"{tree}page {kind}: results", []).append(float(found[1]))
                times.setdefault(f"{tree}page {kind}: page", []).append(float(found[2]))
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each, alternated, "
          f"bytecode: {'compiled' if args.bytecode else 'as the environment has it'}")
    print(summary("bare PySide6 window", times["bare"]))
    b = statistics.median(times["bare"])
    for tree in trees:
        if tree:
            print(f"-- baseline: {args.baseline}")
        print(summary(f"{tree}hfs-desktop --smoke (warm)", times[tree + "warm"]))
        shipped = bool(trees[tree][PREBUILT])
        print(summary(f"{tree}first start ({'shipped index' if shipped else 'builds the index'})",
                      times[tree + "first"]))
        if not tree and shipped:
            print(summary("first start, no shipped index", times["first, no shipped index"]))
        for key in ("page warm: results", "page warm: page", "page first: results",
                    "page first: page"):
            print(summary(f"{tree}{key} (in process)", times[tree + key]))
        warm = statistics.median(times[tree + "warm"])
        first = statistics.median(times[tree + "first"])
        print(f"{tree}time to interactive: {warm / b:.2f}x the bare window (goal: at most 3x)")
        print(f"{tree}first start: {first / warm:.2f}x the warm start (goal: at most 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
