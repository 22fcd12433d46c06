"""`dateline watch`: process every new input file as it lands, in small atomic micro-batches.

Each micro-batch is one bounded batch run (the same pipeline as `dateline run`) over the files the
manifest does not hold yet: its table files appear when complete, then its manifest entries. The
micro-batches run in this process one after another, so the spaCy model is loaded once per session.
SIGINT (Ctrl-C) or SIGTERM stops the watch after the current micro-batch; a second signal abandons
that micro-batch (only hidden temporary files and unrecorded table files remain; the next run redoes it).
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass, field

from dateline.manifest import FAILED, plan_run
from dateline.sources import list_inputs
from dateline.storage import filesystem_for

DEFAULT_INTERVAL_S = 10.0
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_until(value: str, now: dt.datetime | None = None) -> dt.datetime:
    """An absolute deadline from a duration (90s, 10m, 2h), an ISO datetime or a time of day (HH:MM)."""
    now = now or dt.datetime.now().astimezone()
    match = _DURATION.match(value)
    if match:
        return now + dt.timedelta(seconds=float(match.group(1)) * _UNIT_SECONDS[match.group(2)])
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            clock = dt.time.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"--until {value!r}: expected a duration (90s, 10m, 2h), an ISO "
                             "date-time or a time of day HH:MM") from error
        when = dt.datetime.combine(now.date(), clock)
        if when.tzinfo is None:
            when = when.replace(tzinfo=now.tzinfo)
        if when <= now:
            when += dt.timedelta(days=1)  # that time tomorrow
        return when
    return when if when.tzinfo else when.replace(tzinfo=now.tzinfo)


class Stopper:
    """Turns the first SIGINT/SIGTERM into a stop request and a second one into KeyboardInterrupt."""

    def __init__(self):
        self.event = threading.Event()
        self.signal_name: str | None = None
        self._previous: dict[int, object] = {}

    def __enter__(self) -> Stopper:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum, frame) -> None:
        if self.event.is_set():
            raise KeyboardInterrupt(f"second {signal.Signals(signum).name}")
        self.signal_name = signal.Signals(signum).name
        self.event.set()
        print(f"[watch] {self.signal_name}: stopping after the current micro-batch "
              "(send it again to abandon the micro-batch)", flush=True)

    @property
    def stopped(self) -> bool:
        return self.event.is_set()

    def wait(self, seconds: float) -> None:
        """Sleep up to `seconds`, waking at once on a stop request."""
        self.event.wait(max(0.0, seconds))


@dataclass
class WatchReport:
    """What a watch session did."""

    batches: int = 0
    files: int = 0
    failed: int = 0
    latencies_s: list[float] = field(default_factory=list)  # file modified -> batch committed
    stopped_by: str = ""


def _modified(url: str, storage_options: dict) -> float | None:
    """A file's modification time as a POSIX timestamp, when its filesystem reports one."""
    try:
        fs, path = filesystem_for(url, storage_options)
        return fs.modified(path).timestamp()
    except (NotImplementedError, OSError, AttributeError, ValueError):
        return None


