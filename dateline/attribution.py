"""Raw attributions: who said (or did) what, as spans in the text, before actors are resolved."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import (AUX as AUX_ID, NOUN as NOUN_ID, PRON as PRON_ID, PROPN as PROPN_ID,
                           VERB as VERB_ID)
from spacy.tokens import Doc, Span, Token

from dateline.countries import lookup
from dateline.nlp import Paragraph
from dateline.quotes import Quote, find_quotes

# Verbs that introduce speech, writing or a view (lemmas).
SPEECH_VERBS = {
    "say", "tell", "state", "add", "announce", "claim", "accuse", "warn", "urge", "insist", "deny",
    "believe", "tweet", "post", "write", "note", "stress", "argue", "assert", "declare", "explain",
    "report", "reply", "respond", "answer", "ask", "demand", "call", "suggest", "predict", "promise",
    "pledge", "vow", "threaten", "admit", "acknowledge", "confirm", "concede", "complain", "allege",
    "contend", "maintain", "recall", "reiterate", "repeat", "emphasize", "emphasise", "underline",
    "highlight", "indicate", "estimate", "think", "feel", "hope", "fear", "expect", "know", "worry",
    "agree", "disagree", "consider", "see", "view", "regard", "describe", "brand", "label",
    "dismiss", "conclude", "continue", "observe", "remark", "mention", "point", "signal", "tout",
    "boast", "joke", "quip", "caution", "advise", "recommend", "propose", "appeal", "plead",
    "press", "blame", "criticize", "criticise", "condemn", "praise", "welcome", "reject",
    "question", "doubt", "wonder", "reveal", "disclose", "inform", "assure", "reassure", "remind",
    "vowed", "charge", "testify", "contend", "proclaim", "lament", "decry", "cite", "counter",
    "retort", "shout", "write", "post", "recount", "speak", "discuss", "describe", "hint",
    "underscore", "urge", "yell", "scream", "whisper", "mutter", "exclaim", "chant",
    "affirm", "reaffirm", "rule",
    # findings of reports and polls, and what a speaker cites or likens
    "show", "find", "demonstrate", "reference", "express", "voice",
    "liken", "compare", "portray", "characterize", "characterise", "depict",
    # wants, plans and decisions with a clausal complement: 'X wants Y to ...', 'X plans to ...'
    *(ATTITUDE_VERBS := {"want", "plan", "intend", "seek", "aim", "decline", "decide",
                         "wish", "prefer"}),
}
# Acts between actors that carry a stance (lemmas).
ACTION_VERBS = {
    "criticize", "criticise", "condemn", "accuse", "reject", "threaten", "sanction", "attack",
    "praise", "welcome", "thank", "support", "back", "endorse", "blame", "denounce", "slam",
    "oppose", "congratulate", "commend", "hail", "applaud", "defend", "meet", "visit", "host",
    "sign", "agree", "exchange", "talk", "negotiate", "clash", "fight", "urge", "warn", "invite",
    "help", "aid", "assist", "arrest", "detain", "release", "free", "punish", "target", "strike",
    "bomb", "shell", "invade", "recognize", "recognise", "call", "phone", "telephone", "hold",
    "have", "join", "ally", "cooperate", "collaborate", "mediate", "pressure", "press",
    "challenge", "sue", "speak", "partner", "side", "charge", "ban", "expel", "summon", "boycott", "protest", "mock",
    "insult", "dismiss", "question", "blast", "rebuke", "reprimand", "chide", "scold", "fire",
    "appoint", "nominate", "elect", "accept", "honor", "honour", "reward", "fund", "arm", "train",
    "deploy", "kill", "raid", "seize", "capture", "block", "veto", "overrule", "dispute",
    "contest", "deny", "assure", "reassure", "court", "woo", "embrace", "engage", "reach",
    # coercive, legal and diplomatic acts
    "impose", "levy", "extradite", "evacuate", "grant", "deport", "bar", "sentence",
    "convict", "indict", "prosecute", "jail", "imprison", "execute", "order", "suspend",
    "freeze", "revoke", "lift", "withdraw", "recall", "retaliate", "lobby", "persuade", "defy",
    "ignore", "snub", "isolate", "alienate", "oust", "overthrow", "topple", "occupy", "annex",
    "blockade", "besiege", "shoot", "abduct", "kidnap", "hijack", "approve", "adopt", "ratify",
    "disagree", "reset", "restore", "resume", "sever", "cut", "halt", "renew", "extend",
    "offer", "provide", "supply", "sell", "buy", "pay", "compensate", "pardon", "acquit",
    "investigate", "probe", "monitor", "surveil", "spy", "hack", "sabotage", "harass",
    "intimidate", "coerce", "blackmail", "bribe", "thwart", "obstruct", "undermine",
    "betray", "abandon", "desert", "rescue", "protect", "shield", "guard", "escort",
    "attend", "escalate", "double", "finalize", "finalise", "quit", "exit", "rejoin", "create",
    "form", "establish", "refuse", "prohibit", "forbid", "appreciate", "laud", "salute", "value",
}
# Light verbs that form an act with a noun: "hold talks with", "exchange barbs with".
LIGHT_VERBS = {"hold", "have", "exchange", "sign", "reach", "conduct", "make", "place", "launch",
               "impose", "level", "lodge", "file", "express", "voice", "extend", "offer"}
ACT_NOUNS = {"blame", "overture", "pressure", "demand", "appeal", "ultimatum", "offer",
             "talk", "talks", "conversation", "meeting", "call", "barb", "agreement", "deal",
             "accord", "pact", "treaty", "discussion", "negotiation", "sanction", "criticism",
             "accusation", "attack", "strike", "support", "condolence", "congratulation", "thank",
             "protest", "complaint", "charge", "lawsuit", "suit", "memorandum", "dialogue",
             "consultation", "contact", "summit", "exchange", "visit", "warning", "threat"}
# Light verbs that make an act only with an act noun ("hold talks", not "hold a rally").
LIGHT_ONLY = LIGHT_VERBS - {"sign", "launch", "impose", "level", "lodge", "file", "extend",
                            "offer", "exchange"}
# Nouns naming an act whose 'of/on/against' object is the act's target ("the arrest of X").
TARGETED_ACT_NOUNS = {"arrest", "release", "extradition", "deportation", "expulsion", "sanction",
                      "sanctions", "tariff", "tariffs", "duty", "duties", "levy", "ban", "embargo",
                      "restriction", "restrictions", "measure", "measures", "curb", "curbs",
                      "penalty", "penalties", "attack", "attacks", "strike", "strikes", "probe",
                      "investigation", "prosecution", "trial", "detention", "recognition",
                      "support", "aid", "assistance", "funding", "backing", "ouster",
                      "pressure", "blockade", "invasion", "occupation", "pardon", "sale",
                      "criticism", "condemnation", "boycott", "freeze", "suspension", "war",
                      "fight", "campaign", "dispute", "talks", "relations", "ties", "deal",
                      "agreement", "pact", "treaty", "cooperation", "partnership", "alliance"}
# Acts aimed 'at' someone ('fired at Y', 'lashed out at Y'); for other verbs 'at' names a place.
AIMED_AT = {"fire", "shoot", "strike", "hit", "lash", "jab", "swipe", "aim", "target", "rail",
            "laugh", "mock", "sneer", "scoff", "hurl", "throw", "point", "attack", "shout", "yell",
            "bomb", "shell", "protest", "blast", "fume", "bristle", "snap"}
# Entity types that are never the target of an act ("met on Monday").
NON_ACTOR_ENTITY_TYPES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# Acts done together: both actors act on each other.
MUTUAL = {"meet", "talk", "negotiate", "clash", "exchange", "sign", "agree", "cooperate",
          "collaborate", "ally", "fight", "disagree"}
MUTUAL_NOUNS = {"talk", "talks", "conversation", "meeting", "barb", "agreement", "deal", "accord",
                "pact", "treaty", "discussion", "negotiation", "memorandum", "dialogue",
                "consultation", "contact", "summit", "exchange", "call"}
# Nouns that name a statement or view: "X's criticism of Y", "a statement by X".
NOMINAL_CUES = {"criticism", "accusation", "condemnation", "praise", "warning", "threat",
                "claim", "statement", "remark", "remarks", "comment", "comments", "call", "demand",
                "appeal", "denial", "rejection", "support", "endorsement", "allegation", "charge",
                "assertion", "insistence", "pledge", "promise", "vow", "message", "assurance"}
# Nouns naming a message whose author is the real speaker ("a statement from the ministry said").
MESSAGE_NOUNS = {"statement", "report", "letter", "tweet", "post", "communique", "release",
                 "message", "announcement", "notice", "memo", "document", "readout", "transcript",
                 "email", "note", "declaration", "video", "speech", "interview", "filing",
                 "ruling", "order", "decree", "resolution", "website", "spokesman", "spokeswoman",
                 "spokesperson"}
SPOKESPERSON_NOUNS = {"spokesman", "spokeswoman", "spokesperson"}
NEGATIONS = {"not", "never", "n't", "neither", "nor"}
NEGATING_HEADS = {"refuse", "decline", "fail", "deny", "avoid", "stop", "cease", "hesitate"}
ACTOR_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
# Speech verbs whose object noun phrase is what was said: "X stressed the need for talks".
OBJECT_SPEECH = {"announce", "stress", "emphasize", "emphasise", "underline", "highlight",
                 "reiterate", "deny", "demand", "discuss", "reject", "express", "voice",
                 "acknowledge", "confirm", "admit", "propose", "promise", "pledge", "predict",
                 "describe", "question", "raise", "underscore", "call", "repeat", "claim",
                 "dismiss", "recommend", "suggest", "reveal", "disclose", "welcome", "urge",
                 "cite", "mention", "unveil", "outline", "present", "release", "publish",
                 "show"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}


@dataclass
class Speaker:
    """The speaker phrase of an attribution: body offsets plus where it sits in its Doc."""

    start: int
    end: int
    paragraph: int
    head: int  # token index of the phrase's head in the paragraph Doc
    token_start: int
    token_end: int


@dataclass
class Attribution:
    """One attribution found in the text: kind, cue, content span and speaker phrase(s)."""

    kind: str  # direct_quote, indirect, action
    paragraph: int  # paragraph of the content start
    content_start: int  # body offsets
    content_end: int
    cue: Token | None = None
    speakers: list[Speaker] = field(default_factory=list)
    floating: bool = False  # a quote with no cue: the last named speaker said it
    objects: list[Speaker] = field(default_factory=list)  # syntactic objects of an action
    mutual: bool = False
    position: int = 0  # body offset used to order attributions (cue or content)
    # the quoted parts of a split quote ('"A," X said, "B."': A and B, not the frame between)
    parts: list[tuple[int, int]] = field(default_factory=list)

    def fragments(self) -> list[tuple[int, int]]:
        """Body spans of what was said: the parts of a split quote, else the whole content."""
        return list(self.parts) or [(self.content_start, self.content_end)]


# Lemma id -> lower-cased lemma for the Docs find_attributions reads, kept from article to article
# (an id names one string; most inflected words recur), emptied when it grows past the bound.
_LOWER_LEMMAS: dict[int, str] = {}
MAX_LOWER_LEMMAS = 100_000


def find_attributions(body: str, paragraphs: list[Paragraph],
                      quotes: list[Quote] | None = None) -> list[Attribution]:
    """Every quote, reported statement and act found in the article, in text order."""
    quotes = find_quotes(body, paragraphs) if quotes is None else quotes
    docs = [para.doc for para in paragraphs]
    if len(_LOWER_LEMMAS) > MAX_LOWER_LEMMAS:
        _LOWER_LEMMAS.clear()
    for doc in docs:
        facts = _DOC_FACTS[doc] = DocFacts(doc)
        facts.lemmas = _LOWER_LEMMAS
    try:
        return _find_attributions(body, paragraphs, quotes)
    finally:
        for doc in docs:
            _DOC_FACTS.pop(doc, None)


def _find_attributions(body: str, paragraphs: list[Paragraph],
                       quotes: list[Quote]) -> list[Attribution]:
    """find_attributions with the article's quotations found."""
    speech = [q for q in quotes if (q.is_sentential(body) or _framed_short_quote(q, body))
              and _opens_clause(q, body)]
    inside = _QuoteIndex(quotes)
    used_cues: set[tuple[int, int]] = set()
    found = _quote_attributions(body, paragraphs, speech, inside, used_cues)
    for p_index, para in enumerate(paragraphs):
        doc = para.doc
        strings = doc.vocab.strings
        facts = _facts(doc)
        lemmas = facts.lemmas  # lemma id -> lower-cased lemma
        actor_names = None  # indices of named actors (PROPN with an actor entity type), on demand
        # one attribute a to_array call: much faster than three in one
        rows = zip(facts.pos, facts.lowers, facts.lemma_ids)
        for i, (pos, lower, lemma_id) in enumerate(rows):
            # every cue below is a verb or a noun ("according" is tagged a verb too): skip the rest
            if pos not in CUE_POS_IDS and lower != ACCORDING_ID:
                continue
            key = (p_index, i)
            if key in used_cues:
                continue
            if lemma_id in CUE_LEMMAS:
                lemma = CUE_LEMMAS[lemma_id]
            elif lemma_id == lower:  # a lower-case lemma no cue list holds
                lemma = ""
            elif lemma_id in lemmas:
                lemma = lemmas[lemma_id]
            else:
                lemma = lemmas[lemma_id] = strings[lemma_id].lower()
            # each check below returns None unless the token's words fit it: call only those that may
            attribution = None
            if pos == NOUN_ID:  # the noun cues; the verb cues return None on a noun
                if lower == ACCORDING_ID:
                    attribution = _according_to(doc[i], para, p_index)
                if attribution is None and lemma in NOMINAL_CUES:
                    attribution = _nominal(doc[i], para, p_index)
                if attribution is None and (lower in RELATION_NOUN_IDS or lemma in RELATION_NOUNS):
                    attribution = _nominal_relation(doc[i], para, p_index)
            else:  # ...and the noun cues None on anything else
                if lemma in SPEECH_VERBS and (pos == VERB_ID or pos == AUX_ID):
                    attribution = _reported_speech(doc[i], para, p_index, inside)
                if attribution is None and lower == ACCORDING_ID:
                    attribution = _according_to(doc[i], para, p_index)
                if attribution is None and pos == VERB_ID and lemma not in GENERIC_EXCLUDED:
                    token = doc[i]
                    if lemma not in ACTION_VERBS and lemma not in LIGHT_VERBS:
                        # any other verb acts only on a named actor within its phrase
                        if actor_names is None:
                            actor_names = _named_actor_indices(doc, facts.pos)
                        if not _any_between(actor_names, token.left_edge.i, token.right_edge.i):
                            continue
                    attribution = _action(token, para, p_index)
            if attribution is None:
                continue
            quoted = inside.contains(para.start + attribution.cue.idx)
            # inside a quotation only third parties named by the speaker count as speakers
            if quoted and not all(
                    doc[s.head].ent_type_ in ACTOR_ENTITY_TYPES for s in attribution.speakers):
                continue
            used_cues.add(key)
            found.append(attribution)
    _reporters_as_actors(found)
    _floating_to_last_speaker(found)
    found = _without_nested_reports(found)
    found += _headline_colons(paragraphs, used_cues)
    found = _without_transcript_quotes(found)
    found.sort(key=lambda a: (a.position, a.content_start))
    return found


