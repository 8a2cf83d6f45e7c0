"""The differential-diagnosis helper (issue 12): the textbook cases written before the code
(tests/data/differential), the ranking rule, red flags first, and the pack's table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from hfs_desktop.differential import (
    DISCLAIMER,
    LEARNING_AID,
    RED_FLAG,
    UnknownFeature,
    list_features,
    rank,
)
from hfs_desktop.pack import Pack, bundled_pack_dir, load_pack
from hfs_desktop.pack.citations import citation_keys, strip_citations

from .helpers import errors, one_error, write

CASES_FILE = Path(__file__).parent / "data" / "differential" / "cases.yaml"
REFERENCES = Path(__file__).resolve().parents[2] / "shared" / "references.md"

# The cases' "feature:" keys name findings the pack had no entity for when they were written;
# each now has one. Keys not listed here became entities with the same id.
FEATURE_IDS = {
    "both-sides": "movements-on-both-sides",
    "disappears-in-sleep": "movements-stop-in-sleep",
    "onset-months-after-palsy": "onset-after-facial-palsy",
    "no-eye-closure": "eye-not-squeezed-shut",
    "later-spread-up-to-eye": "upward-spread",
    "stereotyped-episodes-minutes-long": "stereotyped-episodes-lasting-minutes",
    "lip-smacking-tongue-movements": "lip-smacking-and-tongue-movements",
}


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(bundled_pack_dir())


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    return cases


def observed_ids(observed: list[str]) -> list[str]:
    ids = []
    for item in observed:
        if item.startswith("feature:"):
            key = item.removeprefix("feature:")
            item = FEATURE_IDS.get(key, key)
        ids.append(item)
    return ids


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["case"])
def test_textbook_case(pack: Pack, case: dict[str, Any]) -> None:
    result = rank(pack, observed_ids(case["observed"]))
    ranked = [c.id for c in result.conditions]
    top = {c.id for c in result.top()}
    assert top, "nothing ranked"
    assert top <= set(case["expected_top"]), f"ranked first: {sorted(top)}; {ranked[:5]}"
    assert not top & set(case["expected_not_top"]), f"ranked first: {sorted(top)}"
    missing = set(case["expected_in_list"]) - set(ranked)
    assert not missing, f"missing from the list: {sorted(missing)}"
    assert result.red_flag == case["red_flag_first"]
    if case["red_flag_first"]:
        assert result.notices[0].kind == RED_FLAG
        assert "imaging" in result.notices[0].text
    assert result.notices[-1].kind == LEARNING_AID


def test_every_case_finding_is_offered(pack: Pack) -> None:
    offered = {f.id for f in list_features(pack)}
    for case in _cases():
        assert set(observed_ids(case["observed"])) <= offered, case["case"]


def test_ties_share_a_rank_and_ranks_skip_after_them(pack: Pack) -> None:
    result = rank(pack, ["involuntary-unilateral-contractions"])
    by_pair: dict[tuple[int, int], set[int]] = {}
    for condition in result.conditions:
        by_pair.setdefault((condition.score, condition.sourced_score), set()).add(condition.rank)
    assert all(len(ranks) == 1 for ranks in by_pair.values())
    ranks = [c.rank for c in result.conditions]
    assert ranks == sorted(ranks)
    # "one side" is sourced for HFS only; the mimics it fits (expert opinion) share rank 2
    assert [c.id for c in result.conditions if c.rank == 1] == ["hemifacial-spasm"]
    tied = [c for c in result.conditions if c.rank == 2]
    assert {"facial-tics", "functional-facial-spasm", "facial-myokymia"} <= {c.id for c in tied}
    following = [c.rank for c in result.conditions if c.rank > 2]
    assert following and following[0] == len(tied) + 2


def test_sourced_links_break_ties_of_equal_counts(pack: Pack) -> None:
    # weakness without an earlier palsy: secondary HFS (sourced) and synkinesis (opinion) both
    # have two links; the sourced one ranks first
    result = rank(pack, ["involuntary-unilateral-contractions", "red-flag-facial-weakness",
                         "facial-weakness"])
    order = [c.id for c in result.conditions]
    assert order.index("secondary-hemifacial-spasm") < order.index("post-paralytic-synkinesis")


def test_a_sourced_finding_against_a_condition_lowers_it(pack: Pack) -> None:
    alone = {c.id: c for c in rank(pack, ["periocular-onset"]).conditions}
    both = {c.id: c for c in rank(pack, ["periocular-onset", "movements-stop-in-sleep"])
            .conditions}
    assert both["hemifacial-spasm"].score == alone["hemifacial-spasm"].score - 1
    against = both["hemifacial-spasm"].against_links
    assert against[0].feature == "movements-stop-in-sleep"
    assert against[0].sources == ("incirli-2019",)


def test_links_show_sources_or_the_expert_opinion_mark(pack: Pack) -> None:
    result = rank(pack, [f.id for f in list_features(pack)])
    assert result.conditions
    for condition in result.conditions:
        for link in (*condition.for_links, *condition.against_links):
            assert bool(link.sources) != link.expert_opinion, (condition.id, link.feature)
            assert link.note
        assert condition.pages[0] == condition.id
        # sourced links are listed first
        for links in (condition.for_links, condition.against_links):
            marks = [link.expert_opinion for link in links]
            assert marks == sorted(marks), condition.id


def test_rests_on_opinion_flags_a_score_without_sources(pack: Pack) -> None:
    result = rank(pack, ["continuous-rippling", "continuous-not-episodic"])
    myokymia = result.conditions[0]
    assert myokymia.id == "facial-myokymia"
    assert myokymia.rests_on_opinion
    typical = rank(pack, ["periocular-onset"]).conditions[0]
    assert not typical.rests_on_opinion


@pytest.mark.parametrize("flag", ["red-flag-facial-weakness", "red-flag-facial-numbness",
                                  "red-flag-other-cranial-nerves", "facial-weakness"])
def test_a_red_flag_puts_the_imaging_warning_first(pack: Pack, flag: str) -> None:
    result = rank(pack, ["periocular-onset", flag])
    assert [n.kind for n in result.notices] == [RED_FLAG, LEARNING_AID]
    assert set(citation_keys(result.notices[0].text)) >= {"tan-2002", "hermier-2018"}
    assert result.to_plain()["notices"][0]["kind"] == RED_FLAG


def test_red_flags_are_known(pack: Pack) -> None:
    flags = {f.id for f in list_features(pack) if f.red_flag}
    assert flags == {"red-flag-facial-weakness", "red-flag-facial-numbness",
                     "red-flag-other-cranial-nerves", "facial-weakness"}
    assert "facial-weakness-after-botulinum-toxin" not in flags


def test_every_result_says_it_is_a_learning_aid(pack: Pack) -> None:
    for ticked in ([], ["spasms-during-sleep"]):
        result = rank(pack, ticked)
        assert result.notices[-1].text == DISCLAIMER
        assert "not a diagnosis" in DISCLAIMER
    assert rank(pack, []).conditions == ()


def test_an_unknown_finding_is_refused_with_a_near_miss(pack: Pack) -> None:
    with pytest.raises(UnknownFeature, match=r"did you mean.*spasms-during-sleep"):
        rank(pack, ["spasms-during-slep"])


def test_a_ticked_finding_note_is_returned(pack: Pack) -> None:
    result = rank(pack, ["facial-weakness-after-botulinum-toxin"])
    assert result.conditions == ()
    assert [f for f, _ in result.feature_notes] == ["facial-weakness-after-botulinum-toxin"]
    assert not result.red_flag


def test_the_json_shape(pack: Pack) -> None:
    data = rank(pack, ["other-babinski-sign"]).to_plain()
    first = data["conditions"][0]
    assert first["id"] == "hemifacial-spasm" and first["rank"] == 1
    assert {"id", "name", "rank", "score", "sourced_score", "for", "against", "pages"} <= set(
        first)
    assert first["for"][0]["sources"]
    blepharospasm = next(c for c in data["conditions"] if c["id"] == "blepharospasm")
    assert blepharospasm["against"][0]["sources"] == ["varanda-2017"]


def test_a_pack_without_a_table_offers_nothing(starter_pack: Path) -> None:
    small = load_pack(starter_pack)
    assert small.differential is None
    assert list_features(small) == []
    assert rank(small, []).conditions == ()


# --- the validator -------------------------------------------------------------------------

GOOD_TABLE = """\
features:
  - feature: eyelid-twitching
  - feature: other-babinski-sign
