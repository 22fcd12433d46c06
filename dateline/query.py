"""DuckDB over the Parquet output: one view per table, for `dateline query`, the summary and reports."""
from __future__ import annotations

import duckdb

from dateline.storage import filesystem_for, join
from schemas import TABLES, Table

EXAMPLE_QUERIES = {
    "Most frequent speaker -> target pairs": """
        SELECT sp.name AS speaker, tg.name AS target, s.stance, count(*) AS statements
        FROM statements s
        JOIN actors sp ON sp.actor_id = s.speaker_id
        JOIN actors tg ON tg.actor_id = s.target_id
        GROUP BY ALL ORDER BY statements DESC, speaker, target LIMIT 10""",
}


def _parquet_files(output: str, table: Table, storage_options: dict | None) -> tuple[str, bool]:
    """The glob DuckDB reads for a table and whether any file matches it."""
    folder = join(output, table.name)
    fs, path = filesystem_for(folder, storage_options)
    found = bool(fs.glob(join(path, "**", "*.parquet")))
    return join(folder, "**", "*.parquet"), found


def connect(output: str, storage_options: dict | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per output table (empty when it has no files)."""
    con = duckdb.connect()
    if "://" in output and not output.startswith("file://"):
        fs, _ = filesystem_for(output, storage_options)
        con.register_filesystem(fs)
    elif output.startswith("file://"):
        output = output[len("file://"):]
    for table in TABLES.values():
        glob, found = _parquet_files(output, table, storage_options)
        if not found:
            con.register(f"_{table.name}_empty", table.schema.empty_table())
            con.execute(f"CREATE VIEW {table.name} AS SELECT * FROM _{table.name}_empty")
            continue
        source = f"read_parquet('{glob}', hive_partitioning = true, union_by_name = true)"
        # Appending runs may write the same row twice (an actor seen again): one row per key.
        con.execute(f"CREATE VIEW {table.name} AS {_one_row_per_key(table, source)}")
    return con


def _one_row_per_key(table: Table, source: str) -> str:
    """SQL keeping one row per key; actors seen by several runs get their aliases merged."""
    keys = ", ".join(table.key)
    if table.name != "actors":
        return (f"SELECT * FROM {source} "
                f"QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY {keys}) = 1")
    merged = {"aliases": "list_sort(list_distinct(flatten(list(aliases)))) AS aliases",
              "is_location": "bool_and(is_location) AS is_location"}
    columns = [merged.get(name, f"max({name}) AS {name}" if name not in table.key else name)
               for name in table.schema.names]
    return f"SELECT {', '.join(columns)} FROM {source} GROUP BY {keys}"


def run_query(output: str, sql: str, storage_options: dict | None = None) -> tuple[list[str], list[tuple]]:
    """Run SQL against the output's views; return column names and rows."""
    cursor = connect(output, storage_options).execute(sql)
    if cursor.description is None:
        return [], []
    return [column[0] for column in cursor.description], cursor.fetchall()


def format_rows(columns: list[str], rows: list[tuple], max_width: int = 60) -> str:
    """A plain-text table of query results."""
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    return "\n".join(lines)


def _cell(value, max_width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= max_width else text[: max_width - 1] + "…"
