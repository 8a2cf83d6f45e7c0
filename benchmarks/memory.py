"""Idle memory: the resident set 5 s after start, hfs-desktop against a bare PySide6 window.

Each run is a fresh process, alternated in one run: a bare `QMainWindow` of 1280x800 that
shows and idles; `hfs-desktop --open hemifacial-spasm --size 1280x800` (the page open);
the same with `--graph` (the graph view open too). The resident set (VmRSS, and its
anonymous part, RssAnon: memory the process made rather than mapped from files) is read
from /proc 5 s after the process started; the process is then stopped. Medians over the
runs. Linux only (it reads /proc).

`--baseline SRC` measures another source tree too (e.g. an older commit's `src/`),
alternated in the same run.

    .venv/bin/python benchmarks/memory.py [--runs 5] [--after 5] [--baseline SRC]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""

APP = "from hfs_desktop.gui.app import main; import sys; sys.exit(main(sys.argv[1:]))"
PAGE = ["--open", "hemifacial-spasm", "--size", "1280x800"]
MIB = 1024 * 1024


def status(pid: int) -> dict[str, int]:
    """VmRSS and RssAnon of a process, in bytes."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "RssAnon"):
            values[key] = int(rest.split()[0]) * 1024
    return values


def measure(argv: list[str], env: dict[str, str], after: float) -> dict[str, int]:
    start = time.monotonic()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(max(0.0, after - (time.monotonic() - start)))
        if process.poll() is not None:
            raise SystemExit(f"{argv[2:]} exited early ({process.returncode}):\n"
                             f"{process.stderr.read() if process.stderr else ''}")
        return status(process.pid)
    finally:
        process.kill()
        process.communicate()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--after", type=float, default=5.0, help="seconds after start")
    parser.add_argument("--baseline", metavar="SRC", type=Path,
                        help="also measure this source tree, alternated (before/after)")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hfs-bench-"))
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / "cache"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    runs = {
        "bare PySide6 window": [sys.executable, "-c", BARE],
        "hfs-desktop --open hemifacial-spasm": [sys.executable, "-c", APP, *PAGE],
        "  the same with --graph": [sys.executable, "-c", APP, *PAGE, "--graph"],
    }
    envs = {name: env for name in runs}
    if args.baseline is not None:
        base_env = dict(env, PYTHONPATH=str(args.baseline.resolve()),
                        XDG_CACHE_HOME=str(home / "cache-baseline"))
        for name in list(runs)[1:]:
            runs["baseline: " + name.strip()] = runs[name]
            envs["baseline: " + name.strip()] = base_env
    # Warm the search index caches first: idle memory is measured on a warm start.
    for run_env in {id(e): e for e in envs.values()}.values():
        subprocess.run([sys.executable, "-c", APP, "--smoke"], env=run_env, check=True,
                       capture_output=True)
    found: dict[str, list[dict[str, int]]] = {name: [] for name in runs}
    for _ in range(args.runs):
        for name, argv in runs.items():
            found[name].append(measure(argv, envs[name], args.after))
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.runs} runs each, alternated, "
          f"read {args.after:g} s after start")
    medians = {name: {key: statistics.median(v[key] for v in values) for key in values[0]}
               for name, values in found.items()}
    bare = medians["bare PySide6 window"]["VmRSS"]
    for name, values in found.items():
        rss = [v["VmRSS"] / MIB for v in values]
        print(f"{name:38s} RSS median {statistics.median(rss):6.1f} MiB "
              f"(min {min(rss):.1f}, max {max(rss):.1f}); anonymous "
              f"{medians[name]['RssAnon'] / MIB:.1f} MiB; "
              f"{medians[name]['VmRSS'] / bare:.2f}x the bare window")
    print("goal: at most 2x the bare window with the page open")
    return 0


if __name__ == "__main__":
    sys.exit(main())
