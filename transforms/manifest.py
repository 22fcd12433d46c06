"""RecordManifest: append a run's inputs to `_manifest`, only once every table file is written."""
from __future__ import annotations

from dataclasses import dataclass, field

import apache_beam as beam
from apache_beam.metrics import Metrics

from dateline.manifest import InputEntry, manifest_rows, write_manifest


class WriteManifestFn(beam.DoFn):
    """Write the manifest file; its side inputs (the written table files) make it run last."""

    def __init__(self, run_id: str, output: str, storage_options: dict):
        self.run_id, self.output, self.storage_options = run_id, output, storage_options
        self.recorded = Metrics.counter("dateline", "manifest_entries")

    def process(self, entries: list[InputEntry], written_files: list[str], read_errors: list[tuple]):
        rows = manifest_rows(self.run_id, entries, dict(read_errors))
        self.recorded.inc(len(rows))
        url = write_manifest(self.output, rows, self.storage_options)
        if url:
            yield url


@dataclass
class RecordManifest(beam.PTransform):
    """(written table file URLs, error rows) -> the manifest file URL of this run."""

    run_id: str
    entries: list[InputEntry]
    output: str
    storage_options: dict = field(default_factory=dict)

    def __post_init__(self):
        super().__init__()

    def expand(self, inputs):
        written, errors = inputs
        read_errors = errors | "ReadErrors" >> beam.FlatMap(
            lambda row: [(row["source_uri"], row["error_type"])] if row["stage"] == "read" else [])
        return (
            written.pipeline
            | "RunInputs" >> beam.Create([self.entries])
            | "WriteManifest" >> beam.ParDo(
                WriteManifestFn(self.run_id, self.output, self.storage_options),
                beam.pvalue.AsList(written), beam.pvalue.AsList(read_errors))
        )
