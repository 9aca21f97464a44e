"""Bulk work (an import, re-indexing thousands of provisions) and Python's cycle collector.

Python collects reference cycles (ORM objects point at each other) automatically, and every
so often it runs a full collection that visits every object the process holds.  A bulk job
makes and drops millions of objects, so those full collections came again and again: 7.5 of
26 CPU seconds of a 10,000-provision import went to them.  Inside ``paused_collector()``
what the process held before is frozen (never visited again during the job), the automatic
collector is off, and the job calls ``collect()`` each time it lets go of a chunk: that frees
the chunk's cycles, visiting only what the job itself made.  Memory stays bounded by a chunk;
afterwards everything is as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[Callable[[], int]]:
    """Yield ``collect()``, to call between chunks; restore the collector on leaving."""
    enabled = gc.isenabled()
    freeze = gc.get_freeze_count() == 0  # someone else's freeze is theirs to undo
    gc.disable()
    if freeze:
        gc.freeze()
    try:
        yield gc.collect
    finally:
        if freeze:
            gc.unfreeze()
        if enabled:
            gc.enable()
