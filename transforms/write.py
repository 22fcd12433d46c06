"""WriteTable: rows of one table to Parquet files, one per partition, atomically."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import apache_beam as beam
from apache_beam.metrics import Metrics

from dateline.sink import write_partition
from schemas import Table, partition_of


def first_row(rows: list[dict]) -> dict:
    """Default duplicate merge: rows with one key are the same row, keep the first."""
    return rows[0]


class MergeRowsFn(beam.CombineFn):
    """Merge rows of one key as they arrive: combiner lifting keeps one row per key per bundle."""

    def __init__(self, merge_rows: Callable[[list[dict]], dict]):
        self.merge_rows = merge_rows

    def create_accumulator(self):
        return None

    def add_input(self, merged, row):
        return row if merged is None else self.merge_rows([merged, row])

    def merge_accumulators(self, accumulators):
        rows = [row for row in accumulators if row is not None]
        return self.merge_rows(rows) if rows else None

    def extract_output(self, merged):
        return merged


class WritePartitionFn(beam.DoFn):
    """Merge rows of one key, write the rows of one partition as one Parquet file; emit its URL."""

    def __init__(self, table: Table, output: str, storage_options: dict,
                 merge_rows: Callable[[list[dict]], dict] = first_row):
        self.table, self.output, self.storage_options = table, output, storage_options
        self.merge_rows = merge_rows
        self.files = Metrics.counter("dateline", f"{table.name}_files")
        self.rows = Metrics.counter("dateline", f"{table.name}_rows")

    def process(self, element):
        partition, values = element
        names, key = self.table.schema.names, self.table.key
        by_key: dict[str, list[dict]] = {}
        for value in values:
            row = dict(zip(names, value))
            by_key.setdefault("|".join(str(row[k]) for k in key), []).append(row)
        rows = [self.merge_rows(same) for same in by_key.values()]
        self.rows.inc(len(rows))
        self.files.inc()
        yield write_partition(self.table, self.output, partition, rows, self.storage_options)


@dataclass
class WriteTable(beam.PTransform):
    """Rows -> Parquet under output/<table>/[date=YYYY-MM-DD/]; rows with one key are merged first.

    One GroupByKey by partition: rows travel as tuples of the schema's column values (no repeated
    column names), and rows of one key are merged in the writer. A key always falls in one partition
    (the partition column comes from the same article as the key), so this equals merging by key
    first. Tables with a merge function (actors) are merged by key with a CombineFn first.
    """

    table: Table
    output: str
    storage_options: dict = field(default_factory=dict)
    merge_rows: Callable[[list[dict]], dict] = first_row

    def __post_init__(self):
        super().__init__()

    def expand(self, rows):
        table, names = self.table, self.table.schema.names
        if self.merge_rows is not first_row:  # rows of one key do recur (actors): merge them early
            rows = (
                rows
                | "KeyById" >> beam.Map(lambda row: ("|".join(str(row[k]) for k in table.key), row))
                | "MergeDuplicates" >> beam.CombinePerKey(MergeRowsFn(self.merge_rows))
                | "DropKeys" >> beam.Values()
            )
        return (
            rows
            | "KeyByPartition" >> beam.Map(
                lambda row: (partition_of(table, row), tuple(row.get(name) for name in names)))
            | "GroupByPartition" >> beam.GroupByKey()
            | "WriteParquet" >> beam.ParDo(WritePartitionFn(table, self.output, self.storage_options,
                                                            self.merge_rows))
        )
