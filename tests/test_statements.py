"""Statement extraction on sentences written for these tests, with the real spaCy model."""
from __future__ import annotations

import pytest

from dateline import actors as actor_resolution
from dateline.attribution import find_attributions
from dateline.nlp import load_model, parse_bodies
from dateline.quotes import find_quotes
from dateline.statements import (_without_nested_repeats, _without_repeated_secondary,
                                 extract_statements)


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def analyze(nlp, body: str):
    """Statement rows of one body, plus a lookup from actor id to actor name."""
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    actor_rows, _, spans = actor_resolution.resolve_actors("t", body, paragraphs)
    by_id = {row["actor_id"]: row for row in actor_rows}
    rows = extract_statements("t", body, paragraphs, spans, by_id)
    for row in rows:
        assert body[row["content_start"]:row["content_end"]] == row["content"]
        if row["speaker_start"] is not None:
            assert 0 <= row["speaker_start"] < row["speaker_end"] <= len(body)
    name = {actor_id: row["name"] for actor_id, row in by_id.items()}
    return rows, name


def by_speaker(rows, name, speaker: str) -> list[dict]:
    """Rows whose speaker's canonical name contains the given text."""
    return [r for r in rows if speaker in name[r["speaker_id"]]]


def with_content(rows, text: str) -> list[dict]:
    return [r for r in rows if text in r["content"]]


# ------------------------------------------------------------------ quote spans

def test_quote_spans_straight_curly_and_mixed(nlp):
    body = 'He said "one two three four" and “five six seven eight” and "nine ten eleven twelve”.'
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    texts = [body[q.start:q.end] for q in find_quotes(body, paragraphs)]
    assert texts == ["one two three four", "five six seven eight", "nine ten eleven twelve"]


def test_quote_open_at_paragraph_end_continues_when_next_paragraph_opens_with_a_mark(nlp):
    body = ('“We will rebuild the roads and the schools of the province.\n\n'
            '“We will also pay the teachers on time,” Imran Khan said.\n\n'
            'The meeting ended at noon.')
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    quotes = find_quotes(body, paragraphs)
    assert len(quotes) == 1
    assert quotes[0].paragraph == 0 and quotes[0].end_paragraph == 1
    assert body[quotes[0].start:quotes[0].end].endswith("teachers on time")


# ------------------------------------------------------------------ direct quotes

@pytest.mark.parametrize("body", [
    '"We will not allow any neighbour to interfere in our affairs," Imran Khan said.',
    'Imran Khan said: "We will not allow any neighbour to interfere in our affairs."',
    '"We will not allow any neighbour to interfere in our affairs," said Imran Khan.',
    '\u201cWe will not allow any neighbour to interfere in our affairs,\u201d Imran Khan said.',
    '"We will not allow any neighbour to interfere in our affairs,\u201d Imran Khan said.',
])
def test_direct_quote_shapes(nlp, body):
    rows, name = analyze(nlp, body)
    quotes = [r for r in rows if r["kind"] == "direct_quote"]
    assert quotes, rows
    row = quotes[0]
    assert "Khan" in name[row["speaker_id"]]
    assert row["content"].startswith("We will not allow")
    assert row["content"].rstrip(".,").endswith("affairs")
    assert row["cue"] == "say"
    assert body[row["speaker_start"]:row["speaker_end"]] == "Imran Khan"


def test_split_quote_is_one_statement_over_both_parts(nlp):
    body = ('"We want peace with every neighbour," Imran Khan said, '
            '"but we will defend our borders if we must."')
    rows, name = analyze(nlp, body)
    row = by_speaker(rows, name, "Khan")[0]
    assert row["content"].startswith("We want peace")
    assert "defend our borders" in row["content"]


def test_split_quote_keeps_its_quoted_parts_without_the_frame(nlp):
    body = ('"We want peace with every neighbour," Imran Khan told reporters on Monday, '
            '"but we will defend our borders if we must."')
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    quote = next(a for a in find_attributions(body, paragraphs) if a.kind == "direct_quote")
    assert [body[s:e] for s, e in quote.fragments()] == [
        "We want peace with every neighbour", "but we will defend our borders if we must."]
    single = '"We want peace with every neighbour and friend," Imran Khan said.'
    _, single, paragraphs = next(parse_bodies(nlp, [("t", single)]))
    quote = next(a for a in find_attributions(single, paragraphs) if a.kind == "direct_quote")
    assert quote.fragments() == [(quote.content_start, quote.content_end)]


@pytest.mark.parametrize("body, speaker", [
    ('"The plan has the important virtue of being responsible," Jane Roe, director of the '
     'centrist Urban Policy Center and a professor at the Maxwell School of Syracuse University '
     'in New York, said of the plan. "It does not make our problems worse."',
     "Jane Roe, director of the centrist Urban Policy Center and a professor at the Maxwell "
     "School of Syracuse University in New York"),
    ("\"People say, 'It does not matter because she will win the vote,'\" said Tom Okafor, a "
     "prominent Democrat. \"The question is, 'Win by how much?' Turnout matters.\"",
     "Tom Okafor, a prominent Democrat"),
])
def test_split_quote_after_a_long_frame_or_a_nested_closing_mark(nlp, body, speaker):
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    quotes = [a for a in find_attributions(body, paragraphs) if a.kind == "direct_quote"]
    assert len(quotes) == 1 and not quotes[0].floating
    assert len(quotes[0].fragments()) == 2
    assert [body[s.start:s.end] for s in quotes[0].speakers] == [speaker]


def test_multi_sentence_quote(nlp):
    body = ('Angela Merkel said: "The talks were hard. Nobody got everything. '
            'But the agreement will hold."')
    rows, name = analyze(nlp, body)
    row = by_speaker(rows, name, "Merkel")[0]
    assert row["kind"] == "direct_quote"
    assert row["content"].startswith("The talks were hard") and "agreement will hold" in row["content"]


def test_multi_paragraph_quote(nlp):
    body = ('Angela Merkel said on Monday:\n\n'
            '"The talks were long and difficult for every delegation.\n\n'
            '"But in the end the agreement will hold, and it will protect our farmers."\n\n'
            'Officials left the building after the briefing.')
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = [a for a in find_attributions(body, paragraphs) if a.kind == "direct_quote"]
    assert len(found) == 1 and found[0].cue.lemma_ == "say"
    content = body[found[0].content_start:found[0].content_end]
    assert content.startswith("The talks were long") and content.endswith("protect our farmers.")
    speaker = found[0].speakers[0]
    assert body[speaker.start:speaker.end] == "Angela Merkel"
    # the final rows too: a first paragraph ending with a colon is text, not a headline
    rows, name = analyze(nlp, body)
    quotes = [r for r in rows if r["kind"] == "direct_quote"]
    assert len(quotes) == 1 and name[quotes[0]["speaker_id"]] == "Angela Merkel"
    assert quotes[0]["content"].endswith("protect our farmers.")


def test_floating_quote_goes_to_last_named_speaker(nlp):
    body = ('"Our farmers need a fair price for their wheat," Angela Merkel said.\n\n'
            '"Nobody should be left behind by this agreement in the coming years."')
    rows, name = analyze(nlp, body)
    floating = with_content(rows, "Nobody should be left behind")
    assert floating and all("Merkel" in name[r["speaker_id"]] for r in floating)
    assert floating[0]["cue"] is None


@pytest.mark.parametrize("body, cue", [
    ('"Did you see what he did? He must not get away with it," Jane Roe yells from the street.',
     "yell"),
    ('"Get out of here, all of you, right now," Jane Roe screamed at the crowd.', "scream"),
    ("Jane Roe whispered that the governor must resign before the vote.", "whisper"),
])
def test_loud_and_quiet_speech_verbs_are_cues(nlp, body, cue):
    rows, name = analyze(nlp, body)
    rows = by_speaker(rows, name, "Jane Roe")
    assert rows and rows[0]["cue"] == cue


@pytest.mark.parametrize("body, cue", [
    ('In a statement, Jane Roe said: "Our mine was highly successful when it became independent '
     'a decade ago," adding that its value quadrupled in a year.', "say"),
    ('Asked about the report on Monday, Jane Roe insisted, "We have done nothing wrong at all."',
     "insist"),
])
def test_the_cue_of_a_quote_is_the_colon_verb_or_the_nearest_one_before_it(nlp, body, cue):
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = find_attributions(body, paragraphs)
    quotes = [a for a in found if a.kind == "direct_quote"]
    assert len(quotes) == 1 and quotes[0].cue.lemma_ == cue
    quoted = (quotes[0].content_start, quotes[0].content_end)
    assert not [a for a in found if a.kind == "indirect"
                and (a.content_start, a.content_end) == quoted]


def test_a_participle_clause_with_while_speaks_for_the_main_subject(nlp):
    body = ('Small groups of protesters marched through the streets on Sunday while chanting, '
            '"We want answers and we want them now."')
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    quote = next(a for a in find_attributions(body, paragraphs) if a.kind == "direct_quote")
    assert quote.cue.lemma_ == "chant"
    assert [body[s.start:s.end] for s in quote.speakers] == ["Small groups of protesters"]


def test_floating_quote_after_an_act_without_target(nlp):
    body = ('Angela Merkel spoke to reporters in Berlin on Monday.\n\n'
            '"The talks were long and hard for all of us."')
    rows, name = analyze(nlp, body)
    quoted = with_content(rows, "The talks were long")
    assert quoted and name[quoted[0]["speaker_id"]] == "Angela Merkel"


