"""Statement extraction: quotes, reported speech and acts, attributed to resolved actors."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.attrs import DEP, ORTH, POS, TAG
from spacy.parts_of_speech import NOUN, PROPN
from spacy.strings import get_string_id

from dateline.actors import MentionSpan, is_title_word
from dateline.attribution import (MUTUAL, SPOKESPERSON_NOUNS, Attribution, Speaker,
                                  find_attributions, is_pair_phrase)
from dateline.countries import lookup
from dateline.ids import stable_id
from dateline.nlp import Paragraph
from dateline.quotes import find_quotes
from dateline.stance import Stance, classify_stance, harmonize_stances
from schemas.tables import STATEMENTS

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
# Common nouns naming an organisation: "the ministry", "the group", "the government".
ORG_NOUNS = {"ministry", "government", "office", "department", "group", "party", "agency",
             "organization", "organisation", "council", "movement", "committee", "administration",
             "embassy", "army", "military", "court", "police", "commission", "regime", "union",
             "company", "firm", "bank", "alliance", "coalition", "campaign", "parliament",
             "cabinet", "authority", "authorities", "militants", "rebels", "bloc", "team",
             "board", "federation", "association", "institute", "foundation", "network",
             "league", "force", "forces", "junta", "state", "country", "nation", "kingdom",
             "republic", "delegation", "mission", "secretariat", "body", "tribunal", "service"}
GOVERNMENT_NOUNS = {"government", "administration", "authorities", "authority", "regime", "state",
                    "country", "nation", "kingdom", "republic", "junta", "cabinet"}
# Person titles: "the spokesman", "the minister" resolve to an actor holding that role.
TITLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "minister", "president", "leader",
               "envoy", "ambassador", "secretary", "chief", "premier", "chancellor", "king",
               "queen", "prince", "governor", "mayor", "senator", "general", "commander",
               "director", "chairman", "chairwoman", "chair", "head", "prosecutor", "judge",
               "lawmaker", "candidate", "nominee", "founder", "son", "daughter", "wife",
               "husband", "lawyer", "attorney", "adviser", "advisor", "official", "diplomat",
               "pope", "emir", "sheikh", "cleric", "ceo", "publisher", "activist",
               "representative", "negotiator", "rapporteur", "investigator", "analyst",
               "expert", "professor", "researcher", "economist", "commissioner", "deputy"}
# Words for armed forces: 'the army' also names a national military called 'X military'.
MILITARY_NOUNS = {"army", "military", "forces", "force", "troops", "junta"}
# 'Norland-Vestian ties': a relation between countries, which names neither as addressee.
RELATION_NOUNS = {"relation", "relations", "relationship", "tie", "ties"}
# 'the Biden administration', 'Trump's government': a leader's name modifying these nouns names
# the state the leader governs, not the person.
ADMINISTRATION_NOUNS = {"administration", "government", "cabinet"}
MAX_PRONOUN_PARAGRAPHS = 3
# Headline words for the head of a body ('UN Chief: ...') and the roles such a head holds.
HEAD_TITLES = {"chief", "head", "boss", "leader", "chair"}
HEAD_ROLES = {"chief", "head", "leader", "president", "chairman", "chairwoman", "chair",
              "director", "secretary", "general", "commissioner", "premier", "chancellor"}
# A quote or reported statement addresses at most this many of the actors it names: the most
# prominent ones (core arguments near the root of their sentence, not modifiers deep in phrases).
MAX_CONTENT_TARGETS = 2
_STATEMENT_COLUMNS = frozenset(STATEMENTS.columns)  # read once: the schema is fixed
_CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj", "attr", "dative", "agent", "poss"}
# Prepositions whose object is where an act happens, not whom it addresses.
VENUE_PREPOSITIONS = {"at", "in", "inside", "during"}
SIDELINE_NOUNS = {"sideline", "sidelines", "margin", "margins"}
# Cues of news reporting: what is reported is stated as fact, with no actor addressed.
REPORTING_CUES = {"report"}
# Cues aimed at someone: their object is the statement's target ('urged X', 'called on X').
DIRECTIVE_CUES = {"urge", "call", "press", "ask", "appeal", "warn", "implore", "invite",
                  "challenge", "demand", "accuse", "blame", "criticize", "criticise", "praise",
                  "thank", "condemn"}
# Prepositions after an act's object noun that name the other party ('talks with X').
COUNTERPART_PREPOSITIONS = {"with", "against", "on", "toward", "towards"}
# Nouns that make the name before them a place: 'the Sahel region', 'Norland province'.
REGION_NOUNS = {"region", "area", "province", "territory", "zone", "district", "continent",
                "peninsula", "basin", "corridor", "enclave"}
PLACE_PREPOSITIONS = {"in", "at", "from", "across", "near", "inside", "throughout", "around",
                      "within", "outside", "into", "via"}


# Sectors of actors that act for their state: its government, and as bodies (not the people in
# them, who may be retired or dissenting) its military and legislature.
STATE_BODY_SECTORS = {"MIL", "LEG"}


@dataclass
class ResolvedActor:
    """An actor a phrase refers to, with the offsets of the mention that names it."""

    actor_id: str
    start: int | None
    end: int | None
    org_id: str | None = None


def extract_statements(article_id: str, body: str, paragraphs: list[Paragraph],
                       mentions: list[MentionSpan], actors: dict[str, dict]) -> list[dict]:
    """Find statements in one article and return statement rows (stance included)."""
    quotes = find_quotes(body, paragraphs)
    resolver = _Resolver(body, paragraphs, mentions, actors, [(q.start, q.end) for q in quotes])
    rows: dict[str, dict] = {}
    said: dict[str, tuple[int, int]] = {}  # what each row's attribution says (its content span)
    secondary: set[str] = set()  # rows of a statement's less prominent content target
    previous: tuple[str, list] | None = None  # (speaker, targets) of the last statement
    attributions = find_attributions(body, paragraphs, quotes)
    reported = _reported_inside_others(attributions)
    for attribution in attributions:
        if attribution.floating:
            speakers = [resolver.last_speaker] if resolver.last_speaker else []
        else:
            quoted = attribution.kind == "direct_quote"
            speakers = [s for sp in attribution.speakers
                        for s in resolver.resolve_speakers(sp, quoted=quoted)]
        if not speakers:
            continue
        if not attribution.floating and id(attribution) not in reported:
            resolver.last_speaker = speakers[0]
            resolver.last_paragraph = attribution.paragraph
        for speaker in speakers:
            targets = _targets(attribution, speaker, speakers, resolver)
            if (targets == [None] and attribution.floating and previous is not None
                    and previous[0] == speaker.actor_id and previous[1]
                    and previous[1][0] is not None):
                targets = previous[1][:1]  # an unframed quote continues the speaker's last one
            in_paragraph = resolver._in_paragraph(attribution.paragraph)
            for rank, target in enumerate(targets):
                row = _row(article_id, body, paragraphs, attribution, speaker, target, actors,
                           in_paragraph)
                if rank > 0 and attribution.kind != "action" and row["statement_id"] not in rows:
                    secondary.add(row["statement_id"])
                rows.setdefault(row["statement_id"], row)
                said.setdefault(row["statement_id"],
                                (attribution.content_start, attribution.content_end))
                if attribution.mutual and target is not None and len(speakers) == 1:
                    back = _row(article_id, body, paragraphs, attribution, target, speaker, actors,
                                in_paragraph, stance_of=row)
                    rows.setdefault(back["statement_id"], _with_stance_of(back, row))
            previous = (speaker.actor_id, targets)
    return harmonize_stances(_without_nested_repeats(_without_repeated_secondary(rows, secondary),
                                                     said))


def _reported_inside_others(attributions: list[Attribution]) -> set[int]:
    """ids of attributions whose speaker lies inside another's content and whose cue hangs under
    that one's cue ('X said Y had agreed'): Y is reported on, and stays out of the last-speaker
    chain that 'he added' follows."""
    reports = [a for a in attributions if a.kind != "action" and a.cue is not None]
    reported = set()
    for a in attributions:
        if not a.speakers or a.cue is None:
            continue
        start, cue = a.speakers[0].start, a.cue
        if any(other.content_start <= start < other.content_end and other is not a
               and other.cue.doc is cue.doc and other.cue.is_ancestor(cue) for other in reports):
            reported.add(id(a))
    return reported


def _with_stance_of(back: dict, row: dict) -> dict:
    """The reverse row of a mutual act (meeting, talks, a deal: both ways) with the act's stance."""
    stance_columns = ("stance", "stance_score", "event_category")
    return {**back, **{name: row[name] for name in stance_columns if name in row},
            "stance_cue": f"{row['stance_cue']}+mutual"}


