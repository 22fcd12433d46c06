"""Nothing lost, nothing crashes: the real `dateline run` (DirectRunner) on a 1,000-file mixed corpus.

Accounting (every input is an article or an error, as the summary says), determinism (two runs give
identical files and rows), crash safety (SIGKILL mid-run, then rerun). Flaky storage and safety are in
tests/test_reliability_storage.py; property-based extractor tests in tests/test_reliability_properties.py.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from corpus import ARTICLE, MAX_BYTES, MAX_CHARS, write_corpus
from dateline.manifest import DONE, read_manifest
from dateline.query import connect
from schemas import TABLES

REPO = Path(__file__).resolve().parents[1]
N_FILES = int(os.environ.get("DATELINE_RELIABILITY_FILES", "1000"))
CAPS = ("--max-bytes", str(MAX_BYTES), "--max-chars", str(MAX_CHARS))


def dateline_run(input_folder: Path, output: Path, *extra: str) -> subprocess.CompletedProcess:
    """`dateline run` in a subprocess, as a user runs it."""
    command = [sys.executable, "-m", "pipeline.cli", "run", "--input", str(input_folder),
               "--output", str(output), *CAPS, *extra]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def raw_rows(output: Path, table: str) -> list[dict]:
    """Every row of every visible Parquet file of a table (no de-duplication)."""
    files = sorted((output / table).rglob("*.parquet"))
    return [row for f in files for row in pq.read_table(f).to_pylist()]


def raw_duplicates(output: Path) -> dict[str, int]:
    """Per table: rows whose key occurs more than once across its raw Parquet files (DuckDB)."""
    con = duckdb.connect()
    found = {}
    for name, table in TABLES.items():
        files = sorted((output / name).rglob("*.parquet"))
        if not files:
            found[name] = 0
            continue
        paths = ", ".join(f"'{f}'" for f in files)
        keys = ", ".join(table.key)
        found[name] = con.execute(
            f"SELECT count(*) - count(DISTINCT ({keys})) FROM read_parquet([{paths}], union_by_name = true)"
        ).fetchone()[0]
    return found


def table_snapshot(output: Path) -> dict[str, list[str]]:
    """Every table's rows (with the hive `date` column), sorted, as comparable strings."""
    con = connect(str(output))
    return {name: sorted(map(repr, con.execute(f"SELECT * FROM {name}").fetchall())) for name in TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    return folder, write_corpus(folder, N_FILES)


@pytest.fixture(scope="module")
def first(corpus, tmp_path_factory) -> tuple[Path, str]:
    """One full run with the summary printed."""
    output = tmp_path_factory.mktemp("first") / "out"
    return output, dateline_run(corpus[0], output).stdout


# ---------------------------------------------------------------- accounting


def test_every_input_is_an_article_or_an_error(corpus, first):
    _, expected = corpus
    output, _ = first
    articles = [row["source_uri"] for row in raw_rows(output, "articles")]
    errors = {row["source_uri"]: row for row in raw_rows(output, "errors")}
    assert len(articles) == len(set(articles))
    assert not set(articles) & set(errors), "an input is both an article and an error"
    assert len(articles) + len(errors) == len(expected)
    assert set(articles) | set(errors) == {e.uri for e in expected}
    wrong = []
    for e in expected:
        if e.outcome == ARTICLE:
            if e.uri not in set(articles):
                wrong.append((e.kind, e.uri, errors.get(e.uri)))
        elif (errors[e.uri]["stage"], errors[e.uri]["error_type"]) != (e.stage, e.error_type):
            wrong.append((e.kind, e.uri, errors[e.uri]))
    assert not wrong, wrong[:5]
    assert all(row["message"] for row in errors.values())


def test_the_summary_prints_the_accounting(corpus, first):
    _, expected = corpus
    output, stdout = first
    n_articles = sum(e.outcome == ARTICLE for e in expected)
    n_errors = len(expected) - n_articles
    match = re.search(r"Accounting: (\d+) inputs .*= (\d+) articles \+ (\d+) failed inputs: all accounted for",
                      stdout)
    assert match, stdout[:2000]
    assert tuple(map(int, match.groups())) == (len(expected), n_articles, n_errors)
    assert f"This run: {N_FILES} input files, {n_articles} articles analysed, {n_errors} errors" in stdout
    assert f"{n_articles} articles, {n_errors} failed inputs" in stdout


def test_encodings_are_detected_and_recorded(first):
    output, _ = first
    encodings = {}
    for row in raw_rows(output, "articles"):
        kind = Path(row["source_uri"].split("#")[0]).name.split("-", 1)[1].split(".")[0]
        encodings.setdefault(kind, set()).add(row["encoding"])
    assert encodings["cp1252"] == {"cp1252"}
    assert encodings["utf16_bom"] == {"utf-16"}
    assert encodings["good_txt"] == {"utf-8"}


def test_offsets_of_every_row_point_into_the_body(first):
    output, _ = first
    con = connect(str(output))
    assert con.execute("""SELECT count(*) FROM statements s JOIN articles a USING (article_id)
        WHERE s.content_start < 0 OR s.content_end > length(a.body)
           OR substr(a.body, s.content_start + 1, s.content_end - s.content_start) <> s.content""").fetchone() == (0,)
    assert con.execute("""SELECT count(*) FROM mentions m JOIN articles a USING (article_id)
        WHERE m.start < 0 OR m."end" > length(a.body)
           OR substr(a.body, m.start + 1, m."end" - m.start) <> m.text""").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM statements").fetchone()[0] > N_FILES // 2


# ---------------------------------------------------------------- determinism


def test_two_runs_write_identical_files_and_rows(corpus, first, tmp_path):
    output, _ = first
    again = tmp_path / "again"
    dateline_run(corpus[0], again, "--quiet")

    def files(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for name in TABLES for p in (root / name).rglob("*.parquet")}

    assert files(output) == files(again)  # file names are derived from the rows' keys
    assert table_snapshot(output) == table_snapshot(again)


# ---------------------------------------------------------------- crash safety


def _table_files(output: Path) -> list[Path]:
    return [p for name in TABLES if (output / name).is_dir() for p in (output / name).rglob("*") if p.is_file()]


def _check_readers_see_only_complete_files(output: Path) -> None:
    """pyarrow.dataset, pyarrow.parquet and DuckDB read every visible file; hidden ones are skipped."""
    for name, table in TABLES.items():
        folder = output / name
        for path in folder.rglob("*.parquet"):
            assert not path.name.startswith("."), path
            pq.read_table(path)  # a torn file fails here
        dataset = ds.dataset(folder, format="parquet", partitioning="hive")
        assert all(not Path(f).name.startswith(".") for f in dataset.files)
        dataset.to_table()
    con = connect(str(output))
    for name in TABLES:
        con.execute(f"SELECT count(*) FROM {name}").fetchone()


def test_sigkill_mid_run_leaves_no_partial_files_and_a_rerun_no_duplicates(corpus, first, tmp_path):
    folder, expected = corpus
    output = tmp_path / "killed"
    command = [sys.executable, "-m", "pipeline.cli", "run", "--input", str(folder), "--output", str(output),
               *CAPS, "--quiet"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    try:
        while time.monotonic() < deadline and process.poll() is None and not _table_files(output):
            time.sleep(0.005)  # kill at the first table file: the pipeline is writing its output
        assert process.poll() is None, "the run ended before it wrote a file: the corpus is too small"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    seen = _table_files(output)
    print(f"killed with {len(seen)} table files present, "
          f"{sum(p.name.endswith('.inprogress') for p in seen)} of them in progress")
    _check_readers_see_only_complete_files(output)
    manifest = read_manifest(str(output))
    if manifest:  # written last: when present, every input it marks done is in the tables
        in_tables = {r["source_uri"].split("#L")[0] for t in ("articles", "errors") for r in raw_rows(output, t)}
        assert {r["input_url"] for r in manifest if r["status"] == DONE} <= in_tables
    assert len(manifest) < len({e.uri.split("#L")[0] for e in expected}), "the manifest marks every file done"

    dateline_run(folder, output, "--quiet")
    _check_readers_see_only_complete_files(output)
    assert raw_duplicates(output) == {name: 0 for name in TABLES}
    assert table_snapshot(output) == table_snapshot(first[0])  # as if never interrupted
    manifest = read_manifest(str(output))
    files = {e.uri.split("#L")[0] for e in expected}
    assert sorted(r["input_url"] for r in manifest) == sorted(files)  # each file recorded once
    assert all(r["status"] == DONE for r in manifest if "truncated_gz" not in r["input_url"]
               and "gz_bomb" not in r["input_url"])