@pytest.mark.parametrize("body, cue", [
    ("A ministry spokesperson reaffirmed that Norland calls for the release of the journalist.",
     "reaffirm"),
    ("The court ruled that the election had not been lawfully completed.", "rule"),
])
def test_reaffirming_and_ruling_are_reports(nlp, body, cue):
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = [a for a in find_attributions(body, paragraphs) if a.kind == "indirect"]
    assert [a.cue.lemma_ for a in found][:1] == [cue]


def test_floating_quote_continues_the_speaker_of_the_reported_speech_before_it(nlp):
    body = ('"We will win this contract and many more," Jane Roe said on Monday.\n\n'
            'Her former business partner, Tom Okafor, called her a master at closing hard deals. '
            '"She showed again and again an ability to do what others could not."')
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    floating = [a for a in find_attributions(body, paragraphs) if a.floating]
    assert len(floating) == 1
    assert [body[s.start:s.end] for s in floating[0].speakers] == [
        "Her former business partner, Tom Okafor"]
    rows, name = analyze(nlp, body)
    assert all("Okafor" in name[r["speaker_id"]] for r in with_content(rows, "again and again"))


@pytest.mark.parametrize("body", [
    'Joe Biden tweeted: "America stands with the people of Ukraine today and always."',
    'Joe Biden wrote in a post on social media: "America stands with the people of Ukraine today."',
    '"America stands with the people of Ukraine today and always," Joe Biden said in a statement.',
])
def test_tweets_posts_and_statements(nlp, body):
    rows, name = analyze(nlp, body)
    rows = by_speaker(rows, name, "Biden")
    assert rows and "America stands with the people of Ukraine" in rows[0]["content"]


@pytest.mark.parametrize("body, speaker", [
    ('Joe Biden, in a post on Truth Social: "America stands with the people of Ukraine."',
     "Joe Biden"),
    ('The statement from the Kremlin read: "Ukraine has attacked a town on our border."',
     "Kremlin"),
    ('Joe Biden\u2019s post on X read: "America stands with the people of Ukraine."',
     "Joe Biden"),
])
def test_a_verbless_colon_frame_or_a_message_that_reads(nlp, body, speaker):
    rows, name = analyze(nlp, body)
    quotes = [r for r in rows if r["kind"] == "direct_quote"]
    assert quotes and all(name[r["speaker_id"]] == speaker for r in quotes)


def test_speaker_hung_on_auxiliary_by_the_parser(nlp):
    body = ('Imran Khan had in a TV interview earlier in the week said: '
            '"We will not allow anyone to use our soil against a neighbour."')
    rows, name = analyze(nlp, body)
    rows = by_speaker(rows, name, "Khan")
    assert rows and rows[0]["kind"] == "direct_quote"


def test_pronoun_speaker_after_a_quote_is_the_last_speaker(nlp):
    body = ('Angela Merkel arrived in Paris on Monday.\n\n'
            '"The union must stay together in the face of this crisis," she said.')
    rows, name = analyze(nlp, body)
    row = with_content(rows, "union must stay together")[0]
    assert "Merkel" in name[row["speaker_id"]]
    assert body[row["speaker_start"]:row["speaker_end"]] == "she"


# ------------------------------------------------------------------ reported speech


def test_quoted_as_saying_is_said_by_the_quoted_not_by_the_outlet(nlp):
    body = "Aleksandar Vucic was quoted by Reuters as saying that Serbia would never recognise Kosovo."
    rows, name = analyze(nlp, body)
    row = with_content(rows, "Serbia would never recognise Kosovo")[0]
    assert name[row["speaker_id"]] == "Aleksandar Vucic"
    assert not any(name[r["speaker_id"]] == "Reuters" for r in rows)


def test_asked_whether_is_not_a_statement_of_the_one_asked(nlp):
    body = ("Asked whether Washington would pressure Israel to accept a ceasefire, spokesman John "
            "Kirby said the United States continued to support Israel's right to defend itself.")
    rows, name = analyze(nlp, body)
    assert not with_content(rows, "would pressure Israel")
    row = with_content(rows, "continued to support Israel")[0]
    assert name[row["speaker_id"]] == "John Kirby"


def test_comma_and_speech_verb_after_reported_clause_belongs_to_the_speaker(nlp):
    body = ("Senator Lindsey Graham said Congress had a duty to secure the border before sending "
            "more money abroad, and accused Democrats of ignoring a crisis at home.")
    rows, name = analyze(nlp, body)
    accusation = [r for r in rows if r["cue"] == "accuse"]
    assert accusation and all(name[r["speaker_id"]] == "Lindsey Graham" for r in accusation)
    said = next(r for r in rows if r["cue"] == "say")
    assert said["content"].endswith("more money abroad")


def test_second_that_clause_after_comma_and_stays_in_the_content(nlp):
    body = ("Senator Angus King said that he was not familiar with the network because he did not "
            "watch it, and that he might decide against hosting its coverage.")
    rows, name = analyze(nlp, body)
    said = next(r for r in rows if r["cue"] == "say")
    assert said["content"].endswith("against hosting its coverage")


def test_reported_speech_with_clausal_complement(nlp):
    body = "Angela Merkel said that Germany would send more aid to Ukraine next year."
    rows, name = analyze(nlp, body)
    rows = [r for r in by_speaker(rows, name, "Merkel") if r["kind"] == "indirect"]
    assert rows
    # the row shows the statement as written, speaker and cue included, like an act's content
    assert rows[0]["content"] == ("Angela Merkel said that Germany would send more aid to Ukraine "
                                  "next year")
    targets = {name[r["target_id"]] for r in rows if r["target_id"]}
    assert {"Germany", "Ukraine"} <= targets  # one row per target actor in the content


@pytest.mark.parametrize("body, content", [
    ("Jane Roe warned that if Norland keeps its tariffs, she will raise hers.",
     "Jane Roe warned that if Norland keeps its tariffs, she will raise hers"),
    ("Jane Roe asked whether the treaty would survive the vote.",
     "Jane Roe asked whether the treaty would survive the vote"),
    ("Jane Roe told reporters on Monday she was not worried about the vote.",
     "Jane Roe told reporters on Monday she was not worried about the vote"),
    ("Jane Roe, who chairs the committee, warned that the treaty would not survive the vote.",
     "Jane Roe, who chairs the committee, warned that the treaty would not survive the vote"),
    ("Jane Roe met the envoys on Monday and later warned that the treaty would not survive.",
     "warned that the treaty would not survive"),
])
def test_reported_row_content_is_the_statement_as_written(nlp, body, content):
    rows, name = analyze(nlp, body)
    assert [r["content"] for r in by_speaker(rows, name, "Jane Roe")][:1] == [content]


def test_reported_row_content_keeps_a_speaker_described_at_length(nlp):
    body = ("Jane Roe, a former senior official who held the post in 2010 and 2011, said the "
            "decision was a mistake.")
    rows, name = analyze(nlp, body)
    rows = by_speaker(rows, name, "Jane Roe")
    assert rows and rows[0]["content"].startswith("Jane Roe, a former senior official")


def test_a_speaker_phrase_stops_before_a_clause_on_a_noun_inside_it(nlp):
    body = ("Many of the original inhabitants of the islands who were expelled to make way for "
            "the base on Diego Garcia say their voices have been ignored.")
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = [a for a in find_attributions(body, paragraphs) if a.kind == "indirect"]
    assert [body[s.start:s.end] for a in found for s in a.speakers] == [
        "Many of the original inhabitants of the islands"]


def test_reported_attribution_keeps_only_what_was_said(nlp):
    body = "Jane Roe told reporters on Monday that she was not worried about the vote."
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = [a for a in find_attributions(body, paragraphs) if a.kind == "indirect"]
    assert [body[a.content_start:a.content_end] for a in found] == [
        "she was not worried about the vote"]


@pytest.mark.parametrize("body, cues", [
    ("Jane Roe said on Monday that she thinks the treaty will survive the vote.", ["say"]),
    ("Jane Roe said that Tom Okafor had warned that the treaty would fail.", ["say", "warn"]),
])
def test_a_report_by_a_pronoun_inside_a_statement_is_part_of_it(nlp, body, cues):
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = [a for a in find_attributions(body, paragraphs) if a.kind == "indirect"]
    assert [a.cue.lemma_ for a in found] == cues


@pytest.mark.parametrize("body, speakers", [
    ("Jane Roe, a businessman and founder of a newspaper, stands accused of collusion with "
     "foreign forces.", []),
    ("Jane Roe, accused of fraud by prosecutors, denied that she had lied.",
     ["prosecutors", "Jane Roe"]),
    ("Jane Roe has accused Tom Okafor of lying about the vote.", ["Jane Roe"]),
])
def test_the_one_a_participle_says_is_accused_is_no_speaker(nlp, body, speakers):
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = [a for a in find_attributions(body, paragraphs) if a.kind == "indirect"]
    assert [body[a.speakers[0].start:a.speakers[0].end] for a in found] == speakers


def test_a_persons_opponents_are_not_the_person(nlp):
    body = ("Jane Roe served as president from 1992 to 1997. Roe's opponents, however, accused "
            "her of undermining democracy.")
    rows, name = analyze(nlp, body)
    assert not by_speaker(rows, name, "Roe")


def test_inverted_reported_speech(nlp):
    body = "Pakistan is ready to talk to India about the border, Imran Khan said on Monday."
    rows, name = analyze(nlp, body)
    row = by_speaker(rows, name, "Khan")[0]
    assert row["content"].startswith("Pakistan is ready to talk")


