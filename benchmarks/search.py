"""Search speed against SQLite FTS5: index build and search as you type.

The same texts our index indexes (names, aliases, search terms, codes, and the body text:
summary, details, statement, rationales, sources' fields) are put into an FTS5 table
(``unicode61 remove_diacritics 2``, ``prefix='1 2 3'``; last word as a prefix, bm25 with
names weighted; kept fixed as the baseline). Every query of ``benchmarks/queries/speed.yaml``
is typed letter by letter ("h", "he", "hem", ...) through our search API and through FTS5.

The index is built twice: in this process (one writer) and as the app builds it, in a
child process (``build_index_in_subprocess``, ``--procs`` writers on large packs); searches
run on the latter (on a large pack it has one segment per writer).

Each query's letters are typed as one sequence, starting from an index as just opened (our
index's caches of looked-up terms and documents are cleared before each sequence: keystroke
n may use what keystrokes before it looked up, as typing does, but never the previous
repetition or query; ``--warm`` keeps them, as in a session); the time of each keystroke is
the best of ``--repeat`` sequences. Printed per query and overall: median and p95 of both, and
the ratios ours / FTS5; the build times and their ratio.

    .venv/bin/python benchmarks/search.py [--pack DIR ...] [--no-bundled] [--generated N]
        [--library DIR ...] [--limit 50] [--repeat 3] [--clock wall|cpu] [--warm]

``--library DIR`` (repeatable) opens the bundled pack and these packs together through
``Library`` (as the app: one search over every pack's index) against one FTS5 table holding
all their texts; ``--keep DIR`` keeps their indexes between runs.

``--generated N`` adds the bundled pack plus N made-up entities with an HPO-like vocabulary
(the same seed every time; 0 leaves it out). ``--pack DIR`` measures any pack folder (an
imported ontology, e.g. ``hfs-kb import-obo hp.obo -o HPO``). FTS5 has no typo tolerance:
misspelt queries find less there, which is not timed away.
"""

from __future__ import annotations

import argparse
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from hfs_desktop.pack import Entity, Evidence, Location, Pack, load_pack
from hfs_desktop.search import open_index
from hfs_desktop.search.analysis import fold
from hfs_desktop.search.schema import body_text, entity_codes

QUERIES = Path(__file__).resolve().parent / "queries" / "speed.yaml"

_SYLLABLES = ("ab ac ad al am an ar as at ba be bi bo bra bu ca ce chi co cra cu da de di do "
             "du el em en er es fa fe fi fo ga ge gi glo gra he hi ho hy il in ir ka ke la le "
             "li lo lu ma me mi mo mu na ne ni no nu o pa pe phi pla po pro ra re ri ro ru sa "
             "se si so spa ste su ta te ti to tra tu u va ve vi vo xa ze zo")
SYLLABLES = _SYLLABLES.split()
TYPES = ("condition", "symptom", "sign", "treatment", "diagnostic", "anatomy", "cause",
         "complication", "claim")
LEVELS = ("high", "moderate", "low", "very-low", "expert-opinion", "unproven")
_COMMON = ("facial nerve spasm muscle eye brain vessel injection surgery twitching weakness "
          "pain chronic acute syndrome disease disorder abnormality of the left right upper "
          "lower decreased increased")
COMMON = _COMMON.split()


def generated_pack(base: Pack, count: int, seed: int = 7) -> Pack:
    """The HFS pack plus ``count`` made-up entities with an HPO-like vocabulary."""
    rng = random.Random(seed)
    vocab = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
                    for _ in range(count)})

    def phrase(low: int, high: int) -> str:
        return " ".join(rng.choice(vocab) if rng.random() < 0.6 else rng.choice(COMMON)
                        for _ in range(rng.randint(low, high)))

    entities = dict(base.entities)
    for i in range(count):
        kind = rng.choice(TYPES)
        entity = Entity(
            id=f"gen-{i}", type=kind, name=phrase(1, 4).capitalize(),
            location=Location("generated"),
            aliases=tuple(phrase(1, 4) for _ in range(rng.randint(0, 3))),
            summary=phrase(8, 25) + ".", details=phrase(20, 80) + ".",
            codes={"HPO": (f"HP:{i:07d}",)} if rng.random() < 0.5 else {},
            evidence=Evidence(rng.choice(LEVELS)) if kind == "treatment" else None,
        )
        if kind == "claim":
            entity.statement, entity.verdict = phrase(8, 20) + ".", "supported"
        entities[entity.id] = entity
    return Pack(root="generated", meta=base.meta, evidence_levels=base.evidence_levels,
                verdicts=base.verdicts, relation_types=base.relation_types, entities=entities)


