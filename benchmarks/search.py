"""Search-as-you-type benchmark: Whoosh (hfs_desktop.search) beside SQLite FTS5.

Every prefix of a set of real queries is searched as typed ("h", "he", "hem", ...) on the
bundled HFS pack and on a generated pack of N entities (default 20,000), through our search
API and through an FTS5 table over the same names, aliases and texts (last word as a prefix,
bm25 with names weighted). Prints mean, median and p95 per query and the Whoosh/FTS5 ratios.

    .venv/bin/python benchmarks/search.py [--entities 20000] [--limit 50] [--repeat 3]

FTS5 has no typo tolerance: misspelt queries find less there, which is not timed away.
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

from hfs_desktop.pack import Entity, Evidence, Location, Pack, load_pack
from hfs_desktop.search import open_index
from hfs_desktop.search.analysis import fold

QUERIES = [
    "hemifacial spasm", "botox", "botulinum toxin", "microvascular decompression", "MVD",
    "carbamazapine", "gabapentine", "blepharospasmm", "hemifacial spasim", "facial nerve",
    "bells palsy", "eye twitching", "G51.3", "anatomy of the brainstem", "electromyography",
    "synkinesis", "stress", "acupuncture",
]

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


def prefixes(query: str) -> list[str]:
    return [query[:n] for n in range(1, len(query) + 1) if query[n - 1] != " "]


class Fts5:
    def __init__(self, pack: Pack) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, name, aliases, "
                        "codes, body, tokenize='unicode61 remove_diacritics 2', "
                        "prefix='1 2 3')")
        rows = [(e.id, e.name, " ".join(e.aliases),
                 " ".join(c for cs in e.codes.values() for c in cs),
                 " ".join((e.summary, e.details, e.statement)))
                for e in pack.entities.values()]
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


def time_queries(search: Callable[[str], object], repeat: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    for query in QUERIES:
        samples = []
        for prefix in prefixes(query):
            best = float("inf")
            for _ in range(repeat):
                start = time.perf_counter()
                search(prefix)
                best = min(best, time.perf_counter() - start)
            samples.append(best * 1000)
        times[query] = samples
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(title: str, pack: Pack, limit: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        index = open_index(pack, Path(cache))
        build = time.perf_counter() - start
        index.close()
        start = time.perf_counter()
        index = open_index(pack, Path(cache))
        reopen = time.perf_counter() - start
        start = time.perf_counter()
        fts = Fts5(pack)
        fts_build = time.perf_counter() - start
        index.search("warm up")
        ours = time_queries(lambda text: index.search(text, limit=limit), repeat)
        theirs = time_queries(lambda text: fts.search(text, limit), repeat)
        index.close()
    print(f"\n## {title}: {len(pack.entities)} entities (limit {limit}, best of {repeat})")
    print(f"build: whoosh {build:.2f} s (cached re-open {reopen * 1000:.0f} ms), "
          f"FTS5 {fts_build:.2f} s")
    header = (f"{'query':<30}{'n':>3}  {'whoosh mean/median/p95 ms':>26}  "
              f"{'FTS5 mean/median/p95 ms':>24}  {'mean ratio':>10}")
    print(header)
    print("-" * len(header))
    for query in QUERIES:
        a, b = ours[query], theirs[query]
        print(f"{query:<30}{len(a):>3}  "
              f"{statistics.mean(a):8.2f} {statistics.median(a):8.2f} {p95(a):8.2f}  "
              f"{statistics.mean(b):7.2f} {statistics.median(b):7.2f} {p95(b):7.2f}  "
              f"{statistics.mean(a) / statistics.mean(b):10.1f}")
    every_a = [t for q in QUERIES for t in ours[q]]
    every_b = [t for q in QUERIES for t in theirs[q]]
    print(f"{'ALL (' + str(len(every_a)) + ' prefixes)':<33}  "
          f"{statistics.mean(every_a):8.2f} {statistics.median(every_a):8.2f} "
          f"{p95(every_a):8.2f}  {statistics.mean(every_b):7.2f} "
          f"{statistics.median(every_b):7.2f} {p95(every_b):7.2f}  "
          f"{statistics.mean(every_a) / statistics.mean(every_b):10.1f}")
    print(f"max: whoosh {max(every_a):.2f} ms, FTS5 {max(every_b):.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=20000)
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.platform()}, "
          f"sqlite {sqlite3.sqlite_version}")
    hfs = load_pack()
    report("HFS pack", hfs, args.limit, args.repeat)
    report("Generated pack", generated_pack(hfs, args.entities), args.limit, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