def test_according_to(nlp):
    body = "The border crossing will reopen next week, according to the Pakistani Foreign Office."
    rows, name = analyze(nlp, body)
    rows = by_speaker(rows, name, "Foreign Office")
    assert rows and rows[0]["content"].startswith("The border crossing will reopen")
    assert rows[0]["cue"] == "accord"


def test_negated_statement_is_not_a_statement(nlp):
    body = "Imran Khan did not publicly state that he supported the new government in Kabul."
    rows, name = analyze(nlp, body)
    assert not by_speaker(rows, name, "Khan")


def test_a_denied_act_is_no_act_but_the_denial_is_a_statement(nlp):
    rows, name = analyze(nlp, "Emmanuel Macron denied that France had sold weapons to Russia.")
    assert not [r for r in rows if r["kind"] == "action"]
    assert [r for r in by_speaker(rows, name, "Macron") if r["cue"] == "deny"]
    rows, name = analyze(nlp, "Russia denied that its troops attacked Ukraine, saying Kyiv had "
                              "shelled its own town.")
    assert [r for r in rows if r["cue"] == "say"]  # the participle is no part of the denial


def test_a_demonym_organisation_noun_speaks_for_the_named_country(nlp):
    body = ('Germany condemned the strike on Monday. The move is "a dangerous escalation," '
            'according to the German foreign ministry.')
    rows, name = analyze(nlp, body)
    said = with_content(rows, "dangerous escalation")
    assert said and name[said[0]["speaker_id"]] == "Germany" and said[0]["cue"] == "accord"


def test_nominal_criticism(nlp):
    body = "Russia's criticism of NATO dominated the summit in Madrid on Tuesday."
    rows, name = analyze(nlp, body)
    rows = by_speaker(rows, name, "Russia")
    assert rows and rows[0]["target_id"] and name[rows[0]["target_id"]] == "NATO"


def test_the_ministry_resolves_to_the_named_ministry(nlp):
    body = ('The Foreign Ministry of Pakistan summoned the Indian envoy on Monday.\n\n'
            'The ministry said the shelling across the border had to stop immediately.')
    rows, name = analyze(nlp, body)
    row = with_content(rows, "shelling across the border")[0]
    assert "Ministry" in name[row["speaker_id"]]


def test_named_spokesperson_keeps_the_organisation(nlp):
    body = "Foreign Ministry spokesman Zhao Lijian told reporters that Beijing opposed the sanctions."
    rows, name = analyze(nlp, body)
    row = with_content(rows, "Beijing opposed the sanctions")[0]
    assert "Zhao" in name[row["speaker_id"]]
    assert row["speaker_org_id"] is not None and "Ministry" in name[row["speaker_org_id"]]


def test_a_dateline_is_not_a_speaker(nlp):
    body = ("Border talks open\n\nNAIROBI: Kenyan President Samuel Otieno on Tuesday opened talks "
            "on the border dispute.\n\nEthiopia said it was ready to share intelligence with Nairobi."
            "\n\nWALLACE: Do you expect a deal this year?")
    rows, name = analyze(nlp, body)
    assert not with_content(rows, "Kenyan President Samuel Otieno on Tuesday opened")
    turn = with_content(rows, "Do you expect a deal")  # a transcript turn still is one
    assert turn and name[turn[0]["speaker_id"]] == "WALLACE"


# ------------------------------------------------------------------ acts between actors

def pairs(rows, name, kind="action"):
    return {(name[r["speaker_id"]], name[r["target_id"]] if r["target_id"] else None)
            for r in rows if r["kind"] == kind}


def test_action_with_target_and_stance(nlp):
    rows, name = analyze(nlp, "Joe Biden criticised Vladimir Putin on Monday.")
    assert ("Joe Biden", "Vladimir Putin") in pairs(rows, name)
    row = next(r for r in rows if r["kind"] == "action")
    assert row["cue"] in ("criticise", "criticize")
    assert row["stance"] == "oppose"


def test_passive_action_swaps_speaker_and_target(nlp):
    rows, name = analyze(nlp, "Angela Merkel was praised by Joe Biden for her leadership.")
    assert ("Joe Biden", "Angela Merkel") in pairs(rows, name)


def test_mutual_acts_go_both_ways(nlp):
    rows, name = analyze(nlp, "Joe Biden held talks with Angela Merkel in Berlin on Friday.")
    found = pairs(rows, name)
    assert ("Joe Biden", "Angela Merkel") in found and ("Angela Merkel", "Joe Biden") in found


def test_reverse_row_of_a_mutual_act_keeps_the_acts_stance(nlp):
    body = ("Kenyan President Samuel Otieno held talks with Ethiopian Prime Minister Dawit Alemu in "
            "Addis Ababa, where the two leaders agreed to step up joint patrols.")
    rows, name = analyze(nlp, body)
    talks = [r for r in rows if r["kind"] == "action" and r["cue"] == "hold"]
    assert {(name[r["speaker_id"]], name[r["target_id"]]) for r in talks} == {
        ("Samuel Otieno", "Dawit Alemu"), ("Dawit Alemu", "Samuel Otieno")}
    forward, back = sorted(talks, key=lambda r: name[r["speaker_id"]] != "Samuel Otieno")
    assert (back["stance"], back["stance_score"]) == (forward["stance"], forward["stance_score"])
    assert back["stance_cue"] == forward["stance_cue"] + "+mutual"


def test_it_as_the_object_of_an_act_is_a_thing_not_a_country(nlp):
    body = ("Argentina backed the trade pact on Monday. German Chancellor Olaf Scholz said Germany "
            "would keep working with Brazil to finalize it.")
    rows, name = analyze(nlp, body)
    finalize = [r for r in rows if r["cue"] == "finalize"]
    assert all(r["target_id"] is None or name[r["target_id"]] != "Argentina" for r in finalize)
    assert ("Germany", "Brazil") in pairs(rows, name)


def test_brussels_acting_is_the_european_union(nlp):
    rows, name = analyze(nlp, "Javier Milei urged Brussels to sign the trade pact quickly.")
    row = with_content(rows, "sign the trade pact")[0]
    assert name[row["target_id"]] == "European Union"


def test_the_object_of_accuse_of_and_thank_for_does_the_reported_act(nlp):
    body = "Serbia accused Kosovo of attacking Serbs. Serbia thanked Hungary for supporting Belgrade."
    rows, name = analyze(nlp, body)
    acts = {(name[r["speaker_id"]], r["cue"]) for r in rows if r["kind"] == "action"}
    assert ("Kosovo", "attack") in acts and ("Hungary", "support") in acts
    assert ("Serbia", "attack") not in acts and ("Serbia", "support") not in acts


def test_object_pronoun_of_an_act_is_the_person_named_in_its_sentence(nlp):
    body = ("Zabihullah Mujahid said Afghanistan did not allow anyone to use its soil.\n\n"
            "Prime Minister Shehbaz Sharif met Ambassador Jiang Zaidong and assured him of "
            "security for workers. The ambassador appreciated Pakistan's efforts.")
    rows, name = analyze(nlp, body)
    assured = next(r for r in rows if r["cue"] == "assure")
    assert name[assured["target_id"]] == "Jiang Zaidong" and assured["stance"] == "support"
    appreciated = next(r for r in rows if r["cue"] == "appreciate")
    assert (name[appreciated["speaker_id"]], name[appreciated["target_id"]]) == (
        "Jiang Zaidong", "Pakistan")


def test_own_state_as_subject_of_the_report_acts_for_the_speaker(nlp):
    body = ("Russian Foreign Ministry spokeswoman Maria Zakharova said Moscow stood by its Serbian "
            "partners. Aleksandar Vucic, the president of Serbia, said Serbia would never "
            "recognise Kosovo.")
    rows, name = analyze(nlp, body)
    by_pair = {(name[r["speaker_id"]], name[r["target_id"]]): r for r in rows if r["target_id"]}
    assert by_pair[("Maria Zakharova", "Serbia")]["stance_cue"].startswith("rule:stand")
    assert by_pair[("Aleksandar Vucic", "Kosovo")]["stance_cue"].startswith("rule:recognise+neg")


def test_state_acting_for_its_department_speaker_stands_with_the_target(nlp):
    body = "The US State Department said Washington stood with the people of Pakistan."
    rows, name = analyze(nlp, body)
    row = next(r for r in rows if r["target_id"] and name[r["target_id"]] == "Pakistan")
    assert row["stance"] == "support"


def test_criticism_from_x_is_aimed_at_the_one_who_drew_it(nlp):
    body = ("Russia on Monday vetoed the resolution, drawing sharp criticism from Britain and "
            "the United States.")
    rows, name = analyze(nlp, body)
    found = pairs(rows, name)
    assert ("United Kingdom", "Russia") in found and ("United States", "Russia") in found
    assert ("United Kingdom", "United States") not in found
    row = next(r for r in rows if r["cue"] == "criticism")
    assert row["stance"] == "oppose"


def test_the_sidelines_of_a_summit_are_a_venue_not_a_party(nlp):
    body = ("Japanese Prime Minister Shigeru Ishiba and South Korean President Lee Jae-myung agreed "
            "to deepen cooperation. The two leaders met on the sidelines of the G20 summit.")
    rows, name = analyze(nlp, body)
    met = {(name[r["speaker_id"]], name[r["target_id"]]) for r in rows if r["cue"] == "meet"}
    assert met == {("Shigeru Ishiba", "Lee Jae-myung"), ("Lee Jae-myung", "Shigeru Ishiba")}


def test_coordinated_subjects_exchanging_barbs(nlp):
    rows, name = analyze(nlp, "Russia and Ukraine exchanged barbs over the grain deal.")
    found = pairs(rows, name)
    assert ("Russia", "Ukraine") in found and ("Ukraine", "Russia") in found


