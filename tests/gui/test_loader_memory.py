"""The pack loader keeps linecache from holding every imported module's source."""

from __future__ import annotations

import linecache

from hfs_desktop.gui.worker import lines_not_kept


def test_linecache_holds_one_file_while_loading_and_is_restored() -> None:
    before = linecache.cache
    with lines_not_kept():
        assert linecache.cache is not before
        for module in (linecache, __import__("json"), __import__("pathlib")):
            assert linecache.getlines(module.__file__)
        loaded = [name for name, entry in linecache.cache.items() if len(entry) != 1]
        assert len(loaded) == 1
        assert linecache.getline(__import__("pathlib").__file__, 1)  # still reads lines
    assert linecache.cache is before
