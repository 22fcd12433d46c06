"""A linear stance model over parse features of a (source, target) pair, trained without extra deps.

Training data: the directed-sentiment corpus of Park, Pan and Joo (ACL 2021), one sentence with two
marked entities and a 5-class label; each sentence gives two directed examples (p->q and q->p).
The model is a multinomial logistic regression (AdaGrad, L2) over sparse binary features; its
weights ship as gzipped JSON in ``dateline/data/stance_model.json.gz`` and inference is a dot
product in plain Python.
"""
from __future__ import annotations

import gzip
import heapq
import json
import math
import random
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import orjson
from spacy.tokens import Doc, Span, Token

CLASSES = ("neutral", "support", "oppose")
MODEL_PATH = Path(__file__).parent / "data" / "stance_model.json.gz"


@dataclass
class StanceModel:
    """Weights per feature (one per class) and the per-class bias."""

    weights: dict[str, list[float]]
    bias: list[float]
    priors: list[float] | None = None  # class frequencies in the training examples

    def probabilities(self, features: list[str]) -> list[float]:
        """Class probabilities (CLASSES order) for a feature list."""
        if len(self.bias) != 3:  # (CLASSES has three; the unrolled sums below assume so)
            return self._probabilities_any(features)
        neutral, support, oppose = self.bias
        get = self.weights.get
        for feature in features:  # the same additions in the same order as _probabilities_any
            row = get(feature)
            if row is not None:
                neutral += row[0]
                support += row[1]
                oppose += row[2]
        return self._softmax([neutral, support, oppose])

    def _probabilities_any(self, features: list[str]) -> list[float]:
        """probabilities for any number of classes."""
        scores = list(self.bias)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                for k in range(len(scores)):
                    scores[k] += row[k]
        return self._softmax(scores)

    @staticmethod
    def _softmax(scores: list[float]) -> list[float]:
        """Normalised exponentials of the class scores."""
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def predict(self, doc: Doc, source: Span, target: Span) -> tuple[str, float, float, str]:
        """(stance, score in [-1, 1], the label's probability, the three features that pushed the
        label most)."""
        features = pair_features(doc, source, target)
        probs = self.probabilities(features)
        best = max(range(len(CLASSES)), key=probs.__getitem__)
        score = probs[1] - probs[2]
        margins = []
        get = self.weights.get
        first, second = (k for k in range(len(CLASSES)) if k != best)  # the other two classes
        for f in set(features) - {"bias"}:
            row = get(f)
            if row is not None:  # how far the feature favours the label over the next class
                margins.append((row[best] - max(row[first], row[second]), f))
        pushes = heapq.nlargest(3, margins)  # (= sorted(margins, reverse=True)[:3])
        reasons = ";".join(f for _, f in pushes)
        return CLASSES[best], score, probs[best], f"{CLASSES[best]}@{probs[best]:.2f}:{reasons}"


@lru_cache(maxsize=1)
def load(path: str | None = None) -> StanceModel | None:
    """The shipped model, or None when no weights file exists."""
    model_file = Path(path) if path else MODEL_PATH
    if not model_file.exists():
        return None
    data = orjson.loads(gzip.decompress(model_file.read_bytes()))  # twice json's speed: start-up
    return StanceModel(data["weights"], data["bias"], data.get("priors"))


def _path_to_root(token: Token) -> list[Token]:
    """The token and its ancestors up to the sentence root."""
    path = [token]
    while token.head.i != token.i:
        token = token.head
        path.append(token)
    return path