def _without_nested_repeats(rows: list[dict],
                            said: dict[str, tuple[int, int]] | None = None) -> list[dict]:
    """Rows minus a reported statement or act lying inside a longer statement or quote of the
    same speaker toward the same target ('hopes to see Y' inside 'X said it hopes to see Y'):
    the outer content holds all the inner one says. Spans are what each row's attribution says
    (`said`, by statement id), not a row content widened to its speaker and cue."""
    said = said or {}
    span = {id(r): said.get(r["statement_id"], (r["content_start"], r["content_end"]))
            for r in rows}
    kept = []
    for row in rows:
        start, end = span[id(row)]
        inner = row["kind"] in ("indirect", "action") and any(
            other is not row and other["kind"] != "action"
            and other["speaker_id"] == row["speaker_id"]
            and other["target_id"] == row["target_id"]
            and span[id(other)][0] <= start and end <= span[id(other)][1]
            and span[id(other)][1] - span[id(other)][0] > end - start
            for other in rows)
        if not inner:
            kept.append(row)
    return kept


def _without_repeated_secondary(rows: dict[str, dict], secondary: set[str]) -> list[dict]:
    """Rows minus those of a secondary content target whose relation (speaker, target, stance)
    another row already records: the actor is then mentioned in passing, not newly addressed."""
    recorded = {(row["speaker_id"], row["target_id"], row["stance"]) for sid, row in rows.items()
                if sid not in secondary}
    kept = []
    for sid, row in rows.items():
        key = (row["speaker_id"], row["target_id"], row["stance"])
        if sid in secondary and key in recorded:
            continue
        recorded.add(key)  # the first of several secondary rows of one relation stays
        kept.append(row)
    return kept


def _targets(attribution: Attribution, speaker: ResolvedActor, speakers: list[ResolvedActor],
             resolver: "_Resolver") -> list[ResolvedActor | None]:
    """Target actors of a statement: objects of an act, else actors mentioned in the content."""
    if (attribution.kind != "action" and attribution.cue is not None
            and attribution.cue.lemma_.lower() in REPORTING_CUES):
        return [None]  # 'the agency reported that X ...': informing, addressed to no one
    excluded = {speaker.actor_id, speaker.org_id}
    joint = attribution.cue is not None and attribution.cue.lemma_.lower() in MUTUAL
    if attribution.kind != "action" and not joint:  # co-speakers of one quote do not address
        excluded |= {s.actor_id for s in speakers}  # each other; 'X and Y agreed to' does
    excluded |= resolver.represented_countries(speaker.actor_id)
    excluded |= resolver.principals(attribution.speakers, speaker)
    found: list[ResolvedActor] = []
    addressed: set[str] = set()
    if attribution.kind == "action":
        for obj in attribution.objects:
            head = resolver.paragraphs[obj.paragraph].doc[obj.head]
            if head.dep_ == "pobj" and head.head.lower_ in VENUE_PREPOSITIONS \
                    or head.lemma_.lower() in SIDELINE_NOUNS:
                continue  # 'speaking at the Norland Institute event', 'on the sidelines of': venues
            target = resolver.resolve(obj, as_target=True)
            if target is not None:
                found.append(target)
                found += resolver.conjuncts_of(target)  # 'blamed the leaders of X and Y'
        if attribution.mutual and len(speakers) > 1:
            found += [s for s in speakers if s.actor_id != speaker.actor_id]
    else:
        found = resolver.mentioned_in(attribution.content_start, attribution.content_end)
        if attribution.kind == "direct_quote":
            found = resolver.quoted_only(found, attribution.content_start,
                                         attribution.content_end)
        found = [t for t in found if not resolver.is_place_role(t)] or found
        found = [t for t in found if not resolver.names_region(t)]
        found = [t for t in found if not resolver.describes_other(t)] or found
        if joint:
            found = [s for s in speakers if s.actor_id != speaker.actor_id] + found
        if attribution.cue is not None:
            addressees = resolver.addressees(attribution.cue)
            addressed = {t.actor_id for t in addressees}
            found = addressees + found
    targets, seen = [], set()
    for target in found:
        if target.actor_id in excluded or target.actor_id in seen:
            continue
        seen.add(target.actor_id)
        targets.append(target)
    if targets:
        if attribution.kind != "action" and len(targets) > 1:  # the most prominent first
            rank = {t.actor_id: -1 if t.actor_id in addressed else resolver.prominence(
                t.actor_id, attribution.content_start, attribution.content_end) for t in targets}
            targets = sorted(targets, key=lambda t: rank[t.actor_id])[:MAX_CONTENT_TARGETS]
        return targets
    if attribution.kind == "action" and (attribution.cue is None or attribution.cue.lemma_.lower()
                                         not in _UNTARGETED_ACTS
                                         or not _is_realised(attribution.cue)):
        return []
    return [None]


IRREALIS_AUXILIARIES = {"will", "would", "could", "might", "may", "should", "shall", "can", "must"}


def _is_realised(verb) -> bool:
    """True for an act that took place: not 'will impose', 'inclined to approve', 'ask Y to veto'."""
    if verb.dep_ in ("xcomp", "acl", "advcl", "pcomp") and verb.tag_ in ("VB", "VBG"):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in IRREALIS_AUXILIARIES for c in verb.children)


# Acts that carry a stance even without an actor as object ("X rejected the accusations").
_UNTARGETED_ACTS = {"reject", "condemn", "criticize", "criticise", "deny", "denounce", "welcome",
                    "praise", "dismiss", "protest", "oppose", "support", "endorse", "warn",
                    "threaten", "slam", "hail", "blame",
                    # coercive, legal and executive acts: 'imposed martial law', 'signed the bill'
                    "impose", "sign", "bar", "ban", "arrest", "detain", "sanction", "levy",
                    "occupy", "sentence", "suspend", "expel", "deport", "jail", "imprison",
                    "seize", "veto", "revoke", "freeze", "sever", "approve", "adopt", "ratify",
                    "retaliate", "blockade", "annex", "raid"}