def load_queries(path: Path = QUERIES) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(item["text"]) for item in data["queries"]]


def prefixes(query: str) -> list[str]:
    return [query[:n] for n in range(1, len(query) + 1) if query[n - 1] != " "]


class Fts5:
    """The baseline: an FTS5 table over the texts our index indexes, in a file (one table
    over several packs' texts when given several, ids qualified by pack)."""

    def __init__(self, pack: Pack | list[Pack], path: Path) -> None:
        self.db = sqlite3.connect(str(path))
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, name, aliases, "
                        "codes, body, tokenize='unicode61 remove_diacritics 2', "
                        "prefix='1 2 3')")
        packs = pack if isinstance(pack, list) else [pack]
        rows = [(e.id if len(packs) == 1 else f"{p.meta.id}/{e.id}", e.name,
                 " ".join((*e.aliases, *e.search_terms)), " ".join(entity_codes(e)),
                 body_text(e))
                for p in packs for e in p.entities.values()]
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", rows)
        self.db.commit()

    def search(self, text: str, limit: int) -> list[str]:
        words = fold(text).split()
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        rows = self.db.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 10, 8, 10, 1) "
            "LIMIT ?", (match, limit)).fetchall()
        return [row[0] for row in rows]

    def close(self) -> None:
        self.db.close()


CLOCK = time.perf_counter


def time_typing(search: Callable[[str], object], queries: list[str], repeat: int,
                forget: Callable[[], None]) -> dict[str, list[float]]:
    """Per query, the best time (ms) of each keystroke over ``repeat`` typed sequences."""
    clock = CLOCK
    times: dict[str, list[float]] = {}
    for query in queries:
        typed = prefixes(query)
        best = [float("inf")] * len(typed)
        for _ in range(repeat):
            forget()
            for i, prefix in enumerate(typed):
                start = clock()
                search(prefix)
                best[i] = min(best[i], clock() - start)
        times[query] = [t * 1000 for t in best]
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


WARM = False


def _forget(index: Any) -> Callable[[], None]:
    return (lambda: None) if WARM else getattr(index, "clear_caches", lambda: None)


def _build_in_subprocess(pack: Pack, cache: Path, procs: int) -> float | None:
    """Seconds to build the index as the app does (a child process, ``procs`` writers), or
    None where that API does not exist (an older tree measured for comparison)."""
    try:
        from hfs_desktop.search.background import build_index_in_subprocess
    except ImportError:
        return None
    start = time.perf_counter()
    build_index_in_subprocess(pack, cache, procs=procs)
    return time.perf_counter() - start


def print_table(title: str, queries: list[str], ours: dict[str, list[float]],
                theirs: dict[str, list[float]]) -> None:
    """Per query and overall: median and p95 of both, the ratios; then the means."""
    header = (f"{'query':<28}{'n':>3}  {'ours median/p95 ms':>18}  {'FTS5 median/p95 ms':>18}"
              f"  {'ratio median/p95':>16}")
    print(header)
    print("-" * len(header))

    def line(label: str, a: list[float], b: list[float]) -> str:
        return (f"{label:<28}{len(a):>3}  {statistics.median(a):8.2f} {p95(a):9.2f}  "
                f"{statistics.median(b):8.2f} {p95(b):9.2f}  "
                f"{statistics.median(a) / statistics.median(b):7.1f} {p95(a) / p95(b):8.1f}")

    for query in queries:
        print(line(query[:28], ours[query], theirs[query]))
    every_a = [t for q in queries for t in ours[q]]
    every_b = [t for q in queries for t in theirs[q]]
    print(line("ALL", every_a, every_b))
    print(f"mean: ours {statistics.mean(every_a):.2f} ms, FTS5 {statistics.mean(every_b):.2f} "
          f"ms, ratio {statistics.mean(every_a) / statistics.mean(every_b):.1f}x; "
          f"max: ours {max(every_a):.2f} ms, FTS5 {max(every_b):.2f} ms  ({title})")


