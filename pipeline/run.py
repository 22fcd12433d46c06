"""Build and run the dateline pipeline: `python -m pipeline.run --input ... --output ...`."""
from __future__ import annotations

import logging
import sys
import tempfile

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from dateline.manifest import RunPlan, plan_run
from dateline.sink import ensure_table_folders, merge_actor_rows
from dateline.sources import list_inputs
from dateline.storage import refuse_url_credentials
from pipeline.options import DatelineOptions, storage_options_of
from schemas import TABLES
from transforms.analyze import AnalyzeArticles
from transforms.dask import build_linear_pipeline, dask_runner, is_dask, refuse_unsupported
from transforms.manifest import RecordManifest
from transforms.read import ReadArticles
from transforms.write import WriteTable


def build_pipeline(p: beam.Pipeline, options: DatelineOptions, input_urls: list[str],
                   progress_dir: str | None = None,
                   plan: RunPlan | None = None) -> dict[str, beam.PCollection]:
    """Wire read -> parse -> analyse -> write (-> manifest); return the row PCollection of each table.

    With a plan, its inputs are read and recorded in `_manifest` once every table file is written;
    with --notifications, inputs come from object-created events instead of a list.
    """
    storage_options = storage_options_of(options)
    languages = None if options.languages in (None, "", "any") else tuple(
        code.strip() for code in options.languages.split(",") if code.strip())
    if options.notifications:
        from transforms.notifications import ReadNotifiedInputs

        urls = p | "NotifiedInputs" >> ReadNotifiedInputs(
            options.notifications, options.input, options.notification_window)
    else:
        urls = p | "ListInputs" >> beam.Create(plan.urls if plan else input_urls)
    parsed = (
        urls
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
    written = []
    for name, pcoll in rows.items():
        merge = {"merge_rows": merge_actor_rows} if name == "actors" else {}
        written.append(pcoll | f"Write{name.capitalize()}" >> WriteTable(TABLES[name], options.output,
                                                                         storage_options, **merge))
    if plan is not None:
        all_written = tuple(written) | "AllTableFiles" >> beam.Flatten()
        _ = (all_written, rows["errors"]) | "RecordManifest" >> RecordManifest(
            plan.run_id, plan.todo, options.output, storage_options)
    return rows


def local_runner(pipeline_options: PipelineOptions):
    """On the DirectRunner (the default), the runner it falls back to offline; else None (--runner decides).

    Beam's DirectRunner first tries its Prism runner, downloading the binary from GitHub at run time,
    and runs the pipeline there when the download works; offline it falls back after 2-3 s to the
    FnApiRunner (batch) or the BundleBasedDirectRunner (streaming: --notifications). dateline goes to
    those at once: nothing downloaded, the same tested runner on every machine, --direct_num_workers
    and --direct_running_mode honoured as Beam documents them.
    """
    from apache_beam.options.pipeline_options import StandardOptions

    standard = pipeline_options.view_as(StandardOptions)
    if standard.runner is not None and (not isinstance(standard.runner, str)
                                        or standard.runner.lower().removesuffix("runner") != "direct"):
        return None
    if standard.streaming:
        from apache_beam.runners.direct.direct_runner import BundleBasedDirectRunner

        return BundleBasedDirectRunner()
    from apache_beam.portability.api import beam_provision_api_pb2
    from apache_beam.runners.portability.fn_api_runner import fn_runner
    from apache_beam.runners.portability.portable_runner import JobServiceHandle

    encoded_options = JobServiceHandle.encode_pipeline_options(pipeline_options.get_all_options())
    return fn_runner.FnApiRunner(provision_info=fn_runner.ExtendedProvisionInfo(
        beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded_options)))


def run(argv: list[str] | None = None, test_pipeline: beam.Pipeline | None = None):
    """Parse flags, pick the new or changed inputs, run the pipeline to completion.

    Returns the PipelineResult, or None when every input is already done (see `_manifest`).
    """
    pipeline_options = PipelineOptions(argv)
    options = pipeline_options.view_as(DatelineOptions)
    if not options.input or not options.output:
        raise SystemExit("dateline run: --input and --output are required")
    refuse_url_credentials("--input", options.input)
    refuse_url_credentials("--output", options.output)
    storage_options = storage_options_of(options)
    if is_dask(pipeline_options.get_all_options().get("runner") or ""):
        refuse_unsupported(options)
    if options.notifications:
        from apache_beam.options.pipeline_options import StandardOptions

        pipeline_options.view_as(StandardOptions).streaming = True
        ensure_table_folders(options.output, storage_options)
        p = test_pipeline or beam.Pipeline(runner=local_runner(pipeline_options),
                                           options=pipeline_options)
        build_pipeline(p, options, [])
        return p.run()
    plan = plan_run(options.output, list_inputs(options.input, storage_options), storage_options,
                    reprocess=options.reprocess)
    if not plan.todo:
        if not options.quiet:
            print(f"Nothing to do: all {plan.skipped} input files are already in {options.output} "
                  "(see _manifest; --reprocess forces a new run).")
        return None
    return run_plan(pipeline_options, plan, test_pipeline)


def run_plan(pipeline_options: PipelineOptions, plan: RunPlan,
             test_pipeline: beam.Pipeline | None = None):
    """Run the pipeline over a plan's inputs and record them in the manifest; return the result."""
    options = pipeline_options.view_as(DatelineOptions)
    storage_options = storage_options_of(options)
    input_urls = plan.urls
    ensure_table_folders(options.output, storage_options)
    runner = (pipeline_options.get_all_options().get("runner") or "DirectRunner")
    show_progress = not options.quiet and test_pipeline is None and "Direct" in str(runner)
    progress_dir = tempfile.mkdtemp(prefix="dateline-progress-") if show_progress else None
    display = None
    if progress_dir:
        from dateline.progress import ProgressDisplay

        display = ProgressDisplay(progress_dir, len(input_urls))
        display.start()
    if is_dask(runner):  # Beam's DaskRunner loses data on the branched graph: see transforms/dask.py
        p = test_pipeline or beam.Pipeline(runner=dask_runner(pipeline_options, len(input_urls)),
                                           options=pipeline_options)
        build_linear_pipeline(p, options, input_urls, storage_options, plan)
    else:
        p = test_pipeline or beam.Pipeline(runner=local_runner(pipeline_options),
                                           options=pipeline_options)
        build_pipeline(p, options, input_urls, progress_dir, plan)
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
