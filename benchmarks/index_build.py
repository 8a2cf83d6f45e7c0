"""Index build against SQLite FTS5's build over the same texts: wall clock and CPU time.

Builds, in turn and ``--repeat`` times: the FTS5 table of ``benchmarks/search.py`` (the fixed
baseline), our index in this process (one writer) and our index as the app builds it
(``build_index_in_subprocess``: a child process with ``--procs`` writers). CPU time is this
process's for the first two and the child's plus its helpers' for the last (``getrusage``
of waited-for children). Printed: each build's median wall and CPU seconds, and the ratios
ours / FTS5 (medians), with the load average before and after.

    .venv/bin/python benchmarks/index_build.py [--generated N] [--pack DIR ...]
        [--repeat 3] [--procs 2] [--skip-one]

``--generated N`` is the bundled pack plus N made-up entities (as in ``search.py``); ``--pack``
measures a pack folder (an imported ontology: ``hfs-kb import-obo hp.obo -o HPO``).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hfs_desktop.pack import Pack, load_pack
from hfs_desktop.search import open_index
from hfs_desktop.search.background import build_index_in_subprocess
from search import Fts5, generated_pack


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(build: Callable[[Path], object], children: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of one build into a fresh folder."""
    cpu = _children_cpu if children else _own_cpu
    with tempfile.TemporaryDirectory() as tmp:
        cpu0, wall0 = cpu(), time.perf_counter()
        build(Path(tmp))
        return time.perf_counter() - wall0, cpu() - cpu0


def measure(title: str, pack: Pack, repeat: int, procs: int, one: bool) -> None:
    builds: dict[str, Callable[[Path], object]] = {
        "FTS5": lambda tmp: Fts5(pack, tmp / "fts5.sqlite").close(),
        "ours, one process": lambda tmp: open_index(pack, tmp / "cache").close(),
        f"ours, child process, {procs} writers":
            lambda tmp: build_index_in_subprocess(pack, tmp / "split", procs=procs),
    }
    if not one:
        del builds["ours, one process"]
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in builds}
    load0 = os.getloadavg()
    for _ in range(repeat):
        for name, build in builds.items():
            times[name].append(timed(build, children=name.startswith("ours, child")))
    load1 = os.getloadavg()
    print(f"\n## {title}: {len(pack.entities)} entities, best/median of {repeat}; load "
          f"{load0[0]:.1f} -> {load1[0]:.1f}")
    fts_wall = statistics.median(w for w, _ in times["FTS5"])
    fts_cpu = statistics.median(c for _, c in times["FTS5"])
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:<34} wall {wall:8.2f} s ({wall / fts_wall:5.1f}x)   "
              f"CPU {cpu:8.2f} s ({cpu / fts_cpu:5.1f}x)   walls "
              + " ".join(f"{w:.1f}" for w, _ in runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, action="append", default=[], metavar="DIR")
    parser.add_argument("--generated", type=int, default=47000, metavar="N")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--skip-one", action="store_true",
                        help="leave out the one-process build")
    args = parser.parse_args()
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    hfs = load_pack()
    if args.generated:
        measure("Generated pack", generated_pack(hfs, args.generated), args.repeat,
                args.procs, not args.skip_one)
    for folder in args.pack:
        measure(str(folder), load_pack(folder), args.repeat, args.procs, not args.skip_one)
    return 0


if __name__ == "__main__":
    sys.exit(main())
