"""The short summary printed after a run: this run's counters, output totals, one example query."""
from __future__ import annotations

from apache_beam.metrics.metric import MetricsFilter

from dateline.query import EXAMPLE_QUERIES, connect, format_rows


def run_counters(result) -> dict[str, int]:
    """The dateline Beam counters of a finished run (committed values)."""
    counters = {}
    try:
        query = result.metrics().query(MetricsFilter().with_namespace("dateline"))
    except (NotImplementedError, AttributeError):
        return counters
    for counter in query.get("counters", []):
        counters[counter.key.metric.name] = counters.get(counter.key.metric.name, 0) + (
            counter.committed or 0)
    return counters


def print_summary(result, output: str, storage_options: dict | None, n_inputs: int) -> None:
    """Print what this run did and what the output holds now."""
    c = run_counters(result)
    analysed, failed = c.get("articles_analyzed", 0), c.get("inputs_failed", 0) + c.get("articles_failed", 0)
    print(f"\nThis run: {n_inputs} input files, {analysed} articles analysed, "
          f"{failed} errors, "
          f"{c.get('mentions', 0)} mentions, {c.get('statements', 0)} statements")
    if c:  # every input (a file, or a JSON Lines line) is an article or a failed input
        inputs = c.get("articles_parsed", 0) + c.get("inputs_failed", 0)
        check = "all accounted for" if analysed + failed == inputs else "MISMATCH: some inputs are missing"
        print(f"Accounting: {inputs} inputs (JSON Lines lines counted one by one) = {analysed} articles "
              f"+ {failed} failed inputs: {check}")
    con = connect(output, storage_options)
    totals = con.execute("""SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT source_uri)
                        FROM errors), (SELECT count(*) FROM actors), (SELECT count(*) FROM statements)
                     """).fetchone()
    print(f"Output {output}: {totals[0]} articles, {totals[1]} failed inputs, "
          f"{totals[2]} actors, {totals[3]} statements")
    by_stance = con.execute(
        "SELECT stance, count(*) FROM statements GROUP BY stance ORDER BY stance").fetchall()
    if by_stance:
        print("Statements by stance: " + ", ".join(f"{s} {n}" for s, n in by_stance))
    for title, sql in EXAMPLE_QUERIES.items():
        cursor = con.execute(sql)
        columns = [column[0] for column in cursor.description]
        print(f"\n{title}:\n{format_rows(columns, cursor.fetchall())}")
