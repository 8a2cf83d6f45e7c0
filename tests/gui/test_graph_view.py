"""The graph view: neighbours by type and relation, depth, click to navigate, zoom."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontInfo, QPainterPath, QPainterPathStroker, QTextDocumentFragment
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsPathItem, QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from hfs_desktop.graph import KnowledgeGraph
from hfs_desktop.graph_model import neighbourhood_of
from hfs_desktop.gui.graph_view import KIND_COLOURS, MIN_LABEL_PX, GraphView, NodeItem
from hfs_desktop.gui.main_window import GRAPH_TAB, MainWindow
from hfs_desktop.pack.loader import read_pack
from hfs_desktop.pack.model import ENTITY_TYPES

from ..conftest import REPO
from .conftest import WindowFactory

pytestmark = pytest.mark.gui


def _bare(ids: list[str]) -> list[str]:
    """Node ids without their pack (one pack is open)."""
    return [i.split("/", 1)[-1] for i in ids]


def _by_bare(view: GraphView) -> dict[str, NodeItem]:
    return {i.split("/", 1)[-1]: item for i, item in view.items_by_id.items()}


def _texts(window: MainWindow) -> set[str]:
    return {item.text() for item in window.graph_view.scene().items()
            if isinstance(item, QGraphicsSimpleTextItem)}


def test_graph_shows_neighbours_labelled_by_relation(window: MainWindow) -> None:
    window.open_entity("hemifacial-spasm")
    window.actions_by_id["toggle-graph"].trigger()
    assert window.right_tabs.currentIndex() == GRAPH_TAB
    ids = set(_bare(window.graph_view.node_ids()))
    assert {"hemifacial-spasm", "botulinum-toxin", "garlic-lemon-compress"} <= ids
    texts = _texts(window)
    assert "Treated by" in texts  # relation read from the centre
    assert "Botulinum toxin injections" in texts
    item = _by_bare(window.graph_view)["botulinum-toxin"]
    assert item.toolTip().startswith("Treatment: ")
    assert set(KIND_COLOURS) >= {"condition", "treatment", "claim", "source"}


def test_graph_depth_two_shows_more(window: MainWindow) -> None:
    window.open_entity("botulinum-toxin")
    window.toggle_graph()
    one = set(_bare(window.graph_view.node_ids()))
    window.actions_by_id["graph-depth"].trigger()
    two = set(_bare(window.graph_view.node_ids()))
    assert one < two
    assert window.settings.graph_depth == 2


def test_clicking_a_node_navigates(qtbot: QtBot, window: MainWindow) -> None:
    window.open_entity("hemifacial-spasm")
    window.toggle_graph()
    view = window.graph_view
    item = _by_bare(view)["carbamazepine"]
    view.centerOn(item)
    point = view.mapFromScene(item.mapToScene(item.boundingRect().center()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_entity() == "starter/carbamazepine"
    assert "carbamazepine" in _bare(view.node_ids())  # the graph follows the page


def test_graph_zoom(window: MainWindow) -> None:
    window.open_entity("hemifacial-spasm")
    window.toggle_graph()
    before = window.graph_view.transform().m11()
    window.actions_by_id["zoom-in"].trigger()
    assert window.graph_view.transform().m11() > before
    assert window.settings.zoom == 0  # the page zoom is separate


def test_graph_filter_hides_unproven(window: MainWindow) -> None:
    window.open_entity("hemifacial-spasm")
    window.toggle_graph()
    assert "garlic-lemon-compress" in _bare(window.graph_view.node_ids())
    window.actions_by_id["hide-unproven"].trigger()
    assert "garlic-lemon-compress" not in _bare(window.graph_view.node_ids())
    assert "botulinum-toxin" in _bare(window.graph_view.node_ids())


# -- issue 10, item 7: legend, colours, readable names, depth 2 without crossings -----------

KNOWLEDGE = REPO / "knowledge"
DEPTH_TWO_CENTRES = ("hemifacial-spasm", "botulinum-toxin", "microvascular-decompression",
                     "facial-nerve")


def _show(qtbot: QtBot, window: MainWindow, entity: str, depth: int) -> GraphView:
    window.settings.graph_depth = depth
    window.actions_by_id["graph-depth"].setChecked(depth == 2)
    window.open_entity(entity)
    window.right_tabs.setCurrentIndex(GRAPH_TAB)
    window.refresh_graph()
    qtbot.wait(10)
    return window.graph_view


def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of #rrggbb."""
    def lin(i: int) -> float:
        c = int(colour[i:i + 2], 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = lin(1), lin(3), lin(5)
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
           0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_legend_names_every_kind_in_the_scene_beside_the_picture(
        qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(KNOWLEDGE)
    folk = "lemon-garlic-compress"  # a folk remedy: a treatment, coloured as one
    for entity, depth in (("hemifacial-spasm", 2), ("botulinum-toxin", 1)):
        view = _show(qtbot, window, entity, depth)
        legend = view.legend
        in_scene = {item.node.type: item.node.type_label for item in view.items_by_id.values()
                    if not item.node.more}  # a summary node ("+ 3 more") is no kind
        assert legend.isVisible()
        if folk in _by_bare(view):
            assert _by_bare(view)[folk].node.type == "treatment"
        assert dict(legend.kinds) == in_scene
        shown = QTextDocumentFragment.fromHtml(legend.text()).toPlainText()
        for label in in_scene.values():
            assert label in shown
        assert "link" in shown  # what the lines mean
        for item in view.items_by_id.values():  # the dots wear the legend's colours
            if item.node.more:
                continue  # a summary node ("+ 3 more") stands for no kind
            dots = [c for c in item.childItems() if isinstance(c, QGraphicsEllipseItem)]
            assert all(d.brush().color().name() == KIND_COLOURS[item.node.type] for d in dots)
        # A strip of its own above the picture: it covers no node.
        assert legend.geometry().bottom() < view.viewport().geometry().top()
        assert legend.geometry().right() <= view.viewport().geometry().right()  # not under
        # the scroll bar


def test_kind_colours_are_distinct_and_unlike_the_badges(window: MainWindow) -> None:
    assert list(KIND_COLOURS) == list(ENTITY_TYPES)  # every kind, in order (the legend's)
    assert window.loaded is not None
    badges: set[str] = set()
    for path in (None, KNOWLEDGE):
        pack = window.loaded.main.pack if path is None else read_pack(path)[0]
        for vocabulary in (pack.evidence_levels, pack.recommendation_levels,
                           pack.association_levels, pack.verdicts):
            badges.update(level.colour.lower() for level in vocabulary.values())
    assert len(badges) >= 5
    colours = [c.lower() for c in KIND_COLOURS.values()]
    assert len(set(colours)) == len(colours)
    assert not set(colours) & badges
    # Not merely different hex: far apart to the eye (CIE76 distance).
    for kind, colour in KIND_COLOURS.items():
        for badge in badges:
            assert math.dist(_lab(colour), _lab(badge)) > 20, (kind, badge)
    for (a, ca), (b, cb) in itertools.combinations(KIND_COLOURS.items(), 2):
        assert math.dist(_lab(ca), _lab(cb)) > 20, (a, b)


def _edges_and_labels(view: GraphView) -> tuple[list[QPainterPath], list[QRectF]]:
    stroker = QPainterPathStroker()
    stroker.setWidth(1.0)
    edges = [item.mapToScene(stroker.createStroke(item.path()))
             for item in view.scene().items() if isinstance(item, QGraphicsPathItem)]
    labels = [item.sceneBoundingRect() for item in view.scene().items()
              if isinstance(item, QGraphicsSimpleTextItem)]
    return edges, labels


def test_depth_two_no_line_crosses_a_name(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(KNOWLEDGE)
    for entity in DEPTH_TWO_CENTRES:
        view = _show(qtbot, window, entity, 2)
        assert any(item.node.distance == 2 for item in view.items_by_id.values())
        edges, labels = _edges_and_labels(view)
        assert len(edges) > 20 and len(labels) > 20
        crossings = [(entity, edge.boundingRect(), rect) for edge in edges for rect in labels
                     if edge.boundingRect().intersects(rect) and edge.intersects(rect)]
        assert not crossings


def test_depth_two_opens_fitted_to_the_width(qtbot: QtBot,
                                             make_window: WindowFactory) -> None:
    window = make_window(KNOWLEDGE)
    for size in ((1280, 800), (1400, 900)):  # the default window; a 1400-px-wide screen
        window.resize(*size)
        for entity in DEPTH_TWO_CENTRES:
            view = _show(qtbot, window, entity, 2)
            width = view.sceneRect().width() * view.transform().m11()
            assert width <= view.viewport().width() + 0.5, (size, entity)
            assert view.horizontalScrollBar().maximum() == 0, (size, entity)
            centre = view.mapFromScene(_by_bare(view)[entity].sceneBoundingRect().center())
            assert view.viewport().rect().contains(centre), (size, entity)  # in sight


def test_fitting_keeps_names_readable_and_long_ones_whole_in_the_tooltip(
        qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(KNOWLEDGE)
    window.resize(900, 600)  # a small window: fitting would shrink everything
    view = _show(qtbot, window, "hemifacial-spasm", 2)
    view.fit()
    scale = view.transform().m11()
    for item in view.items_by_id.values():
        on_screen = QFontInfo(item.label.font()).pixelSize() * scale
        assert on_screen >= MIN_LABEL_PX
    assert scale == pytest.approx(view.min_scale())  # the floor, not smaller
    long = [item for item in view.items_by_id.values()
            if item.label.text() != item.node.name]
    assert long  # some names are elided ...
    for item in long:
        assert item.label.text().endswith("…")
        assert item.node.name in item.toolTip()  # ... and whole in the tooltip


def test_theme_change_keeps_the_graph_zoom(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(KNOWLEDGE)
    view = _show(qtbot, window, "hemifacial-spasm", 2)
    window.actions_by_id["zoom-in"].trigger()
    window.actions_by_id["zoom-in"].trigger()
    view.centerOn(_by_bare(view)["botulinum-toxin"])
    scale = view.transform().m11()
    middle = view.mapToScene(view.viewport().rect().center())
    background = view.scene().backgroundBrush().color().name()
    window.set_theme("dark" if not window.dark else "light")
    assert view.scene().backgroundBrush().color().name() != background  # redrawn
    assert view.transform().m11() == pytest.approx(scale)
    after = view.mapToScene(view.viewport().rect().center())
    assert abs(after.x() - middle.x()) < 2 and abs(after.y() - middle.y()) < 2
    assert view.legend.styleSheet()  # the legend follows the theme too


def test_resizing_relays_out_names_and_keeps_the_place(qtbot: QtBot,
                                                       make_window: WindowFactory) -> None:
    window = make_window(KNOWLEDGE)
    window.resize(1280, 800)
    view = _show(qtbot, window, "hemifacial-spasm", 2)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = view.mapToScene(view.viewport().rect().center()).y()
    item = _by_bare(view)["lemon-garlic-compress"]
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: _by_bare(view).get("lemon-garlic-compress") is not item)
    after = view.mapToScene(view.viewport().rect().center()).y()
    assert abs(after - middle) < 20  # the same place, not back at the top
    assert view.horizontalScrollBar().maximum() == 0


def test_depth_two_hangs_each_far_entity_under_one_neighbour() -> None:
    graph = KnowledgeGraph(read_pack(KNOWLEDGE)[0])
    data = neighbourhood_of(graph, "hemifacial-spasm", 2, lambda _: True, dict(ENTITY_TYPES))
    inner = {n for group in data.groups for n in group.nodes}
    hung = [far for groups in data.children.values() for g in groups for far in g.nodes]
    assert hung and len(hung) == len(set(hung))
    assert set(data.children) <= inner
    assert {n for n, node in data.nodes.items() if node.distance == 2} == set(hung)
    assert not set(hung) & inner and data.centre not in hung
    assert any(node.also for node in data.nodes.values())  # other links kept for the tooltip


def test_the_graph_view_is_made_on_first_use_and_shows_with_its_tab(
        window: MainWindow) -> None:
    import sys

    assert window._graph_view is None  # not made before it was needed
    window.open_entity("hemifacial-spasm")
    view = window.graph_view  # asked for while the page tab is shown
    assert "hfs_desktop.gui.graph_view" in sys.modules
    assert not view.isVisible()
    window.actions_by_id["toggle-graph"].trigger()
    assert window.right_tabs.currentIndex() == GRAPH_TAB
    assert view.isVisible() and window.graph_view is view
    assert view.width() > 300  # laid out in its tab
    assert "starter/hemifacial-spasm" in view.node_ids()
