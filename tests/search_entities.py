"""Entities made in code for the search property tests, and both index paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfs_desktop.pack import Entity, Location, Pack, load_pack
from hfs_desktop.pack.model import DEFAULT_ENTITY_TYPES, EntityType
from hfs_desktop.search import SearchIndex, open_index
from hfs_desktop.search import index as index_module

STARTER = Path(__file__).parent / "packs" / "starter"


def make_entity(entity_id: str, kind: str, name: str, summary: str = "", **more: object
                ) -> Entity:
    """An entity of ``kind``; a claim defaults to a supported verdict."""
    entity = Entity(id=entity_id, type=kind, name=name, location=Location("test"),
                    summary=summary)
    for field_name, value in more.items():
        setattr(entity, field_name, value)
    if kind == "claim":
        entity.verdict = entity.verdict or "supported"
    return entity


@pytest.fixture(params=["small", "scoped"])
def both_index_paths(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each property holds on a small index and through the path of a large one."""
    if request.param == "scoped":
        monkeypatch.setattr(index_module, "SMALL", 0)


def index_of(*entities: Entity, types: dict[str, EntityType] | None = None) -> SearchIndex:
    """An in-memory index of these entities, with the starter pack's vocabularies."""
    base = load_pack(STARTER)
    pack = Pack(root="test", meta=base.meta, evidence_levels=base.evidence_levels,
                verdicts=base.verdicts, relation_types=base.relation_types,
                recommendation_levels=base.recommendation_levels,
                association_levels=base.association_levels,
                entity_types=types or dict(DEFAULT_ENTITY_TYPES),
                entities={e.id: e for e in entities})
    return open_index(pack)


def ids(index: SearchIndex, text: str, **options: object) -> list[str]:
    """The ids of a search's hits, best first."""
    return [hit.id for hit in index.search(text, **options)]  # type: ignore[arg-type]
