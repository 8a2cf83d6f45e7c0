"""Window sizes that fit the screen: a preferred size, shrunk to the screen's free area
with room left for the window manager's title bar and frame."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_HEIGHT = 48
"""Pixels kept free for a title bar and frame, which are not part of a widget's size."""
FRAME_WIDTH = 16


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` x ``height``, or less where its screen is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, free.width() - FRAME_WIDTH)
        height = min(height, free.height() - FRAME_HEIGHT)
    window.resize(max(width, 200), max(height, 150))
