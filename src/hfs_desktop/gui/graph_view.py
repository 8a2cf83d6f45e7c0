"""The neighbourhood of the current entity as a picture (QGraphicsView).

Layout: the entity in the middle; its neighbours in two columns, grouped by relation (read
from the entity: "treated by", "has symptom"), each group reached through one labelled edge
bundle; at depth 2 their own neighbours in an outer column. Nodes are coloured by type and
labelled with words; a click opens the node's page; Ctrl+wheel zooms, dragging pans.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
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
    QWidget,
)

from .theme import UiColours, ui_colours

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

TYPE_COLOURS: dict[str, str] = {
    "condition": "#c2185b",
    "cause": "#6d4c41",
    "risk-factor": "#ef6c00",
    "symptom": "#7b1fa2",
    "sign": "#5e35b1",
    "trigger": "#f9a825",
    "diagnostic": "#00838f",
    "treatment": "#2e7d32",
    "complication": "#d32f2f",
    "anatomy": "#546e7a",
    "source": "#78909c",
    "claim": "#3949ab",
}
HIDDEN_BY_DEFAULT = ("source", "claim")  # bibliography: on the page, not in the picture
DEPTH1_LIMIT, DEPTH2_LIMIT = 150, 90

ROW, HEADING, GROUP_GAP = 22.0, 20.0, 8.0
JUNCTION_X, NODE_X, DEPTH2_GAP = 150.0, 230.0, 140.0
DOT = 10.0
MIN_FIT = 0.72  # below this the labels get hard to read


@dataclass(slots=True)
class Node:
    id: str
    name: str
    type: str
    type_label: str
    distance: int


@dataclass(slots=True)
class Group:
    label: str  # the relation as read from the centre
    nodes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Neighbourhood:
    """Plain data for the picture (ids, names, types, relation labels)."""

    centre: str
    nodes: dict[str, Node]
    groups: list[Group]
    outer: list[tuple[str, str, str]]  # (depth-1 node, depth-2 node, label from the first)


def neighbourhood_of(graph: KnowledgeGraph, entity_id: str, depth: int,
                     keep: Callable[[str], bool], type_labels: dict[str, str]) -> Neighbourhood:
    """Ask the core graph for the neighbourhood, then keep what ``keep`` allows."""
    pack = graph.pack
    centre = graph.entity(entity_id)
    hidden = () if centre.type in HIDDEN_BY_DEFAULT else HIDDEN_BY_DEFAULT
    limit = DEPTH1_LIMIT if depth == 1 else DEPTH1_LIMIT + DEPTH2_LIMIT
    sub = graph.neighbourhood(entity_id, depth=depth, limit=limit)

    def wanted(node_id: str) -> bool:
        return node_id == entity_id or (
            pack.entities[node_id].type not in hidden and keep(node_id))

    def label(origin: str, relation: str, target: str, reader: str) -> str:
        rel = pack.relation_types.get(relation)
        if rel is None:
            return relation
        return rel.label if reader == origin else rel.inverse

    edges = [(a, b, rel) for a, b, rel in sub.edges(keys=True) if wanted(a) and wanted(b)]
    # Groups: the centre's relations, in the order of the core's neighbours().
    groups: list[Group] = []
    placed: set[str] = set()
    for group in graph.neighbours(entity_id):
        ids = [e.id for e in group.entities if e.id != entity_id and wanted(e.id)
               and e.id not in placed]
        if ids:
            groups.append(Group(group.label, ids))
            placed.update(ids)
    nodes = {entity_id: _node(graph, entity_id, 0, type_labels)}
    for node_id in placed:
        nodes[node_id] = _node(graph, node_id, 1, type_labels)
    outer: list[tuple[str, str, str]] = []
    if depth >= 2:
        seen: set[str] = set()
        for a, b, rel in edges:
            for inner, far in ((a, b), (b, a)):
                if inner in placed and far not in nodes and far != entity_id:
                    outer.append((inner, far, label(a, rel, b, inner)))
                    seen.add(far)
        for far in seen:
            nodes[far] = _node(graph, far, 2, type_labels)
        outer = list(dict.fromkeys(outer))[:DEPTH2_LIMIT * 2]
    return Neighbourhood(entity_id, nodes, groups, outer)


def _node(graph: KnowledgeGraph, node_id: str, distance: int,
          type_labels: dict[str, str]) -> Node:
    entity = graph.entity(node_id)
    return Node(node_id, entity.name, entity.type, type_labels.get(entity.type, entity.type),
                distance)


class NodeItem(QGraphicsRectItem):
    """A clickable node: a type-coloured dot and the entity's name (the centre: a pill)."""

    def __init__(self, node: Node, colours: UiColours, font: QFont, align_right: bool,
                 on_click: Callable[[str], None]) -> None:
        super().__init__()
        self.node = node
        self.on_click = on_click
        colour = QColor(TYPE_COLOURS.get(node.type, "#777777"))
        metrics = QFontMetricsF(font)
        text = QGraphicsSimpleTextItem(node.name, self)
        text.setFont(font)
        width = metrics.horizontalAdvance(node.name)
        height = metrics.height()
        if node.distance == 0:
            pad = 8.0
            self.setRect(QRectF(-width / 2 - pad, -height / 2 - pad / 2, width + 2 * pad,
                                height + pad))
            self.setBrush(QBrush(colour))
            self.setPen(QPen(colour.darker(130), 1.5))
            text.setBrush(QBrush(QColor("#ffffff")))
            text.setPos(-width / 2, -height / 2)
            self.anchor_in = self.anchor_out = 0.0
        else:
            dot = QGraphicsEllipseItem(-DOT / 2, -DOT / 2, DOT, DOT, self)
            dot.setBrush(QBrush(colour))
            dot.setPen(QPen(colour.darker(140), 1))
            text.setBrush(QBrush(QColor(colours.text)))
            gap = 6.0
            if align_right:
                text.setPos(-DOT / 2 - gap - width, -height / 2)
                self.setRect(QRectF(-DOT / 2 - gap - width - 2, -height / 2, width + DOT + gap
                                    + 4, height))
                self.anchor_out = -DOT / 2 - gap - width - 4
            else:
                text.setPos(DOT / 2 + gap, -height / 2)
                self.setRect(QRectF(-DOT / 2 - 2, -height / 2, width + DOT + gap + 4, height))
                self.anchor_out = DOT / 2 + gap + width + 4
            self.setPen(QPen(Qt.PenStyle.NoPen))
            self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            self.anchor_in = 0.0
        self.setToolTip(f"{node.type_label}: {node.name}\nClick to open its page")
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


