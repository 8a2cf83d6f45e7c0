"""`hfs-kb differential` and `hfs-kb quiz` (issue 12)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from hfs_desktop.cli import main
from hfs_desktop.cli_learning import ask, plain
from hfs_desktop.pack import bundled_pack_dir, load_pack
from hfs_desktop.quiz import questions
from hfs_desktop.quizstore import QuizRecord


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_features(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "differential", "--list-features")
    assert code == 0
    lines = out.splitlines()
    assert "other-babinski-sign\tThe other Babinski sign" in lines
    assert any(line.startswith("red-flag-facial-numbness\t") and line.endswith("[red flag]")
               for line in lines)
    code, out, _ = run(capsys, "differential", "--list-features", "--json")
    data = json.loads(out)
    assert {"id": "hfs/spasms-during-sleep", "name": "Spasms continue during sleep",
            "red_flag": False, "kind": "symptom"} in data


def test_rank_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "differential", "--feature", "continuous-rippling",
                       "continuous-not-episodic", "--feature",
                       "involuntary-unilateral-contractions", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["notices"][0]["kind"] == "learning-aid"
    first = data["conditions"][0]
    assert (first["id"], first["rank"]) == ("hfs/facial-myokymia", 1)
    assert {"id", "name", "score", "rank", "for", "against"} <= set(first)
    assert all(link["expert_opinion"] for link in first["for"] if not link["sources"])


def test_rank_as_text_puts_the_red_flag_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "differential", "--feature", "red-flag-facial-numbness",
                       "involuntary-unilateral-contractions")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("RED FLAG: ") and "imaging" in lines[0]
    assert "not a diagnosis" in lines[1]
    assert "[@" not in out
    assert "1. Secondary hemifacial spasm (secondary-hemifacial-spasm)" in out
    assert "[expert opinion]" in out and "[sources: tan-2002]" in out


def test_ties_are_shown_as_ties(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "differential", "--feature", "involuntary-unilateral-contractions")
    assert "1. Hemifacial spasm (hemifacial-spasm)" in out
    assert "2=. Facial tics (facial-tics)" in out


def test_unknown_feature_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "differential", "--feature", "spasms-during-slep")
    assert code == 1
    assert "did you mean spasms-during-sleep" in err
    with pytest.raises(SystemExit) as info:
        main(["differential"])
    assert info.value.code == 2
    capsys.readouterr()


def test_a_pack_without_a_table(capsys: pytest.CaptureFixture[str], starter_pack: Path) -> None:
    code, _, err = run(capsys, "--no-bundled", "--pack", str(starter_pack), "differential",
                       "--list-features")
    assert code == 1
    assert "has no differential table" in err


def test_the_table_of_the_bundled_pack_serves_beside_another(
        capsys: pytest.CaptureFixture[str], starter_pack: Path) -> None:
    code, out, _ = run(capsys, "--pack", str(starter_pack), "differential", "--list-features")
    assert code == 0 and "other-babinski-sign" in out
    code, _, err = run(capsys, "--pack", str(starter_pack), "differential", "--in", "starter",
                       "--list-features")
    assert code == 1 and "has no differential table" in err


def test_quiz_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quiz", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data) == len(questions(load_pack(bundled_pack_dir())))
    for item in data:
        assert item["options"][item["answer"]]["id"] == item["answer_id"]
        assert item["pages"] and item["sources"]
    code, out, _ = run(capsys, "quiz", "--json", "--kind", "most-often")
    assert [q["answer_id"] for q in json.loads(out)] == ["hfs/aica"]


def test_quiz_text_lists_questions_then_answers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quiz", "--kind", "first-line")
    assert code == 0
    assert "1. Which of these treatments is the first-line treatment" in out
    assert "Answers:" in out and "Botulinum toxin injections [" in out


def test_record_needs_ask(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "quiz", "--record", str(tmp_path / "q.json"))
    assert code == 1 and "--record is used with --ask" in err


def test_ask_keeps_score(tmp_path: Path) -> None:
    chosen = questions(load_pack(bundled_pack_dir()))[:3]
    right = "abcd"[chosen[0].answer]
    wrong = "abcd"[(chosen[1].answer + 1) % len(chosen[1].options)]
    out = io.StringIO()
    path = tmp_path / "quiz.json"
    assert ask(chosen, path, io.StringIO(f"{right}\n{wrong}\n\n"), out) == 0
    assert "Score: 1 of 2" in out.getvalue()
    record = QuizRecord(path)
    assert record.score().answered == 2
    assert record.missed() == [chosen[1].id]


def test_plain_citations() -> None:
    assert plain("A [@a-1; @b-2].\n  B") == "A [a-1; b-2]. B"
