"""Bookmarked entity pages, kept as JSON in the user's data folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .jsonfile import read_json, write_json

FILE_NAME = "bookmarks.json"


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: str
    name: str


class Bookmarks:
    """An ordered list of bookmarks; every change is saved at once."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        raw = read_json(self.path, [])
        self._items: list[Bookmark] = []
        if isinstance(raw, list):
            for item in raw:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self._items.append(Bookmark(item["id"], str(item.get("name") or item["id"])))

    def __iter__(self) -> Iterator[Bookmark]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, entity_id: object) -> bool:
        return any(b.id == entity_id for b in self._items)

    def ids(self) -> list[str]:
        return [b.id for b in self._items]

    def add(self, entity_id: str, name: str) -> bool:
        """Add a bookmark; False when it was there already."""
        if entity_id in self:
            return False
        self._items.append(Bookmark(entity_id, name))
        self.save()
        return True

    def remove(self, entity_id: str) -> bool:
        before = len(self._items)
        self._items = [b for b in self._items if b.id != entity_id]
        if len(self._items) != before:
            self.save()
            return True
        return False

    def save(self) -> bool:
        return write_json(self.path, [{"id": b.id, "name": b.name} for b in self._items])
