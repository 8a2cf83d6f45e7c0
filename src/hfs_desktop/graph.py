"""The knowledge graph: a pack's typed edges, both ways, and the questions asked of it.

Each entity's edges are kept as plain lists, outgoing and incoming, made in one pass over
the pack (a 45,000-term ontology's in half a second) and kept with the pack's cache entry
(`pack.cache.remembered_parts`): a later open of the unchanged pack reads them back (in a
tenth of that). networkx is imported only for `path`. Every answer is plain data
(entities, ids, tuples).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .bulk import collector_paused
from .pack.model import ABOUT, CITES, STATED_IN, Entity, Pack

if TYPE_CHECKING:
    import networkx as nx

Edges = dict[str, list[str]]
"""Entity id -> its edges in one direction, flat: relation, other entity, relation, other
entity, ... (as JSON keeps them: read back without making a tuple per edge)."""

EDGES_KEPT = "graph edges 1"
"""The name a pack's edges are kept under with its cache entry (kept again whenever this
module changes)."""


@dataclass(frozen=True, slots=True)
class RelationGroup:
    """Entities linked to one entity by one relation, in one direction."""

    relation: str
    label: str  # as read from the entity: "treated by" for an incoming "treats"
    outgoing: bool
    entities: tuple[Entity, ...]


class KnowledgeGraph:
    """Typed edges between a pack's entities (an edge to an id the pack lacks is left out;
    one relation between two entities is one edge). Read-only once made."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._out, self._in = _kept_edges(pack)
        self._edge_count = sum(len(flat) for flat in self._out.values()) // 2
        self._networkx: nx.MultiDiGraph | None = None

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
        for relation, target in _pairs(self._out.get(entity_id)):
            groups.setdefault((relation, True), []).append(target)
        for relation, origin in _pairs(self._in.get(entity_id)):
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
        return sorted(self._incoming(entity_id, ABOUT), key=lambda e: e.id)

    def claims_stated_in(self, source_id: str) -> list[Entity]:
        """Claims an article makes."""
        return sorted(self._incoming(source_id, STATED_IN), key=lambda e: e.id)

    def sources_of(self, entity_id: str) -> list[Entity]:
        """The source entities this entity cites, in the order it cites them."""
        entity = self.entity(entity_id)
        return [self.pack.entities[key] for key in entity.cited_sources()
                if key in self.pack.entities]

    def cited_by(self, source_id: str) -> list[Entity]:
        """The entities citing a source, by name."""
        return sorted(self._incoming(source_id, CITES), key=_sort_key)

    def _incoming(self, entity_id: str, relation: str) -> list[Entity]:
        entities = self.pack.entities
        return [entities[origin] for rel, origin in _pairs(self._in.get(entity_id))
                if rel == relation]

    def within(self, entity_id: str, depth: int = 1, limit: int | None = None) -> list[str]:
        """The ids within ``depth`` hops (either direction), nearest first, up to ``limit``;
        KeyError for an id the pack lacks."""
        distances = self._distances(entity_id, depth)
        nodes = sorted(distances, key=lambda n: (distances[n], n))
        return nodes[:limit] if limit is not None else nodes

    def edges(self) -> list[tuple[str, str, str]]:
        """Every edge as (from, relation, to)."""
        return [(origin, rel, target) for origin, flat in self._out.items()
                for rel, target in _pairs(flat)]

    def edge_count(self) -> int:
        return self._edge_count

    def attributes(self) -> dict[str, str]:
        """The graph's own fields (pack name, id, version, last review)."""
        meta = self.pack.meta
        return {"name": meta.name, "pack_id": meta.id, "pack_version": meta.version,
                "last_reviewed": meta.last_reviewed}

    def path(self, source_id: str, target_id: str) -> list[str]:
        """A shortest chain of entities linking the two (edges in either direction), or []."""
        import networkx as nx

        undirected = self._as_networkx().to_undirected(as_view=True)
        try:
            return list(nx.shortest_path(undirected, source_id, target_id))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []

    def relation_between(self, a: str, b: str) -> list[tuple[str, str, str]]:
        """Edges (from, relation, to) joining two entities, in either direction."""
        edges = [(a, rel, b) for rel, target in _pairs(self._out.get(a)) if target == b]
        edges += [(b, rel, a) for rel, target in _pairs(self._out.get(b)) if target == a]
        return edges

    def by_type(self, entity_type: str) -> list[Entity]:
        return sorted((e for e in self.pack.entities.values() if e.type == entity_type),
                      key=_sort_key)

    def by_evidence(self, level_id: str) -> list[Entity]:
        return sorted((e for e in self.pack.entities.values()
                       if e.evidence is not None and e.evidence.level == level_id),
                      key=_sort_key)

    def reachable_from(self, entity_id: str) -> set[str]:
        """Every entity linked to this one by any chain of edges, in either direction;
        KeyError for an id the pack lacks."""
        return set(self._distances(entity_id, None))

    def _distances(self, entity_id: str, depth: int | None) -> dict[str, int]:
        """Hops from the entity to each within ``depth`` (None: any), edges either way."""
        if entity_id not in self.pack.entities:
            raise KeyError(entity_id)
        distances = {entity_id: 0}
        frontier = [entity_id]
        hops = 0
        while frontier and (depth is None or hops < depth):
            hops += 1
            reached = []
            for node in frontier:
                for flat in (self._out.get(node, ()), self._in.get(node, ())):
                    for other in flat[1::2]:
                        if other not in distances:
                            distances[other] = hops
                            reached.append(other)
            frontier = reached
        return distances

    def _as_networkx(self) -> nx.MultiDiGraph:
        """The graph as networkx's, made on first use (for its path algorithm)."""
        if self._networkx is None:
            import networkx as nx

            graph = nx.MultiDiGraph(**self.attributes())
            graph.add_nodes_from(self.pack.entities)
            graph.add_edges_from((origin, target, rel) for origin, rel, target in self.edges())
            self._networkx = graph
        return self._networkx


