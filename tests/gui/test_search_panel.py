"""Search as you type: results, keys, stale answers dropped, the unproven filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from hfs_desktop.badges import Badge, Segment, badge_for
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.search_panel import ResultDelegate, ResultsModel, readable_snippet
from hfs_desktop.pack import bundled_pack_dir
from hfs_desktop.search import SearchHit

from .conftest import WindowFactory
from .helpers import search

pytestmark = pytest.mark.gui


def test_typing_lists_results(qtbot: QtBot, window: MainWindow) -> None:
    ids = search(qtbot, window, "botox")
    assert ids[0] == "botulinum-toxin"
    assert window.search_panel.list.isVisible()
    assert "result" in window.search_panel.status.text()


def test_results_show_type_name_alias_and_badge(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "botox")
    model = window.search_panel.model
    text = model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert text.startswith("Treatment: Botulinum toxin injections")
    assert window.loaded is not None
    pack = window.loaded.main.pack
    core = badge_for(pack, pack.entities["botulinum-toxin"])
    assert core is not None
    assert core.label in text  # the core's badge in words, not colour alone
    assert "matches “botox”" in text
    assert model.badge_for(model.hits[0]) == core


def test_claim_results_carry_their_verdict(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "surgery")
    model = window.search_panel.model
    claims = [h for h in model.hits if h.type == "claim"]
    assert claims, [h.id for h in model.hits]
    badge = model.badge_for(claims[0])
    assert window.loaded is not None
    verdicts = window.loaded.main.pack.verdicts
    assert badge is not None and badge.label == verdicts[claims[0].verdict].label
    assert badge.colour == verdicts[claims[0].verdict].colour


def test_enter_opens_the_first_result(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "botox")
    qtbot.keyClick(window.search_panel.field, Qt.Key.Key_Return)
    assert window.current_entity() == "starter/botulinum-toxin"
    assert "Botulinum toxin injections" in window.entity_view.toPlainText()


def test_arrow_keys_choose_the_result_enter_opens(qtbot: QtBot, window: MainWindow) -> None:
    ids = search(qtbot, window, "hemifacial")
    assert len(ids) >= 2
    field = window.search_panel.field
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.current_entity() == "starter/" + ids[1]
    window.search_panel.list.setFocus()
    window.search_panel.list.setCurrentIndex(window.search_panel.model.index(0, 0))
    qtbot.keyClick(window.search_panel.list, Qt.Key.Key_Return)
    assert window.current_entity() == "starter/" + ids[0]


def test_stale_answers_are_dropped(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.search_panel
    search(qtbot, window, "botox")
    before = list(panel.model.hits)
    # An answer for an older query arriving late must not replace the list.
    panel._show_results(panel.generation - 1, "carbamazepine", [], None)
    assert panel.model.hits == before
    # The worker skips a query that a newer one has overtaken.
    worker = panel._worker
    assert worker is not None
    with qtbot.assertNotEmitted(worker.results, wait=100):
        worker.search(worker.latest - 1, "facial", False, "")


def test_typing_fast_debounces_and_shows_the_last_text(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    panel = window.search_panel
    start = panel.generation
    qtbot.keyClicks(panel.field, "microvascular")
    qtbot.waitUntil(lambda: panel.shown_text == "microvascular", timeout=10_000)
    assert panel.generation - start <= 3  # not one query per keystroke
    assert panel.model.hits[0].id == "starter/microvascular-decompression"


def test_did_you_mean(qtbot: QtBot, window: MainWindow) -> None:
    assert search(qtbot, window, "carbamazapine") in ([], ["carbamazepine"])
    if not window.search_panel.model.hits:
        assert "Did you mean" in window.search_panel.status.text()


def test_filter_hides_unproven(qtbot: QtBot, window: MainWindow) -> None:
    assert "garlic-lemon-compress" in search(qtbot, window, "compress")
    window.actions_by_id["hide-unproven"].trigger()
    assert window.search_panel.hide_unproven.isChecked()
    qtbot.waitUntil(lambda: "garlic-lemon-compress" not in
                    [h.entity_id for h in window.search_panel.model.hits], timeout=10_000)
    assert window.settings.hide_unproven
    # Entities with no evidence level (conditions) stay.
    assert "hemifacial-spasm" in search(qtbot, window, "hemifacial")


def test_search_typed_before_loading_runs_when_ready(qtbot: QtBot,
                                                    make_window: WindowFactory) -> None:
    window = make_window(wait=False)
    window.search_panel.field.setText("botox")
    qtbot.waitUntil(lambda: window.search_panel.shown_text == "botox", timeout=30_000)
    assert window.search_panel.model.hits[0].id == "starter/botulinum-toxin"


def test_result_lines_show_no_citation_markup(qtbot: QtBot,
                                              make_window: WindowFactory) -> None:
    window = make_window(bundled_pack_dir())
    for query in ("spasm", "injection", "vessel"):
        search(qtbot, window, query)
        model = window.search_panel.model
        assert model.hits
        for hit in model.hits:
            assert "[@" not in model.detail(hit) and "@" not in model.detail(hit), hit.id


def test_readable_snippet() -> None:
    assert readable_snippet("cut [@a-1; @b-2]. Next") == "cut. Next"
    assert readable_snippet("ends in a cut group [@a-1; @b") == "ends in a cut group"
    assert readable_snippet("b-2]. Next") == ". Next"
    assert readable_snippet("jones-2001; @b-2] next") == "next"


LONG_NAME = "Facial paresis and hearing problems after microvascular decompression"
WIDE_BADGES = (
    Badge((Segment("For selected patients", "#2b7a8c", "recommendation"),
           Segment("evidence low", "#3b5ba5", "evidence"))),
    Badge((Segment("permanent in 2.3%; non-functional in 2-3% in another review",
                   "#5a5a60", "figure"),)),
)


def _row(model: ResultsModel, badge: Badge) -> None:
    hit = SearchHit("x", "complication", LONG_NAME, 1.0, "", "", "", "a snippet", "")
    model.badge_for = lambda _hit: badge
    model.set_hits([hit])


@pytest.mark.parametrize("badge", WIDE_BADGES, ids=["two-part", "long-figure"])
def test_a_result_row_draws_inside_itself_with_the_whole_name(qtbot: QtBot,
                                                              badge: Badge) -> None:
    view = QListView()
    qtbot.addWidget(view)
    model = ResultsModel(view)
    delegate = ResultDelegate(model, view)
    view.setModel(model)
    view.setItemDelegate(delegate)
    view.resize(340, 400)
    view.show()
    _row(model, badge)
    index = model.index(0, 0)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.widget = view
    width = view.viewport().width()
    height = delegate.sizeHint(option, index).height()
    font = QFont(option.font)
    # The whole name is laid out (on two lines at this width), not cut.
    bold, _small = delegate.fonts(font)
    name, lines = delegate.title_layout(bold, LONG_NAME, width - 2 * delegate.PAD)
    assert name == LONG_NAME and lines == 2
    assert height >= 4 * QFontMetrics(font).height()  # name (2 lines), badge, detail
    # Painted at an offset on a larger transparent canvas: nothing lands outside the row.
    image = QImage(width + 200, height + 200, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    option.rect = QRect(100, 100, width, height)
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    row = option.rect
    outside = [(x, y) for x in range(image.width()) for y in range(image.height())
               if not row.contains(x, y) and QColor.fromRgba(image.pixel(x, y)).alpha()]
    assert not outside
    inside_badge_line = [QColor.fromRgba(image.pixel(x, row.top() + height // 2 + 4))
                         for x in range(row.left(), row.right())]
    assert any(c.name() == QColor(badge.segments[0].colour).name() for c in inside_badge_line)


@pytest.mark.parametrize("query", ["botox", "spasm", "zzzz-nothing"])
def test_the_results_width_is_the_viewports(qtbot: QtBot, window: MainWindow,
                                            query: str) -> None:
    """Worked out without asking for the viewport (see viewport_width), and the same."""
    from hfs_desktop.gui.search_panel import viewport_width

    if query != "zzzz-nothing":
        search(qtbot, window, query)
    results = window.search_panel.list
    if query == "spasm":
        assert results.verticalScrollBar().isVisible()  # with and without the scroll bar
    for width in (240, 380, 520):
        window.splitter.setSizes([width, 1200 - width])
        QApplication.processEvents()
        assert viewport_width(results) == results.viewport().width()
    assert viewport_width(window.entity_view) == window.entity_view.viewport().width()