def test_statement_ids_are_deterministic_and_distinct(nlp):
    body = ('"We will not allow any neighbour to interfere in our affairs," Imran Khan said. '
            'Joe Biden held talks with Angela Merkel in Berlin on Friday.')
    first, _ = analyze(nlp, body)
    second, _ = analyze(nlp, body)
    assert sorted(r["statement_id"] for r in first) == sorted(r["statement_id"] for r in second)
    assert len({r["statement_id"] for r in first}) == len(first)


def test_raw_attributions_keep_unresolved_speakers(nlp):
    body = "Some analysts believe the deal will collapse before the end of the year."
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = [a for a in find_attributions(body, paragraphs) if a.kind == "indirect"]
    assert found and body[found[0].speakers[0].start:found[0].speakers[0].end] == "Some analysts"
    assert body[found[0].content_start:found[0].content_end].startswith("the deal will collapse")


def test_long_quote_keeps_its_most_prominent_targets(nlp):
    from dateline.statements import MAX_CONTENT_TARGETS
    body = ('"Norland must stop the raids, and Vestia should support us instead of hosting '
            'talks in Berlin or in Paris," Pedro Alvarez said.')
    rows, name = analyze(nlp, body)
    quote_rows = [r for r in rows if r["kind"] == "direct_quote"]
    assert quote_rows
    targets = {name[r["target_id"]] for r in quote_rows if r["target_id"]}
    assert 0 < len(targets) <= MAX_CONTENT_TARGETS
    assert not targets & {"Berlin", "Paris"}  # place phrases rank last


def test_quote_opened_inside_reported_speech_runs_to_its_end(nlp):
    body = ('Officials met on Monday. In her posting, Maria Lopez responded that she will '
            '“shortly be declaring an emergency in the area. This will allow us to act against '
            'Norland.” Others disagreed.')
    rows, name = analyze(nlp, body)
    lopez = [r for r in by_speaker(rows, name, "Lopez") if r["cue"] == "respond"]
    assert lopez and all(r["content"].endswith("act against Norland.") for r in lopez)


def test_name_the_entity_model_missed_is_still_the_speaker(nlp):
    from dateline.statements import _missed_mentions
    body = ('Maria Lopez visited Norland on Monday. Lopez said the talks had failed. '
            'Later, Lopez demanded that Norland “must immediately end the blockade.”')
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    actor_rows, _, spans = actor_resolution.resolve_actors("t", body, paragraphs)
    by_id = {row["actor_id"]: row for row in actor_rows}
    lopez = next(a for a, row in by_id.items() if row["name"] == "Maria Lopez")
    kept = [m for m in spans if not (m.actor_id == lopez and m.text == "Lopez")]
    added = _missed_mentions(paragraphs, kept, by_id, body)
    assert {(m.actor_id, body[m.start:m.end]) for m in added} == {(lopez, "Lopez")}
    assert len(added) == 2


@pytest.mark.parametrize("body,speaker,target", [
    ("Analysts noted Vestia's backing of Norland in the vote.", "Vestia", "Norland"),
    ("The clash between Maria Lopez and Pedro Alvarez shocked the delegates.", "Maria Lopez",
     "Pedro Alvarez"),
    ("The clash between Maria Lopez and Pedro Alvarez shocked the delegates.", "Pedro Alvarez",
     "Maria Lopez"),
    ("Norland's recent efforts to improve ties with Vestia could help the region.", "Norland",
     "Vestia"),
])
def test_nominal_relations_are_acts(nlp, body, speaker, target):
    rows, name = analyze(nlp, body)
    acts = [r for r in rows if r["kind"] == "action" and name[r["speaker_id"]] == speaker]
    assert any(r["target_id"] and name[r["target_id"]] == target for r in acts)


def test_straight_quote_that_lost_its_closing_mark_does_not_flip_the_rest(nlp):
    body = ('Maria Lopez told reporters that the union was strong. In the past, the union '
            '"was ruled by a broad and stable majority of parties, Lopez said. "Both of these '
            'coalitions are now broken." "The old parties still have a thin majority," she said.')
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    texts = [body[q.start:q.end] for q in find_quotes(body, paragraphs)]
    assert "Both of these coalitions are now broken." in texts
    assert "The old parties still have a thin majority," in texts or \
        "The old parties still have a thin majority" in texts


def test_nested_report_with_subject_on_the_auxiliary(nlp):
    body = ('The ministry said Mr Lopez had during the conversation underscored the urgent need '
            'to address the humanitarian needs of Norland.')
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = {(a.cue.lemma_, body[a.speakers[0].start:a.speakers[0].end])
             for a in find_attributions(body, paragraphs) if a.cue is not None}
    assert ("say", "The ministry") in found
    assert ("underscore", "Mr Lopez") in found


# ------------------------------------------------------------------ targets

def quote_targets(rows, name, speaker: str) -> set:
    return {name[r["target_id"]] if r["target_id"] else None
            for r in by_speaker(rows, name, speaker) if r["kind"] == "direct_quote"}


def test_addressee_between_two_quotes_is_not_a_target(nlp):
    body = ('"Our patience is running out," Maria Lopez told the Daily Courier. "The '
            'blockade must end this week."')
    rows, name = analyze(nlp, body)
    targets = quote_targets(rows, name, "Lopez")
    assert targets and not any(t and "Courier" in t for t in targets)


def test_the_military_in_a_quote_is_the_named_army(nlp):
    body = ('The Norland Army seized power in March.\n\n'
            '"The military has increased the violence against the protesters," Maria Lopez said.')
    rows, name = analyze(nlp, body)
    assert "Norland Army" in quote_targets(rows, name, "Lopez")


def test_a_leaders_administration_is_the_state_it_governs(nlp):
    body = ("U.S. President Pedro Alvarez visited Ottawa on Monday, his first trip abroad since the "
            "United States election. Maria Lopez, a Canadian lawmaker, said the Alvarez "
            "administration had broken its promises to farmers.")
    rows, name = analyze(nlp, body)
    targets = {name.get(r["target_id"]) for r in with_content(rows, "broken its promises")}
    assert targets == {"United States"}


def test_an_actor_named_to_describe_another_is_not_a_target(nlp):
    body = "Maria Lopez said Pedro Alvarez, a close ally of Norland, had broken the ceasefire."
    rows, name = analyze(nlp, body)
    targets = {name.get(r["target_id"]) for r in with_content(rows, "broken the ceasefire")}
    assert targets == {"Pedro Alvarez"}


@pytest.mark.parametrize("body, speaker", [
    ('"Pakistan expects the government in Kabul to stop the attacks on its border," '
     'the Pakistani military said in a statement.', "Pakistani military"),
    ("The Pakistani army said Pakistan expects Afghanistan to stop the attacks on its border.",
     "Pakistani army"),
])
def test_a_national_military_does_not_address_its_own_country(nlp, body, speaker):
    rows, name = analyze(nlp, body)
    rows = by_speaker(rows, name, speaker)
    assert rows and all(name.get(r["target_id"]) != "Pakistan" for r in rows)


@pytest.mark.parametrize("body, speaker", [
    ('A Norland foreign ministry spokesperson reaffirmed that Norland wants the journalist freed. '
     '"His detention is unjust," the spokesperson added in a statement.', "Norland"),
    ('The Norland Foreign Ministry said on Monday it would respond. "His detention is unjust," '
     'the spokesperson added.', "Norland Foreign Ministry"),
])
def test_the_spokesperson_speaks_for_the_body_named_before(nlp, body, speaker):
    rows, name = analyze(nlp, body)
    quoted = with_content(rows, "His detention is unjust")
    assert quoted and name[quoted[0]["speaker_id"]] == speaker


def test_members_with_no_antecedent_speak_for_the_body_that_spoke_before(nlp):
    body = ("The International Court of Justice ruled on Monday that the transfer of the islands "
            "was unlawful. The judges added that Britain must end its administration of the "
            "islands as soon as possible.")
    rows, name = analyze(nlp, body)
    added = with_content(rows, "must end its administration")
    assert added and name[added[0]["speaker_id"]] == "International Court of Justice"


def test_a_country_naming_a_post_is_not_addressed(nlp):
    body = ("Jane Roe said Tom Okafor had stolen public funds during his term as prime minister "
            "of Albania.")
    rows, name = analyze(nlp, body)
    assert {name.get(r["target_id"]) for r in by_speaker(rows, name, "Jane Roe")} == {"Tom Okafor"}


def test_the_countrys_leader_is_the_person_heading_that_country(nlp):
    body = ('U.S. President Jane Roe met the Norwegian prime minister on Monday. '
            'The U.S. leader said the newspaper "has no idea what it is doing or saying."')
    rows, name = analyze(nlp, body)
    said = with_content(rows, "has no idea")
    assert said and all(name[r["speaker_id"]] == "Jane Roe" for r in said)


def test_diplomats_from_a_named_body_speak_for_it(nlp):
    rows, name = analyze(nlp, "Top diplomats from the Group of Seven industrial democracies "
                              "urged Russia on Friday to accept the truce or face more sanctions.")
    rows = by_speaker(rows, name, "Group of Seven")
    assert rows and name.get(rows[0]["target_id"]) == "Russia"


