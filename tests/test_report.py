"""The HTML report: rendered from real Parquet outputs, checked in the file and in headless Chromium."""
from __future__ import annotations

import html
import json
import os
import random
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.report import MAX_NETWORK_ACTORS, MAX_NETWORK_EDGES, render_report
from schemas import ACTORS, ARTICLES, ERRORS, MENTIONS, STATEMENTS, Table

# --- building an output -----------------------------------------------------------------------------


@dataclass
class ActorSpec:
    name: str
    type: str
    country: str | None
    aliases: tuple[str, ...]


@dataclass
class StatementSpec:
    speaker: str
    target: str | None
    stance: str
    kind: str
    cue: str | None
    evidence: str  # a substring of the article text


@dataclass
class ArticleSpec:
    source_uri: str
    published: str | None
    title: str
    text: str
    statements: list[StatementSpec]
    url: str | None = None


ACTOR_SPECS = [
    ActorSpec("Taliban", "ORG", "AFG", ("Taliban",)),
    ActorSpec("Zabihullah Mujahid", "PERSON", "AFG", ("Zabihullah Mujahid", "Mujahid")),
    ActorSpec("Tajikistan", "GPE", "TJK", ("Tajikistan", "Dushanbe")),
    ActorSpec("Emomali Rahmon", "PERSON", "TJK", ("Emomali Rahmon", "Rahmon")),
    ActorSpec("Imran Khan", "PERSON", "PAK", ("Imran Khan", "Khan")),
    ActorSpec("United Nations", "ORG", "IGO", ("United Nations", "UN")),
    ActorSpec("Antonio Guterres", "PERSON", "IGO", ("Antonio Guterres", "Guterres")),
    ActorSpec("Amnesty <International>", "ORG", None, ("Amnesty <International>",)),
]

ARTICLE_SPECS = [
    ArticleSpec(
        "examples/articles/taliban_tajikistan.txt", "2021-10-01", "Taliban warn Tajikistan",
        "KABUL: Taliban spokesman Zabihullah Mujahid said on Friday that the group would not accept "
        "interference from Tajikistan in the affairs of Afghanistan.\n\n"
        "Tajik President Emomali Rahmon criticised the Taliban for excluding minorities from the new "
        "government, and Rahmon called on the Taliban to hold fair talks.\n\n"
        "Mujahid accused Dushanbe of sheltering armed opponents of the new rulers.",
        [StatementSpec("Zabihullah Mujahid", "Tajikistan", "oppose", "indirect", "say",
                       "the group would not accept interference from Tajikistan"),
         StatementSpec("Emomali Rahmon", "Taliban", "oppose", "action", "criticise",
                       "criticised the Taliban for excluding minorities"),
         StatementSpec("Emomali Rahmon", "Taliban", "neutral", "action", "call",
                       "called on the Taliban to hold fair talks"),
         StatementSpec("Zabihullah Mujahid", "Tajikistan", "oppose", "action", "accuse",
                       "accused Dushanbe of sheltering armed opponents")],
        url="https://news.example.org/taliban-tajikistan"),
    ArticleSpec(
        "examples/articles/khan_engagement.json", "2021-10-02", "Khan urges engagement",
        "ISLAMABAD: Prime Minister Imran Khan praised the Taliban for keeping order in Kabul and "
        "urged the United Nations to release frozen funds.\n\n"
        "\"The world must not abandon the Afghan people,\" Khan said.\n\n"
        "Khan also backed Tajikistan in its call for an inclusive government.",
        [StatementSpec("Imran Khan", "Taliban", "support", "action", "praise",
                       "praised the Taliban for keeping order in Kabul"),
         StatementSpec("Imran Khan", "United Nations", "neutral", "action", "urge",
                       "urged the United Nations to release frozen funds"),
         StatementSpec("Imran Khan", None, "neutral", "direct_quote", "say",
                       "The world must not abandon the Afghan people"),
         StatementSpec("Imran Khan", "Tajikistan", "support", "action", "back",
                       "backed Tajikistan in its call for an inclusive government")]),
    ArticleSpec(
        "examples/articles/un_appeal.txt", "2021-10-03", "UN chief appeals to Taliban",
        "NEW YORK: UN Secretary-General Antonio Guterres warned the Taliban that aid would depend on "
        "respect for the rights of women.\n\n"
        "Guterres welcomed the talks between Tajikistan and the Taliban.\n\n"
        "The Taliban rejected the conditions set by the UN as interference, Mujahid said.\n\n"
        "Amnesty <International> condemned the Taliban for the arrests of journalists.",
        [StatementSpec("Antonio Guterres", "Taliban", "oppose", "action", "warn",
                       "warned the Taliban that aid would depend on respect"),
         StatementSpec("Antonio Guterres", "Tajikistan", "support", "action", "welcome",
                       "welcomed the talks between Tajikistan and the Taliban"),
         StatementSpec("Taliban", "United Nations", "oppose", "action", "reject",
                       "rejected the conditions set by the UN as interference"),
         StatementSpec("Amnesty <International>", "Taliban", "oppose", "action", "condemn",
                       "condemned the Taliban for the arrests of journalists")]),
    ArticleSpec(
        "examples/articles/undated.txt", None, "",
        "Rahmon praised the United Nations for its refugee programme.",
        [StatementSpec("Emomali Rahmon", "United Nations", "support", "action", "praise",
                       "praised the United Nations for its refugee programme")]),
]


