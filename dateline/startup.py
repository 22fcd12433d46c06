"""Start-up helpers: imports and model loads create objects that live as long as the process."""
from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Beam modules that `import apache_beam` loads only if they import (each guarded by `except
# ImportError`) and that a local run never uses: the Google Cloud Storage, S3 and Azure filesystems
# (dateline reads and writes through fsspec), BigQuery (and Pub/Sub after it, loaded on demand by
# --notifications) and the Dataflow API client. About 40% of `import apache_beam`.
CLOUD_CONNECTORS = ("apache_beam.io.gcp.gcsfilesystem", "apache_beam.io.aws.s3filesystem",
                    "apache_beam.io.azure.blobstoragefilesystem", "apache_beam.io.gcp.bigquery",
                    "google.cloud.dataflow")


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


def runner_of(argv: list[str]) -> str | None:
    """The --runner flag's value in Beam arguments, or None."""
    for i, arg in enumerate(argv):
        if arg == "--runner" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--runner="):
            return arg.split("=", 1)[1]
    return None


def skip_cloud_connectors(argv: list[str]) -> bool:
    """Before Beam's first import, for a run on the DirectRunner: Beam then finds its cloud connectors
    not installed and skips them (this process can no longer import them). Returns whether it did."""
    runner = runner_of(argv)
    if "apache_beam" in sys.modules or runner is not None and "direct" not in runner.lower():
        return False
    for name in CLOUD_CONNECTORS:
        sys.modules.setdefault(name, None)  # what `import` reads as "not installed"
    return True
