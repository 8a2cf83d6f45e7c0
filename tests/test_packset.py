"""The user's choice of packs, without Qt: describe a folder cheaply, add, replace, remove,
the same pack twice refused, older and newer copies named."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.packset import (
    PackFolderProblem,
    PackSet,
    PackSetEditor,
    PackSetRefused,
    compare_versions,
    describe,
    read_changelog,
    readable_folders,
)
from hfs_desktop.paths import bundled_pack_dir

from .helpers import write


def make_pack(folder: Path, pack_id: str = "hpo", version: str = "1.1.0", *,
              kind: str | None = None, changelog: str | None = None,
              name: str = "Human Phenotype Ontology") -> Path:
    """A folder with only a pack.yaml (and a changelog): all `describe` reads."""
    lines = [f"id: {pack_id}", f"name: {name}", f"version: {version}",
             "last_reviewed: 2026-11-01", "description: Phenotypic abnormalities."]
    if kind is not None:
        lines.append(f"kind: {kind}")
    write(folder / "pack.yaml", "\n".join(lines) + "\n")
    if changelog is not None:
        write(folder / "CHANGELOG.md", changelog)
    return folder


# -- describe ---------------------------------------------------------------------------

def test_describe_reads_pack_yaml_only(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "hpo", kind="imported", changelog="# Changes\n")
    write(folder / "entities" / "broken.yaml", "a: [unclosed\n")  # never read
    info = describe(folder)
    assert (info.id, info.name, info.version, info.kind) == (
        "hpo", "Human Phenotype Ontology", "1.1.0", "imported")
    assert info.last_reviewed == "2026-11-01" and info.description == "Phenotypic abnormalities."
    assert info.has_changelog and info.title == "Human Phenotype Ontology 1.1.0"
    assert read_changelog(info) == "# Changes\n"


def test_kind_is_reviewed_when_absent_and_the_bundled_pack_has_a_changelog() -> None:
    info = describe(bundled_pack_dir())
    assert info.id == "hfs" and info.kind == "reviewed" and info.kind_label == "Reviewed"
    assert info.has_changelog and info.version in read_changelog(info)


def test_no_changelog_reads_as_empty(tmp_path: Path) -> None:
    info = describe(make_pack(tmp_path / "p"))
    assert not info.has_changelog and read_changelog(info) == ""


def test_broken_pack_yaml_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    write(folder / "pack.yaml", "id: x\nname: [Broken\nversion: 1.0\n")
    with pytest.raises(PackFolderProblem) as caught:
        describe(folder)
    message = str(caught.value)
    assert message.startswith(f"{folder / 'pack.yaml'}:3:")
    assert "YAML syntax" in message


@pytest.mark.parametrize(("text", "expected"), [
    ("name: A\nversion: 1\n", "pack.yaml:1:1: pack.yaml has no 'id'"),
    ("id: a\nname: A\nversion:\n  - 1\n", "pack.yaml:3:1: 'version' must be plain text"),
    ("id: a/b\nname: A\nversion: 1\n", "pack.yaml:1:1: the pack id 'a/b' may not contain"),
    ("id: a\nname: A\nversion: 1\nkind: checked\n",
     "pack.yaml:4:1: 'kind' must be reviewed or imported, not 'checked'"),
    ("- just a list\n", "pack.yaml:1: pack.yaml must be a mapping"),
])
def test_bad_fields_name_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path / "p" / "pack.yaml", text)
    with pytest.raises(PackFolderProblem, match=expected.replace("(", r"\(")):
        describe(tmp_path / "p")


def test_a_folder_that_is_no_pack(tmp_path: Path) -> None:
    with pytest.raises(PackFolderProblem, match=r"is not a knowledge pack: it has no pack\.yaml"):
        describe(tmp_path)
    with pytest.raises(PackFolderProblem, match="no folder at"):
        describe(tmp_path / "gone")


# -- versions ---------------------------------------------------------------------------

@pytest.mark.parametrize(("new", "old", "order"), [
    ("1.10.0", "1.9.0", 1), ("1.0.0", "1.1.0", -1), ("1.1", "1.1.0", 0), ("v2.0", "1.9", 1),
    ("2026-11-01", "2026-10-05", 1), ("1.1.0", "1.1.0", 0), ("beta", "1.0", None),
])
def test_compare_versions(new: str, old: str, order: int | None) -> None:
    assert compare_versions(new, old) == order


# -- the set and its editor -------------------------------------------------------------

def test_packset_removes_duplicate_folders_and_round_trips_as_strings(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    chosen = PackSet((a, b, tmp_path / "x" / ".." / "a"), include_bundled=False)
    assert chosen.folders == (a, b)
    assert PackSet.from_strings(chosen.to_strings(), False) == chosen
    assert PackSet((a,)).open_folders(tmp_path / "bundled") == [tmp_path / "bundled", a]
    assert PackSet((a,), include_bundled=False).open_folders(tmp_path / "bundled") == [a]


def _editor(tmp_path: Path, *folders: Path, include_bundled: bool = True) -> PackSetEditor:
    bundled = make_pack(tmp_path / "bundled", "hfs", "1.1.0", name="Hemifacial spasm")
    return PackSetEditor.start(PackSet(folders, include_bundled), bundled)


def test_add_and_remove(tmp_path: Path) -> None:
    editor = _editor(tmp_path)
    hpo = make_pack(tmp_path / "hpo", kind="imported")
    assert editor.add(hpo).text == "Added Human Phenotype Ontology 1.1.0 (imported)."
    assert [e.pack_id for e in editor.entries] == ["hfs", "hpo"]
    assert editor.result() == PackSet((hpo,), include_bundled=True)
    editor.remove(editor.entries[1])
    assert editor.result() == PackSet((), include_bundled=True)
    editor.remove(editor.entries[0])  # the bundled one: left out
    assert editor.result() == PackSet((), include_bundled=False) and editor.entries == []


def test_the_same_pack_twice_is_refused_naming_both_folders(tmp_path: Path) -> None:
    first = make_pack(tmp_path / "usb" / "hpo")
    editor = _editor(tmp_path, first)
    second = make_pack(tmp_path / "home" / "hpo-copy", version="1.2.0")
    with pytest.raises(PackSetRefused) as caught:
        editor.add(second)
    assert str(first) in str(caught.value) and str(second) in str(caught.value)
    assert "Replace" in str(caught.value)
    with pytest.raises(PackSetRefused, match="already open"):
        editor.add(tmp_path / "usb" / "." / "hpo")
    with pytest.raises(PackSetRefused, match="already open from"):
        editor.add(make_pack(tmp_path / "hfs-copy", "hfs"))  # a copy of the bundled pack
    assert editor.result() == PackSet((first,))  # unchanged


def test_replace_with_an_older_copy_warns_and_a_newer_one_says_so(tmp_path: Path) -> None:
    editor = _editor(tmp_path, make_pack(tmp_path / "hpo-1.1"))
    older = editor.replace(editor.entries[1], make_pack(tmp_path / "hpo-1.0", version="1.0.0"))
    assert older.warning
    assert "version 1.0.0 is older than the open 1.1.0" in older.text
    newer = editor.replace(editor.entries[1], make_pack(tmp_path / "hpo-1.2", version="1.2.0"))
    assert not newer.warning and "version 1.2.0 is newer than the open 1.0.0" in newer.text
    assert editor.result() == PackSet((tmp_path / "hpo-1.2",))


def test_replace_with_another_pack_is_refused(tmp_path: Path) -> None:
    editor = _editor(tmp_path, make_pack(tmp_path / "hpo"))
    with pytest.raises(PackSetRefused, match=r"holds another pack .*Use Add pack"):
        editor.replace(editor.entries[1], make_pack(tmp_path / "mondo", "mondo"))


def test_replacing_the_bundled_pack_opens_the_copy_first(tmp_path: Path) -> None:
    hpo = make_pack(tmp_path / "hpo")
    editor = _editor(tmp_path, hpo)
    usb = make_pack(tmp_path / "usb" / "hfs", "hfs", "1.2.0", name="Hemifacial spasm")
    notice = editor.replace(editor.entries[0], usb)
    assert "version 1.2.0 is newer than the open 1.1.0" in notice.text
    assert editor.result() == PackSet((usb, hpo), include_bundled=False)
    with pytest.raises(PackSetRefused, match=r"already open from .*usb"):
        editor.set_include_bundled(True)
    assert not editor.include_bundled


def test_an_unreadable_folder_stays_listed_with_its_problem(tmp_path: Path) -> None:
    editor = _editor(tmp_path, tmp_path / "usb-taken-out")
    entry = editor.entries[1]
    assert entry.info is None and "no folder at" in entry.problem
    assert editor.result().folders == (tmp_path / "usb-taken-out",)  # nothing lost
    notice = editor.replace(entry, make_pack(tmp_path / "hpo"))
    assert "replaces the unreadable" in notice.text


def test_a_folder_that_cannot_be_read_is_not_added(tmp_path: Path) -> None:
    editor = _editor(tmp_path)
    write(tmp_path / "bad" / "pack.yaml", "id: bad\nname: [Broken\n")
    with pytest.raises(PackSetRefused) as caught:
        editor.add(tmp_path / "bad")
    assert str(caught.value).startswith(f"Not opened: {tmp_path / 'bad' / 'pack.yaml'}:")
    assert editor.result() == PackSet()


def test_readable_folders_leave_out_a_folder_gone_since(tmp_path: Path) -> None:
    here = make_pack(tmp_path / "here")
    gone = tmp_path / "usb" / "hpo"
    not_a_pack = tmp_path / "empty"
    not_a_pack.mkdir()
    assert readable_folders([here, gone, not_a_pack]) == [here]
