"""`hfs-kb`: exit codes, clear messages, exports that load back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from hfs_desktop.cli import main

from .helpers import only, write


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean_pack(capsys: pytest.CaptureFixture[str], starter_pack: Path) -> None:
    code, out, err = run(capsys, "validate", str(starter_pack))
    assert code == 0
    assert out == ""
    assert "valid: 20 entities, 0 error(s), 0 warning(s)" in err


def test_validate_broken_pack(capsys: pytest.CaptureFixture[str], pack_copy: Path) -> None:
    write(pack_copy / "entities/bad.yaml", "type: cause\nentities:\n  - {id: x, name: x}\n")
    write(pack_copy / "entities/worse.yaml", "type: cause\nentities: [\n")
    code, out, err = run(capsys, *only(pack_copy), "validate")
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("knowledge/entities/bad.yaml:3:5: error: missing required "
                               "field 'summary'") for line in lines)
    assert any(line.startswith("knowledge/entities/worse.yaml:") for line in lines)
    assert "invalid" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["frobnicate"], ["export", "--format", "pdf"], ["show"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    capsys.readouterr()


def test_missing_pack_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--pack", str(tmp_path / "nowhere"), "stats")
    assert code == 1
    assert err.startswith("hfs-kb: no knowledge pack folder at ")


def test_invalid_pack_refuses_other_commands(capsys: pytest.CaptureFixture[str],
                                             pack_copy: Path) -> None:
    write(pack_copy / "entities/bad.yaml", "type: cause\nentities:\n  - {id: x, name: x}\n")
    code, _, err = run(capsys, "stats", *only(pack_copy))
    assert code == 1
    assert "knowledge/entities/bad.yaml:3:5: error:" in err


def test_stats(capsys: pytest.CaptureFixture[str], starter_pack: Path) -> None:
    code, out, _ = run(capsys, *only(starter_pack), "stats", "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["entities"] == 20
    assert stats["by_type"]["treatment"] == 4
    verdicts = stats["claims_by_verdict"]
    assert verdicts["contradicted"] == 1 and verdicts["unverified"] == 1  # every verdict
    assert stats["by_recommendation_level"]["first-line"] == 1
    assert sum(stats["by_recommendation_level"].values()) == 4
    assert stats["by_association_level"]["associated"] == 1
    assert stats["folk_remedies"] == 1
    code, out, _ = run(capsys, *only(starter_pack), "stats")
    assert "entities: 20 (15 besides claims and sources)" in out


def test_show(capsys: pytest.CaptureFixture[str], starter_pack: Path) -> None:
    code, out, _ = run(capsys, *only(starter_pack), "show", "botulinum-toxin", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["evidence"]["level"] == "low"
    assert data["aliases"] == ["BoNT", "botox"]
    assert data["recommendation"]["level"] == "first-line"
    code, out, _ = run(capsys, *only(starter_pack), "show", "botulinum-toxin")
    assert "name: Botulinum toxin injections" in out
    assert "badge: First-line · evidence low" in out
    assert "recommendation: level: first-line; rationale: " in out
    assert "sources: wang-jankovic-1998" in out
    code, out, _ = run(capsys, *only(starter_pack), "show", "female-sex")
    assert "association: level: associated" in out
    code, out, _ = run(capsys, *only(starter_pack), "show", "other-babinski-sign")
    assert "frequency: label: in 86%; specificity 100%; sources: miller-2012" in out


def test_references(capsys: pytest.CaptureFixture[str], starter_pack: Path) -> None:
    from hfs_desktop.graph import KnowledgeGraph
    from hfs_desktop.pack import load_pack
    from hfs_desktop.references import plain_text
    from hfs_desktop.render import references_of

    code, out, _ = run(capsys, *only(starter_pack), "references", "hemifacial-spasm")
    assert code == 0
    expected = references_of(KnowledgeGraph(load_pack(starter_pack)), "hemifacial-spasm")
    assert out == plain_text(expected) and out.startswith("1. ")
    assert "PMID 9843077" in out and "wang-jankovic-1998" not in out
    code, out, err = run(capsys, *only(starter_pack), "references", "facial-nerve")
    assert code == 0 and out == "" and "cites no source" in err
    code, out, err = run(capsys, *only(starter_pack), "references", "nope")
    assert code == 1 and err.startswith("hfs-kb: no entity with id 'nope'")


def test_unknown_id_suggests(capsys: pytest.CaptureFixture[str], starter_pack: Path) -> None:
    code, out, err = run(capsys, *only(starter_pack), "show", "botulinum-toxn")
    assert code == 1 and out == ""
    assert err.strip() == ("hfs-kb: no entity with id 'botulinum-toxn'; "
                           "did you mean botulinum-toxin?")


def test_render(capsys: pytest.CaptureFixture[str], starter_pack: Path) -> None:
    code, out, _ = run(capsys, *only(starter_pack), "render", "hemifacial-spasm")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "<h1>Hemifacial spasm</h1>" in out


def test_json_export_loads_back(capsys: pytest.CaptureFixture[str], starter_pack: Path,
                                tmp_path: Path) -> None:
    target = tmp_path / "graph.json"
    code, _, _ = run(capsys, *only(starter_pack), "export", "-o", str(target))
    assert code == 0
    graph = nx.node_link_graph(json.loads(target.read_text()), edges="links")
    assert graph.is_multigraph() and graph.is_directed()
    node = graph.nodes["botulinum-toxin"]
    assert node["type"] == "treatment" and node["aliases"] == ["BoNT", "botox"]
    assert node["evidence"]["level"] == "low" and node["category"] == "injection"
    assert graph.nodes["claim-surgery-only-under-40"]["verdict"] == "contradicted"
    assert graph.get_edge_data("botulinum-toxin", "hemifacial-spasm")["treats"] == {
        "relation": "treats"}
    ranks = {level["id"]: level["rank"] for level in graph.graph["evidence_levels"]}
    assert ranks["unproven"] == 0 and ranks["high"] > ranks["low"]
    assert node["recommendation"] == {"level": "first-line",
                                      "rationale": node["recommendation"]["rationale"],
                                      "sources": ["wang-jankovic-1998"]}
    assert graph.nodes["female-sex"]["association"]["level"] == "associated"
    assert graph.nodes["facial-palsy-after-mvd"]["frequency"]["sources"] == ["miller-2012"]
    for vocabulary in ("recommendation_levels", "association_levels"):
        levels = graph.graph[vocabulary]
        assert levels and all(set(level) == {"id", "label", "colour", "meaning", "rank"}
                              for level in levels)
    recommended = {level["id"]: level["rank"] for level in graph.graph["recommendation_levels"]}
    assert recommended["first-line"] > recommended["not-recommended"]


def test_graphml_export_flattens(capsys: pytest.CaptureFixture[str], starter_pack: Path,
                                 tmp_path: Path) -> None:
    target = tmp_path / "graph.graphml"
    code, _, _ = run(capsys, *only(starter_pack), "export", "--format", "graphml",
                     "-o", str(target))
    assert code == 0
    graph = nx.read_graphml(target, force_multigraph=True)
    assert graph.nodes["botulinum-toxin"]["aliases"] == "BoNT; botox"
    node = graph.nodes["botulinum-toxin"]
    assert node["evidence_level"] == "low" and node["recommendation_level"] == "first-line"
    assert node["recommendation_sources"] == "wang-jankovic-1998"
    assert "[@wang-jankovic-1998]" in node["recommendation_rationale"]
    assert json.loads(graph.graph["recommendation_levels"])[0]["id"] == "first-line"
    assert graph.number_of_edges() > 20


def test_unwritable_export_target(capsys: pytest.CaptureFixture[str], starter_pack: Path,
                                  tmp_path: Path) -> None:
    code, _, err = run(capsys, *only(starter_pack), "export", "-o",
                       str(tmp_path / "no" / "such" / "dir" / "g.json"))
    assert code == 1 and err.startswith("hfs-kb: cannot write ")


def test_console_script_from_another_folder(tmp_path: Path) -> None:
    """The installed command finds the bundled pack from any working directory."""
    for args in (["validate"], ["stats"]):
        result = subprocess.run([sys.executable, "-m", "hfs_desktop.cli", *args], cwd=tmp_path,
                                capture_output=True, text=True, timeout=120, check=False)
        assert "Traceback" not in result.stderr
        assert result.returncode in (0, 1)
    broken = subprocess.run([sys.executable, "-m", "hfs_desktop.cli", "--pack", "nowhere",
                             "validate"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, check=False)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr


def test_show_prints_codes_as_lines_and_relations_from_both_ends(
        capsys: pytest.CaptureFixture[str], starter_pack: Path) -> None:
    code, out, _ = run(capsys, *only(starter_pack), "show", "hemifacial-spasm")
    assert code == 0
    lines = out.splitlines()
    assert "  ICD-10: G51.3" in lines and "  ICD-10-CM: G51.31, G51.32, G51.33, G51.39" in lines
    assert "['" not in out and "{'" not in out
    treated_by = next(line for line in lines if line.startswith("  treated by: "))
    assert treated_by.startswith(  # strongest first, as on the page
        "  treated by: Botulinum toxin injections (botulinum-toxin), ")
    assert "garlic-lemon-compress" in treated_by  # written on the treatment, not here
    assert not any(line.startswith("relations:") for line in lines)
    code, out, _ = run(capsys, *only(starter_pack), "show", "botulinum-toxin", "--json")
    assert json.loads(out)["related"] == {"treats": ["hemifacial-spasm"]}


@pytest.mark.parametrize("command", [["stats"], ["show", "hemifacial-spasm"],
                                     ["search", "botox"], ["render", "hemifacial-spasm"],
                                     ["validate"]])
def test_a_yaml_syntax_error_is_named_first(capsys: pytest.CaptureFixture[str],
                                            pack_copy: Path, command: list[str]) -> None:
    treatments = pack_copy / "entities" / "treatments.yaml"
    treatments.write_text(treatments.read_text(encoding="utf-8").replace(
        "    name: Botulinum toxin injections", "    name: [Botulinum toxin injections", 1),
        encoding="utf-8")
    code, out, err = run(capsys, *only(pack_copy), *command)
    assert code == 1
    problems = [line for line in (out + err).splitlines() if ": error: " in line]
    assert "treatments.yaml:5:" in problems[0] and "YAML syntax" in problems[0]
    assert len(problems) == 2 and "reference(s) to undefined ids" in problems[1]
    assert "Traceback" not in out + err
