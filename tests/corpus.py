"""A deterministic corpus of mixed good and bad input files, with the outcome expected for each input.

`write_corpus(folder, n_files, seed)` writes n_files files (the same n and seed give the same bytes)
and returns the expected outcome of every *input*: a file, or one line of a JSON Lines file.
Used by tests/test_reliability.py (small corpus) and benchmarks/reliability.py (1,000+ files).
Run the caps it assumes: `--max-bytes MAX_BYTES --max-chars MAX_CHARS`.
"""
from __future__ import annotations

import codecs
import gzip
import json
import random
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 2 * 1024 * 1024  # pass as --max-bytes: the bomb decompresses past it
MAX_CHARS = 40_000  # pass as --max-chars: the oversized article is above it
ARTICLE, ERROR = "article", "error"

PEOPLE = [("President", "William Ruto", "Kenya"), ("Foreign Minister", "Ana Quispe", "Bolivia"),
          ("Prime Minister", "Jonas Gahr Store", "Norway"), ("Defence Minister", "Olena Marchuk", "Ukraine"),
          ("spokesman", "Tomas Lindqvist", "Sweden"), ("Finance Minister", "Amara Okafor", "Nigeria"),
          ("Foreign Minister", "Valentina Rojas", "Chile"), ("President", "Samia Hassan", "Tanzania"),
          ("Interior Minister", "Karim Haddad", "Lebanon"), ("Trade Minister", "Mei Tanaka", "Japan")]
COUNTRIES = ["Kenya", "Ethiopia", "Peru", "Chile", "Norway", "Russia", "Ukraine", "Japan", "China",
             "Nigeria", "Ghana", "Turkey", "Greece", "Brazil", "India", "Pakistan", "Lebanon", "Israel"]
ORGS = ["the United Nations", "the African Union", "NATO", "the European Union", "the World Bank",
        "the International Monetary Fund"]
SPEECH = ["said", "told reporters", "warned", "insisted", "argued", "stressed", "claimed"]
ACTS = ["praised", "criticised", "condemned", "welcomed", "accused", "thanked", "rejected", "backed"]
TOPICS = ["the border deal", "the new trade agreement", "the ceasefire", "the election result",
          "the fishing quota", "the pipeline project", "the refugee plan", "the tariff increase"]
DATES = ["2024-03-14", "2024-03-15", "2024-05-02", "2023-11-20", "2022-07-01"]
NON_ENGLISH = [
    "Le ministre des affaires étrangères a déclaré mardi que les négociations avec le gouvernement "
    "voisin reprendraient la semaine prochaine. Selon lui, les deux pays doivent trouver un accord "
    "sur la frontière avant la fin de l'année.",
    "Der Außenminister sagte am Dienstag, dass die Verhandlungen mit der Nachbarregierung in der "
    "nächsten Woche fortgesetzt werden. Beide Länder müssten sich bis zum Jahresende über die "
    "Grenze einigen, erklärte er vor Journalisten.",
    "El ministro de Relaciones Exteriores dijo el martes que las negociaciones con el gobierno vecino "
    "se reanudarán la próxima semana. Según él, los dos países deben llegar a un acuerdo sobre la "
    "frontera antes de fin de año.",
]


@dataclass(frozen=True)
class Expected:
    """What the pipeline must make of one input: an article, or an error row at a stage."""

    uri: str  # absolute path of the file, plus #L<n> for a JSON Lines line
    kind: str  # the generator's case name
    outcome: str  # ARTICLE or ERROR
    stage: str | None = None
    error_type: str | None = None


def sentence(rng: random.Random) -> str:
    """One news-like sentence: a titled speaker, a speech or action verb, often a quote."""
    role, name, country = rng.choice(PEOPLE)
    other = rng.choice([c for c in COUNTRIES if c != country] + ORGS)
    topic = rng.choice(TOPICS)
    form = rng.randrange(6)
    if form == 0:
        return f'"{other} must respect {topic}," {country}\'s {role} {name} {rng.choice(SPEECH)}.'
    if form == 1:
        return f"{country}'s {role} {name} {rng.choice(ACTS)} {other} over {topic} on Tuesday."
    if form == 2:
        return f"{name} {rng.choice(SPEECH)} that {other} had broken its promises on {topic}."
    if form == 3:
        return f'{name} said: "We will not accept {topic} as long as {other} refuses to talk.'  # never closes
    if form == 4:
        return f"Officials in {country} {rng.choice(ACTS)} {other}, calling {topic} \"a mistake."
    return f"{other} {rng.choice(ACTS)} {country} for its role in {topic}."


