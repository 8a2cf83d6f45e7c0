"""The `hfs-desktop` command: --screenshot, --smoke, bad arguments, no network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from hfs_desktop.gui.app import main
from hfs_desktop.gui.settings import Config

from ..helpers import only

pytestmark = pytest.mark.gui


def test_screenshot_of_an_entity_page(tmp_path: Path, config: Config, starter_pack: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "shots" / "page.png"
    code = main([*only(starter_pack), "--open", "garlic-lemon-compress",
                 "--screenshot", str(target), "--size", "1000x700", "--theme", "dark"],
                config=config)
    assert code == 0, capsys.readouterr().err
    image = QImage(str(target))
    assert image.width() >= 1000 and image.height() >= 700
    assert not config.settings_file or not config.settings_file.exists()  # user's untouched


def test_screenshot_of_search_results(tmp_path: Path, config: Config,
                                      starter_pack: Path) -> None:
    target = tmp_path / "results.png"
    assert main([*only(starter_pack), "--search", "botox", "--screenshot",
                 str(target)], config=config) == 0
    assert QImage(str(target)).width() > 0


def test_screenshot_of_the_graph(tmp_path: Path, config: Config, starter_pack: Path) -> None:
    target = tmp_path / "graph.png"
    assert main([*only(starter_pack), "--open", "hemifacial-spasm", "--graph",
                 "--depth", "2", "--screenshot", str(target)], config=config) == 0
    assert QImage(str(target)).width() > 0


def test_smoke_with_the_bundled_pack(config: Config,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Start, type "hemifacial", wait for results, exit 0 (no network: conftest)."""
    assert main(["--smoke"], config=config) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "interactive in" in out and "'hemifacial'" in out


def test_unknown_id_exits_1(tmp_path: Path, config: Config, starter_pack: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main([*only(starter_pack), "--open", "botulinum-toxn", "--screenshot",
                 str(tmp_path / "x.png")], config=config)
    assert code == 1
    err = capsys.readouterr().err
    assert "no entity with id 'botulinum-toxn'" in err and "botulinum-toxin" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.png").exists()


def test_missing_pack_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--pack", str(tmp_path / "nowhere")]) == 1
    assert "no knowledge pack folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["--pack", str(tmp_path / "empty")]) == 1
    assert "no pack.yaml" in capsys.readouterr().err


def test_invalid_pack_shows_the_validator_lines(tmp_path: Path, config: Config,
                                                pack_copy: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    treatments = pack_copy / "entities" / "treatments.yaml"
    treatments.write_text(treatments.read_text(encoding="utf-8").replace(
        "level: low", "level: excellent", 1), encoding="utf-8")
    code = main([*only(pack_copy), "--screenshot", str(tmp_path / "x.png")],
                config=config)
    assert code == 1
    err = capsys.readouterr().err
    assert "treatments.yaml:" in err and "error" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["--bogus"], ["--size", "huge"], ["--depth", "7"],
                                  ["--open"]])
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "usage: hfs-desktop" in err and "Traceback" not in err


def test_the_installed_command_runs_offscreen(tmp_path: Path, starter_pack: Path) -> None:
    """The gui-script itself, in a fresh process: no traceback, no Qt networking loaded."""
    exe = shutil.which("hfs-desktop", path=str(Path(sys.executable).parent))
    assert exe is not None
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "c"), XDG_DATA_HOME=str(tmp_path / "d"),
               XDG_CACHE_HOME=str(tmp_path / "k"))
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['hfs-desktop', '--pack', sys.argv[1], '--search', 'botox',"
        " '--screenshot', sys.argv[2]]\n"
        "from hfs_desktop.gui.app import main\n"
        "code = main()\n"
        "net = [m for m in sys.modules if m.startswith('PySide6.QtNetwork')]\n"
        "print('network modules:', net)\n"
        "sys.exit(code)\n")
    result = subprocess.run([sys.executable, "-c", probe, str(starter_pack),
                             str(tmp_path / "shot.png")], env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "network modules: []" in result.stdout
    assert (tmp_path / "shot.png").is_file()
    missing = subprocess.run([exe, "--pack", str(tmp_path / "none")], env=env,
                             capture_output=True, text=True, timeout=60, check=False)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
