"""The path taken to the current page, one line that never widens the window.

Long names are elided and, when the line is still too long, the oldest steps give way to
"…"; the full path is in the tooltip. The bar asks for no minimum width of its own.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

SEPARATOR = " \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} "
MAX_CRUMB_PX = 260  # no single step takes more than this
ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"

Crumb = tuple[int, str]  # (position in the history, page name)


class Breadcrumb(QLabel):
    """Clickable steps of the history, oldest first; the last one is the current page."""

    crumb_clicked = Signal(int)  # the position in the history

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("breadcrumb")
        self.setAccessibleName("Path taken")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.linkActivated.connect(self._link)
        self._crumbs: list[Crumb] = []
        self._link_colour = ""
        self.setText("&nbsp;")

    def set_trail(self, crumbs: list[Crumb], link_colour: str) -> None:
        self._crumbs = list(crumbs)
        self._link_colour = link_colour
        self.setToolTip(SEPARATOR.join(name for _pos, name in crumbs))
        self._render()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def shown_names(self) -> list[str]:
        """The steps as drawn now (elided; "…" for steps left out)."""
        return self._fit()[0]

    def _fit(self) -> tuple[list[str], int]:
        """Names that fit the width, and how many oldest steps were left out."""
        if not self._crumbs:
            return [], 0
        plain = QFontMetrics(self.font())
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        available = max(0, self.contentsRect().width() - 2 * self.margin() - 4)
        sep = plain.horizontalAdvance(SEPARATOR)
        names = [plain.elidedText(name, Qt.TextElideMode.ElideRight, MAX_CRUMB_PX)
                 for _pos, name in self._crumbs[:-1]]
        last = self._crumbs[-1][1]
        for skipped in range(len(names) + 1):
            kept = names[skipped:]
            width = sum(plain.horizontalAdvance(n) + sep for n in kept)
            if skipped:
                width += plain.horizontalAdvance(ELLIPSIS) + sep
            if width + bold.horizontalAdvance(last) <= available:
                return [*([ELLIPSIS] if skipped else []), *kept, last], skipped
        room = available - (plain.horizontalAdvance(ELLIPSIS) + sep if names else 0)
        current = bold.elidedText(last, Qt.TextElideMode.ElideRight, max(0, room))
        return [*([ELLIPSIS] if names else []), current], len(names)

    def _render(self) -> None:
        names, skipped = self._fit()
        if not names:
            self.setText("&nbsp;")
            return
        positions = [pos for pos, _name in self._crumbs[skipped:]]
        offset = 1 if skipped else 0
        parts = [ELLIPSIS] if skipped else []
        for i, pos in enumerate(positions):
            name = escape(names[i + offset])
            if i == len(positions) - 1:
                parts.append(f"<b>{name}</b>")
            else:
                parts.append(f'<a href="crumb:{pos}" style="color:{self._link_colour};'
                             f' text-decoration:none">{name}</a>')
        self.setText(escape(SEPARATOR).join(parts))

    def _link(self, link: str) -> None:
        if link.startswith("crumb:"):
            self.crumb_clicked.emit(int(link.removeprefix("crumb:")))
