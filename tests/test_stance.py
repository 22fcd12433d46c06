"""Stance phenomena on sentences written for these tests, with the real spaCy model."""
from __future__ import annotations

import pytest

from dateline.nlp import load_model
from dateline.stance import Stance, classify_pair_spans, classify_pairs, classify_stance, locate


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def pair(nlp, text: str, source: str, target: str) -> Stance:
    """Stance of source toward target in text, the way `dateline stance --pairs` computes it."""
    doc = nlp(text)
    source_span = locate(doc, source)
    target_span = locate(doc, target, avoid=source_span)
    assert source_span is not None and target_span is not None
    return classify_pair_spans(doc, source_span, target_span)


@pytest.mark.parametrize("text,source,target,expected", [
    ("Germany accused Russia of poisoning the opposition leader.", "Germany", "Russia", "oppose"),
    ("Germany accused Russia of poisoning the opposition leader.", "Russia", "Germany", "neutral"),
    ("The mayor praised the firefighters for their courage.", "mayor", "firefighters", "support"),
])
def test_direction(nlp, text, source, target, expected):
    assert pair(nlp, text, source, target).stance == expected


def test_passive_agent_is_the_source(nlp):
    text = "Turkey was praised by the European Union for hosting refugees."
    assert pair(nlp, text, "European Union", "Turkey").stance == "support"
    assert pair(nlp, text, "Turkey", "European Union").stance == "neutral"


@pytest.mark.parametrize("text,source,target,expected", [
    ("The Taliban will not allow Pakistan to interfere in Afghan affairs.", "Taliban",
     "Pakistan", "oppose"),
    ("India did not criticise Russia over the invasion.", "India", "Russia", "neutral"),
    ("India refused to condemn Russia over the invasion.", "India", "Russia", "neutral"),
    ("Brazil refused to support Argentina's candidate.", "Brazil", "Argentina", "oppose"),
])
def test_negation(nlp, text, source, target, expected):
    result = pair(nlp, text, source, target)
    assert result.stance == expected
    assert "neg" in result.cue  # the audit string names the negation


def test_modality_weakens_but_keeps_the_label(nlp):
    firm = pair(nlp, "Japan supports Australia's bid for the tournament.", "Japan", "Australia")
    hedged = pair(nlp, "Japan might support Australia's bid for the tournament.", "Japan",
                  "Australia")
    assert firm.stance == hedged.stance == "support"
    assert 0 < hedged.score < firm.score


def test_contrast_is_per_target(nlp):
    text = "France welcomed the talks with Iran but warned Israel against any strike."
    assert pair(nlp, text, "France", "Iran").stance == "support"
    assert pair(nlp, text, "France", "Israel").stance == "oppose"


def test_request_with_pressure_is_oppose(nlp):
    result = pair(nlp, "Biden urged Russia to accept a ceasefire or face sanctions.", "Biden",
                  "Russia")
    assert (result.stance, result.category) == ("oppose", "REQUEST")
    assert "demand" in result.cue


def test_rejecting_an_accusation_opposes_the_accuser(nlp):
    text = "China rejected Washington's accusation that it had hacked the servers."
    result = pair(nlp, text, "China", "Washington")
    assert result.stance == "oppose"


def test_reported_act_is_not_the_reporter_stance(nlp):
    doc = nlp("Obama said Putin had criticised Ukraine.")
    obama, ukraine = locate(doc, "Obama"), locate(doc, "Ukraine")
    result = classify_stance(doc, 2, len(doc), doc[1], (obama.start, obama.end),
                             (ukraine.start, ukraine.end), use_model=False)
    assert result.stance == "neutral" and "reported" in result.cue
    assert pair(nlp, "Obama said Putin had criticised Ukraine.", "Putin", "Ukraine").stance \
        == "oppose"


@pytest.mark.parametrize("text,source,target,category", [
    ("Merkel met Macron in Berlin on Tuesday.", "Merkel", "Macron", "CONSULT"),
    ("Kenya threatened Somalia with retaliation.", "Kenya", "Somalia", "THREATEN"),
    ("The United States imposed sanctions on Venezuela.", "United States", "Venezuela",
     "SANCTION"),
    ("Norway sent aid to Haiti after the earthquake.", "Norway", "Haiti", "AID"),
])
def test_event_category(nlp, text, source, target, category):
    assert pair(nlp, text, source, target).category == category


def test_quote_without_target_uses_the_content(nlp):
    doc = nlp('"We will never accept this humiliating deal," the minister said.')
    result = classify_stance(doc, 1, 8, doc[11], (9, 11), None)
    assert result.stance == "oppose"
    assert -1.0 <= result.score <= 1.0


