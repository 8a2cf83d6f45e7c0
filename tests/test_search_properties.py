"""Whatever is typed, search and suggest answer without raising."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hfs_desktop.pack import load_pack
from hfs_desktop.search import SearchHit, SearchIndex, open_index

_INDEX: list[SearchIndex] = []


def _index() -> SearchIndex:
    if not _INDEX:
        _INDEX.append(open_index(load_pack(Path(__file__).parent / "packs" / "starter")))
    return _INDEX[0]


HOSTILE = [
    "", " ", "\t\n", '"', "'", '"unbalanced', "((", ")", "[a", "{}", "AND", "OR", "NOT",
    "a AND", "NOT botox", "OR OR OR", "*", "**", "bot*", "~", "botox~2", "^", "botox^5",
    "field:value", "name:", ":", "\\", "/", "-", "--", "+botox -mvd", "?", "\x00", "\x1b[31m",
    "\u200b", "\ufeff", "😀", "😀 botox 😀", "🧠" * 100, "a" * 5000, "botox " * 1000,
    "%s %d {0}", "<script>alert(1)</script>", "' OR 1=1 --", "\udcff", "Ω≈ç√∫", "ﬁ", "ǅ",
    "G51.3.", "HP:", "hp::0010828", "..", "1e309", "-1", "0" * 300,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text(text: str) -> None:
    index = _index()
    hits = index.search(text)
    assert isinstance(hits, list) and all(isinstance(h, SearchHit) for h in hits)
    suggestion = index.suggest(text)
    assert suggestion is None or isinstance(suggestion, str)


def test_html_in_text_is_escaped() -> None:
    for hit in _index().search("<b>botox</b>"):
        assert "<b>" not in hit.snippet
        assert "<script" not in hit.snippet_html


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_no_string_raises(text: str) -> None:
    index = _index()
    assert isinstance(index.search(text, limit=5), list)
    index.suggest(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*'ab*~"()[]{}:^-+ !?.\\/&|', "AND", "OR", "NOT", "botox"]),
                max_size=30).map("".join),
       st.integers(min_value=-5, max_value=5000),
       st.one_of(st.none(), st.sets(st.sampled_from(["claim", "treatment", "x", ""]))),
       st.one_of(st.none(), st.sets(st.sampled_from(["low", "unproven", "nope", ""]))))
def test_no_query_syntax_raises(text: str, limit: int, types: set[str] | None,
                                evidence: set[str] | None) -> None:
    hits = _index().search(text, limit=limit, types=types, evidence=evidence)
    assert len(hits) <= max(limit, 0)
    if types is not None:
        assert all(h.type in types for h in hits)
    if evidence is not None:
        assert all(h.evidence in evidence for h in hits)
