"""The pipeline as one linear chain, for Beam's DaskRunner, reusing the same DoFns as the main pipeline.

Measured on apache-beam 2.77 + dask 2026.8 (see tests/test_dask.py), Beam's DaskRunner
1. hands a consumer of a tagged output *every* output of the ParDo (tags are ignored),
2. computes only the branch that ends in the last transform applied (other sinks never run),
3. drops what a DoFn emits in finish_bundle (results are collected before finish_bundle),
   and shares one output list between the partitions a worker runs, so each partition re-emits
   the outputs of the partitions before it (12 elements in 4 partitions came out as 116),
4. treats Reshuffle as a no-op and puts up to 128 Create elements in one partition.
So here: a ParDo translation with fresh receivers per partition, collected after finish_bundle
(fixed_dask_runner), no tagged outputs (every element is a (table, row) pair), a single chain from Create to
the last write, batches formed by a GroupByKey and run as a whole bundle inside one process()
call, and Create spread over --dask_npartitions partitions (run.py sets it).
"""
from __future__ import annotations

import inspect
import math

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils import shared
from apache_beam.utils.timestamp import MIN_TIMESTAMP
from apache_beam.utils.windowed_value import WindowedValue

from dateline.ids import stable_id
from dateline.manifest import manifest_rows, write_manifest
from dateline.sink import merge_actor_rows, write_partition
from schemas import TABLES, partition_of
from transforms.analyze import AnalyzeFn
from transforms.read import ReadAndParseFn

ANALYZE, PASS = "analyze", "pass"


class WholeBundleFn(beam.DoFn):
    """Run an inner DoFn over a list of elements as one complete bundle; emit (tag, value) pairs."""

    def __init__(self, inner: beam.DoFn, main_tag: str):
        self.inner, self.main_tag = inner, main_tag

    def setup(self):
        self.inner.setup()
        params = inspect.signature(self.inner.process).parameters
        self._window_args = ({"window": GlobalWindow(), "timestamp": MIN_TIMESTAMP}
                             if "window" in params else {})

    def process(self, elements):
        self.inner.start_bundle()
        for element in elements:
            yield from self._tagged(self.inner.process(element, **self._window_args))
        yield from self._tagged(self.inner.finish_bundle())

    def _tagged(self, outputs):
        for output in outputs or ():
            tag = self.main_tag
            if isinstance(output, beam.pvalue.TaggedOutput):
                tag, output = output.tag, output.value
            yield tag, output.value if isinstance(output, WindowedValue) else output

    def teardown(self):
        self.inner.teardown()


class AnalyzeBatchFn(beam.DoFn):
    """(key, [(table, row)]) -> (table, row): analyse batches of articles, pass other rows through."""

    def __init__(self, analyze: WholeBundleFn):
        self.analyze = analyze

    def setup(self):
        self.analyze.setup()

    def process(self, keyed):
        key, items = keyed
        if key[0] == ANALYZE:
            yield from self.analyze.process([row for _, row in items])
        else:
            yield from items

    def teardown(self):
        self.analyze.teardown()


def _batch_key(n_batches: int):
    def key(item):
        table, row = item
        if table != "articles":
            return (PASS, 0), item
        return (ANALYZE, int(stable_id(row["article_id"], length=8), 16) % n_batches), item
    return key


def _row_key(item):
    table, row = item
    return (table, "|".join(str(row[k]) for k in TABLES[table].key)), item


def _merge(keyed):
    (table, _), items = keyed
    rows = [row for _, row in items]
    return table, merge_actor_rows(rows) if table == "actors" else rows[0]


class WriteTablePartitionFn(beam.DoFn):
    """((table, partition), rows) -> one Parquet file; emit ("file", url) and read failures."""

    def __init__(self, output: str, storage_options: dict):
        self.output, self.storage_options = output, storage_options

    def process(self, keyed):
        (table, partition), rows = keyed
        rows = list(rows)
        yield "file", write_partition(TABLES[table], self.output, partition, rows, self.storage_options)
        if table == "errors":
            for row in rows:
                if row["stage"] == "read":
                    yield "read_error", (row["source_uri"], row["error_type"])


class WriteManifestAfterFn(beam.DoFn):
    """(None, everything written) -> the manifest file, written after every table file."""

    def __init__(self, run_id: str, entries: list, output: str, storage_options: dict):
        self.run_id, self.entries = run_id, entries
        self.output, self.storage_options = output, storage_options

    def process(self, keyed):
        _, written = keyed
        read_errors = dict(value for kind, value in written if kind == "read_error")
        url = write_manifest(self.output, manifest_rows(self.run_id, self.entries, read_errors),
                             self.storage_options)
        yield from [url] if url else []


def is_dask(runner) -> bool:
    """True when --runner names Beam's DaskRunner (by name, dotted path or instance)."""
    return "DaskRunner" in (runner if isinstance(runner, str) else type(runner).__name__)


def refuse_unsupported(options) -> None:
    """Exit with a message naming what the DaskRunner cannot run correctly."""
    if options.notifications:
        raise SystemExit("dateline: --runner DaskRunner cannot run --notifications: Beam's DaskRunner "
                         "runs bounded pipelines only (no streaming, no windows: its GroupByKey "
                         "ignores windows). Use the DirectRunner or Dataflow for notifications.")