def test_classify_pairs_adds_stance_fields(nlp):
    lines = [{"text": "Germany accused Russia of lying.", "source": "Germany", "target": "Russia"},
             {"text": "Germany accused Russia of lying.", "source": "Spain", "target": "Russia"}]
    found, missing = list(classify_pairs(nlp, lines))
    assert found["stance"] == "oppose" and found["text"] == lines[0]["text"]
    assert found["stance_cue"] and -1.0 <= found["stance_score"] <= 0
    assert missing["stance"] == "neutral" and missing["stance_cue"] == "not-found:source"


def test_train_stance_writes_a_loadable_model(nlp, tmp_path):
    from dateline.stance_model import load, train_stance

    rows = ["[Spain] praised [Portugal] for its help.\tSpain\tPortugal\t1",
            "[Spain] accused [Portugal] of lying.\tSpain\tPortugal\t3",
            "[Spain] was criticised by [Portugal].\tSpain\tPortugal\t4",
            "[Spain] and [Portugal] share a border.\tSpain\tPortugal\t0"] * 3
    data = tmp_path / "train.txt"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "model.json.gz"
    train_stance(data, out, nlp=nlp, epochs=3)
    model = load(str(out))
    assert model is not None and model.weights and model.priors
    doc = nlp("Spain accused Portugal of lying.")
    stance, score, probability, reasons = model.predict(doc, doc[0:1], doc[2:3])
    assert stance == "oppose" and score < 0 and probability > 1 / 3 and reasons


def _statement(nlp, text: str, speaker: str, target: str):
    """Stance of a quote's speaker toward a target named inside the quote (statement setting)."""
    doc = nlp(text)
    quote_end = next(t.i for t in doc if t.i > 0 and t.text in ('"', "”"))
    speaker_span = locate(doc, speaker)
    target_span = locate(doc, target, avoid=speaker_span)
    return classify_stance(doc, 1, quote_end, None, (speaker_span.start, speaker_span.end),
                           (target_span.start, target_span.end), statement=True)


def test_statement_conflict_words_set_oppose(nlp):
    text = ('"The new fence built by Norland is a violation of the border treaty and a threat '
            'to our farmers," Pedro Alvarez said.')
    result = _statement(nlp, text, "Pedro Alvarez", "Norland")
    assert result.stance == "oppose"
    assert result.cue.startswith(("cues:", "model:", "rule:"))


def test_statement_negated_cooperation_word_is_conflict(nlp):
    text = '"Norland is not a partner we can trust," Pedro Alvarez said.'
    assert _statement(nlp, text, "Pedro Alvarez", "Norland").stance == "oppose"


def test_statement_negated_conflict_word_is_not_conflict(nlp):
    doc = nlp('"The plan poses no threat to the farmers of Norland," Pedro Alvarez said.')
    from dateline.stance import _statement_cue_stance
    target = locate(doc, "Norland")
    assert _statement_cue_stance(doc, doc[1:11], target, None) is None


def test_vader_score_of_a_very_long_text_is_bounded_in_time():
    import time

    from dateline.stance import vader_compound
    text = " ".join(["the minister praised the good and fair plan"] * 6000)  # 48,000 words
    started = time.monotonic()
    score = vader_compound(text)
    assert time.monotonic() - started < 20  # unchunked VADER is quadratic: many minutes
    assert 0.3 < score <= 1.0
    assert vader_compound("a terrible, cruel attack") < 0


def test_statement_setting_overrides_a_neutral_model_but_pairs_do_not(nlp):
    doc = nlp("Norland, in a surprise move on Monday, imposed sanctions on Vestia banks.")
    speaker, target = locate(doc, "Norland"), locate(doc, "Vestia")
    args = (doc, 0, len(doc), None, (speaker.start, speaker.end), (target.start, target.end))
    as_statement = classify_stance(*args, statement=True)
    assert as_statement.stance == "oppose"
    assert as_statement.cue.startswith(("cues:", "rule:"))
    as_pair = classify_stance(*args)
    assert as_pair.cue.startswith(("model:", "rule:", "lexicon:"))


@pytest.mark.parametrize("text,source,target,stance,category", [
    ("Norland troops opened fire on Vestian border guards.", "Norland", "Vestian",
     "oppose", "ASSAULT"),
    ("The rebels reached an agreement with the Norland government.", "rebels", "Norland",
     "support", "AGREE"),
    ("Norland issued a stern warning to Vestia over the dam.", "Norland", "Vestia",
     "oppose", "THREATEN"),
    ("Norland held talks with Vestia on Monday.", "Norland", "Vestia", "neutral", "CONSULT"),
])
def test_light_verb_takes_its_object_category(nlp, text, source, target, stance, category):
    result = pair(nlp, text, source, target)
    assert (result.stance, result.category) == (stance, category)


