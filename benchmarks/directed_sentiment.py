"""Directed sentiment benchmark (Park, Pan and Joo, ACL 2021): 5-class accuracy and macro-F1.

Usage: python benchmarks/directed_sentiment.py FILE [--limit N] [--model NAME]
FILE is a TSV split (sentence with [p]/[q] markers, p, q, label). Each sentence is classified
p->q and q->p with dateline's classify_stance (the code path of `dateline stance --pairs`) and the
two directed stances are combined into the 5 classes.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter

from dateline.nlp import load_model
from dateline.stance import classify_pair_spans
from dateline.stance_data import LABEL_NAMES, combine_directions, read_pairs
from dateline.stance_model import locate_pair


def f1_scores(gold: list[int], pred: list[int], classes) -> dict:
    """Per-class F1, macro-F1 and accuracy."""
    per_class = {}
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        per_class[c] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"accuracy": sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1),
            "macro_f1": sum(per_class.values()) / len(per_class), "per_class_f1": per_class}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    parser.add_argument("--model", default=None, help="spaCy model name or path")
    args = parser.parse_args(argv)
    pairs = list(read_pairs(args.file))[:args.limit]
    nlp = load_model(args.model)
    started = time.perf_counter()
    gold, pred, unlocated, deciders = [], [], 0, Counter()
    for pair, doc in zip(pairs, nlp.pipe((p.text for p in pairs), batch_size=128)):
        spans = locate_pair(doc, pair.p, pair.q)
        if spans is None:
            unlocated += 1
            label = 0
        else:
            p_span, q_span = spans
            forward = classify_pair_spans(doc, p_span, q_span)
            backward = classify_pair_spans(doc, q_span, p_span)
            deciders.update(s.cue.split(":")[0] for s in (forward, backward))
            label = combine_directions((forward.stance, forward.score),
                                       (backward.stance, backward.score))
        gold.append(pair.label)
        pred.append(label)
    scores = f1_scores(gold, pred, sorted(LABEL_NAMES))
    report = {"file": args.file, "sentences": len(pairs), "unlocated_pairs": unlocated,
              "accuracy": round(scores["accuracy"], 4), "macro_f1": round(scores["macro_f1"], 4),
              "per_class_f1": {LABEL_NAMES[c]: round(f, 4)
                               for c, f in scores["per_class_f1"].items()},
              "gold_counts": {LABEL_NAMES[c]: n for c, n in sorted(Counter(gold).items())},
              "decided_by": dict(deciders),
              "seconds": round(time.perf_counter() - started, 1)}
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