def _pairs(flat: list[str] | None) -> Iterator[tuple[str, str]]:
    """The (relation, other entity) pairs of a flat edge list."""
    items = iter(flat or ())
    return zip(items, items, strict=False)  # an even length: made so by `_edges`


def _kept_edges(pack: Pack) -> tuple[Edges, Edges]:
    """The pack's edges, out and in: read back from its cache entry when kept there, else
    made (and kept)."""
    from .pack.cache import remembered_parts

    def fits(parts: list[Any]) -> bool:
        return (len(parts) == 2 and all(isinstance(part, dict) for part in parts)
                and all(part.keys() <= pack.entities.keys() for part in parts))

    outgoing, incoming = remembered_parts(pack, EDGES_KEPT, _edge_parts, fits,
                                          code=__file__)
    return outgoing, incoming


def _edge_parts(pack: Pack) -> list[Any]:
    with collector_paused():
        return list(_edges(pack.entities))


def _edges(entities: Mapping[str, Entity]) -> tuple[Edges, Edges]:
    """Every entity's outgoing and incoming edges, in the order the pack gives them: an
    entity's outgoing edges grouped by target (first seen first), its incoming ones by
    origin in the pack's order."""
    outgoing: Edges = {}
    incoming: Edges = {}
    for entity in entities.values():
        pairs = [pair for pair in dict.fromkeys(entity.outgoing()) if pair[1] in entities]
        if not pairs:
            continue
        if len({target for _, target in pairs}) < len(pairs):
            by_target: dict[str, list[tuple[str, str]]] = {}
            for pair in pairs:
                by_target.setdefault(pair[1], []).append(pair)
            pairs = [pair for grouped in by_target.values() for pair in grouped]
        origin = entity.id
        flat: list[str] = []
        for relation, target in pairs:
            flat += (relation, target)
            found = incoming.get(target)
            if found is None:
                incoming[target] = [relation, origin]
            else:
                found += (relation, origin)
        outgoing[origin] = flat
    return outgoing, incoming


def _sort_key(entity: Entity) -> tuple[str, str]:
    return (entity.name.casefold(), entity.id)
