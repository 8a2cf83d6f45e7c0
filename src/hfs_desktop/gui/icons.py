"""Toolbar icons drawn in the theme's text colour, so they read on light and dark alike."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

SIZES = (16, 24, 32, 48)


def _arrow(size: int, colour: str, pointing_left: bool) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), max(1.5, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    s = float(size)
    path = QPainterPath()
    path.moveTo(QPointF(s * 0.82, s * 0.5))
    path.lineTo(QPointF(s * 0.2, s * 0.5))
    path.moveTo(QPointF(s * 0.45, s * 0.24))
    path.lineTo(QPointF(s * 0.19, s * 0.5))
    path.lineTo(QPointF(s * 0.45, s * 0.76))
    if not pointing_left:
        painter.translate(s, 0)
        painter.scale(-1, 1)
    painter.drawPath(path)
    painter.end()
    return pixmap


def arrow_icon(pointing_left: bool, colour: str, disabled_colour: str) -> QIcon:
    """A back (left) or forward (right) arrow; greyed in ``disabled_colour`` when disabled."""
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(_arrow(size, colour, pointing_left), QIcon.Mode.Normal)
        icon.addPixmap(_arrow(size, disabled_colour, pointing_left), QIcon.Mode.Disabled)
    return icon