def _row(article_id: str, body: str, paragraphs: list[Paragraph], attribution: Attribution,
         speaker: ResolvedActor, target: ResolvedActor | None, actors: dict[str, dict],
         in_paragraph: list[MentionSpan], stance_of: dict | None = None) -> dict:
    """One STATEMENTS row, with the stance of speaker toward target (in_paragraph: the mentions of
    the content's paragraph), or with the stance of the row stance_of (the reverse row of a mutual
    act takes the act's stance, see _with_stance_of: its own is never read)."""
    start, end = attribution.content_start, attribution.content_end
    para = paragraphs[attribution.paragraph]
    doc = para.doc
    local_end = min(end - para.start, _text_length(doc))
    span = doc.char_span(start - para.start, local_end, alignment_mode="expand")
    content_tokens = (span.start, span.end) if span is not None else (0, len(doc))
    if stance_of is None:
        own_side = _own_side_subject(doc, attribution, content_tokens, speaker, target, actors,
                                     in_paragraph)
        stance = classify_stance(doc, content_tokens[0], content_tokens[1], attribution.cue,
                                 own_side or _tokens_in(para, speaker), _tokens_in(para, target),
                                 statement=True)
    else:
        stance = Stance(stance_of["stance"], stance_of["stance_score"], stance_of["stance_cue"],
                        stance_of.get("event_category"))
    if attribution.kind == "indirect" and span is not None:
        start = _reported_start(attribution, doc, span, para.start, start)
    target_id = target.actor_id if target else None
    kind = attribution.kind
    cue = attribution.cue.lemma_.lower() if attribution.cue is not None else None
    statement_id = stable_id("statement", article_id, start, end, speaker.actor_id, target_id, kind)
    row = {
        "statement_id": statement_id, "article_id": article_id, "speaker_id": speaker.actor_id,
        "target_id": target_id, "kind": kind, "cue": cue, "content": body[start:end],
        "content_start": start, "content_end": end, "speaker_start": speaker.start,
        "speaker_end": speaker.end, "stance": stance.stance, "stance_score": stance.score,
        "stance_cue": stance.cue,
    }
    if "speaker_org_id" in _STATEMENT_COLUMNS:
        row["speaker_org_id"] = speaker.org_id
    if "event_category" in _STATEMENT_COLUMNS:
        row["event_category"] = getattr(stance, "category", None)
    return row


def _own_side_subject(doc, attribution: Attribution, content_tokens: tuple[int, int],
                      speaker: ResolvedActor, target: ResolvedActor | None,
                      actors: dict[str, dict],
                      in_paragraph: list[MentionSpan]) -> tuple[int, int] | None:
    """Token span of the speaker's own side (the speaker, its organisation, or the state of either)
    as the subject of the reported clause ('Zakharova said Moscow stood by Y'): it acts for the
    speaker, so its act is the speaker's stance."""
    cue = attribution.cue
    if cue is None or attribution.kind == "action" or cue.doc is not doc:
        return None  # (a quote's cue may sit in another paragraph than its content)
    row = actors.get(speaker.actor_id, {})
    countries = {row.get("country"), actors.get(speaker.org_id or "", {}).get("country")} - {None}
    for m in in_paragraph:
        if (m.token_start < content_tokens[0] or m.token_end > content_tokens[1]
                or (target and m.actor_id == target.actor_id)):
            continue
        other = actors.get(m.actor_id, {})
        own = m.actor_id in (speaker.actor_id, speaker.org_id) or (
            other.get("type") == "GPE" and other.get("country") in countries)
        token = doc[m.token_end - 1]
        while token.dep_ in ("compound", "flat") and token.head is not token:
            token = token.head
        if own and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp" \
                and token.head.head.i == cue.i:
            return m.token_start, m.token_end
    return None


# Words that open a reported clause and belong to what is reported ('said that ...', 'warned if').
COMPLEMENTIZERS = {"that", "if", "whether"}
# How far (tokens) a cue may stand before its reported clause, and a speaker before its cue (more
# when all between describes the speaker), for the row to show them: 'told CNBC in an interview
# that ...', 'Jane Roe, 54, said ...'.
MAX_CUE_GAP = 12
MAX_SPEAKER_GAP = 3


def _reported_start(attribution: Attribution, doc, span, offset: int, start: int) -> int:
    """Start of a reported statement's row content: the clause as written with its complementizer
    ('that the EU is ...', 'if Europe ...'), and, like an act's content, its cue and speaker when
    they stand right before it ('Germany expected EU states to abstain', 'told CNBC he was not
    worried'). The attribution keeps only what was said; the stance reads that."""
    if span.start > 0:
        mark = doc[span.start - 1]
        if (mark.dep_ == "mark" and mark.lower_ in COMPLEMENTIZERS
                and span.start <= mark.head.i < span.end):
            start = offset + mark.idx
    cue = attribution.cue
    if cue is None or cue.doc is not doc or offset + cue.idx >= start or \
            cue.i < span.start - MAX_CUE_GAP:
        return start
    start = offset + cue.idx
    speaker = attribution.speakers[0] if attribution.speakers else None
    if (speaker is not None and speaker.paragraph == attribution.paragraph
            and speaker.end <= start and 0 <= cue.i - speaker.token_end
            and (cue.i - speaker.token_end <= MAX_SPEAKER_GAP or _describes(
                doc, doc[speaker.head], speaker.token_end, cue.i))):
        start = speaker.start
    return start


def _describes(doc, head, start: int, end: int) -> bool:
    """True when doc[start:end] only describes the head ('X, who held the post in 2010,')."""
    inside = {t.i for t in head.subtree}
    return all(t.i in inside or t.is_punct for t in doc[start:end])


def _text_length(doc) -> int:
    """len(doc.text) without building the text (its last token's end)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def _tokens_in(para: Paragraph, actor: ResolvedActor | None) -> tuple[int, int] | None:
    """Token span of the actor's mention when it lies in this paragraph's Doc."""
    if actor is None or actor.start is None:
        return None
    if not (para.start <= actor.start and actor.end <= para.start + _text_length(para.doc)):
        return None
    span = para.doc.char_span(actor.start - para.start, actor.end - para.start,
                              alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


def _missed_mentions(paragraphs: list[Paragraph], mentions: list[MentionSpan],
                     actors: dict[str, dict], body: str) -> list[MentionSpan]:
    """One-word names of people and organisations that the entity model missed elsewhere.

    "Trump" tagged in one sentence and not in the next is the same actor: a proper noun whose
    text is a one-word mention of exactly one PERSON/ORG actor of the article becomes a mention.
    Only the paragraphs whose text holds such a name are read.
    """
    owners: dict[str, set[str]] = {}
    for m in mentions:
        if actors.get(m.actor_id, {}).get("type", m.label) in ("PERSON", "ORG"):
            words = m.text.split()
            keys = {m.text} if len(words) == 1 else set()
            if actors.get(m.actor_id, {}).get("type", m.label) == "PERSON" and len(words) > 1:
                keys.add(words[-1])  # the surname
                given = _given_name(actors.get(m.actor_id, {}).get("name") or m.text)
                if given:
                    keys.add(given)  # 'Abiy' for Abiy Ahmed: many are referred to by a given name
            for key in keys:
                owners.setdefault(key, set()).add(m.actor_id)
    for m in mentions:  # a surname that is also another actor's one-word name is ambiguous
        if len(m.text.split()) == 1 and m.text in owners:
            owners[m.text].add(m.actor_id)
    unique = {text: ids.pop() for text, ids in owners.items() if len(ids) == 1 and text.istitle()}
    if not unique:
        return []
    taken = {(m.paragraph, i) for m in mentions for i in range(m.token_start, m.token_end)}
    holding = _paragraphs_holding(paragraphs, body, unique)
    unique_ids = {get_string_id(text) for text in unique}
    found = []
    for p_index, para in enumerate(paragraphs):
        if p_index not in holding:
            continue
        for token in _tokens_with(para.doc, ORTH, unique_ids):
            actor_id = unique.get(token.text)
            # the tagger often reads a name after a closing quote or opening a sentence as a noun
            if actor_id is None or token.pos_ not in ("PROPN", "NOUN") or (p_index, token.i) in taken:
                continue
            if token.dep_ == "compound" or (token.i + 1 < len(para.doc)
                                            and para.doc[token.i + 1].pos_ == "PROPN"):
                continue  # part of a longer name ("Trump Tower")
            start = para.start + token.idx
            found.append(MentionSpan(actor_id, actors[actor_id].get("type", "PERSON"), token.text,
                                     start, start + len(token.text), p_index, token.i,
                                     token.i + 1))
    return found


def _paragraphs_holding(paragraphs: list[Paragraph], body: str, texts) -> set[int]:
    """Indices of the paragraphs (at least) whose text holds one of the texts: a paragraph's text
    is the body's from its start, so each occurrence in the body lies in the last paragraph
    starting at or before it. Finding the texts in the body spares reading every paragraph's
    tokens (a to_array call each)."""
    starts = [para.start for para in paragraphs]
    found = set()
    for text in texts:
        at = body.find(text)
        while at != -1:
            found.add(bisect_right(starts, at) - 1)
            at = body.find(text, at + 1)
    return found


def _given_name(name: str) -> str | None:
    """The first word of a person's multi-word name when it is a plain name (no title, no initial)."""
    words = name.split()
    if len(words) < 2 or not words[0].isalpha() or len(words[0]) < 3 or is_title_word(words[0]):
        return None
    return words[0]


