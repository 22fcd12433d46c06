#!/usr/bin/env python3
"""Score dateline's attribution extraction on PolNeAR (brat Source/Cue/Content annotations).

    python benchmarks/polnear.py DIR [--model NAME] [--limit N] [--json]

DIR holds text/*.txt and attributions/*.ann (one PolNeAR split). Articles annotated by several
annotators use the first .ann file in name order. Predicted statements of kind direct_quote and
indirect are matched one-to-one to gold attributions when the word-token overlap of the content
spans is at least half of each (a split quote's content is its quoted parts, without the frame
between them, as PolNeAR annotates it); the speaker is right when the predicted speaker span overlaps the
gold Source span (gold attributions without a source need a prediction without a speaker).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateline.attribution import find_attributions  # noqa: E402
from dateline.nlp import load_model, parse_bodies  # noqa: E402

WORD = re.compile(r"\w+")
SCORED_KINDS = {"direct_quote", "indirect"}


@dataclass
class GoldAttribution:
    """One annotated attribution: content fragments and source fragments (body offsets)."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]]


@dataclass
class Predicted:
    """One predicted attribution: content span and speaker spans."""

    content: list[tuple[int, int]]
    speakers: list[tuple[int, int]]


def parse_ann(text: str) -> list[GoldAttribution]:
    """Attribution relations of a brat .ann file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations = []
    for line in text.splitlines():
        if line.startswith("T"):
            ident, info, _ = line.split("\t", 2)
            _, ranges = info.split(" ", 1)
            spans[ident] = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
        elif line.startswith("E"):
            relations.append(line.split("\t", 1)[1].split())
    gold = []
    for args in relations:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in args:
            role, ident = arg.split(":", 1)
            roles.setdefault(role.rstrip("0123456789"), []).extend(spans.get(ident, []))
        if roles.get("Content"):
            gold.append(GoldAttribution(roles["Content"], roles.get("Source", [])))
    return gold


def token_set(words: list[tuple[int, int]], spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the word tokens that intersect any of the spans."""
    return {i for i, (ws, we) in enumerate(words) for s, e in spans if ws < e and s < we}


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    """True when some span of a intersects some span of b."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(words, predicted: list[Predicted], gold: list[GoldAttribution]) -> tuple[int, int]:
    """(content matches, content+source matches), one-to-one, greedy by overlap."""
    pairs = []
    gold_tokens = [token_set(words, g.content) for g in gold]
    for pi, pred in enumerate(predicted):
        p_tokens = token_set(words, pred.content)
        if not p_tokens:
            continue
        for gi, g_tokens in enumerate(gold_tokens):
            common = len(p_tokens & g_tokens)
            if g_tokens and common * 2 >= len(p_tokens) and common * 2 >= len(g_tokens):
                pairs.append((common / max(len(p_tokens), len(g_tokens)), pi, gi))
    pairs.sort(reverse=True)
    used_p, used_g, content_hits, source_hits = set(), set(), 0, 0
    for _, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        content_hits += 1
        source = gold[gi].source
        speakers = predicted[pi].speakers
        if (overlaps(speakers, source) if source else not speakers):
            source_hits += 1
    return content_hits, source_hits


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def load_split(folder: Path, limit: int | None = None) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, gold attributions) for each article; first annotator file in name order."""
    articles = []
    for text_path in sorted((folder / "text").glob("*.txt"))[:limit]:
        anns = sorted((folder / "attributions").glob(text_path.stem + "*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append((text_path.stem, text, parse_ann(anns[0].read_text(encoding="utf-8"))))
    return articles


def evaluate(folder: Path, model: str | None = None, limit: int | None = None) -> dict:
    """Run the attribution extractor over a PolNeAR split and score it."""
    articles = load_split(folder, limit)
    nlp = load_model(model)
    totals = {"content": 0, "source": 0, "pred": 0, "gold": 0}
    parsed = parse_bodies(nlp, [(name, text) for name, text, _ in articles], batch_size=32)
    for (name, text, gold), (_, body, paragraphs) in zip(articles, parsed):
        words = [m.span() for m in WORD.finditer(body)]
        predicted = [Predicted(a.fragments(),
                               [(s.start, s.end) for s in a.speakers])
                     for a in find_attributions(body, paragraphs) if a.kind in SCORED_KINDS]
        content_hits, source_hits = match(words, predicted, gold)
        totals["content"] += content_hits
        totals["source"] += source_hits
        totals["pred"] += len(predicted)
        totals["gold"] += len(gold)
    return {
        "articles": len(articles),
        "content": prf(totals["content"], totals["pred"], totals["gold"]),
        "content_source": prf(totals["source"], totals["pred"], totals["gold"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="PolNeAR split folder (text/, attributions/)")
    parser.add_argument("--model", default=None, help="spaCy model (default: dateline's)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = evaluate(args.folder, args.model, args.limit)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"articles {result['articles']}")
        for key in ("content", "content_source"):
            r = result[key]
            print(f"{key:15s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
                  f"(tp={r['tp']} predicted={r['predicted']} gold={r['gold']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
