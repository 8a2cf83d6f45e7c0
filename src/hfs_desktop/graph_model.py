"""What the graph view draws, as plain data: the neighbourhood tree and a colour per kind.

The centre's neighbours come grouped by relation; at depth 2 each neighbour carries its own
neighbours (each far entity under the first neighbour that links to it, its other links
kept for the tooltip). No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .pack.model import DEFAULT_ENTITY_TYPES

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

KIND_COLOURS: dict[str, str] = {t.id: t.colour for t in DEFAULT_ENTITY_TYPES.values()}
"""The default kinds' colours (a pack's own come with its entity types)."""
UNKNOWN_KIND_COLOUR = "#9e9e9e"

HIDDEN_BY_DEFAULT = ("source", "claim")  # bibliography: on the page, not in the picture
DEPTH1_LIMIT, DEPTH2_LIMIT = 150, 90


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, UNKNOWN_KIND_COLOUR)


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (#rrggbb)."""
    def channel(i: int) -> float:
        c = int(colour[i:i + 2], 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    lum = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    return "#ffffff" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else "#000000"


@dataclass(slots=True)
class Node:
    id: str
    name: str
    type: str
    type_label: str
    distance: int
    colour: str = ""  # the kind's colour as the pack gives it ("": the default's)
    also: list[tuple[str, str]] = field(default_factory=list)  # other (label, neighbour)


@dataclass(slots=True)
class Group:
    label: str  # the relation as read from the one it hangs from
    nodes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Neighbourhood:
    """Plain data for the picture (ids, names, types, relation labels)."""

    centre: str
    nodes: dict[str, Node]
    groups: list[Group]
    children: dict[str, list[Group]] = field(default_factory=dict)  # depth 2, by neighbour


def neighbourhood_of(graph: KnowledgeGraph, entity_id: str, depth: int,
                     keep: Callable[[str], bool], type_labels: dict[str, str]) -> Neighbourhood:
    """Ask the core graph for the neighbourhood, then keep what ``keep`` allows."""
    pack = graph.pack
    centre = graph.entity(entity_id)
    hidden = () if centre.type in HIDDEN_BY_DEFAULT else HIDDEN_BY_DEFAULT

    def wanted(node_id: str) -> bool:
        return node_id == entity_id or (
            pack.entities[node_id].type not in hidden and keep(node_id))

    def node(node_id: str, distance: int) -> Node:
        entity = graph.entity(node_id)
        kind = pack.entity_types.get(entity.type)
        return Node(node_id, entity.name, entity.type,
                    type_labels.get(entity.type, entity.type), distance,
                    kind.colour if kind else "")

    groups: list[Group] = []
    placed: dict[str, None] = {}
    for group in graph.neighbours(entity_id):
        ids = [e.id for e in group.entities if e.id != entity_id and wanted(e.id)
               and e.id not in placed]
        ids = ids[:DEPTH1_LIMIT - len(placed)]
        if ids:
            groups.append(Group(group.label, ids))
            placed.update(dict.fromkeys(ids))
    nodes = {entity_id: node(entity_id, 0)}
    nodes.update((node_id, node(node_id, 1)) for node_id in placed)
    data = Neighbourhood(entity_id, nodes, groups)
    if depth >= 2:
        _add_outer(data, graph, placed, wanted, node)
    return data


def _add_outer(data: Neighbourhood, graph: KnowledgeGraph, inner: dict[str, None],
               wanted: Callable[[str], bool], node: Callable[[str, int], Node]) -> None:
    """Depth 2: each far entity under the first neighbour (in drawing order) linking to it."""
    count = 0
    for parent in inner:
        for group in graph.neighbours(parent):
            for entity in group.entities:
                far = entity.id
                if far == data.centre or far in inner or not wanted(far):
                    continue
                if far in data.nodes:
                    data.nodes[far].also.append((group.label, graph.entity(parent).name))
                    continue
                if count >= DEPTH2_LIMIT:
                    continue
                count += 1
                data.nodes[far] = node(far, 2)
                mine = data.children.setdefault(parent, [])
                if not mine or mine[-1].label != group.label:
                    mine.append(Group(group.label))
                mine[-1].nodes.append(far)