class DocFacts:
    """What the rules read again and again from one paragraph's Doc, built once per token: spaCy
    makes new Token objects (and walks the parse) on every access. (find_attributions keeps one per
    Doc of the article it reads; stance keeps one for the last Doc it read.)"""

    def __init__(self, doc: Doc):
        self.doc = doc
        # One to_array call for all six attributes: one call per attribute costs more.
        table = doc.to_array([POS, LOWER, ENT_TYPE, LEMMA, DEP, HEAD])
        # one tolist call for the id columns (cheaper than one per column); the head offsets are
        # signed, read from their own column
        self.pos, self.lowers, self.ent_types, self.lemma_ids, self.deps = table[:, :5].T.tolist()
        self.head_offsets: list[int] = table[:, 5].view("int64").tolist()  # 0 at a root
        self._offsets: list[int] | None = None
        self.lemmas: dict[int, str] = {}  # lemma id -> lower-cased lemma (see find_attributions)
        self._quote_marks: list[int] | None = None
        self._companion_word: bool | None = None
        self.kids: dict[int, list[Token]] = {}
        self.subtrees: dict[int, list[int]] = {}

    def lemma(self, i: int) -> str:
        """The lower-cased lemma of token i."""
        lemma_id = self.lemma_ids[i]
        lemma = self.lemmas.get(lemma_id)
        if lemma is None:
            lemma = self.lemmas[lemma_id] = self.doc.vocab.strings[lemma_id].lower()
        return lemma

    def offsets(self) -> list[int]:
        """The character offset of every token in the Doc's text (ascending)."""
        if self._offsets is None:
            self._offsets = self.doc.to_array(IDX).tolist()
        return self._offsets

    def has_companion_word(self) -> bool:
        """True when 'along' or 'together' is in the Doc."""
        if self._companion_word is None:
            lowers = self.lowers
            self._companion_word = ALONG_ID in lowers or TOGETHER_ID in lowers
        return self._companion_word

    def children(self, token: Token) -> list[Token]:
        """The token's children, in text order."""
        kids = self.kids.get(token.i)
        if kids is None:
            kids = self.kids[token.i] = list(token.children)
        return kids

    def subtree_ids(self, i: int) -> list[int]:
        """Indices of token i's subtree, in Token.subtree's order."""
        ids = self.subtrees.get(i)
        if ids is None:
            ids = self.subtrees[i] = [t.i for t in self.doc[i].subtree]
        return ids

    def quote_marks(self, lo: int, hi: int) -> int:
        """The number of quotation-mark tokens among tokens lo..hi-1."""
        if hi <= lo:
            return 0
        if self._quote_marks is None:
            # a quotation mark's lower-cased form is the mark itself
            self._quote_marks = [i for i, lower in enumerate(self.lowers)
                                 if lower in QUOTE_CHAR_IDS]
        return bisect_left(self._quote_marks, hi) - bisect_left(self._quote_marks, lo)


# The Docs of the article find_attributions is reading (a Doc hashes and compares by identity;
# dropped when it returns).
_DOC_FACTS: dict[Doc, DocFacts] = {}


def _facts(doc: Doc) -> DocFacts:
    """The memo of a Doc find_attributions is reading (a throwaway one for any other Doc)."""
    return _DOC_FACTS[doc] if doc in _DOC_FACTS else DocFacts(doc)


def _children(token: Token) -> list[Token]:
    """token.children as a list (not to be changed), built once per token while find_attributions
    reads the token's Doc."""
    doc = token.doc
    if doc not in _DOC_FACTS:
        return list(token.children)
    kids, i = _DOC_FACTS[doc].kids, token.i
    if i not in kids:
        kids[i] = list(token.children)
    return kids[i]


