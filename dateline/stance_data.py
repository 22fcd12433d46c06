"""Reading the directed-sentiment format (Park et al. 2021): sentences with [p]/[q] entity markers."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Gold label -> (stance of p toward q, stance of q toward p).
LABEL_DIRECTIONS = {
    0: ("neutral", "neutral"),
    1: ("support", "neutral"),
    2: ("neutral", "support"),
    3: ("oppose", "neutral"),
    4: ("neutral", "oppose"),
}
LABEL_NAMES = {0: "neutral", 1: "pos p->q", 2: "pos q->p", 3: "neg p->q", 4: "neg q->p"}


@dataclass
class PairExample:
    """One sentence with two entity character spans and the 5-class gold label."""

    text: str
    p: tuple[int, int] | None
    q: tuple[int, int] | None
    label: int


def combine_directions(p_to_q: tuple[str, float], q_to_p: tuple[str, float]) -> int:
    """The 5-class label from the two directed (stance, score) predictions."""
    candidates = []
    for (stance, score), (pos, neg) in ((p_to_q, (1, 3)), (q_to_p, (2, 4))):
        if stance != "neutral":
            candidates.append((abs(score), pos if stance == "support" else neg))
    return max(candidates)[1] if candidates else 0


def strip_markers(marked: str, p: str, q: str) -> tuple[str, tuple[int, int] | None,
                                                        tuple[int, int] | None]:
    """Remove the [p]/[q] brackets; return the plain text and the character spans of p and q."""
    spans: list[tuple[int, int, str]] = []
    for name, entity in (("p", p), ("q", q)):
        at = marked.find(f"[{entity}]")
        if at >= 0:
            spans.append((at, at + len(entity) + 2, name))
    spans.sort()
    if len(spans) == 2 and spans[0][1] > spans[1][0]:
        spans = spans[:1]
    text, found, pos = [], {}, 0
    length = 0
    for start, end, name in spans:
        text.append(marked[pos:start])
        length += start - pos
        found[name] = (length, length + end - start - 2)
        text.append(marked[start + 1:end - 1])
        length += end - start - 2
        pos = end
    text.append(marked[pos:])
    plain = "".join(text)
    for name, entity in (("p", p), ("q", q)):
        if name not in found and entity:
            at = plain.find(entity)
            if at >= 0:
                found[name] = (at, at + len(entity))
    return plain, found.get("p"), found.get("q")


def read_pairs(path: str | Path) -> Iterator[PairExample]:
    """Yield the examples of a directed-sentiment TSV file (sentence, p, q, label)."""
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) < 4 or not row[3].strip().isdigit():
                continue
            text, p_span, q_span = strip_markers(row[0], row[1], row[2])
            yield PairExample(text, p_span, q_span, int(row[3]))
