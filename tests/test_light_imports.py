"""What the core loads when imported: the parts the first screen waits for stay light.

Each check imports in a fresh interpreter (this process has everything loaded already).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def modules_after(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it leaves its findings in ``found``."""
    script = f"import json, sys\nfound = {{}}\n{code}\nprint(json.dumps(found))"
    env = dict(os.environ, PYTHONPATH=str(SRC))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                            text=True, check=True, timeout=60)
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def test_the_pack_records_come_without_yaml_and_the_validator() -> None:
    found = modules_after(
        "from hfs_desktop.pack import Entity, Pack\n"
        "found['yaml'] = 'yaml' in sys.modules\n"
        "found['validate'] = 'hfs_desktop.pack.validate' in sys.modules\n"
        "from hfs_desktop.pack import read_pack, validate_pack\n"
        "found['callable'] = callable(read_pack) and callable(validate_pack)\n")
    assert found == {"yaml": False, "validate": False, "callable": True}


def test_search_imports_whoosh_without_urllib_request_and_asyncio() -> None:
    found = modules_after(
        "import hfs_desktop.search\n"
        "found['stand_ins'] = [n for n in ('urllib.request', 'asyncio') if n in sys.modules]\n"
        "import asyncio, urllib.request\n"
        "found['real'] = [hasattr(asyncio, 'run'), hasattr(urllib.request, 'urlopen')]\n")
    assert found == {"stand_ins": [], "real": [True, True]}


def test_whoosh_works_after_the_light_import() -> None:
    found = modules_after(
        "import hfs_desktop.search\n"
        "from whoosh import compat, reading\n"
        "from whoosh.compat import urlretrieve\n"
        "found['urlretrieve'] = callable(urlretrieve)\n"
        "import cached_property\n"
        "found['coroutine'] = cached_property.asyncio.iscoroutinefunction(lambda: 0)\n")
    assert found == {"urlretrieve": True, "coroutine": False}


def test_the_library_imports_without_yaml_networkx_and_whoosh() -> None:
    found = modules_after(
        "import hfs_desktop.library\n"
        "found['heavy'] = [n for n in ('yaml', 'networkx', 'whoosh') if n in sys.modules]\n")
    assert found == {"heavy": []}


def test_the_learning_tools_come_without_yaml() -> None:
    found = modules_after(
        "import hfs_desktop.differential, hfs_desktop.quiz, hfs_desktop.quizstore\n"
        "found['yaml'] = 'yaml' in sys.modules\n"
        "found['qt'] = [n for n in sys.modules if n.startswith('PySide6')]\n")
    assert found == {"yaml": False, "qt": []}


def test_search_imports_whoosh_without_its_english_variations() -> None:
    found = modules_after(
        "import hfs_desktop.search\n"
        "found['loaded'] = 'whoosh.lang.morph_en' in sys.modules\n"
        "from whoosh.query import Variations\n"
        "from whoosh.query.terms import variations\n"
        "found['words'] = sorted(variations('spasm'))[:3]\n"
        "found['real'] = 'whoosh.lang.morph_en' in sys.modules\n")
    assert found["loaded"] is False and found["real"] is True
    assert "spasm" in found["words"]  # type: ignore[operator]


def test_pages_and_the_graph_view_need_no_networkx() -> None:
    found = modules_after(
        "from hfs_desktop.library import Library\n"
        "from hfs_desktop.pack import bundled_pack_dir\n"
        "library = Library.read([bundled_pack_dir()]).link()\n"
        "found['page'] = 'hemifacial' in library.html('hfs/hemifacial-spasm').lower()\n"
        "found['nodes'] = len(library.neighbourhood('hfs/hemifacial-spasm', 2).nodes) > 1\n"
        "found['networkx'] = 'networkx' in sys.modules\n")
    assert found == {"page": True, "nodes": True, "networkx": False}
