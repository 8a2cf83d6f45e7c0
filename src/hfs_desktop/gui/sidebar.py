"""The sidebar: search, the pages visited and the bookmarks in tabs, the badge legend below.

The page lists show names to click, with the entity ids behind them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTabWidget, QVBoxLayout, QWidget

from ..navigation import Bookmark
from .search_panel import SearchPanel

PageRow = tuple[str, str, str]  # (entity id, name, tooltip)
NameOf = Callable[[str], "str | None"]  # an id's name in the loaded pack, None if unknown
SEARCH_TAB, HISTORY_TAB, BOOKMARKS_TAB = 0, 1, 2


class PageList(QListWidget):
    """A list of pages; a click or Enter opens one, Delete asks to remove it."""

    page_chosen = Signal(str)
    delete_pressed = Signal(str)

    def __init__(self, object_name: str, accessible_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def show_pages(self, rows: list[PageRow]) -> None:
        self.clear()
        for entity_id, name, tip in rows:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, entity_id)
            if tip:
                item.setToolTip(tip)
            self.addItem(item)

    def selected_id(self) -> str | None:
        item = self.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def ids(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        selected = self.selected_id()
        if event.key() == Qt.Key.Key_Delete and selected is not None:
            self.delete_pressed.emit(selected)
            return
        super().keyPressEvent(event)

    def _chosen(self, item: QListWidgetItem) -> None:
        entity_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(entity_id, str):
            self.page_chosen.emit(entity_id)


class Sidebar(QWidget):
    """The left side of the window; every list's choice arrives as ``page_chosen``."""

    page_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_panel = SearchPanel(self)
        self.search_panel.entity_activated.connect(self.page_chosen)
        self.history_list = PageList("history-list", "Pages visited, newest first", self)
        self.history_list.page_chosen.connect(self.page_chosen)
        self.bookmark_list = PageList("bookmark-list", "Bookmarks", self)
        self.bookmark_list.page_chosen.connect(self.page_chosen)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("left-tabs")
        self.tabs.setAccessibleName("Search, history and bookmarks")
        self.tabs.addTab(self.search_panel, "Search")
        self.tabs.addTab(self.history_list, "History")
        self.tabs.addTab(self.bookmark_list, "Bookmarks")

        self.legend = QLabel(self)
        self.legend.setObjectName("legend")
        self.legend.setAccessibleName("Evidence legend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.legend)

    def show_tab(self, index: int) -> None:
        """Show a tab and put the keyboard focus in its list."""
        self.tabs.setCurrentIndex(index)
        widget = self.tabs.widget(index)
        target = self.search_panel.list if widget is self.search_panel else widget
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_recent(self, ids: Iterable[str], name_of: NameOf) -> None:
        """Pages visited, newest first (ids the pack no longer has are left out)."""
        rows = []
        for entity_id in ids:
            name = name_of(entity_id)
            if name is not None:
                rows.append((entity_id, name, ""))
        self.history_list.show_pages(rows)

    def show_bookmarks(self, marks: Iterable[Bookmark], name_of: NameOf) -> None:
        """Bookmarks under the pack's current names (the saved name for an unknown id)."""
        rows = []
        for mark in marks:
            name = name_of(mark.id) or mark.name
            rows.append((mark.id, name, f"{name} (Delete or Ctrl+Shift+D removes it)"))
        self.bookmark_list.show_pages(rows)
