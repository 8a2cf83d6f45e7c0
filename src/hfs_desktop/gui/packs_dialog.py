"""The Packs dialog: which knowledge packs the app opens (add, replace, remove, the bundled
one or not), each with its version and changelog; and the changelog window on its own.

The dialog edits a `PackSetEditor` (the core decides what is allowed and words the notices);
on OK it emits the new `PackSet`, which the main window saves and opens.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..packset import (
    Notice,
    PackEntry,
    PackInfo,
    PackSet,
    PackSetEditor,
    PackSetRefused,
    read_changelog,
)
from .dialogs import closable_dialog

COLUMNS = ("Pack", "Version", "Kind", "Last reviewed", "Folder")
KIND_TIPS = {
    "reviewed": "Reviewed: written and checked for HFS Desktop; treatments carry evidence "
                "levels and statements carry verdicts.",
    "imported": "Imported: an ontology converted as its authors published it; its terms carry "
                "no evidence level and were not reviewed for this app.",
}
WARNING_COLOURS = {False: "#b3261e", True: "#ff8a80"}  # on a light, on a dark window


def warning_colour(widget: QWidget) -> str:
    """A red that reads on the widget's background, light or dark."""
    return WARNING_COLOURS[widget.palette().color(QPalette.ColorRole.Window).lightness() < 128]

ChooseFolder = Callable[[QWidget, str, str], str]


def choose_folder_with_qt(parent: QWidget, caption: str, start: str) -> str:
    """The platform's folder chooser ("" when cancelled)."""
    return QFileDialog.getExistingDirectory(parent, caption, start)


