"""Flaky storage and safety, on a full pipeline run (DirectRunner, in this process) over a test filesystem.

`flakyrun://` is a real fsspec filesystem (a MemoryFileSystem subclass registered here) whose files fail
their first opens, or every open; the inputs also try to steer output paths, make the HTML parser fetch
from a local server, get unpickled or evaluated, and the run carries a secret in --storage-options.
"""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import pickle
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fsspec import register_implementation
from fsspec.implementations.memory import MemoryFileSystem

from dateline.manifest import DONE, FAILED, read_manifest
from pipeline.run import run
from schemas import TABLES
from schemas.tables import MANIFEST

REPO = Path(__file__).resolve().parents[1]
TRANSIENT_FAILURES = 2  # opens that fail before a flaky file opens
SECRET_KEY, SECRET = "AKIARELIABILITYKEY01", "s3cr3t/Reliability+Value"
TEXT = ("Kenya's President William Ruto praised Ethiopia for reopening the border on Tuesday.\n\n"
        '"We will keep talking," Foreign Minister Ana Quispe told reporters in Nairobi.')


class FlakyFileSystem(MemoryFileSystem):
    """In-memory files whose reads fail: names with 'flaky' fail their first opens, 'dead' every open."""

    protocol = "flakyrun"
    store: dict = {}
    pseudo_dirs = [""]
    opens: dict[str, int] = {}

    @classmethod
    def _strip_protocol(cls, path):
        return super()._strip_protocol(path.removeprefix("flakyrun://") if isinstance(path, str) else path)

    def _open(self, path, mode="rb", **kwargs):
        path = self._strip_protocol(path)
        if "r" in mode:
            count = self.opens[path] = self.opens.get(path, 0) + 1
            if "dead" in path:
                raise ConnectionResetError(f"connection reset reading {path}")
            if "flaky" in path.rsplit("/", 1)[1] and count <= TRANSIENT_FAILURES:
                raise TimeoutError(f"read timed out ({count}) on {path}")
        return super()._open(path, mode=mode, **kwargs)


class ConnectionCounter:
    """A local TCP server that counts the connections made to it."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            self.connections += 1
            client.close()

    def close(self):
        self.server.close()


class Unpickled:
    """Unpickling this creates the marker file."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return open, (self.marker, "w")


def _inputs(server_port: int, marker: Path) -> dict[str, bytes]:
    """Input files by path: flaky and dead files, path tricks, remote resources, code payloads."""
    remote = f"http://127.0.0.1:{server_port}"
    html = (f"<html><head><title>Border talks</title><link rel='stylesheet' href='{remote}/a.css'>"
            f"<script src='{remote}/a.js'></script><meta http-equiv='refresh' content='0; url={remote}/r'>"
            f"</head><body><article><h1>Border talks</h1><img src='{remote}/a.png'>"
            f"<iframe src='{remote}/frame'></iframe><p>{TEXT.replace(chr(10), ' ')}</p>"
            f"<p>Officials said more talks would follow. <a href='{remote}/more'>More</a></p></article></body></html>")
    files = {f"/in/flaky-{i}.txt": f"{TEXT}\n\nReport number {i}.".encode() for i in range(4)}
    files.update({
        "/in/flaky-compressed.txt.gz": gzip.compress(TEXT.encode(), mtime=0),
        "/in/dead-1.txt": TEXT.encode(),
        "/in/dead-2.json": json.dumps({"text": TEXT}).encode(),
        "/in/traversal.json": json.dumps({"id": "../../evil", "article_id": "../../evil",
                                          "title": "../../../etc/evil", "published": "../../2024-01-01",
                                          "url": f"{remote}/article", "text": TEXT}).encode(),
        "/in/date-trick.json": json.dumps({"published": "2024-01-01/../../../evil", "text": TEXT}).encode(),
        "/in/odd name 'quoted\" ünïcødé %2e%2e%2f;$(id).txt": TEXT.encode(),
        "/in/remote.html": html.encode(),
        "/in/payload.pkl": pickle.dumps(Unpickled(str(marker))),
        "/in/payload.json": pickle.dumps(Unpickled(str(marker))),
        "/in/python.json": f"{{'text': __import__('os').system('touch {marker}')}}".encode(),
        "/in/yaml.txt": f"!!python/object/apply:os.system ['touch {marker}']\n".encode(),
        "/in/lines.jsonl": b"\n".join([json.dumps({"text": TEXT}).encode(), b"{broken",
                                       json.dumps({"text": TEXT, "id": "/tmp/evil"}).encode()]),
    })
    return files


@pytest.fixture(scope="module")
def flaky_run(tmp_path_factory):
    register_implementation("flakyrun", FlakyFileSystem, clobber=True)
    FlakyFileSystem.store.clear()
    FlakyFileSystem.opens.clear()
    base = tmp_path_factory.mktemp("flakyrun")
    marker = base / "unpickled-or-evaluated"
    server = ConnectionCounter()
    files = _inputs(server.port, marker)
    fs = FlakyFileSystem()
    for path, data in files.items():
        fs.pipe(path, data)
    before = {p for p in base.rglob("*")}
    output = base / "out"
    options = json.dumps({"key": SECRET_KEY, "secret": SECRET})
    log = base / "printed.txt"
    with printed_to(log):
        result = run(["--input", "flakyrun:///in", "--output", str(output), "--storage-options", options])
    printed = log.read_text(encoding="utf-8", errors="replace")
    server.close()
    created = {p for p in base.rglob("*")} - before - {log}
    return files, output, result, printed, created, server.connections, marker


