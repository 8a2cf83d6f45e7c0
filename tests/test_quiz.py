"""The self-test (issue 12): every generated question has exactly one right option by the
pack, disputed facts are left out, and the score is kept in a small atomic store."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from hfs_desktop.pack import Entity, Pack, bundled_pack_dir, load_pack
from hfs_desktop.pack.citations import citation_keys
from hfs_desktop.pack.model import AGAINST, FOR
from hfs_desktop.quiz import Option, Question, is_disputed, questions
from hfs_desktop.quizstore import QuizRecord, Score

DISPUTED_TOPICS = {"hypertension", "natural-history", "spontaneous-remission",
                   "claim-hypertension-prone", "claim-chronic-recurring"}


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(bundled_pack_dir())


@pytest.fixture(scope="module")
def all_questions(pack: Pack) -> list[Question]:
    return questions(pack)


def _linked(pack: Pack, feature: str, condition: str, direction: str) -> bool:
    assert pack.differential is not None
    return any(link.feature == feature and link.condition == condition
               and link.direction == direction for link in pack.differential.links)


def is_right(pack: Pack, question: Question, option: Option) -> bool:
    """Judged from the pack's data, independently of how the generator chose the options."""
    entity: Entity = pack.entities[option.id]
    kind = question.kind
    if kind == "first-line":
        return entity.recommendation is not None and entity.recommendation.level == "first-line"
    if kind == "unproven":
        return entity.evidence is not None and entity.evidence.level == "unproven"
    if kind == "most-often":
        total = question.id.rsplit(":", 1)[1]
        def count(e: Entity) -> int:
            assert e.frequency is not None
            found = re.search(rf"(\d+) of {total}\b", e.frequency.label)
            assert found, e.id
            return int(found.group(1))
        return count(entity) == max(count(pack.entities[o.id]) for o in question.options)
    if kind == "red-flag":
        return bool(entity.relations.get("warning-sign-in"))
    if kind == "sign-vs":
        _, favoured, rival, _ = question.id.split(":")
        return (_linked(pack, option.id, favoured, FOR)
                and _linked(pack, option.id, rival, AGAINST)
                and not _linked(pack, option.id, rival, FOR))
    if kind == "claim-contradicted":
        return entity.verdict == "contradicted"
    if kind == "claim-supported":
        return entity.verdict == "supported"
    raise AssertionError(f"unknown kind {kind}")


def test_every_question_has_exactly_one_right_option(pack: Pack,
                                                     all_questions: list[Question]) -> None:
    assert all_questions
    for question in all_questions:
        right = [i for i, option in enumerate(question.options)
                 if is_right(pack, question, option)]
        assert right == [question.answer], question.id
        assert len(question.options) >= 3, question.id
        assert len({o.id for o in question.options}) == len(question.options), question.id
        assert len({o.label for o in question.options}) == len(question.options), question.id


def test_each_answer_links_to_its_page_and_sources(pack: Pack,
                                                   all_questions: list[Question]) -> None:
    for question in all_questions:
        assert question.pages[0] == question.right.id, question.id
        assert all(page in pack.entities for page in question.pages), question.id
        assert question.sources, question.id
        for key in (*question.sources, *citation_keys(question.explanation)):
            assert pack.entities[key].type == "source", (question.id, key)
        assert question.explanation.strip(), question.id


def test_the_kinds_the_issue_asks_for(all_questions: list[Question]) -> None:
    kinds = Counter(q.kind for q in all_questions)
    assert set(kinds) == {"first-line", "unproven", "most-often", "red-flag", "sign-vs",
                          "claim-contradicted", "claim-supported"}
    by_id = {q.id: q for q in all_questions}
    assert by_id["first-line:botulinum-toxin"].right.id == "botulinum-toxin"
    vessel = by_id["most-often:offending-vessel:70"]
    assert vessel.right.id == "aica"
    versus = by_id["sign-vs:hemifacial-spasm:blepharospasm:other-babinski-sign"]
    assert versus.right.id == "other-babinski-sign"
    assert "varanda-2017" in versus.sources


