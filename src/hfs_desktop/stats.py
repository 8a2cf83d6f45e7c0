"""A pack's sizes: entities by type and by level, claims by verdict, edges by relation."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .graph import KnowledgeGraph
from .pack import Pack


def pack_stats(pack: Pack, graph: KnowledgeGraph | None = None) -> dict[str, Any]:
    """Every count `hfs-kb stats` prints (levels and verdicts with zeros kept)."""
    graph = graph if graph is not None else KnowledgeGraph(pack)
    entities = list(pack.entities.values())
    by_type = Counter(e.type for e in entities)
    evidence = Counter(e.evidence.level for e in entities if e.evidence)
    recommendation = Counter(e.recommendation.level for e in entities if e.recommendation)
    association = Counter(e.association.level for e in entities if e.association)
    verdicts = Counter(e.verdict for e in entities if e.type == "claim")
    return {
        "pack": {"id": pack.meta.id, "name": pack.meta.name, "version": pack.meta.version,
                 "last_reviewed": pack.meta.last_reviewed, "kind": pack.meta.kind},
        "entities": len(entities),
        "entities_besides_claims_and_sources": len(
            [e for e in entities if e.type not in ("claim", "source")]),
        "by_type": dict(sorted(by_type.items())),
        "claims_by_verdict": _counts(pack.verdicts, verdicts),
        "by_evidence_level": _counts(pack.evidence_levels, evidence),
        "by_recommendation_level": _counts(pack.recommendation_levels, recommendation),
        "by_association_level": _counts(pack.association_levels, association),
        "folk_remedies": len([e for e in entities if e.category == "folk-remedy"]),
        "edges": graph.edge_count(),
        "relations_used": dict(sorted(Counter(rel for _, rel, _ in graph.edges()).items())),
    }


def _counts(vocabulary: dict[str, Any], counted: Counter[str]) -> dict[str, int]:
    """A count for every id of a vocabulary (zeros kept), then any unknown ids found."""
    counts = {level: counted.get(level, 0) for level in vocabulary}
    counts.update({level: n for level, n in sorted(counted.items()) if level not in counts})
    return counts
