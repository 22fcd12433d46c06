"""WriteTable: rows of one table to Parquet files, one per partition, atomically."""
from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.utils.windowed_value import WindowedValue

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


def pack_rows(values: list[tuple]) -> bytes:
    """A chunk of row value tuples as one compressed blob (what the GroupByKey holds)."""
    return zlib.compress(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack_rows(blob: bytes) -> list[tuple]:
    return pickle.loads(zlib.decompress(blob))


class PackRowsFn(beam.DoFn):
    """Rows -> (partition, compressed chunk of value tuples): the grouped data stays a few bytes a row.

    Rows are buffered per window and partition within a bundle and emitted every `chunk_rows` rows
    and at the end of the bundle, so memory is bounded by the chunk size, not by the corpus.
    """

    def __init__(self, table: Table, chunk_rows: int = 500):
        self.table, self.chunk_rows = table, chunk_rows

    def start_bundle(self):
        self._chunks: dict[tuple, list[tuple]] = {}

    def process(self, row: dict, window=beam.DoFn.WindowParam):
        partition = partition_of(self.table, row)
        chunk = self._chunks.setdefault((window, partition), [])
        chunk.append(tuple(row.get(name) for name in self.table.schema.names))
        if len(chunk) >= self.chunk_rows:
            del self._chunks[(window, partition)]
            yield partition, pack_rows(chunk)

    def finish_bundle(self):
        chunks, self._chunks = self._chunks, {}
        for (window, partition), chunk in chunks.items():
            yield WindowedValue((partition, pack_rows(chunk)), window.max_timestamp(), [window])


class WritePartitionFn(beam.DoFn):
    """Merge rows of one key, write the rows of one partition as one Parquet file; emit its URL."""

    def __init__(self, table: Table, output: str, storage_options: dict,
                 merge_rows: Callable[[list[dict]], dict] = first_row):
        self.table, self.output, self.storage_options = table, output, storage_options
        self.merge_rows = merge_rows
        self.files = Metrics.counter("dateline", f"{table.name}_files")
        self.rows = Metrics.counter("dateline", f"{table.name}_rows")

    def process(self, element):
        partition, blobs = element
        names, key = self.table.schema.names, self.table.key
        by_key: dict[str, list[dict]] = {}
        for blob in blobs:
            for value in unpack_rows(blob):
                row = dict(zip(names, value))
                by_key.setdefault("|".join(str(row[k]) for k in key), []).append(row)
        rows = [self.merge_rows(same) for same in by_key.values()]
        self.rows.inc(len(rows))
        self.files.inc()
        yield write_partition(self.table, self.output, partition, rows, self.storage_options)


@dataclass
class WriteTable(beam.PTransform):
    """Rows -> Parquet under output/<table>/[date=YYYY-MM-DD/]; rows with one key are merged first.

    One GroupByKey by partition: rows travel as compressed chunks of the schema's column values
    (PackRowsFn), and rows of one key are merged in the writer. A key always falls in one partition
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
        table = self.table
        if self.merge_rows is not first_row:  # rows of one key do recur (actors): merge them early
            rows = (
                rows
                | "KeyById" >> beam.Map(lambda row: ("|".join(str(row[k]) for k in table.key), row))
                | "MergeDuplicates" >> beam.CombinePerKey(MergeRowsFn(self.merge_rows))
                | "DropKeys" >> beam.Values()
            )
        return (
            rows
            | "PackByPartition" >> beam.ParDo(PackRowsFn(table))
            | "GroupByPartition" >> beam.GroupByKey()
            | "WriteParquet" >> beam.ParDo(WritePartitionFn(table, self.output, self.storage_options,
                                                            self.merge_rows))
        )
