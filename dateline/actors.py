"""Actor resolution: entity mentions in one article become actors with role, country, sector, stable ids.

Pipeline side: `configure_pipeline` adds one component after the model's NER: dictionary names of
several words over the model's entities, gazetteer phrases (countries, demonyms, cities from
dateline.countries, plus actor-dictionary aliases) where the model found none, then fixes of the
model's systematic errors (a country labelled NORP, a capital labelled ORG) and splits of
"Tajikistan's President ..." entities. Resolution side: `resolve_actors` clusters the mentions of
one article (titles to roles, surname and first-name forms, acronyms, definite descriptions,
demonym + group noun -> the country), attributes countries and sectors, and marks places that are
only locations.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from dateline import countries as gaz
from dateline.ids import stable_id
from dateline.nlp import Paragraph
from dateline.quotes import paragraph_text

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
ENTITIES_NAME = "dateline_entities"

# Words that make up titles and roles in front of a name ("Afghan deputy prime minister ...").
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "deputy", "foreign", "defense", "defence", "interior",
    "finance", "commerce", "trade", "justice", "health", "economy", "secretary", "general", "state",
    "chancellor", "senator", "sen.", "rep.", "representative", "congressman", "congresswoman",
    "governor", "mayor", "king", "queen", "prince", "princess", "sheikh", "emir", "ambassador",
    "spokesman", "spokeswoman", "spokesperson", "envoy", "special", "chief", "commander", "colonel",
    "lieutenant", "lt.", "gen.", "col.", "maj.", "major", "captain", "capt.", "admiral", "adviser",
    "advisor", "presidential", "leader", "chairman", "chairwoman", "director", "professor", "prof.",
    "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "former", "outgoing", "ousted", "acting",
    "interim", "pm", "secretary-general", "first", "lady", "press", "treasury", "national",
    "security", "senior", "top", "opposition", "supreme", "pope", "cardinal", "archbishop", "bishop",
    "judge", "prosecutor", "attorney", "lawmaker", "mp", "retired", "ex", "coach", "ceo", "sir",
    "lord", "dame", "federal", "assistant", "executive", "provincial", "regional", "army", "military",
    "police", "party", "republican", "democratic", "democrat", "analyst", "officer", "official",
    "vice-president", "co-founder", "founder", "head", "crown", "speaker", "parliamentary",
}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "prof", "madam"}
# Nouns after a demonym that stand for the country itself ("the Tajik government", "Afghan people").
GROUP_NOUNS = {
    "men", "women", "workers", "farmers", "experts", "warplanes", "ships", "jets", "residents",
    "government", "governments", "authorities", "authority", "officials", "official", "people",
    "public", "side", "forces", "force", "troops", "administration", "leadership", "regime", "state",
    "nation", "army", "military", "police", "diplomats", "delegation", "leaders", "lawmakers",
    "soldiers", "navy", "citizens", "nationals", "population", "establishment",
}
# Prepositions whose object is a place, not a participant ("in Afghanistan", "regions bordering X").
LOCATIVE_PREPS = {"in", "at", "near", "across", "into", "throughout", "within", "inside", "outside",
                  "around", "bordering", "through", "along", "beyond", "via", "off", "between",
                  "among", "on", "onto", "over", "outside", "above", "below", "under"}
# Nouns of places a 'between X and Y' names the ends of ('the border between X and Y').
PLACE_NOUNS = {"border", "borders", "frontier", "boundary", "line", "road", "corridor", "area",
               "region", "zone", "sea", "strait", "route", "bridge", "crossing", "river"}
DEFINITE_HEADS = {"president", "minister", "chancellor", "secretary-general", "secretary",
                  "governor", "mayor", "king", "queen", "senator", "ambassador", "envoy",
                  "spokesman", "spokeswoman", "spokesperson", "premier", "leader", "chief"}
# Nouns after a country or demonym that make a separate organisation ("the Myanmar military").
INSTITUTION_NOUNS = {"military", "army", "navy", "police", "parliament", "air force", "junta"}
# Party adjectives labelled NORP by the model ("Republican Representative ...") -> "<X> Party".
PARTY_WORDS = {"republican": "Republican", "republicans": "Republican", "democrat": "Democratic",
               "democrats": "Democratic", "democratic": "Democratic", "conservative": "Conservative",
               "conservatives": "Conservative", "labour": "Labour", "liberal": "Liberal",
               "liberals": "Liberal", "socialist": "Socialist", "socialists": "Socialist",
               "communist": "Communist", "communists": "Communist"}
# Collective descriptions that act like organisations.
COLLECTIVES = {"international community": "international community",
               "global community": "international community"}
JUNK_NAME = re.compile(r"^(?:anti|pro)-|\d")
ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")  # 'UN', 'U.S.', 'NATO' (spaces removed)
CONNECTORS = {"of", "the", "and", "for", "on", "in", "&", "de", "du", "des", "la", "le", "al"}
IGO_CUES = re.compile(
    r"\b(?:United Nations|U\.?N\.?|International (?:Court|Criminal|Monetary|Atomic|Organi[sz]ation)|"
    r"World (?:Bank|Trade|Health|Food)|European (?:Union|Commission|Council|Parliament)|"
    r"African Union|Economic Community|Alliance of .* States|"
    r"(?:Cooperation|Treaty|Co-operation) Organi[sz]ation|Organi[sz]ation (?:of|for) .*"
    r"(?:States|Nations|Countries|Cooperation|Co-operation))\b")

# Sector lexicon (CAMEO/PLOVER-style codes); looked up on lower-cased words.
SECTOR_WORDS = {
    "GOV": "president presidency minister ministry ministries government governments governor mayor "
           "department office administration authorities authority cabinet king queen official "
           "officials secretary chancellor ambassador embassy diplomat diplomats premier junta "
           "prime regime spokesman spokeswoman spokesperson envoy state-run council municipality "
           "emir sheikh prince monarch",
    "MIL": "army military forces troops soldiers soldier navy naval fleet marines general colonel "
           "commander guard brigade battalion warplanes warplane destroyer airforce admiral "
           "lieutenant pentagon",
    "COP": "police policemen policeman cops gendarmerie constabulary",
    "REB": "rebels rebel insurgents insurgent militants militant separatists separatist guerrillas "
           "guerrilla mujahideen jihadists jihadist liberation taliban",
    "PRM": "paramilitary paramilitaries militia militias self-defense",
    "CRM": "gang gangs gangster gangsters cartel cartels criminals criminal thieves thief vandals "
           "smugglers traffickers kidnappers robbers mafia",
    "UAF": "gunmen gunman assailants attackers",
    "SPY": "intelligence spy spies espionage",
    "LEG": "parliament parliamentary senate senator senators congress congressional lawmaker "
           "lawmakers legislature legislative legislator legislators assembly representative "
           "congressman congresswoman mp mps meps",
    "JUD": "court courts judge judges judiciary prosecutor prosecutors tribunal justice attorney",
    "PTY": "party parties",
    "MED": "paramedic paramedics ambulance ambulances hospital hospitals doctors doctor nurses medics",
    "JRN": "journalist journalists reporter reporters newspaper news agency broadcaster media times "
           "journal radio television",
    "EDU": "university universities school schools college professor academics experts expert "
           "scholars researchers institute students teachers",
    "REL": "cleric clerics church imam imams bishop mosque religious muslim christian buddhist "
           "buddhists catholic pope clergy rabbi",
    "LAB": "union unions labor labour",
    "AGR": "farmers farmer agricultural peasants",
    "BUS": "company companies firm firms corporation business businesses bank banks airline "
           "airlines industry investors ceo executives",
    "OPP": "opposition protesters protestors dissidents demonstrators activists",
    "CVL": "people civilians residents citizens villagers public prisoners refugees migrants "
           "population",
}
SECTOR_OF = {word: code for code, words in SECTOR_WORDS.items() for word in words.split()}
ELITE_MARKERS = {"former", "retired", "ex", "ex-", "disgraced", "outgoing"}


@dataclass
class MentionSpan:
    """An actor mention with its position in the body and in its paragraph's Doc."""

    actor_id: str
    label: str
    text: str
    start: int
    end: int
    paragraph: int
    token_start: int
    token_end: int
    is_location: bool = False
    sector: str | None = None


