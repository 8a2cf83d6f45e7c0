"""Whatever is written into an entity file, loading reports problems and never raises."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hfs_desktop.pack import check_pack

from .conftest import PACKS

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["id", "name", "type", "summary", "relations", "evidence",
                                     "level", "aliases", "codes", "treats", "x"]),
                    inner, max_size=5)), max_leaves=25)


def check_file(content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "knowledge"
        shutil.copytree(PACKS / "starter", root)
        target = root / "entities" / "fuzz.yaml"
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        pack, diags = check_pack(root)
        for diag in diags:
            assert str(diag).startswith("knowledge/"), str(diag)
        assert "hemifacial-spasm" in pack.entities


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    check_file(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["type", "entities", "other"]), values, max_size=3))
def test_any_structure(data: dict[str, object]) -> None:
    check_file(yaml.safe_dump(data))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from(
    ["id", "name", "summary", "type", "relations", "evidence", "category", "codes", "sources",
     "verdict", "about", "stated_in"]), values, max_size=8), max_size=4))
def test_any_entities(entities: list[dict[str, object]]) -> None:
    check_file(yaml.safe_dump({"type": "treatment", "entities": entities}))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes(data: bytes) -> None:
    check_file(data)
