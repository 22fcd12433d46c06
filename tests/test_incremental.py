"""Incremental batch runs: only new or changed inputs are processed, recorded in `_manifest`."""
from __future__ import annotations

import json

import duckdb
import pytest

from dateline.manifest import DONE, FAILED, latest_entries, plan_run, read_manifest
from dateline.query import connect
from dateline.summary import run_counters
from pipeline.run import run

ARTICLES = {
    "kenya.json": {"title": "Kenya praises Uganda over border deal", "published": "2024-03-14",
                   "text": "Kenyan President William Ruto praised Uganda for reopening the border "
                           "crossing at Malaba on Wednesday."},
    "peru.json": {"title": "Peru rejects Chile claim", "published": "2024-03-15",
                  "text": "Peruvian Foreign Minister Javier Gonzalez-Olaechea rejected Chile's claim "
                          "over the fishing zone on Friday."},
}
NEW_ARTICLE = ("date 2024-03-16 ACCRA: Ghana's President Nana Akufo-Addo welcomed Nigeria's offer "
               "to share electricity during the dry season.")
KEYED_TABLES = {"articles": "article_id", "mentions": "mention_id", "statements": "statement_id",
                "errors": "error_id"}


def _run(input_folder, output, *extra):
    return run(["--input", str(input_folder), "--output", str(output), "--quiet", *extra])


def _raw_duplicates(output) -> dict[str, int]:
    """Rows whose key occurs more than once across all Parquet files of each non-actor table."""
    con = duckdb.connect()
    found = {}
    for table, key in KEYED_TABLES.items():
        files = list((output / table).rglob("*.parquet"))
        if not files:
            continue
        paths = ", ".join(f"'{f}'" for f in files)
        found[table] = con.execute(f"SELECT count(*) - count(DISTINCT {key}) FROM read_parquet([{paths}], "
                                   "union_by_name = true)").fetchone()[0]
    return found


def _runs(output) -> dict[str, set[str]]:
    """Input file names recorded per run id."""
    runs: dict[str, set[str]] = {}
    for row in read_manifest(str(output)):
        runs.setdefault(row["run_id"], set()).add(row["input_url"].rsplit("/", 1)[1])
    return runs


@pytest.fixture(scope="module")
def incremental(tmp_path_factory):
    """Run 1 on two files, run 2 after a third file arrived, run 3 with nothing new."""
    base = tmp_path_factory.mktemp("incremental")
    folder, output = base / "in", base / "out"
    folder.mkdir()
    for name, article in ARTICLES.items():
        (folder / name).write_text(json.dumps(article), encoding="utf-8")
    first = _run(folder, output)
    first_runs = _runs(output)
    (folder / "ghana.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    second = _run(folder, output)
    second_runs = _runs(output)
    third = _run(folder, output)
    return folder, output, (first, second, third), (first_runs, second_runs, _runs(output))


def test_second_run_processes_only_the_new_file(incremental):
    _, output, (first, second, third), (first_runs, second_runs, third_runs) = incremental
    assert run_counters(first)["files_read"] == 2
    assert run_counters(second)["files_read"] == 1
    assert list(first_runs.values()) == [{"kenya.json", "peru.json"}]
    new_runs = {k: v for k, v in second_runs.items() if k not in first_runs}
    assert list(new_runs.values()) == [{"ghana.txt"}]
    assert third is None and third_runs == second_runs
    assert all(row["status"] == DONE for row in read_manifest(str(output)))


def test_appending_duplicates_no_rows(incremental):
    _, output, _, _ = incremental
    duplicates = _raw_duplicates(output)
    assert {"articles", "mentions"} <= set(duplicates) and set(duplicates.values()) == {0}, duplicates
    con = connect(str(output))
    sources = [r[0].rsplit("/", 1)[1] for r in
               con.execute("SELECT source_uri FROM articles ORDER BY source_uri").fetchall()]
    assert sources == ["ghana.txt", "kenya.json", "peru.json"]
    for table, key in {**KEYED_TABLES, "actors": "actor_id"}.items():
        total, distinct = con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
        assert total == distinct, table


def test_changed_file_is_reprocessed_and_reprocess_forces_all(incremental):
    folder, output, _, (_, _, before) = incremental
    changed = dict(ARTICLES["peru.json"], text=ARTICLES["peru.json"]["text"] + " Lima recalled its envoy.")
    (folder / "peru.json").write_text(json.dumps(changed), encoding="utf-8")
    (folder / "kenya.json").touch()  # new mtime, same content: skipped by checksum
    result = _run(folder, output)
    after = _runs(output)
    assert run_counters(result)["files_read"] == 1
    assert [v for k, v in after.items() if k not in before] == [{"peru.json"}]
    con = connect(str(output))
    texts = {r[0] for r in con.execute(
        "SELECT body FROM articles WHERE source_uri LIKE '%peru.json'").fetchall()}
    assert any("recalled its envoy" in text for text in texts)

    forced = _run(folder, output, "--reprocess")
    assert run_counters(forced)["files_read"] == 3
    assert [v for k, v in _runs(output).items() if k not in after] == [{"kenya.json", "peru.json",
                                                                         "ghana.txt"}]
    con = connect(str(output))
    for table, key in {**KEYED_TABLES, "actors": "actor_id"}.items():
        total, distinct = con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
        assert total == distinct, table
    # one article per (input, content version): the old and the new peru.json
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_unreadable_input_is_failed_and_retried(tmp_path):
    folder, output = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "big.txt").write_text(NEW_ARTICLE * 20, encoding="utf-8")
    _run(folder, output, "--max-bytes", "100")
    (row,) = read_manifest(str(output))
    assert (row["status"], row["error_type"]) == (FAILED, "too_large")
    plan = plan_run(str(output), [str(folder / "big.txt")])
    assert plan.urls == [str(folder / "big.txt")]  # failed inputs are retried
    assert latest_entries(read_manifest(str(output)))[str(folder / "big.txt")]["status"] == FAILED
