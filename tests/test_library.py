"""The Library: several packs at once, qualified ids, search across packs, the same concept
in two packs, imported terms without badges, and a graph that stays small around a term with
hundreds of children."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfs_desktop.cli import main
from hfs_desktop.concepts import concept_key, system_key, xref_key
from hfs_desktop.graph_model import GROUP_LIMIT, MORE_KIND
from hfs_desktop.ids import qualify, split
from hfs_desktop.library import Library, LibraryError
from hfs_desktop.navigation import Navigation
from hfs_desktop.pack import bundled_pack_dir
from hfs_desktop.paths import search_cache_dir
from hfs_desktop.render import entity_link, parse_link

from .helpers import write
from .twopacks import HFS_TERM, PARENT, write_hpo_like

CHILDREN = 312


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Library]:
    """The HPO-like pack and a library on it and the bundled pack (read once; the index
    cache is the throw-away home's, which `hfs-kb` uses too)."""
    root = tmp_path_factory.mktemp("library")
    hpo = write_hpo_like(root / "HPO", children=CHILDREN)
    library = Library.open([bundled_pack_dir(), hpo], search_cache_dir(),
                           bundled=bundled_pack_dir())
    return hpo, library


@pytest.fixture
def hpo(shared: tuple[Path, Library]) -> Path:
    return shared[0]


@pytest.fixture
def library(shared: tuple[Path, Library]) -> Library:
    return shared[1]


# -- ids -----------------------------------------------------------------------------------

@pytest.mark.parametrize("entity_id", ["botulinum-toxin", HFS_TERM, "a:b:c"])
def test_qualified_ids_and_links_round_trip(entity_id: str) -> None:
    ref = qualify("hpo", entity_id)
    assert split(ref) == ("hpo", entity_id)
    link = entity_link(ref)
    assert link.startswith("hfs://entity/hpo/") and ":" not in link.removeprefix("hfs:")
    assert parse_link(link) == ref


def test_old_bare_links_and_ids_still_parse() -> None:
    assert parse_link("hfs://entity/hemifacial-spasm") == "hemifacial-spasm"
    assert split("hemifacial-spasm") == (None, "hemifacial-spasm")


def test_bare_ids_resolve_to_the_bundled_pack_else_the_one_holding_them(
        library: Library) -> None:
    assert library.resolve("hemifacial-spasm") == "hfs/hemifacial-spasm"
    assert library.resolve(HFS_TERM) == f"hpo/{HFS_TERM}"  # only the HPO pack has it
    assert library.resolve(f"hpo/{HFS_TERM}") == f"hpo/{HFS_TERM}"
    assert library.resolve("hpo/hemifacial-spasm") is None
    assert library.resolve("nowhere/x") is None
    assert library.did_you_mean("botulinum-toxn")[0] == "hfs/botulinum-toxin"


def test_two_packs_with_one_id_name_both_folders(tmp_path: Path, hpo: Path) -> None:
    other = write_hpo_like(tmp_path / "HPO-copy", children=0)
    with pytest.raises(LibraryError) as caught:
        Library.read([hpo, other])
    assert str(hpo) in str(caught.value) and str(other) in str(caught.value)
    assert "'hpo'" in str(caught.value)


# -- search --------------------------------------------------------------------------------

def test_search_spans_the_packs_and_names_each_hit_s_pack(library: Library) -> None:
    hits = library.search("hemifacial spasm", limit=10)
    packs = {hit.pack for hit in hits}
    assert packs == {"hfs", "hpo"}
    term = next(hit for hit in hits if hit.entity_id == HFS_TERM)
    assert term.id == f"hpo/{HFS_TERM}" and not term.reviewed
    assert term.pack_name == "Human Phenotype Ontology (test)"
    assert hits == sorted(hits, key=lambda h: -h.score)


def test_pack_filter(library: Library) -> None:
    assert {h.pack for h in library.search("hemifacial spasm", pack="hpo")} == {"hpo"}
    assert {h.pack for h in library.search("hemifacial spasm", pack="hfs")} == {"hfs"}
    with pytest.raises(KeyError):
        library.search("spasm", pack="nope")


def test_imported_terms_have_no_badge_and_are_never_hidden(library: Library) -> None:
    assert library.badge(f"hpo/{HFS_TERM}") is None
    assert library.badge("hfs/botulinum-toxin") is not None
    assert not library.is_unproven(f"hpo/{HFS_TERM}")
    shown = library.search("facial twitch", pack="hpo", limit=100)
    assert shown and library.search("facial twitch", pack="hpo", limit=100,
                                    hide_unproven=True) == shown
    assert f"hpo/{HFS_TERM}" in [h.id for h in library.search("hemifacial spasm",
                                                               hide_unproven=True)]
    assert "hpo/" + HFS_TERM not in library.html(f"hpo/{HFS_TERM}").split("<h1>")[0]


# -- pages and the same concept ------------------------------------------------------------

def test_the_same_concept_links_both_ways(library: Library) -> None:
    hfs_page = library.html("hfs/hemifacial-spasm")
    hpo_page = library.html(f"hpo/{HFS_TERM}")
    assert "The same concept in Human Phenotype Ontology (test) (imported)" in hfs_page
    assert f'href="{entity_link(f"hpo/{HFS_TERM}")}"' in hfs_page
    assert "The same concept in Hemifacial spasm (reviewed pack)" in hpo_page
    assert f'href="{entity_link("hfs/hemifacial-spasm")}"' in hpo_page
    assert [s.ref for s in library.same_concept("hfs/hemifacial-spasm")] == [
        f"hpo/{HFS_TERM}"]


def test_every_page_names_its_pack_and_kind(library: Library) -> None:
    assert "From Hemifacial spasm (reviewed pack)" in library.html("hfs/botulinum-toxin")
    assert "From Human Phenotype Ontology (test) (imported)" in library.html(
        f"hpo/{PARENT}")


def test_page_links_parse_back_to_entities_of_their_pack(library: Library) -> None:
    import re

    html = library.html(f"hpo/{PARENT}")
    refs = [parse_link(href) for href in re.findall(r'href="(hfs://[^"]+)"', html)]
    assert refs and all(ref is not None and library.has(ref) for ref in refs)
    assert f"hpo/{HFS_TERM}" in refs


@pytest.mark.parametrize(("system", "code", "key"), [
    ("SNOMED-CT", "13753008", "SNOMED:13753008"),
    ("SNOMEDCT_US", "13753008", "SNOMED:13753008"),
    ("SNOMED CT", "SNOMEDCT_US:13753008", "SNOMED:13753008"),
    ("UMLS", "UMLS:C0278152", "UMLS:C0278152"),
    ("MeSH", "MSH:D019569", "MESH:D019569"),
    ("ICD-10", "G51.3", "ICD10:G513"),
    ("HPO", "HP:0010828", "HP:0010828"),
    ("Orphanet", "ORPHA:1234", "ORPHA:1234"),
    ("MIM", "123456", "OMIM:123456"),
])
def test_concept_keys(system: str, code: str, key: str) -> None:
    assert concept_key(system, code) == key


def test_xrefs_written_with_their_system() -> None:
    assert xref_key("SNOMEDCT_US:13753008") == xref_key("SNOMED CT 13753008") \
        == xref_key("SNOMED-CT:13753008") == "SNOMED:13753008"
    assert xref_key("nonsense") is None
    assert system_key("snomed-ct") == system_key("SNOMEDCT_US") == "SNOMED"


# -- the graph -----------------------------------------------------------------------------

def test_a_term_with_hundreds_of_children_is_capped_and_summarised(library: Library) -> None:
    data = library.neighbourhood(f"hpo/{PARENT}", depth=2)
    group = next(g for g in data.groups if g.label == "has subclass")
    assert len(group.nodes) == GROUP_LIMIT
    summary = data.nodes[group.nodes[-1]]
    assert summary.type == MORE_KIND
    assert summary.more == CHILDREN + 1 - (GROUP_LIMIT - 1)
    assert summary.name == f"+ {summary.more} more: has subclass"
    assert summary.opens == f"hpo/{PARENT}"  # its page lists them all
    assert len(data.nodes) < 60
    assert all(node_id.startswith("hpo/") for node_id, node in data.nodes.items()
               if not node.more)


def test_depth_two_under_a_child_is_capped_too(library: Library) -> None:
    data = library.neighbourhood(f"hpo/{HFS_TERM}", depth=2)
    parent = f"hpo/{PARENT}"
    assert [g.label for g in data.groups] == ["is a"]
    hung = data.children[parent][0].nodes
    assert data.nodes[hung[-1]].more > 0 and len(hung) <= 10


def test_the_graph_gives_plain_data(library: Library) -> None:
    graph = library.pack("hpo").graph
    assert graph is not None
    assert not hasattr(graph, "graph")  # networkx stays inside
    assert (HFS_TERM, "is-a", PARENT) in graph.edges()
    assert library.cited_by("hfs/wang-jankovic-1998")


# -- stored ids ----------------------------------------------------------------------------

def test_old_bare_bookmarks_and_history_migrate_on_load(tmp_path: Path,
                                                        library: Library) -> None:
    data = tmp_path / "data"
    write(data / "bookmarks.json", json.dumps([
        {"id": "botulinum-toxin", "name": "Botox"}, {"id": "gone", "name": "Gone"},
        {"id": f"hpo/{HFS_TERM}", "name": "HFS (HPO)"}]))
    write(data / "history.json", json.dumps(["hemifacial-spasm", HFS_TERM]))
    navigation = Navigation(data)
    assert navigation.migrate(library.resolve)
    assert navigation.bookmarks.ids() == ["hfs/botulinum-toxin", "gone", f"hpo/{HFS_TERM}"]
    assert navigation.recent.ids() == ["hfs/hemifacial-spasm", f"hpo/{HFS_TERM}"]
    again = Navigation(data)  # saved: the colon survives the file
    assert again.bookmarks.ids() == navigation.bookmarks.ids()
    assert not again.migrate(library.resolve)


# -- the command line ----------------------------------------------------------------------

def test_hfs_kb_with_two_packs(hpo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--pack", str(hpo), "search", "hemifacial spasm", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert {r["pack"] for r in results} == {"hfs", "hpo"}
    assert main(["--pack", str(hpo), "search", "spasm", "--in", "hpo", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert f"hpo/{HFS_TERM}" in out and "imported" in out and "hfs/" not in out
    assert main(["--pack", str(hpo), "show", HFS_TERM]) == 0
    out = capsys.readouterr().out
    assert "pack: Human Phenotype Ontology (test) (imported) (hpo)" in out
    assert "the same concept in Hemifacial spasm: Hemifacial spasm (hfs/hemifacial-spasm)" \
        in out
    assert "badge:" not in out
    assert main(["--pack", str(hpo), "render", f"hpo/{HFS_TERM}"]) == 0
    assert "The same concept in Hemifacial spasm" in capsys.readouterr().out


def test_hfs_kb_refuses_two_packs_with_one_id(hpo: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    other = write_hpo_like(tmp_path / "again", children=0)
    assert main(["--pack", str(hpo), "--pack", str(other), "stats"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hfs-kb: two packs have the id 'hpo'") and str(other) in err


def test_hfs_kb_export_asks_which_pack(hpo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--pack", str(hpo), "export"]) == 1
    assert "--in hfs|hpo" in capsys.readouterr().err
    assert main(["--pack", str(hpo), "export", "--in", "hpo"]) == 0
    assert json.loads(capsys.readouterr().out)["graph"]["pack_id"] == "hpo"
    assert main(["--no-bundled", "stats"]) == 1
    assert "--no-bundled needs at least one --pack" in capsys.readouterr().err


def test_pack_kind_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .helpers import errors

    root = write_hpo_like(tmp_path / "odd", children=0)
    text = (root / "pack.yaml").read_text(encoding="utf-8")
    write(root / "pack.yaml", text.replace("kind: imported", "kind: guessed"))
    assert [e for e in errors(root) if "unknown pack kind 'guessed'" in e
            and e.startswith("odd/pack.yaml:")]
    write(root / "pack.yaml", text.replace("kind: imported\n", ""))
    assert Library.read([root]).packs[0].reviewed  # hand-written packs: reviewed by default
