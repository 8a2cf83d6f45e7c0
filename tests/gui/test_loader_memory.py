"""The pack loader keeps linecache from holding every imported module's source."""

from __future__ import annotations

import linecache
import os
import sys

from hfs_desktop.gui.worker import lines_not_kept


def test_linecache_holds_a_few_files_while_loading_and_is_restored() -> None:
    before = linecache.cache
    with lines_not_kept():
        assert linecache.cache is not before
        # Empty modules (a bare __init__.py) have no lines to read.
        files = sorted({module.__file__ for module in list(sys.modules.values())
                        if str(getattr(module, "__file__", "")).endswith(".py")
                        and os.path.isfile(module.__file__)
                        and os.path.getsize(module.__file__) > 0})
        assert len(files) > 40
        for name in files[:40]:
            assert linecache.getlines(name)
        loaded = [name for name, entry in linecache.cache.items() if len(entry) != 1]
        assert 1 <= len(loaded) <= 16
        assert linecache.getline(files[0], 1)  # still reads lines
    assert linecache.cache is before
