"""Parsing input bytes into article rows (txt, json, jsonl, html); bad input becomes error rows."""
from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import hashlib
import json
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from dateline.ids import stable_id
from dateline.sources import InputError

DEFAULT_MAX_CHARS = 200_000  # longest article body analysed; longer ones become `too_large` errors
MAX_MESSAGE_CHARS = 500
HTML_BYTES_PER_CHAR = 20  # an HTML page may hold this many bytes per character of max_chars
MIN_HTML_WORDS = 5  # extracted HTML text shorter than this counts as "no main text"
# The identifier reads the text byte by byte in Python: 600 characters decide a news article's
# language as 1,500 do (no difference on the dev, PolNeAR and NewsMTSC texts) at 40% of the cost.
LANGUAGE_SAMPLE_CHARS = 600
LANGUAGE_MIN_CONFIDENCE = 0.8  # below it the language is recorded as unknown and never rejected
LANGUAGE_MIN_LETTERS = 20
BINARY_MAX_BAD_RATIO = 0.05  # share of control/unassigned/replacement characters that means "binary"
TEXT_KEYS = ("text", "body", "content")
DATE_KEYS = ("published", "date")
FORMATS = {".txt": "txt", ".text": "txt", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".html": "html", ".htm": "html", ".xhtml": "html"}
COMPRESSION_SUFFIXES = (".gz", ".bz2")

# The seed header: "date 2021-10-03 ISLAMABAD: text ..." (optionally preceded by whitespace).
_HEADER = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s+([^\W\d_][\w .,'’()/-]{0,60}?)\s*:[ \t]*", re.IGNORECASE)
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s_])")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DATE_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
                 "%d.%m.%Y", "%Y%m%d")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACE_RUNS = re.compile(r"[^\S\n]+")


class ParseError(InputError):
    """Bad data in one input: becomes a `parse` error row whose error_type is the code."""

    @property
    def error_type(self) -> str:
        return self.code


@dataclass
class Decoded:
    """Input text and the encoding it was decoded from."""

    text: str
    encoding: str


@dataclass
class Fields:
    """What a format parser found in one article, before cleaning."""

    text: str
    title: str | None = None
    published: str | None = None
    dateline: str | None = None
    url: str | None = None


def error_row(source_uri: str, stage: str, error_type: str, message: str) -> dict:
    """An ERRORS row; error_id is stable over reruns of the same input."""
    message = " ".join(str(message).split())
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[:MAX_MESSAGE_CHARS - 1] + "…"
    return {
        "error_id": stable_id(source_uri, stage, error_type),
        "source_uri": source_uri,
        "stage": stage,
        "error_type": error_type,
        "message": message,
    }


# ---------------------------------------------------------------- decoding and cleaning


def _codec_name(name: str) -> str:
    """The canonical Python codec name (e.g. 'cp1252', 'utf-16-le')."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _mostly_utf8(data: bytes) -> bool:
    """True for UTF-8 with a few corrupt bytes: it has valid multi-byte sequences, and not many invalid ones.

    Legacy single-byte text (cp1252, ...) almost never forms valid UTF-8 multi-byte sequences.
    """
    replaced = data.decode("utf-8", errors="replace")
    invalid = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F and ch != "\ufffd")
    return multibyte > 0 and invalid <= 4 * multibyte + 4


def _legacy_decode(data: bytes) -> Decoded | None:
    """Decode with charset-normalizer's best match, preferring cp1252 (the usual legacy encoding) among equals."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        fits = {_codec_name(name) for name in match.could_be_from_charset}
        if "cp1252" in fits and match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.1:
            try:
                return Decoded(data.decode("cp1252"), "cp1252")
            except UnicodeDecodeError:
                break
    return Decoded(str(best), _codec_name(best.encoding))


