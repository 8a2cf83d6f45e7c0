"""The cyclic garbage collector paused while the app starts.

Start-up makes a few hundred thousand long-lived objects (PySide6's types and enums, the
pack's records, Whoosh), and the collector walked them again and again while they were being
made: 165 young, 15 middle and one full collection before the first results, some 35 ms of
the time to interactive. It is paused for the start (:func:`pause`) and resumed once the
pack, the index and the graph are loaded (:func:`resume`, also when loading failed or the
run ended, and after 20 s whatever happens): what start-up made is then frozen
(``gc.freeze``), so that later collections skip it, and collecting goes on as usual.
Reference counting frees everything else as ever.
"""

from __future__ import annotations

import gc
import threading

LONGEST_PAUSE_S = 20.0
"""Collecting resumes after this long whatever happens (a load that never reports back)."""
_lock = threading.Lock()
_paused = False


def pause(longest: float = LONGEST_PAUSE_S) -> None:
    """Stop collecting until :func:`resume`, at most ``longest`` seconds (no-op when the
    collector is already off)."""
    global _paused
    with _lock:
        if gc.isenabled():
            gc.disable()
            _paused = True
            timer = threading.Timer(longest, resume)
            timer.daemon = True
            timer.start()


def resume() -> None:
    """Collect again, start-up's objects frozen; only undoes our own :func:`pause`."""
    global _paused
    with _lock:
        if _paused:
            _paused = False
            gc.freeze()
            gc.enable()
