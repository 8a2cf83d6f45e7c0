"""`hfs-kb check`: exit codes, error messages, JSON and the stated threshold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfs_desktop.check import THRESHOLD
from hfs_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_states_the_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"at least {THRESHOLD}" in out


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "check", str(tmp_path / "nope.txt"))
    assert (code, out) == (1, "")
    assert err == f"hfs-kb: {tmp_path / 'nope.txt'}: no such file\n"


def test_binary_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    code, out, err = run(capsys, "check", str(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"hfs-kb: {path} is a binary file, not text")


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \n", b"\xef\xbb\xbf\n"])
def test_empty_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                    content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", str(path))
    assert (code, out) == (1, "")
    assert err == f"hfs-kb: {path} is empty: nothing to check\n"


def test_not_utf8_names_the_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Botox helps.\nCaf\xe9 opening hours.\n")
    code, _, err = run(capsys, "check", str(path))
    assert code == 1
    assert err.startswith(f"hfs-kb: {path}:2: not UTF-8 text (byte 0xe9)")


def test_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 1
    assert "is a folder, not a file" in err


def test_no_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2


def test_json_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Botulinum toxin does not help hemifacial spasm.\nPhone: 555 01 23.\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "check", str(path), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(d["claim"], d["verdict"], d["negated"]) for d in data] == [
        ("hfs/claim-botox-symptomatic", "supported", True), (None, None, False)]
    assert all(0 <= d["score"] <= 1 for d in data)


def test_text_and_html_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<p>Garlic compresses do nothing for facial spasm.</p>", encoding="utf-8")
    report = tmp_path / "report.html"
    code, out, err = run(capsys, "check", str(path), "--html", str(report))
    assert code == 0
    assert "STATES THE OPPOSITE of" in out
    assert "Unproven treatments the text warns against: Lemon juice and garlic compress" in out
    assert err == f"wrote {report}\n"
    assert "states the opposite" in report.read_text(encoding="utf-8")


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(b"Botulinum toxin does not help hemifacial spasm.\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "check", "-", "--json")
    assert code == 0
    assert json.loads(out)[0]["negated"] is True


def test_json_lists_the_further_claims_of_a_statement(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A sentence that makes two claims: the closest in the five keys, the other in
    further_claims with the same keys, ids qualified like the closest one's."""
    path = tmp_path / "groups.txt"
    path.write_text("Older people and women after the change of life are affected more "
                    "often.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 0
    [item] = json.loads(out)
    further = item["further_claims"]
    assert {item["claim"], *(f["claim"] for f in further)} == {
        "hfs/claim-elderly", "hfs/claim-postmenopausal-women"}
    for claim in further:
        assert list(claim)[:4] == ["claim", "verdict", "negated", "score"]
        assert claim["negated"] is False
        assert all(source.startswith("hfs/") for source in claim["sources"])
    code, out, _ = run(capsys, "check", str(path))
    assert "    -> and supported: More often in the elderly" in out \
        or "    -> and partly-supported: More often in women" in out
