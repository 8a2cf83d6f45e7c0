"""The cyclic garbage collector paused while the app starts.

Start-up makes a few hundred thousand long-lived objects (PySide6's types and enums, the
pack's records, Whoosh), and the collector walked them again and again while they were being
made: 165 young, 15 middle and one full collection before the first results, some 35 ms of
the time to interactive. It is paused for the start (:func:`pause`) and resumed once the
pack, the index and the graph are loaded (:func:`resume`, also when loading failed or the
run ended): what start-up made is then frozen (``gc.freeze``), so that later collections
skip it, and collecting goes on as usual. Reference counting frees everything else as ever.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_paused = False


def pause() -> None:
    """Stop collecting until :func:`resume` (no-op when the collector is already off)."""
    global _paused
    with _lock:
        if gc.isenabled():
            gc.disable()
            _paused = True


def resume() -> None:
    """Collect again, start-up's objects frozen; only undoes our own :func:`pause`."""
    global _paused
    with _lock:
        if _paused:
            _paused = False
            gc.freeze()
            gc.enable()
