"""Country and sector accuracy of dateline's actor resolution on NGEC-style actor cases.

    python benchmarks/actor_cases.py PATH/cases_dev.jsonl [--model NAME] [--errors]

Each case is a short mention ("Armenian Prime Minister", "Chile's Defense Ministry"). The mention is
run as a one-paragraph article through the same code the pipeline uses (load_model ->
parse_bodies -> resolve_actors); the prediction is the actor of the longest mention, and the sector
is that mention's sector (agent words of its phrase), else `sector_for` over the words of a mention
with no entity ("soldiers", "Kyiv police"). Cases are split into text-resolvable ones (the
gazetteer finds a country, demonym or place in the mention, or the mention is an IGO name) and ones
that need world knowledge ("Angela Merkel"). NGEC codes its IGOs as IGO, EUR or UNO: all count as IGO.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateline import actors, countries  # noqa: E402
from dateline.nlp import load_model, parse_bodies  # noqa: E402

IGO_CODES = {"IGO", "EUR", "UNO"}


def text_resolvable(mention: str) -> bool:
    """Whether a country, demonym, city or IGO cue is written in the mention itself."""
    words = mention.replace("'s", " ").replace("\u2019s", " ").replace(",", " ").split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            place = countries.lookup(" ".join(words[i:i + size]))
            if place is None:
                continue
            if place.kind in ("country", "demonym"):
                return True
            # a city or state, unless it is part of a personal name ('Vladimir Putin', 'Sen. X Valencia')
            neighbours = words[i - 1:i] + words[i + size:i + size + 1]
            if not any(w[:1].isupper() and not countries.lookup(w) for w in neighbours):
                return True
    return bool(actors.IGO_CUES.search(mention))


def predict(nlp, mentions: list[str]) -> list[tuple[str | None, str | None]]:
    """(country, sector) for each mention, through parse_bodies + resolve_actors."""
    results = []
    for key, body, paragraphs in parse_bodies(nlp, [(str(i), m) for i, m in enumerate(mentions)]):
        rows, _, spans = actors.resolve_actors(key, body, paragraphs)
        by_id = {row["actor_id"]: row for row in rows}
        if spans:
            best = max(spans, key=lambda s: (s.end - s.start, by_id[s.actor_id]["country"] is not None))
            row = by_id[best.actor_id]
            country = row["country"]
            if country is None:  # fall back to any country the mention's actors carry
                country = next((r["country"] for r in rows if r["country"]), None)
            sector = best.sector or row["sector"] or actors.sector_for(body.split())
        else:
            country, sector = None, actors.sector_for(body.split())
        results.append((country, sector))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--model", default=None)
    parser.add_argument("--errors", action="store_true", help="print the wrong cases")
    args = parser.parse_args(argv)
    cases = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    cases = [c for c in cases if c.get("method") in ("agent_to_code", "search_nat", "short_text_to_agent")
             and not c.get("context") and (c.get("expected_country") or c.get("expected_code_1"))]
    nlp = load_model(args.model)
    predictions = predict(nlp, [c["mention"].strip() for c in cases])
    tallies: dict[str, list[int]] = {}
    for case, (country, sector) in zip(cases, predictions):
        subset = "text" if text_resolvable(case["mention"]) else "knowledge"
        expected = case.get("expected_country")
        if expected:
            gold = "IGO" if expected in IGO_CODES else expected
            ok = (country or "") == gold
            tallies.setdefault(f"country/{subset}", []).append(ok)
            if not ok and args.errors:
                print(f"country {subset:9s} {case['mention']!r}: expected {gold}, got {country}")
        code = case.get("expected_code_1")
        if code and code not in ("????",) and len(code) == 3 and code.isupper():
            ok = sector == code or (code in IGO_CODES and sector == "IGO")
            tallies.setdefault(f"sector/{subset}", []).append(ok)
            if not ok and args.errors:
                print(f"sector  {subset:9s} {case['mention']!r}: expected {code}, got {sector}")
    for key in sorted(tallies):
        hits = tallies[key]
        print(f"{key:18s} accuracy={sum(hits) / len(hits):.3f}  ({sum(hits)}/{len(hits)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
