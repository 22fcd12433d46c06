"""The per-Doc shortcuts of find_attributions read the same as spaCy's own accessors (sentences
written for these tests, real spaCy model)."""
from __future__ import annotations

from dateline import attribution
from dateline.attribution import (_char_range, _children, DocFacts, _QuoteIndex,
                                  find_attributions)
from dateline.nlp import parse_bodies
from dateline.quotes import Quote

BODY = ("The foreign minister, who arrived late on Tuesday, said the talks with the northern "
        "neighbour would not resume soon.\n\n"
        "\"We are ready,\" the agency's director told reporters, along with her deputy.\n\n"
        "Critics: the plan, which was drafted in secret, fails the farmers it claims to help.")


def _paragraphs(nlp):
    return next(parse_bodies(nlp, [("t", BODY)]))[2]


def test_doc_facts_match_spacy(nlp):
    for para in _paragraphs(nlp):
        doc = para.doc
        facts = DocFacts(doc)
        for token in doc:
            assert facts.pos[token.i] == token.pos
            assert facts.lowers[token.i] == token.lower
            assert facts.deps[token.i] == token.dep
            assert facts.ent_types[token.i] == token.ent_type
            assert token.i + facts.head_offsets[token.i] == token.head.i
            assert facts.lemma(token.i) == token.lemma_.lower()
            assert facts.offsets()[token.i] == token.idx
            assert [c.i for c in facts.children(token)] == [c.i for c in token.children]
            assert facts.subtree_ids(token.i) == [t.i for t in token.subtree]
        for lo in range(len(doc)):
            for hi in range(lo, len(doc) + 1):
                marks = sum(t.text in attribution.QUOTE_CHARS for t in doc[lo:hi])
                assert facts.quote_marks(lo, hi) == marks
                if hi > lo:
                    span = doc[lo:hi]
                    assert _char_range(doc, lo, hi) == (span.start_char, span.end_char)


def test_children_outside_find_attributions_is_spacys(nlp):
    doc = _paragraphs(nlp)[0].doc
    for token in doc:
        assert [c.i for c in _children(token)] == [c.i for c in token.children]


def test_quote_index_contains_any_span():
    spans = [(5, 20), (8, 12), (30, 31), (40, 60), (45, 50)]
    index = _QuoteIndex([Quote(s, e, 0, 0, True) for s, e in reversed(spans)])
    for offset in range(70):
        assert index.contains(offset) == any(s <= offset < e for s, e in spans)
    assert not _QuoteIndex([]).contains(3)


def test_find_attributions_drops_its_memo(nlp):
    paragraphs = _paragraphs(nlp)
    found = find_attributions(BODY, paragraphs)
    assert found  # the minister's statement and the director's quote
    assert attribution._DOC_FACTS == {}


def test_paragraph_text_is_the_docs(nlp):
    from dateline.nlp import Paragraph
    from dateline.quotes import paragraph_text

    paragraphs = _paragraphs(nlp)
    for para in paragraphs:
        assert paragraph_text(BODY, para) == para.doc.text
    # a body that does not hold the paragraph: the Doc's own text
    assert paragraph_text("x" * len(BODY), paragraphs[1]) == paragraphs[1].doc.text
    assert paragraph_text(BODY, Paragraph(0, nlp(""))) == ""