@pytest.mark.parametrize("text,source,target,category", [
    ("Norland pulled out its troops from Vestia last week.", "Norland", "Vestia", "CONCEDE"),
    ("The farmers union called off its strike against the Norland government.",
     "farmers union", "Norland", "CONCEDE"),
])
def test_phrasal_verb_category(nlp, text, source, target, category):
    assert pair(nlp, text, source, target).category == category


def test_according_to_and_a_great_deal_of_are_not_events():
    from dateline.stance import _category

    doc = load_model()("According to aides, there is a great deal of doubt in Norland.")
    assert _category(doc[0]) is None  # "according" is not the AGREE verb "accord"
    deal = next(t for t in doc if t.lower_ == "deal")
    assert _category(deal) is None
    sign = load_model()("It was a sign of weakness.")
    assert _category(next(t for t in sign if t.lower_ == "sign")) is None


def test_refusing_a_neutral_act_is_rejection(nlp):
    result = pair(nlp, "Norland refused to meet the Vestian envoy.", "Norland", "Vestian")
    assert (result.stance, result.category) == ("oppose", "REJECT")
    assert "negverb:refuse" in result.cue


def test_meeting_stays_neutral_in_a_warm_sentence(nlp):
    text = "The president hosted Vestia's prime minister for a wonderful, friendly dinner."
    result = pair(nlp, text, "president", "Vestia")
    assert (result.stance, result.category) == ("neutral", "CONSULT")
    assert result.cue.startswith("rule:host")


def test_statement_about_the_target_own_act_uses_its_words(nlp):
    text = ('"Vestia launched a cruel, illegal and unprovoked invasion of our country," '
            'Pedro Alvarez said.')
    result = _statement(nlp, text, "Pedro Alvarez", "Vestia")
    assert result.stance == "oppose"
    assert not result.cue.startswith("rule:reverse")


@pytest.mark.parametrize("text,stance,category", [
    ("Norland cut its aid to Vestia after the coup.", "oppose", "SANCTION"),
    ("Norland suspended talks with Vestia.", "oppose", "SANCTION"),
    ("Norland ended its trade dispute with Vestia.", "support", "CONCEDE"),
])
def test_reducing_verb_reverses_its_object(nlp, text, stance, category):
    result = pair(nlp, text, "Norland", "Vestia")
    assert (result.stance, result.category) == (stance, category)


def test_predicative_adjective_has_the_subject_as_agent(nlp):
    result = pair(nlp, "Norland is opposed to Vestian mediation.", "Norland", "Vestian")
    assert (result.stance, result.category) == ("oppose", "REJECT")


def test_no_longer_negates(nlp):
    result = pair(nlp, "The rebels will no longer recognize Norland as president.", "rebels",
                  "Norland")
    assert (result.stance, result.category) == ("oppose", "REJECT")


def test_speaking_with_someone_is_a_neutral_conversation(nlp):
    result = pair(nlp, "Norland spoke by phone with Vestia's leader on Monday.", "Norland",
                  "Vestia")
    assert (result.stance, result.category) == ("neutral", "CONSULT")


def test_recognizing_a_fact_is_not_support():
    from dateline.stance import _category

    nlp = load_model()
    fact = nlp("We recognize a difficult situation.")
    state = nlp("Norland recognized Vestia as a sovereign state.")
    assert _category(fact[1]) is None
    assert _category(state[1]) == "SUPPORT"


def test_stance_noun_without_agent_is_a_topic_not_an_act(nlp):
    doc = nlp("The new embargo will take effect on Monday, the spokesman said.")
    speaker = locate(doc, "spokesman")
    said = next(t for t in doc if t.lower_ == "said")
    result = classify_stance(doc, 0, 9, said, (speaker.start, speaker.end), None,
                             statement=True)
    assert result.stance == "neutral" and result.category == "SANCTION"
    assert not result.cue.startswith("rule:")


def test_warning_of_a_situation_is_not_against_anyone(nlp):
    doc = nlp("The envoy warned that the situation could get worse.")
    envoy = locate(doc, "envoy")
    warned = doc[2]
    result = classify_stance(doc, 3, len(doc), warned, (envoy.start, envoy.end), None,
                             statement=True)
    assert result.stance == "neutral"
    threat = nlp("Norland warned Vestia against building the dam.")
    assert pair(nlp, threat.text, "Norland", "Vestia").stance == "oppose"


def test_content_features_mark_the_target_and_its_neighbours():
    from dateline.stance_model import content_features

    text = "Officials praised Norvia for its calm response."
    start = text.index("Norvia")
    features = content_features(text, start, start + len("Norvia"))
    assert "l:praised" in features and "r:for" in features
    assert "b:praised_<t>" in features
    assert "w:norvia" not in features  # the target's own words are not features