@pytest.mark.parametrize("title, principal_is_target", [
    ("spokesman", False),  # a spokesperson speaks for Lopez, not to her
    ("adviser", True),
])
def test_a_spokesperson_does_not_address_the_one_they_speak_for(nlp, title, principal_is_target):
    body = (f'"The raids must stop," Lopez\' {title}, Pedro Alvarez, told reporters on Monday.\n\n'
            '"Maria Lopez will not meet the rebels," Alvarez added.')
    rows, name = analyze(nlp, body)
    targets = {name.get(r["target_id"]) for r in with_content(rows, "will not meet the rebels")}
    assert ("Maria Lopez" in targets) is principal_is_target


@pytest.mark.parametrize("content, target", [
    ("Chinese subsidies were hurting farmers", "China"),
    ("Chinese-Brazilian relations had never been better", None),  # a relation, not an addressee
])
def test_a_demonym_modifying_a_thing_names_its_country(nlp, content, target):
    body = f"China and Brazil held trade talks on Monday. Maria Lopez said {content}."
    rows, name = analyze(nlp, body)
    assert {name.get(r["target_id"]) for r in with_content(rows, content)} == {target}


@pytest.mark.parametrize("body, speaker, targets", [
    ("Maria Lopez met officials from Brazil, Chile and Peru on Monday.", "Maria Lopez",
     {"Brazil", "Chile", "Peru"}),
    ("Norland's government placed blame on the leaders of Brazil and Chile.", "Norland",
     {"Brazil", "Chile"}),
])
def test_an_act_on_coordinated_actors_targets_each(nlp, body, speaker, targets):
    rows, name = analyze(nlp, body)
    acts = [r for r in by_speaker(rows, name, speaker) if r["kind"] == "action"]
    assert {name[r["target_id"]] for r in acts if r["target_id"]} == targets


@pytest.mark.parametrize("body,content", [
    # a name before a region noun is a place, not a target
    ("Maria Lopez said the Sahel region had become the centre of the fighting.",
     "centre of the fighting"),
    # what a news outlet reports is stated as fact and addresses no one
    ("The Daily Courier reported that Brazil and Chile would back the new tariffs.",
     "would back the new tariffs"),
    # a government speaker does not target its own country
    ("Turkish Defense Minister Ayse Demir said on Monday that Turkey would have to look for other "
     "suppliers.", "look for other suppliers"),
])
def test_statements_that_address_no_actor(nlp, body, content):
    rows, _ = analyze(nlp, body)
    rows = with_content(rows, content)
    assert rows and all(r["target_id"] is None for r in rows)


@pytest.mark.parametrize("first, target", [
    ("Brazil must stop the raids on our villages", "Brazil"),
    ("We are pleased with the harvest", None),
])
def test_an_unframed_quote_continues_the_target_of_the_speakers_last_quote(nlp, first, target):
    body = f'"{first}," Maria Lopez said on Monday.\n\n"The attacks have gone on for far too long."'
    rows, name = analyze(nlp, body)
    rows = with_content(rows, "far too long")
    assert rows and {name.get(r["target_id"]) for r in rows} == {target}


def test_an_organisation_labelling_an_acts_object_is_not_its_target(nlp):
    body = ("Brazil requested World Trade Organization dispute consultations with Chile over its "
            "import duties.")
    rows, name = analyze(nlp, body)
    acts = [r for r in by_speaker(rows, name, "Brazil") if r["kind"] == "action"]
    assert acts and {name.get(r["target_id"]) for r in acts} == {"Chile"}


# ------------------------------------------------------------------ speakers

@pytest.mark.parametrize("body, content, speaker", [
    pytest.param(("Norland's permanent representative to the United Nations, Maria Lopez, said Vestia "
                  "was failing to stop the smugglers."),
                 "failing to stop the smugglers", "Maria Lopez",
                 id="title_with_a_person_in_apposition_is_the_person"),
    pytest.param(('Maria Lopez, the Norland envoy, met the committee on Monday. "Vestia must stop the '
                  'smugglers now," the Norland envoy said.'),
                 "Vestia must stop the smugglers", "Maria Lopez",
                 id="definite_title_refers_back_to_the_person_not_the_country"),
    pytest.param(('Foreign ministry spokesperson Pedro Alvarez said on Monday that talks would resume. '
                  '"Vestia must stop the raids at once," the Norland foreign ministry spokesperson said.'),
                 "Vestia must stop the raids", "Pedro Alvarez",
                 id="the_ministry_spokesperson_named_before_is_the_person"),
    pytest.param('"The raids on the border must stop," Lopez\' spokesman, Pedro Alvarez, told reporters.',
                 "raids on the border", "Pedro Alvarez",
                 id="named_spokesman_in_apposition_speaks_not_the_principal"),
    pytest.param(("Pedro Alvarez's plan has won support in Norland, according to Maria Lopez, the "
                  "lawyer leading the campaign. She told reporters she hopes Vestia will back the plan."),
                 "hopes Vestia will back", "Maria Lopez",
                 id="pronoun_speaker_after_according_to_is_that_source"),
    pytest.param(('"The talks went well. A real breakthrough at last," said Maria Lopez, a senior '
                  'adviser to the council.'),
                 "A real breakthrough at last", "Maria Lopez",
                 id="inverted_frame_speaker_is_not_taken_from_inside_the_quote"),
    pytest.param(("French President Emmanuel Macron said he shared the goal of protecting forests.\n\n"
                  "Argentina's president, Javier Milei, took a different view. He accused France of "
                  "hiding behind environmental concerns."),
                 "accused France of hiding", "Javier Milei",
                 id="new_main_subject_before_pronoun"),
    pytest.param(("French President Emmanuel Macron said Javier Milei had agreed to the plan. "
                  "He added that talks would resume in May."),
                 "talks would resume in May", "Emmanuel Macron",
                 id="subject_inside_report_is_not_last_speaker"),
    pytest.param(("According to a spokesperson for the African Union, the bloc backs the border accord.\n\n"
                  "State Department spokesman Peter Holm said Washington was ready to help."),
                 "the bloc backs the border accord", "African Union",
                 id="indefinite_spokesperson_is_the_body"),
    pytest.param(("Ethiopian Prime Minister Abiy Ahmed met Kenyan President Samuel Otieno on Tuesday.\n\n"
                  "Abiy welcomed the Kenyan initiative and said Ethiopia was ready to share intelligence."),
                 "Ethiopia was ready to share intelligence", "Abiy Ahmed",
                 id="given_name_alone"),
    pytest.param(("Russia's deputy U.N. ambassador, Dmitry Polyanskiy, defended the decision, saying the "
                  "draft interfered in Sudan's internal affairs.\n\n"
                  "U.S. Ambassador Linda Thomas-Greenfield said Washington was disappointed."),
                 "the draft interfered", "Dmitry Polyanskiy",
                 id="apposed_name_tagged_org"),
    pytest.param(("Russia's deputy ambassador defended the decision, saying the draft interfered in "
                  "Sudan's internal affairs.\n\n"
                  "U.S. Ambassador Linda Thomas-Greenfield said Washington was disappointed."),
                 "the draft interfered", "Russia",
                 id="title_of_another_country"),
    pytest.param(("Recep Tayyip Erdogan accused Israel of committing war crimes in Gaza and called on "
                  "Western countries to stop supporting the Israeli government."),
                 "Western countries to stop supporting", "Recep Tayyip Erdogan",
                 id="verb_coordinated_after_accused_of"),
])
def test_speaker_phrase_resolves_to_the_actor(nlp, body, content, speaker):
    rows, name = analyze(nlp, body)
    row = with_content(rows, content)[0]
    assert name[row["speaker_id"]] == speaker


def test_the_military_is_not_a_named_armed_group(nlp):
    body = ("The Norland Liberation Army attacked a convoy on Monday. The military said the "
            "attackers had fled across the river.")
    rows, name = analyze(nlp, body)
    assert not with_content(rows, "attackers had fled")


def test_plural_title_is_not_one_person(nlp):
    body = ("Maria Lopez, the party leader, spoke on Monday. The leaders of Norland and Vestia "
            "said the border would reopen next week.")
    rows, name = analyze(nlp, body)
    assert not any(name[r["speaker_id"]] == "Maria Lopez"
                   for r in with_content(rows, "border would reopen"))


def test_they_after_coordinated_names_is_every_name(nlp):
    body = ('Three senators, Maria Lopez, Pedro Alvarez and Jane Doe, wrote to the minister on '
            'Monday. "We are deeply concerned about the blockade," they wrote in the letter.')
    rows, name = analyze(nlp, body)
    speakers = {name[r["speaker_id"]] for r in with_content(rows, "deeply concerned")}
    assert speakers == {"Maria Lopez", "Pedro Alvarez", "Jane Doe"}


def test_the_venue_of_an_act_is_not_its_target(nlp):
    body = "Speaking at a Norland Institute event, Maria Lopez criticised Pedro Alvarez."
    rows, name = analyze(nlp, body)
    found = pairs(rows, name)
    assert not any(target and "Institute" in target for _, target in found)


def test_unnamed_spokesman_speaks_for_the_organisation(nlp):
    body = '"The raids on the border must stop," a Norland Foreign Ministry spokesman said.'
    rows, name = analyze(nlp, body)
    row = with_content(rows, "raids on the border")[0]
    assert "Ministry" in name[row["speaker_id"]]


def test_subject_before_a_quoted_phrase_still_speaks(nlp):
    body = ('Maria Lopez called the vote "a farce" and said Vestia had rigged the count.')
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = [a for a in find_attributions(body, paragraphs) if a.kind == "indirect"]
    assert any(body[s.start:s.end] == "Maria Lopez" for a in found for s in a.speakers)


