"""Quotation spans in an article: straight, curly and mixed marks, across paragraphs."""
from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.nlp import Paragraph

OPENING_ONLY = "\u201c\u201e\u00ab"
CLOSING_ONLY = "\u201d\u00bb"
# Quote marks, including the doubled apostrophes and backticks some archives use for them.
MARK = re.compile(r"''|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")


@dataclass
class Quote:
    """Text between quotation marks; offsets index the article body, marks excluded."""

    start: int
    end: int
    paragraph: int  # paragraph where the quote opens
    end_paragraph: int  # paragraph where it closes (or runs out)
    closed: bool  # False when the last paragraph ends without a closing mark

    def words(self, body: str) -> int:
        """Number of whitespace-separated words inside the quote."""
        return len(body[self.start:self.end].split())

    def is_sentential(self, body: str) -> bool:
        """True for a quote of real speech rather than a scare-quoted term."""
        text = body[self.start:self.end].strip()
        return self.end_paragraph > self.paragraph or len(text.split()) >= 4


def find_quotes(body: str, paragraphs: list[Paragraph]) -> list[Quote]:
    """All quotations in the body, in order.

    Marks alternate open/close inside a paragraph whatever their shape, so mixed straight and
    curly marks pair up. A quote still open at the end of a paragraph continues into the next
    paragraph when that paragraph opens with a quote mark (the newspaper convention); otherwise
    it ends with its paragraph.
    """
    quotes: list[Quote] = []
    carried: Quote | None = None
    for p_index, para in enumerate(paragraphs):
        text = paragraph_text(body, para)
        found = [(m.start(), m.group()) for m in MARK.finditer(text)]
        marks = [i for i, _ in found]
        width = {i: len(mark) for i, mark in found}
        open_at: int | None = None
        nested = 0
        if carried is not None:
            if marks and marks[0] == 0:
                open_at = width[0] - 1  # continuation of the carried quote
                marks = marks[1:]
            else:
                quotes.append(carried)
                carried = None
        for pos in marks:
            ch = text[pos]
            if ch == "`":
                ch = "\u201c"
            if open_at is not None and text[open_at] == '"' and ch in OPENING_ONLY:
                nested += 1  # curly quote inside a straight-quoted passage
                continue
            if nested and ch in CLOSING_ONLY:
                nested -= 1
                continue
            if open_at is None:
                if ch in CLOSING_ONLY and pos > 0 and not text[pos - 1].isspace():
                    continue  # stray closing mark with nothing open
                open_at = pos + width[pos] - 1
                continue
            if ch in OPENING_ONLY and pos + 1 < len(text) and not text[pos + 1].isspace() \
                    and pos > 0 and text[pos - 1].isspace() and text[open_at] in OPENING_ONLY \
                    and carried is None and _has_no_closer(text, pos + 1):
                open_at = pos + width[pos] - 1  # two openers in a row: the first never closed
                continue
            if ch == '"' and text[open_at] == '"' and carried is None and _looks_opening(text, pos) \
                    and not _looks_closing(text, pos):
                # 'Italy, Sisci said. "Both ...': a straight mark between a space and a word opens
                # a quote; the open one lost its closing mark and ends here
                quotes.append(Quote(para.start + open_at + 1, para.start + pos, p_index, p_index,
                                    True))
                open_at = pos
                continue
            start = para.start + open_at + 1
            if carried is not None:
                carried.end, carried.end_paragraph, carried.closed = para.start + pos, p_index, True
                quotes.append(carried)
                carried = None
            else:
                quotes.append(Quote(start, para.start + pos, p_index, p_index, True))
            open_at = None
        if open_at is not None:
            end = para.start + len(text)
            if carried is not None:
                carried.end, carried.end_paragraph = end, p_index
            else:
                carried = Quote(para.start + open_at + 1, end, p_index, p_index, False)
    if carried is not None:
        quotes.append(carried)
    return [_trimmed(q, body) for q in quotes if q.end > q.start]


def paragraph_text(body: str, para: Paragraph) -> str:
    """The paragraph's Doc text, sliced from the body it was parsed from (Doc.text rebuilds it
    token by token); Doc.text itself when the body does not hold the Doc's last token there."""
    doc = para.doc
    if not len(doc):
        return ""
    last = doc[-1]
    end = para.start + last.idx + len(last.text_with_ws)
    if body[end - len(last.text_with_ws):end] != last.text_with_ws:
        return doc.text
    return body[para.start:end]


def _looks_opening(text: str, pos: int) -> bool:
    """A mark after whitespace (or at the start) and before a word character."""
    return (pos == 0 or text[pos - 1].isspace()) and pos + 1 < len(text) and text[pos + 1].isalnum()


def _looks_closing(text: str, pos: int) -> bool:
    """A mark right after a word or punctuation."""
    return pos > 0 and not text[pos - 1].isspace()


def _has_no_closer(text: str, pos: int) -> bool:
    """True when no quote mark follows pos in the paragraph text."""
    return MARK.search(text, pos) is None


def _trimmed(quote: Quote, body: str) -> Quote:
    """Drop surrounding whitespace and a trailing comma from the quote span."""
    start, end = quote.start, quote.end
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",;:"):
        end -= 1
    return Quote(start, end, quote.paragraph, quote.end_paragraph, quote.closed)