def _char_range(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """start_char and end_char of doc[lo:hi] (0 <= lo < hi <= len(doc)) without making the Span."""
    last = doc[hi - 1]
    return doc[lo].idx, last.idx + len(last)


# The parts of speech of the tokens that find_attributions tries as cues.
CUE_POS_IDS = (VERB_ID, AUX_ID, NOUN_ID)
ACCORDING_ID = get_string_id("according")
ACTOR_ENTITY_IDS = {get_string_id(label) for label in ACTOR_ENTITY_TYPES}


def _named_actor_indices(doc: Doc, pos: list[int]) -> list[int]:
    """Indices (ascending) of the proper nouns in a Doc (of these POS ids) in an actor entity."""
    return [i for i, ent in enumerate(_facts(doc).ent_types)
            if ent in ACTOR_ENTITY_IDS and pos[i] == PROPN_ID]


def _any_between(indices: list[int], lo: int, hi: int) -> bool:
    """True when some index of an ascending list lies in [lo, hi]."""
    at = bisect_left(indices, lo)
    return at < len(indices) and indices[at] <= hi


REPORTED_PRONOUNS = {"he": 1, "she": 1, "they": 2, "we": 2, "i": 1}


NESTED_PRONOUNS = {"he", "she", "they", "we", "i", "it"}


def _without_nested_reports(found: list[Attribution]) -> list[Attribution]:
    """Found attributions minus reported speech told inside another statement by a pronoun
    ('X said she thinks Y', 'X added that they plan to Z'): its cue and content lie in the outer
    statement's content, which already holds it. A named third party's report stays ('X said
    Y had warned that Z')."""
    outer = [a for a in found if a.kind in ("indirect", "direct_quote")]
    kept = []
    for a in found:
        if (a.kind == "indirect" and a.cue is not None and a.speakers
                and a.cue.doc[a.speakers[0].head].lower_ in NESTED_PRONOUNS
                and any(b is not a and b.content_start <= a.position < b.content_end
                        and b.content_start <= a.content_start and a.content_end <= b.content_end
                        for b in outer)):
            continue
        kept.append(a)
    return kept


def _floating_to_last_speaker(found: list[Attribution]) -> None:
    """A quote with no frame of its own continues the speaker of the attribution right before
    it, whatever its kind ('X called him a master. "He ..."'), as extract_statements does: quotes
    are attributed before reported speech, so their running speaker only knew earlier quotes."""
    framed = sorted((a for a in found if not a.floating and a.speakers), key=lambda a: a.position)
    for quote in found:
        if not quote.floating:
            continue
        before = [a for a in framed if a.position < quote.content_start]
        if before:
            quote.speakers = list(before[-1].speakers)


def _reporters_as_actors(found: list[Attribution]) -> None:
    """'They will no longer recognise X, the two leaders said': a pronoun acting inside a clause
    reported by named speakers of its sentence is those speakers (the third-person 'I/we')."""
    reports = [a for a in found if a.kind == "indirect" and a.cue is not None and a.speakers]
    for act in found:
        if act.kind != "action" or act.cue is None or len(act.speakers) != 1:
            continue
        head = act.cue.doc[act.speakers[0].head]
        number = REPORTED_PRONOUNS.get(head.lower_)
        if number is None:
            continue
        start = act.speakers[0].start
        for report in reports:
            doc = report.cue.doc
            if (doc is not act.cue.doc or report.cue.sent.start != act.cue.sent.start
                    or not report.content_start <= start < report.content_end):
                continue
            heads = [doc[s.head] for s in report.speakers]
            if any(h.pos_ == "PRON" for h in heads):
                break
            plural = len(heads) > 1 or heads[0].tag_ in ("NNS", "NNPS")
            if plural == (number == 2):
                act.speakers = list(report.speakers)
            break


def _headline_colons(paragraphs: list[Paragraph], used_cues: set) -> list[Attribution]:
    """'Pat Caddell: Voters Worried About ...': a paragraph opened by a name and a colon."""
    found = []
    for p_index, para in enumerate(paragraphs):
        doc = para.doc
        if COLON_ID not in _facts(doc).lowers:
            continue  # no colon to follow a name
        name = _turn_name(doc, headline=p_index == 0)
        if name is None or name.end >= len(doc) or doc[name.end].text != ":":
            continue
        rest = doc[name.end + 1:]
        while len(rest) and rest[-1].text in QUOTE_CHARS:
            rest = rest[:-1]
        if len(rest) < 4 or (p_index, name.end) in used_cues:
            continue
        found.append(Attribution("direct_quote", p_index, para.start + rest.start_char,
                                 para.start + rest.end_char, doc[name.end],
                                 [Speaker(para.start + name.start_char, para.start + name.end_char,
                                          p_index, name.root.i, name.start, name.end)],
                                 position=para.start + rest.start_char))
    return found


def _turn_name(doc: Doc, headline: bool = False) -> Span | None:
    """The name before a paragraph's colon: an actor entity or a capitalised 'WALLACE:'; in a
    headline any short capitalised phrase ('UN Chief: ...', 'Poll: ...'). A dateline
    ('NAIROBI: ...') is no name."""
    name = _turn_name_candidate(doc, headline)
    if name is not None and name.text.isupper() and lookup(name.text) is not None:
        return None
    return name


def _turn_name_candidate(doc: Doc, headline: bool) -> Span | None:
    """The name-like phrase opening a paragraph (see _turn_name)."""
    start = 1 if len(doc) and doc[0].text in QUOTE_CHARS else 0
    ents = [e for e in doc.ents if e.start == start and e.label_ in ACTOR_ENTITY_TYPES]
    if ents and (not headline or ents[0].end < len(doc) and doc[ents[0].end].text == ":"):
        return ents[0]
    if headline:
        end = start
        while end < len(doc) and end - start < MAX_HEADLINE_SOURCE and doc[end].text[:1].isupper() \
                and doc[end].pos_ in ("PROPN", "NOUN"):
            end += 1
        if start < end < len(doc) and doc[end].text == ":":
            return doc[start:end]
    end = start
    while end < len(doc) and end - start < 3 and doc[end].is_upper and doc[end].is_alpha \
            and len(doc[end]) > 1:
        end += 1
    return doc[start:end] if end > start else None


MAX_HEADLINE_SOURCE = 4
COLON_ID = get_string_id(":")


def _without_transcript_quotes(found: list[Attribution]) -> list[Attribution]:
    """A quotation that runs over a transcript's turns is replaced by the turns themselves."""
    turns = [a for a in found if a.cue is not None and a.cue.text == ":"]
    return [a for a in found if not (a.floating and any(
        a.content_start <= t.content_start < a.content_end for t in turns))]


class _QuoteIndex:
    """Membership test: is a body offset inside some quotation?"""

    def __init__(self, quotes: list[Quote]):
        self.spans = [(q.start, q.end) for q in quotes]
        ordered = sorted(self.spans)
        self.starts = [s for s, _ in ordered]
        self.reach = []  # the furthest end among the spans up to each one (in start order)
        for _, e in ordered:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def contains(self, offset: int) -> bool:
        # some span starting at or before the offset ends after it
        opened = bisect_right(self.starts, offset)
        return opened > 0 and self.reach[opened - 1] > offset

    def end_of_quote_opened_in(self, start: int, end: int) -> int:
        """The end of the furthest quote that opens inside [start, end), else end."""
        return max([e for s, e in self.spans if start <= s < end and e > end], default=end)


# ---------------------------------------------------------------- direct quotes

def _quote_attributions(body: str, paragraphs: list[Paragraph], quotes: list[Quote],
                        inside: _QuoteIndex, used_cues: set) -> list[Attribution]:
    """Attribute every speech quote to its cue and speaker; split quotes become one statement."""
    found: list[Attribution] = []
    index = 0
    last: Attribution | None = None
    while index < len(quotes):
        quote = quotes[index]
        para = paragraphs[quote.paragraph]
        end_para = paragraphs[quote.end_paragraph]
        after = _frame_after(quote, end_para, inside)
        before = _frame_before(quote, para, paragraphs, inside)
        cue = None
        signed = _signature(after)
        if signed is not None:  # '"..." ― Jane Roe': a quote signed with a dash and a name
            para_index = quote.end_paragraph
            dash = after[0] if after[0].text in SIGNATURE_DASHES else after[0].doc[after[0].i - 1]
            found.append(Attribution("direct_quote", quote.paragraph, quote.start, quote.end,
                                     dash, [_speaker_span(signed, end_para, para_index)],
                                     position=quote.start))
            used_cues.add((para_index, dash.i))
            last = found[-1]
            index += 1
            continue
        if after and not _after_frame_fits(quote, after, body):
            after = []
        frames = ((after, quote.end_paragraph), (before, None))
        if before and before[-1].text == ":":  # 'X said: "...," adding that ...': the colon's cue
            frames = frames[::-1]
        for frame, p_index in frames:
            if frame:
                frame_para = p_index if p_index is not None else _paragraph_of(frame, paragraphs)
                # '"A," X said, adding, "B"': 'said' already took A; B is the second cue's
                cue = _cue_in([t for t in frame if (frame_para, t.i) not in used_cues],
                              nearest_last=frame is before)
                if cue is not None:
                    cue_para = p_index if p_index is not None else _paragraph_of(frame, paragraphs)
                    break
        content_start, content_end, last_index = quote.start, quote.end, index
        # a split quote: "A," X said, "B." -- the next quote starts right after this frame
        second_cue = cue is not None and any(
            t.i != cue.i and t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS
            and t.lemma_.lower() not in QUOTE_CUE_EXCLUDED for t in after)
        # '"A," X said, adding, "B"': the next quote is the second cue's own
        if cue is not None and after and cue.doc is after[0].doc and not second_cue:
            frame_end = end_para.start + after[-1].idx + len(after[-1])
            while last_index + 1 < len(quotes):
                nxt = quotes[last_index + 1]
                gap = body[frame_end:nxt.start]
                if nxt.paragraph != quote.end_paragraph or len(gap.strip(" ,.;:—-\"“”'`")) > 0:
                    break
                content_end, last_index = nxt.end, last_index + 1
                frame_end = nxt.end
        if cue is not None:
            speakers = _speakers_of(cue, paragraphs, cue_para)
            inside_quote = [sp for sp in speakers if inside.contains(sp.end - 1)]
            if (not speakers or inside_quote) and cue_para == quote.end_paragraph and cue in after:
                speakers = _inverted_speaker(cue, after, end_para, cue_para)
            negated = _is_negated(cue)
            used_cues.add((cue_para, cue.i))
            if negated:
                index = last_index + 1
                continue
            parts = [(q.start, q.end) for q in quotes[index:last_index + 1]]
            attribution = Attribution("direct_quote", quote.paragraph, content_start, content_end,
                                      cue, speakers, position=content_start,
                                      parts=parts if len(parts) > 1 else [])
        elif (named := _verbless_colon_frame(before)) is not None:
            # 'Jane Roe, in a post on X: "..."': a name and a colon, no verb
            attribution = Attribution(
                "direct_quote", quote.paragraph, content_start, content_end, before[-1],
                [_speaker_span(named, paragraphs[_paragraph_of(before, paragraphs)],
                               _paragraph_of(before, paragraphs))], position=content_start)
        elif not before and not after or _stands_alone(quote, paragraphs, inside):
            attribution = Attribution("direct_quote", quote.paragraph, content_start, content_end,
                                      None, list(last.speakers) if last else [], floating=True,
                                      position=content_start)
        else:
            index = last_index + 1
            continue
        found.append(attribution)
        if attribution.speakers:
            last = attribution
        index = last_index + 1
    return found


def _verbless_colon_frame(frame: list[Token]) -> Token | None:
    """The name heading a frame of a name and a colon with no verb ('Jane Roe, in a post on
    X:', 'The ministry in a statement:'), else None."""
    if not frame or frame[-1].text != ":" or any(t.pos_ in ("VERB", "AUX") for t in frame):
        return None
    first = next((t for t in frame if not t.is_punct), None)
    if first is None:
        return None
    ent = next((e for e in first.doc.ents if e.start == first.i
                or (e.start == first.i + 1 and first.lower_ == "the")), None)
    if ent is None or ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
        return None
    return ent.root


def _inverted_speaker(cue: Token, frame: list[Token], para: Paragraph,
                      p_index: int) -> list[Speaker]:
    """Speaker of a quote frame the parse got wrong: a name after the cue, before it, or 'he'."""
    named = [e for e in cue.doc.ents if e.label_ in ("PERSON", "ORG")
             and frame[0].i <= e.start and e.end - 1 <= frame[-1].i]
    after = [e for e in named if e.start > cue.i]
    before = [e for e in named if e.end <= cue.i]
    if after or before:  # else the nearest name before it ('X's spokesman, Jane Roe, told')
        return [_speaker_span((after[0] if after else before[-1]).root, para, p_index)]
    pronoun = next((t for t in frame if t.i < cue.i and t.pos_ == "PRON"
                    and t.lower_ in FRAME_PRONOUNS), None)  # '"...," he said'
    return [_speaker_span(pronoun, para, p_index)] if pronoun is not None else []


FRAME_PRONOUNS = {"he", "she", "they", "we", "i"}


SIGNATURE_DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}


