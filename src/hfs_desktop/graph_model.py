"""What the graph view draws, as plain data: the neighbourhood tree and a colour per kind.

The centre's neighbours come grouped by relation; at depth 2 each neighbour carries its own
neighbours (each far entity under the first neighbour that links to it, its other links
kept for the tooltip). A relation with many entities (a term with hundreds of children)
shows its first few and one summary node, "+ 312 more: has form", that opens the page,
which lists them all. No Qt here.
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
GROUP_LIMIT = 25
"""At most this many nodes for one relation around the centre: past it, the first
GROUP_LIMIT - 1 entities and one summary node for the rest."""
CHILD_LIMIT = 10
"""Likewise at depth 2, for one relation under one neighbour."""
MORE = "more:"
"""Summary nodes' ids start with this (never an entity id: those hold no space)."""
MORE_KIND = "more"


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
    more: int = 0
    """A summary node: how many entities it stands for (0 for an entity)."""
    opens: str = ""
    """A summary node: the id whose page lists them all."""


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
                     keep: Callable[[str], bool], type_labels: dict[str, str],
                     qualify: Callable[[str], str] | None = None) -> Neighbourhood:
    """Ask the core graph for the neighbourhood, then keep what ``keep`` allows (bare ids).

    ``qualify`` turns the entity ids of the answer into the ids the caller links with
    (the library's ``PACK/ID``); unchanged by default.
    """
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
    summaries: dict[str, Node] = {}
    for group in graph.neighbours(entity_id):
        ids = [e.id for e in group.entities if e.id != entity_id and wanted(e.id)
               and e.id not in placed]
        room = max(0, DEPTH1_LIMIT - len(placed))
        shown = ids if len(ids) <= min(GROUP_LIMIT, room) else ids[:min(GROUP_LIMIT, room) - 1]
        if not shown:
            continue
        groups.append(Group(group.label, shown))
        placed.update(dict.fromkeys(shown))
        if len(ids) > len(shown):
            summary = _summary(len(ids) - len(shown), group.label, 1, entity_id, len(summaries))
            summaries[summary.id] = summary
            groups[-1].nodes.append(summary.id)
    nodes = {entity_id: node(entity_id, 0)}
    nodes.update((node_id, node(node_id, 1)) for node_id in placed)
    nodes.update(summaries)
    data = Neighbourhood(entity_id, nodes, groups)
    if depth >= 2:
        _add_outer(data, graph, placed, wanted, node)
    return data if qualify is None else _qualified(data, qualify)


def _summary(count: int, label: str, distance: int, opens: str, number: int) -> Node:
    """One node standing for ``count`` more entities of a relation."""
    return Node(f"{MORE}{number}", f"+ {count} more: {label}", MORE_KIND,
                "Not drawn", distance, more=count, opens=opens)


def _add_outer(data: Neighbourhood, graph: KnowledgeGraph, inner: dict[str, None],
               wanted: Callable[[str], bool], node: Callable[[str, int], Node]) -> None:
    """Depth 2: each far entity under the first neighbour (in drawing order) linking to it."""
    count = 0
    summaries = sum(1 for n in data.nodes.values() if n.more)
    for parent in inner:
        for group in graph.neighbours(parent):
            fresh = [e.id for e in group.entities if e.id != data.centre and e.id not in inner
                     and e.id not in data.nodes and wanted(e.id)]
            cap = CHILD_LIMIT if len(fresh) <= CHILD_LIMIT else CHILD_LIMIT - 1
            shown = hidden = 0
            for entity in group.entities:
                far = entity.id
                if far == data.centre or far in inner or not wanted(far):
                    continue
                if far in data.nodes:
                    data.nodes[far].also.append((group.label, graph.entity(parent).name))
                    continue
                if count >= DEPTH2_LIMIT or shown >= cap:
                    hidden += 1
                    continue
                count += 1
                shown += 1
                data.nodes[far] = node(far, 2)
                mine = data.children.setdefault(parent, [])
                if not mine or mine[-1].label != group.label:
                    mine.append(Group(group.label))
                mine[-1].nodes.append(far)
            if hidden and shown:
                summary = _summary(hidden, group.label, 2, parent, summaries)
                summaries += 1
                data.nodes[summary.id] = summary
                data.children[parent][-1].nodes.append(summary.id)


def _qualified(data: Neighbourhood, qualify: Callable[[str], str]) -> Neighbourhood:
    """The same picture with every entity id qualified (summary ids stay as they are)."""
    def ref(node_id: str) -> str:
        return node_id if node_id.startswith(MORE) and data.nodes[node_id].more else qualify(
            node_id)

    nodes = {}
    for node_id, item in data.nodes.items():
        item.id = ref(node_id)
        if item.opens:
            item.opens = qualify(item.opens)
        nodes[item.id] = item
    return Neighbourhood(
        ref(data.centre), nodes, [Group(g.label, [ref(i) for i in g.nodes]) for g in data.groups],
        {ref(parent): [Group(g.label, [ref(i) for i in g.nodes]) for g in groups]
         for parent, groups in data.children.items()})
