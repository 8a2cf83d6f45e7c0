"""The article checker on the test sets written before the code (tests/data/check/): floors
for precision, recall and negation (the figures are in benchmarks/RESULTS.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from hfs_desktop.pack import load_pack

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import check_accuracy


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return check_accuracy.run(load_pack(), check_accuracy.SEEDS)


@pytest.mark.parametrize("name", ["cases", "article"])
def test_floors(result: dict[str, Any], name: str) -> None:
    figures = result[name].figures()
    assert figures["precision"] >= 0.8, result[name].errors
    assert figures["recall"] >= 0.7, result[name].errors
    assert figures["negated_shown_agreeing"] == 0, result[name].errors


def _claim_ids(entries: list[dict[str, Any]]) -> set[str]:
    ids: set[str] = set()
    for entry in entries:
        for expected in entry.get("expected", [entry]):
            ids.update(expected.get("claim_any_of") or [])
            if expected.get("claim"):
                ids.add(expected["claim"])
    return ids


def test_every_expected_claim_exists() -> None:
    data = check_accuracy.DATA
    cases = yaml.safe_load((data / "cases.yaml").read_text(encoding="utf-8"))
    article = yaml.safe_load((data / "article-expected.yaml").read_text(encoding="utf-8"))
    ids = _claim_ids(cases) | _claim_ids(article["statements"])
    assert len(ids) > 50
    assert not ids - set(load_pack().entities)


@pytest.mark.skipif(not check_accuracy.SEEDS.is_dir(), reason="source articles not here")
def test_audit_of_the_source_articles(result: dict[str, Any]) -> None:
    """Issue 12's goal: at least 90% of each article's claims shown with the pack's verdict
    (as the closest claim of a statement, or a further claim a statement makes)."""
    assert set(result["audit"]) == {"seed-cmrt-article", "seed-hemispasm-article", "both"}
    for article, data in result["audit"].items():
        assert data["share_shown"] >= 0.9, (article, data)
        assert data["share"] >= 0.85, (article, data)