def pair_features(doc: Doc, source: Span, target: Span) -> list[str]:
    """Sparse binary features of the directed pair source -> target."""
    from dateline.stance import SPEECH_VERBS, classify_stance, vader_compound

    features = ["bias"]
    s_root, t_root = source.root, target.root
    sentence = source.sent  # computed once: Span.sent searches for the sentence boundaries
    rule = classify_stance(doc, sentence.start, sentence.end, None,
                           (source.start, source.end), (target.start, target.end),
                           use_model=False)
    kind = rule.cue.split(":")[0]
    features += [f"rule:{kind}:{rule.stance}", f"rulecat:{rule.category}",
                 f"rulecue:{rule.cue.split(':')[1].split('+')[0] if kind == 'rule' else 'lex'}"]
    if kind == "rule":
        features.append(f"rulekind:{rule.cue.split(':')[1]}" if rule.cue.count(":") > 1
                        else "rulekind:own")
    features.append("order:st" if source.start < target.start else "order:ts")
    features += [f"sdep:{s_root.dep_}", f"tdep:{t_root.dep_}", f"deps:{s_root.dep_}|{t_root.dep_}",
                 f"shead:{s_root.head.lemma_.lower()}", f"thead:{t_root.head.lemma_.lower()}",
                 f"sent:{s_root.ent_type_ or '-'}", f"tent:{t_root.ent_type_ or '-'}"]
    s_path, t_path = _path_to_root(s_root), _path_to_root(t_root)
    t_ids = {t.i for t in t_path}
    lca = next((t for t in s_path if t.i in t_ids), None)
    if lca is not None:
        up = s_path[:[t.i for t in s_path].index(lca.i)]
        down = t_path[:[t.i for t in t_path].index(lca.i)]
        features += [f"lca:{lca.lemma_.lower()}", f"lcapos:{lca.pos_}",
                     f"len:{min(len(up) + len(down), 6)}"]
        for t in up[1:]:
            features.append(f"up:{t.lemma_.lower()}")
        for t in down[1:]:
            features.append(f"down:{t.lemma_.lower()}")
        features.append("sdeps:" + ">".join(t.dep_ for t in up[:3]))
        features.append("tdeps:" + ">".join(t.dep_ for t in down[:3]))
        if lca.lemma_ in SPEECH_VERBS:
            features.append("lca:speech")
            if any(t.dep_ in ("nsubj", "nsubjpass") for t in up[-1:]):
                features.append("source_says")
            if any(t.dep_ in ("nsubj", "nsubjpass") for t in down[-1:]):
                features.append("target_says")
    lo, hi = sorted((source, target), key=lambda sp: sp.start)
    between = doc[lo.end:hi.start]
    direction = "st" if lo.start == source.start else "ts"
    for t in between:
        if t.is_alpha and not t.is_stop:
            lemma = t.lemma_.lower()
            features.append(f"btw:{direction}:{lemma}")
            features.append(f"btw:{lemma}")
    for t in sentence:
        if t.is_alpha and not t.is_stop and not (source.start <= t.i < source.end
                                                 or target.start <= t.i < target.end):
            features.append(f"w:{t.lemma_.lower()}")
    for name, span in (("sentv", sentence), ("btwv", between)):
        compound = vader_compound(span.text) if len(span) else 0.0
        features.append(f"{name}:{round(compound * 2) / 2}:{direction}")
    return features


def _train_lr(examples: list[tuple[list[str], int]], epochs: int = 8, rate: float = 0.2,
              l2: float = 1e-5, class_weight: list[float] | None = None,
              seed: int = 13) -> StanceModel:
    """Multinomial logistic regression with AdaGrad over sparse binary features."""
    n = len(CLASSES)
    class_weight = class_weight or [1.0] * n
    weights: dict[str, list[float]] = {}
    grads: dict[str, list[float]] = {}
    bias, bias_g = [0.0] * n, [1e-8] * n
    rng = random.Random(seed)
    order = list(range(len(examples)))
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            features, label = examples[index]
            model = StanceModel(weights, bias)
            probs = model.probabilities(features)
            for k in range(n):
                g = (probs[k] - (1.0 if k == label else 0.0)) * class_weight[label]
                bias_g[k] += g * g
                bias[k] -= rate * g / math.sqrt(bias_g[k])
                for f in features:
                    row = weights.setdefault(f, [0.0] * n)
                    acc = grads.setdefault(f, [1e-8] * n)
                    gf = g + l2 * row[k]
                    acc[k] += gf * gf
                    row[k] -= rate * gf / math.sqrt(acc[k])
    pruned = {f: [round(w, 4) for w in row] for f, row in weights.items()
              if max(abs(w) for w in row) >= 1e-3}
    return StanceModel(pruned, [round(b, 4) for b in bias])


def directed_examples(nlp, data_path: str | Path, docs=None):
    """Yield (features, class index) for both directions of each sentence in a TSV file."""
    from dateline.stance_data import LABEL_DIRECTIONS, read_pairs

    pairs = list(read_pairs(data_path))
    docs = docs if docs is not None else nlp.pipe((p.text for p in pairs), batch_size=128)
    for pair, doc in zip(pairs, docs):
        spans = locate_pair(doc, pair.p, pair.q)
        if spans is None:
            continue
        p_span, q_span = spans
        pq, qp = LABEL_DIRECTIONS[pair.label]
        yield pair_features(doc, p_span, q_span), CLASSES.index(pq)
        yield pair_features(doc, q_span, p_span), CLASSES.index(qp)


def locate_pair(doc: Doc, p: tuple[int, int] | None,
                q: tuple[int, int] | None) -> tuple[Span, Span] | None:
    """Token spans of two character spans, or None when they are missing or overlap."""
    if p is None or q is None:
        return None
    p_span = doc.char_span(p[0], p[1], alignment_mode="expand")
    q_span = doc.char_span(q[0], q[1], alignment_mode="expand")
    if p_span is None or q_span is None or not len(p_span) or not len(q_span):
        return None
    if p_span.start < q_span.end and q_span.start < p_span.end:
        return None
    return p_span, q_span