def report_library(roots: list[Path], queries: list[str], limit: int, repeat: int,
                   keep: Path | None = None) -> None:
    """The bundled pack plus ``roots`` opened together through ``Library`` (as the app
    does: one search fans out to every pack's index), against one FTS5 table over all
    their texts."""
    from hfs_desktop.library import Library
    from hfs_desktop.paths import bundled_pack_dir

    with tempfile.TemporaryDirectory() as tmp:
        cache = (keep or Path(tmp)) / "library"
        start = time.perf_counter()
        library = Library.read([bundled_pack_dir(), *roots], bundled_pack_dir())
        read = time.perf_counter() - start
        start = time.perf_counter()
        library.open_search(cache)
        opened = time.perf_counter() - start
        indexes = [entry.index for entry in library.packs if entry.index is not None]
        packs = [entry.pack for entry in library.packs]
        start = time.perf_counter()
        fts = Fts5(packs, Path(tmp) / "fts5.sqlite")
        fts_build = time.perf_counter() - start

        def forget() -> None:
            if not WARM:
                for index in indexes:
                    index.clear_caches()

        library.search("warm up")
        ours = time_typing(lambda text: library.search(text, limit), queries, repeat, forget)
        theirs = time_typing(lambda text: fts.search(text, limit), queries, repeat,
                             lambda: None)
        for index in indexes:
            index.close()
        fts.close()
    names = " + ".join(entry.name for entry in library.packs)
    title = f"Library: {names}"
    print(f"\n## {title}: {sum(len(p.entities) for p in packs)} entities (limit {limit}, "
          f"best of {repeat})")
    print(f"read {read:.2f} s, indexes opened (or built) {opened:.2f} s; FTS5 build over "
          f"all texts {fts_build:.2f} s")
    print_table(title, queries, ours, theirs)


def report(title: str, pack: Pack, queries: list[str], limit: int, repeat: int,
           procs: int, keep: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        index = open_index(pack, (keep or Path(tmp)) / "cache")
        build = time.perf_counter() - start
        index.close()
        split = _build_in_subprocess(pack, (keep or Path(tmp)) / "split", procs)
        cache = (keep or Path(tmp)) / ("split" if split is not None else "cache")
        start = time.perf_counter()
        index = open_index(pack, cache)
        reopen = time.perf_counter() - start
        start = time.perf_counter()
        fts = Fts5(pack, Path(tmp) / "fts5.sqlite")
        fts_build = time.perf_counter() - start
        index.search("warm up")
        ours = time_typing(lambda text: index.search(text, limit=limit), queries, repeat,
                           _forget(index))
        theirs = time_typing(lambda text: fts.search(text, limit), queries, repeat,
                             lambda: None)
        index.close()
        fts.close()
    print(f"\n## {title}: {len(pack.entities)} entities (limit {limit}, best of {repeat})")
    print(f"build: ours in this process {build:.2f} s (ratio {build / fts_build:.1f}x), "
          + (f"in a child process with {procs} writers {split:.2f} s (ratio "
             f"{split / fts_build:.1f}x; searched below), " if split is not None else "")
          + f"FTS5 {fts_build:.2f} s; cached re-open {reopen * 1000:.0f} ms")
    print_table(title, queries, ours, theirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, action="append", default=[], metavar="DIR",
                        help="also measure this pack folder (repeatable)")
    parser.add_argument("--no-bundled", action="store_true",
                        help="leave the bundled pack out (it still seeds --generated)")
    parser.add_argument("--generated", type=int, default=47000, metavar="N",
                        help="entities made up beside the bundled pack (0: none)")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--procs", type=int, default=2,
                        help="index writers of the child-process build (as the app)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="time searches by wall clock or by the thread's CPU time (on a "
                        "shared machine CPU time is steadier; builds are always wall clock)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep our indexes in DIR and reuse them when intact (the build "
                        "figures are then re-opens: for search-only re-runs)")
    parser.add_argument("--library", type=Path, action="append", default=[], metavar="DIR",
                        help="also measure the bundled pack plus this pack folder opened "
                        "together through the Library, against one FTS5 table over both "
                        "(repeatable: all given open at once; indexes kept in --keep)")
    parser.add_argument("--warm", action="store_true",
                        help="keep our index's caches between queries and repetitions")
    args = parser.parse_args()
    global CLOCK, WARM
    CLOCK = time.perf_counter if args.clock == "wall" else time.thread_time
    WARM = args.warm
    queries = load_queries(args.queries)
    print(f"python {platform.python_version()} on {platform.platform()}, "
          f"sqlite {sqlite3.sqlite_version}; {len(queries)} queries, "
          f"{sum(len(prefixes(q)) for q in queries)} keystrokes; {args.clock} clock, "
          f"{'warm' if WARM else 'cold'} caches, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    hfs = load_pack()
    if not args.no_bundled:
        report("HFS pack", hfs, queries, args.limit, args.repeat, args.procs)
    if args.generated:
        report("Generated pack", generated_pack(hfs, args.generated), queries, args.limit,
               args.repeat, args.procs, args.keep)
    for folder in args.pack:
        report(str(folder), load_pack(folder), queries, args.limit, args.repeat, args.procs)
    if args.library:
        report_library(args.library, queries, args.limit, args.repeat, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
