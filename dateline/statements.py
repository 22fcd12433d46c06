"""Statement extraction: direct quotes and reported speech, attributed to actors."""
from __future__ import annotations

import re

from dateline.actors import MentionSpan
from dateline.ids import stable_id
from dateline.nlp import Paragraph
from dateline.stance import classify_stance

SPEECH_VERBS = {"say", "tell", "state", "add", "announce", "claim", "accuse", "warn", "urge",
                "insist", "deny", "believe", "tweet", "write", "note", "stress", "argue",
                "criticize", "criticise", "condemn", "praise", "welcome", "reject", "threaten"}
QUOTE = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d]{3,})[\"\u201c\u201d]")


def extract_statements(article_id: str, body: str, paragraphs: list[Paragraph],
                       mentions: list[MentionSpan], actors: dict[str, dict]) -> list[dict]:
    """Find statements in one article and return statement rows (stance included)."""
    rows: dict[str, dict] = {}
    for p_index, para in enumerate(paragraphs):
        para_mentions = [m for m in mentions if m.paragraph == p_index]
        for sent in para.doc.sents:
            for token in sent:
                if token.lemma_ not in SPEECH_VERBS or token.pos_ not in ("VERB", "AUX"):
                    continue
                speaker = _subject_mention(token, para_mentions)
                if speaker is None:
                    continue
                quote = _quote_in(sent, para)
                if quote:
                    kind, (c_start, c_end) = "direct_quote", quote
                else:
                    comp = [c for c in token.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
                    if not comp:
                        continue
                    sub = list(comp[0].subtree)
                    kind, c_start, c_end = "indirect", sub[0].idx, sub[-1].idx + len(sub[-1])
                start, end = para.start + c_start, para.start + c_end
                content = body[start:end]
                target = next((m for m in para_mentions if start <= m.start and m.end <= end
                               and m.actor_id != speaker.actor_id), None)
                span = para.doc.char_span(c_start, c_end, alignment_mode="expand")
                stance = classify_stance(para.doc, span.start, span.end, token,
                                         (speaker.token_start, speaker.token_end),
                                         (target.token_start, target.token_end) if target else None)
                target_id = target.actor_id if target else None
                statement_id = stable_id("statement", article_id, start, end,
                                         speaker.actor_id, target_id)
                rows[statement_id] = {
                    "statement_id": statement_id, "article_id": article_id,
                    "speaker_id": speaker.actor_id, "target_id": target_id, "kind": kind,
                    "cue": token.lemma_, "content": content, "content_start": start,
                    "content_end": end, "speaker_start": speaker.start, "speaker_end": speaker.end,
                    "stance": stance.stance, "stance_score": stance.score,
                    "stance_cue": stance.cue,
                }
    return list(rows.values())


def _subject_mention(verb, mentions: list[MentionSpan]) -> MentionSpan | None:
    """The actor mention inside the verb's nominal subject, if any."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            lo, hi = child.left_edge.i, child.right_edge.i + 1
            for m in mentions:
                if lo <= m.token_start and m.token_end <= hi:
                    return m
    return None


def _quote_in(sent, para: Paragraph) -> tuple[int, int] | None:
    """Character span (in the paragraph) of the first quotation inside the sentence."""
    text = para.doc.text
    match = QUOTE.search(text, sent.start_char, sent.end_char)
    if match and match.end() <= sent.end_char + 1:
        return match.start(1), match.end(1)
    return None