def article_text(rng: random.Random, n_sentences: int | None = None) -> str:
    """A tiny article: two or three sentences, one per paragraph."""
    return "\n\n".join(sentence(rng) for _ in range(n_sentences or rng.randint(2, 3)))


def headline(rng: random.Random) -> str:
    _, name, country = rng.choice(PEOPLE)
    return f"{name} of {country} speaks on {rng.choice(TOPICS)}"


# ---------------------------------------------------------------- cases: name -> (suffix, bytes, outcome)
# Each case returns (file suffix, file bytes, [(line number or None, outcome, stage, error_type)]).


def _good_txt(rng):
    return ".txt", article_text(rng).encode("utf-8"), [(None, ARTICLE, None, None)]


def _good_seed_header(rng):
    text = f"date {rng.choice(DATES)} NAIROBI: " + article_text(rng)
    return ".txt", text.encode("utf-8"), [(None, ARTICLE, None, None)]


def _good_json(rng):
    obj = {"title": headline(rng), "published": rng.choice(DATES), "text": article_text(rng),
           "url": f"https://news.example/{rng.randrange(10**6)}"}
    return ".json", json.dumps(obj).encode("utf-8"), [(None, ARTICLE, None, None)]


def _good_json_paragraph_list(rng):
    obj = {"title": headline(rng), "body": [sentence(rng), sentence(rng)]}
    return ".json", json.dumps(obj, ensure_ascii=False).encode("utf-8"), [(None, ARTICLE, None, None)]


def _good_html(rng):
    paragraphs = "".join(f"<p>{sentence(rng)}</p>\n" for _ in range(3))
    html = (f"<!DOCTYPE html><html><head><title>{headline(rng)}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{headline(rng)}</h1>\n{paragraphs}</article>"
            "<footer>Copyright</footer></body></html>")
    return ".html", html.encode("utf-8"), [(None, ARTICLE, None, None)]


def _good_gz(rng):
    return ".txt.gz", gzip.compress(article_text(rng).encode("utf-8"), mtime=0), [(None, ARTICLE, None, None)]


def _cp1252(rng):
    text = article_text(rng).replace('"', "\u201c", 1) + " The caf\u00e9 owner\u2019s na\u00efve r\u00e9sum\u00e9 \u2013 noted."
    return ".txt", text.encode("cp1252"), [(None, ARTICLE, None, None)]


def _utf16_bom(rng):
    return ".txt", codecs.BOM_UTF16_LE + article_text(rng).encode("utf-16-le"), [(None, ARTICLE, None, None)]


def _invalid_utf8(rng):
    text = article_text(rng).encode("utf-8")
    cut = len(text) // 2
    return ".txt", text[:cut] + b"\xff\xfe\xc3" + text[cut:], [(None, ARTICLE, None, None)]


def _control_chars(rng):
    text = article_text(rng).replace(" ", " \u200b", 3).replace("s", "s\x00", 2) + "\x07\ufeff"
    return ".txt", text.encode("utf-8"), [(None, ARTICLE, None, None)]


def _no_entities(rng):
    text = "it rained all day and the roads were wet.\n\nnobody said anything about it at all, " \
           "and the shops stayed open until late."
    return ".txt", text.encode("utf-8"), [(None, ARTICLE, None, None)]


def _huge_sentence(rng):
    words = " ".join(rng.choice(["officials", "said", "the", "talks", "with", "Kenya", "and",
                                 "Ethiopia", "would", "continue", "despite", "delays"]) for _ in range(1500))
    return ".txt", f"{sentence(rng)}\n\n{words}.".encode("utf-8"), [(None, ARTICLE, None, None)]


def _jsonl_mixed(rng):
    lines, outcomes = [], []
    for number in range(1, rng.randint(3, 6) + 1):
        kind = rng.randrange(5)
        if kind == 0:
            lines.append('{"title": "cut off", "text": "Kenya said')  # broken JSON
            outcomes.append((number, ERROR, "parse", "bad_json"))
        elif kind == 1:
            lines.append(json.dumps({"text": rng.choice([12.5, {"a": 1}, True])}))  # text is not text
            outcomes.append((number, ERROR, "parse", "bad_field"))
        else:
            lines.append(json.dumps({"title": headline(rng), "text": article_text(rng), "date": rng.choice(DATES)}))
            outcomes.append((number, ARTICLE, None, None))
    return ".jsonl", ("\n".join(lines) + "\n").encode("utf-8"), outcomes


