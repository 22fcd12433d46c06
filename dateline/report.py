"""A self-contained HTML report of the output: summary, stance network, timeline, top actors, statements.

Plotly draws the charts (plotly.js embedded inline), networkx lays out the network, DataTables (the
offline bundle shipped with the itables package) makes the statements table searchable, sortable and
paginated. The file needs no network: every script, style and row of data is inline.
"""
from __future__ import annotations

import argparse
import base64
import html
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import fsspec
import networkx as nx
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from dateline.query import connect

STANCES = ("support", "oppose", "neutral")
STANCE_COLOURS = {"support": "#2ca02c", "oppose": "#d62728", "neutral": "#9e9e9e"}
NET_STANCE_SCALE = [[0.0, STANCE_COLOURS["oppose"]], [0.5, STANCE_COLOURS["neutral"]],
                    [1.0, STANCE_COLOURS["support"]]]
# Distinct from the stance colours (no reds, greens or greys): nodes and arrows never look alike.
COUNTRY_COLOURS = ["#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf",
                   "#393b79", "#8c6d31", "#7b4173", "#6baed6", "#fdae6b"]
NO_COUNTRY_COLOUR = "#c7c7c7"
OTHER_COUNTRIES_COLOUR = "#000000"
MAX_NETWORK_ACTORS = 40     # the network shows the actors most involved in statements
MAX_NETWORK_EDGES = 150     # and the heaviest speaker -> target pairs among them
MAX_TABLE_ROWS = 20_000     # the most recent statements; the rest stay one `dateline query` away
MAX_EVIDENCE_CHARS = 600
TOP_ACTORS = 15


@dataclass
class ReportSummary:
    """What a rendered report shows."""

    articles: int = 0
    errors: int = 0
    actors: int = 0
    statements: int = 0
    by_stance: dict[str, int] = field(default_factory=dict)
    network_nodes: int = 0
    network_edges: int = 0
    table_rows: int = 0
    html_bytes: int = 0


@dataclass
class Filters:
    """Which articles and statements the report covers."""

    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None

    def describe(self) -> str:
        """One line for the page header."""
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"published {self.date_from or '…'} to {self.date_to or '…'}")
        if self.actor:
            parts.append(f"statements by or about “{self.actor}”")
        return "; ".join(parts) or "everything in the output"


def render_report(output: str, html_path: str, date_from: str | None = None, date_to: str | None = None,
                  actor: str | None = None, storage_options: dict | None = None) -> ReportSummary:
    """Read the output tables with DuckDB and write the HTML report to html_path (any fsspec URL)."""
    filters = Filters(date_from, date_to, actor)
    con = connect(output, storage_options)
    _create_filtered_views(con, filters)
    summary = _summary(con)
    if summary.statements == 0 and summary.articles == 0:
        page = _nothing_yet_page(output, filters, summary)
    else:
        page = _full_page(con, output, filters, summary)
    data = page.encode("utf-8")
    summary.html_bytes = len(data)
    with fsspec.open(html_path, "wb", **(storage_options or {})) as f:
        f.write(data)
    return summary


# --- data -------------------------------------------------------------------------------------------