conditions:
  - condition: hemifacial-spasm
    for:
      - feature: other-babinski-sign
        sources: [wang-jankovic-1998]
        note: A sign of it [@wang-jankovic-1998].
  - condition: blepharospasm
    for:
      - feature: eyelid-twitching
        expert_opinion: true
        note: Around the eyes.
"""


def test_a_valid_table_loads(pack_copy: Path) -> None:
    write(pack_copy / "differential.yaml", GOOD_TABLE)
    assert errors(pack_copy) == []
    small = load_pack(pack_copy)
    assert [c.id for c in rank(small, ["other-babinski-sign"]).conditions] == [
        "hemifacial-spasm"]


@pytest.mark.parametrize(("old", "new", "fragment"), [
    ("sources: [wang-jankovic-1998]", "expert_opinion: true\n        sources: [miller-2012]",
     "either sourced or expert opinion"),
    ("        sources: [wang-jankovic-1998]\n", "", "name its 'sources' or mark it"),
    ("sources: [wang-jankovic-1998]", "sources: [wang-jankovic-1999]",
     "'wang-jankovic-1999' is not a source"),
    ("note: A sign of it [@wang-jankovic-1998].", "note: A sign [@miller-2012].",
     "not among the link's sources"),
    ("note: Around the eyes.", "note: Around the eyes [@miller-2012].",
     "an expert-opinion link cites nothing"),
    ("note: Around the eyes.", "note: Around the eyes, says miller-2012.",
     "as plain text"),
    ("condition: blepharospasm", "condition: female-sex", "expected condition"),
    ("  - feature: eyelid-twitching\n  - feature", "  - feature: mri-brain\n  - feature",
     "'mri-brain' is a diagnostic"),
    ("- feature: eyelid-twitching\n        expert", "- feature: female-sex\n        expert",
     "is not listed under 'features'"),
    ("expert_opinion: true", "expert_opinion: maybe", "must be true or false"),
    ("conditions:", "weights: {}\nconditions:", "unknown field 'weights'"),
])
def test_the_validator_rejects(pack_copy: Path, old: str, new: str, fragment: str) -> None:
    assert old in GOOD_TABLE
    write(pack_copy / "differential.yaml", GOOD_TABLE.replace(old, new, 1))
    message = one_error(pack_copy, fragment)
    assert "differential.yaml:" in message


def test_a_finding_both_for_and_against_is_rejected(pack_copy: Path) -> None:
    table = GOOD_TABLE + """\
  - condition: hemifacial-spasm
    against:
      - feature: other-babinski-sign
        expert_opinion: true
        note: No.