@dataclass
class DictionaryEntry:
    """One user-dictionary actor: canonical name, aliases and the attributes that override resolution."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    wikidata_id: str | None = None
    role: str | None = None


@dataclass
class ActorDictionary:
    """Dictionary entries indexed by normalised alias; later entries override earlier ones."""

    entries: list[DictionaryEntry] = field(default_factory=list)
    by_alias: dict[str, DictionaryEntry] = field(default_factory=dict)

    def add(self, entry: DictionaryEntry) -> None:
        """Index an entry under its name and aliases (replacing earlier entries with those aliases)."""
        self.entries.append(entry)
        for alias in [entry.name, *entry.aliases]:
            self.by_alias[norm_key(alias)] = entry

    def get(self, text: str) -> DictionaryEntry | None:
        """The entry a surface form names, if any."""
        return self.by_alias.get(norm_key(text))


@dataclass
class _Mention:
    """A candidate mention before clustering (offsets are body offsets)."""

    text: str
    start: int
    end: int
    label: str
    paragraph: int
    token_start: int
    token_end: int
    name: str = ""
    role: str | None = None
    country: str | None = None
    locative: bool = False
    sector_words: list[str] = field(default_factory=list)
    cluster: "_Cluster | None" = None
    kind: str = "name"  # name, acronym, description
    headline: bool = False


@dataclass
class _Cluster:
    """One actor inside an article."""

    name: str
    type: str
    country: str | None = None
    role: str | None = None
    sector: str | None = None
    wikidata_id: str | None = None
    fixed: bool = False  # attributes come from the dictionary or the gazetteer
    mentions: list[_Mention] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)
    sector_words: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- normalisation, ids

@functools.lru_cache(maxsize=1 << 16)  # pure and called ~150 times an article on few distinct names
def norm_key(text: str) -> str:
    """Comparison key: NFKC, lower case, no dots/possessives/leading 'the', -isation == -ization."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = text.replace(".", "")
    text = re.sub(r"isation\b", "ization", text)
    text = re.sub(r"[^\w\s&-]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def actor_id_for(name: str, type_: str, country: str | None = None) -> str:
    """Stable actor id from canonical name, type and (except for people) country.

    A person's country is stated in some articles and not in others; a full name already tells
    people apart, so it alone makes the id. An organisation's name often does not ("the Foreign
    Ministry"), so its country is part of the id.
    """
    return stable_id("actor", norm_key(name), type_, "" if type_ == "PERSON" else country or "")


def canonical_name(text: str) -> tuple[str, str | None]:
    """Strip titles and possessives: ('Prime Minister Imran Khan') -> ('Imran Khan', 'Prime Minister')."""
    text = re.sub(r"['\u2019]s$", "", text.strip())
    words = text.split()
    i = 0
    while i < len(words) - 1 and is_title_word(words[i]):
        i += 1
    role = " ".join(w for w in words[:i] if w.lower().rstrip(".") not in HONORIFICS) or None
    return " ".join(words[i:]), role


def is_title_word(word: str) -> bool:
    """Whether a word belongs to a title ('Minister', 'Mr.', 'U.S.' is not)."""
    return word.lower() in TITLE_WORDS or word.lower().rstrip(".") in HONORIFICS


def initials(name: str) -> str:
    """Acronym of a name: 'Shanghai Cooperation Organisation' -> 'SCO'."""
    words = re.split(r"[\s-]+", name.replace("'s", ""))
    return "".join(w[0].upper() for w in words if w and w.lower() not in CONNECTORS and w[0].isalpha())


def sector_for(words: list[str]) -> str | None:
    """Sector code from agent words: the head (last match before 'of'/'in'), else any match."""
    lowered = [w.lower().strip(".,'\u2019") for w in words]
    for cut in ("of", "in", "for", "from"):
        if cut in lowered[1:]:
            head_part = lowered[:lowered.index(cut, 1)]
            break
    else:
        head_part = lowered
    for part in (head_part, lowered):
        for word in reversed(part):
            code = SECTOR_OF.get(word) or SECTOR_OF.get(word.split("-")[-1])
            if code:
                if code == "GOV" and ELITE_MARKERS & set(part):
                    return "ELI"
                return code
    return None


# ---------------------------------------------------------------------------- dictionary

def load_actor_dictionary(path: str | Path | None, include_defaults: bool = True) -> ActorDictionary:
    """Load the default IGO dictionary and then a user YAML or CSV actor file (user entries win)."""
    dictionary = ActorDictionary()
    if include_defaults:
        text = resources.files("dateline").joinpath("data/igos.yaml").read_text(encoding="utf-8")
        for record in yaml.safe_load(text) or []:
            dictionary.add(_entry(record))
    if path is None:
        return dictionary
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle))
    else:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        records = loaded.get("actors", []) if isinstance(loaded, dict) else loaded
    for record in records:
        dictionary.add(_entry(record))
    return dictionary