def _create_filtered_views(con: duckdb.DuckDBPyConnection, filters: Filters) -> None:
    """Views f_articles, f_statements, f_mentions restricted to the filters."""
    date_clauses = []
    params: list = []
    if filters.date_from:
        date_clauses.append("published >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        date_clauses.append("published <= ?")
        params.append(filters.date_to)
    where_dates = " AND ".join(date_clauses) or "TRUE"
    if filters.actor:
        con.execute("""CREATE TEMP TABLE matched_actors AS SELECT actor_id FROM actors
                       WHERE lower(name) = lower(?)
                          OR EXISTS (SELECT 1 FROM unnest(aliases) AS u(alias)
                                     WHERE lower(alias) = lower(?))""",
                    [filters.actor, filters.actor])
    else:
        con.execute("CREATE TEMP TABLE matched_actors AS SELECT actor_id FROM actors WHERE FALSE")
    actor_filter = "TRUE"
    if filters.actor:
        actor_filter = ("(speaker_id IN (SELECT actor_id FROM matched_actors) "
                        "OR target_id IN (SELECT actor_id FROM matched_actors))")
    # Parameters cannot go into views: materialise the dated articles as a temp table.
    con.execute(f"CREATE TEMP TABLE dated_articles AS SELECT * FROM articles WHERE {where_dates}", params)
    con.execute(f"""CREATE TEMP TABLE f_statements AS
        SELECT s.* EXCLUDE (published), a.published, a.title, a.source_uri, a.url
        FROM statements s JOIN dated_articles a USING (article_id) WHERE {actor_filter}""")
    if filters.actor:
        con.execute("""CREATE TEMP TABLE f_articles AS SELECT * FROM dated_articles
            WHERE article_id IN (SELECT article_id FROM f_statements)
               OR article_id IN (SELECT article_id FROM mentions
                                 WHERE actor_id IN (SELECT actor_id FROM matched_actors))""")
    else:
        con.execute("CREATE TEMP TABLE f_articles AS SELECT * FROM dated_articles")
    con.execute("""CREATE TEMP TABLE f_mentions AS
        SELECT m.* FROM mentions m WHERE m.article_id IN (SELECT article_id FROM f_articles)""")


def _summary(con: duckdb.DuckDBPyConnection) -> ReportSummary:
    """Counts for the summary section."""
    articles, errors, actors, statements = con.execute("""SELECT
        (SELECT count(*) FROM f_articles),
        (SELECT count(*) FROM errors),
        (SELECT count(*) FROM (SELECT actor_id FROM f_mentions UNION SELECT speaker_id FROM f_statements
                               UNION SELECT target_id FROM f_statements WHERE target_id IS NOT NULL)),
        (SELECT count(*) FROM f_statements)""").fetchone()
    by_stance = dict(con.execute(
        "SELECT stance, count(*) FROM f_statements GROUP BY stance ORDER BY stance").fetchall())
    return ReportSummary(articles=articles, errors=errors, actors=actors, statements=statements,
                         by_stance=by_stance)


def _stance_by_kind(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, int, int, int]]:
    """Rows (kind, support, oppose, neutral, total)."""
    return con.execute("""SELECT kind, count(*) FILTER (stance = 'support'),
        count(*) FILTER (stance = 'oppose'), count(*) FILTER (stance = 'neutral'), count(*)
        FROM f_statements GROUP BY kind ORDER BY count(*) DESC, kind""").fetchall()


# --- network ----------------------------------------------------------------------------------------

@dataclass
class Edge:
    """Statements from one speaker to one target."""

    speaker: str
    target: str
    support: int
    oppose: int
    neutral: int

    @property
    def count(self) -> int:
        return self.support + self.oppose + self.neutral

    @property
    def net(self) -> float:
        """Net stance in [-1, 1]: (support - oppose) / statements."""
        return (self.support - self.oppose) / self.count


