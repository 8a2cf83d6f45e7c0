"""The public search API the GUI codes against."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.pack import load_pack
from hfs_desktop.search import SearchHit, SearchIndex, open_index


@pytest.fixture
def index(starter_pack: Path) -> SearchIndex:
    return open_index(load_pack(starter_pack))


def test_exact_alias_first(index: SearchIndex) -> None:
    hits = index.search("botox")
    assert hits and isinstance(hits[0], SearchHit)
    top = hits[0]
    assert (top.id, top.type, top.matched) == ("botulinum-toxin", "treatment", "botox")
    assert top.evidence == "low" and top.verdict == ""
    assert top.snippet and "<" not in top.snippet


def test_claim_has_verdict_and_highlight(index: SearchIndex) -> None:
    hits = index.search("surgery", types={"claim"})
    assert [h.id for h in hits] == ["claim-surgery-only-under-40"]
    assert hits[0].verdict == "contradicted"
    assert "<b>surgery</b>" in hits[0].snippet_html


def test_limit_and_filters(index: SearchIndex) -> None:
    assert len(index.search("h", limit=1)) == 1
    assert index.search("h", limit=0) == []
    assert all(h.type == "treatment" for h in index.search("a", types=["treatment"]))
    assert all(h.evidence == "low" for h in index.search("a", evidence=["low"]))
    assert index.search("botox", types=[]) == []


def test_suggest(index: SearchIndex) -> None:
    assert index.suggest("carbamazapine") == "carbamazepine"
    assert index.suggest("botox") is None


def test_close(starter_pack: Path) -> None:
    with open_index(load_pack(starter_pack)) as index:
        assert len(index) > 0
