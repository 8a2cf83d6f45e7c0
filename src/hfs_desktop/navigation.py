"""Where the reader is and has been: the one source of truth for the current page.

Back and forward (each visit keeps its scroll position), the breadcrumb trail, recent pages
and bookmarks. Ids are qualified (``PACK/ID``); bare ones stored by an older version are
migrated once the packs are open (`Navigation.migrate`). No Qt: the GUI shows them, this
module keeps them. Recent pages and bookmarks are saved the moment they change (atomically,
`statefile`), not only when the window closes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .statefile import read_json, write_json

RECENT_FILE = "history.json"
BOOKMARKS_FILE = "bookmarks.json"
RECENT_LIMIT = 200
TRAIL_LIMIT = 6


Resolve = Callable[[str], "str | None"]
"""An id, bare or qualified -> its qualified id, or None when no open pack holds it."""


def _migrated(ref: str, resolve: Resolve) -> str:
    """A bare id's qualified form; a qualified id, or one no pack holds, unchanged."""
    if "/" in ref:
        return ref
    return resolve(ref) or ref


@dataclass(slots=True)
class Visit:
    """One step of the history: a page and how far down the reader had scrolled."""

    id: str
    scroll: int = 0


class History:
    """A browser-style history: visits and a cursor into them (kept for the session)."""

    def __init__(self) -> None:
        self._visits: list[Visit] = []
        self._pos = -1

    @property
    def current(self) -> str | None:
        return self._visits[self._pos].id if self._pos >= 0 else None

    @property
    def scroll(self) -> int:
        """Where the reader was on the current page (0 for a page just opened)."""
        return self._visits[self._pos].scroll if self._pos >= 0 else 0

    def set_scroll(self, value: int) -> None:
        if self._pos >= 0:
            self._visits[self._pos].scroll = max(0, value)

    def visit(self, entity_id: str) -> None:
        """A new page: the forward pages are dropped (unless it is the same page)."""
        if self.current == entity_id:
            return
        del self._visits[self._pos + 1:]
        self._visits.append(Visit(entity_id))
        self._pos = len(self._visits) - 1

    def can_back(self) -> bool:
        return self._pos > 0

    def can_forward(self) -> bool:
        return self._pos < len(self._visits) - 1

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
        if 0 <= index < len(self._visits):
            self._pos = index
            return self.current
        return None

    def trail(self, limit: int = TRAIL_LIMIT) -> list[tuple[int, str]]:
        """The path taken to the current page: (position, id), oldest first."""
        start = max(0, self._pos - limit + 1)
        return [(i, self._visits[i].id) for i in range(start, self._pos + 1)]

    def clear(self) -> None:
        self._visits = []
        self._pos = -1


class RecentPages:
    """Pages visited, newest first, without repeats; saved on every change."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / RECENT_FILE
        raw = read_json(self.path, [])
        self._ids: list[str] = [i for i in raw if isinstance(i, str)] if isinstance(
            raw, list) else []
        self.error = ""  # why the last save failed ("" when it did not)

    def ids(self) -> list[str]:
        return list(self._ids)

    def add(self, entity_id: str) -> None:
        ids = [entity_id, *(i for i in self._ids if i != entity_id)][:RECENT_LIMIT]
        if ids != self._ids:
            self._ids = ids
            self.save()

    def clear(self) -> None:
        self._ids = []
        self.save()

    def save(self) -> bool:
        self.error = write_json(self.path, self._ids)
        return not self.error

    def migrate(self, resolve: Resolve) -> bool:
        """Qualify bare ids (those no pack holds are kept as they are); True if any."""
        ids = list(dict.fromkeys(_migrated(i, resolve) for i in self._ids))
        if ids == self._ids:
            return False
        self._ids = ids
        self.save()
        return True


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: str
    name: str


class Bookmarks:
    """An ordered list of bookmarks; saved on every change."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / BOOKMARKS_FILE
        raw = read_json(self.path, [])
        self._items: list[Bookmark] = []
        self.error = ""
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

    def clear(self) -> None:
        self._items = []
        self.save()

    def save(self) -> bool:
        self.error = write_json(self.path, [{"id": b.id, "name": b.name} for b in self._items])
        return not self.error

    def migrate(self, resolve: Resolve) -> bool:
        """Qualify bare ids (those no pack holds are kept as they are); True if any."""
        items: dict[str, Bookmark] = {}
        for mark in self._items:
            new = _migrated(mark.id, resolve)
            items.setdefault(new, Bookmark(new, mark.name))
        if list(items.values()) == self._items:
            return False
        self._items = list(items.values())
        self.save()
        return True


class Navigation:
    """The current page, the way back and forward, recent pages and bookmarks."""

    def __init__(self, data_dir: Path) -> None:
        self.history = History()
        self.recent = RecentPages(data_dir)
        self.bookmarks = Bookmarks(data_dir)

    @property
    def current(self) -> str | None:
        return self.history.current

    @property
    def scroll(self) -> int:
        return self.history.scroll

    def remember_scroll(self, value: int) -> None:
        """Where the reader is on the current page, kept for Back and Forward."""
        self.history.set_scroll(value)

    def open(self, entity_id: str) -> None:
        """A page opened by a link, a result or a list: a new step, a recent page."""
        self.history.visit(entity_id)
        self.recent.add(entity_id)

    def back(self) -> str | None:
        return self._moved(self.history.back())

    def forward(self) -> str | None:
        return self._moved(self.history.forward())

    def go_to(self, index: int) -> str | None:
        return self._moved(self.history.go_to(index))

    def _moved(self, entity_id: str | None) -> str | None:
        if entity_id is not None:
            self.recent.add(entity_id)
        return entity_id

    def clear(self) -> None:
        """Forget everything (a shared computer): history, recent pages, bookmarks."""
        self.history.clear()
        self.recent.clear()
        self.bookmarks.clear()

    def migrate(self, resolve: Resolve) -> bool:
        """Qualify the bare ids of recent pages and bookmarks (written before packs were
        qualified): the bundled pack's, or the one pack holding each. True if any changed."""
        recent = self.recent.migrate(resolve)
        marks = self.bookmarks.migrate(resolve)
        return recent or marks

    def take_error(self) -> str:
        """Why the last save failed ("" when every save worked); reported once."""
        error = self.recent.error or self.bookmarks.error
        self.recent.error = self.bookmarks.error = ""
        return error
