"""The learning tools through the Library: with an imported pack open first (no claims, no
differential table, no questions), each tool uses the pack that has what it needs, and every id
in its answers is qualified and opens with `Library.page`."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.differential import UnknownFeature
from hfs_desktop.library import Library, LibraryError
from hfs_desktop.pack import bundled_pack_dir
from hfs_desktop.render import parse_link

from .twopacks import write_hpo_like


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    hpo = write_hpo_like(tmp_path_factory.mktemp("learning") / "HPO", children=2)
    return Library.open([hpo, bundled_pack_dir()], search=False, bundled=bundled_pack_dir())


def opens(library: Library, ref: str) -> bool:
    return library.page(ref).html.startswith("<!DOCTYPE html>")


def test_check_article_uses_the_pack_with_claims(library: Library) -> None:
    checked = library.check_article("Botulinum toxin does not help hemifacial spasm.\n"
                                    "Garlic compresses cure facial spasm.\n"
                                    "We are open from 9 to 5.\n")
    assert checked.pack == "hfs"
    first, second, third = checked.statements
    assert (first.claim, first.verdict, first.negated) == (
        "hfs/claim-botox-symptomatic", "supported", True)
    assert first.badge.segments[0].words == "states the opposite"
    assert second.claim is not None and not second.negated
    assert third.claim is None and third.badge.segments[0].words == "no matching claim"
    for line in (first, second):
        assert line.claim is not None and opens(library, line.claim)
        assert line.sources and all(opens(library, key) for key in line.sources)
    summary = checked.summary
    assert summary.opposite["supported"] == 1 and summary.unmatched == 1
    assert [ref for ref, _ in summary.unproven_recommended] == ["hfs/lemon-garlic-compress"]
    assert all(opens(library, ref) for ref, _ in summary.unproven_recommended)


def test_check_article_json_keeps_its_keys_with_qualified_ids(library: Library) -> None:
    data = library.check_article("Botulinum toxin does not help hemifacial spasm.").to_plain()
    assert list(data[0])[:5] == ["sentence", "claim", "verdict", "negated", "score"]
    assert data[0]["claim"] == "hfs/claim-botox-symptomatic"
    assert all(key.startswith("hfs/") for key in data[0]["sources"])


def test_the_printable_report_links_claims_to_their_pages(library: Library) -> None:
    checked = library.check_article("Botulinum toxin does not help hemifacial spasm.")
    html = checked.html("Check")
    assert "hfs://entity/hfs/claim-botox-symptomatic" in html
    assert "hfs://entity" not in checked.html("Check", links=False)


def test_a_pack_without_claims_is_refused_by_name(library: Library) -> None:
    with pytest.raises(LibraryError, match="'hpo' has no claims"):
        library.check_article("Anything.", "hpo")


def test_differential_features_and_ranking_are_qualified(library: Library) -> None:
    features = library.differential_features()
    ids = [f.id for f in features]
    assert "hfs/other-babinski-sign" in ids and all(i.startswith("hfs/") for i in ids)
    assert any(f.red_flag for f in features)
    result = library.differential(["hfs/red-flag-facial-numbness",
                                   "involuntary-unilateral-contractions"])
    assert result.notices[0].kind == "red-flag"
    assert result.ticked == ("hfs/red-flag-facial-numbness",
                             "hfs/involuntary-unilateral-contractions")
    for condition in result.conditions:
        assert opens(library, condition.id)
        for link in (*condition.for_links, *condition.against_links):
            assert opens(library, link.feature)
            assert all(opens(library, key) for key in link.sources)
    with pytest.raises(UnknownFeature):
        library.differential(["hpo/other-babinski-sign"])


def test_ties_stay_ties(library: Library) -> None:
    from hfs_desktop.learning import tie_label

    result = library.differential(["hfs/involuntary-unilateral-contractions"])
    labels = {c.id: tie_label(result, c) for c in result.conditions}
    assert labels["hfs/hemifacial-spasm"] == "1"
    assert labels["hfs/facial-tics"] == "2="


def test_quiz_questions_are_the_bundled_pack_s_with_qualified_pages(library: Library) -> None:
    questions = library.quiz_questions()
    assert questions
    for question in questions:
        assert all(opens(library, option.id) for option in question.options)
        assert all(opens(library, ref) for ref in question.pages)
        assert all(opens(library, key) for key in question.sources)
        assert ":" in question.id and not question.id.startswith("hfs/")  # score keys stay


def test_cited_html_links_the_sources(library: Library) -> None:
    html = library.cited_html("hfs", "See [@tan-2002; @hermier-2018] & more")
    assert "&amp; more" in html and "Tan et al. 2002" in html
    links = [part.split('"')[0] for part in html.split('href="')[1:]]
    assert [parse_link(link) for link in links] == ["hfs/tan-2002", "hfs/hermier-2018"]


def test_no_pack_with_a_table(tmp_path: Path) -> None:
    hpo = write_hpo_like(tmp_path / "HPO", children=0)
    library = Library.open([hpo], search=False)
    with pytest.raises(LibraryError, match="'hpo' has no differential table"):
        library.differential_features()