def test_train_content_writes_a_loadable_model(tmp_path):
    import json

    from dateline.stance_model import load, predict_content, train_content

    rows = []
    for i in range(30):
        rows.append({"sentence_normalized": f"Critics condemned Arlo over the scandal {i}.",
                     "targets": [{"from": 18, "to": 22, "polarity": 2.0}]})
        rows.append({"sentence_normalized": f"Voters applauded Arlo for the reform {i}.",
                     "targets": [{"from": 17, "to": 21, "polarity": 6.0}]})
        rows.append({"sentence_normalized": f"Arlo arrived in the capital on day {i}.",
                     "targets": [{"from": 0, "to": 4, "polarity": 4.0}]})
    data = tmp_path / "train.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "content.json.gz"
    train_content(data, out)
    model = load(str(out))
    text = "Critics condemned Bex over the vote."
    assert predict_content(model, text, 18, 21)[0] == "oppose"
    text = "Voters applauded Bex for the plan."
    assert predict_content(model, text, 17, 20)[0] == "support"


def test_shipped_content_model_reads_target_sentiment():
    from dateline.stance_model import load_content, predict_content

    model = load_content()
    text = "He said the corrupt regime of Valdor has brutally crushed peaceful protesters."
    start = text.index("Valdor")
    stance, score, probability, reasons = predict_content(model, text, start, start + 6)
    assert stance == "oppose" and score < 0 and reasons.startswith("oppose@")


def test_statement_target_in_content_is_decided_by_the_content_model(nlp):
    doc = nlp("Mara Quill said the forces of Valdor have brutally crushed "
              "peaceful protesters.")
    target = locate(doc, "Valdor")
    stance = classify_stance(doc, 3, len(doc), doc[2], speaker=(0, 2),
                             target=(target.start, target.end), use_model=False, statement=True)
    assert stance.cue.startswith("content_model:oppose@"), stance.cue
    assert stance.stance == "oppose"


@pytest.mark.parametrize("text,source,target,stance,category", [
    ("Norland withdrew from the Vestian trade bloc last year.", "Norland", "Vestian trade bloc",
     "oppose", "REJECT"),
    ("Norland withdrew its troops from Vestia on Friday.", "Norland", "Vestia", "support",
     "CONCEDE"),
    ("Norland moved to repair ties with Vestia after the dispute.", "Norland", "Vestia",
     "support", "AGREE"),
    ("Norland sought to weaken Vestia's ties with Ostria.", "Norland", "Ostria", "oppose",
     "SANCTION"),
    ("Norland has acted against Vestia for years.", "Norland", "Vestia", "oppose", "REJECT"),
])
def test_leaving_bodies_ties_and_against(nlp, text, source, target, stance, category):
    result = pair(nlp, text, source, target)
    assert (result.stance, result.category) == (stance, category)


def test_protecting_against_is_not_opposing(nlp):
    from dateline.stance import _category
    doc = nlp("The wall protects the farmers against floods.")
    assert _category(doc[2]) != "REJECT"


def test_lexicon_skips_names(nlp):
    from dateline.stance import _lexicon_score
    doc = nlp("The United Nations Security Council met in New York on Tuesday.")
    score, words = _lexicon_score(doc)
    assert score == 0.0 and "united" not in words and "security" not in words


def test_harmonize_stances_lets_the_weightier_side_win():
    from dateline.stance import harmonize_stances
    rows = [
        {"speaker_id": "a", "target_id": "b", "stance": "oppose", "stance_score": -0.8,
         "stance_cue": "rule:accuse"},
        {"speaker_id": "a", "target_id": "b", "stance": "support", "stance_score": 0.4,
         "stance_cue": "lexicon:good"},
        {"speaker_id": "a", "target_id": "b", "stance": "neutral", "stance_score": 0.0,
         "stance_cue": "model:neutral@0.9:x"},
        {"speaker_id": "a", "target_id": "c", "stance": "support", "stance_score": 0.5,
         "stance_cue": "rule:praise"},
        {"speaker_id": "a", "target_id": "c", "stance": "oppose", "stance_score": -0.5,
         "stance_cue": "rule:accuse"},
        {"speaker_id": "a", "target_id": None, "stance": "support", "stance_score": 0.5,
         "stance_cue": "lexicon:good"},
    ]
    out = harmonize_stances(rows)
    assert [r["stance"] for r in out] == ["oppose", "oppose", "neutral", "support", "oppose",
                                          "support"]
    assert out[1]["stance_cue"].endswith("+pair") and out[1]["stance_score"] == -0.4


def test_untargeted_statement_needs_strong_evidence(nlp):
    doc = nlp("New sanctions may be imminent, the minister said.")
    minister = locate(doc, "minister")
    weak = classify_stance(doc, 0, 5, None, (minister.start, minister.end), None, statement=True)
    assert weak.stance == "neutral" and weak.cue.endswith("+untargeted")
    doc = nlp("The plan is a disaster, a betrayal and an appalling failure, the minister said.")
    minister = locate(doc, "minister")
    strong = classify_stance(doc, 0, 13, None, (minister.start, minister.end), None,
                             statement=True)
    assert strong.stance == "oppose"