@contextlib.contextmanager
def printed_to(path: Path):
    """Send everything written to file descriptors 1 and 2 (Python or not) to a file."""
    sys.stdout.flush(), sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(path, "w", encoding="utf-8", errors="replace") as sink:
        os.dup2(sink.fileno(), 1), os.dup2(sink.fileno(), 2)
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                yield
        finally:
            sys.stdout.flush(), sys.stderr.flush()
            os.dup2(saved[0], 1), os.dup2(saved[1], 2)
            os.close(saved[0]), os.close(saved[1])


def _rows(output: Path, table: str) -> list[dict]:
    return [row for f in sorted((output / table).rglob("*.parquet")) for row in pq.read_table(f).to_pylist()]


def test_transient_failures_are_retried_and_nothing_is_lost(flaky_run):
    files, output, result, printed, *_ = flaky_run
    assert result is not None
    articles = {row["source_uri"] for row in _rows(output, "articles")}
    errors = {row["source_uri"]: row for row in _rows(output, "errors")}
    flaky = {f"flakyrun:///in/{name.rsplit('/', 1)[1]}" for name in files if "/flaky-" in name}
    assert flaky <= articles, sorted(flaky - articles)
    assert all(FlakyFileSystem.opens[path] > TRANSIENT_FAILURES for path in files if "/flaky-" in path)
    inputs = {f"flakyrun://{p}" for p in files if not p.endswith(".jsonl")}
    inputs |= {f"flakyrun:///in/lines.jsonl#L{n}" for n in (1, 2, 3)}
    assert articles | set(errors) == inputs and not articles & set(errors)


def test_permanent_failures_become_read_errors_and_failed_manifest_entries(flaky_run):
    files, output, *_ = flaky_run
    errors = {row["source_uri"]: row for row in _rows(output, "errors")}
    for name in ("dead-1.txt", "dead-2.json"):
        row = errors[f"flakyrun:///in/{name}"]
        assert (row["stage"], row["error_type"]) == ("read", "read_failed"), row
        assert "ConnectionResetError" in row["message"]
    status = {row["input_url"]: row["status"] for row in read_manifest(str(output))}
    assert status["flakyrun:///in/dead-1.txt"] == FAILED and status["flakyrun:///in/flaky-0.txt"] == DONE
    assert len(status) == len(files)


def test_inputs_do_not_decide_where_output_is_written(flaky_run):
    _, output, _, _, created, *_ = flaky_run
    outside = [p for p in created if output != p and output not in p.parents]
    assert not outside, outside
    allowed = {*TABLES, MANIFEST.name}
    for path in output.rglob("*"):
        parts = path.relative_to(output).parts
        assert parts[0] in allowed, path
        if path.is_file():
            assert len(parts) <= 3 and (len(parts) == 2 or parts[1].startswith("date=")), path
            assert parts[-1].startswith(("part-", ".")), path
    dates = {p.name for p in output.rglob("date=*")}
    assert all(d == "date=unknown" or len(d) == len("date=2024-01-01") for d in dates), dates


def test_html_is_parsed_without_network_access(flaky_run):
    _, output, *_, connections, _ = flaky_run
    assert "flakyrun:///in/remote.html" in {row["source_uri"] for row in _rows(output, "articles")}
    assert connections == 0


def test_inputs_are_never_unpickled_or_evaluated(flaky_run):
    *_, marker = flaky_run
    assert not marker.exists()


def test_secrets_in_storage_options_are_never_printed_or_stored(flaky_run):
    _, output, _, printed, *_ = flaky_run
    assert "Accounting:" in printed  # the summary was printed (and captured)
    for secret in (SECRET_KEY, SECRET):
        assert secret not in printed
    for name in [*TABLES, MANIFEST.name]:
        for row in _rows(output, name):
            text = repr(row)
            assert SECRET_KEY not in text and SECRET not in text, (name, row)
    for path in output.rglob("*"):
        assert SECRET_KEY not in str(path)


def test_credentials_in_a_url_are_refused_without_being_printed(tmp_path):
    url = f"s3://{SECRET_KEY}:{SECRET.replace('/', '%2F')}@bucket/in"
    for args in (["--input", url, "--output", str(tmp_path / "out")],
                 ["--input", str(tmp_path), "--output", url.replace("/in", "/out")]):
        done = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", *args, "--quiet",
                               "--s3-endpoint-url", "http://127.0.0.1:9"],
                              cwd=REPO, capture_output=True, text=True, timeout=300)
        assert done.returncode != 0
        printed = done.stdout + done.stderr
        assert "credentials" in printed
        assert SECRET_KEY not in printed and SECRET.split("/")[0] not in printed
