"""The validator: every content rule, all problems in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.pack import PackInvalid, load_pack

from .helpers import diagnostics, errors, one_error, write


def add(pack: Path, text: str, name: str = "extra.yaml") -> None:
    write(pack / "entities" / name, text)


def test_duplicate_id_across_files(pack_copy: Path) -> None:
    add(pack_copy, """\
type: cause
entities:
  - id: hemifacial-spasm
    name: Again
    summary: A second entity with a taken id.
""")
    message = one_error(pack_copy, "duplicate id 'hemifacial-spasm'")
    assert message.startswith("knowledge/entities/extra.yaml:3:")
    assert "first defined at knowledge/entities/conditions.yaml:3" in message


def test_dangling_reference(pack_copy: Path) -> None:
    add(pack_copy, """\
type: trigger
entities:
  - id: cold-air
    name: Cold air
    summary: Cold can bring on spasms.
    relations:
      triggers: [hemifacial-spasmm]
""")
    message = one_error(pack_copy, "hemifacial-spasmm")
    assert message.startswith("knowledge/entities/extra.yaml:7:18:"), "at the item, not the key"
    assert "'hemifacial-spasmm' is not defined (did you mean 'hemifacial-spasm'?)" in message


def test_dangling_items_of_a_block_list_are_reported_on_their_own_lines(
        pack_copy: Path) -> None:
    add(pack_copy, """\
type: trigger
entities:
  - id: cold-air
    name: Cold air
    summary: Cold can bring on spasms.
    relations:
      triggers:
        - hemifacial-spasm
        - no-such-thing-at-all
    sources: [wang-jankovic-1998, wang-jankovic-1989]
""")
    dangling = one_error(pack_copy, "no-such-thing-at-all")
    assert dangling.startswith("knowledge/entities/extra.yaml:9:")
    assert "did you mean" not in dangling
    source = one_error(pack_copy, "wang-jankovic-1989")
    assert source.startswith("knowledge/entities/extra.yaml:10:")
    assert "did you mean 'wang-jankovic-1998'" in source


def test_a_syntax_error_comes_first_and_its_knock_on_errors_fold(pack_copy: Path) -> None:
    # Breaking the file that defines the treatments leaves every link to them dangling.
    (pack_copy / "entities/treatments.yaml").write_text(
        "type: treatment\nentities:\n  - id: x\n   name: [oops\n", encoding="utf-8")
    shown = [d for d in diagnostics(pack_copy).presented() if d.is_error]
    assert "YAML syntax" in str(shown[0]) and "treatments.yaml:4:" in str(shown[0])
    assert len(shown) == 2, [str(d) for d in shown]
    assert "undefined ids" in str(shown[1]) and "treatments.yaml" in str(shown[1])


def test_pack_invalid_names_the_root_cause(pack_copy: Path) -> None:
    (pack_copy / "entities/treatments.yaml").write_text("type: treatment\nentities: [\n",
                                                         encoding="utf-8")
    with pytest.raises(PackInvalid) as caught:
        load_pack(pack_copy)
    lines = str(caught.value).splitlines()
    assert "YAML syntax" in lines[1]
    assert len(lines) == 3, lines


def test_unknown_relation_and_evidence_level(pack_copy: Path) -> None:
    add(pack_copy, """\
type: treatment
entities:
  - id: magic
    name: Magic
    summary: Not a thing.
    relations:
      cures: [hemifacial-spasm]
    evidence: {level: miraculous, rationale: none}
""")
    assert "unknown relation 'cures'" in one_error(pack_copy, "cures")
    assert "unknown evidence level 'miraculous'" in one_error(pack_copy, "miraculous")


def test_treatment_without_evidence(pack_copy: Path) -> None:
    add(pack_copy, """\
type: treatment
entities:
  - id: rest
    name: Rest
    summary: Resting the face.
    relations: {treats: [hemifacial-spasm]}
""")
    assert one_error(pack_copy, "has no evidence").startswith("knowledge/entities/extra.yaml:3:")


def test_folk_remedy_must_be_unproven(pack_copy: Path) -> None:
    add(pack_copy, """\
type: treatment
entities:
  - id: onion-compress
    name: Onion compress
    summary: A folk remedy.
    category: folk-remedy
    relations: {treats: [hemifacial-spasm]}
    evidence: {level: low, rationale: said to work, sources: [wang-jankovic-1998]}
    recommendation: {level: not-recommended, rationale: no evidence, sources: [miller-2012]}
""")
    assert "folk remedies must be 'unproven'" in one_error(pack_copy, "onion-compress")


def test_graded_evidence_needs_a_source(pack_copy: Path) -> None:
    add(pack_copy, """\