def test_statement_cues_read_capitalised_words_and_evaluations(nlp):
    from dateline.stance import _statement_cue_stance
    doc = nlp('"Their Tariffs are baseless and unfair to Norland," Pedro Alvarez said.')
    target = locate(doc, "Norland")
    cued = _statement_cue_stance(doc, doc[1:11], target, None)
    assert cued is not None and cued.stance == "oppose"


def test_unsure_pair_model_label_counts_as_neutral_in_statements(nlp, monkeypatch):
    from dateline import stance_model

    class Unsure:
        def predict(self, doc, source, target):
            return "oppose", -0.1, 0.41, "oppose@0.41:w:x"

    monkeypatch.setattr(stance_model, "load", lambda *a, **k: Unsure())
    doc = nlp("Norland said Vestia officials arrived on Monday.")
    speaker, target = locate(doc, "Norland"), locate(doc, "Vestia")
    args = (doc, 0, len(doc), doc[1], (speaker.start, speaker.end), (target.start, target.end))
    assert classify_stance(*args, statement=True).stance == "neutral"
    assert classify_stance(*args).stance == "oppose"  # pairs keep the model's label


def test_untargeted_single_evaluation_word_is_not_weak(nlp):
    doc = nlp("The ministry said it was deeply disappointed by the vote.")
    ministry = locate(doc, "ministry")
    result = classify_stance(doc, 3, 10, None, (ministry.start, ministry.end), None,
                             statement=True)
    assert result.stance == "oppose"


def test_levied_tariffs_is_a_sanction(nlp):
    result = pair(nlp, "Norland levied heavy tariffs on Vestian steel.", "Norland", "Vestian")
    assert (result.stance, result.category) == ("oppose", "SANCTION")


def test_statement_cue_owned_by_another_actor_does_not_count(nlp):
    from dateline.stance import _statement_cue_stance
    doc = nlp('"Vestia must calmly answer Ostria\'s latest provocation," Pedro Alvarez said.')
    vestia, ostria = locate(doc, "Vestia"), locate(doc, "Ostria")
    end = next(t.i for t in doc if t.i > 0 and t.text == '"')
    assert _statement_cue_stance(doc, doc[1:end], vestia, None) is None
    owned = _statement_cue_stance(doc, doc[1:end], ostria, None)
    assert owned is not None and owned.stance == "oppose"


def test_plain_request_to_the_target_is_neutral_in_statements(nlp):
    doc = nlp("The envoy urged Norland to agree on a way forward.")
    envoy, norland = locate(doc, "envoy"), locate(doc, "Norland")
    result = classify_stance(doc, 0, len(doc), doc[2], (envoy.start, envoy.end),
                             (norland.start, norland.end), statement=True)
    assert (result.stance, result.category) == ("neutral", "REQUEST")
    assert result.cue.startswith("rule:urge")


@pytest.mark.parametrize("text,expected", [
    ("The lawyer said she was deeply worried for Tomas's health in the prison.", "support"),
    ("The envoy said he feared for Tomas after the arrest.", "support"),
])
def test_concern_for_a_target_is_sympathy(nlp, text, expected):
    doc = nlp(text)
    cue = next(t for t in doc if t.lemma_ == "say")
    tomas = next(t.i for t in doc if t.text == "Tomas")
    result = classify_stance(doc, cue.i + 1, len(doc) - 1, cue, (0, 2), (tomas, tomas + 1),
                             statement=True)
    assert result.stance == expected


def test_a_statement_does_not_take_the_stance_of_a_coordinated_act_above_its_cue(nlp):
    text = "Foreign Minister Ana Lima condemned the coup and said Brazil would keep trading with Peru."
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    content_start = said.i + 1
    speaker, target = locate(doc, "Ana Lima"), locate(doc, "Peru")
    result = classify_stance(doc, content_start, len(doc) - 1, said, (speaker.start, speaker.end),
                             (target.start, target.end), statement=True)
    assert not result.cue.startswith("rule:condemn")  # 'condemned the coup' is another statement


def test_co_agents_of_an_agreement_support_each_other(nlp):
    text = ("Norland's president and Vestia's prime minister met on Friday and agreed to expand "
            "trade across their disputed border.")
    doc = nlp(text)
    agreed = next(t for t in doc if t.text == "agreed")
    speaker, target = locate(doc, "Norland"), locate(doc, "Vestia")
    result = classify_stance(doc, agreed.i + 1, len(doc) - 1, agreed, (speaker.start, speaker.end),
                             (target.start, target.end), statement=True)
    assert result.stance == "support" and result.cue.startswith("rule:agree")


