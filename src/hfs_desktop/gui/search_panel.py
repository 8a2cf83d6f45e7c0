"""The search field and its results: as you type, off the GUI thread, newest query wins."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..badges import Badge
from ..library import Hit, Library
from ..pack.citations import strip_citations
from .worker import SearchWorker, WorkerThread, hits_or_empty

DEBOUNCE_MS = 120
HIT_ROLE = Qt.ItemDataRole.UserRole + 1

BadgeLookup = Callable[[Hit], "Badge | None"]
"""The core's badge for a hit (hfs_desktop.badges): the panel only draws it."""
BADGE_GAP = 12  # horizontal padding inside each badge segment


def readable_snippet(snippet: str) -> str:
    """A snippet without citation markup, even a group the snippet cut in two."""
    text = strip_citations(snippet)
    text = re.sub(r"\s*\[@[^\]]*$", "", text)  # a group cut at the end
    text = re.sub(r"^(?:[\w.-]+|[^\[\]]*@[^\[\]]*)\]", "", text)  # ... or at the start
    return " ".join(text.split())


class ResultsModel(QAbstractListModel):
    """The hits of the latest query, with what the delegate needs to draw them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.badge_for: BadgeLookup = lambda hit: None
        self.type_label: Callable[[str], str] = lambda t: t
        self.show_pack = False  # several packs are open: each row names its pack

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.name
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.describe(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            badge = self.badge_for(hit)
            return self.describe(hit) + (f"\n\n{badge.meaning}" if badge else "")
        return None

    def pack_of(self, hit: Hit) -> str:
        """"HPO (imported)": which pack a hit comes from ("" with one pack open)."""
        if not self.show_pack:
            return ""
        return hit.pack_name + ("" if hit.reviewed else " (imported)")

    def detail(self, hit: Hit) -> str:
        """The second line: the pack (several open), the type, then the alias that matched
        or a snippet."""
        detail = self.type_label(hit.type)
        if self.show_pack:
            detail = f"{self.pack_of(hit)} · {detail}"
        if hit.matched and hit.matched.casefold() != hit.name.casefold():
            detail += f" · matches “{hit.matched}”"
        elif hit.snippet:
            detail += f" · {readable_snippet(hit.snippet)}"
        return detail

    def describe(self, hit: Hit) -> str:
        """The row in words (screen readers, tooltips)."""
        parts = [f"{self.type_label(hit.type)}: {hit.name}"]
        if self.show_pack:
            parts.append(f"from {self.pack_of(hit)}")
        badge = self.badge_for(hit)
        if badge:
            parts.append(badge.label)
        if hit.matched and hit.matched != hit.name:
            parts.append(f"matches “{hit.matched}”")
        return ", ".join(parts)


def viewport_width(view: QAbstractScrollArea) -> int:
    """The width of a scroll area's viewport, worked out from the area itself.

    ``view.viewport()`` hands Python an object of a class private to Qt, and PySide6 then
    creates every Qt type it has not made yet (some 50 enums: 20-30 ms before the first
    results are listed)."""
    width = view.contentsRect().width()
    margins = view.viewportMargins()
    width -= margins.left() + margins.right()
    bar = view.verticalScrollBar()
    if bar.isVisibleTo(view) and not bar.style().styleHint(
            QStyle.StyleHint.SH_ScrollBar_Transient, None, bar):
        width -= bar.sizeHint().width()
    return width


class ResultDelegate(QStyledItemDelegate):
    """Each hit as lines that never overlap: the full name (wrapped onto a second line when
    long), then its badge (elided within the row, the whole of it in the tooltip), then
    the type and the matched alias or a snippet. Nothing is drawn outside the row.
    """

    PAD = 6
    TITLE_LINES = 2

    def __init__(self, model: ResultsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model

    @staticmethod
    def fonts(base: QFont) -> tuple[QFont, QFont]:
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setBold(True)
        small.setPointSizeF(max(6.0, base.pointSizeF() * 0.85))
        return bold, small

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget
        width = option.rect.width()
        if isinstance(widget, QListView):
            width = viewport_width(widget)
        return max(40, width - 2 * self.PAD)

    def title_layout(self, bold: QFont, name: str, width: int) -> tuple[str, int]:
        """The name as drawn (elided only past two lines) and its number of lines."""
        fm = QFontMetrics(bold)
        flags = Qt.TextFlag.TextWordWrap.value
        lines = max(1, round(fm.boundingRect(0, 0, width, 10_000, flags, name).height()
                             / fm.lineSpacing()))
        if lines <= self.TITLE_LINES:
            return name, lines
        return fm.elidedText(name, Qt.TextElideMode.ElideRight,
                             width * self.TITLE_LINES - fm.averageCharWidth() * 4), 2

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hit = index.data(HIT_ROLE)
        fm = QFontMetrics(option.font)
        if hit is None:
            return QSize(200, fm.height() * 2 + self.PAD * 3)
        bold, _small = self.fonts(option.font)
        width = self._text_width(option)
        _name, lines = self.title_layout(bold, hit.name, width)
        height = self.PAD * 2 + lines * QFontMetrics(bold).lineSpacing() + fm.height() + 4
        if self.model.badge_for(hit):
            height += fm.height() + 4
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected
                                    else QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlpha(180)
        base_font: QFont = opt.font
        bold, small = self.fonts(base_font)
        fm = QFontMetrics(base_font)
        pad = self.PAD
        width = max(40, rect.width() - 2 * pad)
        painter.save()
        painter.setClipRect(rect)
        # The name, at the full width of the row.
        name, lines = self.title_layout(bold, hit.name, width)
        title = QRect(rect.left() + pad, rect.top() + pad, width,
                      lines * QFontMetrics(bold).lineSpacing())
        painter.setFont(bold)
        painter.setPen(text_colour)
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, name)
        top = title.bottom() + 4
        # The badge, on its own line: words on colour, never colour alone.
        badge = self.model.badge_for(hit)
        if badge:
            self._draw_badge(painter, badge, QRect(title.left(), top, width, fm.height()), small)
            top += fm.height() + 4
        detail = self.model.detail(hit)
        line = QRect(title.left(), top, width, fm.height())
        painter.setFont(base_font)
        painter.setPen(muted)
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(detail, Qt.TextElideMode.ElideRight, line.width()))
        painter.restore()

    @staticmethod
    def _draw_badge(painter: QPainter, badge: Badge, line: QRect, font: QFont) -> None:
        """The badge's segments left to right; the last one that fits is elided."""
        sfm = QFontMetrics(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        left = line.left()
        for i, segment in enumerate(badge.segments):
            text = ("· " if i else "") + segment.words
            width = sfm.horizontalAdvance(text) + BADGE_GAP
            room = line.right() + 1 - left
            if width > room:
                if room < sfm.horizontalAdvance("…") + BADGE_GAP:
                    break
                text = sfm.elidedText(text, Qt.TextElideMode.ElideRight, room - BADGE_GAP)
                width = room
            box = QRect(left, line.top(), width, line.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(segment.colour))
            painter.drawRect(box)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            left += width
            if left > line.right():
                break


class SearchPanel(QWidget):
    """Field, filter, did-you-mean line and results list."""

    entity_activated = Signal(str)
    results_shown = Signal(int)  # number of hits listed for the current query
    search_failed = Signal(str)  # the current query broke the search (one line, why)
    hide_unproven_changed = Signal(bool)
    _request = Signal(int, str, bool, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self.shown_generation = 0
        self.shown_text = ""
        self._worker: SearchWorker | None = None
        self._thread: WorkerThread | None = None

        self.field = QLineEdit(self)
        self.field.setObjectName("search-field")
        self.field.setPlaceholderText("Search: a condition, symptom, treatment, alias… (Ctrl+K)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search")
        self.field.setAccessibleDescription(
            "Type to search the knowledge pack; Down and Enter open a result")
        self.field.installEventFilter(self)

        self.hide_unproven = QCheckBox("Hide unproven treatments and folk remedies", self)
        self.hide_unproven.setObjectName("hide-unproven")
        self.hide_unproven.setAccessibleName("Hide unproven entries")
        self.hide_unproven.toggled.connect(self._filter_toggled)

        self.pack_filter = QComboBox(self)
        self.pack_filter.setObjectName("pack-filter")
        self.pack_filter.setAccessibleName("Search in")
        self.pack_filter.setToolTip("Search every open pack, or one")
        self.pack_filter.hide()  # shown when more than one pack is open
        self.pack_filter.currentIndexChanged.connect(self._pack_chosen)

        self.status = QLabel("Loading the knowledge pack…", self)
        self.status.setObjectName("search-status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setOpenExternalLinks(False)
        self.status.linkActivated.connect(self._suggestion_clicked)
        self.status.setAccessibleName("Search status")

        self.model = ResultsModel(self)
        self.list = QListView(self)
        self.list.setObjectName("results")
        self.list.setModel(self.model)
        self.list.setItemDelegate(ResultDelegate(self.model, self.list))
        self.list.setUniformItemSizes(False)  # long names take two lines, badges one more
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName("Search results")
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.activated.connect(self._open_index)
        self.list.clicked.connect(self._open_index)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.hide_unproven)
        layout.addWidget(self.pack_filter)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.run_query)
        self.field.textChanged.connect(self._text_changed)

    # -- wiring ----------------------------------------------------------------------------

    def attach(self, library: Library, badge_for: BadgeLookup,
               type_label: Callable[[str], str]) -> None:
        """Start searching the library's packs (in its own thread)."""
        self.model.badge_for = badge_for
        self.model.type_label = type_label
        self.model.show_pack = library.several
        self.set_packs([(e.id, e.label()) for e in library.packs if e.index is not None])
        self._worker = SearchWorker(library)
        self._thread = WorkerThread(self._worker, "hfs-search", self)
        self._request.connect(self._worker.search)
        self._worker.results.connect(self._show_results)
        self._worker.failed.connect(self._show_failure)
        self._thread.start()
        self.status.setText("")
        if self.field.text().strip():
            self.run_query()

    def set_packs(self, packs: list[tuple[str, str]]) -> None:
        """The packs to choose from, (id, label); the choice is shown for two or more."""
        self.pack_filter.blockSignals(True)
        self.pack_filter.clear()
        self.pack_filter.addItem("All packs", "")
        for pack_id, label in packs:
            self.pack_filter.addItem(label, pack_id)
        self.pack_filter.blockSignals(False)
        self.pack_filter.setVisible(len(packs) > 1)

    def chosen_pack(self) -> str:
        """The id of the one pack searched ("" for all)."""
        value = self.pack_filter.currentData()
        return value if isinstance(value, str) else ""

    def _pack_chosen(self, _index: int) -> None:
        if self.field.text().strip():
            self.run_query()

    def unavailable(self, message: str) -> None:
        self.status.setText(message)

    def shutdown(self) -> None:
        self.debounce.stop()
        if self._thread is not None:
            self._thread.stop()

    @property
    def ready(self) -> bool:
        return self._worker is not None

    # -- queries ---------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        self.field.setText(text)
        self.run_query()

    def _text_changed(self, _text: str) -> None:
        self.debounce.start()

    def _filter_toggled(self, checked: bool) -> None:
        self.hide_unproven_changed.emit(checked)
        if self.field.text().strip():
            self.run_query()

    def run_query(self) -> None:
        self.debounce.stop()
        if self._worker is None:
            if self.field.text().strip():
                self.status.setText("Loading the knowledge pack… your search runs when ready.")
            return
        self.generation += 1
        self._worker.latest = self.generation
        self._request.emit(self.generation, self.field.text(), self.hide_unproven.isChecked(),
                           self.chosen_pack())

    def _show_results(self, generation: int, text: str, hits: list[Hit],
                      suggestion: str | None) -> None:
        if generation != self.generation:
            return  # an answer to a query the user has already changed
        found = hits_or_empty(hits)
        self.shown_generation = generation
        self.shown_text = text
        self.model.set_hits(found)
        if found:
            self.list.setCurrentIndex(self.model.index(0, 0))
            self.status.setText(f"{len(found)} result{'s' if len(found) != 1 else ''}")
        elif not text.strip():
            self.status.setText("")
        elif isinstance(suggestion, str) and suggestion:
            from html import escape

            self.status.setText(f'No results. Did you mean <a href="{escape(suggestion)}">'
                                f"{escape(suggestion)}</a>?")
        else:
            self.status.setText("No results.")
        self.results_shown.emit(len(found))

    def _show_failure(self, generation: int, text: str, message: str) -> None:
        """Say that the search broke (never "No results", which would be untrue)."""
        if generation != self.generation:
            return
        from html import escape

        self.shown_generation = generation
        self.shown_text = text
        self.model.set_hits([])
        self.status.setText(f"<b>{escape(message[:1].upper() + message[1:])}</b>. Pages "
                            "still open from links, bookmarks and history.")
        self.search_failed.emit(message)

    def _suggestion_clicked(self, text: str) -> None:
        self.set_query(text)

    # -- opening ---------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.entity_activated.emit(hit.id)

    def open_current(self) -> bool:
        """Open the selected result (the first when none is selected)."""
        if self.debounce.isActive():
            self.run_query()
        if not self.model.hits:
            return False
        index = self.list.currentIndex()
        if not index.isValid():
            index = self.model.index(0, 0)
        self._open_index(index)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if key == Qt.Key.Key_Escape and self.field.text():
                self.field.clear()
                return True
        return super().eventFilter(watched, event)

    def _move(self, key: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        row = self.list.currentIndex().row() if self.list.currentIndex().isValid() else -1
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10,
                Qt.Key.Key_PageUp: -10}[Qt.Key(key)]
        row = max(0, min(rows - 1, row + step))
        self.list.setCurrentIndex(self.model.index(row, 0))
        self.list.scrollTo(self.model.index(row, 0))
