"""The feature pass of `hfs-desktop --smoke`: every feature's code path, once.

A frozen build (PyInstaller) only carries the modules it saw imported; a module imported
lazily (asyncio under Whoosh was one) is missing until its feature is used. So, once search
has listed results, the smoke run also renders a page in both themes, draws the graph at
both depths, builds the dialogs, writes a PDF to a temporary file, creates a printer, loads
the SVG icon and uses the learning tools (an article check, the differential, a question),
and fails (exit 1, a line per problem) when any of them does not work.
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
    problems += learning_tools(window)
    return problems


SMOKE_ARTICLE = ("Botulinum toxin does not help hemifacial spasm.\n"
                 "Garlic compresses cure facial spasm.\nOpen from 9 to 5.\n")


def learning_tools(window: MainWindow) -> list[str]:
    """Each tool of the Tools menu once, where the open packs have what it needs: an article
    checked in its worker thread and its report saved as PDF, a red flag ticked in the
    differential, a question answered (the score kept in a temporary folder, not the
    user's)."""
    from PySide6.QtCore import QEventLoop

    from ..library import LibraryError
    from .article_check import ArticleCheckWindow
    from .differential_view import DifferentialWindow
    from .self_test import SelfTestWindow, record_path

    library = window.loaded
    assert library is not None
    problems: list[str] = []
    try:
        library.claims_pack()
    except LibraryError as exc:
        _say(f"article check skipped: {exc}")
    else:
        check = ArticleCheckWindow(library, window)
        loop = QEventLoop()
        check.checked.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        check.set_text(SMOKE_ARTICLE)
        check.run_check()
        loop.exec()
        if check.outcome is None:
            problems.append(f"the article check gave no report ({check.status.text()})")
        else:
            with tempfile.TemporaryDirectory(prefix="hfs-smoke-") as folder:
                if not check.save_pdf_to(Path(folder) / "check.pdf"):
                    problems.append("the article check's PDF could not be written")
            _say(f"article checked ({len(check.outcome)} statements, report saved as PDF)")
        check.close()
        check.deleteLater()
    try:
        features = library.differential_features()
    except LibraryError as exc:
        _say(f"differential skipped: {exc}")
    else:
        ddx = DifferentialWindow(library, window)
        flags = [f.id for f in features if f.red_flag]
        ddx.tick(features[0].id, *flags[:1])
        if flags and not ddx.view.toPlainText().lstrip().startswith("Imaging needed"):
            problems.append("the differential does not put the red-flag warning first")
        if ddx.outcome is None or not ddx.outcome.conditions:
            problems.append("the differential ranked no condition")
        _say("differential ranked")
        ddx.close()
        ddx.deleteLater()
    try:
        library.quiz_pack()
    except LibraryError as exc:
        _say(f"self-test skipped: {exc}")
    else:
        with tempfile.TemporaryDirectory(prefix="hfs-smoke-") as folder:
            quiz = SelfTestWindow(library, Path(folder), window)
            question = quiz.current
            if question is None or quiz.answer(question.answer) is not True:
                problems.append("the self-test did not take an answer")
            elif not record_path(Path(folder)).is_file():
                problems.append("the self-test did not save its score")
            quiz.close()
            quiz.deleteLater()
        _say(f"self-test asked ({len(quiz.questions)} questions)")
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
