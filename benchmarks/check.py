"""Article checker speed: a 5,000-word article checked, as the CLI and the window do it.

The article is made of the checker's real inputs (the two source articles and the test
article, in turn) up to ``--words`` words. Timed, each ``--repeat`` times, medians printed:

- build: the checker made from a loaded pack (names, thesaurus, claim profiles);
- check: the article split and every statement matched (what the goal of 2 s is about);
- end to end: pack loaded, checker built, article checked, report data made (in this
  process: word caches warm after the first run);
- CLI: `hfs-kb check FILE --json` as a new process, every cache cold (Python's start
  included), beside the same command on a one-sentence file (what start-up and loading
  the pack cost alone).

    python benchmarks/check.py [--words 5000] [--repeat 7] [--seeds DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hfs_desktop.check import ArticleChecker
from hfs_desktop.check.report import summarise, to_plain
from hfs_desktop.pack import load_pack

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "check"
SEEDS = Path("/work/shared/seeds")
GOAL = 2.0


def article(words: int, seeds: Path) -> str:
    """Paragraphs of real articles, in turn, until the text has ``words`` words."""
    sources = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    sources.append((DATA / "article.txt").read_text(encoding="utf-8"))
    paragraphs = [p for text in sources for p in text.split("\n\n") if p.strip()]
    out: list[str] = []
    count = 0
    index = 0
    while count < words:
        paragraph = paragraphs[index % len(paragraphs)]
        out.append(paragraph)
        count += len(paragraph.split())
        index += 1
    return "\n\n".join(out)


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def _cli(path: Path) -> None:
    command = [sys.executable, "-c", "import sys; from hfs_desktop.cli import main; "
               "sys.exit(main(sys.argv[1:]))", "check", str(path), "--json"]
    subprocess.run(command, check=True, env=dict(os.environ), stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args(argv)
    text = article(args.words, args.seeds)
    pack = load_pack()
    checker = ArticleChecker(pack)
    statements = len(checker.check(text))

    def end_to_end() -> None:
        fresh = load_pack()
        results = ArticleChecker(fresh).check(text)
        summarise(fresh, results)
        [to_plain(fresh, r) for r in results]

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        short = Path(folder) / "short.txt"
        short.write_text("Botox helps.\n", encoding="utf-8")
        runs = max(3, args.repeat // 2)
        cli_short = timed(lambda: _cli(short), runs)
        cli = timed(lambda: _cli(path), runs)
    rows = [("build", timed(lambda: ArticleChecker(pack), args.repeat)),
            ("check", timed(lambda: checker.check(text), args.repeat)),
            ("end to end", timed(end_to_end, args.repeat)),
            ("CLI", cli), ("CLI, 1 line", cli_short)]
    print(f"Python {platform.python_version()} on {platform.machine()}; "
          f"{len(text.split())} words, {statements} statements; {args.repeat} runs each")
    for name, times in rows:
        median = statistics.median(times)
        print(f"{name:<11} median {median * 1000:8.1f} ms   min {min(times) * 1000:8.1f} ms"
              f"   max {max(times) * 1000:8.1f} ms   {median / GOAL:.2f}x of the {GOAL:.0f} s "
              f"goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
