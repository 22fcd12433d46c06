"""Parsing inputs into article and error rows: every format, the seed header, and each kind of bad input."""
from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import random
from pathlib import Path

import pyarrow as pa
import pytest

from dateline.ids import stable_id
from dateline.parse import (DEFAULT_MAX_CHARS, clean_text, error_row, format_of, normalise_date,
                            parse_source)
from dateline.sources import list_inputs, read_source
from schemas.tables import ARTICLES, ERRORS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"

PARAGRAPH = ("The foreign minister of Norway said on Tuesday that the negotiations with Sweden over "
             "fishing rights would continue next week in Oslo, and that both sides wanted a fair deal.")


def only_article(uri: str, data: bytes, **kwargs) -> dict:
    """The single article parsed from an input, failing on any error row."""
    articles, errors = parse_source(uri, data, **kwargs)
    assert errors == [], errors
    assert len(articles) == 1
    return articles[0]


def only_error(uri: str, data: bytes, **kwargs) -> dict:
    """The single error row of an input that must not give an article."""
    articles, errors = parse_source(uri, data, **kwargs)
    assert articles == []
    assert len(errors) == 1, errors
    assert errors[0]["stage"] == "parse"
    return errors[0]


def assert_consistent(row: dict) -> None:
    """Row shape and the body/title/text_start convention."""
    assert set(row) == set(ARTICLES.columns)
    body, start = row["body"], row["text_start"]
    if row["title"]:
        assert body[:start] == row["title"] + "\n\n"
    else:
        assert start == 0
    assert row["n_words"] == len(body.split())
    assert row["article_id"] == stable_id("article", row["source_uri"], row["checksum"])
    pa.Table.from_pylist([row], schema=ARTICLES.schema)  # types match the declared schema


# ---------------------------------------------------------------- txt


SEED_STYLE = (" date 2022-05-14 NAIROBI: Kenya's foreign minister said on Friday that talks with "
              "Ethiopia over the border would resume next month.\n\n\u201cWe are ready,\u201d she said.\n")


def test_seed_header_gives_date_and_dateline():
    data = SEED_STYLE.encode()
    row = only_article("/in/kenya.txt", data)
    assert_consistent(row)
    assert row["published"] == "2022-05-14"
    assert row["dateline"] == "NAIROBI"
    assert row["title"] is None
    assert row["body"].startswith("Kenya's foreign minister said on Friday")
    assert row["body"].endswith("\u201cWe are ready,\u201d she said.")
    assert row["format"] == "txt" and row["encoding"] == "utf-8" and row["language"] == "en"
    assert row["checksum"] == hashlib.sha256(data).hexdigest()
    assert row["article_id"] == stable_id("article", "/in/kenya.txt", row["checksum"])


def test_seed_header_with_multiword_place():
    row = only_article("a.txt", f"date 2020-02-29 NEW YORK: {PARAGRAPH}".encode())
    assert (row["published"], row["dateline"]) == ("2020-02-29", "NEW YORK")
    assert row["body"] == PARAGRAPH


def test_header_with_impossible_date_is_plain_text():
    text = f"date 2021-02-30 PARIS: {PARAGRAPH}"
    row = only_article("a.txt", text.encode())
    assert row["published"] is None and row["dateline"] is None
    assert row["body"] == text


def test_plain_text_is_taken_whole():
    text = f"Ministers meet in Oslo\n\n{PARAGRAPH}\n\n{PARAGRAPH}"
    row = only_article("notes.txt", text.encode())
    assert_consistent(row)
    assert row["body"] == text
    assert (row["title"], row["published"], row["dateline"]) == (None, None, None)


# ---------------------------------------------------------------- json


def test_json_article_with_title_and_metadata():
    doc = {"id": "7", "url": "https://example.org/a", "title": "  Ministers\nmeet in Oslo ",
           "published": "2019-11-25 23:43:03Z", "author": "Someone", "text": PARAGRAPH}
    row = only_article("/in/oslo.json", json.dumps(doc).encode())
    assert_consistent(row)
    assert row["title"] == "Ministers meet in Oslo"
    assert row["body"] == "Ministers meet in Oslo\n\n" + PARAGRAPH
    assert row["text_start"] == len("Ministers meet in Oslo") + 2
    assert row["body"][row["text_start"]:] == PARAGRAPH
    assert (row["published"], row["url"], row["format"]) == ("2019-11-25", "https://example.org/a", "json")


@pytest.mark.parametrize("key", ["text", "body", "content"])
def test_json_text_keys(key):
    row = only_article("a.json", json.dumps({key: PARAGRAPH, "date": "March 5, 2024"}).encode())
    assert row["body"] == PARAGRAPH and row["published"] == "2024-03-05"


