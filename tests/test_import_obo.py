"""`hfs-kb import-obo`: every OBO construct of tests/data/every-construct.obo, round trip
through the loader and the validator, and malformed files as file:line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.cli import main
from hfs_desktop.graph import KnowledgeGraph
from hfs_desktop.importers.obo import OboError, logical_lines, parse_obo, split_value, unescape
from hfs_desktop.pack import Pack, check_pack
from hfs_desktop.render import render_entity

DATA = Path(__file__).parent / "data"
OBO = DATA / "every-construct.obo"
SPASM = "TST:0000002"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def imported(capsys: pytest.CaptureFixture[str], out: Path, *extra: str) -> Pack:
    code, _, err = run(capsys, "import-obo", str(OBO), "-o", str(out), *extra)
    assert code == 0, err
    pack, diags = check_pack(out)
    assert not diags, [str(d) for d in diags]
    return pack


@pytest.fixture
def pack(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Pack:
    return imported(capsys, tmp_path / "TST")


# -- the parser's pieces -------------------------------------------------------------------

def test_line_continuations_and_escapes() -> None:
    text = "a: one \\\n two\nb: three\\\\\nc: x"
    assert list(logical_lines(text)) == [(1, "a: one  two"), (3, "b: three\\\\"), (4, "c: x")]
    assert unescape(r"a\nb\Wc\td\:e\,f\"g\\h\{i\}") == 'a\nb c\td:e,f"g\\h{i}'


def test_values_lose_their_comment_and_modifiers() -> None:
    value = split_value(' "a ! b {c}" [PMID:1 {x="y"}] {source="z"} ! note')
    assert value.text == '"a ! b {c}" [PMID:1 {x="y"}]'
    assert value.modifiers == 'source="z"'
    assert split_value(' a "stray quote ! cut', quotes=False).text == 'a "stray quote'
    for bad in (' "open', " x {a=1", " x } y"):
        with pytest.raises(ValueError):
            split_value(bad)


def test_header_and_stanzas_are_read() -> None:
    onto = parse_obo(OBO)
    header = onto.header
    assert (header.format_version, header.data_version, header.ontology) == (
        "1.4", "tst/releases/2026-11-01", "tst")
    assert header.date == "01:11:2026 12:00"
    assert header.default_namespace == "test_phenotype"
    assert header.remarks[1] == "Second remark, with an escaped comma."
    assert header.synonym_types == {"layperson": "layperson term",
                                    "abbreviation": "abbreviation"}
    assert header.subsets == {"core": "Core terms"}
    assert header.idspaces == {"TST": "http://example.org/tst/"}
    assert header.title == "Test Ontology"
    assert set(onto.typedefs) == {"part_of", "has_part"}
    assert onto.typedefs["part_of"].inverse_of == "has_part"
    assert "TST:INSTANCE1" not in onto.terms  # [Instance] stanzas are read past
    term = onto.terms[SPASM]
    assert term.name == "Facial spasm, one side {left or right}"
    assert term.definition == 'A "spasm" of the face! Escapes: a\ttab and a colon: here.'
    assert term.definition_xrefs == ["PMID:12145388", "https://orcid.org/0000-0002-0736-9199",
                                     "ISBN:978-0-12"]
    assert term.comment.startswith('Often starts at the eye; a stray " quote ')
    assert "continued line.\nA second" in term.comment
    scopes = {s.text: (s.scope, s.type) for s in term.synonyms}
    assert scopes["FS"] == ("EXACT", "abbreviation")
    assert scopes["Spasm of one side"] == ("RELATED", "")
    assert scopes["Unilateral facial spasm"] == ("EXACT", "")
    assert term.xrefs[0] == "SNOMEDCT_US:13753008"
    assert term.is_a == ["TST:0000003", "TST:0000001"]
    assert ("part_of", "OTHER:0000001") in term.relationships
    assert onto.terms["TST:0000099"].obsolete
    assert onto.terms["TST:0000099"].replaced_by == ["TST:0000002"]


# -- the pack ------------------------------------------------------------------------------

def test_import_round_trip(pack: Pack) -> None:
    meta = pack.meta
    assert (meta.id, meta.name, meta.version, meta.kind) == (
        "tst", "Test Ontology", "2026-11-01", "imported")
    assert meta.last_reviewed == ""
    assert "Test Ontology" in pack.word("subject")
    assert set(pack.entity_types) == {"test-phenotype", "test-anatomy", "source"}
    assert pack.type_label("test-anatomy") == "Test anatomy"
    assert pack.relation_types["part_of"].inverse == "has part"
    assert "TST:0000099" not in pack.entities and "TST:0000098" not in pack.entities

    spasm = pack.entities[SPASM]
    assert spasm.type == "test-phenotype"
    assert spasm.name == "Facial spasm, one side {left or right}"
    # EXACT -> aliases (one repeating the name is dropped); the rest -> search terms.
    assert spasm.aliases == ("One-sided facial spasm", "FS", "Twitching face",
                             "Unilateral facial spasm")
    assert spasm.search_terms == ("Facial movement disorder", "Left facial spasm", "Face tic",
                                  "Spasm of one side", "TST:0000090", "TST:0000099")
    assert spasm.summary.startswith('A "spasm" of the face!')
    assert spasm.details.endswith("A second paragraph after an escaped newline.")
    assert spasm.codes == {"SNOMEDCT_US": ("13753008",), "UMLS": ("C0278152",),
                           "MSH": ("D019569",), "OMIM": ("123456",)}
    assert spasm.relations == {"is-a": ("TST:0000003", "TST:0000001"),
                               "part_of": ("TST:0000010",)}
    assert spasm.ontology_citations == ("PMID:12145388", "ISBN:978-0-12")  # no ORCID
    assert spasm.sources == ("ontology-release",)
    assert pack.entities["TST:0000011"].summary == ""  # no definition: no summary
    source = pack.entities["ontology-release"]
    assert "Release tst/releases/2026-11-01" in source.extra["citation"]


def test_summary_counts_what_was_dropped(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    code, _, err = run(capsys, "import-obo", str(OBO), "-o", str(tmp_path / "t"))
    assert code == 0
    assert "5 terms imported" in err
    assert "2 obsolete terms left out" in err
    assert "1 links to obsolete terms dropped, 1 links to terms not in the file" in err
    assert "1 xrefs that are not PREFIX:ID" in err
    assert "valid: 6 entities, 0 error(s)" in err


def test_page_shows_the_ontology_citations_apart(pack: Pack) -> None:
    html = render_entity(KnowledgeGraph(pack), SPASM)
    assert "Cited by the ontology: PMID:12145388, ISBN:978-0-12" in html
    assert html.count('class="refnum"') == 1  # one numbered source: the ontology itself
    assert "Test Ontology. Release tst/releases/2026-11-01" in html
    assert 'href="hfs://entity/tst/TST%3A0000003"' in html  # pack-qualified, colon encoded
    assert "Test phenotype" in html and "SNOMEDCT_US" in html
    assert "last reviewed" not in html
    assert "hemifacial" not in html.casefold()


def test_yaml_and_jsonl_load_the_same(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path, pack: Pack) -> None:
    as_yaml = imported(capsys, tmp_path / "yaml", "--format", "yaml", "--id", "tst")
    assert any(p.suffix == ".yaml" for p in (tmp_path / "yaml/entities").iterdir())

    def plain(p: Pack) -> list[dict[str, object]]:
        return [{k: v for k, v in p.to_plain(e).items() if k not in ("file", "line")}
                for e in sorted(p.entities.values(), key=lambda e: e.id)]

    assert plain(as_yaml) == plain(pack)


def test_replace_only_an_imported_pack(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    out = tmp_path / "TST"
    imported(capsys, out)
    code, _, err = run(capsys, "import-obo", str(OBO), "-o", str(out))
    assert code == 1 and "not empty" in err
    imported(capsys, out, "--replace")
    other = tmp_path / "other"
    (other / "notes").mkdir(parents=True)
    code, _, err = run(capsys, "import-obo", str(OBO), "-o", str(other), "--replace")
    assert code == 1 and "holds no pack.yaml" in err
    assert (other / "notes").is_dir()


# -- malformed input -----------------------------------------------------------------------

GOOD_TERM = "[Term]\nid: X:1\nname: one\n"


@pytest.mark.parametrize(("text", "line", "fragment"), [
    (GOOD_TERM + 'def: "never closed [PMID:1]\n', 4, "no closing '\"'"),
    ("[Term\nid: X:1\n", 1, "stanza header"),
    (GOOD_TERM + "just some words\n", 4, "expected 'tag: value'"),
    (GOOD_TERM + 'synonym: "x" EXAKT []\n', 4, "unknown synonym scope 'EXAKT'"),
    (GOOD_TERM + "\n[Term]\nname: no id\n", 5, "stanza with no 'id'"),
    (GOOD_TERM + "\n[Term]\nid: X:1\nname: again\n", 5, "duplicate [Term] id 'X:1'"),
    (GOOD_TERM + "is_a: X:2 {source=1\n", 4, "'{' with no closing '}'"),
    (GOOD_TERM + 'def: "x" [PMID:1\n', 4, "no closing ']'"),
    (GOOD_TERM + "name: twice\n", 4, "'name' given twice"),
    (GOOD_TERM + "relationship: part_of\n", 4, "'RELATION TARGET'"),
    (GOOD_TERM + "is_obsolete: maybe\n", 4, "true or false"),
    (GOOD_TERM + "is_a: X:2 X:3\n", 4, "one identifier"),
    ("synonymtypedef: layperson\n" + GOOD_TERM, 1, "quoted string"),
    ("format-version: 1.4\n", 0, "no [Term] stanza"),
])
def test_malformed_files_name_the_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       text: str, line: int, fragment: str) -> None:
    path = tmp_path / "bad.obo"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OboError) as info:
        parse_obo(path)
    problems = info.value.problems
    assert any(p.line == line and fragment in p.message for p in problems), problems
    code, out, err = run(capsys, "import-obo", str(path), "-o", str(tmp_path / "out"))
    assert code == 1
    where = f"{path}:{line}: " if line else f"{path}: "
    assert any(msg.startswith(where) and fragment in msg for msg in err.splitlines()), err
    assert "Traceback" not in err and out == ""
    assert not (tmp_path / "out").exists()  # nothing written


def test_unreadable_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    binary = tmp_path / "binary.obo"
    binary.write_bytes(GOOD_TERM.encode() + b"name: \xff\xfe\n")
    code, _, err = run(capsys, "import-obo", str(binary), "-o", str(tmp_path / "o"))
    assert code == 1 and f"{binary}:4: not UTF-8" in err
    code, _, err = run(capsys, "import-obo", str(tmp_path / "missing.obo"), "-o",
                       str(tmp_path / "o"))
    assert code == 1 and "cannot read file" in err


def test_bad_pack_id_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    code, _, err = run(capsys, "import-obo", str(OBO), "-o", str(tmp_path / "o"),
                       "--id", "Not OK")
    assert code == 2 and "kebab-case" in err


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import-obo", "--help"])
    out = capsys.readouterr().out
    assert "exit codes: 0" in out and "FILE:LINE" in out


def test_the_cli_reads_an_imported_pack(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    out = tmp_path / "TST"
    imported(capsys, out)
    code, text, _ = run(capsys, "--no-bundled", "--pack", str(out), "stats")
    assert code == 0 and "version 2026-11-01, imported, not reviewed" in text
    code, text, _ = run(capsys, "--no-bundled", "--pack", str(out), "search", "face",
                        "--no-cache",
                        "--type", "test-anatomy")
    assert code == 0 and "TST:0000010" in text and SPASM not in text
    code, _, err = run(capsys, "--no-bundled", "--pack", str(out), "search", "face",
                       "--no-cache",
                       "--type", "treatment")
    assert code == 1 and "unknown type 'treatment'; known: test-phenotype" in err
