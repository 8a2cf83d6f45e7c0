"""The graph view: neighbours by type and relation, depth, click to navigate, zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.graph_view import KIND_COLOURS
from hfs_desktop.gui.main_window import GRAPH_TAB, MainWindow

pytestmark = pytest.mark.gui


def _texts(window: MainWindow) -> set[str]:
    return {item.text() for item in window.graph_view.scene().items()
            if isinstance(item, QGraphicsSimpleTextItem)}


def test_graph_shows_neighbours_labelled_by_relation(window: MainWindow) -> None:
    window.open_entity("hemifacial-spasm")
    window.actions_by_id["toggle-graph"].trigger()
    assert window.right_tabs.currentIndex() == GRAPH_TAB
    ids = set(window.graph_view.node_ids())
    assert {"hemifacial-spasm", "botulinum-toxin", "garlic-lemon-compress"} <= ids
    texts = _texts(window)
    assert "Treated by" in texts  # relation read from the centre
    assert "Botulinum toxin injections" in texts
    item = window.graph_view.items_by_id["botulinum-toxin"]
    assert item.toolTip().startswith("Treatment: ")
    assert set(KIND_COLOURS) >= {"condition", "treatment", "claim", "source"}


def test_graph_depth_two_shows_more(window: MainWindow) -> None:
    window.open_entity("botulinum-toxin")
    window.toggle_graph()
    one = set(window.graph_view.node_ids())
    window.actions_by_id["graph-depth"].trigger()
    two = set(window.graph_view.node_ids())
    assert one < two
    assert window.settings.graph_depth == 2


def test_clicking_a_node_navigates(qtbot: QtBot, window: MainWindow) -> None:
    window.open_entity("hemifacial-spasm")
    window.toggle_graph()
    view = window.graph_view
    item = view.items_by_id["carbamazepine"]
    view.centerOn(item)
    point = view.mapFromScene(item.mapToScene(item.boundingRect().center()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_entity() == "carbamazepine"
    assert "carbamazepine" in view.node_ids()  # the graph follows the page


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
    assert "garlic-lemon-compress" in window.graph_view.node_ids()
    window.actions_by_id["hide-unproven"].trigger()
    assert "garlic-lemon-compress" not in window.graph_view.node_ids()
    assert "botulinum-toxin" in window.graph_view.node_ids()
