"""Property-based tests of the extractors on the real model: analyze_texts never raises on news-like or
arbitrary text, and every row's offsets point into the body (body[start:end] is the row's text)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.nlp import analyze_texts
from dateline.parse import clean_text

SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])

NAMES = ["William Ruto", "Ana Quispe", "President Samia Hassan", "Kenya", "the United Nations", "NATO",
         "Foreign Minister Valentina Rojas", "Ethiopia's government", "Mr. Okafor", "He", "They",
         "a spokesman for the European Union", "Jean-Luc O'Brien", "Ünal Çelik", "李明"]
SPEECH = ["said", "told reporters", "warned", "accused", "praised", "criticised", "denied", "urged",
          "did not say", "never claimed", "added", "says", "wrote on X", "insisted"]
QUOTES = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "''", "``"]
WORDS = ["the", "talks", "border", "will", "continue", "we", "reject", "this", "deal", "peace",
         "in", "Nairobi", "on", "Tuesday", "not", "and", "that", "of", "sanctions", "war", ",", ";", ":"]

names = st.sampled_from(NAMES)
words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=25).map(" ".join)
noise = st.text(max_size=12)  # any unicode: controls, surrogates excluded by hypothesis, combining marks
quote_mark = st.sampled_from(QUOTES)


@st.composite
def news_sentence(draw) -> str:
    """A sentence from a small grammar of reported speech, with balanced or unbalanced quotes."""
    speaker, verb, content = draw(names), draw(st.sampled_from(SPEECH)), draw(words)
    form = draw(st.integers(0, 5))
    if form == 0:
        return f"{draw(quote_mark)}{content},{draw(quote_mark)} {speaker} {verb}."
    if form == 1:
        return f"{speaker} {verb} that {draw(names)} {content}."
    if form == 2:
        return f"{speaker} {verb}: {draw(quote_mark)}{content}"  # quote that never closes
    if form == 3:
        return f"{speaker} {verb} {draw(names)} {draw(noise)} {content}{draw(st.sampled_from(['.', '!', '?', '']))}"
    if form == 4:
        return f"{draw(quote_mark)}{content} {draw(quote_mark)}{draw(words)}{draw(quote_mark)} {verb} {speaker}."
    return draw(noise) + content


separators = st.sampled_from([" ", "  ", "\n", "\n\n", " \n \n", ""])


@st.composite
def article_body(draw) -> str:
    """Several news-like sentences (or noise) joined by spaces and paragraph breaks."""
    parts = draw(st.lists(news_sentence(), min_size=1, max_size=8))
    body = ""
    for part in parts:
        body += part + draw(separators)
    return body


def check_rows(body: str, analysis) -> None:
    """Every offset inside the body; every row's text is the body slice; references resolve."""
    actor_ids = {row["actor_id"] for row in analysis.actors}
    for row in analysis.mentions:
        assert 0 <= row["start"] < row["end"] <= len(body), row
        assert body[row["start"]:row["end"]] == row["text"], row
        assert row["actor_id"] in actor_ids, row
    for row in analysis.statements:
        assert 0 <= row["content_start"] <= row["content_end"] <= len(body), row
        assert body[row["content_start"]:row["content_end"]] == row["content"], row
        if row["speaker_start"] is not None:
            assert 0 <= row["speaker_start"] < row["speaker_end"] <= len(body), row
        assert row["speaker_id"] in actor_ids, row
        assert row["target_id"] is None or row["target_id"] in actor_ids, row
        assert row["stance"] in ("support", "oppose", "neutral"), row
        assert -1.0 <= row["stance_score"] <= 1.0, row


@SETTINGS
@given(body=article_body())
def test_news_like_text_gives_rows_inside_the_body(nlp, body):
    body = clean_text(body)  # what the pipeline analyses
    if not body:
        return
    (analysis,) = analyze_texts(nlp, [("a1", body)])
    check_rows(body, analysis)


@SETTINGS
@given(body=st.one_of(article_body(), st.text(min_size=1, max_size=400)))
def test_raw_unclean_text_never_raises(nlp, body):
    (analysis,) = analyze_texts(nlp, [("a1", body)])
    check_rows(body, analysis)


def test_the_grammar_produces_statements(nlp):
    """The properties above are not vacuous: this grammar's sentences do yield rows."""
    body = ('"We reject this deal," President Samia Hassan said.\n\n'
            "William Ruto accused Ethiopia of breaking the border deal.")
    (analysis,) = analyze_texts(nlp, [("a1", body)])
    assert analysis.mentions and analysis.statements
    check_rows(body, analysis)
