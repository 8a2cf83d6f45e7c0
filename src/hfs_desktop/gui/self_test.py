"""Tools › Self-test: one question at a time, options answered by click or the keys 1-4, then
the explanation with its sources and the page to read. The score and the missed questions are
kept in the user-data folder (`quizstore.QuizRecord`, beside history and bookmarks).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..render import entity_link
from . import theme
from .entity_view import EntityView
from .screenfit import resize_within_screen
from .tool_window import ToolWindow

if TYPE_CHECKING:
    from ..library import Library
    from ..quiz import Question

TITLE = "Self-test"
RECORD_FILE = "quiz.json"
RIGHT_COLOURS = {False: "#1b6e3a", True: "#7fd49a"}
WRONG_COLOURS = {False: "#b3261e", True: "#ff8a80"}


def record_path(data_dir: Path) -> Path:
    """Where the score is kept: beside history and bookmarks."""
    return data_dir / RECORD_FILE


class SelfTestWindow(ToolWindow):
    answered = Signal(bool)

    def __init__(self, library: Library, data_dir: Path, parent: QWidget | None = None, *,
                 dark: bool = False) -> None:
        from ..quizstore import QuizRecord

        super().__init__(parent, TITLE, "self-test", dark)
        self.library = library
        self.record = QuizRecord(record_path(data_dir))
        self.questions = library.quiz_questions()
        self.by_id = {q.id: q for q in self.questions}
        self.queue: list[Question] = []
        self.reviewing = False
        self.current: Question | None = None
        self.chosen: int | None = None

        self.score_label = QLabel(self)
        self.score_label.setObjectName("score")
        self.round_size = 0
        self._body = ""  # what the feedback pane shows, redrawn on a theme change
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progress")
        self.question_label = QLabel(self)
        self.question_label.setObjectName("question")
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.question_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.question_label.setFont(font)
        self.option_buttons: list[QPushButton] = []
        options = QVBoxLayout()
        for index in range(4):
            button = QPushButton(self)
            button.setObjectName(f"option-{index + 1}")
            button.setStyleSheet(self.option_style())
            button.clicked.connect(lambda _c=False, i=index: self.answer(i))
            options.addWidget(button)
            self.option_buttons.append(button)
        self.feedback = EntityView(self)
        self.feedback.setObjectName("feedback")
        self.feedback.setAccessibleName("Answer and explanation")
        self.feedback.entity_requested.connect(self.entity_requested)

        self.next_button = QPushButton(self)
        self.next_button.setObjectName("next")
        _label(self.next_button, "Next question (N)", "N")
        self.next_button.setToolTip("The next question (N)")
        self.next_button.clicked.connect(self._next)
        self.review_button = QPushButton("&Review missed", self)
        self.review_button.setObjectName("review")
        self.review_button.clicked.connect(self.review_missed)
        self.clear_button = QPushButton("&Clear score…", self)
        self.clear_button.setObjectName("clear-score")
        self.clear_button.clicked.connect(self.ask_clear)
        row = QHBoxLayout()
        row.addWidget(self.clear_button)
        row.addWidget(self.review_button)
        row.addStretch(1)
        row.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.progress_label)
        top.addStretch(1)
        top.addWidget(self.score_label)
        layout.addLayout(top)
        layout.addWidget(self.question_label)
        layout.addLayout(options)
        layout.addWidget(self.feedback, 1)
        layout.addLayout(row)
        resize_within_screen(self, 820, 600)
        self.start(review=False)

    # -- the questions ---------------------------------------------------------------------

    def start(self, review: bool) -> None:
        """Ask every question (unanswered and missed first), or only the missed ones."""
        missed_ids = self.record.missed()
        missed = [self.by_id[qid] for qid in missed_ids if qid in self.by_id]
        if review:
            self.queue = missed
        else:
            fresh = [q for q in self.questions if not self.record.seen(q.id)]
            known = [q for q in self.questions
                     if self.record.seen(q.id) and q.id not in missed_ids]
            self.queue = [*fresh, *missed, *known]
        self.reviewing = review
        self.round_size = len(self.queue)
        self.next_question()

    def _next(self) -> None:
        """Next: the next question, or a new round after the last."""
        if self.current is None:
            self.start(review=False)
        else:
            self.next_question()

    def next_question(self) -> None:
        self.chosen = None
        self.update_score()
        if not self.queue:
            self.current = None
            done = ("No missed question left to review." if self.reviewing
                    else "No question left.")
            self.question_label.setText(done)
            for button in self.option_buttons:
                button.hide()
            self._show("<p>Press Next for a new round, or Review missed.</p>")
            _label(self.next_button, "Next round (N)", "N")
            self.next_button.setEnabled(True)
            self.reviewing = False
            return
        _label(self.next_button, "Next question (N)", "N")
        self.current = self.queue.pop(0)
        number = self.round_size - len(self.queue)
        where = "Missed question" if self.reviewing else "Question"
        self.progress_label.setText(f"{where} {number} of {self.round_size}")
        self.question_label.setText(self.current.text)
        for index, button in enumerate(self.option_buttons):
            if index < len(self.current.options):
                _label(button, f"{index + 1}   {self.current.options[index].label}")
                button.setStyleSheet(self.option_style())
                button.show()
            else:
                button.hide()
        self.next_button.setEnabled(False)
        self._show("<p class='muted'>Choose an answer: click it or press its number "
                   "(1-4).</p>")

    def answer(self, index: int) -> bool | None:
        """Answer the current question with option ``index``; whether it was right."""
        question = self.current
        if question is None or self.chosen is not None or index >= len(question.options):
            return None
        self.chosen = index
        right = index == question.answer
        problem = self.record.record(question.id, right)
        for number, button in enumerate(self.option_buttons):
            colours = (RIGHT_COLOURS if number == question.answer else
                       WRONG_COLOURS if number == index else None)
            if colours is not None:  # the right one and a wrong choice framed, still legible
                button.setStyleSheet(self.option_style(colours[self.dark]))
            mark = " ✓" if number == question.answer else (" ✗" if number == index else "")
            if number < len(question.options):
                _label(button, f"{number + 1}   {question.options[number].label}{mark}")
        self._show(self.feedback_html(question, right))
        self.next_button.setEnabled(True)
        self.next_button.setFocus()
        self.update_score(problem)
        self.answered.emit(right)
        return right

    def feedback_html(self, question: Question, right: bool) -> str:
        colours = RIGHT_COLOURS if right else WRONG_COLOURS
        verdict = "Right." if right else f"Not quite: the answer is {question.right.label}."
        pages = ", ".join(f"<a href='{escape(entity_link(ref))}'>"
                          f"{escape(self.library.name(ref) or ref)}</a>"
                          for ref in question.pages)
        sources = "; ".join(f"<a href='{escape(entity_link(ref))}'>"
                            f"{escape(self.library.name(ref) or ref)}</a>"
                            for ref in question.sources)
        return (f"<p style='font-size:large; color:{colours[self.dark]}'><b>"
                f"{escape(verdict)}</b></p>"
                f"<p>{self.library.cited_html(question.right.id, question.explanation)}</p>"
                f"<p><b>Read:</b> {pages}</p>"
                + (f"<p class='muted'>Sources: {sources}</p>" if sources else ""))

    def _show(self, body: str) -> None:
        self._body = body
        self.feedback.show_page(None, self._page(body))

    def _page(self, body: str) -> str:
        from ..pagestyle import stylesheet

        return (f"<html><head><style>{stylesheet(theme.page_theme(self.dark))}</style></head>"
                f"<body>{body}</body></html>")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """1-4 answer (wherever the focus is in the window: no field here takes digits)."""
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_4 and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            self.answer(key - Qt.Key.Key_1)
            return
        super().keyPressEvent(event)

    # -- score ---------------------------------------------------------------------------

    def update_score(self, problem: str = "") -> None:
        score = self.record.score()
        missed = len(self.record.missed())
        text = (f"Score: {score.right} of {score.answered} answered right"
                f" · missed: {missed}") if score.answered else "No answers yet"
        if problem:
            text += f" (not saved: {problem})"
        self.score_label.setText(text)
        self.review_button.setEnabled(missed > 0)

    def ask_clear(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Clear score",
                          "Forget every answer, the score and the missed questions?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.clear_score()

    def clear_score(self) -> None:
        problem = self.record.clear()
        self.update_score(problem)

    def review_missed(self) -> None:
        self.start(review=True)

    def option_style(self, frame: str = "") -> str:
        """An option button in the window's colours; ``frame``: the colour that marks the
        right answer or a wrong choice (bold, a thick border)."""
        c = theme.ui_colours(self.dark)
        border = f"2px solid {frame}; font-weight: bold" if frame else f"1px solid {c.rule}"
        return (f"QPushButton {{ text-align: left; padding: 8px; color: {c.text};"
                f" background-color: {c.button}; border: {border}; border-radius: 3px; }}"
                f"QPushButton:focus {{ border-color: {frame or c.highlight}; }}"
                f"QPushButton:hover {{ background-color: {c.alt_base}; }}")

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        question, chosen = self.current, self.chosen
        for number, button in enumerate(self.option_buttons):
            frame = ""
            if question is not None and chosen is not None:
                colours = (RIGHT_COLOURS if number == question.answer else
                           WRONG_COLOURS if number == chosen else None)
                frame = colours[dark] if colours else ""
            button.setStyleSheet(self.option_style(frame))
        if question is not None and chosen is not None:
            self._show(self.feedback_html(question, chosen == question.answer))
        else:
            self._show(self._body)


def _label(button: QPushButton, text: str, key: str = "") -> None:
    """Set a button's words and its key (setText alone would reset the key to a mnemonic)."""
    button.setText(text.replace("&", "&&"))
    button.setShortcut(QKeySequence(key))