def _entry(record: dict) -> DictionaryEntry:
    """One dictionary record (YAML mapping or CSV row, aliases as list or '|'-separated) -> entry."""
    if not record.get("name") or not record.get("type"):
        raise ValueError(f"actor dictionary entry needs name and type: {record!r}")
    aliases = record.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in re.split(r"[|;]", aliases) if a.strip()]
    type_ = str(record["type"]).upper()
    if type_ not in ACTOR_LABELS:
        raise ValueError(f"actor dictionary type must be one of {ACTOR_LABELS}: {record!r}")
    return DictionaryEntry(
        name=str(record["name"]).strip(), type=type_, aliases=[str(a) for a in aliases],
        country=(str(record["country"]).strip().upper() or None) if record.get("country") else None,
        sector=(str(record["sector"]).strip().upper() or None) if record.get("sector") else None,
        wikidata_id=str(record["wikidata_id"]).strip() or None if record.get("wikidata_id") else None,
        role=record.get("role") or None)


# ---------------------------------------------------------------------------- spaCy components

if not Doc.has_extension("actor_dictionary"):
    Doc.set_extension("actor_dictionary", default=None)


@Language.factory(ENTITIES_NAME, default_config={})
def _make_entities(nlp: Language, name: str) -> "DatelineEntities":
    return DatelineEntities(nlp)


class DatelineEntities:
    """Dictionary names over the model's entities, gazetteer places it missed, then its known errors.

    One component doing what two EntityRulers and a fix-up pass did, with the same results: the
    entities are set once per Doc instead of three times.
    """

    def __init__(self, nlp: Language) -> None:
        self.tokenizer = nlp.tokenizer
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")  # several-word dictionary names
        self.places = PhraseMatcher(nlp.vocab, attr="ORTH")  # gazetteer and dictionary names
        self.dictionary = ActorDictionary()

    def add_patterns(self, matcher: PhraseMatcher, patterns: list[tuple[str, str]]) -> None:
        """Add (label, text) phrase patterns, tokenized as the model tokenizes text.

        A text of words the tokenizer reads as one token each, single spaces between, is added as
        their hashes: tokenizing ~20,000 names would add their words to the model's vocabulary,
        which slows every later Doc (~4%).
        """
        by_label: dict[str, dict[str, None]] = {}
        for label, text in patterns:
            by_label.setdefault(label, {})[text] = None
        one_token = _OneTokenTest(self.tokenizer)
        for label, texts in by_label.items():
            plain, rest = [], []
            for text in texts:
                words = text.split(" ")
                (plain if all(map(one_token, words)) else rest).append(words)
            words = [[get_string_id(word) for word in words] for words in plain]
            phrases = [doc for doc in self.tokenizer.pipe(" ".join(words) for words in rest) if len(doc)]
            matcher.add(label, words + phrases)

    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_dictionary = self.dictionary
        ents = _overlay(doc, list(doc.ents), self.names(doc), overwrite=True)
        ents = _overlay(doc, ents, self.places(doc), overwrite=False)
        fixed: list[Span] = []
        for ent in ents:
            if fixed and fixed[-1].end == ent.start and gaz.lookup(doc[fixed[-1].start:ent.end].text):
                ent = Span(doc, fixed.pop().start, ent.end, label="GPE")  # 'Burkina' + 'Faso'
            fixed.extend(self._fix(doc, ent))
        doc.ents = fixed
        return doc

    def _fix(self, doc: Doc, ent: Span) -> list[Span]:
        """The corrected entity (or entities) for one model entity."""
        text = re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE)
        entry = self.dictionary.get(text)
        if entry is not None:
            return [Span(doc, ent.start, ent.end, label=entry.type)]
        place = gaz.lookup(text)
        if place is not None:
            if place.kind == "demonym" and ent.label_ in {"GPE", "ORG", "LANGUAGE", "PERSON"}:
                return [Span(doc, ent.start, ent.end, label="NORP")]
            if place.kind == "country" and ent.label_ in {"NORP", "ORG", "PERSON", "LOC", "FAC"}:
                return [Span(doc, ent.start, ent.end, label="GPE")]
            if place.kind != "demonym" and ent.label_ in {"NORP", "ORG", "LOC", "FAC"}:
                return [Span(doc, ent.start, ent.end, label="GPE")]
        for i, token in enumerate(ent[:-1]):
            if token.text in ("'s", "\u2019s") and i > 0:
                head = doc[ent.start:ent.start + i]
                head_place = gaz.lookup(head.text)
                if head_place is not None and head_place.kind != "demonym":
                    rest = Span(doc, ent.start + i + 1, ent.end, label=ent.label_)
                    return [Span(doc, head.start, head.end, label="GPE"), rest]
        return [ent]