def _names_country(row: dict) -> bool:
    """True when an actor's name or an alias is a country's name ('United States', not 'Kansas')."""
    for name in [row.get("name"), *(row.get("aliases") or [])]:
        place = lookup(name) if name else None
        if place is not None and place.kind == "country":
            return True
    return False


def _modifies_relation(token) -> bool:
    """True for a modifier of a relation noun, directly or through another ('Norland-Vestian
    relations')."""
    for _ in range(3):
        if token.dep_ not in ("amod", "compound", "nmod") or token.head.i <= token.i:
            return False
        token = token.head
        if token.lemma_.lower() in RELATION_NOUNS or token.lower_ in RELATION_NOUNS:
            return True
    return False


# Attribute values (as Doc.to_array gives them) that pre-select the tokens worth reading.
_NOUN_POS_IDS = frozenset({NOUN, PROPN})  # _is_common_noun holds for these only
_MODIFIER_DEP_IDS = frozenset(get_string_id(dep) for dep in ("amod", "compound"))


def _tokens_with(doc, attr: int, values: frozenset[int] | set[int]) -> list:
    """The doc's tokens whose attribute (ORTH, POS, DEP...) has one of the values, in order; read
    from one array, so no Token is built for the others."""
    return [doc[i] for i, value in enumerate(doc.to_array(attr).tolist()) if value in values]


def _is_common_noun(token) -> bool:
    """A noun, or a lower-case word the tagger took for a name ('the president')."""
    return token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.is_lower


def _is_bare_reference(token) -> bool:
    """'the ministry', 'the army': a singular organisation or title noun with no name attached."""
    if not _is_common_noun(token):
        return False
    lemma = token.lemma_.lower()
    if lemma not in ORG_NOUNS and lemma not in TITLE_NOUNS:
        return False
    if token.tag_ == "NNS" and token.lower_ not in ORG_NOUNS or token.dep_ == "appos":
        return False  # 'the countries'; 'X, the defense minister' is the name's apposition
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and (
                child.pos_ == "PROPN" or child.ent_type_):
            return False  # 'the Trump administration': the name is the mention
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                g.pos_ == "PROPN" for g in child.children):
            return False  # 'the government of Pakistan'
    return True


