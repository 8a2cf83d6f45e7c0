"""Packs are data: entity types, wording and the pack's kind come from the pack; the core's
defaults name no subject; ids may be an ontology's PREFIX:ID; entity files may be JSON Lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hfs_desktop import badges
from hfs_desktop.graph import KnowledgeGraph
from hfs_desktop.graph_model import neighbourhood_of
from hfs_desktop.pack import bundled_pack_dir, check_pack, load_pack
from hfs_desktop.pack.model import DEFAULT_ENTITY_TYPES, DEFAULT_WORDING
from hfs_desktop.render import render_entity

from .helpers import errors, one_error, write


@pytest.fixture
def hfs_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(bundled_pack_dir(), target)
    return target


def _strip_wording(root: Path) -> None:
    text = (root / "pack.yaml").read_text()
    start = text.index("wording:")
    end = text.index("verdicts:")
    (root / "pack.yaml").write_text(text[:start] + text[end:])


def test_core_defaults_name_no_subject() -> None:
    for text in DEFAULT_WORDING.values():
        assert "hemifacial" not in text.casefold() and "HFS" not in text
    for kind in DEFAULT_ENTITY_TYPES.values():
        assert kind.label and kind.plural and kind.colour.startswith("#")


def test_bundled_pack_brings_its_own_words_and_types() -> None:
    pack = load_pack()
    assert pack.meta.kind == "reviewed"
    assert "hemifacial spasm" in pack.word("folk_remedy_warning")
    assert "hemifacial spasm" in pack.word("subject")
    assert (bundled_pack_dir() / "entity-types.yaml").is_file()
    assert pack.type_label("risk-factor") == "Risk factor"
    assert pack.entity_types["treatment"].plural == "Treatments"


def test_without_its_wording_a_pack_says_nothing_of_hfs(hfs_copy: Path) -> None:
    _strip_wording(hfs_copy)
    pack = load_pack(hfs_copy)
    graph = KnowledgeGraph(pack)
    folk = next(e for e in pack.entities.values() if e.category == "folk-remedy")
    html = render_entity(graph, folk.id)
    assert DEFAULT_WORDING["folk_remedy_warning"] in html
    assert "helps hemifacial spasm" not in html
    legend = " ".join(section.explanation for section in badges.legend(pack))
    assert "linked to a condition" in legend


def test_a_pack_names_and_colours_its_own_types(hfs_copy: Path) -> None:
    text = (hfs_copy / "entity-types.yaml").read_text()
    write(hfs_copy / "entity-types.yaml", text.replace(
        "label: Treatment, plural: Treatments, colour: \"#c447d6\"",
        "label: Therapy, plural: Therapies, colour: \"#123456\""))
    pack = load_pack(hfs_copy)
    graph = KnowledgeGraph(pack)
    assert "Therapy" in render_entity(graph, "botulinum-toxin")
    data = neighbourhood_of(graph, "hemifacial-spasm", 1, lambda _: True,
                            {t.id: t.label for t in pack.entity_types.values()})
    treatment = data.nodes["botulinum-toxin"]
    assert (treatment.type_label, treatment.colour) == ("Therapy", "#123456")


def test_entity_types_file_replaces_the_defaults(pack_copy: Path) -> None:
    write(pack_copy / "entity-types.yaml",
          "types:\n  - {id: gizmo, label: Gizmo, plural: Gizmos, colour: '#123456'}\n")
    found = errors(pack_copy)
    assert any("unknown entity type 'condition' (known: gizmo)" in m for m in found)


@pytest.mark.parametrize(("text", "fragment"), [
    ("kind: bogus\n", "unknown pack kind 'bogus' (known: imported, reviewed)"),
    ("wording:\n  subjekt: x\n", "unknown field 'subjekt'"),
    ("wording:\n  subject: ''\n", "'subject' is empty"),
])
def test_pack_yaml_fields_are_checked(pack_copy: Path, text: str, fragment: str) -> None:
    path = pack_copy / "pack.yaml"
    path.write_text(path.read_text() + text)
    assert one_error(pack_copy, fragment).startswith("knowledge/pack.yaml:")


def test_an_imported_pack_needs_no_verdicts_levels_or_review_date(tmp_path: Path) -> None:
    root = tmp_path / "onto"
    write(root / "pack.yaml", "id: onto\nname: Onto\nversion: '1'\nkind: imported\n")
    write(root / "relations.yaml", "relations:\n"
          "  - {id: is-a, label: is a, inverse: has subtype}\n"
          "  - {id: about, label: about, inverse: about}\n"
          "  - {id: stated-in, label: stated in, inverse: states}\n"
          "  - {id: cites, label: cites, inverse: cited by}\n")
    write(root / "entities/terms.jsonl",
          '{"type": "condition"}\n'
          '{"id": "HP:0000001", "name": "All"}\n'
          '\n'
          '{"id": "HP:0000002", "name": "Two", "relations": {"is-a": ["HP:0000001"]},'
          ' "codes": {"SNOMEDCT_US": ["1"], "MSH": ["D1"]}}\n')
    pack, diags = check_pack(root)
    assert not diags.errors, [str(d) for d in diags]
    assert pack.meta.kind == "imported"
    assert pack.entities["HP:0000002"].location.line == 4
    assert pack.entities["HP:0000002"].codes["MSH"] == ("D1",)


def test_jsonl_problems_have_lines(tmp_path: Path, pack_copy: Path) -> None:
    write(pack_copy / "entities/more.jsonl",
          '{"type": "cause"}\n{"id": "x", "name": "x", "summary": "y", "name": "z"}\n')
    assert one_error(pack_copy, "duplicate key 'name'").startswith(
        "knowledge/entities/more.jsonl:2:")
    write(pack_copy / "entities/more.jsonl", '{"type": "cause"}\n{"id": "x",\n')
    assert one_error(pack_copy, "JSON syntax").startswith("knowledge/entities/more.jsonl:2:")
    write(pack_copy / "entities/more.jsonl", '{"type": "cause"}\n["x"]\n')
    assert "JSON object" in one_error(pack_copy, "JSON object")


@pytest.mark.parametrize("bad", ["HP 1", "HP:1/2", ":1", "HP:", "a/b", "Bad_Id", "x--y"])
def test_junk_ids_are_still_rejected(pack_copy: Path, bad: str) -> None:
    write(pack_copy / "entities/bad.yaml",
          f"type: cause\nentities:\n  - {{id: '{bad}', name: x, summary: y}}\n")
    assert "not kebab-case" in one_error(pack_copy, "not kebab-case")


def test_ontology_citations_must_be_prefixed(pack_copy: Path) -> None:
    write(pack_copy / "entities/bad.yaml",
          "type: cause\nentities:\n  - {id: 'X:1', name: x, summary: y,"
          " ontology_citations: ['PMID:1', 'not a ref']}\n")
    assert "ontology citation 'not a ref'" in one_error(pack_copy, "ontology citation")


def test_bundled_pack_keeps_the_sentences_that_were_in_the_code() -> None:
    """The bundled pack renders as before the wording moved into it (checked once for every
    page's HTML, both themes; here its sentences, verbatim)."""
    from hfs_desktop.gui import pages

    pack = load_pack()
    graph = KnowledgeGraph(pack)
    folk = next(e for e in pack.entities.values() if e.category == "folk-remedy")
    assert ("Folk remedy, unproven: no study shows that it helps hemifacial spasm. Do not use "
            "it in place of a treatment your doctor recommends.") in render_entity(graph, folk.id)
    footer = ("last reviewed " + pack.meta.last_reviewed
              + ". For education; it does not replace clinical judgement.</p>")
    assert footer in render_entity(graph, "hemifacial-spasm")
    assert ("<p>An offline reference on hemifacial spasm for medical students and clinicians. "
            "It never connects to the network.</p>") in pages.about_html(pack)
    assert ("how strongly a cause, risk factor or trigger is linked to the condition (a link "
            "is not proof of cause)") in pages.legend_html(pack)
