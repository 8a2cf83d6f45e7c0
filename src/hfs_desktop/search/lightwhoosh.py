"""Import Whoosh without the modules it pulls in but never uses here.

``whoosh.compat`` imports ``urllib.request`` (for ``urlretrieve``, which only Whoosh's
download helpers call) and ``whoosh.reading`` the ``cached_property`` package, which imports
``asyncio`` (to tell coroutine functions apart). Together they are about 30 ms of a start of
about 0.5 s. ``whoosh.query.terms`` imports ``whoosh.lang.morph_en`` (English word
variations, a module of large regular expressions: 5-7 ms) for its ``Variations`` query,
which the search does not use. While Whoosh is imported, these names stand for small
stand-ins that load the real module on first use; afterwards ``sys.modules`` holds the real
modules again (or nothing, so that a later ``import`` gets the real one).
"""

from __future__ import annotations

import importlib
import inspect
import sys
import threading
import types
from typing import Any

_lock = threading.Lock()


class _Deferred(types.ModuleType):
    """A module that imports the real one on the first attribute it does not have."""

    def __getattr__(self, name: str) -> Any:
        real = importlib.import_module(self.__name__)
        if real is self:  # pragma: no cover - only while the stand-in is installed
            raise AttributeError(name)
        return getattr(real, name)


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _variations(*args: Any, **kwargs: Any) -> Any:
    from whoosh.lang.morph_en import variations

    return variations(*args, **kwargs)


def _stand_ins() -> dict[str, types.ModuleType]:
    request = _Deferred("urllib.request")
    request.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    aio = _Deferred("asyncio")
    # What cached_property asks on every access; no Whoosh property is a coroutine.
    aio.iscoroutinefunction = inspect.iscoroutinefunction  # type: ignore[attr-defined]
    morph = _Deferred("whoosh.lang.morph_en")
    morph.variations = _variations  # type: ignore[attr-defined]
    return {"urllib.request": request, "asyncio": aio, "whoosh.lang.morph_en": morph}


def import_whoosh() -> None:
    """Import the Whoosh modules the search uses (once; any thread)."""
    if "whoosh.reading" in sys.modules:
        return
    with _lock:
        if "whoosh.reading" in sys.modules:
            return
        installed = {name: module for name, module in _stand_ins().items()
                     if name not in sys.modules}
        sys.modules.update(installed)
        try:
            import whoosh.compat
            import whoosh.query.terms
            import whoosh.reading  # noqa: F401
        finally:
            for name, module in installed.items():
                if sys.modules.get(name) is module:
                    del sys.modules[name]
