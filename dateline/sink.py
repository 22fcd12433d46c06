"""Parquet writing: rows of one table partition into one file, atomically and deterministically."""
from __future__ import annotations

import uuid

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.ids import stable_id
from dateline.storage import filesystem_for, join
from schemas import TABLES, Table

IN_PROGRESS_PREFIX = "."  # readers (pyarrow, DuckDB globs on *.parquet) skip these files


def table_of_rows(table: Table, rows: list[dict]) -> pa.Table:
    """Rows as an Arrow table with the declared schema, sorted by the table key."""
    ordered = sorted(rows, key=lambda row: tuple(str(row[k]) for k in table.key))
    columns = {name: [row.get(name) for row in ordered] for name in table.schema.names}
    return pa.Table.from_pydict(columns, schema=table.schema)


def file_name(table: Table, rows: list[dict]) -> str:
    """Deterministic file name from the rows' keys: a retried write overwrites, never duplicates."""
    keys = sorted("|".join(str(row[k]) for k in table.key) for row in rows)
    return f"part-{stable_id(table.name, *keys, length=24)}.parquet"


def write_partition(table: Table, output: str, partition: str, rows: list[dict],
                    storage_options: dict | None = None, row_group_size: int = 50_000) -> str:
    """Write rows as one zstd Parquet file under output/table/partition; return its URL."""
    arrow_table = table_of_rows(table, rows)
    folder = join(output, table.name, partition)
    final_url = join(folder, file_name(table, rows))
    fs, folder_path = filesystem_for(folder, storage_options)
    fs.makedirs(folder_path, exist_ok=True)
    final_path = join(folder_path, final_url.rsplit("/", 1)[1])
    temp_path = join(folder_path, f"{IN_PROGRESS_PREFIX}{uuid.uuid4().hex}.inprogress")
    with fs.open(temp_path, "wb") as handle:
        pq.write_table(arrow_table, handle, compression="zstd", row_group_size=row_group_size)
    fs.mv(temp_path, final_path)
    return final_url


def merge_actor_rows(rows: list[dict]) -> dict:
    """One actor row from several rows of the same actor_id, whatever order they come in.

    Each field takes the greatest non-null value (as the `actors` view in DuckDB does), aliases
    are the union and is_location holds only when it holds for every row: the rule is commutative
    and associative, so parallel workers and combiner lifting give the same row.
    """
    merged = {}
    for name in dict.fromkeys(name for row in rows for name in row):
        values = [row[name] for row in rows if row.get(name) is not None]
        merged[name] = max(values) if values else None
    merged["aliases"] = sorted({alias for row in rows for alias in row.get("aliases") or []})
    merged["is_location"] = all(row.get("is_location") for row in rows)
    return merged


def ensure_table_folders(output: str, storage_options: dict | None = None) -> None:
    """Create every table folder so readers find all five tables even when one is empty."""
    for table in TABLES.values():
        url = join(output, table.name)
        fs, path = filesystem_for(url, storage_options)
        fs.makedirs(path, exist_ok=True)

