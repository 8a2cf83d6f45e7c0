"""The window's small dialogs: keyboard shortcuts, the badge legend, confirmations."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..pack import Pack
from . import pages
from .actions import shortcut_rows


def closable_dialog(parent: QWidget, title: str, content: QWidget, width: int,
                    height: int) -> QDialog:
    """A dialog showing one widget above a Close button."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    content.setParent(dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(content)
    layout.addWidget(buttons)
    dialog.resize(width, height)
    return dialog


def shortcuts_dialog(parent: QWidget) -> QDialog:
    """Every action with its keys, from the one table in `actions`."""
    rows = shortcut_rows()
    table = QTableWidget(len(rows), 3)
    table.setObjectName("shortcuts-table")
    table.setAccessibleName("Shortcuts")
    table.setHorizontalHeaderLabels(["Action", "Keys", "What it does"])
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return closable_dialog(parent, "Keyboard shortcuts", table, 760, 560)


def legend_dialog(parent: QWidget, pack: Pack | None) -> QDialog:
    """Every badge of the pack (recommendations, evidence, associations, verdicts, figures),
    in words and colour, with what each means."""
    browser = QTextBrowser()
    browser.setObjectName("legend-browser")
    browser.setAccessibleName("Badge legend")
    browser.setOpenLinks(False)
    if pack is not None:
        browser.setHtml(pages.legend_html(pack))
    return closable_dialog(parent, "What the badges mean", browser, 720, 560)


def confirm_clear(parent: QWidget) -> QMessageBox:
    """Ask before forgetting history, recent pages and bookmarks (No is the default)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Clear history and bookmarks",
                      "Forget the pages visited, the recent pages and all bookmarks on this "
                      "computer?", QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No, parent)
    box.setObjectName("confirm-clear")
    box.setInformativeText("Use this on a shared computer. It cannot be undone.")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box
