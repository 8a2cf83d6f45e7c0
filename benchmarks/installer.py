"""Installer figures: artefact sizes, and the frozen app's start against the venv's.

Both programs run `hfs-desktop --smoke` as fresh processes, alternated (machine noise hits
both alike), offscreen, with one warm-up run each (the search index cache is built once).
Two times per run, wall clock from the process start: until the smoke prints "interactive"
(results listed for the typed query: the time to interactive, bootloader and interpreter
start included) and until it exits (after the feature pass: page, graph, PDF...). Beside
each, the process's CPU time (user + system, all its threads; Linux /proc, 10 ms ticks):
on a shared, loaded machine the wall clock mostly measures waiting for a core, the CPU time
what each program itself does.

    python benchmarks/installer.py [--runs 11] [--frozen dist/hfs-desktop/hfs-desktop]
        [--venv build/installer/venv/bin/hfs-desktop] [--dist dist]

The defaults are what installer/build.sh leaves: the bundle and the clean venv it was
built from (the same Debian python3 and the same packages).
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process so far (Linux; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Seconds to the "interactive" line and to exit, wall clock and CPU, of one --smoke
    run: (wall interactive, wall exit, CPU interactive, CPU exit)."""
    start = time.perf_counter()
    proc = subprocess.Popen([*argv, "--smoke"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    interactive = cpu_interactive = 0.0
    for line in proc.stdout:
        if not interactive and "interactive in" in line:
            interactive = time.perf_counter() - start
            cpu_interactive = cpu_seconds(proc.pid)
    err = proc.stderr.read() if proc.stderr else ""
    _pid, status, usage = os.wait4(proc.pid, 0)
    code = proc.returncode = os.waitstatus_to_exitcode(status)
    total = time.perf_counter() - start
    if code != 0 or not interactive:
        raise SystemExit(f"{argv[0]} --smoke failed ({code}):\n{err}")
    return interactive, total, cpu_interactive, usage.ru_utime + usage.ru_stime


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def mb(size: float) -> str:
    return f"{size / 2**20:.1f} MiB"


def sizes(dist: Path) -> None:
    bundle = dist / "hfs-desktop"
    if bundle.is_dir():
        print(f"bundle (dist/hfs-desktop, self-contained): {mb(folder_size(bundle))}")
    for deb in sorted(dist.glob("hfs-desktop_*.deb")):
        fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Installed-Size", "Depends"],
                                capture_output=True, text=True, check=True).stdout
        installed = int(fields.split("Installed-Size:")[1].split()[0]) * 1024
        depends = fields.split("Depends:")[1].count(",") + 1
        print(f".deb {deb.name}: {mb(deb.stat().st_size)}, installed {mb(installed)}, "
              f"{depends} dependencies")
    for tarball in sorted(dist.glob("hfs-desktop-*-linux-*.tar.xz")):
        print(f"archive {tarball.name}: {mb(tarball.stat().st_size)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--frozen", type=Path, default=ROOT / "dist/hfs-desktop/hfs-desktop")
    parser.add_argument("--venv", default=str(ROOT / "build/installer/venv/bin/hfs-desktop"),
                        help="the command to compare with (split like a shell would)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    sizes(args.dist)
    home = Path(tempfile.mkdtemp(prefix="hfs-bench-"))
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / "cache"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    programs = {"frozen": [str(args.frozen)], "venv": shlex.split(args.venv)}
    results: dict[str, list[tuple[float, float, float, float]]] = {
        name: [] for name in programs}
    for argv in programs.values():
        timed(argv, env)  # warm-up: builds the index cache, fills the page cache
    for _ in range(args.runs):
        for name, argv in programs.items():
            results[name].append(timed(argv, env))
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each, alternated")

    def median(name: str, column: int) -> float:
        return statistics.median(run[column] for run in results[name])

    for name, runs in results.items():
        first = [r[0] for r in runs]
        print(f"{name:7s} interactive: median {median(name, 0):.3f} s "
              f"(min {min(first):.3f}, max {max(first):.3f}), CPU {median(name, 2):.3f} s; "
              f"exit after the feature pass: median {median(name, 1):.3f} s, "
              f"CPU {median(name, 3):.3f} s")
    print(f"frozen / venv (interactive): wall {median('frozen', 0) / median('venv', 0):.2f}, "
          f"CPU {median('frozen', 2) / median('venv', 2):.2f} (goal: at most 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