def _signature(frame: list[Token]) -> Token | None:
    """The name that signs a quote ('"..." ― Jane Roe'): a dash, then only a person's name."""
    if not frame:
        return None
    glued = frame[0].doc[frame[0].i - 1] if frame[0].i > 0 else None  # '...”―' read as one token
    if len(frame) >= 2 and frame[0].text in SIGNATURE_DASHES:
        frame = frame[1:]
    elif not (glued is not None and glued.text[-1:] in SIGNATURE_DASHES
              and glued.text[:-1] in QUOTE_CHARS):
        return None
    rest = [t for t in frame if not t.is_punct and not t.is_space]
    if not rest or len(rest) > 6:
        return None
    ents = [e for e in frame[0].doc.ents if e.start <= rest[0].i < e.end]
    if not ents or ents[0].label_ not in ("PERSON", "ORG") or ents[0].end - 1 < rest[-1].i - 1:
        return None
    return ents[0].root


def _paragraph_of(tokens: list[Token], paragraphs: list[Paragraph]) -> int:
    """Index of the paragraph whose Doc holds these tokens."""
    doc = tokens[0].doc
    return next(i for i, p in enumerate(paragraphs) if p.doc is doc)


def _after_frame_fits(quote: Quote, frame: list[Token], body: str) -> bool:
    """'"...," X said' always; after a full stop only a short 'X said.' frame counts."""
    last = body[quote.end - 1:quote.end + 1]
    if any(ch in ",?!\u2014-" for ch in last) or body[quote.end:quote.end + 2].lstrip("\"\u201d")[:1] == ",":
        return True
    inner = body[quote.start:quote.end].rstrip("'\u2019\u2018 ")  # '"We say, 'It ...,'" X said'
    if inner[-1:] in (",", "?", "!"):  # the hand-over comma before a nested quote's closing mark
        return True
    return len(frame) <= 7 and frame[0].text[:1].islower() or (
        len(frame) <= 5 and any(t.lemma_.lower() in ("say", "add", "tell") for t in frame[:3]))


# Tokens of a frame after a quote: enough for a long apposition before the cue ('"...," Jane Roe,
# director of X and a professor at Y of Z, said of W.'), so that the cue is found and a quote
# right after the frame joins the first as a split quote.
MAX_FRAME_AFTER = 35


def _frame_after(quote: Quote, para: Paragraph, inside: _QuoteIndex) -> list[Token]:
    """Non-quoted tokens after the closing mark up to the sentence end or the next quote."""
    if not quote.closed and quote.end >= para.start + len(para.doc.text) - 1:
        return []
    frame = []
    doc = para.doc
    first = bisect_right(_facts(doc).offsets(), quote.end - para.start)  # the first token after it
    for i in range(first, len(doc)):
        token = doc[i]
        pos = para.start + token.idx
        if inside.contains(pos):
            break
        if token.is_space:  # a non-breaking space between the closing mark and '― Name'
            continue
        if token.text in QUOTE_CHARS:
            if frame:
                break
            continue
        frame.append(token)
        if token.text in SENTENCE_END_TOKENS and len(frame) > 1:
            break
    return frame[:MAX_FRAME_AFTER]


def _frame_before(quote: Quote, para: Paragraph, paragraphs: list[Paragraph],
                  inside: _QuoteIndex) -> list[Token]:
    """Non-quoted tokens before the opening mark back to the sentence start or previous quote.

    A quote that opens its paragraph takes the previous paragraph's last sentence as frame when
    that sentence ends with a colon ("Caddell continued:").
    """
    frame = []
    doc = para.doc
    last = bisect_left(_facts(doc).offsets(), quote.start - para.start) - 1  # the last token before
    for i in range(last, -1, -1):
        token = doc[i]
        pos = para.start + token.idx
        if inside.contains(pos):
            break
        if token.text in QUOTE_CHARS:
            if frame:
                break
            continue
        if token.text in SENTENCE_END_TOKENS:
            break
        frame.insert(0, token)
    if frame or quote.paragraph == 0:
        return frame[-25:]
    previous = paragraphs[quote.paragraph - 1]
    doc = previous.doc
    last = next((doc[i] for i in range(len(doc) - 1, -1, -1) if not doc[i].is_space), None)
    if last is not None and last.text == ":":
        sent = last.sent
        return [t for t in sent if not inside.contains(previous.start + t.idx)
                and t.text not in QUOTE_CHARS][-25:]
    return []


QUOTE_CHARS = set("\"\u201c\u201d\u201e\u00ab\u00bb") | {"''", "``"}
QUOTE_CHAR_IDS = {get_string_id(mark) for mark in QUOTE_CHARS}
SENTENCE_END_TOKENS = {".", "?", "!"}


def _framed_short_quote(quote: Quote, body: str) -> bool:
    """'"It's over," she said': a short quote whose comma or mark hands over to a speech frame."""
    text = body[quote.start:quote.end].rstrip()
    handover = (text[-1:] + body[quote.end:quote.end + 1]).strip()
    return len(text.split()) >= 2 and handover[-1:] in (",", "?", "!")


def _opens_clause(quote: Quote, body: str) -> bool:
    """True when the quote starts a sentence or follows a colon or comma (not a phrase in a clause)."""
    before = body[:quote.start].rstrip(" \"\u201c\u201e\u00ab\u201d'`")
    return not before or before[-1] in ".?!:,\n\u2014"


def _stands_alone(quote: Quote, paragraphs: list[Paragraph], inside: _QuoteIndex) -> bool:
    """True when the quote is a whole sentence (not a phrase quoted inside the writer's clause)."""
    para = paragraphs[quote.paragraph]
    local = quote.start - para.start
    before = para.doc.text[:local].rstrip(" \"\u201c\u201e\u00ab'`")
    return not before or before[-1] in ".?!:"


def _cue_in(frame: list[Token], nearest_last: bool = False) -> Token | None:
    """The speech verb of a quote's frame, or an 'according to' preposition: the first one of a
    frame after the quote, the last (nearest) one of a frame before it ('when questioned,
    asserting, "..."')."""
    for token in frame:
        if token.lemma_.lower() == "accord" or token.text.lower() == "according":
            return token
    candidates = [t for t in frame if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH_VERBS
                  and t.lemma_.lower() not in QUOTE_CUE_EXCLUDED
                  # 'the statement read: "..."' (the tagger may call this 'read' a noun)
                  or t.lower_ in MESSAGE_VERBS and any(
                      c.dep_ == "nsubj" and c.lemma_.lower() in MESSAGE_NOUNS for c in _children(t))]
    if not candidates:
        return None
    return candidates[-1] if nearest_last else candidates[0]


# Verbs that quote a message when a message is their subject ('the statement read: "..."').
MESSAGE_VERBS = {"read", "reads"}


# Lexicon verbs that do not introduce a quotation on their own.
QUOTE_CUE_EXCLUDED = {"see", "view", "regard", "consider", "know", "feel", "hope", "expect",
                      "point", "press", "charge", "speak", "discuss", "cite", "worry",
                      "signal", "indicate", "estimate", "fear", "think", "believe",
                      *ATTITUDE_VERBS}


# ---------------------------------------------------------------- speakers

