"""Article checker accuracy on the test sets written before the code (tests/data/check/)
and on the pack's own audit of its two source articles.

- cases.yaml and article-expected.yaml, scored as their README says: statements aligned by
  text; a true positive when the claim is the expected one (or one of ``claim_any_of``) and
  the negated flag agrees; a false match when a claim is returned where none or another is
  expected; a miss when none is returned where one is expected. Negation errors are counted
  apart, and a negated sentence shown as agreeing is the worst of them. Further claims a
  statement makes (``Match.also``) are counted apart: expected when the entry lists them
  in ``claim_any_of``, else other.
- The audit: every claim of the pack records the article it comes from (``stated_in``).
  Each source article (``--seeds DIR``) is checked whole; a claim is reproduced when some
  statement of its article matches it, not negated (the article asserts it), so that the
  checker shows the pack's verdict for it: as the statement's closest claim, or as a
  further claim the statement makes (both shown with their verdict).

    python benchmarks/check_accuracy.py [--seeds DIR] [--json] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hfs_desktop.check import ArticleChecker, CheckedStatement
from hfs_desktop.pack import Pack, load_pack

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "check"
SEEDS = Path("/work/shared/seeds")


@dataclass
class Score:
    tp: int = 0
    matched: int = 0
    expected: int = 0
    false_matches: int = 0
    misses: int = 0
    negation_errors: int = 0
    true_negatives: int = 0
    negated_shown_agreeing: int = 0
    further_expected: int = 0
    further_other: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, expected: dict[str, Any], got: CheckedStatement, text: str) -> None:
        want = expected.get("claim_any_of") or ([expected["claim"]] if expected.get("claim")
                                               else [])
        want_negated = bool(expected.get("negated", False))
        claim = got.claim.id if got.claim else None
        for further in got.further:
            if further.claim is None:
                continue
            if further.claim.id in want:
                self.further_expected += 1
            else:
                self.further_other += 1
                self.errors.append(f"FURTHER   want {want or None}: {text!r} also -> "
                                   f"{further.claim.id} ({further.match.score})")
        if want:
            self.expected += 1
        if claim is not None:
            self.matched += 1
        if claim is not None and claim in want:
            if got.negated == want_negated:
                self.tp += 1
                return
            self.negation_errors += 1
            if want_negated:
                self.negated_shown_agreeing += 1
            self.errors.append(f"NEGATION  want negated={want_negated}: {text!r} -> {claim}")
            return
        if claim is None and not want:
            self.true_negatives += 1
            return
        if claim is None:
            self.misses += 1
            self.errors.append(f"MISS      want {want}: {text!r} (score {got.match.score})")
            return
        self.false_matches += 1
        self.errors.append(f"FALSE     want {want or None}: {text!r} -> {claim} "
                           f"({got.match.score}) negated={got.negated}")

    def figures(self) -> dict[str, Any]:
        return {"statements_expected_to_match": self.expected, "matched": self.matched,
                "true_positives": self.tp,
                "precision": round(self.tp / self.matched, 3) if self.matched else 0.0,
                "recall": round(self.tp / self.expected, 3) if self.expected else 0.0,
                "false_matches": self.false_matches, "misses": self.misses,
                "correctly_unmatched": self.true_negatives,
                "negation_errors": self.negation_errors,
                "negated_shown_agreeing": self.negated_shown_agreeing,
                "further_claims_expected": self.further_expected,
                "further_claims_other": self.further_other}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _align(expected_sentence: str, results: list[CheckedStatement]) -> CheckedStatement | None:
    """The checker's statement that contains the expected sentence, or that it contains."""
    want = _norm(expected_sentence)
    for result in results:
        got = _norm(result.statement.text)
        if want in got or got in want:
            return result
    return None


def score_entries(checker: ArticleChecker, entries: list[dict[str, Any]],
                  score: Score, by_kind: dict[str, Score] | None = None) -> None:
    for entry in entries:
        if by_kind is not None:
            score_entries(checker, [entry], by_kind.setdefault(entry.get("kind", ""), Score()))
        if "text" in entry:
            results = [r for r in checker.check(entry["text"]) if not r.statement.heading]
            items = [r for r in results if r.statement.lead_in]
            for index, expected in enumerate(entry["expected"]):
                got = items[index] if index < len(items) else None
                if got is None:
                    score.expected += 1
                    score.misses += 1
                    score.errors.append(f"MISSING   item {index} of {entry['text'][:40]!r}")
                    continue
                score.add(expected, got, got.statement.full)
            continue
        results = checker.check(entry["sentence"])
        got = _align(entry["sentence"], results)
        if got is None:
            score.errors.append(f"UNALIGNED {entry['sentence']!r}")
            continue
        score.add(entry, got, entry["sentence"])


def score_article(checker: ArticleChecker, text: str, entries: list[dict[str, Any]],
                  score: Score) -> None:
    results = checker.check(text)
    items = [r for r in results if r.statement.lead_in]
    for entry in entries:
        if "text" in entry:
            for index, expected in enumerate(entry["expected"]):
                if index < len(items):
                    score.add(expected, items[index], items[index].statement.full)
            continue
        got = _align(entry["sentence"], results)
        if got is None:
            score.errors.append(f"UNALIGNED {entry['sentence']!r}")
            continue
        score.add(entry, got, entry["sentence"])


