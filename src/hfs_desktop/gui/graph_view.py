"""The neighbourhood of the current entity as a picture (QGraphicsView), with its legend.

Layout: the entity in the middle; its neighbours in two columns, grouped by relation (read
from the entity: "treated by", "has symptom"), each group branching off one spine per side;
at depth 2 each neighbour's own neighbours hang below it, indented, like a tree, so no line
crosses a name. Long names are elided (the tooltip has them whole). The picture opens
fitted to the view's width, never below a readable text size; Ctrl+wheel zooms, dragging
pans, and a theme change keeps the zoom.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QWidget,
)

from ..graph_model import KIND_COLOURS as KIND_COLOURS
from ..graph_model import MORE_KIND, Group, Neighbourhood, Node, kind_colour, text_on
from .theme import UiColours, ui_colours

ROW, HEADING, SUBHEADING, GROUP_GAP = 22.0, 20.0, 18.0, 8.0
JUNCTION_GAP, FAN = 30.0, 70.0  # centre edge to junction, junction to the node column
INDENT = 24.0  # depth 2: far nodes hang this far out from their neighbour's dot
DOT, TEXT_GAP = 10.0, 6.0
# Names longer than the room beside them (at most LABEL_MAX_EM, at least LABEL_MIN_EM line
# heights) are elided; the tooltip has them whole.
LABEL_MIN_EM, LABEL_MAX_EM, CENTRE_MAX_EM = 8.0, 17.0, 20.0
MARGIN = 16.0
TOP_REACH = 200.0  # a tall column starts this far above the centre and runs down
MIN_LABEL_PX = 10.0  # fitting never shrinks names below this height on screen
MAX_FIT = 1.25


@dataclass(slots=True)
class _Style:
    colours: UiColours
    font: QFont
    bold: QFont
    small: QFont  # headings
    pen: QPen  # lines
    label: float  # names longer than this are elided


class NodeItem(QGraphicsRectItem):
    """A clickable node: a kind-coloured dot and the entity's name (the centre: a pill)."""

    def __init__(self, node: Node, colours: UiColours, font: QFont, align_right: bool,
                 limit: float, on_click: Callable[[str], None]) -> None:
        super().__init__()
        self.node = node
        self.on_click = on_click
        colour = QColor(node.colour or kind_colour(node.type))
        metrics = QFontMetricsF(font)
        name = metrics.elidedText(node.name, Qt.TextElideMode.ElideRight, limit)
        self.label = QGraphicsSimpleTextItem(name, self)
        self.label.setFont(font)
        width = metrics.horizontalAdvance(name)
        height = metrics.height()
        if node.distance == 0:
            pad = 8.0
            self.setRect(QRectF(-width / 2 - pad, -height / 2 - pad / 2, width + 2 * pad,
                                height + pad))
            self.setBrush(QBrush(colour))
            self.setPen(QPen(colour.darker(130), 1.5))
            self.label.setBrush(QBrush(QColor(text_on(colour.name()))))
            self.label.setPos(-width / 2, -height / 2)
        else:
            dot = QGraphicsEllipseItem(-DOT / 2, -DOT / 2, DOT, DOT, self)
            dot.setBrush(QBrush(colour))
            dot.setPen(QPen(colour.darker(150), 1))
            self.label.setBrush(QBrush(QColor(colours.muted if node.more else colours.text)))
            if node.more:  # a summary, not an entity: a hollow dot, muted italic words
                dot.setBrush(QBrush(Qt.BrushStyle.NoBrush))
                italic = QFont(font)
                italic.setItalic(True)
                self.label.setFont(italic)
            reach = DOT / 2 + TEXT_GAP + width
            if align_right:
                self.label.setPos(-reach, -height / 2)
                self.setRect(QRectF(-reach - 2, -height / 2, reach + DOT / 2 + 2, height))
            else:
                self.label.setPos(DOT / 2 + TEXT_GAP, -height / 2)
                self.setRect(QRectF(-DOT / 2, -height / 2, reach + DOT / 2 + 2, height))
            self.setPen(QPen(Qt.PenStyle.NoPen))
            self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        tip = f"{node.type_label}: {node.name}"
        if node.more:
            tip = (f"{node.name}: not drawn, to keep the picture readable.\n"
                   "Click to open the page, which lists them all")
        elif node.also:
            tip += "\nAlso linked to: " + "; ".join(f"{other} ({label})"
                                                    for label, other in node.also)
        self.setToolTip(tip if node.more else tip + "\nClick to open its page")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.setZValue(2)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.contains(event.pos()):
            self.on_click(self.node.id)
            event.accept()
            return
        super().mouseReleaseEvent(event)


