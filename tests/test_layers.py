"""The core never imports Qt: every module outside gui/ imports with PySide6 blocked."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

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


FACES = ["cli.py", "cli_base.py", "cli_search.py", "cli_learning.py", "check/cli.py",
         *(f"gui/{p.name}" for p in sorted(
             (Path(hfs_desktop.__file__).parent / "gui").glob("*.py")))]
"""The two faces: they reach knowledge through the Library only."""
BEHIND_THE_LIBRARY = (r"\bKnowledgeGraph\b", r"(?<![\w.])open_index\b", r"\bPageRenderer\b",
                      r"\bneighbourhood_of\b", r"import networkx", r"(?<![\w.])load_pack\(",
                      r"render_entity\(", r"import .*\bbadge_for\b", r"pack_stats\(",
                      r"ArticleChecker\(", r"list_features\(", r"(?<![\w.])questions\(",
                      r"(?<![\w.])rank\(")


def test_the_cli_and_the_gui_ask_the_library() -> None:
    root = Path(hfs_desktop.__file__).parent
    found = [(face, name) for face in FACES for name in BEHIND_THE_LIBRARY
             if re.search(name, (root / face).read_text(encoding="utf-8"))]
    assert found == []


def test_the_core_does_not_know_its_faces() -> None:
    root = Path(hfs_desktop.__file__).parent
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).as_posix()
        if relative in FACES or relative.startswith("gui/"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "cli" not in {line.split()[1].rsplit(".", 1)[-1] for line in text.splitlines()
                             if line.startswith(("from .", "import ."))
                             and len(line.split()) > 1}, relative
        assert "from .library" not in text or relative == "library.py", relative
