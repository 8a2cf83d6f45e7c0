"""The sidebar's page lists (pages visited, bookmarks): names to click, ids behind them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

PageRow = tuple[str, str, str]  # (entity id, name, tooltip)


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
