"""Fewer full garbage collections while an analysis builds its results.

An analysis allocates hundreds of thousands of long-lived objects (candidates, mentions,
facts) and no reference cycles. CPython answers every 25 % of heap growth with a full
collection that walks every object of the process with the GIL held: about ten of them for
a 10 MB article, the last ones over 300 ms each, stalling the GUI thread and making the
analysis grow faster than linearly. While an analysis runs, young objects are still
collected as usual; the full pass is left for after it, where it runs once.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# An oldest-generation threshold no analysis reaches: no automatic full collection meanwhile.
DEFERRED_FULL_COLLECTION_THRESHOLD = 1_000_000

_lock = threading.Lock()
_active = 0  # analyses running now (a cancelled one may overlap its successor)
_saved_thresholds: tuple[int, int, int] | None = None


@contextmanager
def full_collections_deferred() -> Iterator[None]:
    """Skip automatic full collections inside the block; restore the thresholds after it."""
    global _active, _saved_thresholds
    with _lock:
        if _active == 0:
            _saved_thresholds = gc.get_threshold()
            young, middle, _ = _saved_thresholds
            gc.set_threshold(young, middle, DEFERRED_FULL_COLLECTION_THRESHOLD)
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _saved_thresholds is not None:
                gc.set_threshold(*_saved_thresholds)
                _saved_thresholds = None
