"""AnalyzeArticles: article rows in, actor/mention/statement rows out; spaCy loaded once per worker."""
from __future__ import annotations

from dataclasses import dataclass

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.utils import shared
from apache_beam.utils.windowed_value import WindowedValue

from dateline.parse import error_row, start_language_identifier_load
from dateline.progress import ProgressReporter
from dateline.startup import gc_paused

OUTPUTS = ("actors", "mentions", "statements", "errors")
# One handle for every pipeline of a process: successive runs in one process (watch mode's
# micro-batches) reuse the loaded model instead of loading it again.
MODEL_HANDLE = shared.Shared()
# Beam's Shared keeps only the last acquired object of any handle alive; this keeps the last model.
_KEPT_MODEL: list = []


def load_model(name: str | None, actors_file: str | None = None):
    """dateline.nlp.load_model, imported on first use: a launching process never imports spaCy."""
    with gc_paused():
        from dateline.nlp import load_model as load_spacy_model

        return load_spacy_model(name, actors_file=actors_file)


class _ModelHolder:
    """Weak-referenceable holder for a loaded model, shared by DoFn instances of one process."""

    def __init__(self, nlp):
        self.nlp = nlp


class AnalyzeFn(beam.DoFn):
    """Batch articles inside the DoFn, run nlp.pipe over their paragraphs, emit plain rows."""

    def __init__(self, model_handle: shared.Shared, spacy_model: str, actors_file: str | None,
                 batch_size: int, progress_dir: str | None):
        self.model_handle, self.spacy_model, self.actors_file = model_handle, spacy_model, actors_file
        self.batch_size, self.progress_dir = batch_size, progress_dir
        self.analyzed = Metrics.counter("dateline", "articles_analyzed")
        self.failed = Metrics.counter("dateline", "articles_failed")
        self.mentions = Metrics.counter("dateline", "mentions")
        self.statements = Metrics.counter("dateline", "statements")

    def setup(self):
        # The reader of this fused stage is set up after this DoFn; its language identifier then
        # loads (mostly GIL-free decompression) while the model loads here.
        start_language_identifier_load()
        key = (self.spacy_model, self.actors_file)
        holder = self.model_handle.acquire(self._load, tag=repr(key))
        self._holder = holder  # keep the weak reference alive
        _KEPT_MODEL[:] = [holder]  # ...and after teardown, for the next pipeline of this process
        self._progress = ProgressReporter(self.progress_dir) if self.progress_dir else None

    def _load(self) -> _ModelHolder:
        """Load the model (dateline.nlp.load_model keeps the GC off its objects)."""
        return _ModelHolder(load_model(self.spacy_model, actors_file=self.actors_file))

    def start_bundle(self):
        self._batch = []

    def process(self, article: dict, window=beam.DoFn.WindowParam, timestamp=beam.DoFn.TimestampParam):
        self._batch.append((article, window, timestamp))
        if len(self._batch) >= self.batch_size:
            yield from self._flush(windowed=False)

    def finish_bundle(self):
        yield from self._flush(windowed=True)

    def _flush(self, windowed: bool):
        batch, self._batch = self._batch, []
        if not batch:
            return
        for output in self._analyze(batch):
            tag, row, window, timestamp = output
            value = WindowedValue(row, timestamp, [window]) if windowed else row
            yield value if tag is None else beam.pvalue.TaggedOutput(tag, value)

    def _analyze(self, batch):
        """Analyse a batch; if the batch fails, analyse article by article so one bad one fails alone."""
        try:
            yield from self._analyze_all(batch)
        except Exception:  # noqa: BLE001 - retried one by one below, each failure becomes an error row
            for item in batch:
                try:
                    yield from self._analyze_all([item])
                except Exception as error:  # noqa: BLE001 - dead letter with the reason
                    article, window, timestamp = item
                    self.failed.inc()
                    if self._progress:
                        self._progress.add(errors=1)
                    yield ("errors", error_row(article["source_uri"], "analyze",
                                               type(error).__name__, str(error)[:1000]),
                           window, timestamp)

    def _analyze_all(self, batch):
        from dateline.nlp import analyze_paragraphs, parse_bodies

        nlp = self._holder.nlp
        results = []
        parsed = parse_bodies(nlp, ((i, item[0]["body"]) for i, item in enumerate(batch)))
        for i, body, paragraphs in parsed:
            article, window, timestamp = batch[i]
            results.append((article, window, timestamp,
                            analyze_paragraphs(article["article_id"], body, paragraphs)))
        for article, window, timestamp, analysis in results:
            published = article.get("published")
            yield None, article, window, timestamp
            for row in analysis.actors:
                yield "actors", row, window, timestamp
            for row in analysis.mentions:
                yield "mentions", {**row, "published": published}, window, timestamp
            for row in analysis.statements:
                yield "statements", {**row, "published": published}, window, timestamp
            self.analyzed.inc()
            self.mentions.inc(len(analysis.mentions))
            self.statements.inc(len(analysis.statements))
        if self._progress:
            self._progress.add(articles_analyzed=len(results))

    def teardown(self):
        if getattr(self, "_progress", None):
            self._progress.flush()


@dataclass
class AnalyzeArticles(beam.PTransform):
    """Article rows -> analysed article rows (main) plus actors, mentions, statements, errors."""

    spacy_model: str
    actors_file: str | None = None
    batch_size: int = 32
    progress_dir: str | None = None

    def __post_init__(self):
        super().__init__()

    def expand(self, articles):
        return articles | "RunSpacy" >> beam.ParDo(AnalyzeFn(
            MODEL_HANDLE, self.spacy_model, self.actors_file, self.batch_size,
            self.progress_dir)).with_outputs(*OUTPUTS, main="articles")
