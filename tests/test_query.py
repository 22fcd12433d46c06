"""DuckDB views over the output, including empty tables and rows repeated across runs."""
from __future__ import annotations

from dateline.query import connect, format_rows, run_query
from dateline.sink import ensure_table_folders, write_partition
from schemas import ACTORS, ERRORS


def actor(actor_id: str, name: str) -> dict:
    return {"actor_id": actor_id, "name": name, "type": "GPE", "country": "KEN", "role": None,
            "sector": None, "is_location": False, "aliases": [name]}


def test_empty_output_has_every_view_with_its_columns(tmp_path):
    ensure_table_folders(str(tmp_path))
    con = connect(str(tmp_path))
    assert con.execute("SELECT count(*) FROM statements").fetchone() == (0,)
    assert "speaker_id" in con.sql("SELECT * FROM statements").columns


def test_views_read_rows_and_keep_one_row_per_key(tmp_path):
    ensure_table_folders(str(tmp_path))
    write_partition(ACTORS, str(tmp_path), "", [actor("k1", "Kenya"), actor("u1", "Uganda")])
    write_partition(ACTORS, str(tmp_path), "", [actor("k1", "Kenya")])  # a second run saw Kenya again
    write_partition(ERRORS, str(tmp_path), "", [{"error_id": "e", "source_uri": "f.json",
                                                 "stage": "parse", "error_type": "json",
                                                 "message": "bad"}])
    columns, rows = run_query(str(tmp_path), "SELECT name FROM actors ORDER BY name")
    assert columns == ["name"] and rows == [("Kenya",), ("Uganda",)]
    assert run_query(str(tmp_path), "SELECT count(*) FROM errors")[1] == [(1,)]


def test_format_rows_aligns_columns_and_truncates():
    text = format_rows(["a", "b"], [("x" * 100, None)], max_width=10)
    assert text.splitlines()[2].startswith("x" * 9 + "…")


def test_actors_seen_by_two_runs_merge_their_aliases(tmp_path):
    ensure_table_folders(str(tmp_path))
    first, second = actor("k1", "Kenya"), actor("k1", "Kenya")
    first["aliases"], second["aliases"] = ["Kenya"], ["Kenyan government", "Kenya"]
    write_partition(ACTORS, str(tmp_path), "", [first])
    write_partition(ACTORS, str(tmp_path), "", [second])
    rows = run_query(str(tmp_path), "SELECT actor_id, aliases FROM actors")[1]
    assert rows == [("k1", ["Kenya", "Kenyan government"])]
