"""The real window under X with a window manager (opt in: HFS_REAL_WINDOW=1).

Needs Xvfb, openbox and xdotool. A 1400x900 screen; 30 pages with long names are opened by
typing them in the search field; the window must keep its size, its title must name the
page, and the "Hide unproven" key must work in the search field without editing it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hfs_desktop.gui.actions import spec
from hfs_desktop.pack import load_pack

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("HFS_REAL_WINDOW") != "1"
                       or not all(shutil.which(t) for t in ("Xvfb", "openbox", "xdotool")),
                       reason="opt in with HFS_REAL_WINDOW=1 (needs Xvfb, openbox, xdotool)"),
]
DISPLAY = os.environ.get("HFS_REAL_DISPLAY", ":87")
SCREEN_WIDTH = 1400


def _xdo(*args: str) -> str:
    return subprocess.run(["xdotool", *args], check=True, capture_output=True, text=True,
                          env={**os.environ, "DISPLAY": DISPLAY}, timeout=60).stdout.strip()


@pytest.fixture
def real_window(tmp_path: Path) -> Iterator[str]:
    home = tmp_path / "home"  # a throw-away user: settings, data and cache under it
    env = {**os.environ, "DISPLAY": DISPLAY, "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local"),
           "XDG_CACHE_HOME": str(home / ".cache")}
    env.pop("QT_QPA_PLATFORM", None)
    home.mkdir()
    started: list[subprocess.Popen[bytes]] = []

    def start(*cmd: str) -> None:
        started.append(subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL))

    start("Xvfb", DISPLAY, "-screen", "0", f"{SCREEN_WIDTH}x900x24")
    time.sleep(1)
    start("openbox")
    start(sys.executable, "-m", "hfs_desktop.gui.app")
    try:
        window = _xdo("search", "--sync", "--name", "HFS Desktop").splitlines()[0]
        time.sleep(3)  # the pack loads after the first paint
        _xdo("windowactivate", "--sync", window)
        yield window
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=20)


def _size(window: str) -> tuple[int, int]:
    line = next(x for x in _xdo("getwindowgeometry", window).splitlines() if "Geometry" in x)
    width, height = line.split()[-1].split("x")
    return int(width), int(height)


def test_thirty_long_pages_keep_the_window_on_the_screen(real_window: str,
                                                         tmp_path: Path) -> None:
    home = tmp_path / "home"
    pack = load_pack()
    names = sorted((e.name for e in pack.entities.values()), key=len, reverse=True)[:30]
    start = _size(real_window)
    for name in names:
        _xdo("key", "--window", real_window, "ctrl+k")
        _xdo("type", "--delay", "3", name)
        time.sleep(0.6)
        _xdo("key", "Return")
        time.sleep(0.4)
        assert _size(real_window) == start, name
        assert _xdo("getwindowname", real_window) == f"{name} — HFS Desktop"
    assert start[0] <= SCREEN_WIDTH
    _xdo("windowsize", real_window, "700", "600")  # nothing holds the window wider
    time.sleep(0.8)
    assert _size(real_window)[0] == 700
    # The "Hide unproven" key, pressed in the search field, toggles the filter (saved at once).
    _xdo("key", "--window", real_window, "ctrl+k")
    _xdo("type", "--delay", "3", "toxin")
    _xdo("key", spec("hide-unproven").keys[0].lower())
    time.sleep(1.0)
    saved = [p.read_text(encoding="utf-8") for p in (home / ".config").rglob("*.conf")]
    assert any("hide_unproven=true" in text for text in saved), saved


def test_the_tools_open_by_their_keys_and_keep_the_score(real_window: str,
                                                          tmp_path: Path) -> None:
    """Each tool of the Tools menu opens in a window of its own by its key; the self-test
    takes the key 1 as an answer and saves the score in the user's data folder."""
    home = tmp_path / "home"
    tool = ""
    for action_id, title in (("check-article", "Check an article"),
                             ("differential", "Differential helper"), ("self-test", "Self-test")):
        _xdo("windowactivate", "--sync", real_window)
        _xdo("key", spec(action_id).keys[0].lower())
        tool = _xdo("search", "--sync", "--name", f"^{title}$").splitlines()[0]
    _xdo("windowactivate", "--sync", tool)
    _xdo("key", "1")
    time.sleep(1.0)
    assert list((home / ".local").rglob("quiz.json"))