"""
    write(pack_copy / "differential.yaml", table)
    one_error(pack_copy, "is already linked for 'hemifacial-spasm'")


# --- the table's content ---------------------------------------------------------------------

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _table_texts(pack: Pack) -> list[tuple[str, str]]:
    table = pack.differential
    assert table is not None
    texts = [("red_flag_warning", table.red_flag_warning)]
    texts += [(f"feature {f.id}", f.note) for f in table.features if f.note]
    texts += [(f"{link.condition} {link.direction} {link.feature}", link.note)
              for link in table.links]
    return texts


def test_every_figure_in_the_table_is_in_the_references(pack: Pack) -> None:
    if not REFERENCES.is_file():
        pytest.skip("shared/references.md not available")
    known = set(NUMBER.findall(REFERENCES.read_text(encoding="utf-8")))
    unknown = [f"{where}: {n}" for where, text in _table_texts(pack)
               for n in NUMBER.findall(strip_citations(text)) if n not in known]
    assert not unknown, "\n".join(unknown)


def test_expert_opinion_links_carry_no_figure(pack: Pack) -> None:
    table = pack.differential
    assert table is not None
    for link in table.links:
        if link.expert_opinion:
            assert not NUMBER.search(link.note), (link.condition, link.feature)


def test_the_mimics_are_in_the_table(pack: Pack) -> None:
    table = pack.differential
    assert table is not None
    linked = {link.condition for link in table.links}
    mimics = {e.id for e in pack.entities.values() if e.category == "differential"}
    assert mimics <= linked


def test_no_run_of_words_in_the_table_is_copied_from_the_articles(pack: Pack) -> None:
    seeds = REFERENCES.parent / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds not available")
    run = 8
    runs: set[tuple[str, ...]] = set()
    for path in sorted(seeds.glob("*.txt")):
        words = re.findall(r"[a-z0-9]+", path.read_text(encoding="utf-8").lower())
        runs |= {tuple(words[i:i + run]) for i in range(len(words) - run + 1)}
    copied = []
    for where, text in _table_texts(pack):
        words = re.findall(r"[a-z0-9]+", text.lower())
        copied += [f"{where}: {' '.join(words[i:i + run])}"
                   for i in range(len(words) - run + 1) if tuple(words[i:i + run]) in runs]
    assert not copied, "\n".join(copied)
