"""PLOVER gold-standard records (Open Event Data Alliance, CC BY-SA 4.0): stance and event category.

Usage: python benchmarks/plover.py FILE [--limit N] [--model NAME]
FILE is the PLOVER GSR JSON array. Each event's sentence is parsed, the gold source and target
actor texts are located, and classify_stance (the code path of `dateline stance --pairs`) gives the
stance of source toward target; the gold event type is mapped to a stance (cooperation = support,
conflict = oppose, consult/investigate = neutral) and to dateline's event category.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter

from dateline.nlp import load_model
from dateline.stance import classify_pair_spans, classify_stance, locate

# PLOVER quad classes, except that meetings (CONSULT) and INVESTIGATE carry no evaluation.
GOLD_STANCE = {
    "AGREE": "support", "SUPPORT": "support", "COOPERATE": "support", "AID": "support",
    "CONCEDE": "support", "RETREAT": "support", "CONSULT": "neutral", "INVESTIGATE": "neutral",
    "DEMAND": "oppose", "DISAPPROVE": "oppose", "REJECT": "oppose", "THREATEN": "oppose",
    "PROTEST": "oppose", "MOBILIZE": "oppose", "SANCTION": "oppose", "COERCE": "oppose",
    "ASSAULT": "oppose", "FIGHT": "oppose",
}
# PLOVER event type -> dateline event category (INVESTIGATE has none and is not scored).
GOLD_CATEGORY = {
    "AGREE": "AGREE", "SUPPORT": "SUPPORT", "COOPERATE": "AGREE", "AID": "AID",
    "CONCEDE": "CONCEDE", "RETREAT": "CONCEDE", "CONSULT": "CONSULT", "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE", "REJECT": "REJECT", "THREATEN": "THREATEN", "PROTEST": "PROTEST",
    "MOBILIZE": "THREATEN", "SANCTION": "SANCTION", "COERCE": "COERCE", "ASSAULT": "ASSAULT",
    "FIGHT": "ASSAULT",
}


def actor_texts(field) -> list[str]:
    """The actorText values of a PLOVER source/target field (a list, a string or missing)."""
    if isinstance(field, list):
        return [a.get("actorText", "") for a in field if a.get("actorText")]
    return []


def locate_actor(doc, text: str, avoid=None):
    """The actor's span: the full text, else its last word (e.g. "Norway" in a longer name)."""
    span = locate(doc, text, avoid)
    if span is None and " " in text:
        span = locate(doc, text.split()[-1], avoid)
    return span


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    with open(args.file, encoding="utf-8") as handle:
        events = [e for e in json.load(handle) if e.get("event") in GOLD_STANCE and e.get("text")]
    events = events[:args.limit]
    nlp = load_model(args.model)
    started = time.perf_counter()
    stance_hits, category_hits, category_total, unlocated = 0, 0, 0, 0
    confusion, per_event = Counter(), Counter()
    for event, doc in zip(events, nlp.pipe((e["text"] for e in events), batch_size=64)):
        sources, targets = actor_texts(event.get("source")), actor_texts(event.get("target"))
        if not targets and len(sources) > 1:
            targets = sources[1:]  # compound actors acting toward each other
        source = locate_actor(doc, sources[0]) if sources else None
        target = locate_actor(doc, targets[0], avoid=source) if targets and source else None
        if source is None:
            unlocated += 1
            stance, category = "neutral", None
        elif target is None:
            cue = source.root.head
            result = classify_stance(doc, source.sent.start, source.sent.end, cue,
                                     (source.start, source.end), None)
            stance, category = result.stance, result.category
        else:
            result = classify_pair_spans(doc, source, target)
            stance, category = result.stance, result.category
        gold = GOLD_STANCE[event["event"]]
        stance_hits += stance == gold
        per_event[(event["event"], stance == gold)] += 1
        confusion[(gold, stance)] += 1
        if GOLD_CATEGORY.get(event["event"]):
            category_total += 1
            category_hits += category == GOLD_CATEGORY[event["event"]]
    report = {
        "file": args.file, "events": len(events), "unlocated_source": unlocated,
        "stance_accuracy": round(stance_hits / max(len(events), 1), 4),
        "category_accuracy": round(category_hits / max(category_total, 1), 4),
        "category_scored": category_total,
        "confusion_gold_pred": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        "stance_accuracy_by_event": {
            e: round(per_event[(e, True)] / (per_event[(e, True)] + per_event[(e, False)]), 3)
            for e in sorted({e for e, _ in per_event})},
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
