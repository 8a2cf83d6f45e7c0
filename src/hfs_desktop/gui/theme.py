"""Light and dark colours: follow the system unless the user chose one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from ..pagestyle import DARK, LIGHT, Theme


@dataclass(frozen=True, slots=True)
class UiColours:
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    highlight: str
    highlight_text: str
    link: str
    button: str
    rule: str


# Text, link and rule colours are the pages' own, so widgets and pages match.
LIGHT_UI = UiColours("#f3f3f5", LIGHT.background, "#f7f7f9", LIGHT.text, LIGHT.muted, "#0b57d0",
                     "#ffffff", LIGHT.link, "#e9e9ee", LIGHT.rule)
DARK_UI = UiColours("#2a2b2f", DARK.background, "#25262a", DARK.text, DARK.muted, "#3d6fd6",
                    "#ffffff", DARK.link, "#35363b", DARK.rule)


def system_is_dark() -> bool:
    """The desktop's colour scheme (Qt 6.5+), light when unknown."""
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def resolve_dark(choice: str) -> bool:
    """The theme setting ("system", "light" or "dark") as dark or not."""
    if choice == "dark":
        return True
    if choice == "light":
        return False
    return system_is_dark()


def ui_colours(dark: bool) -> UiColours:
    return DARK_UI if dark else LIGHT_UI


def palette(dark: bool) -> QPalette:
    c = ui_colours(dark)
    pal = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, value in (
        (role.Window, c.window), (role.WindowText, c.text), (role.Base, c.base),
        (role.AlternateBase, c.alt_base), (role.Text, c.text), (role.Button, c.button),
        (role.ButtonText, c.text), (role.Highlight, c.highlight),
        (role.HighlightedText, c.highlight_text), (role.Link, c.link),
        (role.ToolTipBase, c.base), (role.ToolTipText, c.text),
        (role.PlaceholderText, c.muted), (role.Mid, c.rule), (role.BrightText, "#ffffff"),
    ):
        pal.setColor(r, QColor(value))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, QColor(c.muted))
    return pal


def apply(app: QApplication, dark: bool) -> None:
    """Fusion with our palette: the same look on every platform, in both schemes."""
    if app.style().name().lower() != "fusion":
        style = QStyleFactory.create("Fusion")
        if style is not None:
            app.setStyle(style)
    app.setPalette(palette(dark))


def page_theme(dark: bool) -> Theme:
    """The colours of every HTML page (entity pages, start page, legend)."""
    return DARK if dark else LIGHT
