"""The `dateline` command: run or watch the pipeline, query and report its output, classify stance."""
from __future__ import annotations

import argparse
import logging
import os
import sys

USAGE = """dateline COMMAND [options]

commands:
  run     --input PATTERN --output URL [--spacy-model NAME] [--quiet] [Beam options...]
  watch   --input PATTERN --output URL [--interval S] [--until TIME | --max-files N] [run options...]
  query   "SELECT ..." --output URL
  report  --output URL [--html FILE] [--from DATE] [--to DATE] [--actor NAME]
  stance  --pairs FILE.jsonl [--out FILE.jsonl] [--spacy-model NAME]
  train-stance --data TRAIN.tsv [--out WEIGHTS.json.gz] | --content-data NEWSMTSC.jsonl
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
    from dateline.startup import gc_paused, skip_cloud_connectors

    skip_cloud_connectors(argv)
    with gc_paused():
        from pipeline.run import main as run_main

    return run_main(argv)


def _report(argv: list[str]) -> int:
    from dateline.report import main as report_main

    return report_main(argv)


def _watch(argv: list[str]) -> int:
    from dateline.startup import skip_cloud_connectors
    from dateline.watch import main as watch_main

    skip_cloud_connectors(argv)
    return watch_main(argv)


def _stance(argv: list[str]) -> int:
    import json

    from dateline.nlp import load_model
    from dateline.stance import classify_pairs

    parser = argparse.ArgumentParser(
        prog="dateline stance",
        description="Classify the stance of given source -> target pairs with the pipeline's code.")
    parser.add_argument("--pairs", required=True,
                        help='JSON Lines file, each line {"text": ..., "source": ..., "target": ...}.')
    parser.add_argument("--out", default="-", help="Where to write the JSON Lines results (default stdout).")
    parser.add_argument("--spacy-model", default=None, help="spaCy model package or path.")
    args = parser.parse_args(argv)
    rows, bad = [], []
    with open(args.pairs, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    raise ValueError('each line must be an object with a "text" string')
                rows.append(row)
            except ValueError as error:
                bad.append({"line": number, "error": str(error)})
    results = classify_pairs(load_model(args.spacy_model), rows)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        for result in [*results, *bad]:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    for item in bad:
        print(f"line {item['line']}: {item['error']}", file=sys.stderr)
    return 1 if bad else 0


def _train_stance(argv: list[str]) -> int:
    from dateline.stance_model import train_content, train_stance

    parser = argparse.ArgumentParser(
        prog="dateline train-stance",
        description="Train the pair stance model on a directed-sentiment TSV file, or the content "
                    "model on a NewsMTSC JSONL file (train splits only).")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", help="Training TSV ([p]/[q]-marked sentences).")
    source.add_argument("--content-data", help="NewsMTSC train.jsonl (target-dependent sentiment).")
    parser.add_argument("--out", default=None,
                        help="Weights file to write (default: the one shipped in the package).")
    args = parser.parse_args(argv)
    if args.content_data:
        train_content(args.content_data, args.out)
    else:
        train_stance(args.data, args.out)
    return 0


COMMANDS = {"run": _run, "watch": _watch, "query": _query, "report": _report,
            "stance": _stance, "train-stance": _train_stance}


def main(argv: list[str] | None = None) -> int:
    """Dispatch to a sub-command."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print(USAGE, file=sys.stderr if argv and argv[0] not in ("-h", "--help") else sys.stdout)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    return COMMANDS[argv[0]](argv[1:])


def console_main() -> None:
    """The `dateline` command: main(), then, once its output is flushed, exit without teardown.

    Native thread pools of Beam's dependencies (gRPC) can abort the interpreter's teardown
    ("terminate called without an active exception", exit -6) after a SIGTERM stopped `dateline
    watch`. Every table and the manifest are committed before main() returns, so nothing is left
    for the teardown to do: the process flushes its streams and logs and leaves with main's code.
    """
    try:
        code = main()
    except SystemExit as stop:  # argparse errors and --help
        code = stop.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    console_main()
