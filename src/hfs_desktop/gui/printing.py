"""Print the current page or save it as PDF: a handout with its badges and sources.

Both propose the same folder: the last one used, else the user's documents folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QSizeF, QStandardPaths
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

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


def start_folder(last_used: str = "") -> Path:
    """Where a PDF or a printed file is proposed: the last folder used, else Documents."""
    if last_used and Path(last_used).is_dir():
        return Path(last_used)
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def ask_pdf_path(parent: QWidget | None, proposed: Path) -> Path | None:
    """The file chosen in the save dialog (None when cancelled)."""
    path, _ = QFileDialog.getSaveFileName(parent, "Save page as PDF", str(proposed),
                                          "PDF (*.pdf)")
    return Path(path) if path else None


def print_dialog(printer: QPrinter, parent: QWidget | None, proposed: Path) -> QPrintDialog:
    """The print dialog; printing to a file proposes ``proposed`` (as Save as PDF does)."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print page")
    field = dialog.findChild(QLineEdit, "filename")  # Qt's own dialog ("Print to file")
    if field is not None:
        field.setText(str(proposed))
    return dialog


def print_page(html: str, parent: QWidget | None, proposed: Path, title: str = "",
               font: QFont | None = None) -> Path | bool | None:
    """Ask which printer, then print. False when cancelled; the file when printed to one."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or "HFS Desktop")
    dialog = print_dialog(printer, parent, proposed)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _print(document(html, font), printer)
    return Path(printer.outputFileName()) if printer.outputFileName() else None