def _bad_char_ratio(text: str) -> float:
    """Share of characters that never occur in real text: controls, unassigned, private, U+FFFD."""
    if not text:
        return 0.0
    bad = sum(count for ch, count in Counter(text).items() if ch == "\ufffd" or (
        unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r\x0b\x0c"))
    return bad / len(text)


def decode_bytes(data: bytes) -> Decoded:
    """Decode input bytes: BOM, then strict UTF-8, then charset-normalizer; binary raises ParseError."""
    if not data.strip():
        raise ParseError("empty", "input is empty" if not data else "input holds only whitespace")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data.decode(codec), _codec_name(codec)))
            except UnicodeDecodeError as error:
                raise ParseError("decode", f"invalid {codec} after a byte-order mark: {error}") from error
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _checked(Decoded(data.decode("utf-8", errors="replace"), "utf-8"))
    decoded = _legacy_decode(data)
    if decoded is None:
        raise ParseError("binary", "input is not text (no character encoding fits; binary data?)")
    return _checked(decoded)


def _checked(decoded: Decoded) -> Decoded:
    """Reject decoded text that is mostly control or unassigned characters (binary data)."""
    ratio = _bad_char_ratio(decoded.text[:100_000])
    if ratio > BINARY_MAX_BAD_RATIO:
        raise ParseError("binary", f"input looks binary: {ratio:.0%} of the characters are control, "
                                   f"unassigned or undecodable (decoded as {decoded.encoding})")
    return decoded


def _cleaned_char(ch: str) -> str | None:
    """What clean_text keeps of one character: itself, a space (separators, tab) or nothing."""
    if ch == "\n":
        return ch
    if ch == "\ufffd":
        return None
    category = unicodedata.category(ch)
    if category.startswith("Z") or ch == "\t":
        return " "
    return None if category in ("Cc", "Cf", "Cs", "Co", "Cn") else ch


def clean_text(text: str) -> str:
    """NFC, unified line breaks, no control/zero-width/format characters, tidy whitespace."""
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text))
    kept = text.translate({ord(ch): _cleaned_char(ch) for ch in set(text)})
    lines = [_SPACE_RUNS.sub(" ", line).strip() for line in kept.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def clean_title(title: str | None) -> str | None:
    """A one-line title, or None when empty."""
    if title is None:
        return None
    title = " ".join(clean_text(title).split())
    return title or None


# ---------------------------------------------------------------- dates


def normalise_date(value: object) -> str | None:
    """YYYY-MM-DD from an ISO string, a common written date, RFC 2822 or epoch seconds; else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    value = value.strip()
    match = _ISO_DATE.match(value + " ")
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


# ---------------------------------------------------------------- formats


def format_of(source_uri: str, data: bytes) -> str:
    """txt, json, jsonl or html: by extension (compression suffix stripped), else by sniffing."""
    name = source_uri.split("#", 1)[0].split("?", 1)[0].lower()
    for suffix in COMPRESSION_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    dot = name.rfind(".")
    slash = name.rfind("/")
    extension = name[dot:] if dot > slash else ""
    if extension in FORMATS:
        return FORMATS[extension]
    return sniff_format(data)


def sniff_format(data: bytes) -> str:
    """Guess the format from the first bytes of the content."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or re.search(rb"<(html|body|head|p|div)[\s>]", head):
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"  # parse_source turns it into jsonl when it has one object per line
    return "txt"


def parse_txt(text: str) -> Fields:
    """Plain text; the seed header `date YYYY-MM-DD PLACE:` gives the date and dateline."""
    match = _HEADER.match(text)
    if match:
        published = normalise_date(match.group(1))
        if published:
            return Fields(text=text[match.end():], published=published, dateline=match.group(2).strip())
    return Fields(text=text)


def _optional_string(obj: dict, key: str) -> str | None:
    """obj[key] as a string (numbers converted), None when absent; other types raise ParseError."""
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ParseError("bad_field", f"field {key!r} must be a string, got {type(value).__name__}")


def parse_json_object(obj: object) -> Fields:
    """One article object: text|body|content, optional title, published|date, url."""
    if not isinstance(obj, dict):
        raise ParseError("not_an_object", f"expected a JSON object, got {type(obj).__name__}")
    key = next((k for k in TEXT_KEYS if obj.get(k) not in (None, "")), None)
    if key is None:
        present = ", ".join(sorted(map(str, obj))[:10]) or "none"
        raise ParseError("missing_text", f"no non-empty 'text', 'body' or 'content' field (fields: {present})")
    value = obj[key]
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        value = "\n\n".join(value)  # a list of paragraphs
    if not isinstance(value, str):
        raise ParseError("bad_field", f"field {key!r} must be a string or a list of strings, "
                                      f"got {type(value).__name__}")
    published = None
    for date_key in DATE_KEYS:
        if obj.get(date_key) is not None:
            published = normalise_date(obj[date_key])
            break
    return Fields(text=value, title=_optional_string(obj, "title"), published=published,
                  url=_optional_string(obj, "url"))


def _load_json(text: str) -> object:
    """json.loads with bad JSON as ParseError; NaN/Infinity and huge nesting rejected."""
    def reject_constant(name: str):
        raise ValueError(f"{name} is not valid JSON")

    try:
        return json.loads(text, parse_constant=reject_constant)
    except RecursionError as error:
        raise ParseError("bad_json", "JSON nested too deeply") from error
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        raise ParseError("bad_json", f"invalid JSON: {error}") from error


def parse_html(text: str) -> Fields:
    """Main text, title and date of a news page with trafilatura (no network access)."""
    import trafilatura

    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                           include_tables=False, include_images=False)
    main_text = (document.text or "") if document is not None else ""
    if len(main_text.split()) < MIN_HTML_WORDS:
        raise ParseError("no_main_text", f"no main text found in the HTML page "
                                         f"({len(main_text.split())} words extracted)")
    title = document.title
    lines = main_text.split("\n")
    if title and lines and clean_title(lines[0]) == clean_title(title):
        main_text = "\n".join(lines[1:])  # trafilatura repeats the <h1> headline
    return Fields(text=main_text, title=title, published=normalise_date(document.date), url=document.url)


