"""`hfs-desktop`: start the window (or take a screenshot, or a timed smoke run).

Exit codes: 0 success, 1 unknown entity or missing/invalid pack, 2 usage error.
Heavy parts of the core load after the first paint, in a worker thread.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
SMOKE_QUERY = "hemifacial"
TIMEOUT_MS = 60_000


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hfs-desktop",
                     description="HFS Desktop: an offline reference on hemifacial spasm.")
    parser.add_argument("--pack", metavar="DIR", type=Path,
                        help="knowledge pack folder (default: the bundled HFS pack)")
    parser.add_argument("--open", metavar="ID", help="open this entity's page")
    parser.add_argument("--search", metavar="TEXT", help="start with this search")
    parser.add_argument("--screenshot", metavar="PNG", type=Path,
                        help="save a picture of the window once loaded, then exit")
    parser.add_argument("--smoke", action="store_true",
                        help="start, search, wait for results (time to interactive), then "
                             "use every feature once (page, graph, PDF) and exit")
    parser.add_argument("--theme", choices=("system", "light", "dark"),
                        help="colours for this run (default: the saved choice)")
    parser.add_argument("--graph", action="store_true",
                        help="show the graph view of the opened page")
    parser.add_argument("--depth", type=int, choices=(1, 2), help="graph depth for this run")
    parser.add_argument("--size", metavar="WxH", default="",
                        help="window size for this run, e.g. 1280x800")
    return parser


def _size(text: str) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size must look like 1280x800, not {text!r}") from None
    if not (200 <= width <= 10000 and 200 <= height <= 10000):
        raise UsageError(f"--size out of range: {text}")
    return width, height


def _pack_dir(args: argparse.Namespace) -> Path:
    if args.pack is not None:
        return Path(args.pack)
    from ..paths import bundled_pack_dir  # light: the pack loader (and YAML) waits

    return bundled_pack_dir()


def _fail(message: str) -> None:
    print(f"hfs-desktop: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None, *, config: object = None) -> int:
    """Run the app. ``config`` (a settings.Config) redirects settings and data (tests)."""
    try:
        args = build_parser().parse_args(argv)
        size = _size(args.size)
    except UsageError as exc:
        build_parser().print_usage(sys.stderr)
        _fail(str(exc))
        return EXIT_USAGE
    pack_dir = _pack_dir(args)
    if not pack_dir.is_dir():
        _fail(f"no knowledge pack folder at {pack_dir}")
        return EXIT_INVALID
    if not (pack_dir / "pack.yaml").is_file():
        _fail(f"{pack_dir} is not a knowledge pack (no pack.yaml)")
        return EXIT_INVALID
    try:
        return _run(args, pack_dir, size, config)
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace, pack_dir: Path, size: tuple[int, int] | None,
         config: object) -> int:
    started = time.perf_counter()
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QFont, QGuiApplication
    from PySide6.QtWidgets import QApplication

    from .resources import DESKTOP_ID, FONT_FAMILY, app_icon, load_fonts
    from .settings import Config, Settings, set_application_names

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    set_application_names()
    QGuiApplication.setDesktopFileName(DESKTOP_ID)  # the installed .desktop file's name
    app.setWindowIcon(app_icon())
    if FONT_FAMILY in load_fonts():
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(max(9.0, app.font().pointSizeF()))
        app.setFont(font)

    from .main_window import GRAPH_TAB, MainWindow

    cfg = config if isinstance(config, Config) else Config.standard()
    batch = bool(args.screenshot or args.smoke)
    scratch: tempfile.TemporaryDirectory[str] | None = None
    if batch:
        # Screenshots and smoke runs start from defaults and leave the user's settings,
        # bookmarks and history alone; they share only the search index cache.
        scratch = tempfile.TemporaryDirectory(prefix="hfs-desktop-")
        cfg = Config(Path(scratch.name) / "settings.ini", Path(scratch.name) / "data",
                     cfg.cache_dir)
    settings = Settings(cfg)
    if args.theme:
        settings.theme = args.theme
    if args.depth:
        settings.graph_depth = args.depth
    window = MainWindow(cfg, settings, pack_dir, remember=not batch)
    if size is not None or batch:
        window.resize(*(size or (1280, 800)))
    result = {"code": EXIT_OK, "finished": 0}
    smoked: list[bool] = []

    def finish(code: int) -> None:
        result["code"], result["finished"] = code, 1
        window.save_state()
        window.shutdown()
        window.hide()
        app.exit(code)

    def take_screenshot() -> None:
        assert args.screenshot is not None
        path = Path(args.screenshot)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail(f"cannot write {path}: {exc}")
            finish(EXIT_INVALID)
            return
        if not window.grab().save(str(path)):
            _fail(f"cannot write {path}")
            finish(EXIT_INVALID)
            return
        print(path)
        finish(EXIT_OK)

    def when_settled(func: Callable[[], None]) -> None:
        # Let layouts and the results list repaint before the picture is taken.
        QTimer.singleShot(150, func)

    def smoke_results(count: int) -> None:
        if count > 0 and not smoked:
            smoked.append(True)
            elapsed = time.perf_counter() - started
            print(f"hfs-desktop: interactive in {elapsed:.3f} s "
                  f"({count} results for {SMOKE_QUERY!r})", flush=True)
            from .smoke import run_when_ready

            run_when_ready(window, finish)  # then page, graph, PDF...: see smoke.py

    def on_search_ready() -> None:
        # The smoke run measures time to interactive: typing lists results. Pages may
        # still be loading (they open as soon as the graph is ready).
        if batch and not window.search_panel.ready:
            _fail(f"search is unavailable: {window.search_panel.status.text()}")
            finish(EXIT_INVALID)
            return
        if not args.smoke:
            return
        window.search_panel.results_shown.connect(smoke_results)
        window.focus_search()
        from PySide6.QtTest import QTest

        QTest.keyClicks(window.search_panel.field, SMOKE_QUERY)
        window.search_panel.run_query()  # no need to wait for the typing pause

    def on_ready() -> None:
        if args.smoke:
            return
        opened = False
        if args.open:
            if not window.has_entity(args.open):
                _fail(unknown_entity_message(window, args.open))
                finish(EXIT_INVALID)
                return
            window.open_entity(args.open)
            opened = True
        if args.search:
            window.focus_search()
            if args.screenshot:
                window.search_panel.results_shown.connect(
                    lambda _n: when_settled(take_screenshot))
            window.search_panel.set_query(args.search)
            if args.screenshot:
                return
        elif not opened and not batch:
            window.restore_last_page()
        if args.graph:
            window.right_tabs.setCurrentIndex(GRAPH_TAB)
        if args.screenshot:
            when_settled(take_screenshot)

    def on_failed(message: str) -> None:
        _fail(message)
        if not batch:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(window, "HFS Desktop",
                                 "The knowledge pack could not be loaded.\n\n" + message)
        finish(EXIT_INVALID)

    window.search_ready.connect(on_search_ready)
    window.ready.connect(on_ready)
    window.load_failed.connect(on_failed)
    window.first_paint.connect(lambda: QTimer.singleShot(0, window.start_loading))
    if batch:
        def timeout() -> None:
            if result["finished"]:
                return
            _fail("timed out waiting for the window to load")
            finish(EXIT_INVALID)

        # Tied to the window: a run that ended (tests run several in one process) leaves no
        # timer behind to fire later.
        QTimer.singleShot(TIMEOUT_MS, window, timeout)
    window.show()
    if not window.isVisible():  # pragma: no cover - no paint without a visible window
        QTimer.singleShot(0, window.start_loading)
    if not args.search and not args.smoke:
        window.focus_search()
    app.exec()
    window.shutdown()
    window.deleteLater()
    if scratch is not None:
        scratch.cleanup()
    return result["code"]


def unknown_entity_message(window: object, entity_id: str) -> str:
    import difflib

    from .main_window import MainWindow

    assert isinstance(window, MainWindow) and window.pack is not None
    close = difflib.get_close_matches(entity_id, list(window.pack.entities), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no entity with id '{entity_id}'{hint}"


if __name__ == "__main__":
    sys.exit(main())
