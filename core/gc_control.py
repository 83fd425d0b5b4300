"""Pausing the cyclic garbage collector around bursts that allocate but create no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic GC while building many acyclic objects (restoring 100,000
    annotations, laying out a highlighted article): it would otherwise rescan the growing
    heap again and again. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