def actor_id(name: str) -> str:
    return "actor-" + re.sub(r"\W+", "-", name.lower())


def write_table(output: Path, table: Table, rows: list[dict]) -> None:
    """Write rows as Parquet files the way the pipeline lays them out (date=... partitions)."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        folder = f"date={row.get(table.partition_by) or 'unknown'}" if table.partition_by else ""
        groups.setdefault(folder, []).append(row)
    for folder, group in groups.items():
        path = output / table.name / folder / "part-00000.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(group, schema=table.schema), path)


def build_output(output: Path, articles: list[ArticleSpec], actors: list[ActorSpec],
                 errors: int = 1) -> None:
    """Turn article specs into the five tables, with offsets into each body."""
    article_rows, mention_rows, statement_rows = [], [], []
    for index, spec in enumerate(articles):
        article = f"article-{index}"
        body = f"{spec.title}\n\n{spec.text}" if spec.title else spec.text
        article_rows.append({
            "article_id": article, "source_uri": spec.source_uri, "title": spec.title or None,
            "published": spec.published, "dateline": None, "body": body,
            "text_start": len(spec.title) + 2 if spec.title else 0, "n_words": len(body.split()),
            "checksum": f"sha-{index}", "format": spec.source_uri.rsplit(".", 1)[-1], "url": spec.url,
            "language": "en"})
        for actor in actors:
            for alias in actor.aliases:
                for match in re.finditer(rf"\b{re.escape(alias)}\b", body):
                    mention_rows.append({
                        "mention_id": f"{article}-{match.start()}", "article_id": article,
                        "actor_id": actor_id(actor.name), "text": alias, "start": match.start(),
                        "end": match.end(), "label": actor.type, "published": spec.published})
        for n, statement in enumerate(spec.statements):
            start = body.index(statement.evidence)
            statement_rows.append({
                "statement_id": f"{article}-s{n}", "article_id": article,
                "speaker_id": actor_id(statement.speaker),
                "target_id": actor_id(statement.target) if statement.target else None,
                "kind": statement.kind, "cue": statement.cue, "content": statement.evidence,
                "content_start": start, "content_end": start + len(statement.evidence),
                "speaker_start": None, "speaker_end": None, "stance": statement.stance,
                "stance_score": {"support": 0.6, "oppose": -0.6, "neutral": 0.0}[statement.stance],
                "stance_cue": statement.cue, "published": spec.published})
    actor_rows = [{"actor_id": actor_id(a.name), "name": a.name, "type": a.type, "country": a.country,
                   "role": None, "sector": None, "is_location": False, "aliases": sorted(a.aliases)}
                  for a in actors]
    error_rows = [{"error_id": f"error-{i}", "source_uri": f"examples/articles/broken-{i}.json",
                   "stage": "read", "error_type": "JSONDecodeError", "message": "Expecting value"}
                  for i in range(errors)]
    write_table(output, ARTICLES, article_rows)
    write_table(output, MENTIONS, mention_rows)
    write_table(output, STATEMENTS, statement_rows)
    write_table(output, ACTORS, actor_rows)
    write_table(output, ERRORS, error_rows)


def expected_network(articles: list[ArticleSpec]) -> tuple[set[str], Counter]:
    """Actors in targeted statements and the statement count per speaker -> target pair."""
    edges = Counter((s.speaker, s.target) for a in articles for s in a.statements
                    if s.target and s.target != s.speaker)
    return {name for pair in edges for name in pair}, edges


@pytest.fixture(scope="module")
def realistic_output(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("out")
    build_output(output, ARTICLE_SPECS, ACTOR_SPECS)
    return output


# --- the file ---------------------------------------------------------------------------------------

def external_sources(page: str) -> list[str]:
    """Script or style sources that point at the network."""
    return re.findall(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page,
                      flags=re.I) + re.findall(r"@import\s+(?:url\()?[\"']?(?:https?:)?//", page, flags=re.I)


def state_of(page: str) -> str:
    return re.search(r'<pre id="report-state"[^>]*>(.*?)</pre>', page, re.S).group(1)


def test_report_counts_and_is_self_contained(realistic_output, tmp_path):
    page_path = tmp_path / "report.html"
    summary = render_report(str(realistic_output), str(page_path))
    statements = [s for a in ARTICLE_SPECS for s in a.statements]
    nodes, edges = expected_network(ARTICLE_SPECS)
    assert summary.articles == len(ARTICLE_SPECS)
    assert summary.errors == 1
    assert summary.statements == len(statements)
    assert summary.by_stance == dict(Counter(s.stance for s in statements))
    assert summary.network_nodes == len(nodes)
    assert summary.network_edges == len(edges)
    assert summary.table_rows == len(statements)
    page = page_path.read_text(encoding="utf-8")
    assert summary.html_bytes == len(page.encode("utf-8"))
    assert external_sources(page) == []
    assert "Plotly.newPlot" in page
    assert re.search(r"id=[\"']network[\"']", page) and re.search(r"id=[\"']statements[\"']", page)
    # every evidence text is in the data; names with markup are escaped everywhere else
    data = json.loads(re.search(r'id="statements-data">(.*?)</script>', page, re.S).group(1))
    assert sorted(row[6] for row in data) == sorted(s.evidence for s in statements)
    outside_data = re.sub(r'id="statements-data">.*?</script>', "", page, flags=re.S)
    assert "<International>" not in outside_data
    assert ["https://news.example.org/taliban-tajikistan", "Taliban warn Tajikistan"] in \
        [row[7] for row in data]


def test_filters_by_date_and_actor(realistic_output, tmp_path):
    dated = render_report(str(realistic_output), str(tmp_path / "d.html"),
                          date_from="2021-10-02", date_to="2021-10-03")
    in_range = [a for a in ARTICLE_SPECS if a.published and "2021-10-02" <= a.published <= "2021-10-03"]
    assert dated.articles == len(in_range)
    assert dated.statements == sum(len(a.statements) for a in in_range)

    by_alias = render_report(str(realistic_output), str(tmp_path / "a.html"), actor="rahmon")
    involving = [s for a in ARTICLE_SPECS for s in a.statements
                 if "Emomali Rahmon" in (s.speaker, s.target)]
    assert by_alias.statements == len(involving)
    assert by_alias.articles == sum(1 for a in ARTICLE_SPECS if "Rahmon" in a.text)

    nobody = render_report(str(realistic_output), str(tmp_path / "n.html"), actor="Nobody At All")
    assert nobody.statements == 0 and nobody.articles == 0
    assert "Nothing matches these filters" in (tmp_path / "n.html").read_text(encoding="utf-8")


def test_empty_output_gives_a_nothing_yet_page(tmp_path):
    missing = tmp_path / "never-written"  # not even the table folders exist
    summary = render_report(str(missing), str(tmp_path / "empty.html"))
    assert (summary.articles, summary.statements, summary.network_nodes, summary.table_rows) == (0, 0, 0, 0)
    page = (tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "Nothing yet" in page and "dateline run" in page
    assert json.loads(html.unescape(state_of(page)))["empty"] is True
    assert len(page) < 20_000  # no plotting library needed for an empty page


def test_errors_only_output_says_nothing_yet_and_counts_errors(tmp_path):
    build_output(tmp_path / "out", [], [], errors=3)
    summary = render_report(str(tmp_path / "out"), str(tmp_path / "r.html"))
    assert summary.errors == 3 and summary.articles == 0
    assert "3 errors" in (tmp_path / "r.html").read_text(encoding="utf-8")


def large_specs(n_statements: int, seed: int = 3) -> tuple[list[ArticleSpec], list[ActorSpec]]:
    """A generated output: 120 actors in 12 countries, statements spread over a year."""
    rng = random.Random(seed)
    countries = ["AFG", "PAK", "TJK", "IRN", "IND", "CHN", "RUS", "USA", "GBR", "UZB", "TKM", None]
    actors = [ActorSpec(f"Actor {i:03d}", "PERSON", countries[i % len(countries)], (f"Actor {i:03d}",))
              for i in range(120)]
    weights = [1 / (i + 1) for i in range(len(actors))]
    articles = []
    for index in range(n_statements // 5):
        day = f"2021-{1 + index % 12:02d}-{1 + index % 28:02d}"
        statements, sentences = [], []
        for n in range(5):
            speaker, target = rng.choices(actors, weights, k=2)
            evidence = (f"{speaker.name} spoke about {target.name} in statement {index}-{n} "
                        + "with some longer words " * rng.randint(1, 8))
            sentences.append(evidence)
            statements.append(StatementSpec(speaker.name, target.name if n % 4 else None,
                                            rng.choice(["support", "oppose", "neutral"]),
                                            rng.choice(["direct_quote", "indirect", "action"]), "say",
                                            evidence))
        articles.append(ArticleSpec(f"gs://bucket/news/{index}.json", day, f"Headline {index}",
                                    "\n\n".join(sentences), statements))
    return articles, actors


@pytest.fixture(scope="module")
def large_output(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("large")
    build_output(output, *large_specs(10_000))
    return output


def test_ten_thousand_statements_stay_usable(large_output, tmp_path):
    summary = render_report(str(large_output), str(tmp_path / "big.html"))
    assert summary.statements == 10_000
    assert summary.network_nodes == MAX_NETWORK_ACTORS
    assert 0 < summary.network_edges <= MAX_NETWORK_EDGES
    assert summary.table_rows == 10_000
    assert summary.html_bytes < 15_000_000
    assert external_sources((tmp_path / "big.html").read_text(encoding="utf-8")) == []


# --- in a browser -----------------------------------------------------------------------------------

def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("chromium is not installed (apt-get install -y chromium)")


def browser_args(profile: Path) -> list[str]:
    return [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-first-run", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            f"--user-data-dir={profile}", "--virtual-time-budget=20000"]


def page_state_in_browser(page: Path, profile: Path, fragment: str = "") -> dict:
    """Load the page headless and read the state its own script wrote into the DOM."""
    result = subprocess.run(browser_args(profile) + ["--dump-dom", page.as_uri() + fragment],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    state = json.loads(html.unescape(state_of(result.stdout)))
    assert "table_error" not in state, state["table_error"]
    return state


def screenshot(page: Path, profile: Path, png: Path) -> None:
    subprocess.run(browser_args(profile) + [f"--screenshot={png}", "--window-size=1400,2400",
                                            page.as_uri()], capture_output=True, timeout=180, check=True)


def test_report_in_headless_chromium(realistic_output, tmp_path):
    page = tmp_path / "report.html"
    render_report(str(realistic_output), str(page))
    nodes, edges = expected_network(ARTICLE_SPECS)
    statements = [s for a in ARTICLE_SPECS for s in a.statements]

    state = page_state_in_browser(page, tmp_path / "profile")
    assert set(state["nodes"]) == nodes
    assert {(s, t): n for s, t, n in state["edges"]} == dict(edges)
    assert state["table_total"] == len(statements)
    assert state["table_page_rows"] == len(statements)  # all fit on the first page
    assert state["table_first_row"][0] == max(a.published for a in ARTICLE_SPECS if a.published)

    searched = page_state_in_browser(page, tmp_path / "profile", "#search=Amnesty")
    assert searched["table_filtered"] == searched["table_page_rows"] == 1
    assert searched["table_first_row"][1] == "Amnesty <International>"  # shown as text, not markup
    assert searched["table_first_row"][6] == ARTICLE_SPECS[2].statements[-1].evidence

    png = tmp_path / "report.png"
    screenshot(page, tmp_path / "profile", png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 50_000
    if target := os.environ.get("DATELINE_REPORT_SCREENSHOT"):  # refresh docs/report.png
        shutil.copyfile(png, target)


def test_large_report_paginates_in_headless_chromium(large_output, tmp_path):
    page = tmp_path / "big.html"
    render_report(str(large_output), str(page))
    state = page_state_in_browser(page, tmp_path / "profile")
    assert len(state["nodes"]) == MAX_NETWORK_ACTORS
    assert state["table_total"] == 10_000
    assert state["table_page_rows"] == 25


def test_empty_report_in_headless_chromium(tmp_path):
    page = tmp_path / "empty.html"
    render_report(str(tmp_path / "nothing"), str(page))
    result = subprocess.run(browser_args(tmp_path / "profile") + ["--dump-dom", page.as_uri()],
                            capture_output=True, text=True, timeout=180)
    assert "Nothing yet" in result.stdout
    assert json.loads(html.unescape(state_of(result.stdout)))["empty"] is True


def test_dateline_report_command(realistic_output, tmp_path, capsys):
    from pipeline.cli import main

    page = tmp_path / "cli.html"
    assert main(["report", "--output", str(realistic_output), "--html", str(page),
                 "--from", "2021-10-02", "--actor", "Taliban"]) == 0
    involving = [s for a in ARTICLE_SPECS if a.published and a.published >= "2021-10-02"
                 for s in a.statements if "Taliban" in (s.speaker, s.target)]
    assert f"{len(involving)} statements" in capsys.readouterr().out
    assert "statements by or about “Taliban”" in page.read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["report", "--output", str(realistic_output), "--from", "2021-13-01"])
