"""The core never imports Qt: every module outside gui/ imports with PySide6 blocked."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import hfs_desktop

BLOCK_QT = """
import importlib, sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("Qt imported by the core: " + name)
        return None
sys.meta_path.insert(0, BlockQt())
for name in sys.argv[1:]:
    importlib.import_module(name)
print("ok", len(sys.argv) - 1)
"""


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(hfs_desktop.__path__, "hfs_desktop."):
        if info.name == "hfs_desktop.gui" or info.name.startswith("hfs_desktop.gui."):
            continue
        names.append(info.name)
    return names


def test_core_imports_without_qt() -> None:
    modules = core_modules()
    assert "hfs_desktop.pack.loader" in modules and "hfs_desktop.render" in modules
    result = subprocess.run([sys.executable, "-c", BLOCK_QT, *modules],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(modules)}"