@pytest.mark.parametrize("text,expected", [
    ("The senator suggested that the government could expel the ambassador of Ruritania.",
     "oppose"),
    ("The senator said Washington should sanction Ruritania.", "oppose"),
    ("The senator proposed that the allies should help Ruritania.", "support"),
])
def test_a_proposed_act_of_a_third_party_is_the_speakers_stance(nlp, text, expected):
    result = pair(nlp, text, "senator", "Ruritania")
    assert result.stance == expected and result.cue.startswith("rule:")


def test_a_reported_act_of_a_third_party_is_not_the_speakers_rule(nlp):
    result = pair(nlp, "The senator said Washington has sanctioned Ruritania.", "senator",
                  "Ruritania")
    assert not result.cue.startswith("rule:")


@pytest.mark.parametrize("text", [
    "Ruritania is not a reliable partner, the minister said.",
    "Ruritania does not have a good record on human rights, the minister said.",
])
def test_a_negated_positive_evaluation_in_a_statement_is_criticism(nlp, text):
    doc = nlp(text)
    minister, ruritania = locate(doc, "minister"), locate(doc, "Ruritania")
    result = classify_stance(doc, 0, minister.start - 2, None, (minister.start, minister.end),
                             (ruritania.start, ruritania.end), statement=True)
    assert result.stance == "oppose" and result.cue.startswith("cues:not-")


@pytest.mark.parametrize("text,expected,cue", [
    ("The minister described Ruritania as a reckless neighbour.", "oppose", "rule:describe-as"),
    ("The minister called Ruritania a trusted friend.", "support", "rule:call-as"),
])
def test_describing_the_target_as_something_evaluates_it(nlp, text, expected, cue):
    result = pair(nlp, text, "minister", "Ruritania")
    assert result.stance == expected and result.cue.startswith(cue)


def test_calling_the_target_is_no_description(nlp):
    result = pair(nlp, "The minister called Ruritania on Tuesday.", "minister", "Ruritania")
    assert "-as:" not in result.cue


def test_signing_a_law_is_no_agreement_with_anyone(nlp):
    doc = nlp("The president signed the bill on Tuesday.")
    president = locate(doc, "president")
    result = classify_stance(doc, 0, len(doc), doc[2], (president.start, president.end), None,
                             statement=True)
    assert result.stance == "neutral"
    assert pair(nlp, "Ruritania signed a trade agreement with Freedonia.", "Ruritania",
                "Freedonia").stance == "support"


@pytest.mark.parametrize("text,expected", [
    ("The minister rejected criticism of Ruritania over the dam.", "support"),
    ("The minister dismissed concerns about Ruritania's army.", "support"),
    ("The minister denied allegations against Ruritania.", "support"),
    ("The minister rejected Ruritania's accusations.", "oppose"),
])
def test_rejecting_criticism_of_the_target_defends_it(nlp, text, expected):
    assert pair(nlp, text, "minister", "Ruritania").stance == expected


def test_courting_the_target_seeks_its_favour(nlp):
    result = pair(nlp, "The president of Ruritania is courting Freedonia with cheap gas.",
                  "Ruritania", "Freedonia")
    assert result.stance == "support" and result.cue == "rule:court"
    assert pair(nlp, "Ruritania took Freedonia to court over the dam.", "Ruritania",
                "Freedonia").cue != "rule:court"


@pytest.mark.parametrize("text,expected", [
    ("The minister said he would never forgive Ruritania.", "oppose"),
    ("The minister said he had praised Ruritania.", "support"),
])
def test_a_pronoun_after_the_speaker_of_a_speech_verb_makes_the_speakers_rule(nlp, text, expected):
    result = pair(nlp, text, "minister", "Ruritania")
    assert result.stance == expected and result.cue.startswith("rule:")


def test_judging_an_act_a_mistake_reverses_it(nlp):
    text = "It was a mistake to support the Brotherhood, the analyst said."
    doc = nlp(text)
    analyst, brotherhood = locate(doc, "analyst"), locate(doc, "Brotherhood")
    result = classify_stance(doc, 0, analyst.start - 2, doc[analyst.end],
                             (analyst.start, analyst.end), (brotherhood.start, brotherhood.end),
                             statement=True)
    assert result.stance == "oppose"
    assert pair(nlp, "It is right to support the Brotherhood, said the analyst.", "analyst",
                "Brotherhood").stance == "support"


def test_lexicon_skips_topical_words_with_a_valence(nlp):
    from dateline.stance import _lexicon_score

    doc = nlp("The parties are certainly ready and focused on security.")
    assert _lexicon_score(doc) == (0.0, [])
    score, words = _lexicon_score(nlp("The parties are ready for a brutal war."))
    assert score < 0 and "parties" not in words


