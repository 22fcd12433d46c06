"""The `_manifest` table: which input files (by content checksum) a run has processed.

It lives with the output (OUTPUT/_manifest/*.parquet), so every machine that writes to the same
folder or bucket sees the same record. A run appends one file to it, and only after all of that run's
table files are complete, so an interrupted run never marks an input done.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field

import pyarrow.parquet as pq

from dateline.sink import write_partition
from dateline.storage import filesystem_for, join
from schemas.tables import MANIFEST

DONE, FAILED = "done", "failed"
CHUNK_BYTES = 1024 * 1024
# fsspec info keys that change when an object's content may have changed, most specific first.
_FINGERPRINT_KEYS = ("ETag", "etag", "md5Hash", "generation", "mtime", "LastModified", "updated", "created")


@dataclass
class InputEntry:
    """One input file of a run: where it is, what its content hashes to, how it looked when listed."""

    input_url: str
    checksum: str
    size: int | None = None
    fingerprint: str | None = None


@dataclass
class RunPlan:
    """What a run will do: the inputs to process, and how many listed inputs it skips."""

    run_id: str
    todo: list[InputEntry] = field(default_factory=list)
    skipped: int = 0

    @property
    def urls(self) -> list[str]:
        return [entry.input_url for entry in self.todo]


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus a random suffix."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:8]


def file_checksum(fs, path: str) -> str:
    """SHA-256 of a file's stored bytes, read in chunks."""
    digest = hashlib.sha256()
    with fs.open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint_of(info: dict) -> str | None:
    """A cheap change marker from fsspec `info` (etag, generation or modification time)."""
    for key in _FINGERPRINT_KEYS:
        if info.get(key) not in (None, ""):
            return f"{key}={info[key]}"
    return None


def read_manifest(output: str, storage_options: dict | None = None) -> list[dict]:
    """Every manifest row of an output (empty when nothing was recorded yet)."""
    folder = join(output, MANIFEST.name)
    fs, path = filesystem_for(folder, storage_options)
    rows: list[dict] = []
    for file_path in sorted(fs.glob(join(path, "*.parquet"))):
        if file_path.rsplit("/", 1)[-1].startswith("."):
            continue  # a manifest file being written
        with fs.open(file_path, "rb") as handle:
            rows.extend(pq.read_table(handle, schema=MANIFEST.schema).to_pylist())
    return rows


def latest_entries(rows: list[dict]) -> dict[str, dict]:
    """The most recent manifest row of each input URL."""
    latest: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: (r["recorded_at"], r["run_id"])):
        latest[row["input_url"]] = row
    return latest


def plan_run(output: str, input_urls: list[str], storage_options: dict | None = None, *,
             reprocess: bool = False, run_id: str | None = None, limit: int | None = None) -> RunPlan:
    """Pick the inputs that are new or changed since they were last done (all with reprocess).

    An input whose size and fingerprint (etag/mtime) equal those recorded when it was done is skipped
    without reading it; any other input is hashed, and skipped only when its checksum is the one done.
    Failed inputs are retried. `limit` caps the number of inputs taken.
    """
    plan = RunPlan(run_id=run_id or new_run_id())
    latest = {} if reprocess else latest_entries(read_manifest(output, storage_options))
    filesystems: dict[str, object] = {}
    for url in input_urls:
        if limit is not None and len(plan.todo) >= limit:
            break
        protocol = url.split("://", 1)[0] if "://" in url else "file"
        if protocol not in filesystems:
            filesystems[protocol] = filesystem_for(url, storage_options)[0]
        fs = filesystems[protocol]
        path = fs._strip_protocol(url)
        try:
            info = fs.info(path)
        except FileNotFoundError:
            continue  # deleted since it was listed
        size, fingerprint = info.get("size"), fingerprint_of(info)
        done = latest.get(url)
        if done is not None and done["status"] == DONE and fingerprint is not None and (
                done["size"], done["fingerprint"]) == (size, fingerprint):
            plan.skipped += 1
            continue
        try:
            checksum = file_checksum(fs, path)
        except FileNotFoundError:
            continue
        except OSError:  # unreadable now: the read stage retries it, or records a read error row
            checksum = ""
        if done is not None and done["status"] == DONE and done["checksum"] == checksum:
            plan.skipped += 1
            continue
        plan.todo.append(InputEntry(url, checksum, size, fingerprint))
    return plan


def manifest_rows(run_id: str, entries: list[InputEntry], read_errors: dict[str, str]) -> list[dict]:
    """Manifest rows of a finished run; inputs that could not be read are `failed` (retried later)."""
    now = dt.datetime.now(dt.timezone.utc)
    return [{
        "input_url": entry.input_url,
        "checksum": entry.checksum,
        "size": entry.size,
        "fingerprint": entry.fingerprint,
        "status": FAILED if entry.input_url in read_errors else DONE,
        "error_type": read_errors.get(entry.input_url),
        "run_id": run_id,
        "recorded_at": now,
    } for entry in entries]


def write_manifest(output: str, rows: list[dict], storage_options: dict | None = None) -> str | None:
    """Append rows to the manifest as one atomically written Parquet file; return its URL."""
    if not rows:
        return None
    return write_partition(MANIFEST, output, "", rows, storage_options)
