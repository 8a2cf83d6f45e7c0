"""The loader: safe, bounded YAML with file and line in every message."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.pack import PackInvalid, check_pack, load_pack, read_pack
from hfs_desktop.pack.yamlread import MAX_DEPTH, MAX_FILE_BYTES, YamlProblem, read_yaml

from .helpers import errors, one_error, write


def test_starter_pack_loads_clean(starter_pack: Path) -> None:
    pack, diags = check_pack(starter_pack)
    assert list(diags) == []
    assert pack.meta.id == "starter"
    assert pack.entities["botulinum-toxin"].aliases == ("BoNT", "botox")
    assert pack.entities["hemifacial-spasm"].codes["ICD-10-CM"] == (
        "G51.31", "G51.32", "G51.33", "G51.39")


def test_entities_keep_file_and_line(starter_pack: Path) -> None:
    pack = load_pack(starter_pack)
    entity = pack.entities["blepharospasm"]
    assert entity.location.path == "starter/entities/conditions.yaml"
    lines = (starter_pack / "entities/conditions.yaml").read_text().splitlines()
    assert lines[entity.location.line - 1].strip() == "- id: blepharospasm"


def test_scalars_stay_text(pack_copy: Path) -> None:
    write(pack_copy / "entities/extra.yaml", """\
type: source
entities:
  - id: numeric-source
    name: Numbers
    summary: A source whose fields look like numbers.
    citation: Someone. 2001.
    year: 2001
    pmid: 0012345
""")
    entity = read_pack(pack_copy)[0].entities["numeric-source"]
    assert entity.extra["pmid"] == "0012345"
    assert entity.extra["year"] == "2001"


def test_syntax_error_names_file_and_line(pack_copy: Path) -> None:
    write(pack_copy / "entities/broken.yaml",
          "type: cause\nentities:\n  - id: x\n    name: [oops\n")
    message = one_error(pack_copy, "broken.yaml")
    assert message.startswith("knowledge/entities/broken.yaml:")
    assert "YAML syntax" in message
    line = int(message.split(":")[1])
    assert line >= 4


def test_syntax_error_loses_nothing_else(pack_copy: Path) -> None:
    write(pack_copy / "entities/broken.yaml", "type: cause\nentities: [\n")
    pack, diags = read_pack(pack_copy)
    assert "hemifacial-spasm" in pack.entities  # other files still load
    assert len(diags.errors) == 1


def test_duplicate_key_is_an_error(pack_copy: Path) -> None:
    write(pack_copy / "entities/dupe.yaml", """\
type: anatomy
entities:
  - id: orbicularis-oculi
    name: Orbicularis oculi
    name: Eye muscle
    summary: The ring muscle that closes the eye.
    relations: {involves: [hemifacial-spasm]}
""")
    message = one_error(pack_copy, "duplicate key 'name'")
    assert message.startswith("knowledge/entities/dupe.yaml:5:5: error:")
    assert read_pack(pack_copy)[0].entities["orbicularis-oculi"].name == "Orbicularis oculi"


def test_python_tags_are_refused(pack_copy: Path) -> None:
    write(pack_copy / "entities/evil.yaml",
          "type: cause\nentities:\n  - !!python/object/apply:os.system ['echo hacked']\n")
    message = one_error(pack_copy, "evil.yaml")
    assert "YAML" in message or "mapping" in message


def test_alias_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    path = write(tmp_path / "bomb.yaml", "\n".join(lines) + "\n")
    with pytest.raises(YamlProblem, match="alias expansion"):
        read_yaml(path, "bomb.yaml")


def test_deep_nesting_is_bounded(tmp_path: Path) -> None:
    depth = MAX_DEPTH + 5
    path = write(tmp_path / "deep.yaml", "[" * depth + "]" * depth + "\n")
    with pytest.raises(YamlProblem, match="nested deeper"):
        read_yaml(path, "deep.yaml")


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "huge.yaml", "# " + "x" * MAX_FILE_BYTES + "\n")
    with pytest.raises(YamlProblem, match="limit"):
        read_yaml(path, "huge.yaml")


def test_binary_file_is_refused(pack_copy: Path) -> None:
    (pack_copy / "entities/binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    assert "not UTF-8" in one_error(pack_copy, "binary.yaml")


@pytest.mark.parametrize(("text", "fragment"), [
    ("- just\n- a list\n", "must be a mapping"),
    ("type: cause\n", "missing required field 'entities'"),
    ("type: cause\nentities: nope\n", "'entities' must be a list"),
    ("type: cause\nentities: [plain]\n", "must be a mapping"),
    ("type: gizmo\nentities: []\n", "unknown entity type 'gizmo'"),
    ("type: cause\nentities:\n  - {id: Bad_Id, name: x, summary: y}\n", "not kebab-case"),
    ("type: cause\nentities:\n  - {id: x, summary: y}\n", "missing required field 'name'"),
    ("type: cause\nentities:\n  - {id: x, name: x, summary: y, colour: red}\n",
     "unknown field 'colour'"),
    ("type: cause\nentities:\n  - {id: x, name: [a], summary: y}\n", "'name' must be text"),
    ("type: cause\nentities:\n  - {id: x, name: x, summary: y, aliases: [[a]]}\n",
     "each item of 'aliases'"),
    ("type: cause\nentities:\n  - {id: x, name: x, summary: y, codes: {ICD 9!: '1'}}\n",
     "code system 'ICD 9!' is not a name"),
    ("type: cause\nentities:\n  - {id: 'HP:12/3', name: x, summary: y}\n", "not kebab-case"),
    ("type: cause\nentities:\n  - {id: 'HP:', name: x, summary: y}\n", "not kebab-case"),
    ("type: cause\nentities:\n  - {id: x, name: x, summary: y, relations: [a]}\n",
     "'relations' must be a mapping"),
])
def test_shape_errors_point_at_the_file(pack_copy: Path, text: str, fragment: str) -> None:
    write(pack_copy / "entities/bad.yaml", text)
    message = one_error(pack_copy, fragment)
    assert message.startswith("knowledge/entities/bad.yaml:")
    assert ": error: " in message


def test_missing_vocabulary_files(pack_copy: Path) -> None:
    (pack_copy / "relations.yaml").unlink()
    (pack_copy / "pack.yaml").unlink()
    found = errors(pack_copy)
    assert any(m.startswith("knowledge/relations.yaml: error: missing file") for m in found)
    assert any(m.startswith("knowledge/pack.yaml: error: missing file") for m in found)


def test_bad_vocabulary_values(pack_copy: Path) -> None:
    text = (pack_copy / "evidence-levels.yaml").read_text()
    write(pack_copy / "evidence-levels.yaml",
          text.replace("rank: 5", "rank: five").replace('"#1b6e3a"', "green", 1))
    assert "'rank' must be a whole number" in one_error(pack_copy, "rank")
    assert "colour like" in one_error(pack_copy, "colour like")


def test_load_pack_raises_with_every_error(pack_copy: Path) -> None:
    write(pack_copy / "entities/bad.yaml", "type: cause\nentities:\n  - {id: x}\n  - {id: y}\n")
    with pytest.raises(PackInvalid) as info:
        load_pack(pack_copy)
    assert "knowledge/entities/bad.yaml:3" in str(info.value)
    assert "knowledge/entities/bad.yaml:4" in str(info.value)
