"""s3:// in and out on a real S3-compatible server (moto's), compared row by row with a local run."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow.dataset as ds
import pytest

boto3 = pytest.importorskip("boto3")
s3fs = pytest.importorskip("s3fs")

BUCKET = "dateline-news"
ARTICLES = {
    "2024/kenya.json": {
        "title": "Kenya praises Uganda over border deal",
        "published": "2024-03-14T08:00:00Z",
        "text": ("Kenyan President William Ruto praised Uganda for reopening the border crossing at "
                 "Malaba on Wednesday.\n\n\"This agreement will help our traders,\" Ruto said.\n\n"
                 "Uganda's foreign minister Jeje Odongo accused Tanzania of blocking the talks."),
    },
    "2024/ghana.json": {
        "title": "Ghana criticises Nigeria over port fees",
        "published": "2024-03-15T09:30:00Z",
        "text": ("Ghana's trade minister Kobina Mensah criticised Nigeria on Friday for raising port "
                 "fees.\n\n\"These fees hurt every family in the region,\" Mensah told reporters."),
    },
}
BROKEN = ("2024/broken.json", b"{not json")
TABLES = ("articles", "actors", "mentions", "statements", "errors")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """A moto S3 server on a free local port, with test credentials in the environment."""
    server = shutil.which("moto_server") or str(Path(sys.executable).parent / "moto_server")
    if not Path(server).exists():
        pytest.skip("moto_server is not installed (pip install 'moto[server]')")
    saved = {name: os.environ.get(name) for name in
             ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN")}
    os.environ.update(AWS_ACCESS_KEY_ID="moto-test", AWS_SECRET_ACCESS_KEY="moto-test",
                      AWS_DEFAULT_REGION="us-east-1")
    os.environ.pop("AWS_SESSION_TOKEN", None)
    port = _free_port()
    process = subprocess.Popen([server, "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"moto_server did not start on port {port}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="module")
def bucket(s3_endpoint, tmp_path_factory):
    """A bucket holding the articles under in/, and the same files in a local folder."""
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    client.create_bucket(Bucket=BUCKET)  # s3fs mkdir fails on moto (location constraint)
    local = tmp_path_factory.mktemp("articles")
    files = {key: json.dumps(article).encode() for key, article in ARTICLES.items()}
    files[BROKEN[0]] = BROKEN[1]
    for key, data in files.items():
        client.put_object(Bucket=BUCKET, Key=f"in/{key}", Body=data)
        (local / key).parent.mkdir(parents=True, exist_ok=True)
        (local / key).write_bytes(data)
    return {"client": client, "local": local}


@pytest.fixture(scope="module")
def outputs(s3_endpoint, bucket, tmp_path_factory):
    """Run the pipeline bucket -> bucket and folder -> folder."""
    from pipeline.run import run

    run(["--input", f"s3://{BUCKET}/in", "--output", f"s3://{BUCKET}/out",
         "--s3-endpoint-url", s3_endpoint, "--quiet"])
    local_out = tmp_path_factory.mktemp("out")
    run(["--input", str(bucket["local"]), "--output", str(local_out), "--quiet"])
    return local_out


def _rows(table: str, root: str, filesystem=None) -> list[dict]:
    """Every row of one output table (hive partitions as columns)."""
    dataset = ds.dataset(f"{root}/{table}", format="parquet", partitioning="hive",
                         filesystem=filesystem, exclude_invalid_files=True)
    return dataset.to_table().to_pylist()


def _comparable(tables: dict[str, list[dict]], root: str) -> dict[str, list[str]]:
    """Rows without ids that hash the input location, paths relative to the input root, sorted."""
    relative = {a["article_id"]: a["source_uri"].removeprefix(root) for a in tables["articles"]}
    result = {}
    for name, rows in tables.items():
        normal = []
        for row in rows:
            row = {k: v for k, v in row.items() if k not in ("mention_id", "statement_id", "error_id")}
            if "article_id" in row:
                row["article_id"] = relative[row["article_id"]]
            for column in ("source_uri", "message"):
                if isinstance(row.get(column), str):
                    row[column] = row[column].replace(root, "")
            normal.append(json.dumps(row, sort_keys=True, default=str))
        result[name] = sorted(normal)
    return result


def test_pipeline_reads_and_writes_s3_like_a_local_folder(s3_endpoint, bucket, outputs):
    fs = s3fs.S3FileSystem(client_kwargs={"endpoint_url": s3_endpoint})
    written = fs.find(f"{BUCKET}/out")
    assert not [p for p in written if p.rsplit("/", 1)[1].startswith(".")], "in-progress files left"
    remote = {t: _rows(t, f"{BUCKET}/out", fs) if fs.exists(f"{BUCKET}/out/{t}") else []
              for t in TABLES}
    local = {t: _rows(t, str(outputs)) for t in TABLES}
    assert {t: len(r) for t, r in remote.items()} == {t: len(r) for t, r in local.items()}
    assert _comparable(remote, f"s3://{BUCKET}/in/") == _comparable(local, f"{bucket['local']}/")

    articles = remote["articles"]
    assert sorted(a["title"] for a in articles) == sorted(a["title"] for a in ARTICLES.values())
    assert all(a["source_uri"].startswith(f"s3://{BUCKET}/in/2024/") for a in articles)
    assert [e["source_uri"] for e in remote["errors"]] == [f"s3://{BUCKET}/in/{BROKEN[0]}"]
    bodies = {a["article_id"]: a["body"] for a in articles}
    assert remote["mentions"] and remote["statements"]
    assert all(bodies[m["article_id"]][m["start"]:m["end"]] == m["text"] for m in remote["mentions"])


def test_dateline_query_reads_the_bucket_through_duckdb(s3_endpoint, outputs, capsys):
    from dateline.query import run_query
    from pipeline.cli import main

    local_counts = {table: len(_rows(table, str(outputs))) for table in TABLES}
    for table, expected in local_counts.items():
        _, rows = run_query(f"s3://{BUCKET}/out", f"SELECT count(*) FROM {table}",
                            {"client_kwargs": {"endpoint_url": s3_endpoint}})
        assert rows == [(expected,)], table
    assert main(["query", "SELECT title FROM articles ORDER BY title",
                 "--output", f"s3://{BUCKET}/out", "--s3-endpoint-url", s3_endpoint]) == 0
    printed = capsys.readouterr().out
    assert all(article["title"] in printed for article in ARTICLES.values())


def test_second_run_on_the_bucket_finds_nothing_new(s3_endpoint, outputs):
    from pipeline.run import run

    result = run(["--input", f"s3://{BUCKET}/in", "--output", f"s3://{BUCKET}/out",
                  "--s3-endpoint-url", s3_endpoint, "--quiet"])
    assert result is None