def _empty(rng):
    return ".txt", b"", [(None, ERROR, "parse", "empty")]


def _whitespace(rng):
    return ".txt", b" \n\t\r\n  ", [(None, ERROR, "parse", "empty")]


def _binary(rng):
    return ".txt", bytes(rng.randrange(256) for _ in range(2048)), [(None, ERROR, "parse", "binary")]


def _truncated_gz(rng):
    data = gzip.compress((article_text(rng) * 20).encode("utf-8"), mtime=0)
    return ".txt.gz", data[: len(data) // 2], [(None, ERROR, "read", "decompress")]


def _gz_bomb(rng):
    return ".txt.gz", gzip.compress(b"a" * (MAX_BYTES + 4096), compresslevel=9, mtime=0), \
        [(None, ERROR, "read", "too_large")]


def _json_wrong_type(rng):
    obj, error_type = rng.choice([({"title": "No text here"}, "missing_text"),
                                  ([1, 2, 3], "not_an_object"),
                                  ({"text": ["one", 2]}, "bad_field"),
                                  ({"text": article_text(rng), "title": ["a"]}, "bad_field"),
                                  ("just a string", "not_an_object")])
    return ".json", json.dumps(obj).encode("utf-8"), [(None, ERROR, "parse", error_type)]


def _json_broken(rng):
    return ".json", b'{"title": "Half", "text": "Kenya said that', [(None, ERROR, "parse", "bad_json")]


def _json_deep(rng):
    return ".json", b"[" * 50_000 + b"]" * 50_000, [(None, ERROR, "parse", "bad_json")]


def _html_no_text(rng):
    html = ("<html><head><title>Menu</title><script src='app.js'></script></head><body>"
            "<nav><a href='/a'>Home</a> <a href='/b'>World</a></nav><div class='ad'></div></body></html>")
    return ".html", html.encode("utf-8"), [(None, ERROR, "parse", "no_main_text")]


def _non_english(rng):
    return ".txt", rng.choice(NON_ENGLISH).encode("utf-8"), [(None, ERROR, "parse", "unsupported_language")]


def _too_large(rng):
    text = "\n\n".join(article_text(rng, 3) for _ in range(MAX_CHARS // 200))
    return ".txt", text.encode("utf-8"), [(None, ERROR, "parse", "too_large")]


# (case, weight): about two thirds of the files hold articles.
CASES = [(_good_txt, 14), (_good_seed_header, 5), (_good_json, 12), (_good_json_paragraph_list, 3),
         (_good_html, 5), (_good_gz, 4), (_cp1252, 4), (_utf16_bom, 3), (_invalid_utf8, 3),
         (_control_chars, 3), (_no_entities, 2), (_huge_sentence, 1), (_jsonl_mixed, 4),
         (_empty, 3), (_whitespace, 2), (_binary, 4), (_truncated_gz, 3), (_gz_bomb, 1),
         (_json_wrong_type, 5), (_json_broken, 3), (_json_deep, 1), (_html_no_text, 3),
         (_non_english, 4), (_too_large, 1)]


def write_corpus(folder: str | Path, n_files: int, seed: int = 7) -> list[Expected]:
    """Write n_files mixed inputs into folder (sub-folders of 100); return every input's expected outcome.

    Every case appears at least once when n_files >= len(CASES); the rest are drawn by weight.
    """
    rng = random.Random(seed)
    folder = Path(folder).resolve()
    cases = [case for case, _ in CASES][:n_files]
    cases += rng.choices([case for case, _ in CASES], weights=[w for _, w in CASES], k=n_files - len(cases))
    expected: list[Expected] = []
    for index, case in enumerate(cases):
        suffix, data, outcomes = case(rng)
        name = case.__name__.strip("_")
        path = folder / f"batch{index // 100:03d}" / f"{index:05d}-{name}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        for line, outcome, stage, error_type in outcomes:
            uri = f"{path}#L{line}" if line is not None else str(path)
            expected.append(Expected(uri, name, outcome, stage, error_type))
    return expected
