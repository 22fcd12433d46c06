"""Deterministic synthetic news corpus for benchmarks: N news-length articles from varied templates.

`python benchmarks/corpus.py --n 100 --out FOLDER` writes one JSON article per file
({"id", "title", "published", "text"}); the same N and seed always give the same bytes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

# (country, capital, demonym)
COUNTRIES = [
    ("Kenya", "Nairobi", "Kenyan"), ("Ethiopia", "Addis Ababa", "Ethiopian"),
    ("Egypt", "Cairo", "Egyptian"), ("Sudan", "Khartoum", "Sudanese"),
    ("Nigeria", "Abuja", "Nigerian"), ("Ghana", "Accra", "Ghanaian"),
    ("France", "Paris", "French"), ("Germany", "Berlin", "German"),
    ("Poland", "Warsaw", "Polish"), ("Lithuania", "Vilnius", "Lithuanian"),
    ("Norway", "Oslo", "Norwegian"), ("Sweden", "Stockholm", "Swedish"),
    ("Turkey", "Ankara", "Turkish"), ("Greece", "Athens", "Greek"),
    ("Iran", "Tehran", "Iranian"), ("Iraq", "Baghdad", "Iraqi"),
    ("India", "New Delhi", "Indian"), ("Pakistan", "Islamabad", "Pakistani"),
    ("China", "Beijing", "Chinese"), ("Japan", "Tokyo", "Japanese"),
    ("South Korea", "Seoul", "South Korean"), ("Vietnam", "Hanoi", "Vietnamese"),
    ("Indonesia", "Jakarta", "Indonesian"), ("Australia", "Canberra", "Australian"),
    ("Brazil", "Brasilia", "Brazilian"), ("Argentina", "Buenos Aires", "Argentine"),
    ("Chile", "Santiago", "Chilean"), ("Peru", "Lima", "Peruvian"),
    ("Mexico", "Mexico City", "Mexican"), ("Canada", "Ottawa", "Canadian"),
    ("Serbia", "Belgrade", "Serbian"), ("Hungary", "Budapest", "Hungarian"),
]
ORGANIZATIONS = [
    "the United Nations", "the European Union", "the African Union", "NATO",
    "the World Health Organization", "the International Monetary Fund", "the World Bank",
    "the Red Cross", "Amnesty International", "the World Food Programme",
]
FIRST_NAMES = [
    "Amina", "David", "Mei", "Carlos", "Fatima", "Jonas", "Priya", "Ahmed", "Elena", "Kwame",
    "Sofia", "Hiroshi", "Leila", "Marek", "Grace", "Tomas", "Nadia", "Samuel", "Ingrid", "Rafael",
    "Yusuf", "Anna", "Kenji", "Olga", "Daniel", "Zainab", "Lucas", "Chen", "Maria", "Omar",
]
LAST_NAMES = [
    "Okafor", "Lindqvist", "Haddad", "Moreno", "Kowalski", "Tanaka", "Mensah", "Petrovic",
    "Nguyen", "Schneider", "Rahman", "Ferreira", "Dubois", "Yilmaz", "Kariuki", "Andersen",
    "Papadopoulos", "Castillo", "Novak", "Sato", "Abebe", "Hussain", "Varga", "Silva",
    "Ivanova", "Mwangi", "Larsen", "Osei", "Kaya", "Reyes",
]
TITLES = [
    "Foreign Minister", "Defence Minister", "Prime Minister", "President", "Trade Minister",
    "Energy Minister", "Interior Minister", "Finance Minister", "government spokesperson",
]
TOPICS = [
    ("trade", "a new trade agreement", "tariffs on steel and grain"),
    ("border", "the reopening of border crossings", "security along the shared border"),
    ("energy", "a planned gas pipeline", "electricity exports"),
    ("water", "the sharing of river water", "the new dam upstream"),
    ("fisheries", "fishing quotas", "access to coastal waters"),
    ("security", "joint military exercises", "arms sales to the region"),
    ("aid", "humanitarian aid deliveries", "a corridor for relief convoys"),
    ("climate", "emission targets", "funding for climate adaptation"),
]
QUOTES_POSITIVE = [
    "This agreement opens a new chapter between our two nations",
    "We welcome the decision and are ready to work together",
    "Our partners have shown real courage and good faith",
    "The talks were constructive and we made genuine progress",
    "We support this plan fully and will help to carry it out",
]
QUOTES_NEGATIVE = [
    "This is a provocation that makes the lives of ordinary people harder",
    "We reject these accusations, which have no basis in fact",
    "Their actions threaten the stability of the whole region",
    "We will not accept decisions taken without our consent",
    "The other side has broken every promise it made",
]
REPORTING_VERBS = ["said", "told reporters", "said in a statement", "told a news conference",
                   "wrote on social media"]
BACKGROUND = [
    "The two countries have a long history of disputes over {topic}, which flared up again last year "
    "when negotiations collapsed after several rounds of talks in {capital}.",
    "Analysts say the economic stakes are high: trade between the neighbours was worth more than "
    "{amount} billion dollars last year, and thousands of jobs depend on {topic}.",
    "The meeting in {capital} was the first at this level since {year}, when relations were frozen "
    "after a diplomatic row over {topic2}.",
    "Officials from {org} attended the talks as observers and offered to help monitor any agreement "
    "on {topic2} in the coming months.",
    "Local residents interviewed by reporters in {capital} said they hoped the two governments would "
    "focus on practical steps rather than speeches, pointing to rising prices and shortages.",
    "Opposition lawmakers in {country} criticised the government for moving too slowly, and several "
    "called for a parliamentary debate on {topic} before any deal is signed.",
    "Markets reacted calmly to the news, with the {demonym} currency little changed on {weekday} "
    "afternoon and bond yields steady.",
]
DAYS = 28  # a corpus spans four weeks of news: one date partition per day
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Person:
    """A named official of a country."""

    name: str
    title: str
    country: tuple[str, str, str]

    @property
    def last(self) -> str:
        return self.name.split()[-1]


def _person(rng: random.Random, country: tuple[str, str, str]) -> Person:
    return Person(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng.choice(TITLES), country)


def _article(index: int, rng: random.Random) -> dict:
    """One article: headline, lead, quotes, reported speech, background, closing reaction."""
    home, other = rng.sample(COUNTRIES, 2)
    topic, topic_phrase, topic2 = rng.choice(TOPICS)
    speaker, rival, third = _person(rng, home), _person(rng, other), _person(rng, rng.choice(COUNTRIES))
    org = rng.choice(ORGANIZATIONS)
    weekday = rng.choice(WEEKDAYS)
    positive = rng.random() < 0.5
    verb_headline = rng.choice(["agree on", "welcome talks on"] if positive else
                               ["clash over", "trade accusations over"])
    title = f"{home[0]} and {other[0]} {verb_headline} {topic_phrase}"
    quote = rng.choice(QUOTES_POSITIVE if positive else QUOTES_NEGATIVE)
    fill = {"topic": topic_phrase, "topic2": topic2, "capital": rng.choice((home[1], other[1])),
            "amount": rng.randint(2, 90), "year": rng.randint(2009, 2022), "org": org,
            "country": home[0], "demonym": home[2], "weekday": weekday}
    background = [text.format(**fill) for text in rng.sample(BACKGROUND, 5)]
    paragraphs = [
        f"{home[1].upper()} - {home[0]} and {other[0]} {'reached an understanding' if positive else 'traded sharp words'} "
        f"on {weekday} over {topic_phrase}, officials in both capitals said, after {rng.randint(2, 9)} "
        f"days of meetings between delegations led by senior ministers.",
        f"\"{quote},\" {home[2]} {speaker.title} {speaker.name} {rng.choice(REPORTING_VERBS)} in "
        f"{home[1]}. {speaker.last} added that {other[0]} {'had shown flexibility' if positive else 'had ignored earlier warnings'} "
        f"on {topic2}.",
        f"{other[2]} {rival.title} {rival.name} {'praised' if positive else 'accused'} {home[0]} "
        f"{'for its willingness to compromise' if positive else 'of acting in bad faith'} and said the "
        f"government in {other[1]} would {'sign the text within weeks' if positive else 'review all cooperation'}.",
        background[0],
        background[1],
        f"According to {rival.last}, {'the deal will benefit farmers and traders on both sides' if positive else 'the measures were taken without any consultation'}. "
        f"\"{rng.choice(QUOTES_NEGATIVE if positive and rng.random() < 0.3 else QUOTES_POSITIVE if positive else QUOTES_NEGATIVE)},\" "
        f"{rival.last} said.",
        background[2],
        f"{org[0].upper()}{org[1:]} {'welcomed' if positive else 'expressed concern about'} the "
        f"developments. Its envoy, {third.name}, told reporters that both sides should "
        f"{'build on the momentum' if positive else 'return to the negotiating table'} and avoid steps "
        f"that could {'undo the progress' if positive else 'escalate tensions'}.",
        background[3],
        f"{third.country[0]} also reacted. {third.country[2]} {third.title} {rng.choice(FIRST_NAMES)} "
        f"{rng.choice(LAST_NAMES)} said {third.country[0]} {'supported' if positive else 'condemned'} "
        f"the {'agreement' if positive else 'escalation'} and called on {other[0]} to "
        f"{'implement it quickly' if positive else 'show restraint'}.",
        background[4],
        f"Further talks are expected in {rng.choice((home[1], other[1]))} next month, when "
        f"technical teams will discuss {topic2} and the timetable for {topic_phrase}.",
    ]
    # Vary length: drop some middle paragraphs, never the lead or the quotes.
    keep = paragraphs[:3] + [p for p in paragraphs[3:-1] if rng.random() < 0.8] + paragraphs[-1:]
    published = dt.date(2024, 3, 1) + dt.timedelta(days=index % DAYS)
    return {"id": f"bench-{index:06d}", "title": title, "published": published.isoformat(),
            "text": "\n\n".join(keep)}


def generate(n: int, seed: int = 8) -> list[dict]:
    """N deterministic articles."""
    rng = random.Random(seed)
    return [_article(i, rng) for i in range(n)]


def write_corpus(folder: str | Path, n: int, seed: int = 8) -> list[dict]:
    """Write N articles as folder/bench-NNNNNN.json; return them."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    articles = generate(n, seed)
    for article in articles:
        (folder / f"{article['id']}.json").write_text(json.dumps(article), encoding="utf-8")
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    articles = write_corpus(args.out, args.n, args.seed)
    words = sum(len(a["text"].split()) + len(a["title"].split()) for a in articles)
    print(f"{len(articles)} articles, {words} words -> {args.out}")


if __name__ == "__main__":
    main()