class GraphLegend(QLabel):
    """What the colours and lines mean: a strip above the picture, never over it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("graph-legend")
        self.setAccessibleName("Graph legend")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.kinds: list[tuple[str, str]] = []  # (kind, label) in the order shown

    def show_kinds(self, kinds: list[tuple[str, str]], colours: UiColours,
                   kind_colours: dict[str, str] | None = None) -> None:
        self.kinds = kinds
        own = kind_colours or {}
        self.setStyleSheet(
            f"QLabel#graph-legend {{ background: {colours.alt_base}; color: {colours.text};"
            f" border-bottom: 1px solid {colours.rule}; padding: 3px 8px; }}")
        entries = [f'<span style="color:{own.get(kind) or kind_colour(kind)}">\u25cf</span>&nbsp;'
                   f"{escape(label).replace(' ', '&nbsp;')}" for kind, label in kinds]
        lines = (f'<span style="color:{colours.muted}">\u2500\u2500</span>&nbsp;link, '
                 f'named&nbsp;in&nbsp;<i style="color:{colours.link}">italics</i>')
        self.setText("&nbsp;&nbsp; ".join([*entries, lines]))


class GraphView(QGraphicsView):
    """Draws a `Neighbourhood`; emits `entity_requested` on a click (`page_requested` on a
    summary node, "+ 312 more", with the id whose page lists them)."""

    entity_requested = Signal(str)
    page_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graph-view")
        self.setAccessibleName("Graph of related entities")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.legend = GraphLegend(self)
        self.dark = False
        self.data: Neighbourhood | None = None
        self.items_by_id: dict[str, NodeItem] = {}
        self.fitted = False  # still as fit() left it: a resize fits again
        self.laid_out_for = 0.0  # the width the names were elided for
        self.resizing = False

    # -- drawing ---------------------------------------------------------------------------

    def set_dark(self, dark: bool) -> None:
        """Redraw in the other theme, keeping the zoom and what is in the middle."""
        self.dark = dark
        if self.data is None:
            return
        transform, fitted = self.transform(), self.fitted
        middle = self.mapToScene(self.viewport().rect().center())
        self._draw(self.data)
        self.setTransform(transform)
        self.centerOn(middle)
        self.fitted = fitted

    def show_neighbourhood(self, data: Neighbourhood) -> None:
        self._draw(data)
        self.fit()

    def _style(self) -> _Style:
        colours = ui_colours(self.dark)
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setItalic(True)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.92))
        pen = QPen(QColor(colours.muted), 1.0)
        pen.setCosmetic(True)
        return _Style(colours, font, bold, small, pen, LABEL_MAX_EM * QFontMetricsF(font).height())

    def _room(self) -> float:
        """The width to lay out in: the view's, less a vertical scroll bar (shown or not)."""
        return float(self.contentsRect().width() - self.verticalScrollBar().sizeHint().width())

    def _draw(self, data: Neighbourhood) -> None:
        self.data = data
        style = self._style()
        colours = style.colours
        labels = {node.type: node.type_label for node in data.nodes.values()
                  if node.type != MORE_KIND}
        order = list(KIND_COLOURS)  # the kinds in ENTITY_TYPES order
        kinds = sorted(labels, key=lambda k: order.index(k) if k in order else len(order))
        own = {node.type: node.colour for node in data.nodes.values() if node.colour}
        self.legend.show_kinds([(k, labels[k]) for k in kinds], colours, own)
        self._place_legend()
        scene = self.scene()
        scene.clear()
        self.items_by_id = {}
        scene.setBackgroundBrush(QBrush(QColor(colours.base)))
        em = QFontMetricsF(style.font).height()
        room = max(self._room(), 30 * em)  # names elided to fit the view at full size
        centre = self._add(data.nodes[data.centre], style, style.bold, False,
                           min(CENTRE_MAX_EM * em, room * 0.3))
        half = centre.rect().width() / 2
        junction_x = half + JUNCTION_GAP
        node_x = junction_x + FAN
        indent = INDENT if data.children else 0.0
        spare = room / 2 - MARGIN - node_x - indent - DOT / 2 - TEXT_GAP - 2
        style.label = min(max(spare, LABEL_MIN_EM * em), LABEL_MAX_EM * em)
        centre_name = data.nodes[data.centre].name
        for right, groups in zip((True, False), _split(data), strict=True):
            sign = 1.0 if right else -1.0
            height = sum(_group_height(data, g) + GROUP_GAP for g in groups) - GROUP_GAP
            y = -min(height / 2, TOP_REACH)
            for group in groups:
                self._heading(group.label.capitalize(), style, sign * node_x, y, right,
                              f"{centre_name} — {group.label}")
                y += HEADING
                ys: list[float] = []
                for node_id in group.nodes:
                    ny = y + ROW / 2
                    ys.append(ny)
                    item = self._add(data.nodes[node_id], style, style.font, not right)
                    item.setPos(sign * node_x, ny)
                    y += ROW
                    y = self._draw_children(data, node_id, QPointF(sign * node_x, ny), y,
                                            right, style)
                junction = QPointF(sign * junction_x, sum(ys) / len(ys))
                # Out of the centre, along one spine per side, then across to the junction.
                spine = sign * (half + JUNCTION_GAP / 2)
                trunk = QPainterPath(QPointF(sign * half, 0))
                trunk.lineTo(spine, 0)
                trunk.lineTo(spine, junction.y())
                trunk.lineTo(junction)
                self._edge(trunk, style.pen, f"{centre_name} — {group.label} →")
                for node_id, ny in zip(group.nodes, ys, strict=True):
                    end = QPointF(sign * (node_x - DOT / 2), ny)
                    fan = QPainterPath(junction)
                    fan.cubicTo(QPointF(sign * (junction_x + FAN / 2), junction.y()),
                                QPointF(sign * (junction_x + FAN / 2), ny), end)
                    self._edge(fan, style.pen, f"{group.label}: {data.nodes[node_id].name}")
                dot = QGraphicsEllipseItem(junction.x() - 3, junction.y() - 3, 6, 6)
                dot.setBrush(QBrush(QColor(colours.muted)))
                dot.setPen(QPen(Qt.PenStyle.NoPen))
                dot.setToolTip(group.label)
                scene.addItem(dot)
                y += GROUP_GAP
        rect = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        scene.setSceneRect(rect)
        self.laid_out_for = self._room()

    def _draw_children(self, data: Neighbourhood, parent: str, at: QPointF, y: float,
                       right: bool, style: _Style) -> float:
        """Depth 2: the neighbour's own neighbours below it, by relation; returns the next y.

        Lines run down the neighbour's dot column and out to each far dot, left of every
        name on the right side (right of them on the left), so they never cross a name."""
        groups = data.children.get(parent, [])
        if not groups:
            return y
        sign = 1.0 if right else -1.0
        x = at.x() + sign * INDENT
        name = data.nodes[parent].name
        for group in groups:
            self._heading(group.label.capitalize(), style, x, y, right, f"{name} — {group.label}")
            y += SUBHEADING
            for far in group.nodes:
                fy = y + ROW / 2
                item = self._add(data.nodes[far], style, style.font, not right)
                item.setPos(x, fy)
                path = QPainterPath(QPointF(at.x(), at.y() + DOT / 2))
                path.lineTo(at.x(), fy)
                path.lineTo(x - sign * DOT / 2, fy)
                self._edge(path, style.pen, f"{name} — {group.label} → {data.nodes[far].name}")
                y += ROW
        return y + GROUP_GAP / 2

    def _heading(self, text: str, style: _Style, x: float, y: float, right: bool,
                 tip: str) -> None:
        """A relation's name above its group, starting at the dots' column."""
        metrics = QFontMetricsF(style.small)
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                  style.label + DOT + TEXT_GAP)
        heading = QGraphicsSimpleTextItem(text)
        heading.setFont(style.small)
        heading.setBrush(QBrush(QColor(style.colours.link)))
        width = metrics.horizontalAdvance(text)
        heading.setPos(x - DOT / 2 if right else x - width + DOT / 2, y)
        heading.setToolTip(tip)
        self.scene().addItem(heading)

    def _add(self, node: Node, style: _Style, font: QFont, align_right: bool,
             limit: float | None = None) -> NodeItem:
        item = NodeItem(node, style.colours, font, align_right,
                        style.label if limit is None else limit, self._clicked)
        self.scene().addItem(item)
        self.items_by_id[node.id] = item
        return item

    def _clicked(self, node_id: str) -> None:
        node = self.data.nodes.get(node_id) if self.data is not None else None
        if node is not None and node.more:
            self.page_requested.emit(node.opens)
        else:
            self.entity_requested.emit(node_id)

    def _edge(self, path: QPainterPath, pen: QPen, tip: str) -> None:
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setToolTip(tip)
        item.setZValue(0)
        self.scene().addItem(item)

    # -- legend, zoom and pan --------------------------------------------------------------

    def _place_legend(self) -> None:
        """The legend in a top margin of its own: it never covers the picture."""
        frame = self.frameWidth()
        width = self.viewport().width()  # beside the vertical scroll bar, not under it
        height = self.legend.heightForWidth(width) if self.legend.text() else 0
        self.legend.setGeometry(frame, frame, width, height)
        self.legend.setVisible(height > 0)
        if self.viewportMargins().top() != height:
            self.setViewportMargins(0, height, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.resizing:
            return  # the legend's new height, while relaying out below
        self.resizing = True
        try:
            self._refit()
        finally:
            self.resizing = False

    def _refit(self) -> None:
        """Still fitted: fit the new size, the names elided anew, the reader's place kept."""
        self._place_legend()
        if self.fitted and self.data is not None:
            middle = self.mapToScene(self.viewport().rect().center()).y()  # the reader's place
            if abs(self._room() - self.laid_out_for) > 1:
                self._draw(self.data)  # more or less room for the names
            self.fit()
            self.centerOn(self.sceneRect().center().x(), middle)

    def min_scale(self) -> float:
        """The smallest zoom at which names are still `MIN_LABEL_PX` high on screen."""
        return MIN_LABEL_PX / max(1, QFontInfo(self.font()).pixelSize())

    def fit(self) -> None:
        """All of it when it fits readably; else the width (scroll up and down)."""
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        view = self.viewport().rect()
        floor = self.min_scale()
        scale = min(view.width() / rect.width(), view.height() / rect.height(), MAX_FIT)
        if scale < floor:
            # Too tall: fit the width, leaving room for the vertical scroll bar.
            across = (view.width() - self.verticalScrollBar().sizeHint().width()
                      if self.verticalScrollBar().isHidden() else view.width())
            scale = max(min(across / rect.width(), 1.0), floor)
        self.scale(scale, scale)
        self.centerOn(rect.center().x(), 0.0)
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())  # the top
        self.fitted = True

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        if 0.15 < current * factor < 6:
            self.scale(factor, factor)
            self.fitted = False

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    def node_ids(self) -> list[str]:
        return list(self.items_by_id)


def _group_height(data: Neighbourhood, group: Group) -> float:
    height = HEADING + ROW * len(group.nodes)
    for node_id in group.nodes:
        children = data.children.get(node_id, [])
        if children:
            height += sum(SUBHEADING + ROW * len(g.nodes) for g in children) + GROUP_GAP / 2
    return height


def _split(data: Neighbourhood) -> tuple[list[Group], list[Group]]:
    """Groups to the right and left, whole, balancing their heights."""
    right: list[Group] = []
    left: list[Group] = []
    size_r = size_l = 0.0
    for group in data.groups:
        size = _group_height(data, group)
        if size_r <= size_l:
            right.append(group)
            size_r += size
        else:
            left.append(group)
            size_l += size
    return right, left
