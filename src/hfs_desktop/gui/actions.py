"""Every command of the window and its keys, in one table (the one place to change a key).

The window supplies a handler per action id; menus, toolbar and the shortcuts help are all
built from `ACTIONS`, so what the help lists is exactly what the keys do.

The keys work wherever the focus is, so none of them may be a key a text field uses for
editing (`TEXT_EDITING_KEYS`): in the search field Ctrl+U deletes to the start of the line
on Linux, Ctrl+E moves to its end, Ctrl+Y redoes on Windows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QToolBar, QWidget


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    text: str
    keys: tuple[str, ...]
    menu: str
    tip: str = ""
    checkable: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("focus-search", "&Search", ("Ctrl+K", "Ctrl+F", "/"), "Go",
               "Go to the search field"),
    ActionSpec("focus-page", "Read the &page", ("Ctrl+J",), "Go",
               "Move the keyboard focus to the page"),
    ActionSpec("back", "&Back", ("Alt+Left", "Back"), "Go", "Previous page"),
    ActionSpec("forward", "&Forward", ("Alt+Right", "Forward"), "Go", "Next page"),
    ActionSpec("show-results", "&Results", ("Ctrl+1",), "Go", "Show the search results"),
    ActionSpec("show-history", "&History", ("Ctrl+H", "Ctrl+2"), "Go",
               "Show the pages visited"),
    ActionSpec("show-bookmarks", "Boo&kmarks", ("Ctrl+B", "Ctrl+3"), "Go",
               "Show the bookmarks"),
    ActionSpec("toggle-graph", "&Graph view", ("Ctrl+G",), "View",
               "Switch between the page and the graph of its neighbours", checkable=True),
    ActionSpec("graph-depth", "Graph &depth 2", ("Ctrl+Shift+G",), "View",
               "Show neighbours of neighbours in the graph", checkable=True),
    ActionSpec("hide-unproven", "&Hide unproven", ("Ctrl+Shift+H",), "View",
               "Hide unproven treatments and folk remedies from results and graph",
               checkable=True),
    ActionSpec("zoom-in", "Zoom &in", ("Ctrl++", "Ctrl+="), "View", "Larger text"),
    ActionSpec("zoom-out", "Zoom &out", ("Ctrl+-",), "View", "Smaller text"),
    ActionSpec("zoom-reset", "&Actual size", ("Ctrl+0",), "View", "Text at its normal size"),
    ActionSpec("theme", "&Theme: system, light, dark", ("Ctrl+Shift+T",), "View",
               "Follow the system's colours, or choose light or dark"),
    ActionSpec("bookmark-add", "&Bookmark this page", ("Ctrl+D",), "Bookmarks",
               "Add the current page to the bookmarks"),
    ActionSpec("bookmark-remove", "&Remove bookmark", ("Ctrl+Shift+D",), "Bookmarks",
               "Remove the current page (or the selected bookmark)"),
    ActionSpec("copy-sources", "&Copy sources", ("Ctrl+Shift+C",), "File",
               "Copy the page's numbered source list as plain text, for a handout"),
    ActionSpec("print", "&Print…", ("Ctrl+P",), "File", "Print the current page"),
    ActionSpec("export-pdf", "Save as P&DF…", ("Ctrl+Shift+P",), "File",
               "Save the current page as a PDF file"),
    ActionSpec("packs", "&Knowledge packs…", ("Ctrl+O",), "File",
               "Choose the knowledge packs to open: add, replace or remove a pack"),
    ActionSpec("clear-history", "C&lear history and bookmarks…", (), "File",
               "Forget the pages visited, recent pages and bookmarks (a shared computer)"),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "File", "Close HFS Desktop"),
    ActionSpec("check-article", "&Check an article…", ("Ctrl+Shift+A",), "Tools",
               "Check a patient article, sentence by sentence, against the pack's claims"),
    ActionSpec("differential", "&Differential helper…", ("Ctrl+Shift+F",), "Tools",
               "Tick the findings observed and see hemifacial spasm and its mimics ranked "
               "(a learning aid, not a diagnosis)"),
    ActionSpec("self-test", "&Self-test…", ("Ctrl+Shift+S",), "Tools",
               "Questions from the pack, one at a time, with the answer's page and sources"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", ("F1", "Ctrl+?"), "Help",
               "List every action and its keys"),
    ActionSpec("legend", "&Badge legend", ("F2",), "Help",
               "What the recommendation, evidence, association and verdict badges mean"),
    ActionSpec("pack-about", "About the knowledge &pack", ("Shift+F2",), "Help",
               "The open pack's version, last review and changelog"),
    ActionSpec("about", "&About HFS Desktop", ("Shift+F1",), "Help",
               "Version, knowledge pack and disclaimer"),
)

# Keys a Qt line edit keeps for itself (it accepts their shortcut-override event) on Linux
# (X11) or Windows, plus the input methods' Ctrl+Shift+U (type a character by its code): as
# an application shortcut they would edit the field, or not work while it has the focus.
TEXT_EDITING_KEYS = frozenset({
    "Ctrl+A", "Ctrl+C", "Ctrl+E", "Ctrl+U", "Ctrl+V", "Ctrl+X", "Ctrl+Y", "Ctrl+Z",
    "Ctrl+Shift+Z", "Ctrl+Left", "Ctrl+Right", "Ctrl+Shift+Left", "Ctrl+Shift+Right",
    "Ctrl+Backspace", "Ctrl+Del", "Ctrl+Ins", "Shift+Ins", "Shift+Del", "Ctrl+Home",
    "Ctrl+End", "Home", "End", "Ctrl+Shift+U",
})

# The toolbar, left to right (None: a separator), and its buttons' short words.
TOOLBAR: tuple[str | None, ...] = (
    "back", "forward", None, "bookmark-add", "toggle-graph", "graph-depth", None, "zoom-out",
    "zoom-in", None, "print", "export-pdf", None, "theme", "shortcuts")
TOOLBAR_TEXT = {"bookmark-add": "Bookmark", "toggle-graph": "Graph", "graph-depth": "Depth 2",
                "zoom-out": "A−", "zoom-in": "A+", "print": "Print", "export-pdf": "PDF",
                "theme": "Theme", "shortcuts": "Keys"}

MENUS = ("&File", "&Go", "&View", "&Bookmarks", "&Tools", "&Help")

Handler = Callable[[], None]


def spec(action_id: str) -> ActionSpec:
    for item in ACTIONS:
        if item.id == action_id:
            return item
    raise KeyError(action_id)


def create_actions(window: QWidget, handlers: Mapping[str, Handler]) -> dict[str, QAction]:
    """One QAction per spec, owned by the window so its keys work anywhere in it."""
    missing = [a.id for a in ACTIONS if a.id not in handlers]
    if missing:
        raise ValueError(f"no handler for actions: {', '.join(missing)}")
    actions: dict[str, QAction] = {}
    for item in ACTIONS:
        action = QAction(item.text, window)
        action.setObjectName(item.id)
        action.setShortcuts([QKeySequence(k) for k in item.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = ", ".join(k for k in item.keys)
        action.setToolTip(f"{item.tip} ({keys})" if keys else item.tip)
        action.setStatusTip(item.tip)
        action.setCheckable(item.checkable)
        handler = handlers[item.id]
        action.triggered.connect(lambda _checked=False, h=handler: h())
        window.addAction(action)
        actions[item.id] = action
    return actions


def build_menus(menubar: QMenuBar, actions: Mapping[str, QAction]) -> None:
    for title in MENUS:
        menu = menubar.addMenu(title)
        plain = title.replace("&", "")
        for item in ACTIONS:
            if item.menu == plain:
                menu.addAction(actions[item.id])


def build_toolbar(parent: QWidget, actions: Mapping[str, QAction]) -> QToolBar:
    bar = QToolBar("Navigation", parent)
    bar.setObjectName("toolbar")
    bar.setAccessibleName("Toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action_id in TOOLBAR:
        if action_id is None:
            bar.addSeparator()
        else:
            bar.addAction(actions[action_id])
    for action_id, text in TOOLBAR_TEXT.items():
        actions[action_id].setIconText(text)
    return bar


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(action, keys, what it does) for the shortcuts help, menu by menu."""
    rows = []
    for title in MENUS:
        plain = title.replace("&", "")
        for item in ACTIONS:
            if item.menu == plain:
                keys = ", ".join(QKeySequence(k).toString(
                    QKeySequence.SequenceFormat.NativeText) for k in item.keys)
                rows.append((item.text.replace("&", ""),
                             keys or f"{plain} menu", item.tip))
    rows += [
        ("Open a result", "Up, Down, Enter", "In the search field or the results list"),
        ("Back, forward", "Mouse back and forward buttons", "Anywhere in the window"),
        ("Graph: zoom, pan", "Ctrl+wheel, drag", "Click a node to open its page"),
    ]
    return rows
