"""The knowledge graph: a networkx MultiDiGraph over a pack, and the questions asked of it.

The networkx graph stays inside: every answer is plain data (entities, ids, tuples).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .pack.model import ABOUT, CITES, STATED_IN, Entity, Pack


@dataclass(frozen=True, slots=True)
class RelationGroup:
    """Entities linked to one entity by one relation, in one direction."""

    relation: str
    label: str  # as read from the entity: "treated by" for an incoming "treats"
    outgoing: bool
    entities: tuple[Entity, ...]


class KnowledgeGraph:
    """Typed edges between a pack's entities; nodes carry the entity's plain fields."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._graph = nx.MultiDiGraph(
            name=pack.meta.name,
            pack_id=pack.meta.id,
            pack_version=pack.meta.version,
            last_reviewed=pack.meta.last_reviewed,
        )
        for entity in pack.entities.values():
            self._graph.add_node(entity.id, type=entity.type, name=entity.name)
        for entity in pack.entities.values():
            for relation, target in entity.outgoing():
                if target in pack.entities:
                    self._graph.add_edge(entity.id, target, key=relation, relation=relation)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.pack.entities

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id; KeyError when there is none."""
        return self.pack.entities[entity_id]

    def neighbours(self, entity_id: str, include: Iterable[str] | None = None,
                   exclude: Iterable[str] = ()) -> list[RelationGroup]:
        """Linked entities grouped by relation, outgoing groups first, in relations.yaml order."""
        wanted = set(include) if include is not None else None
        skipped = set(exclude)
        groups: dict[tuple[str, bool], list[str]] = {}
        for _, target, relation in self._graph.out_edges(entity_id, keys=True):
            groups.setdefault((relation, True), []).append(target)
        for origin, _, relation in self._graph.in_edges(entity_id, keys=True):
            # A symmetric relation ("related to" both ways) reads as one group.
            groups.setdefault((relation, self._symmetric(relation)), []).append(origin)
        order = {rel: i for i, rel in enumerate(self.pack.relation_types)}
        result = []
        for (relation, outgoing), ids in sorted(
            groups.items(), key=lambda item: (not item[0][1], order.get(item[0][0], 999))
        ):
            if (wanted is not None and relation not in wanted) or relation in skipped:
                continue
            rel_type = self.pack.relation_types.get(relation)
            label = relation if rel_type is None else (
                rel_type.label if outgoing else rel_type.inverse)
            entities = tuple(self.pack.entities[i] for i in dict.fromkeys(ids))
            result.append(RelationGroup(relation, label, outgoing,
                                        tuple(sorted(entities, key=_sort_key))))
        return result

    def _symmetric(self, relation: str) -> bool:
        rel_type = self.pack.relation_types.get(relation)
        return rel_type is not None and rel_type.label == rel_type.inverse

    def claims_about(self, entity_id: str) -> list[Entity]:
        """Claims whose `about` names this entity."""
        return sorted((self.pack.entities[origin]
                       for origin, _, rel in self._graph.in_edges(entity_id, keys=True)
                       if rel == ABOUT), key=lambda e: e.id)

    def claims_stated_in(self, source_id: str) -> list[Entity]:
        """Claims an article makes."""
        return sorted((self.pack.entities[origin]
                       for origin, _, rel in self._graph.in_edges(source_id, keys=True)
                       if rel == STATED_IN), key=lambda e: e.id)

    def sources_of(self, entity_id: str) -> list[Entity]:
        """The source entities this entity cites, in the order it cites them."""
        entity = self.entity(entity_id)
        return [self.pack.entities[key] for key in entity.cited_sources()
                if key in self.pack.entities]

    def cited_by(self, source_id: str) -> list[Entity]:
        """The entities citing a source, by name."""
        return sorted((self.pack.entities[origin]
                       for origin, _, rel in self._graph.in_edges(source_id, keys=True)
                       if rel == CITES), key=_sort_key)

    def within(self, entity_id: str, depth: int = 1, limit: int | None = None) -> list[str]:
        """The ids within ``depth`` hops (either direction), nearest first, up to ``limit``."""
        undirected = self._graph.to_undirected(as_view=True)
        distances = nx.single_source_shortest_path_length(undirected, entity_id, cutoff=depth)
        nodes = sorted(distances, key=lambda n: (distances[n], n))
        return nodes[:limit] if limit is not None else nodes

    def edges(self) -> list[tuple[str, str, str]]:
        """Every edge as (from, relation, to)."""
        return [(origin, rel, target) for origin, target, rel in self._graph.edges(keys=True)]

    def edge_count(self) -> int:
        return int(self._graph.number_of_edges())

    def attributes(self) -> dict[str, str]:
        """The graph's own fields (pack name, id, version, last review)."""
        return dict(self._graph.graph)

    def path(self, source_id: str, target_id: str) -> list[str]:
        """A shortest chain of entities linking the two (edges in either direction), or []."""
        undirected = self._graph.to_undirected(as_view=True)
        try:
            return list(nx.shortest_path(undirected, source_id, target_id))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []

    def relation_between(self, a: str, b: str) -> list[tuple[str, str, str]]:
        """Edges (from, relation, to) joining two entities, in either direction."""
        edges = [(a, rel, b) for rel in self._graph.get_edge_data(a, b, default={})]
        edges += [(b, rel, a) for rel in self._graph.get_edge_data(b, a, default={})]
        return edges

    def by_type(self, entity_type: str) -> list[Entity]:
        return sorted((e for e in self.pack.entities.values() if e.type == entity_type),
                      key=_sort_key)

    def by_evidence(self, level_id: str) -> list[Entity]:
        return sorted((e for e in self.pack.entities.values()
                       if e.evidence is not None and e.evidence.level == level_id),
                      key=_sort_key)

    def reachable_from(self, entity_id: str) -> set[str]:
        """Every entity linked to this one by any chain of edges, in either direction."""
        return set(nx.node_connected_component(self._graph.to_undirected(as_view=True),
                                               entity_id))


def _sort_key(entity: Entity) -> tuple[str, str]:
    return (entity.name.casefold(), entity.id)
