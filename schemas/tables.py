"""The pyarrow schemas of the five output tables, with their keys and partitioning."""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Table:
    """One output table: its folder name, schema, primary key and partition column."""

    name: str
    schema: pa.Schema
    key: tuple[str, ...]
    partition_by: str | None = None  # column holding YYYY-MM-DD, written as date=... folders
    doc: str = ""

    @property
    def columns(self) -> list[str]:
        return self.schema.names


def _schema(*fields: tuple[str, pa.DataType, bool, str]) -> pa.Schema:
    """Build a schema from (name, type, nullable, description) tuples."""
    return pa.schema([
        pa.field(name, dtype, nullable=nullable, metadata={"doc": doc})
        for name, dtype, nullable, doc in fields
    ])


ARTICLES = Table(
    name="articles",
    key=("article_id",),
    partition_by="published",
    doc="One row per input article.",
    schema=_schema(
        ("article_id", pa.string(), False, "Deterministic hash of source_uri and checksum."),
        ("source_uri", pa.string(), False, "Where the article came from (FILE#L<n> for JSONL lines)."),
        ("title", pa.string(), True, "Headline, if the input has one."),
        ("published", pa.string(), True, "Publication date YYYY-MM-DD, if known."),
        ("dateline", pa.string(), True, "Dateline place (e.g. ISLAMABAD), if the text has one."),
        ("body", pa.string(), False, "Analysed text: the headline, a blank line, then the article text "
                                     "(no headline: the text alone). All offsets point into it."),
        ("text_start", pa.int32(), False, "Offset in body where the article text starts "
                                          "(0 without headline); offsets below it are in the headline."),
        ("n_words", pa.int32(), False, "Number of whitespace-separated words in body."),
        ("checksum", pa.string(), False, "SHA-256 of the input bytes of the article."),
        ("format", pa.string(), False, "Input format: txt, json, jsonl, html."),
        ("url", pa.string(), True, "The article's own URL, if the input gives one."),
        ("language", pa.string(), True, "Detected language code, if detected."),
        ("encoding", pa.string(), True, "Character encoding the input was decoded from (utf-8, cp1252, ...)."),
    ),
)

ACTORS = Table(
    name="actors",
    key=("actor_id",),
    doc="One row per actor; actor_id is stable across articles and runs.",
    schema=_schema(
        ("actor_id", pa.string(), False,
         "Deterministic hash of canonical name, type and country (a person's id leaves the country out)."),
        ("name", pa.string(), False, "Canonical name: the fullest proper name, without titles."),
        ("type", pa.string(), False, "PERSON, ORG, GPE or NORP."),
        ("country", pa.string(), True, "ISO 3166 alpha-3 code, IGO, or null."),
        ("role", pa.string(), True, "Title or function given in the text (e.g. Prime Minister)."),
        ("sector", pa.string(), True, "CAMEO/PLOVER-style sector code (GOV, MIL, REB, IGO, ...)."),
        ("is_location", pa.bool_(), False, "True when the actor only appears as a place."),
        ("aliases", pa.list_(pa.string()), False, "Every surface form seen, sorted."),
        ("wikidata_id", pa.string(), True, "Wikidata QID from the actor dictionary, if any."),
    ),
)

MENTIONS = Table(
    name="mentions",
    key=("mention_id",),
    partition_by="published",
    doc="One row per surface mention of an actor in an article.",
    schema=_schema(
        ("mention_id", pa.string(), False, "Deterministic hash of article_id and offsets."),
        ("article_id", pa.string(), False, "The article."),
        ("actor_id", pa.string(), False, "The actor mentioned."),
        ("text", pa.string(), False, "Surface form; equals body[start:end]."),
        ("start", pa.int32(), False, "Start offset into articles.body."),
        ("end", pa.int32(), False, "End offset into articles.body."),
        ("label", pa.string(), False, "Entity label the mention came from."),
        ("published", pa.string(), True, "Publication date of the article (partition)."),
    ),
)

STATEMENTS = Table(
    name="statements",
    key=("statement_id",),
    partition_by="published",
    doc="One row per attributed statement and target.",
    schema=_schema(
        ("statement_id", pa.string(), False, "Deterministic hash of article, offsets, speaker and target."),
        ("article_id", pa.string(), False, "The article."),
        ("speaker_id", pa.string(), False, "Actor who says or does it."),
        ("target_id", pa.string(), True, "Actor the statement is directed at, or null."),
        ("kind", pa.string(), False, "direct_quote, indirect or action."),
        ("cue", pa.string(), True, "Lemma of the cue verb (say, accuse, ...), or null."),
        ("content", pa.string(), False,
         "Content span; equals body[content_start:content_end]. For reported speech it runs "
         "from the speaker and cue right before the reported clause, when they stand there."),
        ("content_start", pa.int32(), False, "Start offset of the content into articles.body."),
        ("content_end", pa.int32(), False, "End offset of the content into articles.body."),
        ("speaker_start", pa.int32(), True, "Start offset of the speaker mention, if in the text."),
        ("speaker_end", pa.int32(), True, "End offset of the speaker mention, if in the text."),
        ("stance", pa.string(), False, "support, oppose or neutral."),
        ("stance_score", pa.float32(), False, "Score in [-1, 1]: negative opposes, positive supports."),
        ("stance_cue", pa.string(), True, "What decided the stance (cue verb, lexicon words)."),
        ("speaker_org_id", pa.string(), True, "Organisation a named spokesperson speaks for, or null."),
        ("event_category", pa.string(), True, "PLOVER-like event category (ACCUSE, AGREE, ...), or null."),
        ("published", pa.string(), True, "Publication date of the article (partition)."),
    ),
)

ERRORS = Table(
    name="errors",
    key=("error_id",),
    doc="One row per input (or input line) that failed a stage.",
    schema=_schema(
        ("error_id", pa.string(), False, "Deterministic hash of source_uri, stage and message."),
        ("source_uri", pa.string(), False, "The failing input (FILE#L<n> for a JSONL line)."),
        ("stage", pa.string(), False, "Stage that failed: read, parse, analyze."),
        ("error_type", pa.string(), False, "Exception class or error code."),
        ("message", pa.string(), False, "Human-readable reason."),
    ),
)

MANIFEST = Table(
    name="_manifest",
    key=("input_url", "run_id"),
    doc="Bookkeeping, not a user table: one row per input file a run processed (incremental runs, "
        "watch mode). Written after the run's table files are complete.",
    schema=_schema(
        ("input_url", pa.string(), False, "The input file (fsspec URL or absolute path)."),
        ("checksum", pa.string(), False, "SHA-256 of the file's stored bytes when it was processed."),
        ("size", pa.int64(), True, "Size in bytes when listed."),
        ("fingerprint", pa.string(), True, "Cheap change marker when listed (etag, generation or mtime)."),
        ("status", pa.string(), False, "done, or failed when the file could not be read (retried)."),
        ("error_type", pa.string(), True, "Read error code of a failed file."),
        ("run_id", pa.string(), False, "The run that processed it."),
        ("recorded_at", pa.timestamp("us", tz="UTC"), False, "When the run recorded it."),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (ARTICLES, ACTORS, MENTIONS, STATEMENTS, ERRORS)}


def partition_of(table: Table, row: dict) -> str:
    """The relative partition folder of a row ('' for unpartitioned tables)."""
    if table.partition_by is None:
        return ""
    value = row.get(table.partition_by)
    return f"date={value or 'unknown'}"
