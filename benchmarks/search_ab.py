"""Search as you type on the bundled pack: this tree against a baseline tree, in one process.

    .venv/bin/python benchmarks/search_ab.py --baseline SRC [--warm] [--repeat 5]
        [--library DIR ... --keep DIR]

``SRC`` is another tree's ``src`` folder (for example ``git archive COMMIT src knowledge
resources | tar -x -C DIR``, then ``DIR/src``). Its ``hfs_desktop`` is imported beside this
one under another name (both trees import their own modules relatively), each opens the
bundled pack's index (its own pack and code), and every query of ``queries/speed.yaml`` is
typed letter by letter on the baseline, on this tree and on the FTS5 baseline of
``search.py`` in turn, each keystroke's time the best of ``--repeat`` sequences (CPU time
of the thread; caches cleared before each sequence unless ``--warm``). On a shared machine
the three then meet the same moments of load, which separate processes do not: the ratios
to FTS5 of both trees come from one FTS5 measurement.

``--library DIR`` (repeatable): the bundled pack and these packs opened together through each
tree's ``Library`` (its search fans out to every pack's index, as in the app), against one
FTS5 table over all their texts (as ``search.py --library``); ``--keep DIR`` keeps the
indexes (both trees build the same ones).
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from search import Fts5, load_queries, p95, prefixes


def _import_as(name: str, package_dir: Path, links: Path) -> Any:
    (links / name).symlink_to(package_dir.resolve(), target_is_directory=True)
    return importlib.import_module(name)


class _Packs:
    """A tree's Library over the bundled pack and more, searched as one index is."""

    def __init__(self, library: Any) -> None:
        self._library = library
        self._indexes = [entry.index for entry in library.packs if entry.index is not None]
        self.packs = [entry.pack for entry in library.packs]

    def clear_caches(self) -> None:
        for index in self._indexes:
            index.clear_caches()

    def search(self, text: str, limit: int) -> Any:
        return self._library.search(text, limit)

    def close(self) -> None:
        for index in self._indexes:
            index.close()


def _library(tree: Any, roots: list[Path], cache: Path) -> _Packs:
    library = importlib.import_module(tree.__name__ + ".library").Library
    bundled = importlib.import_module(tree.__name__ + ".paths").bundled_pack_dir()
    opened = library.read([bundled, *roots], bundled)
    opened.open_search(cache)
    return _Packs(opened)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, metavar="SRC")
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--library", type=Path, action="append", default=[], metavar="DIR")
    parser.add_argument("--keep", type=Path, metavar="DIR")
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent / "src" / "hfs_desktop"
    clock = time.thread_time
    with tempfile.TemporaryDirectory() as tmp:
        links = Path(tmp) / "links"
        links.mkdir()
        sys.path.insert(0, str(links))
        trees = {"baseline": _import_as("hfs_baseline", args.baseline / "hfs_desktop", links),
                 "this tree": _import_as("hfs_this", here, links)}
        indexes: dict[str, Any] = {}
        packs: Any = None
        for label, tree in trees.items():
            if args.library:
                indexes[label] = _library(tree, args.library, (args.keep or Path(tmp)) /
                                          ("library" if args.keep else label))
                packs = indexes[label].packs
                continue
            load_pack = importlib.import_module(tree.__name__ + ".pack").load_pack
            search = importlib.import_module(tree.__name__ + ".search")
            packs = load_pack()
            indexes[label] = search.open_index(packs, Path(tmp) / label)
        fts = Fts5(packs, Path(tmp) / "fts5.sqlite")
        times: dict[str, list[float]] = {label: [] for label in [*indexes, "FTS5"]}
        for query in load_queries():
            typed = prefixes(query)
            best = {label: [float("inf")] * len(typed) for label in times}
            for _ in range(args.repeat):
                for label, index in indexes.items():
                    if not args.warm:
                        index.clear_caches()
                    for i, text in enumerate(typed):
                        start = clock()
                        index.search(text, limit=50)
                        best[label][i] = min(best[label][i], clock() - start)
                for i, text in enumerate(typed):
                    start = clock()
                    fts.search(text, 50)
                    best["FTS5"][i] = min(best["FTS5"][i], clock() - start)
            for label in times:
                times[label] += [t * 1000 for t in best[label]]
        for index in indexes.values():
            index.close()
        fts.close()
    theirs = times["FTS5"]
    print(f"{len(theirs)} keystrokes, {'warm' if args.warm else 'cold'}, CPU time, best of "
          f"{args.repeat}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    for label, ours in times.items():
        line = (f"{label:<10} median {statistics.median(ours):.3f}  p95 {p95(ours):.2f}  "
                f"mean {statistics.mean(ours):.3f} ms")
        if label != "FTS5":
            line += (f"  | ratio median {statistics.median(ours) / statistics.median(theirs):.1f}x"
                     f"  p95 {p95(ours) / p95(theirs):.1f}x"
                     f"  mean {statistics.mean(ours) / statistics.mean(theirs):.1f}x")
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