def test_json_paragraph_list_is_joined():
    row = only_article("a.json", json.dumps({"text": [PARAGRAPH, PARAGRAPH]}).encode())
    assert row["body"] == PARAGRAPH + "\n\n" + PARAGRAPH


@pytest.mark.parametrize("doc,error_type", [
    ({"text": 42}, "bad_field"),
    ({"text": {"en": PARAGRAPH}}, "bad_field"),
    ({"text": PARAGRAPH, "title": ["a", "b"]}, "bad_field"),
    ({"title": "Only a title"}, "missing_text"),
    ({"text": ""}, "missing_text"),
    ({"article": {"text": PARAGRAPH}}, "missing_text"),
    ([{"text": PARAGRAPH}], "not_an_object"),
    ("just a string", "not_an_object"),
    ({"text": "   \u200b\n\t "}, "empty"),
])
def test_json_with_wrong_shape(doc, error_type):
    error = only_error("/in/bad.json", json.dumps(doc).encode())
    assert error["error_type"] == error_type
    assert error["source_uri"] == "/in/bad.json"
    assert set(error) == set(ERRORS.columns)


@pytest.mark.parametrize("data", [b'{"text": "cut off', b"{'text': 'single quotes'}", b'{"text": NaN}',
                                  b"[" * 50_000 + b"]" * 50_000])
def test_invalid_json(data):
    assert only_error("bad.json", data)["error_type"] == "bad_json"


def test_numbers_in_optional_fields_become_strings():
    row = only_article("a.json", json.dumps({"text": PARAGRAPH, "title": 2024, "published": 1700000000}).encode())
    assert row["title"] == "2024" and row["published"] == "2023-11-14"


# ---------------------------------------------------------------- jsonl


def test_jsonl_lines_are_articles_and_broken_lines_errors():
    lines = [json.dumps({"title": "First", "text": PARAGRAPH}), "{broken", "",
             json.dumps({"text": 5}), json.dumps({"body": PARAGRAPH, "published": "2024-02-21"})]
    data = "\n".join(lines).encode() + b"\n"
    articles, errors = parse_source("/in/news.jsonl", data)
    assert [a["source_uri"] for a in articles] == ["/in/news.jsonl#L1", "/in/news.jsonl#L5"]
    assert [(e["source_uri"], e["error_type"]) for e in errors] == [("/in/news.jsonl#L2", "bad_json"),
                                                                   ("/in/news.jsonl#L4", "bad_field")]
    assert articles[0]["checksum"] == hashlib.sha256(lines[0].encode()).hexdigest()
    assert articles[1]["published"] == "2024-02-21"
    assert all(a["format"] == "jsonl" for a in articles)
    for row in articles:
        assert_consistent(row)


def test_ndjson_with_crlf_and_one_bad_encoding_line():
    good = json.dumps({"text": PARAGRAPH}).encode()
    legacy = json.dumps({"text": "Caf\u00e9 owners welcomed the decision, " + PARAGRAPH},
                        ensure_ascii=False).encode("cp1252")
    articles, errors = parse_source("x.ndjson", good + b"\r\n" + legacy + b"\r\n")
    assert errors == []
    assert articles[1]["body"].startswith("Caf\u00e9 owners")
    assert articles[1]["encoding"] == "cp1252" and articles[0]["encoding"] == "utf-8"


def test_json_file_holding_json_lines_is_read_as_jsonl():
    data = (json.dumps({"text": PARAGRAPH}) + "\n" + json.dumps({"text": PARAGRAPH + " Again."})).encode()
    articles, errors = parse_source("dump.json", data)
    assert errors == [] and [a["source_uri"] for a in articles] == ["dump.json#L1", "dump.json#L2"]


def test_jsonl_with_only_blank_lines_is_empty():
    assert only_error("x.jsonl", b"\n \n")["error_type"] == "empty"


# ---------------------------------------------------------------- html


PAGE = """<!DOCTYPE html><html><head><title>Envoys meet in Geneva | Daily World</title>
<meta property="og:title" content="Envoys meet in Geneva">
<meta property="article:published_time" content="2023-06-07T08:00:00Z">
<link rel="canonical" href="https://daily.example/world/envoys"></head>
<body><nav><a href="/">Home</a><a href="/world">World</a><a href="/sport">Sport</a></nav>
<article><h1>Envoys meet in Geneva</h1><p>{p}</p><p>"We are close to a deal," the envoy said.</p><p>{p}</p></article>
<footer>Copyright Daily World. All rights reserved. Privacy policy.</footer>
<img src="http://127.0.0.1:9/tracker.png"><script src="http://127.0.0.1:9/x.js"></script></body></html>"""


