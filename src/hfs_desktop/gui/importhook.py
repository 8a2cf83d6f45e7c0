"""PySide6's import hook, kept from reading the source of the Qt-free core.

Once imported, PySide6 watches every later import (for its ``__feature__`` switches) and
reads each new module's whole source to see whether it uses Qt. The loader thread imports
the core (the pack, Whoosh, networkx: a few hundred modules that never import Qt, which
tests/test_layers.py holds for ours), and that reading cost some 17 ms of the time to
interactive. While :func:`core_sources_not_read` is active, PySide6 is told at once that
such a module does not use Qt; the app's GUI modules, and PySide6's own, are still read.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

QT_USERS = ("hfs_desktop.gui", "PySide6", "shiboken6", "__feature__", "__main__")
"""Module name prefixes that may use Qt: always checked by PySide6 itself."""
_lock = threading.Lock()


@contextmanager
def core_sources_not_read() -> Iterator[None]:
    """Within: modules outside :data:`QT_USERS` are taken not to use Qt, unread. Nothing
    happens when PySide6's hook is not there (another PySide6 version, not imported)."""
    feature = sys.modules.get("shibokensupport.feature")
    check: Callable[[Any], Any] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(check) or not _lock.acquire(blocking=False):
        yield
        return

    def uses_qt(module: Any) -> Any:
        name = getattr(module, "__name__", "")
        if not isinstance(name, str) or name.startswith(QT_USERS):
            return check(module)
        return False

    setattr(feature, "_mod_uses_pyside", uses_qt)  # noqa: B010 (PySide6's private name)
    try:
        yield
    finally:
        if getattr(feature, "_mod_uses_pyside", None) is uses_qt:
            setattr(feature, "_mod_uses_pyside", check)  # noqa: B010
        _lock.release()
