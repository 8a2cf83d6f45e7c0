"""Start-up time: `hfs-desktop --smoke` against a bare PySide6 window that shows and quits.

Both run as fresh processes, alternated in one run (so machine noise hits both alike); the
figures are medians of wall-clock time from process start to exit. `--smoke` starts with
the bundled pack, paints, types "hemifacial" into the search field and exits when results
are listed: the time to interactive. The search index cache is warmed once first (a new
install builds it once, on the first start).

    .venv/bin/python benchmarks/startup.py [--runs 9]
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
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

SMOKE = "from hfs_desktop.gui.app import main; import sys; sys.exit(main(['--smoke']))"


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{argv[-1][:40]!r} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hfs-bench-"))
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / "cache"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    bare = [sys.executable, "-c", BARE]
    smoke = [sys.executable, "-c", SMOKE]
    first = timed(smoke, env)  # builds the search index cache, as a first start does
    timed(bare, env)
    bare_times: list[float] = []
    smoke_times: list[float] = []
    for _ in range(args.runs):
        bare_times.append(timed(bare, env))
        smoke_times.append(timed(smoke, env))
    b, s = statistics.median(bare_times), statistics.median(smoke_times)
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each, alternated")
    print(f"bare PySide6 window:           median {b:.3f} s "
          f"(min {min(bare_times):.3f}, max {max(bare_times):.3f})")
    print(f"hfs-desktop --smoke:           median {s:.3f} s "
          f"(min {min(smoke_times):.3f}, max {max(smoke_times):.3f})")
    print(f"first start (builds the index): {first:.3f} s")
    print(f"ratio: {s / b:.2f}x (goal: at most 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
