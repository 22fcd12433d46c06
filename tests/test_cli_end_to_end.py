"""The real `dateline` CLI on the bundled examples with the default model, checked with DuckDB."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dateline.query import connect

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
DATELINE = [sys.executable, "-m", "pipeline.cli"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*DATELINE, *args], cwd=REPO, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    done = run_cli("run", "--input", str(EXAMPLES), "--output", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "This run: " in done.stdout and "Most frequent speaker -> target pairs" in done.stdout
    assert re.search(r"files 8/8 read \| articles \d+ analysed", done.stderr)  # progress line
    return out


def test_every_input_file_is_in_articles_or_errors(output):
    con = connect(str(output))
    seen = {uri.split("#L")[0] for (uri,) in con.execute(
        "SELECT source_uri FROM articles UNION ALL SELECT source_uri FROM errors").fetchall()}
    inputs = {str(p) for p in EXAMPLES.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert seen == inputs
    assert con.execute("SELECT count(*) FROM errors WHERE source_uri LIKE '%broken%'").fetchone()[0] == 1


def _stances(output: Path, speaker: str, target: str) -> set[str]:
    con = connect(str(output))
    rows = con.execute("""
        SELECT DISTINCT s.stance FROM statements s
        JOIN actors sp ON sp.actor_id = s.speaker_id JOIN actors tg ON tg.actor_id = s.target_id
        WHERE sp.name = ? AND tg.name = ?""", [speaker, target]).fetchall()
    return {stance for (stance,) in rows}


def test_criticism_and_support_between_named_actors(output):
    # chile_peru_lithium.json: the Chilean foreign minister accuses Peru; Bolivia's praises Peru.
    assert "oppose" in _stances(output, "Valentina Rojas", "Peru")
    assert "support" in _stances(output, "Ana Quispe", "Peru")
    assert "oppose" in _stances(output, "Kenya", "Ethiopia")  # nairobi_border_talks.txt


def test_offsets_point_into_the_body(output):
    con = connect(str(output))
    bad = con.execute("""
        SELECT count(*) FROM statements s JOIN articles a USING (article_id)
        WHERE substr(a.body, s.content_start + 1, s.content_end - s.content_start) <> s.content""").fetchone()
    assert bad == (0,)
    bad = con.execute("""
        SELECT count(*) FROM mentions m JOIN articles a USING (article_id)
        WHERE substr(a.body, m.start + 1, m."end" - m.start) <> m.text""").fetchone()
    assert bad == (0,)


def test_query_command_prints_results(output):
    done = run_cli("query", "SELECT count(*) AS n FROM articles", "--output", str(output))
    assert done.returncode == 0, done.stderr
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{output}/articles/**/*.parquet')").fetchall()[0][0]
    assert done.stdout.split()[-1] == str(n) and n >= 6


def test_a_second_run_gives_identical_tables(output, tmp_path):
    again = tmp_path / "again"
    done = run_cli("run", "--input", str(EXAMPLES), "--output", str(again), "--quiet")
    assert done.returncode == 0, done.stderr[-3000:]
    first, second = connect(str(output)), connect(str(again))
    for table in ("articles", "actors", "mentions", "statements", "errors"):
        sql = f"SELECT * EXCLUDE (date) FROM {table}" if table in (
            "articles", "mentions", "statements") else f"SELECT * FROM {table}"
        rows_first = sorted(map(repr, first.execute(sql).fetchall()))
        rows_second = sorted(map(repr, second.execute(sql).fetchall()))
        assert rows_first == rows_second, table