type: treatment
entities:
  - id: gabapentin
    name: Gabapentin
    summary: An anticonvulsant.
    relations: {treats: [hemifacial-spasm]}
    evidence: {level: moderate, rationale: trust me}
    recommendation: {level: may-be-tried, rationale: weak, sources: [miller-2012]}
""")
    assert "cites no source" in one_error(pack_copy, "gabapentin")


def test_claim_needs_verdict_and_source(pack_copy: Path) -> None:
    add(pack_copy, """\
type: claim
entities:
  - id: claim-half-done
    name: Half done
    summary: A claim with holes.
    statement: Something an article said.
    about: [hemifacial-spasm]
    verdict: plausible
""")
    found = [m for m in errors(pack_copy) if "claim-half-done" in m]
    assert any("has no 'stated_in'" in m for m in found)
    assert any("has no 'sources'" in m for m in found)
    assert any("has no 'rationale'" in m for m in found)
    assert any("unknown verdict 'plausible'" in m for m in found)


def test_undefined_source_key_and_non_source_key(pack_copy: Path) -> None:
    add(pack_copy, """\
type: symptom
entities:
  - id: cheek-twitching
    name: Cheek twitching
    summary: Twitching of the cheek.
    relations: {symptom-of: [hemifacial-spasm]}
    sources: [smith-2099, blepharospasm]
""")
    assert "source key 'smith-2099' is not defined" in one_error(pack_copy, "smith-2099")
    assert "is a condition, not a source" in one_error(pack_copy, "not a source")


def test_source_needs_citation(pack_copy: Path) -> None:
    add(pack_copy, """\
type: source
entities:
  - id: anon-2020
    name: Anonymous
    summary: No citation.
""")
    assert "has no 'citation'" in one_error(pack_copy, "anon-2020")


def test_orphan_is_a_warning(pack_copy: Path) -> None:
    add(pack_copy, """\
type: anatomy
entities:
  - id: brainstem
    name: Brainstem
    summary: Part of the brain.
""")
    diags = diagnostics(pack_copy)
    assert not diags.errors
    warnings = [str(d) for d in diags if "orphan" in d.message]
    assert warnings == ["knowledge/entities/extra.yaml:3:5: warning: orphan: 'brainstem' links "
                        "to nothing and nothing links to it"]


def test_every_problem_reported_in_one_run(pack_copy: Path) -> None:
    add(pack_copy, """\
type: treatment
entities:
  - id: a
    name: A
    summary: x
  - id: b
    name: B
    summary: y
    relations: {treats: [nowhere]}
    evidence: {level: unproven, rationale: none}
""")
    add(pack_copy, "type: cause\nentities: [\n", name="zz-broken.yaml")
    found = errors(pack_copy)
    assert any("treatment 'a' has no evidence" in m for m in found)
    assert any("'nowhere' is not defined" in m for m in found)
    assert any("zz-broken.yaml" in m for m in found)


def test_builtin_relations_must_be_listed(pack_copy: Path) -> None:
    text = (pack_copy / "relations.yaml").read_text()
    write(pack_copy / "relations.yaml",
          "\n".join(line for line in text.splitlines() if "id: cites" not in line) + "\n")
    assert "built-in relation 'cites'" in one_error(pack_copy, "built-in")


# -- fields that show citations as written: name, aliases, a statement, a figure -------------

def test_a_bare_key_in_a_figure_a_name_or_a_statement_is_an_error(pack_copy: Path) -> None:
    add(pack_copy, """\
type: sign
entities:
  - id: cheek-twitch
    name: Cheek twitch (miller-2012)
    aliases: [twitch per wang-jankovic-1998]
    summary: The cheek twitches.
    relations: {sign-of: [hemifacial-spasm]}
    frequency:
      label: in 40% (miller-2012)
      sources: [miller-2012]
  - id: claim-cheek
    type: claim
    name: Cheek twitches
    summary: The cheek twitches.
    statement: The article says the cheek twitches (miller-2012).
    stated_in: [seed-article]
    about: [cheek-twitch]
    verdict: supported
    rationale: Shown by [@miller-2012].
    sources: [miller-2012]
