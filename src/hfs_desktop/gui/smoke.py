"""The feature pass of `hfs-desktop --smoke`: every feature's code path, once.

A frozen build (PyInstaller) only carries the modules it saw imported; a module imported
lazily (asyncio under Whoosh was one) is missing until its feature is used. So, once search
has listed results, the smoke run also renders a page in both themes, draws the graph at
both depths, builds the dialogs, writes a PDF to a temporary file, creates a printer and
loads the SVG icon, and fails (exit 1, a line per problem) when any of them does not work.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from .main_window import MainWindow

SMOKE_ENTITY = "hemifacial-spasm"


def _say(text: str) -> None:
    print(f"hfs-desktop: smoke: {text}", flush=True)


def feature_pass(window: MainWindow, entity_id: str = SMOKE_ENTITY) -> list[str]:
    """Use every feature once on a loaded window; the problems found (empty: all work)."""
    from PySide6.QtGui import QImage

    from ..paths import resources_dir
    from . import printing
    from .main_window import GRAPH_TAB, PAGE_TAB

    problems: list[str] = []
    library = window.loaded
    if library is None:
        return ["the knowledge graph is not loaded"]
    main = library.main
    if entity_id not in main.pack.entities:
        entity_id = sorted(main.pack.entities)[0]
    name = main.pack.entities[entity_id].name
    ref = f"{main.id}/{entity_id}"

    if not window.open_entity(ref):
        problems.append(f"could not open {entity_id}")
    shown = window.entity_view.toPlainText()
    if name not in shown:
        problems.append(f"the page of {entity_id} does not show its name {name!r}")
    dark = window.page(ref, dark=not window.dark).html
    if name not in dark:
        problems.append(f"the other theme's page of {entity_id} lacks its name")
    _say(f"page {entity_id} rendered ({len(shown)} characters shown)")

    window.right_tabs.setCurrentIndex(GRAPH_TAB)
    counts = []
    for depth in (1, 2):
        window.settings.graph_depth = depth
        window.refresh_graph()
        nodes = window.graph_view.node_ids()
        counts.append(len(nodes))
        if ref not in nodes or len(nodes) < 2:
            problems.append(f"the graph at depth {depth} has {len(nodes)} nodes")
    window.right_tabs.setCurrentIndex(PAGE_TAB)
    _say(f"graph drawn ({counts[0]} nodes at depth 1, {counts[1]} at depth 2)")

    packs = window.packs_dialog()
    if not packs.editor.entries:
        problems.append("the Packs dialog lists no pack")
    dialogs = [window.legend_dialog(), window.shortcuts_dialog(), packs,
               window.pack_about_dialog()]
    for dialog in dialogs:
        dialog.deleteLater()
    if "HFS Desktop" not in window.about_html():
        problems.append("the About text does not name the app")
    _say("legend, shortcuts, packs, pack changelog and about built")

    with tempfile.TemporaryDirectory(prefix="hfs-smoke-") as folder:
        pdf = Path(folder) / f"{entity_id}.pdf"
        printing.export_pdf(window.printable_html(), pdf, name,
                            window.entity_view.document().defaultFont())
        head = pdf.read_bytes()[:5]
        size = pdf.stat().st_size
        if head != b"%PDF-":
            problems.append(f"the PDF starts with {head!r}")
    _say(f"PDF written ({size} bytes)")

    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    _say("printer support loaded")

    svg = QImage(str(resources_dir() / "icons" / "hfs-desktop.svg"))
    if svg.isNull():
        problems.append("the SVG icon does not load (no svg image format plugin?)")
    _say("SVG icon loaded" if not svg.isNull() else "SVG icon not loaded")
    return problems


def run_when_ready(window: MainWindow, done: Callable[[int], None]) -> None:
    """Run the feature pass once the graph is loaded; then ``done(0)``, or ``done(1)``."""
    started: list[bool] = []

    def run() -> None:
        if started:
            return
        started.append(True)
        try:
            problems = feature_pass(window)
        except Exception:  # a missing module or plugin: report it, do not hang
            problems = ["a feature failed:\n" + traceback.format_exc()]
        for problem in problems:
            print(f"hfs-desktop: smoke: {problem}", file=sys.stderr, flush=True)
        if not problems:
            _say("every feature works")
        done(1 if problems else 0)

    if window.is_ready:
        QTimer.singleShot(0, run)
    else:
        window.ready.connect(run)