# ---------------------------------------------------------------- language


_LANGUAGE_IDENTIFIER: list = []
_LANGUAGE_IDENTIFIER_LOCK = threading.Lock()


def _language_identifier():
    """The py3langid model with calibrated probabilities (loaded once per process)."""
    with _LANGUAGE_IDENTIFIER_LOCK:
        if not _LANGUAGE_IDENTIFIER:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _LANGUAGE_IDENTIFIER.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        return _LANGUAGE_IDENTIFIER[0]


def start_language_identifier_load() -> None:
    """Load the language identifier in a background thread; its first use waits for it."""
    if not _LANGUAGE_IDENTIFIER:
        threading.Thread(target=_language_identifier, name="load-language-identifier",
                         daemon=True).start()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(1 for _ in islice(filter(str.isalpha, sample), LANGUAGE_MIN_LETTERS)) < LANGUAGE_MIN_LETTERS:
        return None
    language, confidence = _language_identifier().classify(sample)
    if confidence < LANGUAGE_MIN_CONFIDENCE or language in ("und", "zxx"):
        return None
    return language


# ---------------------------------------------------------------- articles


def build_article(source_uri: str, fmt: str, raw: bytes, fields: Fields, encoding: str | None, *,
                  max_chars: int, languages: tuple[str, ...] | None) -> dict:
    """An ARTICLES row (without the pipeline's columns) from parsed fields; ParseError if unusable."""
    text = clean_text(fields.text)
    if not text:
        raise ParseError("empty", "the article has no text")
    title = clean_title(fields.title)
    body = f"{title}\n\n{text}" if title else text
    if len(body) > max_chars:
        raise ParseError("too_large", f"article has {len(body)} characters, more than max_chars={max_chars}")
    language = detect_language(text)
    if languages and language is not None and language not in languages:
        raise ParseError("unsupported_language", f"language {language} is not in the accepted "
                                                 f"languages ({', '.join(languages)})")
    checksum = hashlib.sha256(raw).hexdigest()
    dateline = clean_title(fields.dateline)
    return {
        "article_id": stable_id("article", source_uri, checksum),
        "source_uri": source_uri,
        "title": title,
        "published": fields.published,
        "dateline": dateline,
        "body": body,
        "text_start": len(title) + 2 if title else 0,
        "n_words": len(body.split()),
        "checksum": checksum,
        "format": fmt,
        "url": clean_title(fields.url),
        "language": language,
        "encoding": encoding,
    }