class GraphView(QGraphicsView):
    """Draws a `Neighbourhood`; emits `entity_requested` on a click."""

    entity_requested = Signal(str)

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
        self.dark = False
        self.data: Neighbourhood | None = None
        self.items_by_id: dict[str, NodeItem] = {}

    # -- drawing ---------------------------------------------------------------------------

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        if self.data is not None:
            self.show_neighbourhood(self.data)

    def show_neighbourhood(self, data: Neighbourhood) -> None:
        self.data = data
        colours = ui_colours(self.dark)
        scene = self.scene()
        scene.clear()
        self.items_by_id = {}
        scene.setBackgroundBrush(QBrush(QColor(colours.base)))
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setItalic(True)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.92))
        centre = self._add(data.nodes[data.centre], colours, bold, False)
        centre.setPos(0, 0)
        centre_rect = centre.rect()
        sides = _split(data.groups)
        edge_pen = QPen(QColor(colours.muted), 1.0)
        edge_pen.setCosmetic(True)
        positions: dict[str, tuple[float, bool]] = {}
        for right, groups in ((True, sides[0]), (False, sides[1])):
            sign = 1.0 if right else -1.0
            height = sum(HEADING + ROW * len(g.nodes) + GROUP_GAP for g in groups) - GROUP_GAP
            y = -height / 2
            start = QPointF(sign * centre_rect.width() / 2, 0)
            for group in groups:
                heading = QGraphicsSimpleTextItem(group.label.capitalize(), None)
                heading.setFont(small)
                heading.setBrush(QBrush(QColor(colours.link)))
                hm = QFontMetricsF(small)
                hx = sign * NODE_X - (hm.horizontalAdvance(heading.text()) if not right
                                      else 0) + (-DOT / 2 if right else DOT / 2)
                heading.setPos(hx, y)
                scene.addItem(heading)
                y += HEADING
                ys = [y + ROW * i + ROW / 2 for i in range(len(group.nodes))]
                junction = QPointF(sign * JUNCTION_X, sum(ys) / len(ys))
                trunk = QPainterPath(start)
                trunk.cubicTo(QPointF(sign * JUNCTION_X * 0.5, 0),
                              QPointF(sign * JUNCTION_X * 0.6, junction.y()), junction)
                self._edge(trunk, edge_pen, f"{data.nodes[data.centre].name} "
                           f"— {group.label} →")
                for node_id, ny in zip(group.nodes, ys, strict=True):
                    item = self._add(data.nodes[node_id], colours, font, not right)
                    item.setPos(sign * NODE_X, ny)
                    positions[node_id] = (ny, right)
                    fan = QPainterPath(junction)
                    fan.cubicTo(QPointF(sign * (JUNCTION_X + 40), junction.y()),
                                QPointF(sign * (NODE_X - 40), ny),
                                QPointF(sign * (NODE_X - DOT / 2), ny))
                    self._edge(fan, edge_pen, f"{group.label}: {data.nodes[node_id].name}")
                dot = QGraphicsEllipseItem(junction.x() - 3, junction.y() - 3, 6, 6)
                dot.setBrush(QBrush(QColor(colours.muted)))
                dot.setPen(QPen(Qt.PenStyle.NoPen))
                dot.setToolTip(group.label)
                scene.addItem(dot)
                y += ROW * len(group.nodes) + GROUP_GAP
        if data.outer:
            self._draw_outer(data, positions, colours, font, small, edge_pen)
        rect = scene.itemsBoundingRect().adjusted(-40, -40, 40, 40)
        scene.setSceneRect(rect)
        self.fit()

    def _draw_outer(self, data: Neighbourhood, positions: dict[str, tuple[float, bool]],
                    colours: UiColours, font: QFont, small: QFont, pen: QPen) -> None:
        """Depth 2: beside each neighbour, its own neighbours grouped by relation."""
        column_edge = {True: 0.0, False: 0.0}
        for node_id, (_, right) in positions.items():
            item = self.items_by_id[node_id]
            reach = abs(item.pos().x() + item.anchor_out)
            column_edge[right] = max(column_edge[right], reach)
        # Each far node goes with the first neighbour (top to bottom) that links to it.
        order = sorted(positions, key=lambda n: positions[n][0])
        first_parent: dict[str, tuple[str, str]] = {}
        for inner in order:
            for origin, far, label in data.outer:
                if origin == inner and far not in first_parent:
                    first_parent[far] = (inner, label)
        far_pen = QPen(pen)
        far_pen.setColor(QColor(colours.rule))
        hm = QFontMetricsF(small)
        for right in (True, False):
            sign = 1.0 if right else -1.0
            x = sign * (column_edge[right] + DEPTH2_GAP)
            last = -1e9
            for inner in order:
                if positions[inner][1] != right:
                    continue
                groups: dict[str, list[str]] = {}
                for far, (parent, label) in first_parent.items():
                    if parent == inner:
                        groups.setdefault(label, []).append(far)
                if not groups:
                    continue
                height = sum(HEADING + ROW * len(g) + GROUP_GAP for g in groups.values())
                y = max(last + GROUP_GAP, positions[inner][0] - height / 2)
                parent_item = self.items_by_id[inner]
                anchor = QPointF(parent_item.pos().x() + parent_item.anchor_out,
                                 parent_item.pos().y())
                for label, fars in groups.items():
                    fars.sort(key=lambda f: data.nodes[f].name.casefold())
                    heading = QGraphicsSimpleTextItem(label.capitalize(), None)
                    heading.setFont(small)
                    heading.setBrush(QBrush(QColor(colours.link)))
                    width = hm.horizontalAdvance(heading.text())
                    heading.setPos(x - DOT / 2 if right else x - width + DOT / 2, y)
                    heading.setToolTip(f"{parent_item.node.name} — {label}")
                    self.scene().addItem(heading)
                    y += HEADING
                    ys = [y + ROW * i + ROW / 2 for i in range(len(fars))]
                    junction = QPointF(x - sign * DEPTH2_GAP * 0.45, sum(ys) / len(ys))
                    trunk = QPainterPath(anchor)
                    mid = (anchor.x() + junction.x()) / 2
                    trunk.cubicTo(QPointF(mid, anchor.y()), QPointF(mid, junction.y()),
                                  junction)
                    self._edge(trunk, far_pen, f"{parent_item.node.name} — {label} →")
                    for far, fy in zip(fars, ys, strict=True):
                        item = self._add(data.nodes[far], colours, font, not right)
                        item.setPos(x, fy)
                        fan = QPainterPath(junction)
                        fan.cubicTo(QPointF(junction.x() + sign * 25, junction.y()),
                                    QPointF(x - sign * 30, fy), QPointF(x - sign * DOT / 2, fy))
                        self._edge(fan, far_pen, f"{label}: {data.nodes[far].name}")
                    y += ROW * len(fars) + GROUP_GAP
                last = y
        # Other links between a neighbour and a far node: faint, labelled in the tooltip.
        faint = QPen(far_pen)
        faint.setStyle(Qt.PenStyle.DotLine)
        for inner, far, label in data.outer:
            if first_parent.get(far, (inner, ""))[0] == inner:
                continue
            a, b = self.items_by_id.get(inner), self.items_by_id.get(far)
            if a is None or b is None:
                continue
            if positions[inner][1] != (b.pos().x() > 0):
                continue
            side = 1.0 if b.pos().x() > 0 else -1.0
            p1 = QPointF(a.pos().x() + a.anchor_out, a.pos().y())
            p2 = QPointF(b.pos().x() - side * DOT / 2, b.pos().y())
            path = QPainterPath(p1)
            mid = (p1.x() + p2.x()) / 2
            path.cubicTo(QPointF(mid, p1.y()), QPointF(mid, p2.y()), p2)
            self._edge(path, faint, f"{a.node.name} — {label} → {b.node.name}")

    def _add(self, node: Node, colours: UiColours, font: QFont, align_right: bool) -> NodeItem:
        item = NodeItem(node, colours, font, align_right, self.entity_requested.emit)
        self.scene().addItem(item)
        self.items_by_id[node.id] = item
        return item

    def _edge(self, path: QPainterPath, pen: QPen, tip: str) -> None:
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setToolTip(tip)
        item.setZValue(0)
        self.scene().addItem(item)

    # -- zoom and pan ----------------------------------------------------------------------

    def fit(self) -> None:
        """Everything in view when it stays readable; else readable size, centred."""
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        view = self.viewport().rect()
        across = view.width() / rect.width()
        scale = min(across, view.height() / rect.height(), 1.25)
        if scale < MIN_FIT:
            # Too tall to fit readably: fit the width (down to a readable size) and let
            # the reader scroll up and down from the centre.
            scale = max(min(across, 1.0), MIN_FIT)
        self.scale(scale, scale)
        self.centerOn(rect.center().x() if across >= scale else 0.0, 0.0)

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        if 0.15 < current * factor < 6:
            self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    def node_ids(self) -> list[str]:
        return list(self.items_by_id)


def _split(groups: list[Group]) -> tuple[list[Group], list[Group]]:
    """Groups to the right and left, whole, balancing their heights."""
    right: list[Group] = []
    left: list[Group] = []
    size_r = size_l = 0.0
    for group in groups:
        size = HEADING + ROW * len(group.nodes)
        if size_r <= size_l:
            right.append(group)
            size_r += size
        else:
            left.append(group)
            size_l += size
    return right, left