class PacksDialog(QDialog):
    """Lists the chosen packs; on OK emits `pack_set_chosen` with the new set."""

    pack_set_chosen = Signal(object)  # PackSet

    def __init__(self, parent: QWidget | None, chosen: PackSet, bundled: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Knowledge packs")
        self.setObjectName("packs-dialog")
        self.setAccessibleName("Knowledge packs")
        self.editor = PackSetEditor.start(chosen, bundled)
        self.choose_folder: ChooseFolder = choose_folder_with_qt
        self.changelog: QDialog | None = None
        self.last_notice: Notice | None = None
        self._build()
        self._refresh()
        self.resize(900, 480)

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            "HFS Desktop opens these knowledge packs. A <b>reviewed</b> pack was written and "
            "checked for this app; an <b>imported</b> pack is an ontology converted as its "
            "authors published it, without evidence levels.", self)
        intro.setWordWrap(True)

        self.table = QTreeWidget(self)
        self.table.setObjectName("packs-list")
        self.table.setAccessibleName("Open packs")
        self.table.setHeaderLabels(list(COLUMNS))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.header()
        header.setStretchLastSection(True)
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.table.itemDoubleClicked.connect(lambda *_: self.show_changelog())
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_pack)

        self.add_button = self._button("&Add pack…", "add", self.add_pack,
                                       "Open another pack folder beside these")
        self.replace_button = self._button(
            "&Replace…", "replace", self.replace_pack,
            "Swap the selected pack for another copy of it, e.g. a newer one from a USB stick")
        self.remove_button = self._button("Re&move", "remove", self.remove_pack,
                                          "Stop opening the selected pack")
        self.changelog_button = self._button("Show &changelog…", "changelog",
                                             self.show_changelog,
                                             "What changed in each version of the selected pack")
        side = QVBoxLayout()
        for button in (self.add_button, self.replace_button, self.remove_button,
                       self.changelog_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)

        self.details = QLabel(self)
        self.details.setObjectName("pack-details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.bundled_box = QCheckBox(self)
        self.bundled_box.setObjectName("include-bundled")
        self.bundled_box.setChecked(self.editor.include_bundled)
        self.bundled_box.toggled.connect(self._bundled_toggled)
        bundled = self.editor.bundled_entry
        name = bundled.info.title if bundled is not None and bundled.info else "the HFS pack"
        self.bundled_box.setText(f"&Include the pack bundled with the app ({name})")
        self.bundled_box.setVisible(bundled is not None)

        self.notice = QLabel(self)
        self.notice.setObjectName("packs-notice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setAccessibleName("Message")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.bundled_box)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)

    def _button(self, text: str, name: str, slot: Callable[[], object], tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"packs-{name}")
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- showing ---------------------------------------------------------------------------

    def _refresh(self, select: PackEntry | None = None) -> None:
        self.table.clear()
        entries = self.editor.entries
        for entry in entries:
            self.table.addTopLevelItem(self._row(entry))
        if entries:
            row = entries.index(select) if select in entries else 0
            item = self.table.topLevelItem(row)
            if item is not None:
                self.table.setCurrentItem(item)
        self.bundled_box.blockSignals(True)
        self.bundled_box.setChecked(self.editor.include_bundled)
        self.bundled_box.blockSignals(False)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(entries))
        ok.setToolTip("" if entries else "Choose at least one pack")
        self._selection_changed()

    def _row(self, entry: PackEntry) -> QTreeWidgetItem:
        folder = "bundled with the app" if entry.bundled else str(entry.folder)
        info = entry.info
        if info is None:
            item = QTreeWidgetItem(["Cannot be read", "", "", "", folder])
            item.setToolTip(0, entry.problem)
            item.setForeground(0, QColor(warning_colour(self.table)))
        else:
            item = QTreeWidgetItem([info.name, info.version, info.kind_label,
                                    info.last_reviewed or "not stated", folder])
            item.setToolTip(0, f"{info.name} (id “{info.id}”)")
            item.setToolTip(2, KIND_TIPS.get(info.kind, ""))
        item.setToolTip(4, str(entry.folder))
        return item

    def selected(self) -> PackEntry | None:
        item = self.table.currentItem()
        if item is None:
            return None
        row = self.table.indexOfTopLevelItem(item)
        entries = self.editor.entries
        return entries[row] if 0 <= row < len(entries) else None

    def _selection_changed(self) -> None:
        entry = self.selected()
        self.replace_button.setEnabled(entry is not None)
        self.remove_button.setEnabled(entry is not None)
        self.changelog_button.setEnabled(entry is not None and entry.info is not None)
        self.details.setText(self._details(entry))

    def _details(self, entry: PackEntry | None) -> str:
        if entry is None:
            return ("" if self.editor.entries else
                    "No pack is chosen: add a pack folder, or include the bundled pack.")
        info = entry.info
        if info is None:
            return (f"<span style='color:{warning_colour(self)}'>This pack cannot be read now: "
                    f"{escape(entry.problem)}</span>")
        return (f"<b>{escape(info.name)}</b> — version {escape(info.version)}, "
                f"{escape(info.kind)}, pack id “{escape(info.id)}”. "
                f"{escape(info.description)}")

    def say(self, notice: Notice | None) -> None:
        """Show the outcome of the last edit under the list (warnings in red)."""
        self.last_notice = notice
        if notice is None:
            self.notice.clear()
            return
        text = escape(notice.text)
        self.notice.setText(f"<b style='color:{warning_colour(self)}'>{text}</b>" if notice.warning
                            else text)

    def notice_text(self) -> str:
        """The message under the list, as plain text."""
        return self.last_notice.text if self.last_notice is not None else ""

    # -- editing ---------------------------------------------------------------------------

    def _ask_folder(self, caption: str) -> Path | None:
        entry = self.selected()
        start = str(entry.folder.parent) if entry is not None and not entry.bundled else ""
        chosen = self.choose_folder(self, caption, start or str(Path.home()))
        return Path(chosen) if chosen else None

    def _edit(self, change: Callable[[], Notice | None]) -> None:
        try:
            notice = change()
        except PackSetRefused as refused:
            notice = Notice(str(refused), warning=True)
        self.say(notice)

    def add_pack(self) -> None:
        folder = self._ask_folder("Add a knowledge pack: choose its folder")
        if folder is not None:
            self._edit(lambda: self._then_refresh(self.editor.add(folder), last=True))

    def replace_pack(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        folder = self._ask_folder("Replace the pack: choose the folder of the other copy")
        if folder is not None:
            self._edit(lambda: self._then_refresh(self.editor.replace(entry, folder),
                                                  folder=folder))

    def remove_pack(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._edit(lambda: self._then_refresh(self.editor.remove(entry)))

    def _then_refresh(self, notice: Notice, *, last: bool = False,
                      folder: Path | None = None) -> Notice:
        entries = self.editor.entries
        select = entries[-1] if last and entries else next(
            (e for e in entries if folder is not None and e.folder == folder), None)
        self._refresh(select)
        return notice

    def _bundled_toggled(self, include: bool) -> None:
        try:
            self.say(self.editor.set_include_bundled(include))
        except PackSetRefused as refused:
            self.say(Notice(str(refused), warning=True))
        self._refresh()

    def show_changelog(self) -> None:
        entry = self.selected()
        if entry is not None and entry.info is not None:
            self.changelog = changelog_dialog(self, entry.info)
            self.changelog.open()

    # -- the answer ------------------------------------------------------------------------

    def chosen(self) -> PackSet:
        return self.editor.result()

    def accept(self) -> None:
        if not self.editor.entries:
            self.say(Notice("Choose at least one pack.", warning=True))
            return
        self.pack_set_chosen.emit(self.chosen())
        super().accept()


def changelog_html(info: PackInfo) -> str:
    """The heading of a pack's changelog window: name, version, review date, kind, folder."""
    reviewed = info.last_reviewed or "not stated"
    return (f"<h2 style='margin-bottom:2px'>{escape(info.name)}</h2>"
            f"<p style='font-size:large'>Version <b>{escape(info.version)}</b> · last reviewed "
            f"<b>{escape(reviewed)}</b> · {escape(info.kind)}</p>"
            f"<p>Pack id “{escape(info.id)}”, in "
            f"{escape(str(info.folder))}</p>")


def changelog_dialog(parent: QWidget, info: PackInfo) -> QDialog:
    """The pack's CHANGELOG.md, rendered, below its version and review date."""
    content = QWidget()
    heading = QLabel(changelog_html(info), content)
    heading.setObjectName("changelog-heading")
    heading.setWordWrap(True)
    heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    browser = QTextBrowser(content)
    browser.setObjectName("changelog-browser")
    browser.setAccessibleName(f"Changelog of {info.name}")
    browser.setOpenLinks(False)
    text = read_changelog(info)
    if text:
        browser.document().setMarkdown(
            text, QTextDocument.MarkdownFeature.MarkdownDialectGitHub
            | QTextDocument.MarkdownFeature.MarkdownNoHTML)
    else:
        browser.setPlainText("This pack has no changelog (no CHANGELOG.md in its folder).")
    browser.document().setDocumentMargin(10)
    browser.moveCursor(QTextCursor.MoveOperation.Start)  # the newest version is on top
    layout = QVBoxLayout(content)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(heading)
    layout.addWidget(browser, 1)
    dialog = closable_dialog(parent, f"{info.name} {info.version}: changes", content, 760, 620)
    dialog.setObjectName("changelog-dialog")
    return dialog