""")
    found = [m for m in errors(pack_copy) if "as plain text" in m]
    assert found == [
        "knowledge/entities/extra.yaml:4:5: error: 'cheek-twitch': name names the source key "
        "'miller-2012' as plain text; list the source under 'sources'",
        "knowledge/entities/extra.yaml:5:15: error: 'cheek-twitch': aliases names the source "
        "key 'wang-jankovic-1998' as plain text; list the source under 'sources'",
        "knowledge/entities/extra.yaml:8:5: error: 'cheek-twitch': frequency.label names the "
        "source key 'miller-2012' as plain text; list the source under 'frequency.sources'",
        "knowledge/entities/extra.yaml:15:5: error: 'claim-cheek': statement names the source "
        "key 'miller-2012' as plain text; list the source under 'stated_in' or 'sources'",
    ]


@pytest.mark.parametrize(("field", "line"), [
    ("name: Cheek twitch [@miller-2012]", 4),
    ("statement: The cheek twitches [@miller-2012].", 16),
    ("frequency: {label: 'in 40% [@miller-2012]', sources: [miller-2012]}", 9),
    ("name: Cheek twitch [@miller-2012", 4),  # unclosed: still markup, still shown raw
])
def test_citation_markup_where_it_is_not_a_link_is_an_error(pack_copy: Path, field: str,
                                                            line: int) -> None:
    entities = """\
type: sign
entities:
  - id: cheek-twitch
    name: Cheek twitch
    summary: The cheek twitches.
    relations: {sign-of: [hemifacial-spasm]}
    sources: [miller-2012]
    # a figure may follow
    frequency: {label: in 40%, sources: [miller-2012]}
  - id: claim-cheek
    type: claim
    name: Cheek twitches
    summary: The cheek twitches.
    stated_in: [seed-article]
    about: [cheek-twitch]
    statement: The article says the cheek twitches.
    verdict: supported
    rationale: Shown by [@miller-2012].
    sources: [miller-2012]
"""
    key = field.split(":")[0]
    lines = entities.splitlines()
    index = next(i for i, text in enumerate(lines) if text.strip().startswith(key + ":"))
    lines[index] = lines[index][:len(lines[index]) - len(lines[index].lstrip())] + field
    add(pack_copy, "\n".join(lines) + "\n")
    message = one_error(pack_copy, "citation markup")
    field_name = "frequency.label" if key == "frequency" else key
    assert message.startswith(f"knowledge/entities/extra.yaml:{line}:5: error: ")
    assert f"{field_name} holds citation markup ([@miller-2012" in message
    assert "not shown as a link" in message
    assert not [m for m in errors(pack_copy) if "as plain text" in m]


def test_plain_fields_of_the_starter_pack_pass(pack_copy: Path) -> None:
    assert not [m for m in errors(pack_copy) if "citation markup" in m or "plain text" in m]


# -- near-duplicate names -----------------------------------------------------------------

def test_name_key_joins_what_spacing_and_hyphens_split() -> None:
    from hfs_desktop.pack.validate import name_key

    assert name_key("brain stem") == name_key("Brainstem") == name_key("brain-stems")
    assert name_key("A.I.C.A.") == name_key("AICA")
    assert name_key("HFS-30") == name_key("HFS30") == name_key("hfs 30")
    assert name_key("facial nerve") != name_key("facial nerves root")


def test_a_rejoined_alias_is_an_error_and_a_rejoined_search_term_allowed(
        pack_copy: Path) -> None:
    add(pack_copy, """\
type: anatomy
entities:
  - id: brainstem
    name: Brainstem
    aliases: [brain stem, Pons and medulla]
    search_terms: [pons-and-medulla, "BRAINSTEM.", brain-stem tissue, brainstem tissue]
    summary: Part of the brain.
    relations: {related-to: [facial-nerve]}
""")
    diags = diagnostics(pack_copy)
    found = [str(d) for d in diags if "merge them" in d.message or "split or joined" in d.message]
    assert found == [
        "knowledge/entities/extra.yaml:5:15: error: 'brainstem': alias 'brain stem' is the "
        "name with words split or joined differently; keep one name and move the variant to "
        "search_terms",
        "knowledge/entities/extra.yaml:6:20: error: 'brainstem': search_terms entry "
        "'pons-and-medulla' repeats 'Pons and medulla'; merge them",
        "knowledge/entities/extra.yaml:6:38: error: 'brainstem': search_terms entry "
        "'BRAINSTEM.' repeats the name; merge them",
    ]


def test_a_rejoined_alias_of_an_imported_pack_is_left_alone(pack_copy: Path) -> None:
    """An ontology's own split synonym ("brain stem", "Brainstem") in a pack imported before
    import-obo merged them: the pack still opens."""
    meta = pack_copy / "pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "kind: imported\n", encoding="utf-8")
    add(pack_copy, """\
type: anatomy
entities:
  - id: brainstem
    name: Brainstem
    aliases: [brain stem]
    summary: Part of the brain.
    relations: {related-to: [facial-nerve]}
""")
    diags = diagnostics(pack_copy)
    assert not [d for d in diags if "split or joined" in d.message]
    assert not [d for d in diags if d.severity == "error"]