def _network_figure(con: duckdb.DuckDBPyConnection) -> tuple[go.Figure | None, int, int, str]:
    """The stance network of the top actors; (figure, nodes, edges, caption)."""
    involvement = con.execute(f"""
        WITH ends AS (SELECT speaker_id AS actor_id FROM f_statements WHERE target_id IS NOT NULL
                                                                     AND target_id <> speaker_id
                      UNION ALL SELECT target_id FROM f_statements WHERE target_id IS NOT NULL
                                                                     AND target_id <> speaker_id)
        SELECT actor_id, count(*) AS n FROM ends GROUP BY actor_id
        ORDER BY n DESC, actor_id LIMIT {MAX_NETWORK_ACTORS}""").fetchall()
    if not involvement:
        return None, 0, 0, ""
    top_ids = [actor_id for actor_id, _ in involvement]
    con.execute("CREATE OR REPLACE TEMP TABLE network_actors AS SELECT unnest(?::VARCHAR[]) AS actor_id",
                [top_ids])
    nodes = con.execute("""SELECT n.actor_id, coalesce(a.name, n.actor_id), a.country, a.type, a.role,
            (SELECT count(*) FROM f_mentions m WHERE m.actor_id = n.actor_id) AS mentions,
            (SELECT count(*) FROM f_statements s WHERE s.speaker_id = n.actor_id) AS made,
            (SELECT count(*) FROM f_statements s WHERE s.target_id = n.actor_id) AS received
        FROM network_actors n LEFT JOIN actors a USING (actor_id)""").fetchall()
    names = {row[0]: row[1] for row in nodes}
    edge_rows = con.execute(f"""SELECT speaker_id, target_id, count(*) FILTER (stance = 'support'),
            count(*) FILTER (stance = 'oppose'), count(*) FILTER (stance = 'neutral')
        FROM f_statements
        WHERE speaker_id IN (SELECT actor_id FROM network_actors)
          AND target_id IN (SELECT actor_id FROM network_actors) AND target_id <> speaker_id
        GROUP BY ALL ORDER BY count(*) DESC, speaker_id, target_id LIMIT {MAX_NETWORK_EDGES}""").fetchall()
    edges = [Edge(names[s], names[t], sup, opp, neu) for s, t, sup, opp, neu in edge_rows]
    total_actors, total_pairs = con.execute("""SELECT
        (SELECT count(*) FROM (SELECT speaker_id FROM f_statements WHERE target_id IS NOT NULL
                               AND target_id <> speaker_id
                               UNION SELECT target_id FROM f_statements WHERE target_id <> speaker_id)),
        (SELECT count(*) FROM (SELECT DISTINCT speaker_id, target_id FROM f_statements
                               WHERE target_id IS NOT NULL AND target_id <> speaker_id))""").fetchone()

    graph = nx.DiGraph()
    graph.add_nodes_from(names.values())
    graph.add_edges_from((e.speaker, e.target) for e in edges)
    # Unweighted: heavy pairs would otherwise pull into one spot and hide each other.
    positions = nx.spring_layout(graph.to_undirected(), seed=7, k=2 / math.sqrt(max(len(graph), 1)),
                                 iterations=300, weight=None)

    figure = go.Figure()
    max_mentions = max(row[5] for row in nodes) or 1
    sizes = {row[1]: 14 + 36 * math.sqrt(row[5] / max_mentions) for row in nodes}
    _add_edges(figure, edges, positions, sizes)
    by_country = Counter(row[2] or "" for row in nodes)
    shown = [c for c, _ in sorted(by_country.items(), key=lambda item: (item[0] == "", -item[1], item[0]))
             if c][:len(COUNTRY_COLOURS)]
    colours = {country: COUNTRY_COLOURS[i] for i, country in enumerate(shown)}
    groups = shown + [g for g in ("other countries", "") if any(_country_group(r[2], shown) == g
                                                                  for r in nodes)]
    label_names = {row[1] for row in sorted(nodes, key=lambda r: -(r[5] + r[6] + r[7]))[:20]}
    for group in groups:
        members = [row for row in nodes if _country_group(row[2], shown) == group]
        colour = colours.get(group, OTHER_COUNTRIES_COLOUR if group else NO_COUNTRY_COLOUR)
        figure.add_trace(go.Scatter(
            x=[positions[row[1]][0] for row in members], y=[positions[row[1]][1] for row in members],
            mode="markers+text", name=group or "no country", meta="actors",
            text=[row[1] if row[1] in label_names else "" for row in members],
            textposition="top center", textfont={"size": 11},
            customdata=[[row[1], row[2] or "–", row[4] or row[3] or "", row[5], row[6], row[7]]
                        for row in members],
            hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[1]}) %{customdata[2]}<br>"
                           "%{customdata[3]} mentions · %{customdata[4]} statements made · "
                           "%{customdata[5]} received<extra></extra>"),
            marker={"size": [sizes[row[1]] for row in members], "color": colour,
                    "line": {"width": 1, "color": "white"}},
        ))
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    figure.update_layout(
        height=720, margin={"l": 10, "r": 10, "t": 10, "b": 10}, plot_bgcolor="white",
        hovermode="closest", legend={"title": {"text": "Country "}, "orientation": "h", "y": -0.02,
                                     "yanchor": "top"},
        xaxis={"visible": False, "range": [min(xs) - 0.15, max(xs) + 0.15]},
        yaxis={"visible": False, "range": [min(ys) - 0.1, max(ys) + 0.12]},
    )
    caption = (f"{len(names)} of {total_actors} actors with a targeted statement (the most involved), "
               f"{len(edges)} of {total_pairs} speaker → target pairs.")
    return figure, len(names), len(edges), caption


