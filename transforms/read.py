"""ReadArticles: input URLs in, article rows out, failures to an `errors` output."""
from __future__ import annotations

from dataclasses import dataclass, field

import apache_beam as beam
from apache_beam.metrics import Metrics

from dateline.parse import error_row, parse_source
from dateline.progress import ProgressReporter
from dateline.sources import InputError, read_source
from dateline.storage import filesystem_for

ERRORS = "errors"


class ReadAndParseFn(beam.DoFn):
    """Read one input through fsspec and parse it into articles; bad inputs become error rows."""

    def __init__(self, max_bytes: int, max_chars: int, languages: tuple[str, ...] | None,
                 storage_options: dict, progress_dir: str | None):
        self.max_bytes, self.max_chars, self.languages = max_bytes, max_chars, languages
        self.storage_options, self.progress_dir = storage_options, progress_dir
        self.files_read = Metrics.counter("dateline", "files_read")
        self.articles_parsed = Metrics.counter("dateline", "articles_parsed")
        self.inputs_failed = Metrics.counter("dateline", "inputs_failed")

    def setup(self):
        self._filesystems = {}
        self._progress = ProgressReporter(self.progress_dir) if self.progress_dir else None

    def _filesystem(self, uri: str):
        protocol = uri.split("://", 1)[0] if "://" in uri else "file"
        if protocol not in self._filesystems:
            self._filesystems[protocol] = filesystem_for(uri, self.storage_options)[0]
        return self._filesystems[protocol]

    def process(self, uri: str):
        self.files_read.inc()
        try:
            data = read_source(uri, max_bytes=self.max_bytes, fs=self._filesystem(uri),
                               storage_options=self.storage_options)
        except InputError as error:
            articles, errors = [], [error_row(uri, "read", error.code, str(error))]
        else:
            articles, errors = parse_source(uri, data, max_chars=self.max_chars,
                                            languages=self.languages)
        self.articles_parsed.inc(len(articles))
        self.inputs_failed.inc(len(errors))
        if self._progress:
            self._progress.add(files_read=1, errors=len(errors))
        yield from articles
        for row in errors:
            yield beam.pvalue.TaggedOutput(ERRORS, row)

    def teardown(self):
        if getattr(self, "_progress", None):
            self._progress.flush()


@dataclass
class ReadArticles(beam.PTransform):
    """Input URLs -> article rows (main output) and error rows (output `errors`)."""

    max_bytes: int
    max_chars: int
    languages: tuple[str, ...] | None = None
    storage_options: dict = field(default_factory=dict)
    progress_dir: str | None = None

    def __post_init__(self):
        super().__init__()

    def expand(self, urls):
        return (
            urls
            | "SpreadInputs" >> beam.Reshuffle()
            | "ReadAndParse" >> beam.ParDo(ReadAndParseFn(
                self.max_bytes, self.max_chars, self.languages, self.storage_options,
                self.progress_dir)).with_outputs(ERRORS, main="articles")
        )
