"""Handing a pack to a spawned process through a private file, not its start-up pipe.

`multiprocessing`'s spawn start method writes a process's arguments into a pipe while the
parent still holds that pipe's reading end: a child that dies before it has read them all
(a crash at start, the out-of-memory killer) leaves the parent blocked in ``start()`` for
good once the arguments exceed the pipe's buffer, as a pack of ontology size does. A file
cannot block the writer, and the child's death is then seen by the caller's usual checks.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def handed_over(value: Any) -> Iterator[str]:
    """The path of a file holding ``value`` pickled, in a private folder removed on exit."""
    with tempfile.TemporaryDirectory(prefix="hfs-handoff-") as folder:
        path = Path(folder) / "value.pickle"
        with path.open("wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        yield str(path)


def taken_over(path: str) -> Any:
    """The value :func:`handed_over` wrote (only ever our own file, in our own folder)."""
    with open(path, "rb") as source:
        return pickle.load(source)
