"""The page as a handout: print it, save it as PDF, copy its sources.

Print (to a file) and Save as PDF propose the same folder: the last one used, else the
user's documents folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from ..references import plain_text
from . import pages, theme

if TYPE_CHECKING:
    from .main_window import MainWindow


class Handouts:
    """Print, Save as PDF and Copy sources for the page the window shows."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def html(self) -> str:
        """The current page in print colours (light), badges and sources included."""
        window = self.window
        current = window.current_entity()
        if window.loaded is None:
            return pages.start_page(None, theme.page_theme(False))
        if current is None:
            return pages.start_page(window.main_pack, theme.page_theme(False),
                                    library=window.loaded)
        return window.page(current, dark=False).html

    def sources_text(self) -> str:
        """The current page's numbered source list as plain text ("" without a page)."""
        window = self.window
        current = window.current_entity()
        if window.loaded is None or current is None:
            return ""
        return plain_text(window.page(current).references)

    def copy_sources(self) -> None:
        text = self.sources_text()
        status = self.window.statusBar()
        if not text:
            status.showMessage("This page cites no source.", 4000)
            return
        QGuiApplication.clipboard().setText(text)
        count = text.count("\n")
        status.showMessage(
            f"Copied {count} source{'s' if count != 1 else ''} to the clipboard.", 4000)

    def proposed_file(self) -> Path:
        """Where Print (to a file) and Save as PDF propose to write the page."""
        from . import printing  # on first use (here and below), not before the first paint

        folder = printing.start_folder(self.window.settings.last_folder)
        current = self.window.current_entity()
        # A file name without the pack's '/' and an id's ':' (HP:0010828 -> HP-0010828).
        name = current.split("/", 1)[-1].replace(":", "-") if current else "hfs-desktop"
        return folder / f"{name}.pdf"

    def print_page(self) -> None:
        from . import printing

        window = self.window
        printed = printing.print_page(self.html(), window, self.proposed_file(),
                                      window.page_title(),
                                      window.entity_view.document().defaultFont())
        if isinstance(printed, Path):
            window.settings.last_folder = str(printed.parent)

    def export_pdf(self) -> None:
        from . import printing

        path = printing.ask_pdf_path(self.window, self.proposed_file())
        if path is not None:
            self.export_pdf_to(path)

    def export_pdf_to(self, path: Path) -> bool:
        from . import printing

        window = self.window
        try:
            printing.export_pdf(self.html(), path, window.page_title(),
                                window.entity_view.document().defaultFont())
        except OSError as exc:
            QMessageBox.warning(window, "Save as PDF", f"Could not save the PDF: {exc}")
            return False
        window.settings.last_folder = str(path.parent)
        window.statusBar().showMessage(f"Saved {path}", 5000)
        return True
