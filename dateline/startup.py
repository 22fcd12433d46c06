"""Start-up helpers: imports and model loads create objects that live as long as the process."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; what exists at its end leaves the GC's view.

    Imports and the model load keep nearly everything they create, so the collector would only
    rescan it (about a sixth of the start-up's CPU). A zero threshold, not gc.disable(): libraries
    that re-enable the collector (msgpack) do not touch thresholds.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)
