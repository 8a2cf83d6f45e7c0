"""The dialog shown when a knowledge pack cannot be loaded: the cause first, readable,
scrollable and copyable; open the bundled pack instead, or quit."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

OPEN_BUNDLED, QUIT = 1, 2
"""The dialog's results (``QDialog.finished``): what the user chose; 0 is "just close"."""


class PackErrorDialog(QDialog):
    """The loader's message (root causes first, knock-on errors folded: see
    ``Diagnostics.presented``) in a read-only text box, with Copy, and the two ways on."""

    def __init__(self, parent: QWidget | None, pack_dir: Path, message: str, *,
                 can_open_bundled: bool) -> None:
        super().__init__(parent)
        self.setObjectName("pack-error-dialog")
        self.setWindowTitle("The knowledge pack could not be loaded")
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            f"HFS Desktop could not load the knowledge pack in <b>{escape(str(pack_dir))}</b>. "
            "The first line below names the cause, as <i>file:line:column</i>; correct it "
            "and start again." + (" Meanwhile you can use the pack that came with the app."
                                  if can_open_bundled else ""), self)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(message, self)
        self.text.setObjectName("pack-error-text")
        self.text.setAccessibleName("What is wrong with the pack")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumHeight(120)

        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("Copy these lines to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.open_button: QPushButton | None = None
        if can_open_bundled:
            self.open_button = buttons.addButton("Open the bundled pack",
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
            self.open_button.clicked.connect(lambda: self.done(OPEN_BUNDLED))
            self.open_button.setDefault(True)
        self.quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(lambda: self.done(QUIT))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 340)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
