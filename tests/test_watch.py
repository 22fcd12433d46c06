"""`dateline watch`: files dropped into the folder while it runs are processed once; signals stop it cleanly."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

import transforms.analyze
from dateline.manifest import read_manifest
from dateline.query import connect
from dateline.watch import parse_until, watch

REPO = Path(__file__).resolve().parents[1]
TEXTS = [
    "date 2024-05-02 NAIROBI: Kenyan President William Ruto praised Uganda for reopening the border.",
    "date 2024-05-03 LIMA: Peru's foreign minister rejected Chile's claim over the fishing zone.",
    "date 2024-05-04 ACCRA: The Ghanaian government said on Friday that it welcomed the offer from "
    "Nigeria to share electricity during the long dry season.",
]


def _drop(folder: Path, name: str, text: str) -> None:
    """Write a file the way a producer should: to a hidden name, then rename (readers never see half)."""
    temp = folder / f".{name}.tmp"
    temp.write_text(text, encoding="utf-8")
    temp.rename(folder / name)


def _recorded(output: Path) -> Counter:
    return Counter(row["input_url"].rsplit("/", 1)[1] for row in read_manifest(str(output)))


def _when(condition, timeout_s: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _leftovers(output: Path) -> list[str]:
    """Temporary files of unfinished writes anywhere under the output."""
    return [str(p) for p in output.rglob(".*") if p.is_file()]


def test_parse_until():
    now = dt.datetime(2024, 5, 2, 12, 0, tzinfo=dt.timezone.utc)
    assert parse_until("90s", now) == now + dt.timedelta(seconds=90)
    assert parse_until("2h", now) == now + dt.timedelta(hours=2)
    assert parse_until("2024-05-02T13:30:00+00:00", now) == dt.datetime(2024, 5, 2, 13, 30, tzinfo=dt.timezone.utc)
    assert parse_until("11:00", now) == dt.datetime(2024, 5, 3, 11, 0, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError):
        parse_until("soon", now)


def test_files_dropped_while_watching_are_each_processed_once(tmp_path, monkeypatch):
    folder, output = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    _drop(folder, "a.txt", TEXTS[0])
    loads = []
    real_load = transforms.analyze.load_model
    monkeypatch.setattr(transforms.analyze, "load_model",
                        lambda *a, **k: loads.append(1) or real_load(*a, **k))

    def producer():
        if _when(lambda: _recorded(output)["a.txt"] == 1):
            _drop(folder, "b.txt", TEXTS[1])
        if _when(lambda: _recorded(output)["b.txt"] == 1):
            time.sleep(0.5)  # lands while the watcher sleeps between two looks
            _drop(folder, "c.txt", TEXTS[2])

    thread = threading.Thread(target=producer, daemon=True)
    thread.start()
    lines = []
    report = watch(str(folder), str(output), [], interval_s=0.3, max_files=3,
                   until=dt.datetime.now().astimezone() + dt.timedelta(seconds=240), log=lines.append)
    thread.join(timeout=5)
    assert report.stopped_by == "max-files", lines
    assert report.files == 3 and report.batches == 3
    assert _recorded(output) == Counter({"a.txt": 1, "b.txt": 1, "c.txt": 1})
    con = connect(str(output))
    sources = sorted(r[0].rsplit("/", 1)[1] for r in con.execute("SELECT source_uri FROM articles").fetchall())
    assert sources == ["a.txt", "b.txt", "c.txt"]
    assert len(loads) <= 1, "the spaCy model was loaded again for a later micro-batch"
    assert len(report.latencies_s) == 3
    print(f"\npick-up latency (file written -> committed) per file: "
          f"{', '.join(f'{s:.1f}s' for s in report.latencies_s)}")
    assert not _leftovers(output)


def test_sigint_stops_the_watch_between_micro_batches(tmp_path):
    folder, output = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    _drop(folder, "a.txt", TEXTS[0])
    sent = []

    def interrupt():
        if _when(lambda: _recorded(output)["a.txt"] == 1):
            sent.append(time.monotonic())
            os.kill(os.getpid(), signal.SIGINT)

    before = signal.getsignal(signal.SIGINT)
    thread = threading.Thread(target=interrupt, daemon=True)
    thread.start()
    report = watch(str(folder), str(output), [], interval_s=5.0, log=lambda line: None,
                   until=dt.datetime.now().astimezone() + dt.timedelta(seconds=240))
    stopped = time.monotonic()
    thread.join(timeout=5)
    assert sent and report.stopped_by == "SIGINT"
    assert stopped - sent[0] < 3.0  # woke from the 5 s sleep at once
    assert report.files == 1 and _recorded(output) == Counter({"a.txt": 1})
    assert signal.getsignal(signal.SIGINT) is before  # handler restored


def test_sigterm_finishes_the_current_micro_batch_and_exits_cleanly(tmp_path):
    folder, output = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    _drop(folder, "a.txt", TEXTS[0])
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "watch", "--input", str(folder), "--output", str(output),
         "--interval", "0.3", "--until", "300s"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        assert _when(lambda: any("micro-batch 1:" in l and "committed" in l for l in lines), 240), lines
        _drop(folder, "b.txt", TEXTS[1])
        assert _when(lambda: any("micro-batch 2: processing" in l for l in lines), 30), lines
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)  # while micro-batch 2 runs
        code = process.wait(timeout=60)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
    reader.join(timeout=5)
    output_text = "".join(lines)
    print(f"\nSIGTERM during a micro-batch -> exit {code} after {took:.1f}s")
    assert code == 0, output_text
    assert took < 15, output_text
    assert "stopped (SIGTERM)" in output_text
    assert _recorded(output) == Counter({"a.txt": 1, "b.txt": 1})  # the running micro-batch finished
    assert not _leftovers(output)
    con = connect(str(output))
    assert con.execute("SELECT count(DISTINCT source_uri) FROM articles").fetchone()[0] == 2