class _Resolver:
    """Maps speaker and object phrases to actors: names, pronouns, 'the ministry', titles."""

    def __init__(self, body: str, paragraphs: list[Paragraph], mentions: list[MentionSpan],
                 actors: dict[str, dict], quote_spans: list[tuple[int, int]]):
        self.body = body
        self.paragraphs = paragraphs
        self.actors = actors
        named = [m for m in mentions if not self._is_location(m.actor_id)]
        self.mentions = sorted(named + _missed_mentions(paragraphs, named, actors, body),
                               key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]  # for bisecting self.mentions
        self._by_paragraph: dict[int, list[MentionSpan]] = {}
        for m in self.mentions:
            self._by_paragraph.setdefault(m.paragraph, []).append(m)
        self.quote_spans = quote_spans
        self.last_speaker: ResolvedActor | None = None
        self.last_paragraph = -1
        self._paragraph_starts = [para.start for para in paragraphs]
        self._roots: dict[tuple[int, int, int], int] = {}  # see _root
        # Per-actor word sets and represented countries, read once (the actor rows are fixed).
        self._roles: dict[str, frozenset[str]] = {}
        self._name_sets: dict[str, frozenset[str]] = {}
        self._represented: dict[str, frozenset[str]] = {}
        self._bare: dict[int, list[tuple[int, object]]] = {}  # by paragraph, when first asked
        self._bare_actors: dict[tuple[int, int], ResolvedActor | None] = {}  # by (para, token)
        self._principals: dict[str, set[str]] = {}
        self._demonyms: dict[int, list[MentionSpan]] = {}  # by paragraph, when first asked
        self._taken_tokens: dict[int, set[int]] = {}  # by paragraph, when first asked
        self._countries: dict[str, list[str]] | None = None

    def _root(self, mention: MentionSpan) -> int:
        """Token index of the syntactic root of a mention's span (memoised per mention)."""
        key = (mention.paragraph, mention.token_start, mention.token_end)
        root = self._roots.get(key)
        if root is None:
            doc = self.paragraphs[mention.paragraph].doc
            root = self._roots[key] = doc[mention.token_start:mention.token_end].root.i
        return root

    def _before(self, offset: int) -> list[MentionSpan]:
        """The mentions starting before a body offset, in order (self.mentions is sorted by start)."""
        return self.mentions[:bisect_left(self._starts, offset)]

    def _is_location(self, actor_id: str) -> bool:
        return bool(self.actors.get(actor_id, {}).get("is_location"))

    def _in_paragraph(self, p_index: int) -> list[MentionSpan]:
        """The mentions of one paragraph, in order (self.mentions filtered, grouped once)."""
        return self._by_paragraph.get(p_index, [])

    def _inside(self, phrase: Speaker) -> list[MentionSpan]:
        """The mentions lying inside a phrase, in order."""
        return [m for m in self._in_paragraph(phrase.paragraph)
                if phrase.token_start <= m.token_start and m.token_end <= phrase.token_end]

    def _type(self, mention: MentionSpan) -> str:
        return self.actors.get(mention.actor_id, {}).get("type") or mention.label

    def _in_quote(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.quote_spans)

    def represented_countries(self, actor_id: str) -> frozenset[str]:
        """Country actors a state speaker speaks for (a minister of Norland, the Norland army:
        Norland); found once per actor."""
        if actor_id not in self._represented:
            self._represented[actor_id] = frozenset(self._represented_countries(actor_id))
        return self._represented[actor_id]

    def _represented_countries(self, actor_id: str) -> set[str]:
        """represented_countries, not memoised."""
        row = self.actors.get(actor_id, {})
        state = row.get("sector") == "GOV" or (row.get("sector") in STATE_BODY_SECTORS
                                               and row.get("type") == "ORG")
        if not state or not row.get("country") or row.get("type") == "GPE":
            return set()
        return {other_id for other_id, other in self.actors.items()
                if other.get("type") == "GPE" and other.get("country") == row["country"]}

    def _mention_at(self, actor: ResolvedActor) -> MentionSpan | None:
        """The mention a resolved actor was found at, or None (a nominal such as 'the ministry')."""
        return next((m for m in self.mentions if m.start == actor.start), None)

    def describes_other(self, actor: ResolvedActor) -> bool:
        """True when the mention only describes another named actor: 'Norland's president X',
        'X, the leader of Norland', 'X of Norland', 'Y, an ally of Norland', or names a post
        ('during his term as prime minister of Norland')."""
        mention = self._mention_at(actor)
        if mention is None:
            return False
        doc = self.paragraphs[mention.paragraph].doc
        others = {i: m for m in self._in_paragraph(mention.paragraph)
                  if m.actor_id != mention.actor_id
                  for i in range(m.token_start, m.token_end)}
        token = doc[self._root(mention)]
        for _ in range(4):
            if token.dep_ in ("poss", "compound", "amod", "nmod"):
                token = token.head
            elif token.dep_ == "pobj" and token.head.lower_ == "of":
                token = token.head.head
                if token.lemma_.lower() in TITLE_NOUNS and token.tag_ == "NN":
                    return True  # 'his term as prime minister of Norland': a post, not an addressee
            elif token.dep_ == "appos":
                token = token.head
            else:
                return False
            if token.i in others and self._type(others[token.i]) in ("PERSON", "ORG"):
                return True
            if token.dep_ == "appos" and token.head.i in others:
                return True
            if any(c.dep_ == "appos" and c.i in others for c in token.children):
                return True  # 'Norland's envoy, Jane Doe'
            if token.pos_ not in ("NOUN", "PROPN"):
                return False
        return False

    def principals(self, phrases: list[Speaker], speaker: ResolvedActor) -> set[str]:
        """Actors a spokesperson speaks for ('the ministry's spokesman X', 'X, a spokeswoman for
        Y'): named in the speaker phrase, or its apposition, of a spokesperson."""
        role = self._role_words(speaker.actor_id)
        found = self._principals.setdefault(speaker.actor_id, set())  # named once, kept after
        for phrase in phrases:
            doc = self.paragraphs[phrase.paragraph].doc
            head = doc[phrase.head]
            tokens = set(range(phrase.token_start, phrase.token_end))
            if head.dep_ == "appos":
                tokens |= {t.i for t in head.head.subtree}
            for child in head.children:
                if child.dep_ == "appos":
                    tokens |= {t.i for t in child.subtree}
            words = {doc[i].lower_ for i in tokens} | role
            if not words & SPOKESPERSON_NOUNS:
                continue
            found |= {m.actor_id for m in self._in_paragraph(phrase.paragraph)
                      if m.actor_id != speaker.actor_id and self._root(m) in tokens}
        return set(found)

    def names_region(self, actor: ResolvedActor) -> bool:
        """True when the mention names a region, not a participant: 'the Sahel region'."""
        mention = self._mention_at(actor)
        if mention is None:
            return False
        token = self.paragraphs[mention.paragraph].doc[mention.token_end - 1]
        return token.dep_ in ("compound", "amod") and token.head.lemma_.lower() in REGION_NOUNS

    def is_place_role(self, actor: ResolvedActor) -> bool:
        """True when the mention is the object of a place preposition ('in Kabul', 'from Moscow')."""
        mention = self._mention_at(actor)
        return mention is not None and self._is_place(mention)

    def _is_place(self, mention: MentionSpan) -> bool:
        """True when a mention is the object of a place preposition."""
        token = self.paragraphs[mention.paragraph].doc[mention.token_end - 1]
        return token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS

    def addressees(self, cue) -> list[ResolvedActor]:
        """Actors a directive cue is aimed at: 'urged X to', 'called on X to', 'appealed to X'."""
        lemma = cue.lemma_.lower()
        if lemma not in DIRECTIVE_CUES:
            return []
        tokens = [c for c in cue.children if c.dep_ in ("dobj", "dative")]
        tokens += [g for c in cue.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")
                   for g in c.children if g.dep_ == "pobj"]
        found = []
        for token in tokens:
            for m in self.mentions:
                if (self.paragraphs[m.paragraph].doc is cue.doc
                        and m.token_start <= token.i < m.token_end):
                    found.append(ResolvedActor(m.actor_id, m.start, m.end))
        return found

    def quoted_only(self, found: list[ResolvedActor], start: int,
                    end: int) -> list[ResolvedActor]:
        """Mentions inside the quotations of a span: 'X told Y' between two quotes is the frame."""
        if not any(start <= s < end for s, _ in self.quote_spans):
            return found  # a headline 'X: ...' has no quotation marks
        return [t for t in found if t.start is not None and self._in_quote(t.start)]

    def prominence(self, actor_id: str, start: int, end: int) -> int:
        """Smallest syntactic depth of the actor's mentions in a body span (core arguments -1)."""
        best = 99
        for m in self.mentions + self._demonyms_over(start, end):
            if actor_id not in (m.actor_id, self._governed_state(m)) or not (
                    start <= m.start and m.end <= end):
                continue
            doc = self.paragraphs[m.paragraph].doc
            root = doc[self._root(m)]
            depth, node, steps = 0, root, 0
            while node.head.i != node.i and steps < len(doc):
                node, depth, steps = node.head, depth + 1, steps + 1
            if root.dep_ in _CORE_DEPS:
                depth -= 1
            if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
                depth += 2
            best = min(best, depth)
        return best

    def mentioned_in(self, start: int, end: int) -> list[ResolvedActor]:
        """Actors named inside a body span, or referred to there as 'the ministry', in order."""
        mentions = self.mentions
        named = []
        for index in range(bisect_left(self._starts, start), len(mentions)):
            m = mentions[index]
            if m.start > end:  # (sorted by start) this and all after end beyond the span
                break
            if m.end <= end:
                named.append(ResolvedActor(self._governed_state(m) or m.actor_id, m.start, m.end))
        named += [ResolvedActor(self._governed_state(m) or m.actor_id, m.start, m.end)
                  for m in self._demonyms_over(start, end) if start <= m.start and m.end <= end]
        return sorted(named + self._nominals_in(start, end), key=lambda t: t.start)

    def _demonym_mentions(self, p_index: int) -> list[MentionSpan]:
        """'Chinese subsidies', 'tariffs on German cars': a demonym modifying a thing names the
        country whose thing it is. Those of a country the article names as an actor, as mentions
        (for targets only: the actor tables keep such demonyms out), in one paragraph (found when
        first asked)."""
        if p_index not in self._demonyms:
            found = self._demonyms[p_index] = []
            states = self._country_actors()
            if not states:
                return found  # a demonym of no country actor names no one
            para = self.paragraphs[p_index]
            taken = self._taken(p_index)
            for token in _tokens_with(para.doc, DEP, _MODIFIER_DEP_IDS):
                if (not token.text[:1].isupper() or token.dep_ not in ("amod", "compound")
                        or token.i in taken or token.head.i <= token.i
                        or _modifies_relation(token)):
                    continue  # 'Vestian-Norland relations': the topic, not the addressee
                place = lookup(token.text)
                if place is None or place.kind != "demonym" or not place.country:
                    continue
                owners = states.get(place.country, [])
                if len(owners) == 1:
                    start = para.start + token.idx
                    found.append(MentionSpan(owners[0], "GPE", token.text, start,
                                             start + len(token.text), p_index, token.i,
                                             token.i + 1))
        return self._demonyms[p_index]

    def _demonyms_over(self, start: int, end: int) -> list[MentionSpan]:
        """The demonym mentions of the paragraphs that may hold text of body[start:end], in order."""
        return [m for p_index in self._paragraphs_over(start, end)
                for m in self._demonym_mentions(p_index)]

    def _governed_state(self, mention: MentionSpan) -> str | None:
        """The country actor meant by a leader's name in 'the Biden administration': a person
        modifying an administration noun stands for the state, when the article names that state."""
        if self._type(mention) != "PERSON":
            return None
        doc = self.paragraphs[mention.paragraph].doc
        token = doc[self._root(mention)]
        head = token.head
        if (token.dep_ not in ("compound", "poss") or head.i == token.i
                or head.lemma_.lower() not in ADMINISTRATION_NOUNS):
            return None
        country = self.actors.get(mention.actor_id, {}).get("country")
        states = self._country_actors().get(country, [])
        return states[0] if len(states) == 1 else None

    def _country_actors(self) -> dict[str, list[str]]:
        """ISO code -> the article's actors named as that country (not its cities or states)."""
        if self._countries is None:
            self._countries = {}
            for actor_id, row in self.actors.items():
                if (row.get("type") == "GPE" and row.get("country") and not row.get("is_location")
                        and _names_country(row)):
                    self._countries.setdefault(row["country"], []).append(actor_id)
        return self._countries

    def _nominals_in(self, start: int, end: int) -> list[ResolvedActor]:
        """'the ministry', 'the army' inside a body span, resolved to the actors they name."""
        found = []
        resolved = self._bare_actors  # _nominal without guess_country reads no speaker state
        for p_index in self._paragraphs_over(start, end):
            for offset, token in self._bare_references(p_index):
                if start <= offset and offset + len(token) <= end:
                    if (p_index, token.i) not in resolved:
                        phrase = Speaker(offset, offset + len(token), p_index, token.i, token.i,
                                         token.i + 1)
                        resolved[(p_index, token.i)] = self._nominal(token, phrase,
                                                                     guess_country=False)
                    actor = resolved[(p_index, token.i)]
                    if actor is not None:
                        found.append(actor)
        return found

    def _paragraphs_over(self, start: int, end: int) -> range:
        """Indices of the paragraphs that may hold text of body[start:end] (paragraphs follow
        each other: those before the last one starting at or before `start` end before it)."""
        return range(max(bisect_right(self._paragraph_starts, start) - 1, 0),
                     bisect_left(self._paragraph_starts, end))

    def _taken(self, p_index: int) -> set[int]:
        """Token indices of one paragraph inside a mention (found once per paragraph)."""
        taken = self._taken_tokens.get(p_index)
        if taken is None:
            taken = self._taken_tokens[p_index] = {i for m in self._in_paragraph(p_index)
                                                   for i in range(m.token_start, m.token_end)}
        return taken

    def _bare_references(self, p_index: int) -> list[tuple[int, object]]:
        """(offset, token) of every 'the ministry'-like noun outside a mention in one paragraph
        (found when first asked)."""
        if p_index not in self._bare:
            para = self.paragraphs[p_index]
            taken = self._taken(p_index)
            self._bare[p_index] = [(para.start + token.idx, token)
                                   for token in _tokens_with(para.doc, POS, _NOUN_POS_IDS)
                                   if token.i not in taken and _is_bare_reference(token)]
        return self._bare[p_index]

    def resolve_speakers(self, phrase: Speaker, quoted: bool = False) -> list[ResolvedActor]:
        """The actors a speaker phrase refers to: 'they' after 'X, Y and Z did' is all three."""
        head = self.paragraphs[phrase.paragraph].doc[phrase.head]
        if head.lower_ == "they":
            group = self._coordinated_subject(phrase)
            if len(group) > 1:
                return group
        if head.tag_ in ("NNS", "NNPS") and head.lower_ not in ORG_NOUNS:
            group = self._coordinated_owners(head, phrase)
            if len(group) > 1:
                return group
        if is_pair_phrase(head):
            return self._pair(head, phrase)
        actor = self.resolve(phrase, quoted=quoted)
        return [actor] if actor is not None else []

    def _pair(self, head, phrase: Speaker) -> list[ResolvedActor]:
        """'the two presidents', 'both countries': the last two actors of that kind named before
        (in a headline, else the first two named after); people for titles, else groups."""
        lemma = head.lemma_.lower()
        types = {"PERSON"} if lemma in TITLE_NOUNS | {"man"} else {"GPE", "ORG", "NORP"}
        near = [m for m in reversed(self.mentions) if m.start < phrase.start
                and phrase.paragraph - m.paragraph <= MAX_PRONOUN_PARAGRAPHS
                and self._type(m) in types and not self._is_place(m)]
        if len({m.actor_id for m in near}) < 2 and phrase.paragraph == 0:
            near = [m for m in self.mentions if m.start >= phrase.end  # a headline
                    and m.paragraph <= MAX_PRONOUN_PARAGRAPHS
                    and self._type(m) in types and not self._is_place(m)]
        for m in near:  # 'X and Y ...': a coordinated pair is what 'the two' most often recalls
            group = [g for g in self._conjoined(m) if self._type(g) in types]
            if len({g.actor_id for g in group}) >= 2:
                near = group
                break
        pair: list[ResolvedActor] = []
        for m in near:
            if m.actor_id not in {p.actor_id for p in pair}:
                pair.append(ResolvedActor(m.actor_id, phrase.start, phrase.end))
            if len(pair) == 2:
                return pair
        return []

    def conjuncts_of(self, actor: ResolvedActor) -> list[ResolvedActor]:
        """The other actors coordinated with an actor's mention ('X, Y and Z'), in order."""
        mention = self._mention_at(actor)
        if mention is None:
            return []
        return [ResolvedActor(m.actor_id, m.start, m.end) for m in self._conjoined(mention)
                if m.actor_id != actor.actor_id]

    def _conjoined(self, mention: MentionSpan) -> list[MentionSpan]:
        """The mentions coordinated with this one ('X and Y', 'between X and Y'), in order."""
        doc = self.paragraphs[mention.paragraph].doc
        token = doc[mention.token_end - 1]
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        members = {t.i for t in token.subtree if t.i == token.i or t.dep_ == "conj"}
        while token.dep_ in ("nmod", "compound", "appos") and token.head.i != token.i:
            token = token.head
        if token.dep_ == "pobj" and token.head.lower_ == "between":  # 'between X and Y'
            members = {t.i for t in token.head.subtree}
        return [m for m in self._in_paragraph(mention.paragraph)
                if self._root(m) in members]

    def _coordinated_owners(self, head, phrase: Speaker) -> list[ResolvedActor]:
        """'the leaders of X and Y', 'X and Y officials': every coordinated name of the phrase."""
        doc = self.paragraphs[phrase.paragraph].doc
        owners = [c for c in head.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
        owners += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"]
        members = {t.i for o in owners for t in [o, *o.subtree]
                   if t.i == o.i or t.dep_ == "conj" and t.head.i in (o.i, *(x.i for x in o.subtree))}
        group, seen = [], set()
        for m in self._in_paragraph(phrase.paragraph):
            if self._root(m) in members and m.actor_id not in seen:
                seen.add(m.actor_id)
                group.append(ResolvedActor(m.actor_id, m.start, m.end))
        return group if len(owners) == 1 else []

    def _coordinated_subject(self, phrase: Speaker) -> list[ResolvedActor]:
        """Actors of the last subject before a phrase when it coordinates several names."""
        subjects = [m for m in self._before(phrase.start) if self._is_subject(m)
                    and 0 <= phrase.paragraph - m.paragraph <= 1 and not self._in_quote(m.start)]
        if not subjects:
            return []
        last = subjects[-1]
        doc = self.paragraphs[last.paragraph].doc
        token = doc[last.token_end - 1]
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head  # the first conjunct
        members = {t.i for t in token.subtree if t.i == token.i or t.dep_ == "conj"}
        group, seen = [], set()
        for m in self._in_paragraph(last.paragraph):
            if m.token_end - 1 in members and m.actor_id not in seen:
                seen.add(m.actor_id)
                group.append(ResolvedActor(m.actor_id, m.start, m.end))
        return group

    def resolve(self, phrase: Speaker, as_target: bool = False,
                quoted: bool = False) -> ResolvedActor | None:
        """The actor a speaker (or object) phrase refers to, or None."""
        doc = self.paragraphs[phrase.paragraph].doc
        head = doc[phrase.head]
        inside = self._inside(phrase)
        holding = [m for m in inside if m.token_start <= head.i < m.token_end]
        if as_target:
            noun = head
            while noun.dep_ == "compound" and noun.head.i != noun.i:
                noun = noun.head  # 'requested WTO consultations with X': WTO labels the noun
            counterpart = self._counterpart(noun, phrase.paragraph) if noun.pos_ == "NOUN" else None
            if counterpart is not None and (noun.i != head.i or not holding):
                return counterpart  # the party the act is with, not a label of the act
        if holding:
            chosen = holding[0]
            people = [m for m in inside if self._type(m) == "PERSON"]
            if self._type(chosen) != "PERSON" and people:
                chosen = people[-1]  # "U.N. coordinator Jane Doe": the person, not the office
            elif (self._type(chosen) != "PERSON" and not as_target and head.pos_ == "NOUN"
                  and head.lemma_.lower() in TITLE_NOUNS):
                # "the Norland envoy" read as the country: the envoy is a person
                holder = self._apposed_person(head) or self._title_holder(head, phrase)
                if holder is not None:
                    return holder
            return ResolvedActor(chosen.actor_id, chosen.start, chosen.end,
                                 self._org_of(chosen, inside))
        if head.pos_ == "PRON" or head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS:
            return self._pronoun(head.lower_, phrase, as_target, quoted)
        if inside:
            lemma = head.lemma_.lower()
            people = [m for m in inside if self._type(m) == "PERSON"]
            if people and head.tag_ == "NNS" and all(
                    doc[m.token_end - 1].dep_ == "poss" and doc[m.token_end - 1].head.i == head.i
                    for m in people):
                return None  # "X's opponents", "her critics": people around X, not X
            if people and (lemma in TITLE_NOUNS or head.pos_ == "NOUN" and lemma not in ORG_NOUNS):
                # "Pakistan's representative, Jane Doe": a person noun names the person
                apposed = self._apposed_person(head)
                chosen = next((m for m in people if apposed and m.start == apposed.start),
                              min(people, key=lambda m: abs(m.token_start - head.i)))
                return ResolvedActor(chosen.actor_id, chosen.start, chosen.end,
                                     self._org_of(chosen, inside))
            if not people and lemma in TITLE_NOUNS and not as_target:
                holder = self._apposed_person(head) or self._title_holder(head, phrase)
                if holder is not None:  # "the Norland envoy said": the envoy named before
                    return holder
            groups = [m for m in inside if self._type(m) != "PERSON"] or inside
            if not as_target:  # 'a statement from the site of the talks in Norland': a place
                groups = [m for m in groups if not self._is_place(m)
                          or doc[m.token_end - 1].head.head.i == head.i]  # 'officials in X'
                if not groups:
                    return self._nominal(head, phrase)
            chosen = min(groups, key=lambda m: abs(m.token_start - head.i))
            return ResolvedActor(chosen.actor_id, chosen.start, chosen.end)
        return self._nominal(head, phrase)

    def _counterpart(self, head, paragraph: int) -> ResolvedActor | None:
        """The actor named after a relational preposition on an act's object noun ('talks with
        X', 'sanctions against X')."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in COUNTERPART_PREPOSITIONS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for m in self._in_paragraph(paragraph):
                    if m.token_start <= obj.i < m.token_end:
                        return ResolvedActor(m.actor_id, m.start, m.end)
        return None

    def _newer_main_subject(self, phrase: Speaker, last: ResolvedActor,
                            types: set[str]) -> ResolvedActor | None:
        """Another actor made the subject of a main clause of the pronoun's paragraph after the last
        speaker was named ('X said ... Y took a different view. He urged ...'): the pronoun's topic."""
        if last.start is None:
            return None
        newer = [m for m in self._in_paragraph(phrase.paragraph)
                 if last.start < m.start < phrase.start
                 and m.actor_id != last.actor_id and self._type(m) in types
                 and not self._in_quote(m.start) and self._is_main_subject(m)]
        return ResolvedActor(newer[-1].actor_id, phrase.start, phrase.end) if newer else None

    def _is_main_subject(self, mention: MentionSpan) -> bool:
        """True when the mention is (inside) the subject of its sentence's main verb."""
        token = self._phrase_top(mention)
        return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT"

    def _is_subject(self, mention: MentionSpan) -> bool:
        """True when the mention is (inside) the subject of its clause."""
        return self._phrase_top(mention).dep_ in ("nsubj", "nsubjpass")

    def _phrase_top(self, mention: MentionSpan):
        """The top of the noun phrase a mention lies in (through compounds, appositions, conjuncts
        and possessors)."""
        token = self.paragraphs[mention.paragraph].doc[mention.token_end - 1]
        while token.dep_ in ("compound", "flat", "appos", "conj", "poss") and token.head is not token:
            token = token.head
        return token

    def _org_of(self, person: MentionSpan, inside: list[MentionSpan]) -> str | None:
        """The organisation named next to a person in the same phrase ('ministry spokesman X')."""
        if self._type(person) != "PERSON":
            return None
        for m in inside:
            if m.actor_id != person.actor_id and self._type(m) in ("ORG", "GPE"):
                return m.actor_id
        return None

    def _pronoun(self, word: str, phrase: Speaker, as_target: bool,
                 quoted: bool = False) -> ResolvedActor | None:
        """Nearest compatible actor before the pronoun, preferring the last speaker."""
        if word in PERSON_PRONOUNS:
            types = {"PERSON"}
        elif word in ("it", "its"):
            if as_target and word == "it":
                return None  # 'to finalize it': a thing (the deal), not the country named before
            types = {"ORG", "GPE"}
        elif word in ("they", "them", "their"):
            types = {"ORG", "NORP", "GPE"}
        else:
            return None
        last = self.last_speaker
        reach = MAX_PRONOUN_PARAGRAPHS if quoted else 1
        if (not as_target and last is not None
                and phrase.paragraph - self.last_paragraph <= reach
                and self.actors.get(last.actor_id, {}).get("type") in types):
            newer = self._newer_main_subject(phrase, last, types)
            return newer if newer is not None else last
        candidates = [m for m in self._before(phrase.start)
                      if self._type(m) in types
                      and phrase.paragraph - m.paragraph <= MAX_PRONOUN_PARAGRAPHS
                      and not self._in_quote(m.start)]
        if not candidates:
            return None
        if as_target and last is not None:
            candidates = [m for m in candidates if m.actor_id != last.actor_id] or candidates
        if as_target:  # 'X met Y and assured him': an object pronoun's antecedent is near
            sentence = self.paragraphs[phrase.paragraph].doc[phrase.head].sent
            near = [m for m in candidates if m.paragraph == phrase.paragraph
                    and sentence.start <= m.token_start < sentence.end]
            if near:
                return ResolvedActor(near[-1].actor_id, phrase.start, phrase.end)
        subjects = [m for m in candidates if self._is_subject(m)
                    and phrase.paragraph - m.paragraph <= 1]
        chosen = (subjects or candidates)[-1]
        return ResolvedActor(chosen.actor_id, phrase.start, phrase.end)

    def _nominal(self, head, phrase: Speaker, guess_country: bool = True) -> ResolvedActor | None:
        """'the ministry' -> the actor named '... Ministry'; 'the spokesman' -> actor with that role.

        With guess_country, 'the government' with no actor so named is the last country named
        and 'the envoy' with no one holding that role may refer back to the last speaker.
        """
        lemma = head.lemma_.lower()
        if not _is_common_noun(head) or not any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss"
                                          for c in head.children):
            return None
        before = self._before(phrase.start)
        if lemma in ORG_NOUNS:
            words = {lemma, head.lower_}
            named = [m for m in before if not words.isdisjoint(self._name_words(m.actor_id))]
            if not named and lemma in MILITARY_NOUNS:
                named = [m for m in before if self._is_national_military(m.actor_id)]
            if not named:  # 'the German foreign ministry': the country the demonym names
                named = [m for m in self._demonym_mentions(phrase.paragraph)
                         if phrase.token_start <= m.token_start < phrase.token_end
                         and m.token_start < head.i]
            if not named and lemma in GOVERNMENT_NOUNS and guess_country:
                named = [m for m in before if self._type(m) == "GPE"
                         and phrase.paragraph - m.paragraph <= MAX_PRONOUN_PARAGRAPHS]
            if named:
                return ResolvedActor(named[-1].actor_id, phrase.start, phrase.end)
            return None
        if head.tag_ == "NNS":  # 'Top diplomats from X met ... the diplomats said': X
            earlier = self._same_plural_before(head, phrase)
            if earlier is not None:
                return earlier
            if lemma in TITLE_NOUNS and guess_country:  # 'the court ruled ... the judges added'
                return self._last_body_speaker(phrase)
        if lemma in TITLE_NOUNS:
            holder = self._title_holder(head, phrase, refer_back=guess_country)
            if holder is None and lemma in SPOKESPERSON_NOUNS:  # 'a ministry spokesperson
                holder = self._same_plural_before(head, phrase)  # said ... the spokesperson added'
            if holder is None and lemma in SPOKESPERSON_NOUNS and guess_country:
                holder = self._last_body_speaker(phrase)  # its spokesperson
            return holder
        return None

    def _last_body_speaker(self, phrase: Speaker) -> ResolvedActor | None:
        """The last speaker when it is an organisation or country of the same or the previous
        paragraph: whom 'the spokesperson' or 'the judges' with no antecedent speak for."""
        last = self.last_speaker
        if (last is not None and phrase.paragraph - self.last_paragraph <= 1
                and self.actors.get(last.actor_id, {}).get("type") in ("ORG", "GPE")):
            return ResolvedActor(last.actor_id, phrase.start, phrase.end)
        return None

    def _same_plural_before(self, head, phrase: Speaker) -> ResolvedActor | None:
        """A definite plural noun ('the diplomats') or spokesperson repeats the last phrase with
        the same noun before it: the group that phrase names ('diplomats from X', 'X's diplomats',
        'a ministry spokesperson'), if any."""
        lemma = head.lemma_.lower()
        first = max(0, phrase.paragraph - MAX_PRONOUN_PARAGRAPHS)
        for p in range(phrase.paragraph, first - 1, -1):
            doc = self.paragraphs[p].doc
            for token in reversed(_tokens_with(doc, TAG, {head.tag})):
                if p == phrase.paragraph and token.i >= phrase.token_start:
                    continue
                if token.lemma_.lower() != lemma:
                    continue
                phrase_tokens = {t.i for t in token.subtree}
                named = [m for m in self._in_paragraph(p)
                         if m.token_start in phrase_tokens and self._type(m) != "PERSON"]
                if not named:
                    return None
                return ResolvedActor(named[0].actor_id, phrase.start, phrase.end)
        return None

    def _apposed_person(self, head) -> ResolvedActor | None:
        """'Norland's envoy to the talks, Jane Doe, said': the person in apposition to a title."""
        for token in head.subtree:
            if token.dep_ != "appos" or token.i == head.i:
                continue
            for m in self.mentions:
                if (self.paragraphs[m.paragraph].doc is token.doc and self._type(m) == "PERSON"
                        and m.token_start <= token.i < m.token_end):
                    return ResolvedActor(m.actor_id, m.start, m.end)
        return None

    def _title_holder(self, head, phrase: Speaker,
                      refer_back: bool = True) -> ResolvedActor | None:
        """The person a title noun refers to: one with that role, else a definite 'the envoy'
        refers back to the last person speaker of the same or previous paragraph."""
        lemma = head.lemma_.lower()
        if head.tag_ in ("NNS", "NNPS"):
            return None  # "the leaders": several people
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
            return None  # "a spokesperson for X": someone unnamed, not the spokesman named elsewhere
        words = SPOKESPERSON_NOUNS if lemma in SPOKESPERSON_NOUNS else {lemma}
        holders = [m for m in self.mentions if self._type(m) == "PERSON"
                   and words & self._role_words(m.actor_id)]
        country = self._country_named_in(phrase)
        if not holders and lemma in HEAD_TITLES and country is not None:
            # 'the U.S. leader': the person who leads that country, whatever the article calls
            # the post ('President Jane Roe')
            holders = [m for m in self.mentions if self._type(m) == "PERSON"
                       and HEAD_ROLES & self._role_words(m.actor_id)
                       and self.actors.get(m.actor_id, {}).get("country") == country]
        before = [m for m in holders if m.start < phrase.start]
        if before:
            return ResolvedActor(before[-1].actor_id, phrase.start, phrase.end)
        if holders and len({m.actor_id for m in holders}) == 1 and self._same_country(
                holders[0].actor_id, phrase):
            return ResolvedActor(holders[0].actor_id, phrase.start, phrase.end)
        if phrase.paragraph == 0 and lemma in HEAD_TITLES:  # headline 'UN Chief: ...'
            heads = [m for m in self.mentions if m.paragraph > 0 and self._type(m) == "PERSON"
                     and HEAD_ROLES & self._role_words(m.actor_id)]
            if heads:  # the first person in the body who leads something
                return ResolvedActor(heads[0].actor_id, phrase.start, phrase.end)
        last = self.last_speaker
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                       for c in head.children)
        if (definite and refer_back and last is not None
                and phrase.paragraph - self.last_paragraph <= 1
                and self.actors.get(last.actor_id, {}).get("type") == "PERSON"):
            return ResolvedActor(last.actor_id, phrase.start, phrase.end)
        return None

    def _same_country(self, actor_id: str, phrase: Speaker) -> bool:
        """False when the phrase names a country ('Russia's ambassador') other than the actor's."""
        named = {self.actors.get(m.actor_id, {}).get("country") for m in self._inside(phrase)
                 if self._type(m) in ("GPE", "NORP")} - {None}
        country = self.actors.get(actor_id, {}).get("country")
        return not named or country is None or country in named

    def _country_named_in(self, phrase: Speaker) -> str | None:
        """The country code of a country named inside a phrase ('the U.S. leader': USA)."""
        return next((self.actors.get(m.actor_id, {}).get("country") for m in self._inside(phrase)
                     if self._type(m) == "GPE"), None)

    def _role_words(self, actor_id: str) -> frozenset[str]:
        """Lower-cased words of an actor's role (read once per actor)."""
        if actor_id not in self._roles:
            role = self.actors.get(actor_id, {}).get("role") or ""
            self._roles[actor_id] = frozenset(role.lower().replace("-", " ").split())
        return self._roles[actor_id]

    def _is_national_military(self, actor_id: str) -> bool:
        """'Norland Army', 'Vestian military': a two-word name ending in a military noun (not a
        named armed group such as '... Liberation Army')."""
        words = (self.actors.get(actor_id, {}).get("name") or "").lower().split()
        return len(words) == 2 and words[1] in MILITARY_NOUNS

    def _name_words(self, actor_id: str) -> frozenset[str]:
        """Lower-cased words of an actor's name and aliases (read once per actor)."""
        if actor_id not in self._name_sets:
            self._name_sets[actor_id] = frozenset(self._names(actor_id).replace("-", " ").split())
        return self._name_sets[actor_id]

    def _names(self, actor_id: str) -> str:
        """Lower-cased name and aliases of an actor, joined (for word lookups)."""
        row = self.actors.get(actor_id, {})
        return " ".join([row.get("name") or "", *(row.get("aliases") or [])]).lower()