def test_html_main_text_title_and_date():
    row = only_article("/in/page.html", PAGE.format(p=PARAGRAPH).encode())
    assert_consistent(row)
    assert row["title"] == "Envoys meet in Geneva"
    assert row["published"] == "2023-06-07"
    assert row["url"] == "https://daily.example/world/envoys"
    text = row["body"][row["text_start"]:]
    assert text.startswith(PARAGRAPH)
    assert "We are close to a deal" in text
    for boilerplate in ("Home", "Sport", "Copyright", "Privacy"):
        assert boilerplate not in row["body"]
    assert row["format"] == "html"


def test_html_without_main_text():
    page = b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    assert only_error("menu.htm", page)["error_type"] == "no_main_text"


def test_unknown_extension_is_sniffed():
    assert only_article("/in/article", PAGE.format(p=PARAGRAPH).encode())["format"] == "html"
    assert only_article("/in/article.dat", json.dumps({"text": PARAGRAPH}).encode())["format"] == "json"
    assert only_article("/in/README", PARAGRAPH.encode())["format"] == "txt"


@pytest.mark.parametrize("uri,fmt", [("a.txt.gz", "txt"), ("s3://b/x/a.JSON.bz2", "json"),
                                     ("a.ndjson", "jsonl"), ("a.htm", "html"), ("a.jsonl.gz", "jsonl")])
def test_format_by_extension(uri, fmt):
    assert format_of(uri, b"") == fmt


# ---------------------------------------------------------------- encodings and characters


@pytest.mark.parametrize("codec,recorded", [("cp1252", "cp1252"), ("utf-16", "utf-16"),
                                            ("utf-16-be", "utf-16"), ("utf-8-sig", "utf-8-sig")])
def test_encodings_are_detected_and_recorded(codec, recorded):
    text = "Caf\u00e9 owners in S\u00e3o Paulo \u201cwelcomed\u201d the decision, " + PARAGRAPH
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    row = only_article("a.txt", data)
    assert row["body"] == text
    assert row["encoding"] == recorded


def test_latin1_text_is_decoded():
    text = "Le ministre fran\u00e7ais a d\u00e9clar\u00e9 mardi que les n\u00e9gociations reprendraient \u00e0 Gen\u00e8ve."
    row = only_article("a.txt", text.encode("latin-1"), languages=None)
    assert row["body"] == text and row["language"] == "fr"


def test_invalid_utf8_bytes_in_utf8_text_are_dropped():
    data = ("Z\u00fcrich and M\u00fcnchen: " + PARAGRAPH).encode() + b" \xff\xfe\xc3 " + PARAGRAPH.encode()
    row = only_article("a.txt", data)
    assert row["encoding"] == "utf-8"
    assert "\ufffd" not in row["body"] and row["body"].startswith("Z\u00fcrich and M\u00fcnchen")


def test_control_and_zero_width_characters_are_removed():
    data = ("The\u200b minister\u00a0said\x07 that\u202e the\ufeff talks\r\nwould \u2060resume\x00 "
            "in Oslo,\u00ad officials said.\x1b\t\tEnd.").encode()
    row = only_article("a.txt", data)
    assert row["body"] == "The minister said that the talks\nwould resume in Oslo, officials said. End."
    assert_consistent(row)


def test_clean_text_keeps_offsets_trivially_consistent():
    cleaned = clean_text("a\u200bb\r\n\r\n\r\n\r\nc\u2028d  \t e")
    assert cleaned == "ab\n\nc\nd e"


@pytest.mark.parametrize("data,error_type", [
    (b"", "empty"),
    (b" \n\t\r\n ", "empty"),
    (b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(4000), "binary"),
    (random.Random(2).randbytes(5000), "binary"),
    (b"\x00\x01\x02\x03" * 500, "binary"),
])
def test_empty_and_binary_inputs(data, error_type):
    assert only_error("x.txt", data)["error_type"] == error_type


def test_gzip_bytes_never_reach_the_text_parser_as_text():
    # read_source decompresses; compressed bytes given directly to the parser are binary, not an article
    assert only_error("x.txt", gzip.compress(PARAGRAPH.encode() * 50))["error_type"] == "binary"


# ---------------------------------------------------------------- size, language, odd text


