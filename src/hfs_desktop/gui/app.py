"""`hfs-desktop`: parse the command line and start the window (or a batch run: `batch`).

Exit codes: 0 success, 1 unknown entity, missing/invalid pack, no display or an internal
error, 2 usage error. Heavy parts of the core load after the first paint, in a worker thread.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .session import StartOptions
    from .settings import Config

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hfs-desktop",
                     description="HFS Desktop: an offline reference on hemifacial spasm.")
    parser.add_argument("--pack", metavar="DIR", type=Path, action="append",
                        help="open this knowledge pack too, beside the bundled one "
                             "(repeatable)")
    parser.add_argument("--no-bundled", action="store_true",
                        help="leave the bundled pack out")
    parser.add_argument("--open", metavar="ID",
                        help="open this entity's page (PACK/ID, or an id of the bundled pack)")
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


def _pack_dirs(args: argparse.Namespace) -> list[Path]:
    """The bundled pack (unless --no-bundled), then each --pack, in order."""
    from ..paths import bundled_pack_dir  # light: the pack loader (and YAML) waits

    dirs = [] if args.no_bundled else [bundled_pack_dir()]
    return dirs + [Path(p) for p in args.pack or ()]


def _fail(message: str) -> None:
    print(f"hfs-desktop: {message}", file=sys.stderr)


def no_display(environ: Mapping[str, str], platform: str = sys.platform) -> str:
    """Why Qt would find no screen to open a window on ("" when it can), checked before
    Qt is loaded: without one, Qt aborts with advice to reinstall it."""
    if platform in ("win32", "darwin") or platform.startswith("cygwin"):
        return ""
    if any(environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        return ""
    return ("no display found (neither DISPLAY nor WAYLAND_DISPLAY is set): start it in a "
            "desktop session, or work offscreen with --screenshot FILE.png or --smoke "
            "(or set QT_QPA_PLATFORM=offscreen)")


def main(argv: Sequence[str] | None = None, *, config: Config | None = None) -> int:
    """Run the app. ``config`` (a settings.Config) redirects settings and data (tests)."""
    if getattr(sys, "frozen", False):  # index builds run in spawned child processes
        import multiprocessing

        multiprocessing.freeze_support()
    started = time.perf_counter()
    try:
        args = build_parser().parse_args(argv)
        size = _size(args.size)
    except UsageError as exc:
        build_parser().print_usage(sys.stderr)
        _fail(str(exc))
        return EXIT_USAGE
    pack_dirs = _pack_dirs(args)
    if not pack_dirs:
        _fail("no pack to open: --no-bundled needs at least one --pack DIR")
        return EXIT_USAGE
    for pack_dir in pack_dirs:
        if not pack_dir.is_dir():
            _fail(f"no knowledge pack folder at {pack_dir}")
            return EXIT_INVALID
        if not (pack_dir / "pack.yaml").is_file():
            _fail(f"{pack_dir} is not a knowledge pack (no pack.yaml)")
            return EXIT_INVALID
    batch = bool(args.screenshot or args.smoke)
    problem = no_display(os.environ)
    if problem and batch:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a batch run needs no screen
    elif problem:
        _fail(problem)
        return EXIT_INVALID
    try:
        return _start(args, pack_dirs, size, config, started)
    except KeyboardInterrupt:
        return 130


def create_application() -> QApplication:
    """The QApplication (made once), with the app's names, icon and font."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QGuiApplication
    from PySide6.QtWidgets import QApplication

    from .resources import DESKTOP_ID, FONT_FAMILY, app_icon, load_fonts
    from .settings import set_application_names

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
    return app


def _start(args: argparse.Namespace, pack_dirs: list[Path], size: tuple[int, int] | None,
           config: Config | None, started: float) -> int:
    from . import collector

    collector.pause()  # resumed once loaded (gui/worker.py) or when this run ends
    try:
        return _start_app(args, pack_dirs, size, config, started)
    finally:
        collector.resume()


def _start_app(args: argparse.Namespace, pack_dirs: list[Path], size: tuple[int, int] | None,
               config: Config | None, started: float) -> int:
    app = create_application()
    from ..paths import bundled_pack_dir, log_dir
    from .crash import CrashHandler
    from .session import StartOptions
    from .settings import Config

    cfg = config if config is not None else Config.standard()
    options = StartOptions(open=args.open, search=args.search, graph=args.graph)
    batch = bool(args.screenshot or args.smoke)
    crash = CrashHandler(log_dir(cfg.data_dir), batch=batch).install()
    try:
        if batch:
            from .batch import BatchRun

            run = BatchRun(app, cfg, pack_dirs, options, bundled=bundled_pack_dir(),
                           screenshot=args.screenshot,
                           smoke=args.smoke, theme=args.theme, depth=args.depth,
                           started=started)
            return run.run(size)
        return _interactive(app, cfg, pack_dirs, options, size, args, bundled_pack_dir())
    except Exception as exc:  # before the event loop ran: logged and named all the same
        crash.fatal(exc)
        return EXIT_INVALID
    finally:
        crash.uninstall()
        crash.deleteLater()


def _interactive(app: QApplication, cfg: Config, pack_dirs: list[Path], options: StartOptions,
                 size: tuple[int, int] | None, args: argparse.Namespace,
                 bundled: Path) -> int:
    from .session import Session
    from .settings import Settings

    settings = Settings(cfg)
    saved = settings.pack_set
    if args.pack is None and not args.no_bundled and saved is not None:
        # No packs named on the command line: the packs chosen last time in the Packs dialog.
        # A folder gone since (a USB stick) is left out; the Packs dialog still lists it.
        from ..packset import readable_folders

        pack_dirs = readable_folders(saved.open_folders(bundled)) or pack_dirs
    if args.theme or args.depth:  # remembered, as if chosen in the menu
        if args.theme:
            settings.theme = args.theme
        if args.depth:
            settings.graph_depth = args.depth
        settings.sync()
    session = Session(cfg, pack_dirs, options, size=size, bundled=bundled)
    session.quit_requested.connect(app.exit)
    code = app.exec()
    session.close()
    session.deleteLater()
    return code


if __name__ == "__main__":
    sys.exit(main())