class _OneTokenTest:
    """Whether a tokenizer reads a text as exactly one token, decided without tokenizing it."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer, self.special_cases = tokenizer, set(tokenizer.rules or {})

    def __call__(self, text: str) -> bool:
        tokenizer = self.tokenizer
        return bool(text) and not any(char.isspace() for char in text) and not (
            text in self.special_cases
            or tokenizer.token_match is not None and tokenizer.token_match(text)
            or tokenizer.url_match is not None and tokenizer.url_match(text)
            or tokenizer.prefix_search is not None and tokenizer.prefix_search(text)
            or tokenizer.suffix_search is not None and tokenizer.suffix_search(text)
            or tokenizer.infix_finditer is not None
            and next(tokenizer.infix_finditer(text), None) is not None)


def _overlay(doc: Doc, ents: list[Span], matches: list[tuple[int, int, int]],
             overwrite: bool) -> list[Span]:
    """Entities after phrase matches, as spaCy's EntityRuler sets them; sorted by start.

    The longest match first (then the earliest); a match overlapping an earlier match is dropped;
    with `overwrite` a match replaces the entities it overlaps, without it a match touching any
    entity is dropped.
    """
    matches = sorted({(key, start, end) for key, start, end in matches if start != end},
                     key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    if not matches:
        return ents
    covered = {i for ent in ents for i in range(ent.start, ent.end)}
    added: list[Span] = []
    seen: set[int] = set()
    for key, start, end in matches:
        if not overwrite and not covered.isdisjoint(range(start, end)):
            continue
        if start not in seen and end - 1 not in seen:
            added.append(Span(doc, start, end, label=key))
            ents = [e for e in ents if not (e.start < end and e.end > start)]
            seen.update(range(start, end))
    return sorted(ents + added, key=lambda span: span.start)


def configure_pipeline(nlp: Language, actors_file: str | Path | None = None) -> None:
    """Add the dictionary/gazetteer/fix-up entity component after NER; load the actor dictionary."""
    dictionary = load_actor_dictionary(actors_file)
    if ENTITIES_NAME in nlp.pipe_names:
        nlp.remove_pipe(ENTITIES_NAME)
    entities = nlp.add_pipe(ENTITIES_NAME, after="ner" if "ner" in nlp.pipe_names else None)
    entities.dictionary = dictionary
    aliases = [(entry.type, alias) for entry in dictionary.entries
               for alias in [entry.name, *entry.aliases]]
    # A dictionary name of several words replaces the model's entities inside it: 'the Group of
    # Seven' read as 'Group' (ORG) and 'Seven' (CARDINAL) is the one actor the dictionary names.
    entities.add_patterns(entities.names, [(label, alias) for label, alias in aliases
                                           if " " in alias.strip()])
    places = []
    for table, label in ((gaz.countries(), "GPE"), (gaz.cities(), "GPE"), (gaz.demonyms(), "NORP")):
        for name in table:
            if len(name) > 2 or "." in name:
                places.append((label, name))
                if name.isalpha() and len(name) > 3:
                    places.append((label, name.upper()))
    entities.add_patterns(entities.places, places + aliases)


# ---------------------------------------------------------------------------- mention collection

def _locative(span: Span) -> bool:
    """Whether a place mention is only a location: object of a locative preposition, or a dateline."""
    root = span.root
    while root.dep_ in ("compound", "amod", "conj", "appos") and root.head is not root:
        if root.dep_ == "conj" or root.dep_ == "appos" or root.head.pos_ in ("NOUN", "PROPN"):
            root = root.head
        else:
            break
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        if root.head.lower_ in ("between", "among"):  # 'mediated between X and Y': parties;
            governor = root.head.head                  # 'the border between X and Y': places
            return governor.pos_ == "NOUN" and governor.lemma_.lower() in PLACE_NOUNS
        return True
    if root.head.lower_ in ("bordering", "across") and root.dep_ in ("dobj", "pobj"):
        return True
    if span.start == 0 or (span.start == 1 and span.doc[0].is_space):
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and nxt.text in (":", "-", "\u2014", "\u2013"):
            return True
        if nxt is not None and nxt.text == "," and (span.text.isupper() or root.dep_ not in (
                "nsubj", "nsubjpass")):  # 'BELGRADE, Serbia', not 'Egypt, which ..., urged'
            return True
    return False


def _prefix(doc: Doc, ent: Span) -> tuple[list, int]:
    """Title/affiliation tokens right before a name: ('Afghan deputy prime minister' Hanafi)."""
    tokens, i = [], ent.start - 1
    while i >= 0:
        token = doc[i]
        if is_title_word(token.text) or token.text in ("-",) or (
                token.ent_type_ in ("GPE", "NORP", "ORG") and token.ent_iob_ in ("B", "I")):
            if token.ent_type_ in ("GPE", "NORP", "ORG") and token.ent_iob_ in ("B", "I"):
                start = i
                while start > 0 and doc[start].ent_iob_ == "I":
                    start -= 1
                tokens = list(doc[start:i + 1]) + tokens
                i = start - 1
                if i >= 0 and doc[i].text in ("'s", "\u2019s"):
                    continue
                break
            tokens.insert(0, token)
            i -= 1
            continue
        if token.text in ("'s", "\u2019s") and i > 0 and doc[i - 1].ent_type_ in ("GPE", "NORP", "ORG"):
            tokens.insert(0, token)
            i -= 1
            continue
        break
    while tokens and not is_title_word(tokens[-1].text) and tokens[-1].ent_type_ == "ORG":
        tokens = []  # an organisation right before a name without a title word: not a prefix
    return tokens, (tokens[0].i if tokens else ent.start)


def _affiliation_country(tokens) -> str | None:
    """Country named by GPE/NORP entities among tokens."""
    seen = set()
    for token in tokens:
        if token.ent_type_ in ("GPE", "NORP") and token.i not in seen:
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if ent is None:
                continue
            seen.update(range(ent.start, ent.end))
            place = gaz.lookup(ent.text)
            if place is not None and place.country:
                return place.country
    return None


def _appositive(ent: Span) -> list:
    """Tokens of an appositive that describes a person ('X, a Brookings senior fellow')."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            return [t for t in child.subtree if t.i >= ent.end and t.dep_ != "det"][:12]
    if root.dep_ == "appos" and root.head.i < ent.start:
        return [t for t in root.head.subtree if t.i < ent.start and t.dep_ != "det"
                and t.text != ","][-12:]
    return []