# 'accused Y of doing', 'praised Y for doing', 'stopped Y from doing': the object does it.
OBJECT_CONTROL_PREPOSITIONS = {"of", "for", "from", "on"}


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, climbing through conjunction, auxiliaries, xcomp and parataxis."""
    seen = 0
    while verb is not None and seen < 4:
        seen += 1
        for child in _children(verb):
            if child.dep in SUBJECT_DEP_IDS:  # ids: no label string built per child
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head
                return child
        for aux in _children(verb):  # "X had ... underscored": the parser hangs X on the auxiliary
            if aux.dep == AUX_DEP_ID and aux.i < verb.i:
                held = next((c for c in _children(aux) if c.dep_ == "nsubj"), None)
                if held is not None:
                    return held
        agent = _agent(verb)
        if agent is not None:
            return agent
        for child in _children(verb):
            if child.dep == NSUBJPASS_ID and verb.lemma_ not in ACTION_VERBS:
                return None
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        if verb.dep_ == "pcomp" and verb.head.head.pos_ == "VERB":  # 'X joined Y in calling'
            governor = verb.head.head
            quoted = next((c for c in _children(governor) if c.dep_ == "nsubjpass"), None)
            if quoted is not None and verb.head.lower_ == "as":
                return quoted  # 'X was quoted (by Y) as saying': X speaks
            doer = next((c for c in _children(governor) if c.dep_ == "dobj"), None)
            if doer is not None and verb.head.lower_ in OBJECT_CONTROL_PREPOSITIONS and seen == 1:
                # 'accused Y of shelling Z', 'thanked Y for helping': Y acts (not a verb that only
                # hangs there by coordination, often the parser's 'accused Y of A and called on B')
                return doer
            verb = governor
            continue
        if verb.dep_ == "acl" and verb.i > verb.head.i:  # 'issued a statement saying ...'
            noun = verb.head
            if noun.lemma_.lower() in MESSAGE_NOUNS:
                author = _message_author(noun)
                if author.i != noun.i:
                    return author
                if noun.dep_ == "dobj":
                    verb = noun.head
                    continue
                return noun
            if noun.ent_type_ in ACTOR_ENTITY_TYPES:
                return noun
            return None
        if verb.dep_ in ("conj", "xcomp", "parataxis", "advcl", "aux", "ccomp") and verb.head is not verb:
            if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in _children(verb)) and not (
                    verb.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in _children(verb))):
                return None  # 'if X says', not 'X marched while chanting': the main clause's
            if verb.dep_ == "ccomp" and verb.i > verb.head.i:
                return None
            matrix = _matrix_speech_verb(verb)
            verb = matrix if matrix is not None else verb.head
            continue
        return None
    return None


def _in_leading_participle(token: Token) -> bool:
    """True for a verb in (the to-complement of) a bare past participle opening the sentence
    ('Asked whether ...', 'Asked to describe ...'): words put to the subject, not said by it."""
    node = token
    while node.dep_ == "xcomp" and node.head is not node:
        node = node.head
    return (node.tag_ == "VBN" and node.dep_ == "advcl" and node.i < node.head.i
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in _children(node)))


def _matrix_speech_verb(verb: Token) -> Token | None:
    """For a speech verb joined by ', and' to a verb inside another speech verb's clause ('X said
    Y had a duty ..., and accused Z'), the outer speech verb: the parser's usual misattachment."""
    if verb.dep_ != "conj" or verb.lemma_.lower() not in SPEECH_VERBS or any(
            c.dep_ in ("nsubj", "nsubjpass", "mark") for c in _children(verb)):
        return None  # '..., and that he might ...', '..., and Y replied': not the outer speaker
    facts = _facts(verb.doc)
    heads, deps, governor = facts.head_offsets, facts.deps, verb.head.i
    joiners = [j for j in range(governor + 1, verb.i) if j + heads[j] == governor
               and deps[j] in JOINER_DEP_IDS]
    if [verb.doc[j].text for j in joiners[-2:]] != [",", "and"]:
        return None
    node = verb.head
    while node.dep_ in ("xcomp", "conj", "advcl", "prep", "pobj", "pcomp", "dobj") and node.head is not node:
        node = node.head
    if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS and node.head.i < verb.i:
        return node.head
    return None


JOINER_DEP_IDS = {get_string_id("cc"), get_string_id("punct")}
# Dependency labels the speaker and act rules test on every child, as ids.
SUBJECT_DEP_IDS = {get_string_id("nsubj"), get_string_id("csubj")}
AUX_DEP_ID, AGENT_ID, POBJ_ID = get_string_id("aux"), get_string_id("agent"), get_string_id("pobj")
NSUBJPASS_ID = get_string_id("nsubjpass")
OBJECT_DEP_IDS = {get_string_id("dobj"), get_string_id("dative")}
PASSIVE_DEP_IDS = {NSUBJPASS_ID, get_string_id("auxpass")}
NOMINAL_POS_IDS = {PROPN_ID, NOUN_ID, PRON_ID}


def _agent(verb: Token) -> Token | None:
    """The 'by X' agent of a passive verb."""
    for child in _children(verb):
        if child.dep == AGENT_ID:
            for pobj in _children(child):
                if pobj.dep == POBJ_ID:
                    return pobj
    return None


def _speakers_of(cue: Token, paragraphs: list[Paragraph], p_index: int) -> list[Speaker]:
    """Speaker phrases of a cue: its subject and the subject's conjuncts, or 'according to X'."""
    if cue.text.lower() == "according":
        head = next((g for c in _children(cue) if c.lower_ == "to" for g in _children(c)
                     if g.dep_ == "pobj"), None)
    else:
        head = _subject(cue)
        if head is not None and _across_quote(head, cue) and not _opens_quote(cue):
            head = _frame_subject(cue)  # the parser hung the subject inside the quotation
        if head is None:
            head = _name_before(cue)
    if head is None:
        return []
    head = _message_author(head)
    para = paragraphs[p_index]
    spans = [_speaker_span(h, para, p_index)
             for h in [head, *_conjuncts(head), *_companions(cue, head)]]
    clause = cue  # 'X, who want(ed) to ...': climb from the cue to its relative clause
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "relcl" and clause.head.i == head.i:
        relative = next((c for c in _children(clause) if c.dep_ == "nsubj"
                         and c.lower_ in RELATIVE_PRONOUNS and c.i > spans[0].token_end - 1), None)
        if relative is not None:
            first = spans[0]  # 'X, who said ...': the phrase runs on to the relative pronoun
            first.token_end = relative.i + 1
            first.end = para.start + relative.idx + len(relative)
    return spans


def _across_quote(head: Token, cue: Token) -> bool:
    """True when one side of a quotation lies between a subject and its cue: an odd number of
    quotation marks (a whole quoted phrase, 'X called it "a farce" and said', is even)."""
    lo, hi = sorted((head.i, cue.i))
    return _facts(head.doc).quote_marks(lo + 1, hi) % 2 == 1


def _opens_quote(cue: Token) -> bool:
    """'X had "underscored the need ..."': a quotation that opens right at the cue verb (or its
    auxiliaries and adverbs) quotes the speaker's words; the subject before it is outside."""
    facts = _facts(cue.doc)  # read by index: no Token built per step
    heads, deps = facts.head_offsets, facts.deps
    i = cue.i - 1
    while i > 0 and i + heads[i] == cue.i and deps[i] in CUE_MODIFIER_DEP_IDS:
        i -= 1
    return i >= 0 and facts.lowers[i] in QUOTE_CHAR_IDS  # a mark's lower case is the mark


CUE_MODIFIER_DEP_IDS = {get_string_id(dep) for dep in ("aux", "advmod", "neg")}


def _frame_subject(cue: Token) -> Token | None:
    """The name next to a quote's cue outside the quotation: '...," Rep. Jane Doe, told VOA'
    (back to the closing mark), else '...," said Jane Doe, an adviser' (on to the sentence end)."""
    doc = cue.doc
    if _facts(doc).quote_marks(0, cue.i) % 2 == 1:
        return None  # the cue itself is quoted
    before = []
    for token in reversed(doc[:cue.i]):
        if token.text in QUOTE_CHARS or token.text in SENTENCE_END_TOKENS:
            break
        before.insert(0, token)
    after = []
    for token in doc[cue.i + 1:]:
        if token.text in QUOTE_CHARS or token.text in SENTENCE_END_TOKENS:
            break
        after.append(token)
    for run in (before, after):
        inside = {t.i for t in run}
        roots = [t for t in run if t.pos_ in ("PROPN", "NOUN", "PRON")
                 and (t.head.i not in inside or t.head.i == t.i)]
        if roots:
            return roots[0]
    return None


def _name_before(cue: Token) -> Token | None:
    """'..., the firm's lawyer, Jane Roe, said': a name right before a cue the parser left bare."""
    if cue.i == 0 or cue.dep_ not in ("ROOT", "conj") or cue.lemma_.lower() not in SPEECH_VERBS:
        return None
    previous = cue.doc[cue.i - 1]
    if previous.text == ",":
        previous = cue.doc[previous.i - 1] if previous.i > 0 else previous
    ent = next((e for e in cue.doc.ents if e.start <= previous.i < e.end), None)
    if ent is None or ent.label_ not in ("PERSON", "ORG") or ent.end - 1 != previous.i:
        return None
    return ent.root


