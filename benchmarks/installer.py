"""Installer figures: artefact sizes, and the installed app's start against the venv's.

Three ways to start the same bundle, and the venv, run `hfs-desktop --smoke` as fresh
processes, alternated (machine noise hits all alike), offscreen, with one warm-up run each
(each has its own home folder: the search index cache is built once per program):

- `launcher`: the .deb's /usr/bin/hfs-desktop as build.sh stages it (build/installer/deb),
  its paths moved to that folder: Debian's python3.11 runs the bundle (installer/linux/
  start.py), the way the installed package starts when python3.11 is installed;
- `bootloader`: the PyInstaller executable of the same staged .deb tree (the fallback;
  Debian's libraries from the system, as installed);
- `venv`: the clean venv the bundle was built from (the same Debian python3, the same
  packages).

Two times per run, wall clock from the process start: until the smoke prints "interactive"
(results listed for the typed query: the time to interactive, launcher, bootloader and
interpreter start included) and until it exits (after the feature pass: page, graph,
PDF...). Beside each, the process's CPU time (user + system, all its threads; Linux /proc,
10 ms ticks, and wait4 at exit): on a shared, loaded machine the wall clock mostly measures
waiting for a core, the CPU time what each program itself does. Then `hfs-kb --version`
(the CLI's whole import, no Qt) of each, alternated, CPU from wait4.

    python benchmarks/installer.py [--runs 11] [--cli-runs 40] [--staged build/installer/deb]
        [--frozen PATH] [--venv build/installer/venv/bin/hfs-desktop] [--dist dist]

The defaults are what installer/build.sh leaves. Without a staged .deb tree, the bundle in
dist/ is the bootloader and there is no launcher.
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


def cli_timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall clock and CPU seconds of one `hfs-kb --version` run."""
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], [*argv, "--version"], env,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
    _pid, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv[0]} --version failed")
    return wall, usage.ru_utime + usage.ru_stime


def staged_launchers(staged: Path, folder: Path) -> Path | None:
    """Copies of the staged .deb's /usr/bin programs whose paths point into the staged tree
    (nothing else changed); the folder holding them, or None without a staged tree."""
    lib = staged / "usr/lib/hfs-desktop"
    if not (lib / "start.py").is_file():
        return None
    for name in ("hfs-desktop", "hfs-kb"):
        text = (staged / "usr/bin" / name).read_text(encoding="utf-8")
        assert "\nlib=/usr/lib/hfs-desktop\n" in text, "not the launcher build.sh writes"
        copy = folder / name
        copy.write_text(text.replace("\nlib=/usr/lib/hfs-desktop\n", f"\nlib={lib}\n"),
                        encoding="utf-8")
        copy.chmod(0o755)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--cli-runs", type=int, default=40)
    parser.add_argument("--staged", type=Path, default=ROOT / "build/installer/deb")
    parser.add_argument("--frozen", type=Path, default=None,
                        help="the PyInstaller executable (default: the staged .deb's, else "
                        "dist/hfs-desktop/hfs-desktop)")
    parser.add_argument("--venv", default=str(ROOT / "build/installer/venv/bin/hfs-desktop"),
                        help="the command to compare with (split like a shell would)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    sizes(args.dist)
    scratch = Path(tempfile.mkdtemp(prefix="hfs-bench-"))
    frozen = args.frozen
    if frozen is None:
        frozen = args.staged / "usr/lib/hfs-desktop/hfs-desktop"
        if not frozen.is_file():
            frozen = args.dist / "hfs-desktop/hfs-desktop"
    programs = {"bootloader": [str(frozen)], "venv": shlex.split(args.venv)}
    (scratch / "bin").mkdir()
    launchers = staged_launchers(args.staged, scratch / "bin")
    if launchers is not None:
        programs = {"launcher": [str(launchers / "hfs-desktop")], **programs}
        trace = subprocess.run(["/bin/sh", "-x", str(launchers / "hfs-kb"), "--version"],
                               capture_output=True, text=True, check=True).stderr
        print("launcher runs:", trace.strip().splitlines()[-1].lstrip("+ "))
    envs = {}
    for name in programs:
        home = scratch / name
        envs[name] = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / "cache"),
                          XDG_CONFIG_HOME=str(home / "config"),
                          XDG_DATA_HOME=str(home / "data"))
        envs[name].setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[str, list[tuple[float, float, float, float]]] = {
        name: [] for name in programs}
    for name, argv in programs.items():
        timed(argv, envs[name])  # warm-up: builds the index cache, fills the page cache
    for _ in range(args.runs):
        for name, argv in programs.items():
            results[name].append(timed(argv, envs[name]))
    print(f"platform: {envs['venv']['QT_QPA_PLATFORM']}, runs: {args.runs} each, alternated")

    def median(name: str, column: int) -> float:
        return statistics.median(run[column] for run in results[name])

    for name, runs in results.items():
        first = [r[0] for r in runs]
        print(f"{name:10s} interactive: median {median(name, 0):.3f} s "
              f"(min {min(first):.3f}, max {max(first):.3f}), CPU {median(name, 2):.3f} s; "
              f"exit after the feature pass: median {median(name, 1):.3f} s, "
              f"CPU {median(name, 3):.3f} s")
    for name in programs:
        if name != "venv":
            ratios = [median(name, column) / median("venv", column) for column in range(4)]
            print(f"{name} / venv: interactive wall {ratios[0]:.2f}, CPU {ratios[2]:.2f}; "
                  f"exit wall {ratios[1]:.2f}, CPU {ratios[3]:.2f} (goal: at most 1)")

    clis = {name: [str(Path(argv[0]).with_name("hfs-kb")), *argv[1:]]
            for name, argv in programs.items()}
    clis = {name: argv for name, argv in clis.items() if Path(argv[0]).is_file()}
    cli_results: dict[str, list[tuple[float, float]]] = {name: [] for name in clis}
    for name, argv in clis.items():
        cli_timed(argv, envs[name])  # warm-up
    for _ in range(args.cli_runs):
        for name, argv in clis.items():
            cli_results[name].append(cli_timed(argv, envs[name]))
    for name, cli_runs in cli_results.items():
        wall = statistics.median(run[0] for run in cli_runs) * 1000
        cpu = statistics.median(run[1] for run in cli_runs) * 1000
        print(f"hfs-kb --version, {name:10s}: median wall {wall:.1f} ms, CPU {cpu:.1f} ms "
              f"({args.cli_runs} runs, alternated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
