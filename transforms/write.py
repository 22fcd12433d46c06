"""WriteTable: rows of one table to Parquet files, one per partition, atomically."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import apache_beam as beam
from apache_beam.metrics import Metrics

from dateline.sink import write_partition
from schemas import Table, partition_of


class WritePartitionFn(beam.DoFn):
    """Write the grouped rows of one partition as one Parquet file; emit its URL."""

    def __init__(self, table: Table, output: str, storage_options: dict):
        self.table, self.output, self.storage_options = table, output, storage_options
        self.files = Metrics.counter("dateline", f"{table.name}_files")
        self.rows = Metrics.counter("dateline", f"{table.name}_rows")

    def process(self, element):
        partition, rows = element
        rows = list(rows)
        self.rows.inc(len(rows))
        self.files.inc()
        yield write_partition(self.table, self.output, partition, rows, self.storage_options)


@dataclass
class WriteTable(beam.PTransform):
    """Rows -> Parquet under output/<table>/[date=YYYY-MM-DD/]; rows with one key are merged first."""

    table: Table
    output: str
    storage_options: dict = field(default_factory=dict)
    merge_rows: Callable[[list[dict]], dict] = lambda rows: rows[0]  # noqa: E731

    def __post_init__(self):
        super().__init__()

    def expand(self, rows):
        table, merge_rows = self.table, self.merge_rows
        unique = (
            rows
            | "KeyById" >> beam.Map(lambda row: ("|".join(str(row[k]) for k in table.key), row))
            | "GroupById" >> beam.GroupByKey()
            | "MergeDuplicates" >> beam.MapTuple(lambda _, same: merge_rows(list(same)))
        )
        return (
            unique
            | "KeyByPartition" >> beam.Map(lambda row: (partition_of(table, row), row))
            | "GroupByPartition" >> beam.GroupByKey()
            | "WriteParquet" >> beam.ParDo(WritePartitionFn(table, self.output, self.storage_options))
        )
