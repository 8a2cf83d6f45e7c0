"""Ranking properties on a generated pack, through the narrowing scopes used on large packs."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from hfs_desktop.pack import Pack, load_pack
from hfs_desktop.search import SearchIndex, open_index
from hfs_desktop.search import index as index_module
from hfs_desktop.search.analysis import key

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from search import generated_pack


@pytest.fixture(scope="module")
def big() -> tuple[Pack, SearchIndex]:
    pack = generated_pack(load_pack(Path(__file__).parent / "packs" / "starter"), 1200)
    return pack, open_index(pack)


@pytest.fixture(autouse=True)
def _scoped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "SMALL", 0)  # as on a pack of 20,000


def _sample(pack: Pack, count: int = 40) -> list[str]:
    return random.Random(3).sample(sorted(pack.entities), count)


def test_exact_name_first(big: tuple[Pack, SearchIndex]) -> None:
    pack, index = big
    for entity_id in _sample(pack):
        entity = pack.entities[entity_id]
        hits = index.search(entity.name, limit=5)
        same = {e.id for e in pack.entities.values()
                if key(entity.name) in {key(n) for n in (e.name, *e.aliases)}}
        assert hits and hits[0].id in same and hits[0].score >= 3


def test_five_letters_in_top_ten_or_a_tie(big: tuple[Pack, SearchIndex]) -> None:
    pack, index = big
    for entity_id in _sample(pack):
        entity = pack.entities[entity_id]
        hits = index.search(entity.name[:5], limit=10)
        assert hits
        if entity_id not in [h.id for h in hits]:
            # Only when ten better or equally good names start with the same letters.
            assert all(h.score >= 2 for h in hits), (entity.name, [h.name for h in hits])


def test_tiers_are_ordered(big: tuple[Pack, SearchIndex]) -> None:
    _, index = big
    for text in ("a", "fa", "facial n", "spasm", "botox", "eye twitch", "ba"):
        scores = [h.score for h in index.search(text, limit=50)]
        assert scores == sorted(scores, reverse=True)


def test_misspelt_name_found(big: tuple[Pack, SearchIndex]) -> None:
    pack, index = big
    rng = random.Random(5)
    for entity_id in _sample(pack, 20):
        name = pack.entities[entity_id].name
        word = max(name.split(), key=len).lower()
        if len(word) < 7 or not word.isalpha():
            continue
        i = rng.randrange(1, len(word) - 1)
        typo = word[:i] + word[i + 1:]  # one letter dropped
        ids = [h.id for h in index.search(typo, limit=50)]
        assert ids, typo
        assert any(word in fold_words(pack, i) for i in ids), (typo, word)


def fold_words(pack: Pack, entity_id: str) -> str:
    entity = pack.entities[entity_id]
    return " ".join((entity.name, *entity.aliases)).lower()
