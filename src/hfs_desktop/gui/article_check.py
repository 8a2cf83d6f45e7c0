"""Tools › Check an article…: paste a text or open a file, check it against the pack's claims,
read every statement with its badge, the claim (a link to its page), the rationale and the
sources under a summary; print it or save it as PDF or HTML.

The check runs in a `Task` (a 5,000-word article takes some 150 ms); the report is the
core's printable HTML (`Library.check_article(...).html`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .entity_view import EntityView
from .screenfit import resize_within_screen
from .task import Task
from .tool_window import ToolWindow

if TYPE_CHECKING:
    from ..learning import ArticleCheck
    from ..library import Library

TITLE = "Check an article"
PROMPT = ("Paste a patient article or a web page's text here, or open a file (plain text or "
          "HTML), then press Check (Ctrl+Enter). Each sentence is matched to the closest "
          "statement the pack has judged.")


class ArticleCheckWindow(ToolWindow):
    """The article checker; page links ask the main window to open them."""

    checked = Signal()  # a report is shown

    def __init__(self, library: Library, parent: QWidget | None = None, *,
                 dark: bool = False) -> None:
        super().__init__(parent, TITLE, "article-check", dark)
        self.library = library
        self.outcome: ArticleCheck | None = None
        self.source_name = ""  # the file opened, for the report's title
        self.last_folder = ""
        self._task: Task | None = None

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("article-text")
        self.text.setAccessibleName("Article text")
        self.text.setPlaceholderText(PROMPT)
        self.open_button = QPushButton("&Open file…", self)
        self.open_button.clicked.connect(self.choose_file)
        self.check_button = QPushButton("&Check", self)
        self.check_button.setObjectName("check-button")
        self.check_button.setDefault(True)
        self.check_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.check_button.setToolTip("Check the text against the pack's claims (Ctrl+Enter)")
        self.check_button.clicked.connect(self.run_check)
        self.status = QLabel("", self)
        self.status.setObjectName("check-status")
        self.status.setWordWrap(True)

        self.report = EntityView(self)
        self.report.setObjectName("check-report")
        self.report.setAccessibleName("Check report")
        self.report.entity_requested.connect(self.entity_requested)
        self.print_button = QPushButton("&Print…", self)
        self.print_button.clicked.connect(self.print_report)
        self.pdf_button = QPushButton("Save as P&DF…", self)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.html_button = QPushButton("Save as &HTML…", self)
        self.html_button.clicked.connect(self.save_html)
        for button in (self.print_button, self.pdf_button, self.html_button):
            button.setEnabled(False)
        self._layout()
        resize_within_screen(self, 1100, 760)
        self.show_report(None)

    def _layout(self) -> None:
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.status, 1)
        row.addWidget(self.check_button)
        top_layout.addLayout(row)

        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.report, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.print_button, self.pdf_button, self.html_button):
            row.addWidget(button)
        bottom_layout.addLayout(row)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setSizes([220, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    # -- checking --------------------------------------------------------------------------

    def set_text(self, text: str, name: str = "") -> None:
        self.text.setPlainText(text)
        self.source_name = name

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open an article", self.last_folder,
            "Articles (*.txt *.text *.md *.html *.htm);;All files (*)")
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> bool:
        """Put a file's text in the box (an HTML page's markup removed) and check it."""
        from ..learning import ArticleUnreadable, read_article

        try:
            text = read_article(path)
        except ArticleUnreadable as exc:
            self.status.setText(str(exc))
            QMessageBox.warning(self, TITLE, str(exc))
            return False
        self.last_folder = str(path.parent)
        self.set_text(text, path.name)
        self.run_check()
        return True

    @property
    def busy(self) -> bool:
        return self._task is not None and self._task.isRunning()

    def run_check(self) -> None:
        text = self.text.toPlainText()
        if not text.strip():
            self.status.setText("Nothing to check: paste a text or open a file first.")
            return
        if self.busy:
            return
        self.check_button.setEnabled(False)
        self.status.setText("Checking…")
        library = self.library
        task = Task(lambda: library.check_article(text), self, "hfs-check")
        task.succeeded.connect(self._checked)
        task.failed.connect(self._failed)
        task.finished.connect(self._task_finished)
        self._task = task
        task.start()

    def _task_finished(self) -> None:
        """The thread has ended (after its result arrived): only now may it be deleted."""
        task, self._task = self._task, None
        if task is not None:
            task.deleteLater()

    def _checked(self, result: ArticleCheck) -> None:
        self.check_button.setEnabled(True)
        self.outcome = result
        s = result.summary
        self.status.setText(f"{_count(s.statements, 'statement')} checked; "
                            f"{s.unmatched} {'matches' if s.unmatched == 1 else 'match'} "
                            "no claim.")
        for button in (self.print_button, self.pdf_button, self.html_button):
            button.setEnabled(True)
        self.show_report(result)
        self.checked.emit()

    def _failed(self, message: str) -> None:
        self.check_button.setEnabled(True)
        self.status.setText(f"The text could not be checked: {message}")

    # -- showing ---------------------------------------------------------------------------

    def title(self) -> str:
        return f"Article check: {self.source_name}" if self.source_name else "Article check"

    def report_html(self, dark: bool | None = None) -> str:
        """The report in the window's colours (or the print colours, ``dark=False``)."""
        page_theme = theme.page_theme(self.dark if dark is None else dark)
        if self.outcome is None:
            return (f"<html><body style='color:{page_theme.muted}'>"
                    "<p>The report appears here: a summary, then every statement with its "
                    "badge, the claim it matches (a link to its page), the pack's rationale "
                    "and its sources.</p></body></html>")
        return self.outcome.html(self.title(), page_theme)

    def show_report(self, _result: ArticleCheck | None = None) -> None:
        scroll = self.report.verticalScrollBar().value()
        self.report.show_page(None, self.report_html(), scroll if _result is None else 0)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.show_report(None)

    # -- print and save ----------------------------------------------------------------------

    def proposed_file(self, suffix: str) -> Path:
        from . import printing

        stem = Path(self.source_name).stem if self.source_name else "article"
        return printing.start_folder(self.last_folder) / f"{stem}-check{suffix}"

    def print_report(self) -> None:
        from . import printing

        if self.outcome is not None:
            printing.print_page(self.report_html(dark=False), self, self.proposed_file(".pdf"),
                                self.title(), self.report.document().defaultFont())

    def save_pdf(self) -> None:
        from . import printing

        path = printing.ask_pdf_path(self, self.proposed_file(".pdf"))
        if path is not None:
            self.save_pdf_to(path)

    def save_pdf_to(self, path: Path) -> bool:
        from . import printing

        return self._saved(path, lambda: printing.export_pdf(
            self.report_html(dark=False), path, self.title(),
            self.report.document().defaultFont()))

    def save_html(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the report as HTML",
                                              str(self.proposed_file(".html")),
                                              "HTML (*.html *.htm)")
        if path:
            self.save_html_to(Path(path))

    def save_html_to(self, path: Path) -> bool:
        outcome = self.outcome
        if outcome is None:
            return False
        return self._saved(path, lambda: path.write_text(
            outcome.html(self.title(), links=False), encoding="utf-8"))

    def _saved(self, path: Path, write: Callable[[], object]) -> bool:
        """Write the report with ``write``; a failure is shown, and False returned."""
        try:
            write()
        except OSError as exc:
            QMessageBox.warning(self, TITLE, f"Could not save {path}: {exc.strerror or exc}")
            return False
        self.last_folder = str(path.parent)
        self.status.setText(f"Saved {path}")
        return True

    def shutdown(self) -> None:
        """Wait for a check still running (a QThread must end before it is destroyed)."""
        for task in self.findChildren(Task):
            task.stop()


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
