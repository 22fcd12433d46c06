"""The composed Beam transforms on the real DirectRunner, with TestPipeline and assert_that."""
from __future__ import annotations

import json

import pyarrow.dataset as ds
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to, is_not_empty

from pipeline.options import DatelineOptions
from pipeline.run import build_pipeline, run

ARTICLE = {
    "title": "Kenya praises Uganda over border deal",
    "published": "2024-03-14T08:00:00Z",
    "text": ("Kenyan President William Ruto praised Uganda for reopening the border crossing at "
             "Malaba on Wednesday.\n\n\"This agreement will help our traders,\" Ruto said.\n\n"
             "Uganda's foreign minister Jeje Odongo accused Tanzania of blocking the talks."),
}


@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_composed_transforms_route_every_input(inputs, tmp_path):
    out = tmp_path / "out"
    options = DatelineOptions(["--output", str(out)])
    urls = sorted(str(p) for p in inputs.iterdir())
    with TestPipeline() as p:
        rows = build_pipeline(p, options, urls)
        assert_that(rows["articles"] | "ArticleUris" >> _map(lambda r: r["source_uri"].rsplit("/", 1)[1]),
                    equal_to(["good.json"]), label="CheckArticles")
        assert_that(rows["errors"] | "ErrorUris" >> _map(lambda r: r["source_uri"].rsplit("/", 1)[1]),
                    equal_to(["broken.json", "empty.txt"]), label="CheckErrors")
        assert_that(rows["statements"], is_not_empty(), label="CheckStatements")
        assert_that(rows["mentions"] | "MentionOffsets" >> _map(
            lambda r: (r["start"] < r["end"], r["published"])),
            _all_equal((True, "2024-03-14")), label="CheckMentions")
    statements = ds.dataset(out / "statements", format="parquet", partitioning="hive").to_table()
    assert statements.num_rows > 0
    assert set(statements.column("date").to_pylist()) == {"2024-03-14"}


def test_run_with_a_test_pipeline_writes_all_tables(inputs, tmp_path):
    out = tmp_path / "out"
    run(["--input", str(inputs), "--output", str(out)], test_pipeline=TestPipeline())
    for table in ("articles", "actors", "mentions", "statements", "errors"):
        assert (out / table).is_dir()
    articles = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    assert articles.column("title").to_pylist() == [ARTICLE["title"]]
    body = articles.column("body")[0].as_py()
    mentions = ds.dataset(out / "mentions", format="parquet", partitioning="hive").to_table().to_pylist()
    assert mentions and all(body[m["start"]:m["end"]] == m["text"] for m in mentions)


def _map(fn):
    import apache_beam as beam

    return beam.Map(fn)


def _all_equal(expected):
    def check(actual):
        assert actual and all(value == expected for value in actual), actual
    return check