def _split_coordination(doc: Doc, ent: Span, dictionary: ActorDictionary,
                        lowers: list[int]) -> list[Span]:
    """'Hazaras & Uzbeks' -> two spans; 'Bosnia and Herzegovina' stays whole (lowers: the doc's
    LOWER ids)."""
    separators = _NORP_SEPARATOR_IDS if ent.label_ == "NORP" else _AND_IDS
    conj = [i for i in range(ent.start, ent.end) if lowers[i] in separators]
    if not conj or gaz.lookup(ent.text) or dictionary.get(ent.text):
        return [ent]
    parts, start = [], ent.start
    for i in [*conj, ent.end]:
        if i > start:
            parts.append(Span(doc, start, i, label=ent.label_))
        start = i + 1
    known = [bool(gaz.lookup(p.text) or dictionary.get(p.text)) for p in parts]
    if ent.label_ == "NORP" or all(known):
        return parts
    if any(known) and all(len(p) == 1 for p in parts):
        demonym = any((gaz.lookup(p.text) or gaz.Place("", None, "")).kind == "demonym" for p in parts)
        return [Span(doc, p.start, p.end, label="NORP" if demonym else ent.label_) for p in parts]
    return [ent]


def _collect(paragraphs: list[Paragraph], body: str) -> tuple[list[_Mention], ActorDictionary]:
    """Candidate mentions of every paragraph with their names, roles, countries and contexts.

    Entity texts are sliced from the paragraph's text as the body holds it: Span.text joins its
    tokens anew (~3 us), Doc.text too (~12 us).
    """
    mentions: list[_Mention] = []
    dictionary = ActorDictionary()
    headline = _is_headline(paragraphs)
    for p_index, para in enumerate(paragraphs):
        doc = para.doc
        configured = _configured_dictionary(doc)
        if configured is not None:
            dictionary = configured
        consumed: set[int] = set()
        ents, coordinated = [], set()
        doc_ents = doc.ents  # read once: each access builds the entity spans
        text = paragraph_text(body, para)
        lowers = doc.to_array(LOWER).tolist()  # each token's lower-case text as a string id
        for ent in doc_ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            parts = _split_coordination(doc, ent, dictionary, lowers)
            if len(parts) > 1:
                coordinated.update(p.start for p in parts)
            ents.extend(parts)
        for ent in ents:
            if ent.label_ == "PERSON":
                prefix, _ = _prefix(doc, ent)
                consumed.update(t.i for t in prefix if t.ent_type_ == "NORP"
                                and t.lower_ not in PARTY_WORDS)
        for ent in ents:
            if ent.start in consumed:
                continue
            ent_text = text[ent.start_char:ent.end_char]  # ent.text
            if (JUNK_NAME.search(ent_text) and not dictionary.get(ent_text)) \
                    or _not_a_name(ent, ent_text):
                continue
            if ent.start >= 2 and lowers[ent.start - 1] == _OF_ID and ent.label_ == "ORG" and \
                    is_title_word(doc[ent.start - 2].text) and len(ent) == 1:
                continue  # 'Secretary of State': part of a title
            mention = _mention_for(doc, ent, p_index, para.start, dictionary,
                                   text, ent.start in coordinated)
            if mention is not None:
                mention.headline = p_index == 0 and headline
                mentions.append(mention)
        mentions.extend(_descriptions(doc, p_index, para.start, doc_ents, lowers))
    return mentions, dictionary


def _configured_dictionary(doc: Doc) -> ActorDictionary | None:
    """doc._.actor_dictionary, read from user_data where spaCy keeps it: doc._ builds a proxy."""
    return doc.user_data.get(("._.", "actor_dictionary", None, None))


def _not_a_name(ent: Span, text: str) -> bool:
    """A single letter ('posted on X'), or an entity the model ran across a sentence break
    ('... on X. Militants ...') (text: ent.text)."""
    letters = text.rstrip(".")
    doc = ent.doc
    return (len(letters) == 1 and letters.isalpha()) or any(
        doc[i].is_sent_start for i in range(ent.start + 1, ent.end))


def _is_headline(paragraphs: list[Paragraph]) -> bool:
    """Whether the first paragraph looks like a headline: short, more paragraphs follow, no final stop.

    A first paragraph ending with a colon ("Joe Biden said:") introduces the next one (a quote),
    so it is text, not a headline.
    """
    if len(paragraphs) < 2:
        return False
    text = paragraphs[0].doc.text.strip()
    return len(text.split()) <= 25 and not text.endswith((".", ":", "\"", "\u201d"))