def dask_runner(pipeline_options: PipelineOptions, n_inputs: int):
    """A DaskRunner instance; inputs spread over partitions unless --dask_npartitions is given."""
    try:
        from apache_beam.runners.dask.dask_runner import DaskOptions
        import distributed  # noqa: F401
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        raise SystemExit("--runner DaskRunner needs dask: pip install 'dateline[dask]'") from error
    dask_options = pipeline_options.view_as(DaskOptions)
    if not dask_options.npartitions and not dask_options.partition_size:
        dask_options.npartitions = max(1, min(n_inputs, 64))
    return fixed_dask_runner()


def build_linear_pipeline(p: beam.Pipeline, options, input_urls: list[str], storage_options: dict,
                          plan=None) -> beam.PCollection:
    """input URLs -> all tables (and the manifest) in one chain; return the last PCollection."""
    languages = None if options.languages in (None, "", "any") else tuple(
        code.strip() for code in options.languages.split(",") if code.strip())
    n_batches = max(2, math.ceil(len(input_urls) / max(1, options.batch_size)))
    read = WholeBundleFn(ReadAndParseFn(options.max_bytes, options.max_chars, languages,
                                        storage_options, None), "articles")
    analyze = WholeBundleFn(AnalyzeFn(shared.Shared(), options.spacy_model,
                                      options.actors_file, options.batch_size, None), "articles")
    written = (
        p
        | "ListInputs" >> beam.Create(input_urls)
        | "OnePerBundle" >> beam.Map(lambda url: [url])
        | "ReadAndParse" >> beam.ParDo(read)
        | "KeyByBatch" >> beam.Map(_batch_key(n_batches))
        | "GroupBatches" >> beam.GroupByKey()
        | "Analyze" >> beam.ParDo(AnalyzeBatchFn(analyze))
        | "KeyById" >> beam.Map(_row_key)
        | "GroupById" >> beam.GroupByKey()
        | "MergeDuplicates" >> beam.Map(_merge)
        | "KeyByPartition" >> beam.MapTuple(lambda table, row: ((table, partition_of(TABLES[table], row)), row))
        | "GroupByPartition" >> beam.GroupByKey()
        | "WriteParquet" >> beam.ParDo(WriteTablePartitionFn(options.output, storage_options))
    )
    if plan is None:
        return written
    return (
        written
        | "KeyAll" >> beam.Map(lambda item: (None, item))
        | "GroupAll" >> beam.GroupByKey()
        | "WriteManifest" >> beam.ParDo(WriteManifestAfterFn(plan.run_id, plan.todo, options.output,
                                                             storage_options))
    )


def _run_bundle(items, signature, window_fn, invoker_kwargs):
    """One Dask partition as one bundle, with its own receivers, collected after finish_bundle."""
    from apache_beam.runners.common import DoFnInvoker, _OutputHandler
    from apache_beam.runners.dask.transform_evaluator import OneReceiver

    receivers = OneReceiver()
    handler = _OutputHandler(window_fn=window_fn, main_receivers=receivers[None],
                             tagged_receivers=receivers, per_element_output_counter=None,
                             output_batch_converter=None, process_yields_batches=False,
                             process_batch_yields_elements=False)
    invoker = DoFnInvoker.create_invoker(signature, handler, **invoker_kwargs)
    invoker.invoke_setup()
    invoker.invoke_start_bundle()
    for item in items:
        invoker.invoke_process(item)
    invoker.invoke_finish_bundle()
    invoker.invoke_teardown()
    return [value.value for value in receivers.values]


def fixed_dask_runner():
    """Beam's DaskRunner with a ParDo that keeps partitions apart and keeps finish_bundle output."""
    from apache_beam.runners.common import DoFnContext, DoFnSignature
    from apache_beam.runners.dask import dask_runner as beam_dask
    from apache_beam.runners.dask import transform_evaluator as evaluator

    class BundleParDo(evaluator.ParDo):
        def apply(self, input_bag, side_inputs=None):
            transform = self.transform
            args, kwargs = transform.raw_side_inputs
            main_input = next(iter(self.applied.main_inputs.values()))
            window_fn = main_input.windowing.windowfn if hasattr(main_input, "windowing") else None
            invoker_kwargs = dict(context=DoFnContext(transform.label, state=None),
                                  side_inputs=side_inputs, input_args=list(args),
                                  input_kwargs=kwargs, user_state_context=None,
                                  bundle_finalizer_param=beam.DoFn.BundleFinalizerParam())
            return input_bag.map(evaluator.get_windowed_value, window_fn).map_partitions(
                _run_bundle, DoFnSignature(transform.fn), window_fn, invoker_kwargs)

    class FixedDaskRunner(beam_dask.DaskRunner):
        def run_pipeline(self, pipeline, options):
            translations = beam_dask.TRANSLATIONS
            saved = translations[beam.ParDo]
            translations[beam.ParDo] = BundleParDo
            try:
                return super().run_pipeline(pipeline, options)
            finally:
                translations[beam.ParDo] = saved

    return FixedDaskRunner()
