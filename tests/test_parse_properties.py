"""Property-based tests: parse_source never raises, rows keep the body convention, ids are deterministic."""
from __future__ import annotations

import hashlib
import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.ids import stable_id
from dateline.parse import parse_source
from schemas.tables import ARTICLES, ERRORS

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = st.sampled_from(["in/a.txt", "in/a.json", "in/a.jsonl", "in/a.html", "in/a", "in/a.txt.gz",
                         "s3://bucket/x/a.ndjson", "memory:///a.htm"])
LANGUAGES = st.sampled_from([("en",), None, ("en", "fr")])
MAX_CHARS = st.sampled_from([200, 5_000, 200_000])


def check_rows(uri: str, data: bytes, max_chars: int, languages) -> tuple[list[dict], list[dict]]:
    """Parse twice; check the shape of every row, the body convention and determinism."""
    articles, errors = parse_source(uri, data, max_chars=max_chars, languages=languages)
    assert (articles, errors) == parse_source(uri, data, max_chars=max_chars, languages=languages)
    for row in errors:
        assert set(row) == set(ERRORS.columns)
        assert row["stage"] == "parse" and row["error_type"] != "internal", row
        assert row["source_uri"].startswith(uri)
        assert row["error_id"] == stable_id(row["source_uri"], "parse", row["error_type"])
    for row in articles:
        assert set(row) == set(ARTICLES.columns)
        body, start, title = row["body"], row["text_start"], row["title"]
        assert body.strip() and len(body) <= max_chars
        assert 0 <= start < len(body)
        if title:
            assert "\n" not in title and body[:start] == title + "\n\n"
        else:
            assert start == 0
        assert body[start:] == body[start:].strip()
        assert row["n_words"] == len(body.split())
        assert not any(unicodedata.category(ch) in ("Cc", "Cf") and ch != "\n" for ch in body)
        assert "\ufffd" not in body and "\r" not in body
        assert row["article_id"] == stable_id("article", row["source_uri"], row["checksum"])
        assert row["source_uri"].startswith(uri)
        if languages and row["language"] is not None:
            assert row["language"] in languages
        if row["published"] is not None:
            assert len(row["published"]) == 10 and row["published"][4] == "-"
    if data.strip():
        assert articles or errors  # every input is accounted for
    return articles, errors


@SETTINGS
@given(uri=NAMES, data=st.binary(max_size=3000), max_chars=MAX_CHARS, languages=LANGUAGES)
def test_arbitrary_bytes_never_raise(uri, data, max_chars, languages):
    check_rows(uri, data, max_chars, languages)


@SETTINGS
@given(uri=NAMES, text=st.text(max_size=2000), codec=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252"]),
       max_chars=MAX_CHARS, languages=LANGUAGES)
def test_arbitrary_text_in_any_encoding_never_raises(uri, text, codec, max_chars, languages):
    check_rows(uri, text.encode(codec, errors="ignore"), max_chars, languages)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)
ARTICLE_OBJECTS = st.fixed_dictionaries(
    {},
    optional={"text": st.text(max_size=600) | JSON_VALUES, "body": JSON_VALUES, "content": st.lists(st.text(max_size=80)),
              "title": st.text(max_size=80) | JSON_VALUES, "published": st.text(max_size=30) | JSON_VALUES,
              "date": st.integers() | st.text(max_size=20), "url": st.text(max_size=40) | JSON_VALUES,
              "id": JSON_VALUES})


@SETTINGS
@given(doc=ARTICLE_OBJECTS | JSON_VALUES, languages=LANGUAGES)
def test_json_of_any_shape_never_raises(doc, languages):
    data = json.dumps(doc).encode()
    articles, errors = check_rows("in/doc.json", data, 200_000, languages)
    assert len(articles) + len(errors) == 1
    for row in articles:
        assert row["checksum"] == hashlib.sha256(data).hexdigest() and row["format"] == "json"


@SETTINGS
@given(lines=st.lists(st.one_of(ARTICLE_OBJECTS.map(json.dumps), st.text(max_size=60).filter(lambda t: "\n" not in t)),
                      min_size=1, max_size=8))
def test_jsonl_accounts_for_every_line(lines):
    data = "\n".join(lines).encode()
    articles, errors = check_rows("in/lines.jsonl", data, 200_000, None)
    expected = [f"in/lines.jsonl#L{n}" for n, line in enumerate(lines, 1) if line.encode().strip()]
    if not expected:
        assert articles == [] and [(e["source_uri"], e["error_type"]) for e in errors] == [("in/lines.jsonl", "empty")]
        return
    assert sorted(r["source_uri"] for r in articles + errors) == sorted(expected)
    for row in articles:
        number = int(row["source_uri"].rsplit("#L", 1)[1])
        assert row["checksum"] == hashlib.sha256(lines[number - 1].encode().rstrip(b"\r")).hexdigest()


@SETTINGS
@given(date=st.dates(), place=st.from_regex(r"[A-Z][A-Za-z .'-]{0,30}[A-Za-z]", fullmatch=True),
       text=st.text(min_size=1, max_size=400), lead=st.sampled_from(["", " ", "\n", "\ufeff"]))
def test_seed_header_round_trip(date, place, text, lead):
    data = f"{lead}date {date.isoformat()} {place}: {text}".encode()
    articles, errors = check_rows("in/a.txt", data, 200_000, None)
    for row in articles:
        assert row["published"] == date.isoformat()
        assert row["dateline"] == " ".join(place.split())