def _mention_for(doc: Doc, ent: Span, p_index: int, offset: int, dictionary: ActorDictionary,
                 doc_text: str, coordinated: bool = False) -> _Mention | None:
    """One candidate mention from one entity span (doc_text: the Doc's text, to slice from)."""
    label = ent.label_
    if label == "ORG" and _named_title_holder(ent, dictionary):
        label = "PERSON"  # 'Russia's deputy U.N. ambassador, Dmitry Polyanskiy,' tagged ORG
    span = ent
    while len(span) > 1 and span[-1].text in ("'s", "\u2019s", "'", "\u2019"):
        span = span[:-1]
    if span[0].lower_ == "the" and len(span) > 1:
        span = span[1:]
    text = doc_text[span.start_char:span.end_char]
    mention = _Mention(text, offset + span.start_char, offset + span.end_char, label, p_index,
                       span.start, span.end)
    if label == "PERSON":
        name, role = canonical_name(text)
        prefix, _ = _prefix(doc, span)
        title_tokens = [t for t in prefix if is_title_word(t.text)]
        outer_role = " ".join(t.text for t in title_tokens
                              if t.text.lower().rstrip(".") not in HONORIFICS) or None
        appos = _appositive(span)
        mention.name = name or text
        mention.role = role or outer_role or (" ".join(t.text for t in appos) if appos else None)
        mention.country = _affiliation_country(prefix) or _affiliation_country(appos) or \
            _of_country(span)
        mention.sector_words = [w for w in (mention.role or "").split()]
        if not mention.name[:1].isupper():
            return None
    elif label == "NORP":
        place = gaz.lookup(text)
        head = span.root.head
        party = PARTY_WORDS.get(text.lower())
        if party:
            mention.label = "ORG"
            mention.name = f"{party} Party"
            mention.sector_words = ["party"]
        elif place is not None and span.root.dep_ in ("amod", "compound") and head.i >= span.end \
                and head.lower_ in INSTITUTION_NOUNS:
            phrase = doc[span.start:head.i + 1]
            mention = _Mention(phrase.text, offset + phrase.start_char, offset + phrase.end_char,
                               "ORG", p_index, phrase.start, phrase.end)
            mention.name, mention.country = phrase.text, place.country
            mention.sector_words = [head.lower_]
        elif (place is not None and place.kind == "demonym" and span.root.dep_ in ("amod", "compound")
                and head.i >= span.end and head.lower_ in GROUP_NOUNS):
            phrase = doc[span.start:head.i + 1]
            mention = _Mention(phrase.text, offset + phrase.start_char, offset + phrase.end_char,
                               "GPE", p_index, phrase.start, phrase.end)
            mention.name = place.name
            mention.country = place.country
            mention.sector_words = [t.text for t in doc[span.end:head.i + 1]]
        elif (place is not None and place.kind == "demonym" and span.root.dep_ in ("amod", "compound")
                and head.i >= span.end and head.lower_ in DEFINITE_HEADS
                and not (head.i + 1 < len(doc) and doc[head.i + 1].ent_type_ == "PERSON")):
            phrase = doc[span.start:head.i + 1]  # 'the Armenian Prime Minister': a role, no name
            mention = _Mention(phrase.text, offset + phrase.start_char, offset + phrase.end_char,
                               "PERSON", p_index, phrase.start, phrase.end, kind="description")
            mention.name, mention.country = head.lower_, place.country
            mention.role = doc[span.end:head.i + 1].text
            mention.sector_words = mention.role.split()
        elif span.root.dep_ in ("amod", "compound") and head.i >= span.end:
            return None  # a demonym modifying a thing ('Afghan soil'), not a participant
        else:
            ethnic = span.start > 0 and doc[span.start - 1].lower_ == "ethnic"
            if place is not None and place.country and not coordinated and not ethnic:
                mention.label, mention.name = "GPE", place.name  # 'the Russians' -> Russia
            else:
                mention.name = _group_name(text)
            mention.country = place.country if place else None
    else:
        mention.name = text
        place = gaz.lookup(text)
        if label == "GPE" and place is not None:
            mention.country = place.country
            if place.kind == "country":
                mention.name = place.name
        mention.locative = label == "GPE" and _locative(span)
        head = span.root.head
        if label == "GPE" and place is not None and span.root.dep_ == "compound" \
                and head.i == span.end and head.lower_ in INSTITUTION_NOUNS:
            phrase = doc[span.start:head.i + 1]
            mention = _Mention(phrase.text, offset + phrase.start_char, offset + phrase.end_char,
                               "ORG", p_index, phrase.start, phrase.end)
            mention.name, mention.country = phrase.text, place.country
            mention.sector_words = [head.lower_]
            return mention
        if label == "ORG":
            prefix, _ = _prefix(doc, span)
            mention.country = _org_country(text) or _affiliation_country(prefix)
            mention.sector_words = text.split()
            owner = doc[span.start - 2] if span.start >= 2 else None
            if owner is not None and doc[span.start - 1].text in ("'s", "\u2019s") \
                    and owner.ent_type_ == "GPE" and not _org_country(text):
                place = gaz.lookup(owner.text)
                if place is not None and place.kind == "country":
                    mention.name = f"{owner.text}'s {text}"  # 'Afghanistan's Ministry of ...'
                    mention.country = place.country
        if ACRONYM.fullmatch(text.replace(" ", "")):
            mention.kind = "acronym"
    entry = dictionary.get(text) or dictionary.get(mention.name)
    if entry is not None:
        mention.name, mention.label = entry.name, entry.type
    return mention


def _named_title_holder(ent: Span, dictionary: ActorDictionary) -> bool:
    """An entity of two or more capitalised words in apposition to a person's title ('the
    ambassador, X Y,'), not a known organisation: a person, whatever label the model gave it."""
    root = ent.root
    return (root.dep_ == "appos" and root.head.lower_ in DEFINITE_HEADS and len(ent) >= 2
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent)
            and not IGO_CUES.search(ent.text) and dictionary.get(ent.text) is None
            and gaz.lookup(ent.text) is None)


def _group_name(text: str) -> str:
    """Canonical name of a group: the plural demonym ('Tajik' -> 'Tajiks') when the gazetteer has it."""
    if not text.endswith("s") and text + "s" in gaz.demonyms():
        return text + "s"
    return text


def _of_country(span: Span) -> str | None:
    """Country from 'X of Tajikistan' after a name."""
    for child in span.root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.ent_type_ in ("GPE", "NORP"):
                    place = gaz.lookup(obj.text)
                    if place is not None:
                        return place.country
    return None


