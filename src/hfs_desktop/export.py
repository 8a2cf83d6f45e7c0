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
    evidence levels, verdicts and relation types."""
    pack = graph.pack
    full = nx.MultiDiGraph()
    full.graph.update(graph.graph.graph)
    full.graph["evidence_levels"] = [asdict(level) for level in pack.evidence_levels.values()]
    full.graph["verdicts"] = [asdict(verdict) for verdict in pack.verdicts.values()]
    full.graph["relation_types"] = [asdict(rel) for rel in pack.relation_types.values()]
    for entity in pack.entities.values():
        data = pack.to_plain(entity)
        data.setdefault("verdict", "")
        full.add_node(entity.id, **data)
    for origin, target, key, data in graph.graph.edges(keys=True, data=True):
        full.add_edge(origin, target, key=key, **data)
    return full


def to_json(graph: KnowledgeGraph) -> str:
    """Node-link JSON that `networkx.node_link_graph(data, edges="links")` loads back."""
    data = nx.node_link_data(export_graph(graph), edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1)


def to_graphml(graph: KnowledgeGraph) -> str:
    """GraphML with every list and mapping flattened to a string."""
    full = export_graph(graph)
    flat = nx.MultiDiGraph()
    flat.graph.update({key: _flatten(value) for key, value in full.graph.items()})
    for node, data in full.nodes(data=True):
        flat.add_node(node, **{key: _flatten(value) for key, value in data.items()})
    for origin, target, key, data in full.edges(keys=True, data=True):
        flat.add_edge(origin, target, key=key, **data)
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _flatten(value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, (str, int)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False)
