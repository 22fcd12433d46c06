"""The Parquet sink: schema, determinism, atomic writes, actor merging."""
from __future__ import annotations

import pyarrow.dataset as ds
import pytest

from dateline.sink import ensure_table_folders, file_name, merge_actor_rows, write_partition
from schemas import ACTORS, ERRORS, MENTIONS, TABLES, partition_of


def mention(i: int, published: str | None = "2024-05-01") -> dict:
    return {"mention_id": f"m{i}", "article_id": "a1", "actor_id": f"x{i % 2}", "text": "Kenya",
            "start": i, "end": i + 5, "label": "GPE", "published": published}


def test_write_partition_round_trips_rows_with_the_declared_schema(tmp_path):
    rows = [mention(i) for i in range(5)]
    url = write_partition(MENTIONS, str(tmp_path), partition_of(MENTIONS, rows[0]), rows)
    assert "/mentions/date=2024-05-01/part-" in url
    table = ds.dataset(tmp_path / "mentions", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 5
    assert table.schema.field("start").type == MENTIONS.schema.field("start").type
    assert sorted(table.column("mention_id").to_pylist()) == [f"m{i}" for i in range(5)]


def test_same_rows_give_the_same_file_in_any_order_and_no_temp_files(tmp_path):
    rows = [mention(i) for i in range(4)]
    first = write_partition(MENTIONS, str(tmp_path), "date=2024-05-01", rows)
    second = write_partition(MENTIONS, str(tmp_path), "date=2024-05-01", list(reversed(rows)))
    assert first == second
    files = sorted(p.name for p in (tmp_path / "mentions" / "date=2024-05-01").iterdir())
    assert files == [first.rsplit("/", 1)[1]]
    assert file_name(MENTIONS, rows[:2]) != file_name(MENTIONS, rows)


def test_unknown_dates_and_unpartitioned_tables():
    assert partition_of(MENTIONS, mention(1, published=None)) == "date=unknown"
    assert partition_of(ERRORS, {"source_uri": "x"}) == ""


def test_rows_that_break_the_schema_are_refused(tmp_path):
    bad = mention(1)
    bad["start"] = "not a number"
    with pytest.raises(Exception):
        write_partition(MENTIONS, str(tmp_path), "", [bad])


def test_merge_actor_rows_unions_aliases_and_fills_nulls():
    merged = merge_actor_rows([
        {"actor_id": "a", "name": "Imran Khan", "type": "PERSON", "country": None,
         "role": "Prime Minister", "sector": None, "is_location": False, "aliases": ["Mr Khan"]},
        {"actor_id": "a", "name": "Imran Khan", "type": "PERSON", "country": "PAK",
         "role": None, "sector": "GOV", "is_location": False, "aliases": ["Imran Khan", "Mr Khan"]},
    ])
    assert merged["country"] == "PAK" and merged["role"] == "Prime Minister"
    assert merged["aliases"] == ["Imran Khan", "Mr Khan"]


def test_ensure_table_folders_creates_all_tables(tmp_path):
    ensure_table_folders(str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(TABLES)
    assert ACTORS.partition_by is None


def test_merge_actor_rows_is_independent_of_row_order():
    rows = [
        {"actor_id": "a", "name": "Jane Roe", "type": "PERSON", "country": "NLD", "role": "envoy",
         "sector": None, "is_location": False, "aliases": ["Roe"], "wikidata_id": None},
        {"actor_id": "a", "name": "Jane Roe", "type": "PERSON", "country": "NLD",
         "role": "foreign minister", "sector": "GOV", "is_location": False, "aliases": ["Jane Roe"],
         "wikidata_id": None},
        {"actor_id": "a", "name": "Jane Roe", "type": "PERSON", "country": "NLD", "role": None,
         "sector": "MIL", "is_location": False, "aliases": ["Ms Roe"], "wikidata_id": "Q1"},
    ]
    orders = [rows, rows[::-1], [rows[1], rows[2], rows[0]]]
    whole = [merge_actor_rows(order) for order in orders]
    pairwise = [merge_actor_rows([merge_actor_rows(order[:2]), order[2]]) for order in orders]
    assert all(row == whole[0] for row in whole + pairwise)
    assert whole[0]["role"] == "foreign minister" and whole[0]["sector"] == "MIL"
    assert whole[0]["wikidata_id"] == "Q1" and whole[0]["aliases"] == ["Jane Roe", "Ms Roe", "Roe"]