def _org_country(text: str) -> str | None:
    """Country of an organisation from its name: IGO cues, or a country/demonym/city inside it."""
    if IGO_CUES.search(text):
        return "IGO"
    words = re.split(r"\s+", text.replace("'s", "").replace("\u2019s", ""))
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            place = gaz.lookup(" ".join(words[i:i + size]))
            if place is not None and place.country:
                return place.country
    return None


# The word lists _descriptions reads, as the string ids of Doc.to_array(LOWER): comparing ids
# spares building a Token and its text for every word of the article.
_THE_ID = get_string_id("the")
_TITLE_WORD_IDS = frozenset(get_string_id(word) for word in TITLE_WORDS)
_DEFINITE_HEAD_IDS = frozenset(get_string_id(word) for word in DEFINITE_HEADS)
# Every first part of a collective that a token's text could be (up to one of its spaces).
_COLLECTIVE_FIRST_IDS = frozenset(get_string_id(phrase[:k]) for phrase in COLLECTIVES
                                  for k, char in enumerate(phrase) if char == " ")
_OF_ID = get_string_id("of")
# Tokens that coordinate the parts of an entity (_split_coordination); ',' only in a NORP's.
_AND_IDS = frozenset(get_string_id(word) for word in ("and", "&"))
_NORP_SEPARATOR_IDS = _AND_IDS | {get_string_id(",")}


def _descriptions(doc: Doc, p_index: int, offset: int, doc_ents: tuple[Span, ...],
                  lowers: list[int]) -> list[_Mention]:
    """Definite descriptions such as 'the prime minister' that are not part of a named mention
    (doc_ents: doc.ents, lowers: the doc's LOWER ids)."""
    found: list[_Mention] = []
    # Most paragraphs hold neither a collective's first word nor 'the' + a title word: find
    # those first.
    collective_at = [i for i, lower in enumerate(lowers[:-1]) if lower in _COLLECTIVE_FIRST_IDS]
    the_at = [i for i, (lower, following) in enumerate(zip(lowers, lowers[1:]))
              if lower == _THE_ID and following in _TITLE_WORD_IDS]
    if not collective_at and not the_at:
        return found
    in_ent = {i for ent in doc_ents for i in range(ent.start, ent.end)}
    for i in collective_at:
        phrase = f"{doc[i].lower_} {doc[i + 1].lower_}"
        if phrase in COLLECTIVES and i not in in_ent:
            span = doc[i:i + 2]
            mention = _Mention(span.text, offset + span.start_char, offset + span.end_char, "ORG",
                               p_index, span.start, span.end)
            mention.name = COLLECTIVES[phrase]
            found.append(mention)
    for i in the_at:
        j = i + 1
        while j < len(lowers) and lowers[j] in _TITLE_WORD_IDS and j not in in_ent:
            j += 1
        if j == i + 1 or lowers[j - 1] not in _DEFINITE_HEAD_IDS:
            continue
        if j < len(doc) and (doc[j].ent_type_ == "PERSON" or doc[j].lower_ in ("of", "'s")
                             or doc[j].pos_ == "PROPN"):
            continue  # 'the prime minister Imran Khan' or 'the president of X': not a bare description
        span = doc[i:j]
        mention = _Mention(span.text, offset + span.start_char, offset + span.end_char, "PERSON",
                           p_index, span.start, span.end, kind="description")
        mention.name = doc[j - 1].lower_
        mention.role = doc[i + 1:j].text
        found.append(mention)
    return found


# ---------------------------------------------------------------------------- clustering

def _cluster(mentions: list[_Mention], dictionary: ActorDictionary) -> list[_Cluster]:
    """Group one article's mentions into actors."""
    clusters: list[_Cluster] = []
    by_key: dict[tuple[str, str], _Cluster] = {}

    def attach(mention: _Mention, cluster: _Cluster) -> None:
        mention.cluster = cluster
        cluster.mentions.append(mention)
        if mention.country:
            cluster.countries[mention.country] += 1
        if mention.role and not cluster.role:
            cluster.role = mention.role
        cluster.sector_words.extend(mention.sector_words)

    def new(name: str, type_: str) -> _Cluster:
        cluster = _Cluster(name, type_)
        clusters.append(cluster)
        by_key[(type_, norm_key(name))] = cluster
        return cluster

    names = [m for m in mentions if m.kind == "name"]
    # 1. dictionary and gazetteer names, and full names (two or more words) first
    for mention in sorted(names, key=lambda m: (m.label != "PERSON" or len(m.name.split()) < 2)):
        entry = dictionary.get(mention.text) or dictionary.get(mention.name)
        if entry is not None:
            cluster = by_key.get((entry.type, norm_key(entry.name))) or new(entry.name, entry.type)
            cluster.fixed = True
            cluster.country, cluster.sector = entry.country, entry.sector
            cluster.wikidata_id, cluster.role = entry.wikidata_id, entry.role or cluster.role
            attach(mention, cluster)
            continue
        type_ = mention.label
        if type_ == "GPE":
            place = gaz.lookup(mention.text)
            if place is not None and place.kind == "capital":
                country = gaz.country_name(place.country)
                if country:  # a capital acting: the country's government (metonymy)
                    cluster = by_key.get(("GPE", norm_key(country))) or new(country, "GPE")
                    attach(mention, cluster)
                    continue
        if type_ == "PERSON" and len(mention.name.split()) < 2:
            continue  # short forms are attached in step 2
        if type_ in ("GPE", "ORG", "NORP") and len(mention.name.split()) == 1 \
                and len(mention.text.split()) == 1 and not gaz.lookup(mention.text) \
                and mention.kind == "name" and mention.name[1:].islower():
            continue  # maybe a surname the model mislabelled: step 2 decides
        key = (type_, norm_key(mention.name))
        cluster = by_key.get(key) or _org_variant(by_key, mention) or new(mention.name, type_)
        attach(mention, cluster)
    # 2. surname / first-name forms of people
    people = [c for c in clusters if c.type == "PERSON"]
    for mention in names:
        if mention.cluster is not None:
            continue
        token = norm_key(mention.name)
        candidates = [c for c in people if token in norm_key(c.name).split()]
        if candidates and mention.label != "PERSON":
            mention.label = "PERSON"
        if candidates:
            # several people share the name part: news style keeps the bare surname for the
            # person introduced first (relatives get their full names)
            attach(mention, min(candidates, key=lambda c: min(m.start for m in c.mentions)))
        else:
            key = (mention.label, token)
            attach(mention, by_key.get(key) or new(mention.name, mention.label))
    # 3. acronyms
    for mention in mentions:
        if mention.kind != "acronym" or mention.cluster is not None:
            continue
        letters = mention.text.replace(".", "").replace(" ", "").upper()
        target = next((c for c in clusters if c.type in ("ORG", "GPE") and len(c.name.split()) > 1
                       and initials(c.name) == letters), None)
        if target is None:
            target = by_key.get((mention.label, norm_key(mention.name))) or new(mention.name,
                                                                                 mention.label)
        attach(mention, target)
    _merge_acronym_clusters(clusters)
    # 4. definite descriptions: the most recent person with that title
    for mention in mentions:
        if mention.kind != "description":
            continue
        head = mention.name
        holders = [c for c in clusters if c.type == "PERSON" and c.role
                   and head in c.role.lower().replace("-", " ").split() + [c.role.lower()]
                   and any(m.start < mention.start for m in c.mentions)]
        if holders:
            best = max(holders, key=lambda c: max(m.start for m in c.mentions
                                                  if m.start < mention.start))
            attach(mention, best)
        elif mention.country:  # 'the French President' with no named holder: the country acts
            country = gaz.country_name(mention.country) or mention.country
            cluster = by_key.get(("GPE", norm_key(country))) or new(country, "GPE")
            attach(mention, cluster)
    return [c for c in clusters if c.mentions]


