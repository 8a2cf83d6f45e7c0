"""The pack reaches a spawned build process through a private file (search/handoff.py)."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from hfs_desktop.search.handoff import handed_over, taken_over


def test_a_value_is_handed_over_and_its_folder_removed() -> None:
    value = {"entities": ["x" * 1000] * 500, "n": 3}  # well past a pipe's 64 KiB buffer
    with handed_over(value) as path:
        assert Path(path).is_file()
        assert oct(Path(path).parent.stat().st_mode & 0o777) == oct(0o700)
        assert taken_over(path) == value
    assert not Path(path).parent.exists()


def test_a_child_that_dies_at_once_does_not_block_the_parent() -> None:
    """With the value in a file, start() writes only a path: a child dead before reading
    anything leaves the parent free (with a large argument, spawn's pipe would block it)."""
    context = multiprocessing.get_context("spawn")
    with handed_over(b"x" * 2_000_000) as path:
        child = context.Process(target=os._exit, args=(3,), name=f"dies-{Path(path).name}")
        child.start()
        child.join(30)
    assert child.exitcode == 3