def _message_author(head: Token) -> Token:
    """For 'a statement from the ministry said', the author of the message, else the head."""
    if head.lemma_.lower() not in MESSAGE_NOUNS or head.lemma_.lower() in SPOKESPERSON_NOUNS:
        return head  # 'the ministry spokesman' may be a person named before: resolved later
    named = next((c for c in _children(head) if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if named is not None:  # 'the ministry's statement, ... Paul Ardent, said': the named person
        return named
    for child in _children(head):
        if child.dep_ == "poss":
            return child
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of", "for"):
            for pobj in _children(child):
                if pobj.dep_ == "pobj":
                    return pobj
        if child.dep_ == "compound" and child.ent_type_ in ("ORG", "GPE", "PERSON", "NORP"):
            return child
        if child.dep_ == "acl":
            agent = _agent(child)
            if agent is not None:
                return agent
    return head


def _companions(verb: Token, subject: Token) -> list[Token]:
    """'X, along with Y, did Z' / 'X did Z together with Y': named actors acting with the subject."""
    if not (_facts(verb.doc).has_companion_word() or _facts(subject.doc).has_companion_word()):
        return []  # neither word in the paragraph
    found = []
    for holder in (verb, subject):
        for prep in _children(holder):
            if prep.dep_ == "prep" and prep.lower_ in ("along", "together"):
                for with_ in _children(prep):
                    if with_.dep_ == "prep" and with_.lower_ == "with":
                        found += [g for g in _children(with_) if g.dep_ == "pobj"
                                  and g.ent_type_ in ACTOR_ENTITY_TYPES]
    return [c for g in found for c in [g, *_conjuncts(g)] if c.ent_type_ in ACTOR_ENTITY_TYPES]


ALONG_ID, TOGETHER_ID = get_string_id("along"), get_string_id("together")


def _conjuncts(token: Token) -> list[Token]:
    """Tokens coordinated with this one ('X, Y and Z': spaCy chains Z under Y)."""
    found = []
    for child in _children(token):
        if child.dep == CONJ_ID and child.pos in NOMINAL_POS_IDS:
            found += [child, *_conjuncts(child)]
    return found


def _speaker_span(head: Token, para: Paragraph, p_index: int) -> Speaker:
    """The phrase around a speaker head: its subtree without relative clauses or conjuncts."""
    facts = _facts(head.doc)
    deps = facts.deps
    h = head.i
    ids = [h]  # token indices of the phrase
    for child in facts.children(head):
        c = child.i
        if deps[c] in SPEAKER_CUT_DEP_IDS and c > h:
            if deps[c] == PREP_ID and child.lower_ in ("of", "for", "at", "in", "from"):
                ids.extend(facts.subtree_ids(c))
            continue
        ids.extend(facts.subtree_ids(c))
    # nor a clause on a noun inside the phrase ('many of the people who were expelled from X')
    clauses = {t for c in ids if c > h and deps[c] in CLAUSE_DEP_IDS for t in facts.subtree_ids(c)}
    ids = [t for t in ids if t not in clauses] or ids
    lo = min(ids)
    hi = max(ids) + 1
    start, end = _char_range(para.doc, lo, hi)
    return Speaker(para.start + start, para.start + end, p_index, h, lo, hi)


# Dependencies that end a speaker phrase after its head (a 'prep' of 'of/for/at/in/from' stays).
SPEAKER_CUT_DEP_IDS = {get_string_id(dep) for dep in ("conj", "cc", "relcl", "acl", "punct", "prep")}
PREP_ID = get_string_id("prep")
CLAUSE_DEP_IDS = {get_string_id("relcl"), get_string_id("acl")}


def _is_negated(cue: Token) -> bool:
    """'did not say', 'never claimed', 'refused to say', 'if X says': not a statement."""
    for c in _children(cue):
        dep, lower = c.dep, c.lower  # ids
        if dep == NEG_ID or lower in NEGATION_IDS or dep == MARK_ID and lower in CONDITION_IDS:
            return True
    if cue.dep_ == "xcomp" and (cue.head.lemma_.lower() in NEGATING_HEADS
                                or any(c.dep_ == "neg" for c in _children(cue.head))):
        return True
    return False


NEG_ID, MARK_ID = get_string_id("neg"), get_string_id("mark")
NEGATION_IDS = {get_string_id(word) for word in NEGATIONS}
CONDITION_IDS = {get_string_id(word) for word in ("if", "unless", "whether")}
MAX_NEGATION_CLIMB = 8
# Speech verbs whose complement is said to be untrue.
DENIAL_VERBS = {"deny"}


def _under_negated_speech(token: Token) -> bool:
    """True inside the complement of a negated speech verb ('X did not say that Y ...') or of a
    denial ('X denied that Y ...')."""
    doc = token.doc
    facts = _facts(doc)
    heads = facts.head_offsets
    node, steps = token.i, 0
    # climb by index (spaCy makes a new Token object per access). The climb is bounded: a
    # negated speech verb governs its complement closely, and long run-on sentences are deep.
    while heads[node] != 0 and steps < MAX_NEGATION_CLIMB:
        child, node, steps = node, node + heads[node], steps + 1
        lemma = facts.lemma(node)
        if lemma in SPEECH_VERBS and _is_negated(doc[node]):
            return True
        if (lemma in DENIAL_VERBS and facts.pos[node] == VERB_ID
                and facts.deps[child] in COMPLEMENT_OR_OBJECT_IDS):
            return True  # 'X denied that Y sold arms to Z': an act said not to have happened
    return False


COMPLEMENT_OR_OBJECT_IDS = {get_string_id("ccomp"), get_string_id("dobj")}


# ---------------------------------------------------------------- reported speech

COMPLEMENT_DEPS = ("ccomp", "xcomp", "oprd")
COMPLEMENT_DEP_IDS = {get_string_id(dep) for dep in COMPLEMENT_DEPS}
# Speech verbs whose 'to'/'-ing' complement is no statement: 'continued to push' (aspect),
# 'would consider naming' (deliberation); 'continued, "..."' and 'considers that ...' are.
ASPECT_VERBS = {"continue", "consider"}
# Verbs whose 'as/of/for' phrase carries what is said: 'sees Y as Z', 'accused Y of Z'.
AS_OF_FOR_VERBS = {"see", "view", "regard", "describe", "accuse", "blame", "call", "criticize",
                   "criticise", "praise", "thank", "condemn", "consider", "brand", "label",
                   "dismiss", "charge", "urge", "press", "demand", "appeal", "ask", "cite",
                   "mention", "reference", "portray", "characterize", "characterise", "depict",
                   "warn"}


def _reported_speech(token: Token, para: Paragraph, p_index: int,
                     inside: _QuoteIndex) -> Attribution | None:
    """'X said (that) ...', 'X urged Y to ...', 'X sees Y as ...', 'X accused Y of ...'."""
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS or token.pos_ not in ("VERB", "AUX"):
        return None
    children = _children(token)
    if any(c.dep == NSUBJPASS_ID for c in children) or _under_negated_speech(token):
        return None  # "Y was praised by X" is an act; "X did not say Y ..." reports nothing
    if _passive_participle(token):
        return None  # 'X, accused of Y', 'X stands accused of Y': X is accused, not accusing
    if _asked_of_you(token):
        return None  # 'Do you really think that ...?': a question put to someone, not a view
    if _in_leading_participle(token):
        return None  # 'Asked whether ..., X said': the question put to X is not X's statement
    parts = [c for c in children if c.dep in COMPLEMENT_DEP_IDS
             and not (c.dep_ == "xcomp" and (c.pos_ == "AUX" or lemma in ASPECT_VERBS))]
    if lemma in ATTITUDE_VERBS:  # a finite 'X wants/plans/refused to Z', not 'for refusing to'
        if token.dep_ not in ("ROOT", "conj", "ccomp", "relcl", "parataxis") or not any(
                c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" for c in parts):
            return None
    if lemma in AS_OF_FOR_VERBS:
        parts += [c for c in children if c.dep == PREP_ID and c.lower_ in ("as", "of", "for")]
    if not parts and lemma in AS_OF_FOR_VERBS:  # 'sees the move as ...': 'as' hung on the object
        parts = [c for c in children if c.dep_ == "dobj" and c.i > token.i
                 and any(g.dep_ == "prep" and g.lower_ == "as" for g in _children(c))]
    if lemma in ("liken", "compare"):
        parts += [c for c in children if c.dep == PREP_ID and c.lower_ == "to"]
    if not parts and lemma in OBJECT_SPEECH:
        parts = [c for c in children if c.dep_ == "dobj" and c.i > token.i
                 and c.pos_ == "NOUN" and c.right_edge.i - c.left_edge.i >= 2]
        if lemma == "call":
            parts += [c for c in children if c.dep == PREP_ID and c.lower_ == "for"]
        if parts and _object_actor(parts):
            return None  # an act toward a named actor: left to _action
    if not parts:
        return _parenthetical(token, para, p_index)
    if _is_negated(token):
        return None
    if any(c.dep_ in ("xcomp", "prep", "oprd") for c in parts):  # "urged Y to", "called Y Z": Y too
        parts += [c for c in children if c.i > token.i and (
            c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ == "on")]  # 'called on Y to Z'
    # the content is the subtrees of these tokens (and these single tokens): read its extent from
    # their edges, not token by token
    whole: list[Token] = list(parts)
    single: list[int] = []
    top = max(part.right_edge.i for part in parts)
    whole += [c for c in children if c.dep_ == "advcl" and c.i > top
              and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in _children(c))]
    # 'warned Y of Z if W': the condition is part of the warning
    if not any(c.dep_ in ("ccomp", "xcomp") for c in parts) or lemma in ATTITUDE_VERBS:
        single.append(token.i)  # 'praised Y for Z', 'rejected claims that Z': a nominal complement
        # does not read as a claim without its verb; nor does 'wants to Z', 'refused to Z'
    doc = para.doc
    if lemma in ATTITUDE_VERBS:  # 'Norland wants to Z', 'X has sought to Z': the act with its actor
        whole += [c for c in children if c.i < token.i and c.dep_ in ("aux", "neg", "advmod")]
        subject = next((c for c in children if c.dep_ == "nsubj" and c.i < token.i
                        and c.ent_type_ in ACTOR_ENTITY_TYPES), None)
        if subject is not None and all(t.head.i == token.i for t in doc[subject.i + 1:token.i]):
            whole.append(subject)  # 'Norland wants to Z': a named actor's aim
    if any(c.dep_ == "oprd" for c in parts):  # 'called Y "Z" in a statement': a verbless clause
        single.append(token.i)
        whole += [c for c in children if c.i > token.i
                  and c.dep_ not in ("conj", "cc", "punct", "advcl", "parataxis")]
    if _opens_quote(token):
        single.append(token.i)  # 'X had "underscored the need ..."': the quoted words start here
    lo = min([c.left_edge.i for c in whole] + single)
    hi = max([c.right_edge.i for c in whole] + single) + 1
    deps = _facts(doc).deps
    roots = {c.i for c in whole}
    for i in range(lo, hi):  # 'said Y had a duty ..., and accused Z': the accusation is not said
        if deps[i] != CONJ_ID or not (i in single or _under_any(doc[i], roots)):
            continue
        verb = doc[i]
        if getattr(_matrix_speech_verb(verb), "i", None) == token.i:
            hi = min(hi, verb.head.i + 1 + next(
                i for i, t in enumerate(verb.doc[verb.head.i + 1:verb.i]) if t.text == ","
                and t.head.i == verb.head.i))
    hi = _without_trailing_aside(doc, lo, hi, token)
    while hi > lo and doc[hi - 1].is_punct:
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "mark"):
        lo += 1
    if hi - lo < 2:
        return None
    speakers = _speakers_of(token, [para] * (p_index + 1), p_index)
    if not speakers:
        return None
    start, end = _char_range(doc, lo, hi)
    start, end = para.start + start, para.start + end
    # 'X said that she will "do A. Then B."': the quotation opened in the complement runs on
    end = inside.end_of_quote_opened_in(start - 2, end)
    return Attribution("indirect", p_index, start, end, token, speakers,
                       position=para.start + token.idx)


def _under_any(token: Token, roots: set[int]) -> bool:
    """True when the token or one of its ancestors has an index in roots."""
    node = token
    while node.i not in roots:
        head = node.head
        if head.i == node.i:
            return False
        node = head
    return True


def _passive_participle(verb: Token) -> bool:
    """A past participle without auxiliary that describes what its noun or subject undergoes:
    'X, accused of Y, ...', 'X stands accused of Y', 'Accused of Y, X ...'."""
    return (verb.tag_ == "VBN" and verb.dep_ in ("acl", "acomp", "xcomp", "oprd", "advcl")
            and not any(c.dep_ in ("aux", "auxpass") for c in _children(verb))
            and _agent(verb) is None
            # 'the letter called X a Y' read as a participle: a message does not undergo speech
            and not (verb.dep_ == "acl" and verb.head.lemma_.lower() in MESSAGE_NOUNS))


ASIDE_OPENERS = {",", "\u2014", "\u2013", "--", "(", "\u2015"}
MIN_CONTENT_BEFORE_ASIDE = 3
ASIDE_DEP_IDS = {get_string_id(dep) for dep in ("relcl", "advcl", "acl")}
CONJ_ID = get_string_id("conj")


def _without_trailing_aside(doc: Doc, lo: int, hi: int, cue: Token) -> int:
    """End of a reported content without the writer's aside that closes it: a non-restrictive
    relative clause ('..., who has not been charged') or a participle clause ('..., signalling
    its reluctance') set off by a comma or dash and running to the end of the content."""
    deps = _facts(doc).deps
    for i in range(lo, hi):
        # only a relative clause or a participle is an aside: the rest is skipped unread
        if deps[i] not in ASIDE_DEP_IDS or i == cue.i:
            continue
        token = doc[i]
        if token.right_edge.i < hi - 1:
            continue
        start = token.left_edge.i
        if start - 1 < lo + MIN_CONTENT_BEFORE_ASIDE or doc[start - 1].text not in ASIDE_OPENERS:
            continue
        relative = token.dep_ == "relcl" and doc[start].lower_ in ("which", "who", "whose", "whom")
        participle = token.dep_ in ("advcl", "acl") and token.tag_ in ("VBG", "VBN") and start == token.i
        if relative or participle:
            return start - 1
    return hi


def _asked_of_you(verb: Token) -> bool:
    """True for a verb whose subject is 'you' in a sentence that ends with a question mark."""
    if not any(c.dep == NSUBJ_ID and c.lower == YOU_ID for c in _children(verb)):
        return False
    last = [t for t in verb.sent if not t.is_space and t.text not in QUOTE_CHARS]
    return bool(last) and last[-1].text == "?"


NSUBJ_ID, YOU_ID = get_string_id("nsubj"), get_string_id("you")


# Speech verbs that do not frame a clause as a parenthetical ("you know", "I see").
NOT_PARENTHETICAL = {"see", "know", "view", "regard", "consider", "continue", "point", "press",
                     "charge", "speak", "discuss", "cite", "call", "question", "describe",
                     "remind", "mention", "label", "brand", "dismiss", "welcome", "praise",
                     "condemn", "criticize", "criticise", "blame", "reject", "accuse", "urge",
                     "demand", "ask", "answer", "signal", "inform", "thank", "wonder",
                     *ATTITUDE_VERBS}


def _parenthetical(token: Token, para: Paragraph, p_index: int) -> Attribution | None:
    """'Y, X said, will Z' and 'As X noted, Y': the speech verb frames the clause it hangs on."""
    head = token.head
    if head.i == token.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if token.lemma_.lower() in NOT_PARENTHETICAL and not any(
            c.dep_ == "prt" and c.lower_ == "out" for c in _children(token)):
        return None
    if token.dep_ == "advcl":
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in _children(token)):
            return None
    elif token.dep_ != "parataxis":
        return None
    if _is_negated(token) or not any(c.dep_ in ("nsubj", "nsubjpass") for c in _children(token)):
        return None
    frame = {t.i for t in token.subtree}
    rest = [t for t in head.subtree if t.i not in frame and not t.is_punct]
    if len(rest) < 3:
        return None
    before = [t for t in rest if t.i < min(frame)]
    after = [t for t in rest if t.i > max(frame)]
    if not before or not after:  # the frame opens or closes the clause: content is the rest
        rest = before or after
    lo, hi = rest[0].i, rest[-1].i + 1
    speakers = _speakers_of(token, [para] * (p_index + 1), p_index)
    if not speakers or hi - lo < 3:
        return None
    start, end = _char_range(para.doc, lo, hi)
    return Attribution("indirect", p_index, para.start + start, para.start + end, token, speakers,
                       position=para.start + token.idx)