def _org_variant(by_key: dict, mention: _Mention) -> _Cluster | None:
    """An ORG cluster this name is a country-prefixed variant of ('U.S. Congress' ~ 'Congress')."""
    if mention.label != "ORG":
        return None
    key = norm_key(mention.name)
    for (type_, other), cluster in by_key.items():
        if type_ != "ORG" or other == key:
            continue
        longer, shorter = (key, other) if len(key) > len(other) else (other, key)
        if longer.endswith(" " + shorter):
            prefix = longer[:-len(shorter) - 1]
            place = gaz.lookup(prefix.upper()) or gaz.lookup(prefix.title()) or gaz.lookup(prefix)
            if place is not None or prefix in ("un", "us", "uk", "eu"):
                return cluster
    return None


def _merge_acronym_clusters(clusters: list[_Cluster]) -> None:
    """Merge a cluster named by an acronym into the cluster whose name it abbreviates."""
    for small in clusters:
        letters = small.name.replace(".", "").replace(" ", "")
        if not small.mentions or not re.fullmatch(r"[A-Z]{2,6}", letters):
            continue
        for big in clusters:
            if big is not small and big.mentions and big.type == small.type \
                    and len(big.name.split()) > 1 and initials(big.name) == letters:
                for m in small.mentions:
                    m.cluster = big
                big.mentions.extend(small.mentions)
                big.countries.update(small.countries)
                big.fixed = big.fixed or small.fixed
                if small.fixed and not big.country:
                    big.country, big.sector = small.country, small.sector
                small.mentions = []
                break


# ---------------------------------------------------------------------------- public entry point

def resolve_actors(article_id: str, body: str, paragraphs: list[Paragraph]
                   ) -> tuple[list[dict], list[dict], list[MentionSpan]]:
    """Turn entity mentions into actor rows, mention rows and mention spans for one article."""
    mentions, dictionary = _collect(paragraphs, body)
    clusters = _cluster(mentions, dictionary)
    actor_rows: dict[str, dict] = {}
    spans: list[MentionSpan] = []
    mention_rows: list[dict] = []
    seen_offsets: set[tuple[int, int]] = set()
    for cluster in clusters:
        if cluster.type in ("PERSON", "ORG") and not cluster.fixed \
                and all(m.headline for m in cluster.mentions):
            continue  # title-case headline words the model took for names, never seen in the text
        if not cluster.fixed:
            cluster.country = cluster.countries.most_common(1)[0][0] if cluster.countries else None
            if cluster.type == "PERSON":
                cluster.sector = sector_for(cluster.role.split()) if cluster.role else None
            elif cluster.type == "ORG":
                cluster.sector = "IGO" if cluster.country == "IGO" else sector_for(cluster.name.split())
        located = [m.locative for m in cluster.mentions if m.kind == "name"]
        is_location = cluster.type == "GPE" and bool(located) and all(located)
        actor_id = actor_id_for(cluster.name, cluster.type, cluster.country)
        actor_rows[actor_id] = {
            "actor_id": actor_id, "name": cluster.name, "type": cluster.type,
            "country": cluster.country, "role": cluster.role, "sector": cluster.sector,
            "is_location": is_location, "wikidata_id": cluster.wikidata_id,
            "aliases": sorted({m.text for m in cluster.mentions}),
        }
        for m in cluster.mentions:
            if (m.start, m.end) in seen_offsets:
                continue
            seen_offsets.add((m.start, m.end))
            assert body[m.start:m.end] == m.text, (body[m.start:m.end], m.text)
            sector = sector_for(m.sector_words) if m.sector_words else cluster.sector
            spans.append(MentionSpan(actor_id, m.label if m.kind != "description" else "PERSON",
                                     m.text, m.start, m.end, m.paragraph, m.token_start,
                                     m.token_end, is_location or m.locative, sector))
            mention_rows.append({
                "mention_id": stable_id("mention", article_id, m.start, m.end),
                "article_id": article_id, "actor_id": actor_id, "text": m.text,
                "start": m.start, "end": m.end, "label": m.label,
            })
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    return (list(actor_rows.values()), [mention_rows[i] for i in order], [spans[i] for i in order])
