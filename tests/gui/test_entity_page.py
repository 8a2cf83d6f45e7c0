"""The entity page: badges in words, banners, no fetching, print and PDF, dark mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QPalette, QTextDocument
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_page_shows_badge_relations_both_ways_and_sources(window: MainWindow) -> None:
    window.open_entity("botulinum-toxin")
    text = window.entity_view.toPlainText()
    assert "Evidence: Low" in text  # in words
    assert "Treats" in text
    window.open_entity("hemifacial-spasm")
    text = window.entity_view.toPlainText()
    assert "Treated by" in text  # the inverse relation, read from this end
    assert "Sources" in text


def test_folk_remedy_banner(window: MainWindow) -> None:
    window.open_entity("garlic-lemon-compress")
    text = window.entity_view.toPlainText()
    assert "Folk remedy, unproven" in text
    assert "Evidence: Unproven" in text
    window.open_entity("botulinum-toxin")
    assert "Folk remedy" not in window.entity_view.toPlainText()


def test_identifiers_are_text_and_nothing_is_fetched(qtbot: QtBot, window: MainWindow) -> None:
    window.open_entity("wang-jankovic-1998")
    view = window.entity_view
    assert "9843077" in view.toPlainText()
    assert "https://" not in view.toHtml().replace("hfs://", "")
    assert view.loadResource(QTextDocument.ResourceType.ImageResource.value,
                             QUrl("https://example.org/x.png")) is None
    assert "https://example.org/x.png" in view.blocked
    # An external link in a page is refused and never followed.
    view.anchorClicked.emit(QUrl("https://pubmed.ncbi.nlm.nih.gov/9843077/"))
    assert window.current_entity() == "starter/wang-jankovic-1998"
    assert "never goes online" in window.statusBar().currentMessage()
    assert not view.openLinks() and not view.openExternalLinks()


def test_export_pdf_writes_a_real_pdf(tmp_path: Path, window: MainWindow) -> None:
    window.open_entity("garlic-lemon-compress")
    target = tmp_path / "out" / "handout.pdf"
    assert window.export_pdf_to(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    assert len(data) > 3000
    assert b"/Type /Page" in data or b"/Type/Page" in data
    html = window.printable_html()  # print colours: light, banner and sources included
    assert "Folk remedy, unproven" in html and "Sources" in html
    assert "#ffffff" in html


def test_dark_mode(qtbot: QtBot, window: MainWindow) -> None:
    from hfs_desktop.render import DARK

    window.open_entity("botulinum-toxin")
    window.set_theme("dark")
    assert window.dark and window.settings.theme == "dark"
    qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness() < 100)
    assert DARK.background in window.page("botulinum-toxin").html
    assert "Evidence: Low" in window.entity_view.toPlainText()
    window.set_theme("light")
    qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness() > 200)


def test_theme_follows_the_system_unless_overridden(monkeypatch: pytest.MonkeyPatch,
                                                    window: MainWindow) -> None:
    from hfs_desktop.gui import theme

    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    window.set_theme("system")
    assert window.dark
    window.set_theme("light")
    assert not window.dark
    window.actions_by_id["theme"].trigger()  # light -> dark
    assert window.settings.theme == "dark" and window.dark


def test_zoom_keys_change_the_text_size(qtbot: QtBot, window: MainWindow) -> None:
    window.open_entity("hemifacial-spasm")
    size = window.entity_view.document().defaultFont().pointSizeF()
    window.actions_by_id["zoom-in"].trigger()
    window.actions_by_id["zoom-in"].trigger()
    assert window.entity_view.document().defaultFont().pointSizeF() > size
    window.actions_by_id["zoom-reset"].trigger()
    assert window.entity_view.document().defaultFont().pointSizeF() == pytest.approx(size)
    window.actions_by_id["zoom-out"].trigger()
    assert window.settings.zoom == -1


def test_start_page_says_what_the_app_is_and_how_to_read_badges(window: MainWindow) -> None:
    from hfs_desktop.gui import pages

    assert window.current_entity() is None
    text = " ".join(window.entity_view.toPlainText().split())
    assert window.loaded is not None
    meta = window.loaded.main.pack.meta
    assert "lets you search a knowledge pack and read its entries" in text
    assert f"Knowledge pack: {meta.name}." in text
    assert " ".join(meta.description.split()) in text  # the subject's words: the pack's
    assert "Reading the badges" in text and "read the words" in text
    for section_title in ("Recommendation", "Certainty of evidence", "Verdicts"):
        assert section_title in text
    assert "grew from" not in pages.APP_SUMMARY + pages.BADGES_HOW_TO
