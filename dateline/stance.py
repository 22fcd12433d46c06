"""Stance of a statement toward its target: cue-verb lexicon plus a sentiment lexicon."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

OPPOSE_CUES = {"accuse", "criticize", "criticise", "condemn", "reject", "deny", "warn", "threaten",
               "blame", "attack", "denounce", "slam", "protest", "sanction", "oppose", "dismiss"}
SUPPORT_CUES = {"praise", "welcome", "thank", "support", "endorse", "back", "applaud", "agree",
                "congratulate", "commend", "hail", "defend"}
NEUTRAL_THRESHOLD = 0.3


@dataclass
class Stance:
    """A stance label with its score in [-1, 1] and what decided it."""

    stance: str
    score: float
    cue: str
    category: str | None = None


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def classify_stance(doc: Doc, content_start: int, content_end: int, cue: Token | None,
                    speaker: tuple[int, int] | None = None,
                    target: tuple[int, int] | None = None) -> Stance:
    """Stance of the speaker toward the target in doc[content_start:content_end] (token indices)."""
    content = doc[content_start:content_end].text
    cue = cue.lemma_ if cue is not None else None
    if cue in OPPOSE_CUES:
        return Stance("oppose", -0.8, f"cue:{cue}")
    if cue in SUPPORT_CUES:
        return Stance("support", 0.8, f"cue:{cue}")
    compound = _vader().polarity_scores(content)["compound"]
    if compound <= -NEUTRAL_THRESHOLD:
        return Stance("oppose", round(compound, 3), "lexicon")
    if compound >= NEUTRAL_THRESHOLD:
        return Stance("support", round(compound, 3), "lexicon")
    return Stance("neutral", round(compound, 3), "lexicon")
