"""Whole-graph exports: networkx node-link JSON and GraphML (for Gephi and Cytoscape)."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from typing import Any

import networkx as nx

from .graph import KnowledgeGraph


def export_graph(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    """A copy of the graph whose nodes carry every field and whose attributes carry the
    vocabularies (evidence, recommendation and association levels, verdicts, relation types)."""
    pack = graph.pack
    full = nx.MultiDiGraph()
    full.graph.update(graph.attributes())
    full.graph["evidence_levels"] = [asdict(level) for level in pack.evidence_levels.values()]
    full.graph["recommendation_levels"] = [asdict(level) for level in
                                           pack.recommendation_levels.values()]
    full.graph["association_levels"] = [asdict(level) for level in
                                        pack.association_levels.values()]
    full.graph["verdicts"] = [asdict(verdict) for verdict in pack.verdicts.values()]
    full.graph["relation_types"] = [asdict(rel) for rel in pack.relation_types.values()]
    for entity in pack.entities.values():
        data = pack.to_plain(entity)
        data.setdefault("verdict", "")
        full.add_node(entity.id, **data)
    for origin, key, target in graph.edges():
        full.add_edge(origin, target, key=key, relation=key)
    return full


def to_json(graph: KnowledgeGraph) -> str:
    """Node-link JSON that `networkx.node_link_graph(data, edges="links")` loads back."""
    data = nx.node_link_data(export_graph(graph), edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1)


GRADED_FIELDS = ("evidence", "recommendation", "association", "frequency")
"""Node mappings that GraphML spreads over columns: recommendation_level, _rationale, ..."""


def to_graphml(graph: KnowledgeGraph) -> str:
    """GraphML with every list and mapping flattened: graded fields to one column per part
    (``recommendation_level``, ``recommendation_rationale``, ``recommendation_sources``),
    lists to "; "-joined text, other mappings to JSON text."""
    full = export_graph(graph)
    flat = nx.MultiDiGraph()
    flat.graph.update({key: _flatten(value) for key, value in full.graph.items()})
    for node, data in full.nodes(data=True):
        flat.add_node(node, **_flatten_node(data))
    for origin, target, key, data in full.edges(keys=True, data=True):
        flat.add_edge(origin, target, key=key, **data)
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _flatten_node(data: dict[str, Any]) -> dict[str, str | int]:
    columns: dict[str, str | int] = {}
    for key, value in data.items():
        if key in GRADED_FIELDS and isinstance(value, dict):
            for part, part_value in value.items():
                columns[f"{key}_{part}"] = _flatten(part_value)
        elif key not in GRADED_FIELDS or value is not None:
            columns[key] = _flatten(value)
    return columns


def _flatten(value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, (str, int)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False)