def test_speaker_phrase_of_a_relative_clause_runs_to_the_pronoun(nlp):
    body = "Officials met Maria Lopez, who said the border would reopen next week."
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    found = [a for a in find_attributions(body, paragraphs) if a.kind == "indirect"]
    assert found and body[found[0].speakers[0].start:found[0].speakers[0].end] == \
        "Maria Lopez, who"
    rows, name = analyze(nlp, body)
    row = with_content(rows, "border would reopen")[0]
    assert name[row["speaker_id"]] == "Maria Lopez"


def test_lower_case_title_tagged_as_a_name_is_still_a_common_noun(nlp):
    from dateline.statements import _is_bare_reference
    doc = nlp("I'm very encouraged. I think the president now has decided to lift the freeze.")
    president = next(t for t in doc if t.lower_ == "president")
    assert _is_bare_reference(president)
    assert not _is_bare_reference(nlp("Pedro Alvarez spoke.")[0])


def test_leaders_of_two_countries_speak_for_both(nlp):
    body = "The leaders of Norland and Vestia said they would no longer recognize Pedro Alvarez."
    rows, name = analyze(nlp, body)
    speakers = {name[r["speaker_id"]] for r in with_content(rows, "no longer recognize")
                if r["kind"] == "indirect"}
    assert speakers == {"Norland", "Vestia"}


def test_the_one_called_on_is_the_target(nlp):
    body = ('China rejected the plan on Monday. Maria Lopez called on China "to engage in talks '
            'and end the raids on the border."')
    rows, name = analyze(nlp, body)
    rows = [r for r in by_speaker(rows, name, "Lopez") if "engage in talks" in r["content"]]
    assert rows and {name[r["target_id"]] for r in rows if r["target_id"]} == {"China"}


@pytest.mark.parametrize("body,speaks", [
    ("Norland rejected the plan on Monday. A joint statement from the site of their talks in "
     "Norland said the ceasefire would hold.", False),
    ("Norland rejected the plan on Monday. Officials in Norland said the ceasefire would hold.",
     True),
])
def test_a_place_deep_in_the_speaker_phrase_does_not_speak(nlp, body, speaks):
    rows, name = analyze(nlp, body)
    assert bool(with_content(rows, "ceasefire would hold")) == speaks


# ================================================================== attribution spans (wt-attr)
# Shapes added for issue #4: parenthetical speech verbs, coercive and legal acts, act nouns whose
# object is the target, chained conjunct speakers, non-actor objects.

def attributions(nlp, body: str) -> tuple[str, list]:
    """Body and raw attributions of one text."""
    _, body, paragraphs = next(parse_bodies(nlp, [("t", body)]))
    return body, find_attributions(body, paragraphs)


def spoken(body: str, found: list, cue: str) -> list[tuple[str, list[str]]]:
    """(content, speaker phrases) of the attributions whose cue has this lemma."""
    return [(body[a.content_start:a.content_end], [body[s.start:s.end] for s in a.speakers])
            for a in found if a.cue is not None and a.cue.lemma_ == cue]


@pytest.mark.parametrize("body, cue, content, speaker", [
    ("The new bridge, the mayor said, would help poor families in the city.", "say",
     "The new bridge, the mayor said, would help poor families in the city", "the mayor"),
    ("Even if the plan fails, she argued, the town has already gained a great deal.", "argue",
     "Even if the plan fails, she argued, the town has already gained a great deal", "she"),
    ("As many experts have noted, the governor is free to publish his tax records.", "note",
     "the governor is free to publish his tax records", "many experts"),
])
def test_parenthetical_speech_verb_frames_its_clause(nlp, body, cue, content, speaker):
    body, found = attributions(nlp, body)
    assert (content, [speaker]) in spoken(body, found, cue)


def test_parenthetical_you_know_is_not_a_statement(nlp):
    body, found = attributions(nlp, "The harbour is quiet, you know, and the boats are old.")
    assert spoken(body, found, "know") == []


@pytest.mark.parametrize("body, speaker, target", [
    ("Westland imposed new sanctions on Victor Kraal last week.", "Westland", "Victor Kraal"),
    ("Prosecutor Anna Berg ordered the arrest of Victor Kraal and his aides.", "Anna Berg",
     "Victor Kraal"),
    ("Westland expelled the Norland ambassador on Monday.", "Westland", "Norland"),
    ("Norland, Westland and Eastia withdrew from the Southern Union in May.", "Eastia",
     "Southern Union"),
])
def test_coercive_and_legal_acts_name_their_target(nlp, body, speaker, target):
    rows, name = analyze(nlp, body)
    acts = [r for r in rows if r["kind"] == "action" and speaker in name[r["speaker_id"]]]
    assert any(r["target_id"] and target in name[r["target_id"]] for r in acts)


def test_date_is_not_the_object_of_an_act(nlp):
    _, found = attributions(nlp, "Maria Lopez spoke on Monday.")
    assert [a for a in found if a.kind == "action"] == []


@pytest.mark.parametrize("body, cue, content, speaker", [
    (("Minister Anna Berg issued a statement Tuesday saying the council was deeply troubled "
      "by the vote."), "say", "the council was deeply troubled by the vote", "Minister Anna Berg"),
    (("“The beating of peaceful students is utterly unacceptable,” the minister’s spokesman, "
      "Paul Ardent, told reporters."), "tell",
     "The beating of peaceful students is utterly unacceptable",
     "the minister’s spokesman, Paul Ardent"),
    ("The ministry called Lopez's claims \"baseless\" in a statement on Friday.", "call",
     "called Lopez's claims \"baseless\" in a statement on Friday", "The ministry"),
    ("Lopez has repeatedly cited the audit as the reason he is not publishing his records.",
     "cite", "cited the audit as the reason he is not publishing his records", "Lopez"),
    ("A new poll of farmers shows that most of them want lower fuel taxes.", "show",
     "most of them want lower fuel taxes", "A new poll of farmers"),
])
def test_message_authors_naming_verbs_and_findings(nlp, body, cue, content, speaker):
    body, found = attributions(nlp, body)
    assert (content, [speaker]) in spoken(body, found, cue)


def test_a_named_spokesman_is_the_speaker(nlp):
    rows, name = analyze(nlp, "“The beating of peaceful students is utterly unacceptable,” the "
                              "minister’s spokesman, Paul Ardent, told reporters.")
    assert {name[r["speaker_id"]] for r in rows if r["kind"] == "direct_quote"} == {"Paul Ardent"}


def test_finding_a_thing_is_not_a_statement(nlp):
    body, found = attributions(nlp, "Police found the stolen car near the river on Sunday.")
    assert spoken(body, found, "find") == []


def test_quote_signed_with_a_dash_and_a_name(nlp):
    body = ("“The new mayor has no plan for the schools. He only talks.” ― Carla Mendez\n\n"
            "“The debate showed who he really is. We deserve better.” ― Tom Okafor")
    body, found = attributions(nlp, body)
    signed = {body[a.content_start:a.content_end]: [body[s.start:s.end] for s in a.speakers]
              for a in found if a.kind == "direct_quote"}
    assert signed["The new mayor has no plan for the schools. He only talks."] == ["Carla Mendez"]
    assert signed["The debate showed who he really is. We deserve better."] == ["Tom Okafor"]


@pytest.mark.parametrize("body, cue, content", [
    ("Senator Maria Lopez praised the mayor and his staff for their calm handling of the flood.",
     "praise", "praised the mayor and his staff for their calm handling of the flood"),
    ("City officials have rejected accusations that the tender was rigged.", "reject",
     "rejected accusations that the tender was rigged"),
    ("The analyst Tom Okafor expressed deep concerns about the cost of the bridge.", "express",
     "expressed deep concerns about the cost of the bridge"),
])
def test_nominal_complement_keeps_its_verb(nlp, body, cue, content):
    body, found = attributions(nlp, body)
    assert content in [c for c, _ in spoken(body, found, cue)]


def test_clausal_complement_starts_after_its_verb(nlp):
    body, found = attributions(nlp, "Maria Lopez said that the bridge would open in May.")
    assert [c for c, _ in spoken(body, found, "say")] == ["the bridge would open in May"]


@pytest.mark.parametrize("body, speaker, target", [
    ("President Anna Berg ramped up her trade war with Victor Kraal on Tuesday.", "Anna Berg",
     "Victor Kraal"),
    ("Westland has sought to finalize the agreement with Victor Kraal since May.", "Westland",
     "Victor Kraal"),
])
def test_act_noun_object_carries_the_target(nlp, body, speaker, target):
    rows, name = analyze(nlp, body)
    acts = [r for r in rows if r["kind"] == "action" and speaker in name[r["speaker_id"]]]
    assert any(r["target_id"] and target in name[r["target_id"]] for r in acts)


@pytest.mark.parametrize("body", [
    "Speaking at the Westland Institute on Monday, Maria Lopez smiled.",
    "Maria Lopez read a statement from the Norland Ministry of Trade.",
    "Reporters doubted Victor Kraal's assertions.",
])
def test_place_of_a_speech_and_empty_message_nouns_are_not_statements(nlp, body):
    body, found = attributions(nlp, body)
    assert [a for a in found if a.kind == "action" and a.cue.lemma_ == "speak"] == []
    assert [a for a in found if a.cue is not None and a.cue.lemma_ in ("statement", "assertion")] == []


def test_fired_at_names_the_target(nlp):
    _, found = attributions(nlp, "Westland troops fired at Victor Kraal's convoy near the border.")
    assert any(a.cue.lemma_ == "fire" and a.objects for a in found if a.kind == "action")


