"""`hfs-kb search` and `hfs-kb index`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfs_desktop.cli import main

from .helpers import only
from .twopacks import HFS_TERM, write_hpo_like


def test_search_json(starter_pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*only(starter_pack), "search", "botox", "--json", "--limit", "3"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results[0]["id"] == "starter/botulinum-toxin"
    assert set(results[0]) >= {"id", "type", "name", "score", "evidence", "verdict", "snippet"}


def test_search_text_and_filters(starter_pack: Path, capsys: pytest.CaptureFixture[str]
                                 ) -> None:
    assert main(["search", *only(starter_pack), "surgery", "--type", "claim"]) == 0
    out = capsys.readouterr().out
    assert "claim-surgery-only-under-40  [claim: Contradicted]" in out
    assert main(["search", *only(starter_pack), "carbamazapin", "--type",
                 "condition"]) == 0
    assert "did you mean 'carbamazepine'" in capsys.readouterr().err


def test_batch(tmp_path: Path, starter_pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("botox\nG51.3\n((\n", encoding="utf-8")
    assert main(["search", *only(starter_pack), "--batch", str(queries)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["query"] for line in lines] == ["botox", "G51.3", "(("]
    assert lines[1]["results"][0]["id"] == "starter/hemifacial-spasm"


@pytest.mark.parametrize("argv", [
    ["search"],
    ["search", "x", "--limit", "0"],
    ["search", "x", "--evidence", "nope"],
    ["search", "--batch", "/nonexistent/queries.txt"],
])
def test_user_errors(starter_pack: Path, argv: list[str],
                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*only(starter_pack), *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hfs-kb: ") and err.count("\n") == 1


def test_index_command(starter_pack: Path, home: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", *only(starter_pack)]) == 0
    assert "documents indexed" in capsys.readouterr().err
    assert main(["index", *only(starter_pack), "--rebuild"]) == 0
    assert str(home) in capsys.readouterr().err


def test_results_show_the_cores_badge(starter_pack: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*only(starter_pack), "search", "botox", "--limit", "1"]) == 0
    assert "starter/botulinum-toxin  [treatment: First-line · evidence low]  " in (
        capsys.readouterr().out)
    assert main([*only(starter_pack), "search", "garlic", "--limit", "1"]) == 0
    assert "[treatment: Not recommended · no evidence of benefit]" in capsys.readouterr().out
    assert main([*only(starter_pack), "search", "female", "--type", "risk-factor"]) == 0
    assert "starter/female-sex  [risk-factor: Associated (controlled studies)]" in (
        capsys.readouterr().out)
    assert main([*only(starter_pack), "search", "surgery", "--type", "claim", "--json"]) == 0
    claim = next(r for r in json.loads(capsys.readouterr().out)
                 if r["entity_id"] == "claim-surgery-only-under-40")
    assert (claim["verdict"], claim["badge"]) == ("contradicted", "Contradicted")


def test_json_items_carry_recommendation_association_and_badge(
        starter_pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*only(starter_pack), "search", "botox", "--json", "--limit", "1"]) == 0
    botox = json.loads(capsys.readouterr().out)[0]
    assert botox["entity_id"] == "botulinum-toxin"
    assert {key: botox[key] for key in ("evidence", "recommendation", "association", "badge")} == {
        "evidence": "low", "recommendation": "first-line", "association": "",
        "badge": "First-line · evidence low"}
    assert main([*only(starter_pack), "search", "female", "--json", "--type", "risk-factor"]
                ) == 0
    female = json.loads(capsys.readouterr().out)[0]
    assert (female["recommendation"], female["association"]) == ("", "associated")
    assert female["badge"] == "Associated (controlled studies)"


def test_batch_lines_carry_the_badge_too(tmp_path: Path, starter_pack: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("botox\n", encoding="utf-8")
    assert main(["search", *only(starter_pack), "--batch", str(queries), "--limit", "1"]) == 0
    result = json.loads(capsys.readouterr().out)["results"][0]
    assert result["badge"] == "First-line · evidence low"
    assert result["recommendation"] == "first-line"


def test_imported_terms_have_no_badge(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    hpo = write_hpo_like(tmp_path / "HPO", children=0)
    assert main([*only(hpo), "search", "hemifacial spasm", "--limit", "1"]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert f"hpo/{HFS_TERM}  [sign, imported]  Hemifacial spasm" in line
    assert main([*only(hpo), "search", "hemifacial spasm", "--limit", "1", "--json"]) == 0
    term = json.loads(capsys.readouterr().out)[0]
    assert (term["badge"], term["recommendation"], term["association"]) == ("", "", "")
