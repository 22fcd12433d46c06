"""gc_paused: no automatic collection during start-up, thresholds restored, survivors frozen."""
import gc

from dateline.startup import gc_paused


def test_gc_paused_stops_collection_even_if_a_library_reenables_it():
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    collections = gc.get_stats()[0]["collections"]
    with gc_paused():
        gc.enable()  # what msgpack does after unpacking
        kept = [[i] for i in range(50_000)]  # far more allocations than a generation-0 threshold
        assert gc.get_stats()[0]["collections"] == collections
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() >= frozen + len(kept)
    gc.unfreeze()