def _jsonl_lines(source_uri: str, data: bytes) -> list[tuple[str, bytes]]:
    """(line uri, line bytes) for each non-blank line; UTF-16/32 input re-encoded as UTF-8 first."""
    for bom, codec in _BOMS:
        if data.startswith(bom) and codec != "utf-8-sig":
            data = decode_bytes(data).text.encode("utf-8")
            break
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    return [(f"{source_uri}#L{number}", line.rstrip(b"\r"))
            for number, line in enumerate(data.split(b"\n"), start=1) if line.strip()]


def _parse_one(source_uri: str, fmt: str, raw: bytes, *, max_chars: int,
               languages: tuple[str, ...] | None) -> dict:
    """One article from one input (or JSONL line); ParseError on bad data."""
    decoded = decode_bytes(raw)
    text = decoded.text
    if fmt == "txt":
        fields = parse_txt(text)
    elif fmt in ("json", "jsonl"):
        fields = parse_json_object(_load_json(text))
    else:
        fields = parse_html(text)
    return build_article(source_uri, fmt, raw, fields, decoded.encoding,
                         max_chars=max_chars, languages=languages)


def parse_source(source_uri: str, data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS,
                 languages: tuple[str, ...] | None = ("en",)) -> tuple[list[dict], list[dict]]:
    """(article rows, error rows) for one input file; never raises on bad data."""
    articles: list[dict] = []
    errors: list[dict] = []

    def attempt(uri: str, fmt: str, raw: bytes) -> None:
        try:
            articles.append(_parse_one(uri, fmt, raw, max_chars=max_chars, languages=languages))
        except ParseError as error:
            errors.append(error_row(uri, "parse", error.error_type, error.message))
        except Exception as error:  # a parser bug must not lose the input: record it
            errors.append(error_row(uri, "parse", "internal", f"{type(error).__name__}: {error}"))

    fmt = format_of(source_uri, data)
    if fmt == "json" and _looks_like_jsonl(data):
        fmt = "jsonl"
    if fmt != "jsonl":
        byte_limit = max_chars * (HTML_BYTES_PER_CHAR if fmt == "html" else 4) + 1024
        if len(data) > byte_limit:  # checked before decoding: memory and time stay bounded
            message = f"input has {len(data)} bytes, more than max_chars={max_chars} characters can take"
            return [], [error_row(source_uri, "parse", "too_large", message)]
        attempt(source_uri, fmt, data)
        return articles, errors
    try:
        lines = _jsonl_lines(source_uri, data)
    except ParseError as error:
        return [], [error_row(source_uri, "parse", error.error_type, error.message)]
    if not lines:
        return [], [error_row(source_uri, "parse", "empty", "input is empty")]
    for uri, line in lines:
        if len(line) > max_chars * 4 + 1024:
            message = f"line has {len(line)} bytes, more than max_chars={max_chars} characters can take"
            errors.append(error_row(uri, "parse", "too_large", message))
        else:
            attempt(uri, "jsonl", line)
    return articles, errors


def _looks_like_jsonl(data: bytes) -> bool:
    """A .json file that is really JSON Lines: several lines, each a complete object."""
    lines = [line for line in data.split(b"\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines[:2])
    except (ValueError, RecursionError):
        return False
