"""The `dateline` command: run the pipeline, query its output."""
from __future__ import annotations

import argparse
import sys

USAGE = """dateline COMMAND [options]

commands:
  run     --input PATTERN --output URL [--spacy-model NAME] [--quiet] [Beam options...]
  watch   --input PATTERN --output URL [--interval S] [--until TIME | --max-files N] [run options...]
  query   "SELECT ..." --output URL
  report  --output URL [--html FILE] [--from DATE] [--to DATE] [--actor NAME]
"""


def _query(argv: list[str]) -> int:
    from dateline.query import format_rows, run_query
    from dateline.storage import parse_storage_options

    parser = argparse.ArgumentParser(prog="dateline query",
                                     description="Run SQL with DuckDB over the output tables "
                                                 "(views: articles, actors, mentions, statements, errors).")
    parser.add_argument("sql")
    parser.add_argument("--output", required=True, help="Output folder or bucket URL.")
    parser.add_argument("--storage-options", default=None, help="JSON fsspec storage options.")
    parser.add_argument("--s3-endpoint-url", default=None,
                        help="Endpoint of an S3-compatible store for s3:// URLs.")
    args = parser.parse_args(argv)
    columns, rows = run_query(args.output, args.sql,
                              parse_storage_options(args.storage_options, args.s3_endpoint_url))
    if columns:
        print(format_rows(columns, rows))
    return 0


def _run(argv: list[str]) -> int:
    from pipeline.run import main as run_main

    return run_main(argv)


def _report(argv: list[str]) -> int:
    from dateline.report import main as report_main

    return report_main(argv)


def _watch(argv: list[str]) -> int:
    from dateline.watch import main as watch_main

    return watch_main(argv)


COMMANDS = {"run": _run, "watch": _watch, "query": _query, "report": _report}


def main(argv: list[str] | None = None) -> int:
    """Dispatch to a sub-command."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print(USAGE, file=sys.stderr if argv and argv[0] not in ("-h", "--help") else sys.stdout)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
