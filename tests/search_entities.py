"""Entities made in code for the search property tests, and both index paths."""

from __future__ import annotations

import pytest

from hfs_desktop.pack import Entity, Location
from hfs_desktop.search import index as index_module


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