def _country_group(country: str | None, shown: list[str]) -> str:
    """The legend group of a node: its country, "other countries" or "" (none)."""
    if not country:
        return ""
    return country if country in shown else "other countries"


def _add_edges(figure: go.Figure, edges: list[Edge], positions: dict, sizes: dict[str, float]) -> None:
    """Arrows coloured by net stance, wide by count, with a hover point at each midpoint."""
    if not edges:
        return
    pairs = {(e.speaker, e.target) for e in edges}
    max_count = max(e.count for e in edges)
    xs, ys, hover, nets, arrows = [], [], [], [], []
    for e in edges:
        (x0, y0), (x1, y1) = positions[e.speaker], positions[e.target]
        if (e.target, e.speaker) in pairs:  # both directions: draw them side by side
            dx, dy = x1 - x0, y1 - y0
            length = math.hypot(dx, dy) or 1.0
            shift = 0.012
            x0, y0 = x0 - dy / length * shift, y0 + dx / length * shift
            x1, y1 = x1 - dy / length * shift, y1 + dx / length * shift
        colour = sample_colorscale(NET_STANCE_SCALE, [(e.net + 1) / 2])[0]
        arrows.append(dict(
            x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", text="",
            showarrow=True, arrowhead=2, arrowsize=1, arrowcolor=colour, opacity=0.8,
            arrowwidth=1 + 6 * e.count / max_count,
            standoff=sizes[e.target] / 2 + 1, startstandoff=sizes[e.speaker] / 2,
        ))
        xs.append((x0 + x1) / 2)
        ys.append((y0 + y1) / 2)
        nets.append(e.net)
        hover.append([e.speaker, e.target, e.count, e.support, e.oppose, e.neutral])
    figure.update_layout(annotations=arrows)  # at once: adding them one by one is quadratic
    figure.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers", name="statements", meta="edges", showlegend=False,
        customdata=hover,
        hovertemplate=("<b>%{customdata[0]} → %{customdata[1]}</b><br>%{customdata[2]} statements: "
                       "%{customdata[3]} support, %{customdata[4]} oppose, %{customdata[5]} neutral"
                       "<extra></extra>"),
        marker={"size": 12, "color": nets, "cmin": -1, "cmax": 1, "colorscale": NET_STANCE_SCALE,
                "opacity": 0.0,
                "colorbar": {"title": {"text": "net stance"}, "x": 1.0, "xanchor": "left", "len": 0.5,
                             "y": 0.0, "yanchor": "bottom", "tickvals": [-1, 0, 1],
                             "ticktext": ["oppose", "neutral", "support"], "thickness": 12}},
    ))


# --- other charts -----------------------------------------------------------------------------------

