"""The main window: search on the left, the page (or its graph) on the right.

Where the reader is and has been is kept by the core's `Navigation` (the one source of truth
for the current page); the window shows it. Only Qt, small GUI modules and that light core
module are imported here, so the window paints before the core's heavy parts (YAML,
networkx, whoosh) are loaded in a worker thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QMouseEvent,
    QMoveEvent,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..badges import Badge
from ..library import Hit, Library
from ..navigation import Bookmarks, History, Navigation, RecentPages
from ..pack import Pack
from ..packset import PackFolderProblem, PackInfo, PackSet, describe, readable_folders
from ..paths import bundled_pack_dir
from ..render import Page
from . import icons, pages, theme
from .actions import build_menus, build_toolbar, create_actions
from .breadcrumb import Breadcrumb
from .entity_view import EntityView
from .handouts import Handouts
from .packs_dialog import PacksDialog, changelog_dialog
from .screenfit import resize_within_screen
from .settings import Config, Settings
from .sidebar import BOOKMARKS_TAB, HISTORY_TAB, SEARCH_TAB, Sidebar
from .worker import PackLoader, WorkerThread

if TYPE_CHECKING:  # the graph view, the dialogs and the learning tools load on first use
    from .graph_view import GraphView
    from .tool_window import ToolWindow

Callable0 = Callable[[], None]

PAGE_TAB, GRAPH_TAB = 0, 1
RESUME_DELAY_MS = 50
GEOMETRY_SAVE_DELAY_MS = 1000  # the window's size and split, saved once the user stops
APP_TITLE = "HFS Desktop"


class MainWindow(QMainWindow):
    search_ready = Signal()  # the pack is read and search runs (pages may still be loading)
    ready = Signal()  # everything is loaded: pages open, the graph draws
    load_failed = Signal(str)
    page_shown = Signal(str)
    first_paint = Signal()
    reopen_requested = Signal(object)  # a window on these pack folders (list[Path])

    def __init__(self, config: Config, settings: Settings, packs: Path | Sequence[Path], *,
                 bundled: Path | None = None, remember: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.settings = settings
        self.pack_dirs = [packs] if isinstance(packs, Path) else list(packs)
        self.pack_dir = self.pack_dirs[0]
        self.bundled = bundled
        self.remember = remember
        self.library: Library | None = None  # searchable first, then linked (is_ready)
        self._linked = False
        self._type_labels: dict[str, str] = {}
        self._pending: str | None = None  # a page asked for before the graph was ready
        self.load_error = ""
        self.navigation = Navigation(config.data_dir)
        self.dark = theme.resolve_dark(settings.theme)
        self._loader_thread: WorkerThread | None = None
        self._loader: PackLoader | None = None
        self._painted = False
        self._graph_view: GraphView | None = None  # made on first use: see graph_view
        self._graph_stale = True
        self._shut_down = False
        self._tools: dict[str, ToolWindow] = {}  # the learning tools' windows, once opened

        self.setWindowTitle(APP_TITLE)
        self.setObjectName("main-window")
        self.setAccessibleName(APP_TITLE)
        self._build_widgets()
        self.handouts = Handouts(self)
        self.actions_by_id = create_actions(self, self._handlers())
        build_menus(self.menuBar(), self.actions_by_id)
        self.toolbar = build_toolbar(self, self.actions_by_id)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self._restore()
        self._geometry_timer = QTimer(self)
        self._geometry_timer.setSingleShot(True)
        self._geometry_timer.setInterval(GEOMETRY_SAVE_DELAY_MS)
        self._geometry_timer.timeout.connect(self.save_state)
        self.splitter.splitterMoved.connect(self._geometry_changed)
        self._filtered: QObject | None = None  # the native window watched (see showEvent)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._system_scheme_changed)
        self._show_start_page()
        self._update_navigation()

    @property
    def history(self) -> History:
        return self.navigation.history

    @property
    def recent(self) -> RecentPages:
        return self.navigation.recent

    @property
    def bookmarks(self) -> Bookmarks:
        return self.navigation.bookmarks

    @property
    def graph_view(self) -> GraphView:
        """The graph of the current page's neighbourhood, made the first time it is needed
        (its module loads then, not before the first paint)."""
        if self._graph_view is None:
            from . import graph_view

            view = graph_view.GraphView(self.graph_tab)
            view.entity_requested.connect(self.open_entity)
            view.page_requested.connect(self._open_page_of)
            view.dark = self.dark
            layout = self.graph_tab.layout()
            assert layout is not None
            layout.addWidget(view)
            view.setGeometry(self.graph_tab.contentsRect())  # its size now: names fit at once
            if self.graph_tab.isVisible():
                view.show()  # else it shows with its tab (never hidden explicitly)
            self._graph_view = view
        return self._graph_view

    # -- building --------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.sidebar = Sidebar(self)
        self.sidebar.page_chosen.connect(self.open_entity)
        self.search_panel = self.sidebar.search_panel
        self.search_panel.hide_unproven_changed.connect(self._hide_unproven_changed)
        self.history_list = self.sidebar.history_list
        self.bookmark_list = self.sidebar.bookmark_list
        self.bookmark_list.delete_pressed.connect(self._remove_bookmark)
        self.left_tabs = self.sidebar.tabs
        self.legend = self.sidebar.legend

        self.breadcrumb = Breadcrumb(self)
        self.breadcrumb.crumb_clicked.connect(self._crumb_clicked)

        self.entity_view = EntityView(self)
        self.entity_view.entity_requested.connect(self.open_entity)
        self.entity_view.external_link.connect(self._external_link)
        self.entity_view.set_zoom(self.settings.zoom)

        self.graph_tab = QWidget(self)
        QVBoxLayout(self.graph_tab).setContentsMargins(0, 0, 0, 0)

        self.right_tabs = QTabWidget(self)
        self.right_tabs.setObjectName("page-tabs")
        self.right_tabs.setAccessibleName("Page and graph")
        self.right_tabs.addTab(self.entity_view, "Page")
        self.right_tabs.addTab(self.graph_tab, "Graph")
        self.right_tabs.currentChanged.connect(self._right_tab_changed)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 6, 6, 6)
        right_layout.addWidget(self.breadcrumb)
        right_layout.addWidget(self.right_tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 820])
        self.setCentralWidget(self.splitter)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("load-progress")
        self.progress.setAccessibleName("Loading progress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().showMessage("Loading the knowledge pack…")
        self._build_pack_button()

    def _handlers(self) -> dict[str, Callable0]:
        return {
            "focus-search": self.focus_search,
            "focus-page": self.focus_page,
            "back": self.back,
            "forward": self.forward,
            "show-results": lambda: self.sidebar.show_tab(SEARCH_TAB),
            "show-history": lambda: self.sidebar.show_tab(HISTORY_TAB),
            "show-bookmarks": lambda: self.sidebar.show_tab(BOOKMARKS_TAB),
            "toggle-graph": self.toggle_graph,
            "graph-depth": self._graph_depth_toggled,
            "hide-unproven": self._hide_unproven_action,
            "zoom-in": lambda: self.zoom_by(1),
            "zoom-out": lambda: self.zoom_by(-1),
            "zoom-reset": self.zoom_reset,
            "theme": self.cycle_theme,
            "bookmark-add": self.add_bookmark,
            "bookmark-remove": self.remove_bookmark,
            "copy-sources": self.handouts.copy_sources,
            "print": self.handouts.print_page,
            "export-pdf": self.handouts.export_pdf,
            "packs": self.show_packs,
            "pack-about": self.show_pack_about,
            "clear-history": self.clear_history,
            "quit": self.quit,
            "shortcuts": self.show_shortcuts,
            "legend": self.show_legend,
            "about": self.show_about,
            "check-article": self.show_article_check,
            "differential": self.show_differential,
            "self-test": self.show_self_test,
        }

    def _restore(self) -> None:
        s = self.settings
        self.actions_by_id["graph-depth"].setChecked(s.graph_depth == 2)
        hide = s.hide_unproven
        self.actions_by_id["hide-unproven"].setChecked(hide)
        self.search_panel.hide_unproven.setChecked(hide)
        resize_within_screen(self, 1200, 800)
        if self.remember:
            geometry = s.geometry("geometry")
            if geometry is not None:
                self.restoreGeometry(geometry)
            splitter = s.geometry("splitter")
            if splitter is not None:
                self.splitter.restoreState(splitter)
        self._apply_theme()

    # -- loading ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_paint.emit()

    def start_loading(self) -> None:
        """Load pack, graph and search index in a worker thread (once)."""
        if self._loader_thread is not None:
            return
        loader = PackLoader(self.pack_dirs, self.config.cache_dir, self.bundled)
        thread = WorkerThread(loader, "hfs-load", self)
        thread.started.connect(loader.run)
        loader.progress.connect(self._progress)
        loader.search_ready.connect(self._on_search_ready)
        loader.loaded.connect(self._on_loaded)
        loader.failed.connect(self._on_failed)
        loader.finished.connect(thread.quit)
        # Once the first results are painted, the graph loads.
        self.search_panel.results_shown.connect(
            lambda _n: QTimer.singleShot(RESUME_DELAY_MS, self._resume_loading))
        self._loader = loader
        self._loader_thread = thread
        thread.start()

    def _resume_loading(self, _count: int = 0) -> None:
        if self._loader is not None:
            self._loader.resume.set()

    def _progress(self, percent: int, text: str) -> None:
        self.progress.setValue(percent)
        self.statusBar().showMessage(text)

    def _on_search_ready(self, library: Library) -> None:
        if self._shut_down:
            return
        self.library = library
        self._type_labels = library.type_labels()
        if library.searchable:
            self.search_panel.attach(library, self._badge_for,
                                     lambda t: self._type_labels.get(t, t))
            if library.search_error:
                self.statusBar().showMessage(library.search_error, 15000)
        else:
            self.search_panel.unavailable(library.search_error)
        self.legend.setText(pages.legend_html(library.main.pack, with_meanings=False))
        self.search_ready.emit()

    def _on_loaded(self, library: Library) -> None:
        if self._shut_down:
            return
        if self.library is None:
            self._on_search_ready(library)
        self._linked = True
        if self.navigation.migrate(library.resolve):
            self._report_save_error()
        last = library.resolve(self.settings.last_page) if self.settings.last_page else None
        if last is not None and last != self.settings.last_page:
            self.settings.last_page = last  # a bare id saved before packs were qualified
        self.progress.hide()
        self._show_pack_button(library.main.pack.meta.name, library.main.pack.meta.version)
        self._refresh_bookmark_list()
        self._refresh_history_list()
        self.statusBar().showMessage(pages.packs_line(library) + " " + pages.DISCLAIMER, 0)
        pending, self._pending = self._pending, None
        if pending is not None:
            self.open_entity(pending)
        elif self.entity_view.entity_id is None:
            self._show_start_page()
        self._update_navigation()
        self.ready.emit()

    def _on_failed(self, message: str) -> None:
        if self._shut_down:
            return
        self.load_error = message
        self.progress.hide()
        self.statusBar().showMessage("The knowledge pack could not be loaded.")
        self.search_panel.unavailable("The knowledge pack could not be loaded.")
        self.entity_view.show_page(None, pages.error_page(message, theme.page_theme(self.dark)))
        self.load_failed.emit(message)

    @property
    def is_ready(self) -> bool:
        return self._linked

    @property
    def loaded(self) -> Library | None:
        """The library once its graphs are linked (pages open), else None."""
        return self.library if self._linked else None

    @property
    def main_pack(self) -> Pack | None:
        """The pack whose vocabularies the legend and the start page show."""
        return self.library.main.pack if self.library is not None else None

    # -- pages -----------------------------------------------------------------------------

    def page(self, ref: str, dark: bool | None = None) -> Page:
        """An entity's page in the window's colours (or ``dark``'s)."""
        assert self.library is not None
        dark = self.dark if dark is None else dark
        return self.library.page(ref, theme.page_theme(dark))

    def has_entity(self, ref: str) -> bool:
        return self.library is not None and self.library.has(ref)

    def open_entity(self, ref: str) -> bool:
        """Show an entity's page as a new step of the history; False for an unknown id.

        ``ref``: ``PACK/ID``, or a bare id (resolved by the library). Asked before the graph
        is ready, the page opens as soon as it is.
        """
        entity_id = self.library.resolve(ref) if self.library is not None else None
        if entity_id is None:
            self.statusBar().showMessage(f"No entry with id “{ref}”.", 5000)
            return False
        if not self._linked:
            self._pending = entity_id
            self._resume_loading()
            self.statusBar().showMessage("Opening when the knowledge graph is ready…")
            return True
        if entity_id != self.navigation.current:
            self._remember_scroll()
            self.navigation.open(entity_id)
        self._show_current(scroll=0)
        return True

    def current_entity(self) -> str | None:
        return self.navigation.current

    def _open_page_of(self, ref: str) -> None:
        """A summary node of the graph: the page that lists everything it stands for."""
        if self.open_entity(ref):
            self.right_tabs.setCurrentIndex(PAGE_TAB)

    def _remember_scroll(self) -> None:
        if self.entity_view.entity_id is not None:
            self.navigation.remember_scroll(self.entity_view.verticalScrollBar().value())

    def _show_current(self, scroll: int) -> None:
        """Show the navigation's current page at ``scroll``, and everything that follows it."""
        current = self.navigation.current
        if current is None or not self._linked:
            self._show_start_page()
        else:
            self.entity_view.show_page(current, self.page(current).html, scroll)
            self.settings.last_page = current
        self._graph_stale = True
        if self.right_tabs.currentIndex() == GRAPH_TAB:
            self.refresh_graph()
        self._refresh_history_list()
        self._update_navigation()
        self._report_save_error()
        if current is not None:
            self.page_shown.emit(current)

    def _report_save_error(self) -> None:
        error = self.navigation.take_error()
        if error:
            self.statusBar().showMessage(f"Not saved: {error}", 15000)

    def _show_start_page(self) -> None:
        library = self.loaded
        self.entity_view.show_page(None, pages.start_page(
            library.main.pack if library is not None else None, theme.page_theme(self.dark),
            library=library))

    def restore_last_page(self) -> bool:
        last = self.settings.last_page
        return bool(last) and self.has_entity(last) and self.open_entity(last)

    def back(self) -> None:
        self._step(self.navigation.back)

    def forward(self) -> None:
        self._step(self.navigation.forward)

    def _crumb_clicked(self, position: int) -> None:
        self._step(lambda: self.navigation.go_to(position))

    def _step(self, move: Callable[[], str | None]) -> None:
        """Back, forward or a breadcrumb: to that page, where the reader left it."""
        if not self._linked:
            return
        self._remember_scroll()
        if move() is not None:
            self._show_current(scroll=self.navigation.scroll)

    def _update_navigation(self) -> None:
        self.actions_by_id["back"].setEnabled(self.history.can_back())
        self.actions_by_id["forward"].setEnabled(self.history.can_forward())
        current = self.current_entity()
        bookmarked = current is not None and current in self.bookmarks
        self.actions_by_id["bookmark-add"].setEnabled(current is not None and not bookmarked)
        self._update_breadcrumb()
        title = self.page_title()
        self.setWindowTitle(APP_TITLE if title == APP_TITLE else f"{title} — {APP_TITLE}")

    def _update_breadcrumb(self) -> None:
        crumbs: list[tuple[int, str]] = []
        if self._linked:
            crumbs = [(pos, name) for pos, ref in self.history.trail()
                      if (name := self._known_name(ref)) is not None]
        self.breadcrumb.set_trail(crumbs, theme.ui_colours(self.dark).link)

    def _external_link(self, url: str) -> None:
        self.statusBar().showMessage(
            f"Not opened: {url} (HFS Desktop never goes online; copy it if you need it).",
            8000)

    # -- search results ------------------------------------------------------------------

    def _badge_for(self, hit: Hit) -> Badge | None:
        """The core's badge for the hit's entity (wording and colours live in the core)."""
        if self.library is None or not self.library.has(hit.id):
            return None
        return self.library.badge(hit.id)

    def _hide_unproven_action(self) -> None:
        checked = self.actions_by_id["hide-unproven"].isChecked()
        self.search_panel.hide_unproven.setChecked(checked)

    def _hide_unproven_changed(self, checked: bool) -> None:
        self.actions_by_id["hide-unproven"].setChecked(checked)
        self.settings.hide_unproven = checked
        self._graph_stale = True
        if self.right_tabs.currentIndex() == GRAPH_TAB:
            self.refresh_graph()

    # -- graph -----------------------------------------------------------------------------

    def toggle_graph(self) -> None:
        graph = self.right_tabs.currentIndex() != GRAPH_TAB
        self.right_tabs.setCurrentIndex(GRAPH_TAB if graph else PAGE_TAB)

    def _right_tab_changed(self, index: int) -> None:
        self.actions_by_id["toggle-graph"].setChecked(index == GRAPH_TAB)
        if index == GRAPH_TAB and self._graph_stale:
            self.refresh_graph()

    def _graph_depth_toggled(self) -> None:
        self.settings.graph_depth = 2 if self.actions_by_id["graph-depth"].isChecked() else 1
        self._graph_stale = True
        if self.right_tabs.currentIndex() == GRAPH_TAB:
            self.refresh_graph()

    def refresh_graph(self) -> None:
        current = self.current_entity()
        if self.loaded is None or current is None:
            return
        data = self.loaded.neighbourhood(current, self.settings.graph_depth,
                                         hide_unproven=self.search_panel.hide_unproven.isChecked(),
                                         type_labels=self._type_labels)
        self.graph_view.dark = self.dark
        self.graph_view.show_neighbourhood(data)
        self._graph_stale = False

    # -- focus -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.left_tabs.setCurrentIndex(SEARCH_TAB)
        self.search_panel.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_panel.field.selectAll()

    def focus_page(self) -> None:
        self.right_tabs.setCurrentIndex(PAGE_TAB)
        self.entity_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- zoom and theme --------------------------------------------------------------------

    def zoom_by(self, step: int) -> None:
        if self.right_tabs.currentIndex() == GRAPH_TAB:
            self.graph_view.zoom(1.15 if step > 0 else 1 / 1.15)
            return
        self.settings.zoom = self.settings.zoom + step
        self.entity_view.set_zoom(self.settings.zoom)

    def zoom_reset(self) -> None:
        if self.right_tabs.currentIndex() == GRAPH_TAB:
            self.graph_view.fit()
            return
        self.settings.zoom = 0
        self.entity_view.set_zoom(0)

    def cycle_theme(self) -> None:
        order = ("system", "light", "dark")
        self.set_theme(order[(order.index(self.settings.theme) + 1) % len(order)])

    def set_theme(self, choice: str) -> None:
        self.settings.theme = choice
        self.dark = theme.resolve_dark(choice)
        self._apply_theme()
        self.statusBar().showMessage(
            f"Theme: {choice}" + (f" ({'dark' if self.dark else 'light'})"
                                  if choice == "system" else ""), 4000)

    def _system_scheme_changed(self, _scheme: object) -> None:
        if self.settings.theme == "system":
            self.set_theme("system")

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, self.dark)
        if self._graph_view is not None:
            self._graph_view.set_dark(self.dark)
        for tool in self._tools.values():
            tool.set_dark(self.dark)
        colours = theme.ui_colours(self.dark)
        for action_id, left in (("back", True), ("forward", False)):
            self.actions_by_id[action_id].setIcon(
                icons.arrow_icon(left, colours.text, colours.muted))
        current = self.current_entity()
        if current is not None and self.loaded is not None:
            scroll = self.entity_view.verticalScrollBar().value()  # the reader stays put
            self.entity_view.show_page(current, self.page(current).html, scroll)
        elif self.loaded is not None or not self.load_error:
            self._show_start_page()
        self._update_breadcrumb()

    # -- bookmarks and history lists -----------------------------------------------------

    def add_bookmark(self) -> None:
        current = self.current_entity()
        if current is None or self.loaded is None:
            return
        if self.bookmarks.add(current, self._known_name(current) or current):
            self.statusBar().showMessage("Bookmarked.", 3000)
        self._bookmarks_changed()

    def remove_bookmark(self) -> None:
        """Remove the bookmark selected in the list (when it has the focus), else the page's."""
        target: str | None = None
        if self.left_tabs.currentIndex() == BOOKMARKS_TAB and self.bookmark_list.hasFocus():
            target = self.bookmark_list.selected_id()
        target = target or self.current_entity()
        if target is not None:
            self._remove_bookmark(target)

    def _remove_bookmark(self, entity_id: str) -> None:
        if self.bookmarks.remove(entity_id):
            self.statusBar().showMessage("Bookmark removed.", 3000)
        self._bookmarks_changed()

    def _bookmarks_changed(self) -> None:
        self._refresh_bookmark_list()
        self._update_navigation()
        self._report_save_error()

    def _refresh_bookmark_list(self) -> None:
        self.sidebar.show_bookmarks(self.bookmarks, self._known_name)

    def _refresh_history_list(self) -> None:
        if self.loaded is not None:
            self.sidebar.show_recent(self.recent.ids(), self._known_name)

    def _known_name(self, ref: str) -> str | None:
        """The page's name in the open packs (None for an id none of them has)."""
        return self.library.name(ref) if self.library is not None else None

    def clear_history(self) -> None:
        """Ask, then forget history, recent pages and bookmarks (a shared computer)."""
        from . import dialogs

        if dialogs.confirm_clear(self).exec() == QMessageBox.StandardButton.Yes:
            self.forget_everything()

    def forget_everything(self) -> None:
        self.navigation.clear()
        self.settings.last_page = ""
        self.search_panel.field.clear()  # the last query says where someone has been, too
        self.right_tabs.setCurrentIndex(PAGE_TAB)
        self.bookmark_list.show_pages([])
        self.history_list.show_pages([])
        self._show_current(scroll=0)
        self.statusBar().showMessage("History, recent pages and bookmarks cleared.", 5000)

    # -- print, help, about ----------------------------------------------------------------

    def printable_html(self) -> str:
        return self.handouts.html()

    def sources_text(self) -> str:
        return self.handouts.sources_text()

    def proposed_file(self) -> Path:
        return self.handouts.proposed_file()

    def export_pdf_to(self, path: Path) -> bool:
        return self.handouts.export_pdf_to(path)

    def page_title(self) -> str:
        """The current page's name ("HFS Desktop" on the start page)."""
        current = self.current_entity()
        return (self._known_name(current) if current is not None else None) or APP_TITLE

    def shortcuts_dialog(self) -> QDialog:
        from . import dialogs

        return dialogs.shortcuts_dialog(self)

    def show_shortcuts(self) -> None:
        self.shortcuts_dialog().open()

    def legend_dialog(self) -> QDialog:
        from . import dialogs

        return dialogs.legend_dialog(self, self.main_pack)

    def show_legend(self) -> None:
        self.legend_dialog().open()

    def about_html(self) -> str:
        return pages.about_html(self.main_pack, self.library)

    def show_about(self) -> None:
        QMessageBox.about(self, "About HFS Desktop", self.about_html())

    # -- the learning tools (Tools menu): each module loads on first use ---------------------

    def tool_window(self, key: str) -> ToolWindow | None:
        """A tool's window once opened ("check", "differential", "self-test")."""
        return self._tools.get(key)

    def _tool(self, key: str, make: Callable[[Library], ToolWindow]) -> None:
        """The tool's window, made once and raised; None (a status message) before the
        packs are loaded or when no open pack has what the tool needs."""
        from ..library import LibraryError

        if self.loaded is None:
            self.statusBar().showMessage("The knowledge pack is still loading…", 4000)
            return
        window = self._tools.get(key)
        if window is None:
            try:
                window = make(self.loaded)
            except LibraryError as exc:
                self.statusBar().showMessage(f"Not available: {exc}.", 8000)
                return
            window.entity_requested.connect(self._open_from_tool)
            self._tools[key] = window
        window.show()
        _bring_forward(window)

    def _open_from_tool(self, ref: str) -> None:
        """A page link in a tool: the page opens here, and this window comes forward."""
        if self.open_entity(ref):
            _bring_forward(self)

    def show_article_check(self) -> None:
        from .article_check import ArticleCheckWindow

        self._tool("check", lambda lib: ArticleCheckWindow(lib, self, dark=self.dark))

    def show_differential(self) -> None:
        from .differential_view import DifferentialWindow

        self._tool("differential",
                          lambda lib: DifferentialWindow(lib, self, dark=self.dark))

    def show_self_test(self) -> None:
        from .self_test import SelfTestWindow

        self._tool("self-test", lambda lib: SelfTestWindow(
            lib, self.config.data_dir, self, dark=self.dark))

    # -- packs: the Packs dialog (File › Knowledge packs…) -------------------------------
    # The dialog hands the chosen PackSet to `apply_pack_set`, which saves it and asks the
    # Session for a window on exactly those packs (`reopen_requested(list[Path])`).

    def pack_set(self) -> PackSet:
        """The packs this window stands for, as the dialog shows them: the saved choice when
        the window opened from it (folders gone since stay listed), else its own folders."""
        bundled = self.bundled or bundled_pack_dir()
        saved = self.settings.pack_set
        if saved is not None:
            chosen = saved.open_folders(bundled)
            if all(any(_same(d, f) for f in chosen) for d in self.pack_dirs):
                return saved
        include = any(_same(folder, bundled) for folder in self.pack_dirs)
        others = tuple(f for f in self.pack_dirs if not _same(f, bundled))
        return PackSet(others, include_bundled=include)

    def packs_dialog(self) -> PacksDialog:
        dialog = PacksDialog(self, self.pack_set(), self.bundled or bundled_pack_dir())
        dialog.pack_set_chosen.connect(self.apply_pack_set)
        dialog.finished.connect(dialog.deleteLater)
        return dialog

    def show_packs(self) -> None:
        self.packs_dialog().open()

    def apply_pack_set(self, chosen: PackSet) -> None:
        """Save the chosen packs and reopen the window on them (unless nothing changed)."""
        self.settings.pack_set = chosen
        folders = readable_folders(chosen.open_folders(self.bundled or bundled_pack_dir()))
        if [f.resolve() for f in folders] == [f.resolve() for f in self.pack_dirs]:
            self.statusBar().showMessage("Packs saved; the same packs stay open.", 5000)
            return
        count = len(folders)
        self.statusBar().showMessage(f"Opening {count} pack{'' if count == 1 else 's'}…")
        self.reopen_requested.emit(folders)

    def pack_info(self) -> PackInfo:
        """The main open pack's version and changelog (raises PackFolderProblem)."""
        return describe(self.pack_dir)

    def pack_about_dialog(self) -> QDialog:
        try:
            return changelog_dialog(self, self.pack_info())
        except PackFolderProblem as problem:
            box = QMessageBox(QMessageBox.Icon.Warning, "About the knowledge pack",
                              f"The pack's description cannot be read: {problem}",
                              QMessageBox.StandardButton.Close, self)
            return box

    def show_pack_about(self) -> None:
        dialog = self.pack_about_dialog()
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _build_pack_button(self) -> None:
        """The open pack's name and version in the status bar; a click shows its changes."""
        self.pack_button = QToolButton(self)
        self.pack_button.setObjectName("pack-version")
        self.pack_button.setAutoRaise(True)
        self.pack_button.setToolTip("The knowledge pack's version and changelog (Shift+F2)")
        self.pack_button.clicked.connect(self.show_pack_about)
        self.pack_button.hide()
        self.statusBar().addPermanentWidget(self.pack_button)

    def _show_pack_button(self, name: str, version: str) -> None:
        self.pack_button.setText(f"{name} {version}")
        self.pack_button.setAccessibleName(f"Knowledge pack {name}, version {version}")
        self.pack_button.show()

    # -- events and shutdown -------------------------------------------------------------

    def quit(self) -> None:
        self.close()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and handle is not self._filtered:
            # The mouse's back and forward buttons, anywhere in the window: its native window
            # sees every press before the widget under the mouse does. (A filter on the whole
            # application would also see the events of Qt's private objects, for which
            # PySide6 then creates every Qt type: some 120 enums, 30-60 ms before first paint.)
            handle.installEventFilter(self)
            self._filtered = handle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            button = event.button()
            if button in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton) and (
                    watched is self._filtered):
                if button == Qt.MouseButton.BackButton:
                    self.back()
                else:
                    self.forward()
                return True
        return super().eventFilter(watched, event)

    def save_state(self) -> None:
        """Save the window's size, place and split (everything else is saved on change)."""
        if not self.remember:
            return
        self._geometry_timer.stop()
        self.settings.set_geometry("geometry", self.saveGeometry())
        self.settings.set_geometry("splitter", self.splitter.saveState())
        self.settings.sync()

    def _geometry_changed(self, *_args: object) -> None:
        if self.remember and hasattr(self, "_geometry_timer") and not self._shut_down:
            self._geometry_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._geometry_changed()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._geometry_changed()

    def shutdown(self) -> None:
        """Stop the worker threads (before Qt destroys them)."""
        if self._shut_down:
            return
        self._shut_down = True
        self._geometry_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        with contextlib.suppress(RuntimeError, TypeError):
            QGuiApplication.styleHints().colorSchemeChanged.disconnect(
                self._system_scheme_changed)
        self.search_panel.shutdown()
        for tool in self._tools.values():
            tool.close()  # an article check still running is waited for
        if self._loader is not None:
            self._loader.cancel()
        self._resume_loading()
        if self._loader_thread is not None:
            self._loader_thread.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.shutdown()
        super().closeEvent(event)


def _bring_forward(window: QWidget) -> None:
    """Raise and activate a window (where the platform can: not offscreen)."""
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
    window.activateWindow()


def _same(one: Path, other: Path) -> bool:
    """Whether two paths name the same folder."""
    return one.resolve() == other.resolve()
