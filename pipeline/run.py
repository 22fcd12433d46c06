"""Build and run the dateline pipeline: `python -m pipeline.run --input ... --output ...`."""
from __future__ import annotations

import logging
import sys
import tempfile

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from dateline.sink import ensure_table_folders, merge_actor_rows
from dateline.sources import list_inputs
from pipeline.options import DatelineOptions, storage_options_of
from schemas import TABLES
from transforms.analyze import AnalyzeArticles
from transforms.read import ReadArticles
from transforms.write import WriteTable


def build_pipeline(p: beam.Pipeline, options: DatelineOptions, input_urls: list[str],
                   progress_dir: str | None = None) -> dict[str, beam.PCollection]:
    """Wire read -> parse -> analyse -> write; return the row PCollection of each table."""
    storage_options = storage_options_of(options)
    languages = None if options.languages in (None, "", "any") else tuple(
        code.strip() for code in options.languages.split(",") if code.strip())
    parsed = (
        p
        | "ListInputs" >> beam.Create(input_urls)
        | "ReadArticles" >> ReadArticles(options.max_bytes, options.max_chars, languages,
                                         storage_options, progress_dir)
    )
    analyzed = parsed.articles | "AnalyzeArticles" >> AnalyzeArticles(
        options.spacy_model, options.actors_file, options.batch_size, progress_dir)
    rows = {
        "articles": analyzed.articles,
        "actors": analyzed.actors,
        "mentions": analyzed.mentions,
        "statements": analyzed.statements,
        "errors": (parsed.errors, analyzed.errors) | "CollectErrors" >> beam.Flatten(),
    }
    for name, pcoll in rows.items():
        merge = {"merge_rows": merge_actor_rows} if name == "actors" else {}
        _ = pcoll | f"Write{name.capitalize()}" >> WriteTable(TABLES[name], options.output,
                                                            storage_options, **merge)
    return rows


def run(argv: list[str] | None = None, test_pipeline: beam.Pipeline | None = None):
    """Parse flags, list the inputs, run the pipeline to completion; return the PipelineResult."""
    pipeline_options = PipelineOptions(argv)
    options = pipeline_options.view_as(DatelineOptions)
    if not options.input or not options.output:
        raise SystemExit("dateline run: --input and --output are required")
    storage_options = storage_options_of(options)
    input_urls = list_inputs(options.input, storage_options)
    ensure_table_folders(options.output, storage_options)
    runner = (pipeline_options.get_all_options().get("runner") or "DirectRunner")
    show_progress = not options.quiet and test_pipeline is None and "Direct" in str(runner)
    progress_dir = tempfile.mkdtemp(prefix="dateline-progress-") if show_progress else None
    display = None
    if progress_dir:
        from dateline.progress import ProgressDisplay

        display = ProgressDisplay(progress_dir, len(input_urls))
        display.start()
    p = test_pipeline or beam.Pipeline(options=pipeline_options)
    build_pipeline(p, options, input_urls, progress_dir)
    try:
        result = p.run()
        result.wait_until_finish()
    finally:
        if display:
            display.stop()
    if not options.quiet and test_pipeline is None:
        from dateline.summary import print_summary

        print_summary(result, options.output, storage_options, len(input_urls))
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    logging.getLogger().setLevel(logging.WARNING)
    run(sys.argv[1:] if argv is None else argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
