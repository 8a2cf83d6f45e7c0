"""Search relevance on a set of lay and clinical queries: recall@10 and mean reciprocal rank.

Every query of ``benchmarks/queries/relevance.yaml`` (written by a reader who had not seen
the search code) is searched on the bundled pack, or on ``--pack DIR``:

- recall@10: the share of a query's expected ids found in the top 10, averaged;
- MRR: the reciprocal rank of the first expected id in the top 10 (0 when none is there),
  averaged.

Figures are printed overall, per kind, and for two halves of the set split by position
(even: the tuning half; odd: the held-out half, not looked at while tuning), then the worst
queries. Expected ids missing from the pack are reported and still count as misses.

    python benchmarks/relevance.py [--pack DIR] [--queries FILE] [--json] [--worst N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

import yaml

from hfs_desktop.pack import load_pack
from hfs_desktop.search import open_index

QUERIES = Path(__file__).resolve().parent / "queries" / "relevance.yaml"
TOP = 10


def load_queries(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [{"query": str(q["query"]), "kind": str(q.get("kind", "")),
             "expected": [str(e) for e in q.get("expected", [])]}
            for q in data["queries"]]


def score(found: list[str], expected: list[str]) -> tuple[float, float]:
    """(recall@10, reciprocal rank) of one ranked id list."""
    top = found[:TOP]
    recall = sum(e in top for e in expected) / len(expected) if expected else 0.0
    rank = next((i for i, hit in enumerate(top, 1) if hit in expected), 0)
    return recall, (1.0 / rank if rank else 0.0)


def summarise(rows: list[dict[str, Any]]) -> dict[str, float]:
    if not rows:
        return {"n": 0, "recall@10": 0.0, "mrr": 0.0}
    return {"n": len(rows),
            "recall@10": round(statistics.mean(r["recall"] for r in rows), 3),
            "mrr": round(statistics.mean(r["rr"] for r in rows), 3)}


def evaluate(pack_dir: Path | None, queries_path: Path) -> dict[str, Any]:
    pack = load_pack(pack_dir) if pack_dir else load_pack()
    queries = load_queries(queries_path)
    rows = []
    with open_index(pack) as index:
        for position, item in enumerate(queries):
            found = [hit.id for hit in index.search(item["query"], limit=TOP)]
            recall, rr = score(found, item["expected"])
            rows.append({**item, "half": "tuning" if position % 2 == 0 else "held-out",
                         "found": found, "recall": recall, "rr": rr,
                         "missing_from_pack": [e for e in item["expected"]
                                               if e not in pack.entities]})
    kinds = sorted({r["kind"] for r in rows})
    return {
        "pack": str(pack.root), "entities": len(pack.entities), "queries": len(rows),
        "overall": summarise(rows),
        "halves": {h: summarise([r for r in rows if r["half"] == h])
                   for h in ("tuning", "held-out")},
        "kinds": {k: summarise([r for r in rows if r["kind"] == k]) for k in kinds},
        "rows": rows,
    }


def _line(label: str, s: dict[str, float]) -> str:
    return f"{label:<12}{s['n']:>4}  {s['recall@10']:>9.3f}  {s['mrr']:>6.3f}"


def print_report(result: dict[str, Any], worst: int) -> None:
    print(f"pack {result['pack']}: {result['entities']} entities, {result['queries']} queries")
    print(f"{'':<12}{'n':>4}  {'recall@10':>9}  {'MRR':>6}")
    print(_line("ALL", result["overall"]))
    for half, s in result["halves"].items():
        print(_line(half, s))
    for kind, s in result["kinds"].items():
        print(_line(kind, s))
    missing = {e for r in result["rows"] for e in r["missing_from_pack"]}
    if missing:
        print(f"expected ids not in the pack: {', '.join(sorted(missing))}")
    rows = sorted(result["rows"], key=lambda r: (r["recall"] + r["rr"], r["query"]))
    print(f"\nworst {worst} (recall, RR, query: expected ids not in the top {TOP}):")
    for r in rows[:worst]:
        lost = [e for e in r["expected"] if e not in r["found"]]
        print(f"  {r['recall']:.2f} {r['rr']:.2f}  {r['query']!r} [{r['kind']}]: "
              f"{', '.join(lost)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, help="a pack folder (default: the bundled one)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--worst", type=int, default=15, metavar="N")
    args = parser.parse_args()
    result = evaluate(args.pack, args.queries)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_report(result, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