def test_a_hostile_act_asked_of_the_addressee_is_no_pressure_on_it(nlp):
    asked = pair(nlp, "The minister asked Ruritania to veto the resolution.", "minister",
                 "Ruritania")
    assert asked.stance == "neutral"
    pressed = pair(nlp, "The minister asked Ruritania to stop the attacks.", "minister",
                   "Ruritania")
    assert pressed.stance == "oppose"


def test_cooperation_against_the_target_is_opposition(nlp):
    doc = nlp("The package will strengthen our defences against Ruritania, the senator said.")
    senator, ruritania = locate(doc, "senator"), locate(doc, "Ruritania")
    from dateline.stance import _statement_cue_stance

    result = _statement_cue_stance(doc, doc[0:senator.start - 2], ruritania, None)
    assert result is not None and result.stance == "oppose" and "strengthen-against" in result.cue


def test_seeking_the_targets_release_is_support_despite_sanctions_on_others(nlp):
    from dateline.stance import _statement_cue_stance

    doc = nlp("Washington should impose sanctions on Ruritanian judges to push for Smith's release.")
    smith = locate(doc, "Smith")
    result = _statement_cue_stance(doc, doc[:], smith, None)
    assert result is not None and result.stance == "support" and "release-of" in result.cue
    doc = nlp("Washington should impose sanctions on Smith.")
    smith = locate(doc, "Smith")
    assert _statement_cue_stance(doc, doc[:], smith, None).stance == "oppose"


def test_allowing_someone_else_is_no_agreement_with_the_target(nlp):
    from dateline.stance import _apply_modifiers, _find_predicate

    doc = nlp("The agency will allow the police to patrol near Ruritania.")
    agency, ruritania = locate(doc, "agency"), locate(doc, "Ruritania")
    predicate = _find_predicate(doc, doc[:], None, agency, ruritania)
    assert predicate is not None and predicate.token.lemma_ == "allow"
    _apply_modifiers(predicate, None, ruritania)
    assert predicate.polarity == 0.0 and "enable" in predicate.notes


@pytest.mark.parametrize("text,target,expected", [
    ("Freedonia allowed Ruritania to reopen its embassy.", "Ruritania", "support"),
    ("Freedonia will not allow Ruritania to interfere in its affairs.", "Ruritania", "oppose"),
])
def test_allowing_backs_only_the_allowed_party(nlp, text, target, expected):
    assert pair(nlp, text, "Freedonia", target).stance == expected


def test_a_wish_addressed_to_the_target_is_neutral_like_a_request(nlp):
    doc = nlp("I hope Ruritania and Freedonia can coordinate their efforts, the envoy said.")
    envoy, ruritania = locate(doc, "envoy"), locate(doc, "Ruritania")
    result = classify_stance(doc, 0, envoy.start - 2, doc[envoy.end],
                             (envoy.start, envoy.end), (ruritania.start, ruritania.end),
                             statement=True)
    assert result.stance == "neutral" and result.cue == "rule:hope-for:coordinate"
    doc = nlp("I hope Ruritania will stop attacking its neighbours, the envoy said.")
    envoy, ruritania = locate(doc, "envoy"), locate(doc, "Ruritania")
    result = classify_stance(doc, 0, envoy.start - 2, doc[envoy.end],
                             (envoy.start, envoy.end), (ruritania.start, ruritania.end),
                             statement=True)
    assert not result.cue.startswith("rule:hope-for")


def test_the_targets_own_meeting_reported_in_a_statement_is_neutral(nlp):
    doc = nlp("Ruritanian and Freedonian officials have been talking together, the adviser said.")
    adviser, ruritania = locate(doc, "adviser"), locate(doc, "Ruritanian")
    result = classify_stance(doc, 0, adviser.start - 2, doc[adviser.end],
                             (adviser.start, adviser.end), (ruritania.start, ruritania.end),
                             statement=True)
    assert result.stance == "neutral" and result.cue == "rule:reverse:talk"


@pytest.mark.parametrize("text", [
    "Serbian President Aleksandar Vucic said Serbia had no intention of attacking Kosovo.",
    "Serbian President Aleksandar Vucic said Serbia had no plans to sanction Kosovo.",
])
def test_a_denied_intention_rules_the_act_out(nlp, text):
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    serbia = next(t.i for t in doc if t.text == "Serbia")  # the own side acting for the speaker
    target = locate(doc, "Kosovo")
    result = classify_stance(doc, said.i + 1, len(doc) - 1, said, (serbia, serbia + 1),
                             (target.start, target.end), statement=True)
    assert result.stance != "oppose" and "+neg:" in result.cue


def test_statement_obstruction_words_set_oppose(nlp):
    text = '"Such steps by Norland only complicate the resolution of the border question," Ana Lima said.'
    assert _statement(nlp, text, "Ana Lima", "Norland").stance == "oppose"