def watch(input_pattern: str, output: str, pipeline_args: list[str], *, interval_s: float = DEFAULT_INTERVAL_S,
          until: dt.datetime | None = None, max_files: int | None = None, log=print) -> WatchReport:
    """Poll the input every interval and run one micro-batch over the files not done yet."""
    from apache_beam.options.pipeline_options import PipelineOptions

    from pipeline.options import storage_options_of
    from pipeline.run import run_plan

    argv = [*pipeline_args, "--input", input_pattern, "--output", output, "--quiet"]
    storage_options = storage_options_of(PipelineOptions(argv))
    report = WatchReport()
    with Stopper() as stopper:
        log(f"[watch] watching {input_pattern} every {interval_s:g}s -> {output}"
            + (f" until {until.isoformat(timespec='seconds')}" if until else "")
            + (f" for {max_files} files" if max_files else ""))
        while True:
            if stopper.stopped:
                report.stopped_by = stopper.signal_name or "signal"
                break
            if until and dt.datetime.now().astimezone() >= until:
                report.stopped_by = "until"
                break
            if max_files is not None and report.files >= max_files:
                report.stopped_by = "max-files"
                break
            try:
                urls = list_inputs(input_pattern, storage_options)
            except FileNotFoundError:
                urls = []  # nothing there yet
            remaining = None if max_files is None else max_files - report.files
            plan = plan_run(output, urls, storage_options, limit=remaining)
            if plan.todo:
                number = report.batches + 1
                log(f"[watch] micro-batch {number}: processing {len(plan.todo)} files ({plan.run_id})")
                started = time.time()
                try:
                    run_plan(PipelineOptions(argv), plan)
                except KeyboardInterrupt:
                    report.stopped_by = f"{stopper.signal_name or 'signal'} (micro-batch abandoned)"
                    log(f"[watch] micro-batch {number} abandoned: not recorded, the next run redoes it")
                    break
                committed = time.time()
                modified = [_modified(url, storage_options) for url in plan.urls]
                latencies = [committed - m for m in modified if m is not None]
                failed = sum(1 for row in _recorded(output, plan.run_id, storage_options)
                             if row["status"] == FAILED)
                report.batches, report.files = number, report.files + len(plan.todo)
                report.failed += failed
                report.latencies_s.extend(latencies)
                log(f"[watch] micro-batch {number}: {len(plan.todo)} files committed in "
                    f"{committed - started:.1f}s ({failed} failed)"
                    + (f", pick-up latency up to {max(latencies):.1f}s" if latencies else "")
                    + f"; {report.files} files so far")
                continue  # look again at once: more files may have landed meanwhile
            wait = interval_s
            if until:
                wait = min(wait, (until - dt.datetime.now().astimezone()).total_seconds())
            stopper.wait(wait)
    log(f"[watch] stopped ({report.stopped_by}): {report.files} files in {report.batches} micro-batches")
    return report


def _recorded(output: str, run_id: str, storage_options: dict) -> list[dict]:
    """The manifest rows one run wrote."""
    from dateline.manifest import read_manifest

    return [row for row in read_manifest(output, storage_options) if row["run_id"] == run_id]


def main(argv: list[str] | None = None) -> int:
    """`dateline watch` entry point; other flags go to the pipeline (e.g. --spacy-model)."""
    import logging

    logging.getLogger().setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(
        prog="dateline watch", allow_abbrev=False, description="Process new input files as they land, in atomic micro-batches "
                                           "(other flags are passed to the pipeline, as for `dateline run`).")
    parser.add_argument("--input", required=True, help="Folder, glob or bucket URL to watch.")
    parser.add_argument("--output", required=True, help="Output folder or bucket URL.")
    parser.add_argument("--interval", type=float, default=DEFAULT_INTERVAL_S,
                        help="Seconds between two looks at the input (default %(default)s).")
    bound = parser.add_mutually_exclusive_group()
    bound.add_argument("--until", help="Stop at this time: a duration (90s, 10m, 2h), an ISO date-time "
                                       "or a time of day HH:MM.")
    bound.add_argument("--max-files", type=int, help="Stop after processing this many files.")
    args, pipeline_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if "--reprocess" in pipeline_args:
        parser.error("--reprocess is for `dateline run`; watch only processes new or changed files")
    from dateline.storage import refuse_url_credentials

    refuse_url_credentials("--input", args.input)
    refuse_url_credentials("--output", args.output)
    try:
        until = parse_until(args.until) if args.until else None
    except ValueError as error:
        parser.error(str(error))
    report = watch(args.input, args.output, pipeline_args, interval_s=args.interval, until=until,
                   max_files=args.max_files,
                   log=lambda line: print(line, flush=True))
    return 130 if "abandoned" in report.stopped_by else 0


if __name__ == "__main__":
    sys.exit(main())
