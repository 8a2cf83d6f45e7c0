"""PySide6's import hook does not read the core's sources while the loader imports it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ..conftest import REPO

SCRIPT = """
import json, sys
import PySide6.QtCore
feature = sys.modules["shibokensupport.feature"]
original = feature._mod_uses_pyside
read = []
def recording(module):
    read.append(module.__name__)
    return original(module)
feature._mod_uses_pyside = recording
from hfs_desktop.gui.importhook import core_sources_not_read
with core_sources_not_read():
    del read[:]
    import hfs_desktop.search
    import hfs_desktop.gui.dialogs
    inside = list(read)
import hfs_desktop.export  # imports networkx
print(json.dumps({"inside": inside, "after": read[len(inside):],
                  "restored": feature._mod_uses_pyside is recording}))
"""


def test_the_core_is_imported_without_pyside6_reading_its_sources() -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                            text=True, check=True, timeout=120)
    found = json.loads(result.stdout)
    assert found["restored"] is True
    assert [n for n in found["inside"] if n.startswith("hfs_desktop.gui")]  # still read
    assert not [n for n in found["inside"] if n.startswith(("hfs_desktop.search", "whoosh"))]
    assert [n for n in found["after"] if n.startswith("networkx")]  # outside: as before
