"""Started without a display: one clear line and exit 1, not Qt's abort (issue 10, defect
11); a batch run works offscreen by itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hfs_desktop.gui.app import no_display

pytestmark = pytest.mark.gui


def test_no_display_is_found_from_the_environment() -> None:
    assert "no display found" in no_display({}, "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        assert no_display({name: "x"}, "linux") == ""
    assert no_display({}, "win32") == no_display({}, "darwin") == ""


def _scrubbed(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "c"),
               XDG_DATA_HOME=str(tmp_path / "d"), XDG_CACHE_HOME=str(tmp_path / "k"))
    return env


def test_without_a_display_the_app_says_so_and_exits_1(tmp_path: Path,
                                                       starter_pack: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "hfs_desktop.gui.app", "--pack",
                             str(starter_pack)], env=_scrubbed(tmp_path),
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hfs-desktop: no display found")
    assert "--screenshot" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert "reinstall" not in result.stderr


def test_a_screenshot_needs_no_display(tmp_path: Path, starter_pack: Path) -> None:
    shot = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "-m", "hfs_desktop.gui.app", "--pack",
                             str(starter_pack), "--open", "hemifacial-spasm",
                             "--screenshot", str(shot)], env=_scrubbed(tmp_path),
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert shot.is_file()