def test_huge_article_is_an_error_with_configurable_cap():
    text = (PARAGRAPH + "\n\n") * 100
    assert only_error("big.txt", text.encode(), max_chars=5_000)["error_type"] == "too_large"
    assert only_error("big.txt", text.encode() * 200, max_chars=5_000)["error_type"] == "too_large"
    row = only_article("big.txt", text.encode(), max_chars=len(text))
    assert len(row["body"]) <= len(text)
    lines = "\n".join(json.dumps({"text": t}) for t in (PARAGRAPH, text)).encode()
    articles, errors = parse_source("big.jsonl", lines, max_chars=5_000)
    assert len(articles) == 1 and [e["source_uri"] for e in errors] == ["big.jsonl#L2"]
    assert DEFAULT_MAX_CHARS >= 100_000


def test_non_english_is_rejected_with_the_language():
    text = ("Le ministre des affaires \u00e9trang\u00e8res a d\u00e9clar\u00e9 mardi que les n\u00e9gociations "
            "avec la Su\u00e8de reprendraient la semaine prochaine \u00e0 Oslo.")
    error = only_error("fr.txt", text.encode())
    assert error["error_type"] == "unsupported_language" and "fr" in error["message"]
    assert only_article("fr.txt", text.encode(), languages=None)["language"] == "fr"
    assert only_article("fr.txt", text.encode(), languages=("en", "fr"))["language"] == "fr"
    ru = "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b\u0445 \u0434\u0435\u043b \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u0432\u043e\u0437\u043e\u0431\u043d\u043e\u0432\u044f\u0442\u0441\u044f."
    assert "ru" in only_error("ru.json", json.dumps({"text": ru}).encode())["message"]


def test_short_text_with_unknown_language_is_kept():
    row = only_article("a.txt", b"NATO summit")
    assert row["language"] is None and row["body"] == "NATO summit"


def test_sentence_thousands_of_words_long_and_unbalanced_quotes():
    long_sentence = "The minister said that " + " and ".join(["the talks would go on"] * 800) + "."
    row = only_article("long.txt", long_sentence.encode())
    assert row["n_words"] == len(long_sentence.split()) > 4000
    quotes = '\u201cWe will never accept this, the minister said. "Open quote never closes\n\nNext paragraph\u201d \u201d'
    row = only_article("q.txt", (PARAGRAPH + "\n\n" + quotes).encode())
    assert row["body"].endswith(quotes.split("\n\n")[-1])


def test_text_without_entities_is_still_an_article():
    row = only_article("plain.txt", b"it rained all day and the roads were closed until the evening.")
    assert row["n_words"] == 12


# ---------------------------------------------------------------- ids, dates, error rows


def test_ids_are_deterministic_and_depend_on_uri_and_content():
    data = json.dumps({"text": PARAGRAPH}).encode()
    first, again = only_article("a.json", data), only_article("a.json", data)
    assert first == again
    assert only_article("b.json", data)["article_id"] != first["article_id"]
    assert only_article("a.json", data + b" ")["article_id"] != first["article_id"]


def test_error_row_is_stable_and_bounded():
    row = error_row("s3://b/k.json", "parse", "bad_json", "x\n" * 1000)
    assert row["error_id"] == stable_id("s3://b/k.json", "parse", "bad_json")
    assert set(row) == set(ERRORS.columns) and len(row["message"]) <= 500 and "\n" not in row["message"]
    pa.Table.from_pylist([row], schema=ERRORS.schema)


@pytest.mark.parametrize("value,expected", [
    ("2019-11-25 23:43:03Z", "2019-11-25"), ("2024-03-05T10:00:00+01:00", "2024-03-05"), ("2024-03-05", "2024-03-05"),
    ("5 March 2024", "2024-03-05"), ("Mar 5, 2024", "2024-03-05"), ("2024/03/05", "2024-03-05"),
    ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"), (1709632800, "2024-03-05"), (1709632800000, "2024-03-05"),
    ("2024-02-30", None), ("yesterday", None), ("", None), (None, None), (True, None), ([2024], None),
    (float("nan"), None),
])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


# ---------------------------------------------------------------- bundled examples


def test_every_bundled_example_is_an_article_or_an_error():
    uris = list_inputs(str(EXAMPLES))
    formats, error_types = [], []
    for uri in uris:
        articles, errors = parse_source(uri, read_source(uri))
        assert articles or errors
        formats += [a["format"] for a in articles]
        error_types += [e["error_type"] for e in errors]
        for row in articles:
            assert_consistent(row)
            assert row["language"] == "en"
            assert 100 <= row["n_words"] <= 400
    assert error_types == ["bad_json"]
    assert {"txt", "json", "jsonl", "html"} <= set(formats) and len(formats) >= 8
    assert any(uri.endswith(".txt.gz") for uri in uris)
