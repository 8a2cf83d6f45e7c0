"""The Qt binding itself: PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to None on
every call of a method that returns nothing, so a long session aborts ("none_dealloc").
pyproject.toml keeps that release out; this test catches a binding that brings it back."""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 50_000

PROBE = f"""
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
before = sys.getrefcount(None)
for _ in range({CALLS}):
    widget.setWindowTitle("x")
print(before - sys.getrefcount(None))
"""


def test_void_calls_keep_none_alive() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    lost = int(done.stdout.strip().splitlines()[-1])
    assert lost < CALLS // 100, f"{lost} references to None lost in {CALLS} calls"