def audit(checker: ArticleChecker, pack: Pack, seeds: Path) -> dict[str, Any]:
    """How many of each source article's claims the checker finds in it, asserted: as the
    closest claim of a statement; shown with their verdict (the closest claim, or a further
    claim the statement makes, `Match.also`); and counting the other readings named beside
    a match (`Match.others`, which the user sees as "also close")."""
    out: dict[str, Any] = {}
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))}
    claims_by_article: dict[str, list[str]] = {}
    for entity in pack.entities.values():
        if entity.type == "claim":
            for source in entity.stated_in:
                claims_by_article.setdefault(source, []).append(entity.id)
    for article, claim_ids in sorted(claims_by_article.items()):
        best: tuple[int, str, list[CheckedStatement]] | None = None
        for name, text in texts.items():
            results = checker.check(text)
            found = {r.claim.id for r in results if r.claim and not r.negated}
            hits = len(found & set(claim_ids))
            if best is None or hits > best[0]:
                best = (hits, name, results)
        if best is None:
            continue
        hits, name, results = best
        wanted = set(claim_ids)
        closest = {r.claim.id for r in results if r.claim and not r.negated}
        shown = closest | {further.claim.id for r in results for further in r.match.also
                           if further.claim and not further.negated}
        readings = shown | {other.id for r in results if r.claim and not r.negated
                            for other in r.match.others}
        matched = [r for r in results if r.claim]
        foreign = [r for r in matched if r.claim and r.claim.id not in claim_ids]
        out[article] = {"file": name, "claims": len(claim_ids),
                        "reproduced": len(closest & wanted),
                        "share": round(len(closest & wanted) / len(claim_ids), 3),
                        "reproduced_shown": len(shown & wanted),
                        "share_shown": round(len(shown & wanted) / len(claim_ids), 3),
                        "reproduced_with_other_readings": len(readings & wanted),
                        "share_with_other_readings": round(len(readings & wanted)
                                                           / len(claim_ids), 3),
                        "not_the_closest": sorted(wanted - closest),
                        "not_shown": sorted(wanted - shown),
                        "not_reproduced": sorted(wanted - readings),
                        "statements": len(results), "matched_statements": len(matched),
                        "statements_making_several_claims": sum(1 for r in matched
                                                                if r.match.also),
                        "matched_to_other_articles_claims": len(foreign)}
    if out:
        claims = sum(data["claims"] for data in out.values())
        out["both"] = {key: sum(data[key] for data in out.values())
                       for key in ("claims", "reproduced", "reproduced_shown",
                                   "reproduced_with_other_readings")}
        for key, share in (("reproduced", "share"), ("reproduced_shown", "share_shown"),
                           ("reproduced_with_other_readings", "share_with_other_readings")):
            out["both"][share] = round(out["both"][key] / claims, 3)
    return out


def run(pack: Pack, seeds: Path) -> dict[str, Any]:
    checker = ArticleChecker(pack)
    cases = yaml.safe_load((DATA / "cases.yaml").read_text(encoding="utf-8"))
    cases_score = Score()
    by_kind: dict[str, Score] = {}
    score_entries(checker, cases, cases_score, by_kind)
    article = yaml.safe_load((DATA / "article-expected.yaml").read_text(encoding="utf-8"))
    article_score = Score()
    score_article(checker, (DATA / "article.txt").read_text(encoding="utf-8"),
                  article["statements"], article_score)
    return {"cases": cases_score, "article": article_score, "cases_by_kind": by_kind,
            "audit": audit(checker, pack, seeds) if seeds.is_dir() else {}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    result = run(load_pack(), args.seeds)
    figures = {"cases": result["cases"].figures(), "article": result["article"].figures(),
               "cases_by_kind": {kind: score.figures()
                                 for kind, score in result["cases_by_kind"].items()},
               "audit": result["audit"]}
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name in ("cases", "article"):
            print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in figures[name].items()))
        for kind, data in figures["cases_by_kind"].items():
            print(f"  cases, {kind}: precision {data['precision']}, recall {data['recall']}, "
                  f"false matches {data['false_matches']}, misses {data['misses']}, "
                  f"correctly unmatched {data['correctly_unmatched']}, negation errors "
                  f"{data['negation_errors']} ({data['negated_shown_agreeing']} shown agreeing)")
        for article, data in figures["audit"].items():
            if article == "both":
                print(f"audit, both articles: {data['reproduced']}/{data['claims']} as the "
                      f"closest claim ({data['share']:.0%}), {data['reproduced_shown']} "
                      f"({data['share_shown']:.0%}) shown with their verdict, "
                      f"{data['reproduced_with_other_readings']} "
                      f"({data['share_with_other_readings']:.0%}) counting other readings")
                continue
            print(f"audit {article} ({data['file']}): {data['reproduced']}/{data['claims']} "
                  f"claims reproduced as the closest claim ({data['share']:.0%}), "
                  f"{data['reproduced_shown']} ({data['share_shown']:.0%}) shown with their "
                  f"verdict (closest or a further claim the statement makes), "
                  f"{data['reproduced_with_other_readings']} "
                  f"({data['share_with_other_readings']:.0%}) counting other readings; not "
                  f"the closest: {', '.join(data['not_the_closest']) or '-'}; not shown: "
                  f"{', '.join(data['not_shown']) or '-'}; statements making several claims: "
                  f"{data['statements_making_several_claims']}; statements matched to the "
                  f"other article's claims: {data['matched_to_other_articles_claims']}")
    if args.errors:
        for name in ("cases", "article"):
            print(f"\n{name} errors:")
            for error in result[name].errors:
                print("  " + error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