def _timeline_figure(con: duckdb.DuckDBPyConnection) -> tuple[go.Figure | None, str]:
    """Statements per day (week, month on long spans) by stance; (figure, caption)."""
    span, undated = con.execute("""SELECT max(day) - min(day), count(*) FILTER (day IS NULL)
        FROM (SELECT try_cast(published AS DATE) AS day FROM f_statements)""").fetchone()
    if span is None:
        return None, f"No dated statements ({undated} without a publication date)."
    unit = "day" if span <= 120 else "week" if span <= 3 * 365 else "month"
    rows = con.execute(f"""SELECT date_trunc('{unit}', try_cast(published AS DATE)) AS period,
        stance, count(*) FROM f_statements WHERE try_cast(published AS DATE) IS NOT NULL GROUP BY ALL ORDER BY period""").fetchall()
    figure = go.Figure()
    for stance in STANCES:
        points = [(period, n) for period, s, n in rows if s == stance]
        figure.add_trace(go.Bar(x=[p for p, _ in points], y=[n for _, n in points], name=stance,
                                marker_color=STANCE_COLOURS[stance],
                                hovertemplate=f"%{{x}}: %{{y}} {stance}<extra></extra>"))
    figure.update_layout(barmode="stack", height=320, margin={"l": 40, "r": 10, "t": 30, "b": 40},
                         legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                                 "traceorder": "normal"},
                         yaxis={"title": {"text": f"statements per {unit}"}}, plot_bgcolor="white",
                         xaxis={"type": "date"})
    caption = f"Statements per {unit} by publication date of the article"
    caption += f"; {undated} statements have no date." if undated else "."
    return figure, caption


def _top_actors_figure(con: duckdb.DuckDBPyConnection) -> go.Figure | None:
    """Actors making and receiving the most statements, split by stance."""
    panels = {}
    for column in ("speaker_id", "target_id"):
        panels[column] = con.execute(f"""WITH top AS (
                SELECT {column} AS actor_id, count(*) AS n FROM f_statements WHERE {column} IS NOT NULL
                GROUP BY ALL ORDER BY n DESC, actor_id LIMIT {TOP_ACTORS})
            SELECT coalesce(a.name, top.actor_id), top.n,
                (SELECT count(*) FROM f_statements s WHERE s.{column} = top.actor_id AND stance = 'support'),
                (SELECT count(*) FROM f_statements s WHERE s.{column} = top.actor_id AND stance = 'oppose'),
                (SELECT count(*) FROM f_statements s WHERE s.{column} = top.actor_id AND stance = 'neutral')
            FROM top LEFT JOIN actors a USING (actor_id) ORDER BY top.n, 1 DESC""").fetchall()
    if not panels["speaker_id"]:
        return None
    figure = make_subplots(rows=1, cols=2, subplot_titles=("Statements made", "Statements received"),
                           horizontal_spacing=0.22)
    for col, column in enumerate(("speaker_id", "target_id"), start=1):
        rows = panels[column]
        for index, stance in enumerate(STANCES, start=2):
            figure.add_trace(go.Bar(
                y=[r[0] for r in rows], x=[r[index] for r in rows], orientation="h", name=stance,
                marker_color=STANCE_COLOURS[stance], legendgroup=stance, showlegend=col == 1,
                hovertemplate=f"%{{y}}: %{{x}} {stance}<extra></extra>"), row=1, col=col)
    figure.update_layout(barmode="stack", plot_bgcolor="white",
                         height=140 + 26 * max(len(p) for p in panels.values()),
                         margin={"l": 10, "r": 10, "t": 50, "b": 30},
                         legend={"orientation": "h", "y": 1.08, "yanchor": "bottom", "x": 0,
                                 "traceorder": "normal"})
    figure.update_yaxes(automargin=True)
    return figure


# --- table ------------------------------------------------------------------------------------------

TABLE_COLUMNS = ["date", "speaker", "target", "stance", "kind", "cue", "evidence", "source"]


def _table_rows(con: duckdb.DuckDBPyConnection) -> list[list]:
    """The most recent statements as rows of TABLE_COLUMNS (source = [href, label])."""
    rows = con.execute(f"""SELECT s.published, coalesce(sp.name, s.speaker_id),
            CASE WHEN s.target_id IS NULL THEN NULL ELSE coalesce(tg.name, s.target_id) END,
            s.stance, s.kind, s.cue, s.content, s.url, s.source_uri, s.title
        FROM f_statements s LEFT JOIN actors sp ON sp.actor_id = s.speaker_id
        LEFT JOIN actors tg ON tg.actor_id = s.target_id
        ORDER BY s.published DESC NULLS LAST, s.article_id, s.content_start, s.statement_id
        LIMIT {MAX_TABLE_ROWS}""").fetchall()
    table = []
    for published, speaker, target, stance, kind, cue, content, url, source_uri, title in rows:
        evidence = content if len(content) <= MAX_EVIDENCE_CHARS else content[:MAX_EVIDENCE_CHARS] + "…"
        table.append([published or "", speaker, target or "", stance, kind, cue or "", evidence,
                      [_source_href(url, source_uri), title or source_uri]])
    return table