def _object_actor(parts: list[Token]) -> bool:
    """True when an object phrase is headed by a named actor."""
    return any(p.ent_type_ in ACTOR_ENTITY_TYPES for p in parts)


def _according_to(token: Token, para: Paragraph, p_index: int) -> Attribution | None:
    """'..., according to X': the rest of the sentence is X's statement."""
    if token.lower_ != "according":
        return None
    to = next((c for c in _children(token) if c.lower_ == "to"), None)
    source = next((g for g in _children(to) if g.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    phrase = [t.i for t in token.subtree]
    sent = token.sent
    # the sentence's tokens before and after the phrase, by index: Tokens only for the longer side
    left, right = range(sent.start, min(phrase)), range(max(phrase) + 1, sent.end)
    doc = para.doc
    side = [doc[i] for i in (left if len(left) >= len(right) else right)]
    side = [t for t in side if not t.is_punct or t.text in "%$"]
    if len(side) < 3:
        return None
    start, end = _char_range(para.doc, side[0].i, side[-1].i + 1)
    speaker = _speaker_span(_message_author(source), para, p_index)
    return Attribution("indirect", p_index, para.start + start, para.start + end, token, [speaker],
                       position=para.start + token.idx)


def _nominal(token: Token, para: Paragraph, p_index: int) -> Attribution | None:
    """'X's criticism of Y', 'a warning by X': a noun naming a statement with its author."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in NOMINAL_CUES:
        return None
    author = None
    for child in _children(token):
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            author = child
        elif child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            author = next((g for g in _children(child) if g.dep_ == "pobj"), author)
    if author is None or author.pos_ not in ("PROPN", "NOUN"):
        return None
    tokens = list(token.subtree)
    lo, hi = tokens[0].i, tokens[-1].i + 1
    if hi - lo < 3:
        return None
    authored = {t.i for t in author.subtree}
    said = [t for t in tokens if t.i not in authored and t.i != token.i and not t.is_punct
            and t.dep_ not in ("det", "case", "amod", "compound", "prep", "agent")]
    if not said:  # 'Norland's assertions', 'a statement from the ministry': no content named
        return None
    start, end = _char_range(para.doc, lo, hi)
    kind = "action" if token.lemma_.lower() in ("criticism", "condemnation", "praise", "support",
                                                 "rejection", "endorsement", "accusation") \
        else "indirect"
    objects = [_speaker_span(g, para, p_index) for c in _children(token)
               if c.dep_ == "prep" and c.lower_ in ("of", "against", "on", "for", "to")
               for g in _children(c) if g.dep_ == "pobj"]
    return Attribution(kind, p_index, para.start + start, para.start + end,
                       token, [_speaker_span(author, para, p_index)], objects=objects,
                       position=para.start + token.idx)


# Nouns naming a relation or act between actors: "X's backing of Y", "the clash between X and Y",
# "X's efforts to improve ties with Y".
RELATION_NOUNS = {"clash", "clashes", "dispute", "talks", "talk", "ties", "relations", "relationship",
                  "rift", "tension", "tensions", "feud", "row", "spat", "standoff", "rivalry",
                  "backing", "support", "cooperation", "partnership", "alliance", "agreement",
                  "deal", "pact", "meeting", "criticism", "condemnation", "praise", "sanctions",
                  "pressure", "curbs", "ban", "crackdown", "attack", "attacks", "offensive",
                  "negotiations", "dialogue", "rapprochement", "reconciliation", "confrontation",
                  "conflict", "war", "accusation", "accusations"}
RELATION_NOUN_IDS = {get_string_id(noun) for noun in RELATION_NOUNS}
# Reactions whose author a 'from' names ('drew criticism from X', 'praise from X').
REACTION_NOUNS = {"criticism", "condemnation", "praise", "accusation", "accusations", "backing",
                  "support", "pressure"}
MUTUAL_RELATIONS = {"clash", "clashes", "dispute", "talks", "talk", "ties", "relations",
                    "relationship", "rift", "tension", "tensions", "feud", "row", "spat",
                    "standoff", "rivalry", "cooperation", "partnership", "alliance", "agreement",
                    "deal", "pact", "meeting", "negotiations", "dialogue", "rapprochement",
                    "reconciliation", "confrontation", "conflict", "war"}
MAX_RELATION_CLIMB = 3
# Nouns counting or grouping what follows 'of': 'a series of disputes', 'a wave of attacks'.
PARTITIVE_NOUNS = {"series", "number", "host", "wave", "string", "round", "spate", "set",
                   "couple", "range", "flurry", "raft", "slew", "year", "decade", "history"}


def _nominal_relation(token: Token, para: Paragraph, p_index: int) -> Attribution | None:
    """'X's backing of Y', 'talks between X and Y', 'X's efforts to improve ties with Y'."""
    lemma = token.lower_
    if token.pos_ == "NOUN" and lemma not in RELATION_NOUNS:
        lemma = token.lemma_.lower()  # 'disputes', 'rifts': the singular names the relation
    if token.pos_ != "NOUN" or lemma not in RELATION_NOUNS:
        return None
    named = [t for t in _children(token) if t.dep == PREP_ID and t.lower_ in (
        "of", "with", "against", "on", "between", "to", "for", "from", "by")]
    if any(p.lower_ == "from" for p in named) and any(p.lower_ == "to" for p in named):
        named = [p for p in named if p.lower_ not in ("from", "to")]  # 'conflicts from X to Y'
    reaction = lemma in REACTION_NOUNS and any(p.lower_ == "from" for p in named)
    others: list[Token] = []
    parties: list[Token] = []
    reactors: list[Token] = []
    for prep in named:
        for g in _children(prep):
            if g.dep_ != "pobj" or g.ent_type_ not in ACTOR_ENTITY_TYPES:
                continue
            group = [g, *(c for c in _conjuncts(g) if c.ent_type_ in ACTOR_ENTITY_TYPES)]
            if prep.lower_ in ("between", "by"):
                parties += group
            elif prep.lower_ == "from" and reaction:
                reactors += group  # 'criticism from X and Y': each criticises
            elif lemma not in MUTUAL_RELATIONS or prep.lower_ in ("with", "to"):
                others += group  # 'talks on Y' names a topic, 'talks with Y' a party
    if not (others or parties or reactors):
        return None  # an author alone names no relation: spare the climb below
    author = None
    node, steps = token, 0
    while steps <= MAX_RELATION_CLIMB:
        author = next((c for c in _children(node) if c.dep_ == "poss" and c.pos_ == "PROPN"
                       and c.ent_type_ in ACTOR_ENTITY_TYPES), None)
        if author is None and node.i == token.i:  # 'U.S. sanctions on Y', 'Ankara military backing'
            author = next((c for c in _children(node) if c.dep_ in ("compound", "nmod")
                           and c.pos_ == "PROPN" and c.ent_type_ in ACTOR_ENTITY_TYPES), None)
        if author is not None or node.head.i == node.i or node.dep_ not in ("dobj", "xcomp", "acl", "pobj", "prep"):
            break
        node, steps = node.head, steps + 1
    if author is None:
        node = token
    else:
        parties = [author, *parties]
    if reactors and not parties:
        if not others and token.dep_ == "dobj":
            # 'X vetoed Z, drawing criticism from Y': the reaction is aimed at the one who drew it
            drawn_by = _subject(token.head)
            if drawn_by is not None and drawn_by.ent_type_ in ACTOR_ENTITY_TYPES:
                others = [drawn_by]
        parties = reactors
        if not others:
            return None
        speakers, objects, mutual = parties, others, False
    elif len(parties) >= 2:
        speakers, objects, mutual = parties, [], True
    elif parties and others:
        speakers, objects, mutual = parties[:1], others, lemma in MUTUAL_RELATIONS
    else:
        return None
    tokens = [t for n in (node, token) for t in n.subtree]
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in (
            PARTITIVE_NOUNS):  # 'a series of disputes between X and Y': the whole phrase
        tokens += [t for t in token.head.head.subtree if t.i <= token.right_edge.i]
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    if hi - lo < 3:
        return None
    start, end = _char_range(para.doc, lo, hi)
    return Attribution("action", p_index, para.start + start, para.start + end,
                       token, [_speaker_span(h, para, p_index) for h in speakers],
                       objects=[_speaker_span(o, para, p_index) for o in objects], mutual=mutual,
                       position=para.start + token.idx)


# ---------------------------------------------------------------- acts between actors

def _action(token: Token, para: Paragraph, p_index: int) -> Attribution | None:
    """'X criticised Y', 'Y was praised by X', 'X held talks with Y', 'X and Y exchanged barbs'."""
    # every test returns None or goes on, so the cheap ones on the verb's own words come first
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma in GENERIC_EXCLUDED:
        return None
    listed = lemma in ACTION_VERBS
    if lemma in ("speak", "talk") and token.tag_ == "VBG" and token.dep_ == "advcl":
        return None  # 'Speaking to reporters, X said ...': the setting of a statement
    children = _children(token)
    if any(c.dep == AUX_DEP_ID and c.lower_ in POSSIBILITY_MODALS for c in children):
        return None  # 'X could shutter Y', 'X can help Y': a possibility, not an act
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in REQUEST_VERBS:
        return None  # 'urged Y to accept Z': an act asked for, not done
    objects: list[Token] = []
    mutual = lemma in MUTUAL
    light_noun = None
    passive = any(c.dep in PASSIVE_DEP_IDS for c in children)
    agent = _agent(token)
    if passive and agent is None:
        return None
    if passive:
        objects += [c for c in children if c.dep_ == "nsubjpass"]
    else:
        for child in children:
            dep = child.dep  # an id: no label string built per child
            if dep in OBJECT_DEP_IDS:
                if child.lemma_.lower() in ACT_NOUNS and lemma in LIGHT_VERBS:
                    light_noun = child
                    mutual = mutual or child.lemma_.lower() in MUTUAL_NOUNS
                    objects += _prep_objects(child)
                else:
                    objects.append(child)
                    if child.lemma_.lower() in TARGETED_ACT_NOUNS or child.lower_ in TARGETED_ACT_NOUNS:
                        objects += _prep_objects(child, ("of", "on", "against", "to", "with"))
            elif dep == PREP_ID and (child.lower_ in ("with", "against", "to", "on",
                                                      "for", "over", "from")
                                     or child.lower_ == "at" and lemma in AIMED_AT):
                objects += [g for g in _children(child) if g.dep == POBJ_ID]
    if lemma in LIGHT_ONLY and light_noun is None:
        return None
    objects = [o for obj in objects for o in [obj, *_conjuncts(obj)]
               if o.ent_type_ not in NON_ACTOR_ENTITY_TYPES]
    objects += [m for o in objects if o.ent_type_ not in ACTOR_ENTITY_TYPES for m in _owners(o)]
    named_only = not listed and light_noun is None  # any other verb links two named actors only
    if named_only:
        objects = [o for o in objects if o.ent_type_ in ACTOR_ENTITY_TYPES and o.pos_ == "PROPN"]
        if not objects:
            return None
    subject = agent if passive else _subject(token)
    if subject is None:
        return None
    subject = _message_author(subject)
    if named_only and subject.ent_type_ not in ACTOR_ENTITY_TYPES:
        return None
    heads = [subject, *_conjuncts(subject), *_companions(token, subject)]
    if not objects and len(heads) < 2:
        if not (mutual and is_pair_phrase(subject)):  # 'the two leaders met': each other
            return None
    if _is_negated(token) or _under_negated_speech(token):
        return None  # checked last: the costliest test, and most verbs fail the ones above
    speakers = [_speaker_span(h, para, p_index) for h in heads]
    lo = min(token.i, *(s.token_start for s in speakers if s.paragraph == p_index))
    hi = token.i + 1
    for child in children:
        if child.dep_ in ("conj", "cc", "punct", "parataxis", "advcl", "ccomp") and child.i > token.i:
            continue
        hi = max(hi, child.right_edge.i + 1)
    if lo > token.i:
        lo = token.i
    start, end = _char_range(para.doc, lo, hi)
    return Attribution("action", p_index, para.start + start, para.start + end,
                       token, speakers,
                       objects=[_speaker_span(o, para, p_index) for o in objects],
                       mutual=mutual, position=para.start + token.idx)


# Modals that make an act a mere possibility or advice ('will' still announces one).
POSSIBILITY_MODALS = {"can", "could", "would", "should", "might", "may", "must", "ca"}


# Verbs that ask someone else to act: their 'to' complement is not an act done.
REQUEST_VERBS = {"urge", "ask", "call", "press", "demand", "encourage", "invite", "want",
                 "tell", "pressure", "appeal", "plead", "implore", "push", "beg", "expect"}


# Plural nouns that name two actors introduced before: 'the two presidents', 'both countries'.
PAIR_NOUNS = {"leader", "president", "minister", "country", "nation", "side", "government",
              "state", "party", "neighbour", "neighbor", "ally", "rival", "capital", "man",
              "official", "diplomat", "counterpart"}


def is_pair_phrase(head: Token) -> bool:
    """'the two leaders', 'both countries', 'the pair': a plural noun phrase naming two parties."""
    if head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in PAIR_NOUNS:
        return False
    return any((c.dep_ == "nummod" and c.lower_ in ("two", "2"))
               or (c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both")
               for c in _children(head))


# Verbs too plain to make an act between two actors.
GENERIC_EXCLUDED = {"be", "have", "say", "tell", "include", "become", "mention", "name", "leave",
                    "go", "come", "live", "return", "travel", "fly", "arrive", "base", "locate",
                    "bear", "bring", "take", "give", "make", "get", "put", "set", "know", "report",
                    "refer", "quote", "cite", "interview"}


def _owners(noun: Token) -> list[Token]:
    """Named actors that own or qualify a thing acted on ('blocked the Turkish sale')."""
    return [c for c in _children(noun) if c.dep_ in ("poss", "amod", "compound")
            and c.ent_type_ in ACTOR_ENTITY_TYPES and c.i < noun.i]


def _prep_objects(noun: Token, preps: tuple[str, ...] = ("with", "against", "to", "on",
                                                          "between")) -> list[Token]:
    """Objects of 'with/against/to' prepositions on an act noun ('talks with Y')."""
    return [g for c in _children(noun) if c.dep == PREP_ID and c.lower_ in preps
            for g in _children(c) if g.dep == POBJ_ID]


def span_text(span: Span) -> str:
    """Text of a span (helper for debugging and tests)."""
    return span.text


# The lower-case lemmas of the cue lists that find_attributions checks, by id (an id not here
# needs a look-up unless it is the token's lower-cased word).
CUE_LEMMAS = {get_string_id(word): word for word in (
    *NOMINAL_CUES, *RELATION_NOUNS, *SPEECH_VERBS, *GENERIC_EXCLUDED, *ACTION_VERBS, *LIGHT_VERBS)
    if word == word.lower()}
