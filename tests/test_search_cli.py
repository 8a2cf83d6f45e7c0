"""`hfs-kb search` and `hfs-kb index`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfs_desktop.cli import main

from .helpers import only


def test_search_json(starter_pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*only(starter_pack), "search", "botox", "--json", "--limit", "3"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results[0]["id"] == "starter/botulinum-toxin"
    assert set(results[0]) >= {"id", "type", "name", "score", "evidence", "verdict", "snippet"}


def test_search_text_and_filters(starter_pack: Path, capsys: pytest.CaptureFixture[str]
                                 ) -> None:
    assert main(["search", *only(starter_pack), "surgery", "--type", "claim"]) == 0
    out = capsys.readouterr().out
    assert "claim-surgery-only-under-40" in out and "contradicted" in out
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