def test_speaking_to_someone_as_a_setting_is_not_an_act(nlp):
    body, found = attributions(nlp, "Speaking to Norland lawmakers on Monday, Maria Lopez said "
                                    "the bridge would open in May.")
    assert [a for a in found if a.kind == "action" and a.cue.lemma_ == "speak"] == []
    assert spoken(body, found, "say")


def test_named_owner_of_the_thing_acted_on_is_an_object(nlp):
    body, found = attributions(nlp, "President Adams blocked the Norlandian sale of the jets.")
    acts = [a for a in found if a.kind == "action" and a.cue.lemma_ == "block"]
    assert acts and "Norlandian" in [body[o.start:o.end] for o in acts[0].objects]


def test_doubled_apostrophe_quotes_are_speech(nlp):
    body = ("''This is not reform,'' said Tom Okafor, an economist at the budget office. "
            "''It is more paperwork for farmers.''")
    body, found = attributions(nlp, body)
    quotes = [a for a in found if a.kind == "direct_quote"]
    assert len(quotes) == 1
    assert body[quotes[0].content_start:quotes[0].content_end].startswith("This is not reform")
    assert body[quotes[0].content_start:quotes[0].content_end].endswith("more paperwork for farmers.")


def test_short_quote_handed_to_a_speech_frame_is_a_direct_quote(nlp):
    body, found = attributions(nlp, "“It’s finished,” Maria Lopez said. “In my head, anyway.”")
    quotes = [a for a in found if a.kind == "direct_quote" and a.cue is not None]
    assert quotes and body[quotes[0].content_start:].startswith("It’s finished")
    assert [a for a in found if a.kind == "indirect"] == []


@pytest.mark.parametrize("body, speaker", [
    (("\"I don't know how long you can rely on cheap loans, which are pretty risky,\" said "
      "finance expert Lena Hart of Eastport University, pointing out the city's debts."),
     "Lena Hart"),
    (("“The beating of peaceful students is utterly unacceptable,” the minister’s spokesman, "
      "Paul Ardent, told reporters."), "Paul Ardent"),
])
def test_quote_frame_speaker_is_found(nlp, body, speaker):
    body, found = attributions(nlp, body)
    quotes = [a for a in found if a.kind == "direct_quote"]
    assert quotes and any(speaker in body[s.start:s.end] for s in quotes[0].speakers)


def test_quote_speaker_is_never_inside_the_quote(nlp):
    body = ("\"One or two items with one trading partner — I'm not sure why that's a big deal "
            "for the markets,\" he said.")
    body, found = attributions(nlp, body)
    quotes = [a for a in found if a.kind == "direct_quote"]
    assert quotes and all(not body[s.start:s.end].startswith(("\"", "One")) for s in quotes[0].speakers)


def test_name_right_before_a_bare_speech_verb_is_its_speaker(nlp):
    body = ("In an interview Thursday with the Westland Service, Kraal's lawyer, Anto Berić, said "
            "Kraal does not recognize either the court or the prosecutor's office.")
    body, found = attributions(nlp, body)
    assert any(speakers == ["Anto Berić"] for _, speakers in spoken(body, found, "say"))


def test_calling_on_someone_to_act_keeps_the_addressee_and_its_subject(nlp):
    body = ("Senators Anna Berg and Tom Okafor joined other members of Congress in calling on "
            "Secretary of State Victor Kraal to prevent further decline in Westland.")
    body, found = attributions(nlp, body)
    calls = spoken(body, found, "call")
    assert ("on Secretary of State Victor Kraal to prevent further decline in Westland",
            ["Senators Anna Berg", "Tom Okafor"]) in calls


def test_seeing_something_as_and_light_verb_acts(nlp):
    body, found = attributions(nlp, "Okafor sees the move as reflecting new priorities for "
                                    "Westland under President Anna Berg.")
    assert [c for c, _ in spoken(body, found, "see")] == [
        "sees the move as reflecting new priorities for Westland under President Anna Berg"]
    body, found = attributions(nlp, "The government placed blame on the leaders of Norland.")
    assert [a for a in found if a.kind == "action" and a.cue.lemma_ == "place"]


def test_transcript_turns_are_quotes_of_their_speakers(nlp):
    body = ('"SMITH: Let us start with the news on the budget story. Why would the mayor do that?'
            '\n\n"JONES: Well, look, the mayor thinks this is a game show. But this is serious.'
            '\n\n"SMITH: Do you really see those two plans as equal?')
    body, found = attributions(nlp, body)
    turns = [(body[a.speakers[0].start:a.speakers[0].end], body[a.content_start:a.content_end])
             for a in found if a.kind == "direct_quote"]
    assert turns == [
        ("SMITH", "Let us start with the news on the budget story. Why would the mayor do that?"),
        ("JONES", "Well, look, the mayor thinks this is a game show. But this is serious."),
        ("SMITH", "Do you really see those two plans as equal?")]


def test_warning_of_consequences_keeps_its_condition(nlp):
    body, found = attributions(nlp, "Westland, too, is warning Norland of severe consequences if "
                                    "it has to turn to Eastia to meet its needs.")
    assert ("warning Norland of severe consequences if it has to turn to Eastia to meet its needs",
            ["Westland"]) in spoken(body, found, "warn")


def test_named_modifier_is_the_author_of_a_relation_noun(nlp):
    body, found = attributions(nlp, "New U.S. sanctions against Norland took effect.")
    acts = [a for a in found if a.kind == "action" and a.cue.lower_ == "sanctions"]
    assert acts and [body[s.start:s.end] for s in acts[0].speakers] == ["U.S."]
    assert [body[o.start:o.end] for o in acts[0].objects] == ["Norland"]


def test_topic_of_a_meeting_and_a_referred_name_are_not_counterparts(nlp):
    _, found = attributions(nlp, "Norland spoke at a Southern Union meeting on Eastia.")
    assert [a for a in found if a.kind == "action" and a.cue.lower_ == "meeting"] == []
    _, found = attributions(nlp, "\"The talks must go on,\" Lopez said, referring to Victor Kraal.")
    assert [a for a in found if a.kind == "action" and a.cue.lemma_ == "refer"] == []


def test_along_with_adds_a_fellow_actor(nlp):
    body, found = attributions(nlp, "Norland, along with Eastia, faced off against Westland in the war.")
    acts = [a for a in found if a.kind == "action" and a.cue.lemma_ == "face"]
    assert acts and [body[s.start:s.end] for s in acts[0].speakers] == ["Norland", "Eastia"]


def test_a_known_surname_the_tagger_reads_as_a_noun_still_speaks(nlp):
    body = ("President Donald Trump criticised the budget on Monday. “We cannot accept cuts of "
            "this size,” Trump declared.")  # the tagger reads this 'Trump' as a common noun
    rows, name = analyze(nlp, body)
    quotes = [r for r in rows if r["kind"] == "direct_quote"]
    assert quotes and {name[r["speaker_id"]] for r in quotes} == {"Donald Trump"}


# ------------------------------------------------------------------ round 2: untargeted acts, ...

def test_coercive_act_without_an_actor_object_is_a_statement(nlp):
    rows, name = analyze(nlp, "The Norland junta imposed martial law on three districts on Monday.")
    acts = [r for r in rows if r["kind"] == "action" and r["cue"] == "impose"]
    assert acts and acts[0]["target_id"] is None


def test_intended_act_without_an_actor_object_is_not_a_statement(nlp):
    rows, _ = analyze(nlp, "Victor Kraal said he would impose martial law on three districts.")
    assert [r for r in rows if r["kind"] == "action" and r["cue"] == "impose"] == []


def test_the_two_leaders_are_the_coordinated_pair_named_before(nlp):
    body = ("Talks between Norland President Victor Kraal and Eastian President Anna Lopez ended "
            "on Monday. A week later the two leaders publicly clashed over the border.")
    rows, name = analyze(nlp, body)
    acts = {(name[r["speaker_id"]], name[r["target_id"]]) for r in rows
            if r["kind"] == "action" and r["cue"] == "clash" and r["target_id"]}
    assert acts == {("Victor Kraal", "Anna Lopez"), ("Anna Lopez", "Victor Kraal")}


def test_a_second_cue_in_a_split_quote_frame_keeps_its_own_quote(nlp):
    body, found = attributions(nlp, '"We will not pay for the new road," Anna Lopez said, adding '
                                    'later, "The budget for this year is already closed."')
    quotes = [(body[a.content_start:a.content_end], a.cue.lemma_) for a in found
              if a.kind == "direct_quote"]
    assert quotes == [("We will not pay for the new road", "say"),
                      ("The budget for this year is already closed.", "add")]


def test_a_want_or_plan_with_a_clause_is_a_reported_view(nlp):
    body, found = attributions(nlp, "Norland has long wanted to rebuild its ties with Eastia.")
    assert ("Norland has long wanted to rebuild its ties with Eastia", ["Norland"]) in spoken(
        body, found, "want")  # a named actor's aim keeps its actor
    _, found = attributions(nlp, "Eastia criticised Norland for refusing to pay the debt.")
    assert spoken(body, found, "refuse") == []


def test_a_quotation_opening_at_the_cue_keeps_the_subject_before_it(nlp):
    body, found = attributions(nlp, "The office said that Victor Kraal had during the call "
                                    "“stressed the urgent need to open the border crossings,” "
                                    "and thanked the donors.")
    stressed = spoken(body, found, "stress")
    assert stressed and stressed[0][1] == ["Victor Kraal"]
    assert stressed[0][0].startswith("stressed the urgent need")


