"""Keys, the shortcuts help, about and legend, accessible names, start-up imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTableWidget, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from hfs_desktop.gui.actions import ACTIONS, shortcut_rows
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.settings import Config, Settings

pytestmark = pytest.mark.gui


def test_every_action_has_unique_keys_and_is_in_the_help(window: MainWindow) -> None:
    seen: dict[str, str] = {}
    menu_only = {"clear-history"}  # no key: forgetting everything is never one keypress away
    for spec in ACTIONS:
        assert bool(spec.keys) != (spec.id in menu_only), spec.id
        for key in spec.keys:
            text = QKeySequence(key).toString()
            assert text, (spec.id, key)
            assert text not in seen, f"{key} used by {seen.get(text)} and {spec.id}"
            seen[text] = spec.id
        action = window.actions_by_id[spec.id]
        assert action in window.actions()
    dialog = window.shortcuts_dialog()
    table = dialog.findChild(QTableWidget, "shortcuts-table")
    assert table is not None and table.rowCount() == len(shortcut_rows())
    names = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert {spec.text.replace("&", "") for spec in ACTIONS} <= names
    keys = " ".join(table.item(r, 1).text() for r in range(table.rowCount()))
    assert "Ctrl+K" in keys and "Alt+Left" in keys and "Ctrl+P" in keys
    dialog.deleteLater()


def test_search_keys_return_to_the_field(qtbot: QtBot, window: MainWindow) -> None:
    window.open_entity("hemifacial-spasm")
    field = window.search_panel.field
    for key, modifier in ((Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_Slash, Qt.KeyboardModifier.NoModifier)):
        window.focus_page()
        qtbot.waitUntil(window.entity_view.hasFocus)
        qtbot.keyClick(window.entity_view, key, modifier)
        qtbot.waitUntil(field.hasFocus, timeout=2000)
    # "/" typed in the field is text, not the shortcut.
    field.clear()
    qtbot.keyClicks(field, "a/b")
    assert field.text() == "a/b"


def test_search_field_has_focus_at_start(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.focus_search()
    qtbot.waitUntil(window.search_panel.field.hasFocus)


def test_about_names_the_pack_and_the_disclaimer(window: MainWindow) -> None:
    text = window.about_html()
    pack = window.loaded.main.pack if window.loaded else None
    assert pack is not None
    assert pack.meta.name in text and pack.meta.version in text
    assert pack.meta.last_reviewed in text
    assert "education" in text and "does not replace" in text


def test_legend_comes_from_the_pack_vocabularies(window: MainWindow) -> None:
    assert window.loaded is not None
    pack = window.loaded.main.pack
    legend = window.legend.text()
    dialog = window.legend_dialog()
    browser = dialog.findChild(QTextBrowser, "legend-browser")
    assert browser is not None
    full = browser.toPlainText()
    vocabularies = (pack.recommendation_levels, pack.evidence_levels,
                    pack.association_levels, pack.verdicts)
    for vocabulary in vocabularies:
        for level in vocabulary.values():
            assert level.label.replace(" ", "&nbsp;") in legend
            assert level.colour in legend
            assert level.label in full and level.meaning in full
    assert "Recommendation" in full
    assert dialog.windowTitle() == "What the badges mean"
    dialog.deleteLater()


def test_widgets_have_accessible_names(window: MainWindow) -> None:
    for widget in (window.search_panel.field, window.search_panel.list,
                   window.search_panel.hide_unproven, window.entity_view, window.graph_view,
                   window.history_list, window.bookmark_list, window.breadcrumb,
                   window.legend, window.left_tabs, window.right_tabs, window.toolbar):
        assert isinstance(widget, QWidget)
        assert widget.accessibleName(), widget.objectName()


def test_first_screen_does_not_import_the_heavy_core(tmp_path: Path) -> None:
    """The window paints before networkx, whoosh and YAML are imported."""
    code = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.settings import Config, Settings
from hfs_desktop.gui.settings import Config, Settings
config = Config.under(Path(sys.argv[1]))
window = MainWindow(config, Settings(config), Path("."))
window.show()
app.processEvents()
heavy = [m for m in ("networkx", "whoosh", "yaml", "hfs_desktop.graph", "hfs_desktop.search")
         if m in sys.modules]
print("heavy:", heavy)
assert window._painted, "no first paint"
"""
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "heavy: []" in result.stdout


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_back_and_forward_arrows_stand_out_in_both_themes(window: MainWindow,
                                                          choice: str) -> None:
    from PySide6.QtGui import QColor, QIcon
    from PySide6.QtWidgets import QApplication

    window.set_theme(choice)
    background = QApplication.palette(window.toolbar).color(window.toolbar.backgroundRole())
    for action_id in ("back", "forward"):
        icon = window.actions_by_id[action_id].icon()
        image = icon.pixmap(24, QIcon.Mode.Normal).toImage()
        ink = [QColor(image.pixel(x, y)) for x in range(image.width())
               for y in range(image.height()) if QColor.fromRgba(image.pixel(x, y)).alpha() > 200]
        assert ink, action_id
        contrast = abs(ink[0].lightnessF() - background.lightnessF())
        assert contrast > 0.5, (choice, action_id, ink[0].name(), background.name())


def test_a_first_window_fits_the_screen(qtbot: QtBot, config: Config,
                                        starter_pack: Path) -> None:
    """With no saved size, the window opens no larger than the screen's free area, with room
    for a title bar: at 1200x800 on a 768-pixel laptop the status line was off the screen.
    (The offscreen screen is 800x800.)"""
    window = MainWindow(config, Settings(config), starter_pack)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    assert free.height() < 800 + 40  # else this test proves nothing
    assert window.width() <= free.width() and window.height() + 40 <= free.height()
    window.shutdown()