def statement(nlp, text: str, speaker: str, target: str, cue: str) -> Stance:
    """Stance of a statement whose content is the whole text, with the given cue lemma."""
    doc = nlp(text)
    speaker_span = locate(doc, speaker)
    target_span = locate(doc, target, avoid=speaker_span)
    cue_token = next(t for t in doc if t.lemma_ == cue)
    return classify_stance(doc, 0, len(doc), cue_token, (speaker_span.start, speaker_span.end),
                           (target_span.start, target_span.end), statement=True)


@pytest.mark.parametrize("text,expected,cue", [
    ("Vestia acts against Norland because of Norland's wrong policy, the admiral said.",
     "oppose", "judged:wrong-policy"),
    ("The ministry said the reckless conduct of Norland put lives at risk.", "oppose",
     "judged:reckless-conduct"),
    ("The ministry said Norland's wise leadership saved the talks.", "support",
     "judged:wise-leadership"),
    ("The ministry said Tomas's lengthy trial and unjust detention show how the state works.",
     "support", "judged:unjust-detention"),
])
def test_a_judgement_of_what_the_target_owns(nlp, text, expected, cue):
    # the target's own act judged bad opposes it; an act done to it judged bad sympathises
    target = "Tomas" if "Tomas" in text else "Norland"
    speaker = "admiral" if "admiral" in text else "ministry"
    result = statement(nlp, text, speaker, target, "say")
    assert (result.stance, result.cue) == (expected, "rule:" + cue)


@pytest.mark.parametrize("text,cue", [
    ("The government rejected accusations that Tomas's trial was unfair.", "reject"),
    ("The minister denied that Tomas's detention was unjust.", "deny"),
])
def test_a_judgement_inside_a_rejected_claim_is_not_the_speakers(nlp, text, cue):
    speaker = "government" if "government" in text else "minister"
    assert "judged" not in statement(nlp, text, speaker, "Tomas", cue).cue


@pytest.mark.parametrize("target,expected,cue", [
    ("Norland", "support", "rule:stand"),
    ("Vestia", "oppose", "rule:stand+against"),
])
def test_standing_with_one_side_against_another(nlp, target, expected, cue):
    text = '"We stand with the people of Norland against Vestia," the minister said.'
    result = statement(nlp, text, "minister", target, "say")
    assert (result.stance, result.cue) == (expected, cue)


def test_a_friendly_act_aimed_against_the_target_opposes_it(nlp):
    result = pair(nlp, "Norland and Ostria agreed to cooperate against Vestia.", "Norland", "Vestia")
    assert result.stance == "oppose" and result.cue.endswith("+against")


@pytest.mark.parametrize("target", ["Commission", "Norland"])
def test_asking_to_reconsider_a_hostile_policy_is_no_pressure(nlp, target):
    text = "The premier said he would urge the Commission to reconsider raising tariffs on Norland's cars."
    result = statement(nlp, text, "premier", target, "say")
    assert result.stance == "neutral" and "demand" not in result.cue
    pressed = pair(nlp, "The premier urged the Commission to stop its tariffs or face a lawsuit.",
                   "premier", "Commission")
    assert pressed.stance == "oppose" and "demand" in pressed.cue


def test_fighting_a_phenomenon_is_no_stance(nlp):
    from dateline.stance import _category, _lexicon_score
    doc = nlp("The minister said the initiative aims to mobilize resources to combat terrorism "
              "and fight corruption across the region.")
    fight = next(t for t in doc if t.lemma_ == "fight")
    assert _category(fight) is None
    assert _lexicon_score(doc[4:])[0] == 0.0
    minister = locate(doc, "minister")
    result = classify_stance(doc, 3, len(doc), doc[2], (minister.start, minister.end), None,
                             statement=True)
    assert result.stance == "neutral"
    # fighting an actor stays hostile
    assert pair(nlp, "Norland vowed to fight Vestia until the end.", "Norland",
                "Vestia").stance == "oppose"


def test_a_statements_own_cue_without_a_stated_agent_is_the_speakers(nlp):
    # the attribution gave the cue its speaker, so its request to the target is the speaker's
    result = statement(nlp, "A letter from senator Tom Hale, calling on Secretary Ana Rios to "
                       "prevent further deterioration in the region.", "Tom Hale", "Ana Rios",
                       "call")
    assert (result.stance, result.cue, result.category) == ("neutral", "rule:call", "REQUEST")


def test_untargeted_words_naming_a_bad_situation_take_no_side(nlp):
    doc = nlp("The envoy said his office was deeply concerned that a humanitarian crisis could "
              "be developing.")
    envoy = locate(doc, "envoy")
    result = classify_stance(doc, 3, len(doc), doc[2], (envoy.start, envoy.end), None,
                             statement=True)
    assert result.stance == "neutral" and result.cue.endswith("+untargeted")
