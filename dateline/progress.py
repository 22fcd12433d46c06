"""Live progress of a local run: workers write their counts to files, the driver sums and shows them."""
from __future__ import annotations

import json
import os
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path


class ProgressReporter:
    """Counts kept by one DoFn instance, flushed to its own file at most every `interval` seconds."""

    def __init__(self, directory: str, interval: float = 0.5):
        self.path = Path(directory) / f"{os.getpid()}-{uuid.uuid4().hex}.json"
        self.counts: Counter[str] = Counter()
        self.interval = interval
        self._last_flush = 0.0

    def add(self, **counts: int) -> None:
        """Add to the counts and flush if the interval has passed."""
        self.counts.update(counts)
        if time.monotonic() - self._last_flush >= self.interval:
            self.flush()

    def flush(self) -> None:
        """Write the counts atomically (write then rename)."""
        temp = self.path.with_suffix(".tmp")
        temp.write_text(json.dumps(self.counts))
        temp.replace(self.path)
        self._last_flush = time.monotonic()


def read_progress(directory: str) -> Counter[str]:
    """Sum of the counts of every reporter that has flushed so far."""
    total: Counter[str] = Counter()
    for path in Path(directory).glob("*.json"):
        try:
            total.update(json.loads(path.read_text()))
        except (OSError, ValueError):
            continue  # a file being replaced right now; the next tick reads it
    return total


def format_progress(counts: Counter[str], total_files: int, elapsed: float) -> str:
    """One status line: files read of total, articles analysed, errors and rate."""
    analysed = counts["articles_analyzed"]
    rate = analysed / elapsed if elapsed > 0 else 0.0
    return (f"files {counts['files_read']}/{total_files} read | articles {analysed} analysed "
            f"({rate:.1f}/s) | errors {counts['errors']} | {elapsed:.0f}s")


class ProgressDisplay(threading.Thread):
    """Background thread that redraws the status line on stderr every `interval` seconds."""

    def __init__(self, directory: str, total_files: int, interval: float = 1.0, stream=None):
        super().__init__(daemon=True)
        self.directory, self.total_files, self.interval = directory, total_files, interval
        self.stream = stream or sys.stderr
        self._stop_event = threading.Event()
        self._started_at = time.monotonic()

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self._draw(end="")

    def stop(self) -> None:
        """Stop redrawing and print the final line."""
        self._stop_event.set()
        self.join(timeout=5)
        self._draw(end="\n")

    def _draw(self, end: str) -> None:
        line = format_progress(read_progress(self.directory), self.total_files,
                               time.monotonic() - self._started_at)
        self.stream.write("\r" + line + end)
        self.stream.flush()
