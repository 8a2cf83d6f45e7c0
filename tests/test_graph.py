"""KnowledgeGraph: typed edges and the questions the GUI asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.graph import KnowledgeGraph
from hfs_desktop.pack import bundled_pack_dir, load_pack
from hfs_desktop.pack.model import Entity, Location, Pack, PackMeta, RelationType


@pytest.fixture
def graph(starter_pack: Path) -> KnowledgeGraph:
    return KnowledgeGraph(load_pack(starter_pack))


def group_labels(graph: KnowledgeGraph, entity_id: str) -> dict[str, list[str]]:
    return {g.label: [e.id for e in g.entities] for g in graph.neighbours(entity_id)}


def test_edges_are_typed(graph: KnowledgeGraph) -> None:
    assert graph.relation_between("botulinum-toxin", "hemifacial-spasm") == [
        ("botulinum-toxin", "treats", "hemifacial-spasm")]
    data = {rel: {"relation": rel} for a, rel, b in graph.edges()
            if (a, b) == ("botulinum-toxin", "hemifacial-spasm")}
    assert data == {"treats": {"relation": "treats"}}


def test_neighbours_in_both_directions_with_inverse_labels(graph: KnowledgeGraph) -> None:
    groups = group_labels(graph, "hemifacial-spasm")
    assert groups["treated by"] == ["botulinum-toxin", "carbamazepine", "garlic-lemon-compress",
                                    "microvascular-decompression"]
    assert groups["involves"] == ["facial-nerve"]
    assert groups["has differential diagnosis"] == ["blepharospasm"]
    assert groups["caused by"] == ["neurovascular-compression"]
    outgoing = [g.outgoing for g in graph.neighbours("hemifacial-spasm")]
    assert outgoing == sorted(outgoing, reverse=True)  # outgoing groups first


def test_neighbours_filter(graph: KnowledgeGraph) -> None:
    only = graph.neighbours("microvascular-decompression", include=["treats"])
    assert [(g.relation, [e.id for e in g.entities]) for g in only] == [
        ("treats", ["hemifacial-spasm"])]
    assert all(g.relation != "cites" for g in
               graph.neighbours("microvascular-decompression", exclude=["cites"]))


def test_claims_and_sources(graph: KnowledgeGraph) -> None:
    assert [c.id for c in graph.claims_about("microvascular-decompression")] == [
        "claim-surgery-only-under-40"]
    assert [c.id for c in graph.claims_stated_in("seed-article")] == [
        "claim-stress-brings-on-spasms", "claim-surgery-only-under-40"]
    assert [s.id for s in graph.sources_of("botulinum-toxin")] == ["wang-jankovic-1998"]


def test_k_neighbourhood(graph: KnowledgeGraph) -> None:
    one = graph.within("facial-palsy-after-mvd", depth=1)
    assert set(one) == {"facial-palsy-after-mvd", "microvascular-decompression",
                              "miller-2012"}
    two = graph.within("facial-palsy-after-mvd", depth=2)
    assert "hemifacial-spasm" in two and "claim-surgery-only-under-40" in two
    limited = graph.within("hemifacial-spasm", depth=2, limit=5)
    assert len(limited) == 5 and "hemifacial-spasm" in limited


def test_path(graph: KnowledgeGraph) -> None:
    path = graph.path("garlic-lemon-compress", "facial-nerve")
    assert path[0] == "garlic-lemon-compress" and path[-1] == "facial-nerve"
    assert len(path) == 3  # via hemifacial-spasm
    assert graph.path("facial-nerve", "no-such-entity") == []


def test_by_type_and_evidence(graph: KnowledgeGraph) -> None:
    assert [e.id for e in graph.by_type("treatment")] == [
        "botulinum-toxin", "carbamazepine", "garlic-lemon-compress",
        "microvascular-decompression"]
    assert [e.id for e in graph.by_evidence("unproven")] == ["garlic-lemon-compress"]


def test_everything_reachable_from_the_condition(graph: KnowledgeGraph) -> None:
    assert graph.reachable_from("hemifacial-spasm") == set(graph.pack.entities)


def test_a_symmetric_relation_reads_as_one_group() -> None:
    graph = KnowledgeGraph(load_pack(bundled_pack_dir()))
    for entity_id in graph.pack.entities:
        labels = [g.label for g in graph.neighbours(entity_id)]
        assert labels.count("related to") <= 1, entity_id


def made_pack() -> Pack:
    """Edges the loader would warn about: a target the pack lacks, one relation written
    twice, two relations to one target apart in the list."""
    here = Location("made.yaml", 1)
    entities = [
        Entity("a", "condition", "A", here, relations={
            "treats": ("b", "missing", "c"), "involves": ("c", "b", "c")}),
        Entity("b", "condition", "B", here),
        Entity("c", "condition", "C", here, relations={"treats": ("a",)}),
        Entity("d", "condition", "D", here),
    ]
    return Pack("made", PackMeta("made", "Made", "1", "2026-01-01"), {}, {},
                {"treats": RelationType("treats", "treats", "treated by")},
                {e.id: e for e in entities})


def test_edges_to_unknown_ids_are_left_out_and_each_relation_is_one_edge() -> None:
    graph = KnowledgeGraph(made_pack())
    # One edge per (from, relation, to); an entity's edges grouped by target, first seen
    # first (as networkx kept them before: the order pages and exports saw).
    assert graph.edges() == [("a", "treats", "b"), ("a", "involves", "b"),
                             ("a", "treats", "c"), ("a", "involves", "c"),
                             ("c", "treats", "a")]
    assert graph.edge_count() == 5
    assert graph.relation_between("a", "c") == [("a", "treats", "c"), ("a", "involves", "c"),
                                                ("c", "treats", "a")]
    assert [(g.label, g.outgoing, [e.id for e in g.entities])
            for g in graph.neighbours("c")] == [
        ("treats", True, ["a"]), ("treated by", False, ["a"]), ("involves", False, ["a"])]
    assert graph.neighbours("d") == [] and graph.neighbours("missing") == []
    assert graph.attributes() == {"name": "Made", "pack_id": "made", "pack_version": "1",
                                  "last_reviewed": "2026-01-01"}


def test_hops_from_an_unknown_id_are_a_key_error() -> None:
    graph = KnowledgeGraph(made_pack())
    assert graph.within("d", depth=3) == ["d"]
    assert graph.reachable_from("b") == {"a", "b", "c"}
    for ask in (graph.within, graph.reachable_from):
        with pytest.raises(KeyError):
            ask("missing")
    assert graph.path("b", "d") == [] and graph.path("b", "c") in (["b", "a", "c"],)