def _source_href(url: str | None, source_uri: str) -> str:
    """A link to the article: its own URL, else where it was read from."""
    if url:
        return url
    if source_uri.startswith("/"):
        return "file://" + source_uri
    return source_uri


# --- page -------------------------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #222;
       background: #fafafa; }
header { background: #1f2d3d; color: white; padding: 18px 28px; }
header h1 { margin: 0 0 4px 0; font-size: 22px; }
header p { margin: 0; opacity: 0.85; font-size: 14px; }
header code { background: rgba(255, 255, 255, 0.15); color: white; }
main { padding: 10px 28px 40px 28px; max-width: 1400px; }
section { background: white; border: 1px solid #e3e3e3; border-radius: 6px; padding: 14px 18px;
          margin: 16px 0; }
section h2 { margin: 0 0 8px 0; font-size: 18px; }
.caption { color: #555; font-size: 13px; margin: 4px 0 8px 0; }
.cards { display: flex; gap: 14px; flex-wrap: wrap; }
.card { border: 1px solid #e3e3e3; border-radius: 6px; padding: 10px 16px; min-width: 120px; }
.card .n { font-size: 26px; font-weight: 600; }
.card .label { color: #555; font-size: 13px; }
table.counts { border-collapse: collapse; margin-top: 12px; font-size: 14px; }
table.counts th, table.counts td { border-bottom: 1px solid #eee; padding: 4px 12px; text-align: right; }
table.counts th:first-child, table.counts td:first-child { text-align: left; }
.stance-support { color: #2ca02c; font-weight: 600; }
.stance-oppose { color: #d62728; font-weight: 600; }
.stance-neutral { color: #777; }
#statements td { font-size: 13px; vertical-align: top; }
#statements td.evidence { max-width: 520px; }
.empty { font-size: 18px; padding: 40px 0; }
code { background: #f0f0f0; padding: 1px 4px; border-radius: 3px; }
"""


def _full_page(con: duckdb.DuckDBPyConnection, output: str, filters: Filters,
               summary: ReportSummary) -> str:
    """The report with all sections."""
    network, summary.network_nodes, summary.network_edges, network_caption = _network_figure(con)
    timeline, timeline_caption = _timeline_figure(con)
    top_actors = _top_actors_figure(con)
    rows = _table_rows(con)
    summary.table_rows = len(rows)
    plotly_js_included = False

    def figure_html(figure: go.Figure, div_id: str) -> str:
        nonlocal plotly_js_included
        text = pio.to_html(figure, full_html=False, include_plotlyjs=not plotly_js_included, div_id=div_id,
                           config={"displaylogo": False, "responsive": True})
        plotly_js_included = True
        return text

    sections = [_summary_section(con, summary)]
    if network is None:
        sections.append(_section("Stance network", "<p>No statement in this selection has a target actor, "
                                                   "so there is no network to draw.</p>"))
    else:
        sections.append(_section("Stance network",
                                 f"<p class='caption'>{html.escape(network_caption)} Node size: mentions; "
                                 "colour: country; arrow: speaker → target, width by number of "
                                 "statements, colour by net stance. Hover for counts.</p>"
                                 + figure_html(network, "network")))
    if timeline is None:
        sections.append(_section("Statements over time", f"<p>{html.escape(timeline_caption)}</p>"))
    else:
        sections.append(_section("Statements over time", f"<p class='caption'>{html.escape(timeline_caption)}"
                                                         "</p>" + figure_html(timeline, "timeline")))
    if top_actors is not None:
        sections.append(_section("Top actors", "<p class='caption'>The actors who make and receive the most "
                                               "statements, by stance.</p>"
                                 + figure_html(top_actors, "top-actors")))
    sections.append(_statements_section(rows, summary.statements))
    return _page(output, filters, "\n".join(sections), scripts=_datatables_assets() + _table_script(rows))


def _summary_section(con: duckdb.DuckDBPyConnection, summary: ReportSummary) -> str:
    """Cards with the totals and a stance-by-kind table."""
    cards = [("articles", summary.articles), ("errors (whole output)", summary.errors),
             ("actors", summary.actors), ("statements", summary.statements)]
    cards += [(f"<span class='stance-{s}'>{s}</span>", summary.by_stance.get(s, 0)) for s in STANCES]
    card_html = "".join(f"<div class='card'><div class='n'>{n:,}</div><div class='label'>{label}</div></div>"
                        for label, n in cards)
    by_kind = _stance_by_kind(con)
    table = ""
    if by_kind:
        header = "<tr><th>kind</th>" + "".join(f"<th class='stance-{s}'>{s}</th>" for s in STANCES)
        header += "<th>total</th></tr>"
        body = "".join("<tr>" + f"<td>{html.escape(kind)}</td>" + "".join(f"<td>{n:,}</td>" for n in counts)
                       + "</tr>" for kind, *counts in by_kind)
        table = f"<table class='counts' id='by-kind'>{header}{body}</table>"
    return _section("Run summary", f"<div class='cards' id='summary-cards'>{card_html}</div>{table}")


def _statements_section(rows: list[list], total: int) -> str:
    """The statements table (filled by DataTables from inline JSON)."""
    note = f"{len(rows):,} statements"
    if total > len(rows):
        note = (f"The {len(rows):,} most recent of {total:,} statements (use <code>dateline query</code> "
                "or the --from/--to/--actor filters for the rest)")
    header = "".join(f"<th>{c}</th>" for c in TABLE_COLUMNS)
    return _section("Statements", f"<p class='caption'>{note}. Type in the search box to filter every "
                                  "column; click a column header to sort; the page opens pre-searched "
                                  "with <code>#search=WORDS</code> at the end of its address.</p>"
                                  f"<table id='statements' class='display compact' style='width:100%'>"
                                  f"<thead><tr>{header}</tr></thead></table>")


def _section(title: str, body: str) -> str:
    anchor = title.lower().replace(" ", "-")
    return f"<section id='section-{anchor}'><h2>{html.escape(title)}</h2>{body}</section>"


def _page(output: str, filters: Filters, body: str, scripts: str = "", state: str = "") -> str:
    """The HTML document around the sections."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dateline report</title>
<style>{STYLE}</style>
</head><body>
<header><h1>dateline: who supports and opposes whom</h1>
<p>Output <code>{html.escape(output)}</code> · {html.escape(filters.describe())}</p></header>
<main>
{body}
</main>
<pre id="report-state" hidden>{html.escape(state)}</pre>
{scripts}
</body></html>
"""


def _nothing_yet_page(output: str, filters: Filters, summary: ReportSummary) -> str:
    """The page for an output without articles (or none matching the filters)."""
    if filters.date_from or filters.date_to or filters.actor:
        message = ("<p class='empty'>Nothing matches these filters: no article or statement in this "
                   "selection.</p>")
    else:
        message = ("<p class='empty'>Nothing yet: this output has no articles. Run "
                   f"<code>dateline run --input ARTICLES --output {html.escape(output)}</code> first.</p>")
    if summary.errors:
        message += f"<p>The output records {summary.errors:,} errors; see the <code>errors</code> table.</p>"
    state = json.dumps({"empty": True, "nodes": [], "edges": [], "table_total": 0})
    return _page(output, filters, _section("Nothing yet", message), state=state)


def _datatables_assets() -> str:
    """DataTables (the offline bundle of the itables package) inline, loaded as an ES module."""
    import itables

    folder = Path(itables.__file__).parent / "html"
    css = (folder / "dt_bundle.css").read_text(encoding="utf-8")
    js = base64.b64encode((folder / "dt_bundle.js").read_bytes()).decode("ascii")
    # A module cannot be imported from an inline script by name: import it from a blob URL.
    return f"""<style>{css}</style>
<script>
window.datatablesModule = import(URL.createObjectURL(
  new Blob([atob("{js}")], {{type: "text/javascript"}})));
</script>"""


def _table_script(rows: list[list]) -> str:
    """Data and the DataTables setup of the statements table; records the page state for tests."""
    data = json.dumps(rows, ensure_ascii=False).replace("</", "<\\/")
    return f"""<script type="application/json" id="statements-data">{data}</script>
<script>
(async function () {{
  const state = {{}};
  const network = document.getElementById("network");
  if (network && network.data) {{
    state.nodes = network.data.filter(t => t.meta === "actors").flatMap(t => t.customdata.map(c => c[0]));
    state.edges = network.data.filter(t => t.meta === "edges").flatMap(t => t.customdata.map(c => [c[0], c[1], c[2]]));
  }} else {{ state.nodes = []; state.edges = []; }}
  try {{
    const {{ jQuery: $ }} = await window.datatablesModule;
    const rows = JSON.parse(document.getElementById("statements-data").textContent);
    const text = $.fn.dataTable.render.text();
    const table = $("#statements").DataTable({{
      data: rows, deferRender: true, pageLength: 25, lengthMenu: [10, 25, 100, 500],
      order: [[0, "desc"]], autoWidth: false,
      columns: [
        {{render: text}}, {{render: text}}, {{render: text}},
        {{render: text, createdCell: (td, value) => td.classList.add("stance-" + value)}},
        {{render: text}}, {{render: text}}, {{render: text, className: "evidence"}},
        {{orderable: true, render: (value, type) => {{
            if (type !== "display") return value[1];
            const a = document.createElement("a");
            a.href = value[0]; a.textContent = value[1]; a.target = "_blank"; a.rel = "noopener";
            return a.outerHTML;
        }}}},
      ],
    }});
    const match = location.hash.match(/search=([^&]*)/);
    if (match) table.search(decodeURIComponent(match[1])).draw();
    state.table_total = table.rows().count();
    state.table_filtered = table.rows({{search: "applied"}}).count();
    state.table_page_rows = document.querySelectorAll("#statements tbody tr").length;
    state.table_first_row = Array.from(document.querySelectorAll("#statements tbody tr:first-child td"))
      .map(td => td.textContent);
  }} catch (error) {{
    state.table_error = String(error);
  }}
  document.getElementById("report-state").textContent = JSON.stringify(state);
}})();
</script>"""


# --- command line -----------------------------------------------------------------------------------

def _iso_date(value: str) -> str:
    """argparse type: a YYYY-MM-DD date."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def main(argv: list[str] | None = None) -> int:
    """`dateline report`: write the HTML report of an output."""
    from dateline.storage import parse_storage_options

    parser = argparse.ArgumentParser(prog="dateline report",
                                     description="Write a self-contained HTML report of the output tables.")
    parser.add_argument("--output", required=True, help="Output folder or bucket URL to read.")
    parser.add_argument("--html", default="report.html", help="HTML file to write (default report.html).")
    parser.add_argument("--from", dest="date_from", type=_iso_date, help="First publication date (YYYY-MM-DD).")
    parser.add_argument("--to", dest="date_to", type=_iso_date, help="Last publication date (YYYY-MM-DD).")
    parser.add_argument("--actor", help="Only statements by or about this actor (name or alias).")
    parser.add_argument("--storage-options", default=None, help="JSON fsspec storage options.")
    args = parser.parse_args(argv)
    summary = render_report(args.output, args.html, args.date_from, args.date_to, args.actor,
                            parse_storage_options(args.storage_options))
    print(f"Wrote {args.html} ({summary.html_bytes / 1e6:.1f} MB): {summary.articles} articles, "
          f"{summary.statements} statements, {summary.network_nodes} actors and {summary.network_edges} "
          f"pairs in the network, {summary.table_rows} rows in the table.")
    return 0