def test_a_secondary_target_row_that_repeats_a_recorded_relation_is_dropped():
    def row(sid, target, stance="oppose"):
        return {"statement_id": sid, "speaker_id": "kraal", "target_id": target, "stance": stance}

    rows = {"a": row("a", "eastia"), "b": row("b", "eastia"), "c": row("c", "westland"),
            "d": row("d", "eastia", "support"), "e": row("e", "southia"), "f": row("f", "southia")}
    kept = _without_repeated_secondary(rows, secondary={"b", "c", "d", "e", "f"})
    assert [r["statement_id"] for r in kept] == ["a", "c", "d", "e"]


def test_a_headline_opened_by_a_short_capitalised_source_and_a_colon_is_a_quote(nlp):
    body, found = attributions(nlp, "Norland Mayor: New Bridge Will Open Before Winter\n\n"
                                    "The city council met on Monday.")
    turns = [(body[a.content_start:a.content_end], [body[s.start:s.end] for s in a.speakers])
             for a in found if a.cue is not None and a.cue.text == ":"]
    assert turns == [("New Bridge Will Open Before Winter", ["Norland Mayor"])]


def test_a_pronoun_acting_in_a_clause_reported_by_named_speakers_is_those_speakers(nlp):
    rows, name = analyze(nlp, "Westland criticised the plan on Monday. They will no longer "
                              "recognise Jane Roe as mayor, the leaders of Kraal and Ostia said.")
    acts = pairs(rows, name)
    assert ("Kraal", "Jane Roe") in acts and ("Ostia", "Jane Roe") in acts
    assert ("Westland", "Jane Roe") not in acts


def test_a_pronoun_of_the_wrong_number_keeps_its_own_referent(nlp):
    body, found = attributions(nlp, "He will recognise Jane Roe as mayor, the leaders of Kraal "
                                    "and Ostia said.")
    act = next(a for a in found if a.kind == "action")
    assert [body[s.start:s.end] for s in act.speakers] == ["He"]


def test_refusing_or_prohibiting_someone_is_an_act(nlp):
    body, found = attributions(nlp, "Officials said the Kraal authorities had prohibited Jane Roe "
                                    "from entering the country.")
    act = next(a for a in found if a.kind == "action")
    assert act.cue.lemma_ == "prohibit"
    assert [body[s.start:s.end] for s in act.objects] == ["Jane Roe"]


def test_a_headline_chief_is_the_first_leading_person_of_the_body(nlp):
    rows, name = analyze(nlp, "NATO Chief: The Floods Are 'A Grave Danger'\n\n"
                              "NATO Secretary-General John Doe said on Monday that the floods "
                              "were a grave danger to the region.")
    headline = [r for r in rows if r["kind"] == "direct_quote" and r["cue"] == ":"]
    assert headline and name[headline[0]["speaker_id"]] == "John Doe"


def test_the_same_plural_noun_refers_back_to_the_group_it_named(nlp):
    rows, name = analyze(nlp, "Top diplomats from the Kraal Union met in Ostia on Friday. "
                              "\u201cWe will not accept any delay to the elections,\u201d the "
                              "diplomats said in a statement.")
    quote = next(r for r in rows if r["kind"] == "direct_quote")
    assert name[quote["speaker_id"]] == "Kraal Union"


@pytest.mark.parametrize("body, content", [
    ("Officials urged Westland to release Jane Roe, who has not been charged with any crime.",
     "Westland to release Jane Roe"),
    ("John Doe said he expects Jane Roe to recover from her illness, which forced her to "
     "leave the summit early.", "he expects Jane Roe to recover from her illness"),
    ("John Doe said the talks would resume in May, signalling a thaw between the two "
     "neighbours.", "the talks would resume in May"),
])
def test_a_reported_content_ends_before_a_closing_aside(nlp, body, content):
    body, found = attributions(nlp, body)
    assert content in [body[a.content_start:a.content_end] for a in found]


def test_a_finding_shown_by_a_poll_is_its_content(nlp):
    body, found = attributions(nlp, "A new poll by the Kraal Institute shows a close contest in "
                                    "the northern provinces.")
    assert ("shows a close contest in the northern provinces", ["A new poll"]) \
        in spoken(body, found, "show")


def test_a_relative_speaker_phrase_runs_to_its_pronoun_through_a_want(nlp):
    body, found = attributions(nlp, "It angered farmers who want to see the tariffs lifted "
                                    "before the harvest.")
    assert any(speakers == ["farmers who"] for _, speakers in spoken(body, found, "want"))


def test_a_statement_nested_in_a_longer_one_of_the_same_speaker_and_target_is_dropped():
    def row(sid, start, end, target="eastia", kind="indirect", speaker="kraal"):
        return {"statement_id": sid, "speaker_id": speaker, "target_id": target, "kind": kind,
                "stance": "neutral", "content_start": start, "content_end": end}

    rows = [row("outer", 0, 50), row("inner", 10, 40), row("other-target", 10, 40, "westland"),
            row("other-speaker", 10, 40, speaker="ostia"), row("act", 12, 30, kind="action"),
            row("act-outer", 0, 60, kind="action")]
    kept = [r["statement_id"] for r in _without_nested_repeats(rows)]
    assert kept == ["outer", "other-target", "other-speaker", "act-outer"]


@pytest.mark.parametrize("body, kinds", [
    # the reported act is its own row, as before the row content showed speaker and cue
    ("Donald Trump said he is pressuring Canada to curb the flow of drugs across the border.",
     ["action", "indirect"]),
    # an act named in the speaker phrase is no part of what was said: it stays
    ("Jane Roe, who criticized Canada last week, said on Monday that Canada must stop the flow "
     "of drugs.", ["action", "indirect"]),
])
def test_nesting_reads_what_was_said_not_the_widened_row(nlp, body, kinds):
    rows, name = analyze(nlp, body)
    assert sorted(r["kind"] for r in rows) == kinds


def test_a_signature_dash_glued_to_the_closing_mark_still_signs_the_quote(nlp):
    body = ("“The new mayor has no plan for the schools. He only talks.”― Carla Mendez\n\n"
            "“The debate showed who he really is. We deserve better.” ― Tom Okafor")
    body, found = attributions(nlp, body)
    signed = {body[a.content_start:a.content_end]: [body[s.start:s.end] for s in a.speakers]
              for a in found if a.kind == "direct_quote"}
    assert "Carla Mendez" in signed["The new mayor has no plan for the schools. He only talks."][0]
    assert signed["The debate showed who he really is. We deserve better."] == ["Tom Okafor"]


def test_a_non_breaking_space_before_the_signature_dash_still_signs_the_quote(nlp):
    body = ("“The new mayor has no plan for the schools. He only talks.” ― Carla Mendez\n\n"
            "“The debate showed who he really is. How did we get this low?”\u00a0― Tom Okafor")
    body, found = attributions(nlp, body)
    signed = {body[a.content_start:a.content_end]: [body[s.start:s.end] for s in a.speakers]
              for a in found if a.kind == "direct_quote"}
    speakers = signed["The debate showed who he really is. How did we get this low?"]
    assert len(speakers) == 1 and "Tom Okafor" in speakers[0]


def test_continuing_to_act_is_not_a_statement_but_continuing_a_quote_is(nlp):
    body, found = attributions(nlp, "Small groups of farmers continued to block the main road "
                                    "on Sunday.")
    assert spoken(body, found, "continue") == []
    body, found = attributions(nlp, "\u201cWe are not leaving,\u201d she continued.")
    assert [a.kind for a in found if a.cue is not None and a.cue.lemma_ == "continue"] == [
        "direct_quote"]


def test_refusing_to_act_is_not_a_reported_view(nlp):
    body, found = attributions(nlp, "The suspect refused to drop the knife, police said.")
    assert spoken(body, found, "refuse") == []


def test_plural_relation_nouns_and_their_partitive_phrase(nlp):
    body, found = attributions(nlp, "The talks follow a series of border disputes between "
                                    "Westland and Kraal over fishing rights.")
    relation = next(a for a in found if a.kind == "action" and a.cue.lower_ == "disputes")
    assert body[relation.content_start:relation.content_end].startswith("a series of border")
    assert relation.mutual


def test_a_range_from_one_place_to_another_names_no_counterpart(nlp):
    rows, name = analyze(nlp, "Westland's role in conflicts from Kraal to Ostia worried its "
                              "neighbours.")
    assert not [r for r in rows if r["kind"] == "action" and r["cue"] == "conflict"]


@pytest.mark.parametrize("body", [
    "Analysts said Westland could expel the Kraal ambassador next week.",
    "Westland can help Kraal rebuild the bridge, the minister said.",
])
def test_a_possible_act_is_not_an_act(nlp, body):
    rows, name = analyze(nlp, body)
    assert ("Westland", "Kraal") not in pairs(rows, name)


def test_an_announced_act_is_an_act(nlp):
    rows, name = analyze(nlp, "Westland will expel the Kraal ambassador, the minister said.")
    assert ("Westland", "Kraal") in pairs(rows, name)


def test_an_act_someone_is_urged_to_do_is_not_done(nlp):
    rows, name = analyze(nlp, "Westland urged Kraal on Friday to recognise Ostia.")
    found = pairs(rows, name)
    assert ("Westland", "Ostia") not in found and ("Kraal", "Ostia") not in found


def test_a_question_put_to_you_is_not_your_view(nlp):
    body, found = attributions(nlp, "Senator, do you really think that the tariffs will lower "
                                    "prices?")
    assert spoken(body, found, "think") == []
    body, found = attributions(nlp, "You think that the tariffs will lower prices, she said.")
    assert spoken(body, found, "think")
