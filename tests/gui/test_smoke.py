"""The feature pass of `hfs-desktop --smoke`: what the installed-app checks rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hfs_desktop.gui import printing
from hfs_desktop.gui.app import main
from hfs_desktop.gui.main_window import MainWindow
from hfs_desktop.gui.settings import Config
from hfs_desktop.gui.smoke import feature_pass

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


def test_feature_pass_uses_every_feature(window: MainWindow,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert feature_pass(window) == []
    out = capsys.readouterr().out
    for step in ("page hemifacial-spasm rendered", "graph drawn", "legend, shortcuts",
                 "PDF written", "printer support loaded", "SVG icon loaded"):
        assert step in out
    assert window.current_entity() == "starter/hemifacial-spasm"
    assert "article checked" in out  # the starter pack has claims, not a differential table
    assert "differential skipped: the pack 'starter' has no differential table" in out


def test_feature_pass_uses_the_learning_tools(make_window: WindowFactory,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from hfs_desktop.pack import bundled_pack_dir

    window = make_window(bundled_pack_dir(), bundled=bundled_pack_dir())
    assert feature_pass(window) == []
    out = capsys.readouterr().out
    for step in ("article checked (3 statements, report saved as PDF)", "differential ranked",
                 "self-test asked"):
        assert step in out


def test_feature_pass_takes_another_entity_when_the_pack_lacks_it(window: MainWindow) -> None:
    assert feature_pass(window, "no-such-entity") == []
    assert window.current_entity() is not None


def test_feature_pass_needs_a_loaded_window(make_window: WindowFactory) -> None:
    window = make_window(wait=False)
    if window.is_ready:  # pragma: no cover - the loader won the race
        pytest.skip("loaded before the check")
    assert feature_pass(window) == ["the knowledge graph is not loaded"]


def test_smoke_exits_1_when_a_feature_fails(config: Config, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    def broken(html: str, path: Path, title: str = "", font: object = None) -> None:
        raise OSError("no PDF today")

    monkeypatch.setattr(printing, "export_pdf", broken)
    assert main(["--smoke"], config=config) == 1
    captured = capsys.readouterr()
    assert "interactive in" in captured.out
    assert "a feature failed" in captured.err and "no PDF today" in captured.err
    assert "every feature works" not in captured.out


def test_smoke_reports_every_feature(config: Config,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--smoke"], config=config) == 0
    assert "every feature works" in capsys.readouterr().out


@pytest.mark.parametrize("mode", ["--smoke", "--screenshot"])
def test_batch_runs_exit_1_when_search_does_not_load(mode: str, tmp_path: Path, config: Config,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A frozen build missing a module search needs must not pass its smoke or screenshot."""
    import hfs_desktop.search

    def missing(*_args: object, **_kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'asyncio'")

    monkeypatch.setattr(hfs_desktop.search, "open_index", missing)
    argv = [mode] if mode == "--smoke" else [mode, str(tmp_path / "shot.png")]
    assert main(argv, config=config) == 1
    assert "search is unavailable" in capsys.readouterr().err
    assert not (tmp_path / "shot.png").exists()


def test_app_icon_has_every_size(qapp: object) -> None:
    from PySide6.QtCore import QSize

    from hfs_desktop.gui.resources import ICON_SIZES, app_icon

    sizes = app_icon().availableSizes()
    assert all(QSize(size, size) in sizes for size in ICON_SIZES)


def test_the_smoke_run_types_as_the_keyboard_does(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit

    from hfs_desktop.gui.batch import type_text

    field = QLineEdit()
    qtbot.addWidget(field)
    typed: list[str] = []
    field.textEdited.connect(typed.append)  # edits by the user, not by setText
    type_text(field, "Hemifacial 2")
    assert field.text() == "Hemifacial 2"
    assert typed[-1] == "Hemifacial 2" and len(typed) == len("Hemifacial 2")
