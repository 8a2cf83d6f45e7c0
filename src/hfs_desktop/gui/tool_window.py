"""What the learning tools' windows share: a window of its own beside the main one, page
links handed to the main window, the light or dark colours of the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget


class ToolWindow(QDialog):
    entity_requested = Signal(str)  # a page link clicked: PACK/ID

    def __init__(self, parent: QWidget | None, title: str, name: str, dark: bool) -> None:
        super().__init__(parent)
        self.dark = dark
        self.setWindowFlags(Qt.WindowType.Window)  # its own window, not above the main one
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)

    def set_dark(self, dark: bool) -> None:
        """Show the tool in the main window's colours (subclasses redraw their pages)."""
        self.dark = dark

    def shutdown(self) -> None:
        """Stop any work still running (before the window goes)."""

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)