def test_disputed_facts_are_left_out(pack: Pack, all_questions: list[Question]) -> None:
    assert is_disputed(pack.entities["spontaneous-remission"])
    assert is_disputed(pack.entities["hypertension"])
    for question in all_questions:
        used = {o.id for o in question.options} | set(question.pages)
        assert not used & DISPUTED_TOPICS, question.id
        for option in question.options:
            entity = pack.entities[option.id]
            assert not set(entity.about) & DISPUTED_TOPICS, (question.id, option.id)


def test_a_red_flag_option_does_not_give_itself_away(all_questions: list[Question]) -> None:
    for question in all_questions:
        for option in question.options:
            assert not option.label.casefold().startswith("red flag"), question.id


def test_questions_are_stable_and_unique(pack: Pack, all_questions: list[Question]) -> None:
    again = questions(pack)
    assert again == all_questions
    assert len({q.id for q in all_questions}) == len(all_questions)
    first_positions = Counter(q.answer for q in all_questions)
    assert len(first_positions) > 1, "the answer is not always in the same place"


def test_json_form(all_questions: list[Question]) -> None:
    data = all_questions[0].to_plain()
    assert {"id", "kind", "question", "options", "answer", "answer_id", "explanation",
            "sources", "pages"} <= set(data)
    assert data["options"][data["answer"]]["id"] == data["answer_id"]
    json.dumps(data)


def test_a_pack_without_treatments_or_table_yields_few_questions(starter_pack: Path) -> None:
    small = load_pack(starter_pack)
    for question in questions(small):
        right = [o for o in question.options if is_right(small, question, o)]
        assert len(right) == 1, question.id


# --- the store -------------------------------------------------------------------------------


def test_the_store_keeps_score_and_missed_questions(tmp_path: Path) -> None:
    path = tmp_path / "user" / "quiz.json"
    record = QuizRecord(path)
    assert record.score() == Score(0, 0)
    assert record.record("a", True) == ""
    assert record.record("b", False) == ""
    assert record.record("c", False) == ""
    assert record.record("c", True) == ""
    assert record.score() == Score(3, 2)
    assert record.missed() == ["b"]
    again = QuizRecord(path)
    assert again.score() == Score(3, 2) and again.missed() == ["b"]
    assert [p.name for p in path.parent.iterdir()] == ["quiz.json"]  # no temporary left
    assert again.clear() == ""
    assert QuizRecord(path).score() == Score(0, 0)


@pytest.mark.parametrize("content", ["not json", "[]", '{"answers": {"a": 3, "b": {"last": 1}}}'])
def test_a_damaged_store_reads_as_empty_or_partial(tmp_path: Path, content: str) -> None:
    path = tmp_path / "quiz.json"
    path.write_text(content, encoding="utf-8")
    record = QuizRecord(path)
    assert record.score().right == 0
    assert record.record("x", True) == ""
    assert "x" in json.loads(path.read_text(encoding="utf-8"))["answers"]


def test_a_store_that_cannot_be_written_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    record = QuizRecord(blocker / "quiz.json")
    message = record.record("a", True)
    assert "could not save" in message and "quiz.json" in message


def test_no_wrong_option_is_a_variant_of_the_right_treatment() -> None:
    """A technique of the first-line treatment offered as a wrong answer would be right too."""
    pack = load_pack(bundled_pack_dir())
    asked = [q for q in questions(pack) if q.kind in ("first-line", "unproven")]
    assert asked
    for question in asked:
        right = pack.entities[question.right.id]
        for option in question.options:
            other = pack.entities[option.id]
            assert right.id not in other.relations.get("subtype-of", ()), question.text
            assert other.id not in right.relations.get("subtype-of", ()) or other is right
