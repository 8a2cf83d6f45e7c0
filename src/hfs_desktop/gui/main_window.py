"""The main window: search on the left, the page (or its graph) on the right.

Where the reader is and has been is kept by the core's `Navigation` (the one source of truth
for the current page); the window shows it. Only Qt, small GUI modules and that light core
module are imported here, so the window paints before the core's heavy parts (YAML,
networkx, whoosh) are loaded in a worker thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
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
    QVBoxLayout,
    QWidget,
)

from ..navigation import Bookmarks, History, Navigation, RecentPages
from . import icons, pages, theme
from .actions import build_menus, build_toolbar, create_actions
from .breadcrumb import Breadcrumb
from .entity_view import EntityView
from .handouts import Handouts
from .settings import Config, Settings
from .sidebar import BOOKMARKS_TAB, HISTORY_TAB, SEARCH_TAB, Sidebar
from .worker import Loaded, PackLoader, WorkerThread

if TYPE_CHECKING:  # the graph view and the dialogs load on first use, after first paint
    from ..badges import Badge
    from ..pack import Pack
    from ..render import PageRenderer
    from ..search import SearchHit, SearchIndex
    from .graph_view import GraphView

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

    def __init__(self, config: Config, settings: Settings, pack_dir: Path, *,
                 remember: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.settings = settings
        self.pack_dir = pack_dir
        self.remember = remember
        self.pack: Pack | None = None
        self.loaded: Loaded | None = None
        self._pending: str | None = None  # a page asked for before the graph was ready
        self.load_error = ""
        self.navigation = Navigation(config.data_dir)
        self.dark = theme.resolve_dark(settings.theme)
        self._renderers: dict[bool, PageRenderer] = {}
        self._loader_thread: WorkerThread | None = None
        self._loader: PackLoader | None = None
        self._painted = False
        self._graph_view: GraphView | None = None  # made on first use: see graph_view
        self._graph_stale = True
        self._shut_down = False

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
            "clear-history": self.clear_history,
            "quit": self.quit,
            "shortcuts": self.show_shortcuts,
            "legend": self.show_legend,
            "about": self.show_about,
        }

    def _restore(self) -> None:
        s = self.settings
        self.actions_by_id["graph-depth"].setChecked(s.graph_depth == 2)
        hide = s.hide_unproven
        self.actions_by_id["hide-unproven"].setChecked(hide)
        self.search_panel.hide_unproven.setChecked(hide)
        self.resize(1200, 800)
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
        loader = PackLoader(self.pack_dir, self.config.cache_dir)
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

    def _on_search_ready(self, pack: Pack, index: SearchIndex | None, error: str) -> None:
        if self._shut_down:
            return
        self.pack = pack
        from ..badges import proven_evidence_levels
        from ..pack.model import ENTITY_TYPES

        self._type_labels = dict(ENTITY_TYPES)
        if index is not None:
            proven = proven_evidence_levels(pack)
            self.search_panel.attach(index, self._badge_for,
                                     lambda t: self._type_labels.get(t, t), proven)
        else:
            self.search_panel.unavailable(error)
        self.legend.setText(pages.legend_html(pack, with_meanings=False))
        self.search_ready.emit()

    def _on_loaded(self, loaded: Loaded) -> None:
        if self._shut_down:
            return
        if self.pack is None:
            self._on_search_ready(loaded.pack, loaded.index, loaded.index_error)
        self.loaded = loaded
        pack = loaded.pack
        self.progress.hide()
        self._refresh_bookmark_list()
        self._refresh_history_list()
        self.statusBar().showMessage(
            f"{pack.meta.name} {pack.meta.version}: {len(pack.entities)} entries. "
            + pages.DISCLAIMER, 0)
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
        return self.loaded is not None

    # -- pages -----------------------------------------------------------------------------

    def renderer(self, dark: bool | None = None) -> PageRenderer:
        assert self.loaded is not None
        dark = self.dark if dark is None else dark
        if dark not in self._renderers:
            from ..render import PageRenderer

            self._renderers[dark] = PageRenderer(self.loaded.graph, theme.page_theme(dark))
        return self._renderers[dark]

    def has_entity(self, entity_id: str) -> bool:
        return self.pack is not None and entity_id in self.pack.entities

    def open_entity(self, entity_id: str) -> bool:
        """Show an entity's page as a new step of the history; False for an unknown id.

        Asked before the graph is ready, the page opens as soon as it is.
        """
        if not self.has_entity(entity_id):
            self.statusBar().showMessage(f"No entry with id “{entity_id}”.", 5000)
            return False
        if self.loaded is None:
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

    def _remember_scroll(self) -> None:
        if self.entity_view.entity_id is not None:
            self.navigation.remember_scroll(self.entity_view.verticalScrollBar().value())

    def _show_current(self, scroll: int) -> None:
        """Show the navigation's current page at ``scroll``, and everything that follows it."""
        current = self.navigation.current
        if current is None or self.loaded is None:
            self._show_start_page()
        else:
            self.entity_view.show_page(current, self.renderer().page(current), scroll)
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
        pack = self.loaded.pack if self.loaded is not None else None
        self.entity_view.show_page(None, pages.start_page(pack, theme.page_theme(self.dark)))

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
        if self.loaded is None:
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
        if self.loaded is not None:
            entities = self.loaded.pack.entities
            crumbs = [(pos, entities[entity_id].name) for pos, entity_id in self.history.trail()
                      if entity_id in entities]
        self.breadcrumb.set_trail(crumbs, theme.ui_colours(self.dark).link)

    def _external_link(self, url: str) -> None:
        self.statusBar().showMessage(
            f"Not opened: {url} (HFS Desktop never goes online; copy it if you need it).",
            8000)

    # -- search results ------------------------------------------------------------------

    def _badge_for(self, hit: SearchHit) -> Badge | None:
        """The core's badge for the hit's entity (wording and colours live in the core)."""
        pack = self.pack
        entity = pack.entities.get(hit.id) if pack is not None else None
        if pack is None or entity is None:
            return None
        from ..badges import badge_for

        return badge_for(pack, entity)

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
        from ..badges import is_unproven

        pack = self.loaded.pack
        hide = self.search_panel.hide_unproven.isChecked()

        def keep(entity_id: str) -> bool:
            return not (hide and is_unproven(pack.entities[entity_id]))

        from ..graph_model import neighbourhood_of

        data = neighbourhood_of(self.loaded.graph, current, self.settings.graph_depth, keep,
                                self._type_labels)
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
        colours = theme.ui_colours(self.dark)
        for action_id, left in (("back", True), ("forward", False)):
            self.actions_by_id[action_id].setIcon(
                icons.arrow_icon(left, colours.text, colours.muted))
        current = self.current_entity()
        if current is not None and self.loaded is not None:
            scroll = self.entity_view.verticalScrollBar().value()  # the reader stays put
            self.entity_view.show_page(current, self.renderer().page(current), scroll)
        elif self.loaded is not None or not self.load_error:
            self._show_start_page()
        self._update_breadcrumb()

    # -- bookmarks and history lists -----------------------------------------------------

    def add_bookmark(self) -> None:
        current = self.current_entity()
        if current is None or self.loaded is None:
            return
        if self.bookmarks.add(current, self.loaded.pack.entities[current].name):
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

    def _known_name(self, entity_id: str) -> str | None:
        """The page's name in the loaded pack (None for an id it does not have)."""
        entities = self.loaded.pack.entities if self.loaded is not None else {}
        return entities[entity_id].name if entity_id in entities else None

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

        return dialogs.legend_dialog(self, self.loaded.pack if self.loaded is not None else None)

    def show_legend(self) -> None:
        self.legend_dialog().open()

    def about_html(self) -> str:
        return pages.about_html(self.loaded.pack if self.loaded is not None else None)

    def show_about(self) -> None:
        QMessageBox.about(self, "About HFS Desktop", self.about_html())

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
        if self._loader is not None:
            self._loader.cancelled = True
        self._resume_loading()
        if self._loader_thread is not None:
            self._loader_thread.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.shutdown()
        super().closeEvent(event)

