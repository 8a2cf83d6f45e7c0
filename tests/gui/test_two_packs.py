"""Two packs in one window: search across both with a filter, pages and results that name
their pack, links between them (ids with a colon), bookmarks that keep them, old bare ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.app import main
from hfs_desktop.gui.main_window import GRAPH_TAB, PAGE_TAB, MainWindow
from hfs_desktop.gui.settings import Config
from hfs_desktop.navigation import Bookmarks
from hfs_desktop.paths import bundled_pack_dir
from hfs_desktop.render import entity_link

from ..twopacks import HFS_TERM, PARENT, write_hpo_like
from .conftest import WindowFactory
from .helpers import search

pytestmark = pytest.mark.gui

TERM = f"hpo/{HFS_TERM}"


@pytest.fixture
def hpo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return write_hpo_like(tmp_path / "HPO", children=40)


@pytest.fixture
def two(make_window: WindowFactory, hpo: Path) -> MainWindow:
    return make_window([bundled_pack_dir(), hpo], bundled=bundled_pack_dir())


def test_search_spans_both_packs_with_a_filter(qtbot: QtBot, two: MainWindow) -> None:
    panel = two.search_panel
    assert panel.pack_filter.isVisible()
    assert [panel.pack_filter.itemText(i) for i in range(panel.pack_filter.count())] == [
        "All packs", "Hemifacial spasm (reviewed pack)",
        "Human Phenotype Ontology (test) (imported)"]
    search(qtbot, two, "hemifacial spasm")
    hits = panel.model.hits
    assert {hit.pack for hit in hits} == {"hfs", "hpo"}
    term = next(hit for hit in hits if hit.id == TERM)
    assert panel.model.detail(term).startswith("Human Phenotype Ontology (test) (imported) · ")
    assert panel.model.badge_for(term) is None  # imported: no evidence level, no badge
    panel.pack_filter.setCurrentIndex(2)
    qtbot.waitUntil(lambda: bool(panel.model.hits)
                    and {h.pack for h in panel.model.hits} == {"hpo"}, timeout=10_000)
    two.actions_by_id["hide-unproven"].trigger()  # never hides an imported term
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation, timeout=10_000)
    assert TERM in [h.id for h in panel.model.hits]


def test_one_pack_shows_no_filter(window: MainWindow) -> None:
    assert not window.search_panel.pack_filter.isVisible()
    assert not window.search_panel.model.show_pack


def test_links_lead_to_the_same_concept_and_back(two: MainWindow) -> None:
    assert two.open_entity("hemifacial-spasm")  # a bare id: the bundled pack's
    assert two.current_entity() == "hfs/hemifacial-spasm"
    assert "The same concept in Human Phenotype Ontology (test)" in \
        two.entity_view.toPlainText()
    link = entity_link(TERM)
    assert link in two.entity_view.toHtml()
    two.entity_view.anchorClicked.emit(QUrl(link))
    assert two.current_entity() == TERM
    text = two.entity_view.toPlainText()
    assert "From Human Phenotype Ontology (test) (imported)" in text
    assert "The same concept in Hemifacial spasm (reviewed pack)" in text
    two.entity_view.anchorClicked.emit(QUrl(entity_link("hfs/hemifacial-spasm")))
    assert two.current_entity() == "hfs/hemifacial-spasm"
    two.back()
    assert two.current_entity() == TERM
    assert "Hemifacial spasm" in two.breadcrumb.text()


def test_a_bookmark_with_a_colon_survives_a_restart(make_window: WindowFactory, hpo: Path,
                                                    config: Config) -> None:
    packs = [bundled_pack_dir(), hpo]
    first = make_window(packs, bundled=bundled_pack_dir())
    assert first.open_entity(TERM)
    first.actions_by_id["bookmark-add"].trigger()
    first.close()
    assert Bookmarks(config.data_dir).ids() == [TERM]
    second = make_window(packs, bundled=bundled_pack_dir())
    assert second.bookmark_list.ids() == [TERM]
    assert second.restore_last_page() and second.current_entity() == TERM


def test_the_summary_node_opens_the_page_listing_them_all(qtbot: QtBot,
                                                          two: MainWindow) -> None:
    assert two.open_entity(f"hpo/{PARENT}")
    two.right_tabs.setCurrentIndex(GRAPH_TAB)
    view = two.graph_view
    summary = next(item for item in view.items_by_id.values() if item.node.more)
    assert summary.node.name.startswith("+ ") and "more: has subclass" in summary.node.name
    assert len(view.items_by_id) < 40  # 41 children, not all drawn
    summary.on_click(summary.node.id)
    assert two.right_tabs.currentIndex() == PAGE_TAB
    assert two.current_entity() == f"hpo/{PARENT}"
    assert "Facial twitch number 39" in two.entity_view.toPlainText()  # the page has all


def test_old_bare_bookmarks_open_and_are_migrated(make_window: WindowFactory, config: Config,
                                                  starter_pack: Path) -> None:
    config.data_dir.mkdir(parents=True, exist_ok=True)
    (config.data_dir / "bookmarks.json").write_text(
        json.dumps([{"id": "botulinum-toxin", "name": "Botox"}]), encoding="utf-8")
    (config.data_dir / "history.json").write_text('["carbamazepine"]', encoding="utf-8")
    window = make_window()
    assert window.bookmark_list.ids() == ["starter/botulinum-toxin"]
    assert window.history_list.ids() == ["starter/carbamazepine"]
    saved = json.loads((config.data_dir / "bookmarks.json").read_text(encoding="utf-8"))
    assert saved == [{"id": "starter/botulinum-toxin", "name": "Botox"}]
    window.bookmark_list.page_chosen.emit(window.bookmark_list.ids()[0])
    assert window.current_entity() == "starter/botulinum-toxin"


def test_hfs_desktop_opens_two_packs(hpo: Path, tmp_path: Path, config: Config,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    shot = tmp_path / "two.png"
    assert main(["--pack", str(hpo), "--open", HFS_TERM, "--screenshot", str(shot)],
                config=config) == 0
    assert shot.stat().st_size > 1000
    capsys.readouterr()
    assert main(["--pack", str(hpo), "--pack", str(hpo.parent / "nowhere")],
                config=config) == 1
    assert "no knowledge pack folder at" in capsys.readouterr().err
