"""Opening packs through the Library at ontology size, and searching several at once.

    .venv/bin/python benchmarks/library_open.py --pack HPO [--pack GO] [--runs 5]

Each measurement runs in a fresh process (what a start costs), alternated over the runs;
medians are printed. For each pack given (opened beside the bundled pack, as the app does):

- ``read, YAML``: `Library.read` with the pack cache emptied (YAML/JSON Lines + validation);
- ``read, cached``: `Library.read` from the pack cache (the normal start after the first);
- ``open``: read (cached) plus `open_search` on an index already in the cache plus `link`
  (graphs and same-concept links): the whole open before the first page;
- ``rss``: resident memory after that open, and after a search of every query.

Then search as you type over all packs together (HFS + the packs given): every prefix of
the fixed query list ``benchmarks/queries/speed.yaml``, as typed, through `Library.search`
(in one process, index caches warm after the first query); median, p95 and worst in ms.
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from hfs_desktop.library import Library
from hfs_desktop.paths import bundled_pack_dir, search_cache_dir
mode, roots = sys.argv[1], [Path(p) for p in sys.argv[2:]]
out = {}
library = Library.read([bundled_pack_dir(), *roots], bundled_pack_dir())
out["read"] = time.perf_counter() - start
if mode == "open":
    library.open_search(search_cache_dir())
    library.link()
    out["open"] = time.perf_counter() - start
    out["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""

SEARCH = r"""
import json, resource, sys, time
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


def run(code: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", action="append", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hfs-bench-home-"))
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"),
               PYTHONPATH=str(ROOT / "src"))
    packs_cache = home / ".cache" / "hfs-desktop" / "packs"
    try:
        for pack in args.pack:
            roots = [str(pack)]
            run(CHILD, ["open", *roots], env)  # builds the index and the pack cache once
            cold: list[float] = []
            warm: list[float] = []
            opened: list[float] = []
            rss: list[float] = []
            for _ in range(args.runs):
                shutil.rmtree(packs_cache, ignore_errors=True)
                cold.append(float(run(CHILD, ["read", *roots], env)["read"]))
                warm.append(float(run(CHILD, ["read", *roots], env)["read"]))
                result = run(CHILD, ["open", *roots], env)
                opened.append(float(result["open"]))
                rss.append(float(result["rss_mib"]))
            print(f"HFS + {pack.name}: read, YAML {statistics.median(cold):.2f} s; "
                  f"read, cached {statistics.median(warm):.2f} s; open (cached pack and index, "
                  f"graphs linked) {statistics.median(opened):.2f} s; "
                  f"peak RSS {statistics.median(rss):.0f} MiB  (medians of {args.runs})")
        result = run(SEARCH, [str(HERE / "queries" / "speed.yaml"),
                              *(str(p) for p in args.pack)], env)
        times = sorted(result["ms"])
        p95 = times[int(0.95 * (len(times) - 1))]
        names = " + ".join(["HFS", *(p.name for p in args.pack)])
        print(f"search as you type over {names}: {result['keystrokes']} keystrokes, median "
              f"{statistics.median(times):.1f} ms, p95 {p95:.1f} ms, worst {times[-1]:.1f} ms; "
              f"peak RSS {float(result['rss_mib']):.0f} MiB")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
