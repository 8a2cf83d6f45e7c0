"""Where the reader has been: back/forward, the breadcrumb trail and recent pages."""

from __future__ import annotations

from pathlib import Path

from .jsonfile import read_json, write_json

FILE_NAME = "history.json"
RECENT_LIMIT = 200
TRAIL_LIMIT = 6


class History:
    """A browser-style history: a list of visited ids and a cursor into it."""

    def __init__(self) -> None:
        self._pages: list[str] = []
        self._pos = -1

    @property
    def current(self) -> str | None:
        return self._pages[self._pos] if self._pos >= 0 else None

    def visit(self, entity_id: str) -> None:
        """A new page: the forward pages are dropped (unless it is the same page)."""
        if self.current == entity_id:
            return
        del self._pages[self._pos + 1:]
        self._pages.append(entity_id)
        self._pos = len(self._pages) - 1

    def can_back(self) -> bool:
        return self._pos > 0

    def can_forward(self) -> bool:
        return self._pos < len(self._pages) - 1

    def back(self) -> str | None:
        if not self.can_back():
            return None
        self._pos -= 1
        return self.current

    def forward(self) -> str | None:
        if not self.can_forward():
            return None
        self._pos += 1
        return self.current

    def go_to(self, index: int) -> str | None:
        """Jump to a position of the trail (a breadcrumb click)."""
        if 0 <= index < len(self._pages):
            self._pos = index
            return self.current
        return None

    def trail(self, limit: int = TRAIL_LIMIT) -> list[tuple[int, str]]:
        """The path taken to the current page: (position, id), oldest first."""
        start = max(0, self._pos - limit + 1)
        return [(i, self._pages[i]) for i in range(start, self._pos + 1)]


class RecentPages:
    """Pages visited, newest first, without repeats; saved in the data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        raw = read_json(self.path, [])
        self._ids: list[str] = [i for i in raw if isinstance(i, str)] if isinstance(
            raw, list) else []

    def ids(self) -> list[str]:
        return list(self._ids)

    def add(self, entity_id: str) -> None:
        self._ids = [entity_id, *(i for i in self._ids if i != entity_id)][:RECENT_LIMIT]

    def clear(self) -> None:
        self._ids = []

    def save(self) -> bool:
        return write_json(self.path, self._ids)
