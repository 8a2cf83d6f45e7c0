"""Light and dark colours: follow the system unless the user chose one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

if TYPE_CHECKING:
    from ..render import Theme


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

    @property
    def background(self) -> str:
        return self.base


LIGHT_UI = UiColours("#f3f3f5", "#ffffff", "#f7f7f9", "#1d1d1f", "#5a5a60", "#0b57d0",
                     "#ffffff", "#0b57d0", "#e9e9ee", "#d0d0d7")
DARK_UI = UiColours("#2a2b2f", "#1e1f22", "#25262a", "#e8e8ea", "#a8a8b0", "#3d6fd6",
                    "#ffffff", "#8ab4f8", "#35363b", "#44464d")


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
    """The core renderer's colours for entity pages (imported when first needed)."""
    from ..render import DARK, LIGHT

    return DARK if dark else LIGHT