def train_stance(data_path: str | Path, out_path: str | Path | None = None, nlp=None,
                 docs=None, epochs: int = 10) -> StanceModel:
    """Train the stance model on a directed-sentiment TSV file and write its weights."""
    if nlp is None and docs is None:
        from dateline.nlp import load_model

        nlp = load_model()
    examples = list(directed_examples(nlp, data_path, docs))
    counts = Counter(label for _, label in examples)
    class_weight = [(len(examples) / (len(CLASSES) * counts[k])) ** 0.5 for k in range(len(CLASSES))]
    model = _train_lr(examples, epochs=epochs, class_weight=class_weight, l2=1e-4)
    out = Path(out_path) if out_path else MODEL_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        priors = [round(counts[k] / len(examples), 4) for k in range(len(CLASSES))]
        json.dump({"classes": CLASSES, "bias": model.bias, "weights": model.weights,
                   "priors": priors,
                   "trained_on": str(Path(data_path).name), "examples": len(examples)}, handle)
    load.cache_clear()
    return model


# --- Content model: the stance of a statement's words toward a target named inside them ---------
# Trained on NewsMTSC (Hamborg and Donnay, EACL 2021), target-dependent sentiment in news sentences
# (2.0 negative -> oppose, 4.0 neutral, 6.0 positive -> support). Features are plain-text tokens, so
# training needs no parser: `dateline train-stance --content-data train.jsonl`.
CONTENT_MODEL_PATH = Path(__file__).parent / "data" / "content_model.json.gz"
NEWSMTSC_LABELS = {2.0: 2, 4.0: 0, 6.0: 1}
CONTENT_WINDOW = 4


def _words(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens of a text."""
    import re

    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]", text.lower())


def content_features(text: str, target_start: int, target_end: int) -> list[str]:
    """Sparse features of a text toward the target at text[target_start:target_end] (chars)."""
    left = _words(text[:target_start])
    right = _words(text[target_end:])
    tokens = left + ["<t>"] + right
    features = {"bias"}
    features.update(f"w:{w}" for w in tokens if w != "<t>")
    features.update(f"b:{a}_{b}" for a, b in zip(tokens, tokens[1:]))
    features.update(f"l:{w}" for w in left[-CONTENT_WINDOW:])
    features.update(f"r:{w}" for w in right[:CONTENT_WINDOW])
    return sorted(features)


def content_examples(data_path: str | Path) -> list[tuple[list[str], int]]:
    """(features, label) per target of a NewsMTSC JSONL file."""
    examples = []
    with open(data_path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            for target in row["targets"]:
                label = NEWSMTSC_LABELS.get(float(target["polarity"]))
                if label is not None:
                    examples.append((content_features(row["sentence_normalized"], target["from"],
                                                      target["to"]), label))
    return examples


def train_content(data_path: str | Path, out_path: str | Path | None = None,
                  epochs: int = 6) -> StanceModel:
    """Train the content model on NewsMTSC and write its gzipped weights."""
    examples = content_examples(data_path)
    counts = Counter(label for _, label in examples)
    class_weight = [len(examples) / (len(CLASSES) * counts[k]) for k in range(len(CLASSES))]
    model = _train_lr(examples, epochs=epochs, rate=0.1, l2=1e-4, class_weight=class_weight)
    with gzip.open(out_path or CONTENT_MODEL_PATH, "wt", encoding="utf-8") as handle:
        json.dump({"weights": model.weights, "bias": model.bias}, handle)
    return model


@lru_cache(maxsize=1)
def load_content(path: str | None = None) -> StanceModel | None:
    """The shipped content model, or None when no weights file exists."""
    return load(str(path or CONTENT_MODEL_PATH))


def predict_content(model: StanceModel, text: str, target_start: int,
                    target_end: int) -> tuple[str, float, float, str]:
    """(stance, score in [-1, 1], its probability, 'label@p:top features') toward the target."""
    features = content_features(text, target_start, target_end)
    probs = model.probabilities(features)
    best = max(range(len(CLASSES)), key=probs.__getitem__)
    margins = ((model.weights[f][best] - max(w for k, w in enumerate(model.weights[f])
                                             if k != best), f)
               for f in features if f in model.weights and f != "bias")
    reasons = ";".join(f for _, f in sorted(margins, reverse=True)[:3])
    return (CLASSES[best], probs[1] - probs[2], probs[best],
            f"{CLASSES[best]}@{probs[best]:.2f}:{reasons}")
