"""Print the current page or save it as PDF: a handout with its badges and sources."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

PRINT_POINT_SIZE = 10.5


def document(html: str, font: QFont | None = None) -> QTextDocument:
    """The page laid out for paper (always the light colours: ink on white)."""
    doc = QTextDocument()
    base = QFont(font) if font is not None else QFont()
    base.setPointSizeF(PRINT_POINT_SIZE)
    doc.setDefaultFont(base)
    doc.setHtml(html)
    return doc


def _print(doc: QTextDocument, device: QPagedPaintDevice) -> None:
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 16, 18, 16), QPageLayout.Unit.Millimeter))
    doc.setPageSize(QSizeF())  # let print() paginate to the device's page
    doc.print_(device)


def export_pdf(html: str, path: Path, title: str = "", font: QFont | None = None) -> None:
    """Write the page as a PDF file (raises OSError when it cannot be written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("HFS Desktop")
    _print(document(html, font), writer)
    del writer  # flushes and closes the file
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")


def print_page(html: str, parent: QWidget | None, title: str = "",
               font: QFont | None = None) -> bool:
    """Ask which printer, then print; False when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or "HFS Desktop")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print page")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _print(document(html, font), printer)
    return True
