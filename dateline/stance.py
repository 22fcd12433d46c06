"""Directed stance of a speaker toward a target: cue-verb rules, a sentiment lexicon and a linear model.

The decision is made in three steps, and `Stance.cue` says which step decided:

1. ``rule:...``: a predicate from ``PREDICATES`` (the cue verb, or the verb/noun that governs the
   target) whose agent is the speaker, with negation, modality, contrast and requests applied.
   A predicate that links the speaker (its agent) to the target (in its arguments) decides when
   it is polar; otherwise its category is kept and step 2 decides the label.
2. ``model:...``: the linear model trained on the directed-sentiment corpus (``stance_model``),
   when the speaker and target are both in the same sentence.
3. ``content_model:...``: for a statement whose target is named inside its content, when no rule
   or pair model decided (or the pair model said neutral and this label is polar): the content
   model trained on NewsMTSC target-dependent news sentiment (``stance_model.predict_content``),
   if it is at least ``CONTENT_MIN_PROBABILITY`` sure.
4. ``lexicon:...``: VADER word valences over the target's clause (or the content).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.parts_of_speech import ADJ, AUX, NOUN, PROPN, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from dateline.attribution import MUTUAL, DocFacts

SUPPORT, OPPOSE, NEUTRAL = "support", "oppose", "neutral"
NEUTRAL_THRESHOLD = 0.3
# In a statement, a polar pair-model label less sure than this counts as neutral (the
# statement's words, content model or lexicon then decide).
MODEL_MIN_PROBABILITY = 0.5
# A statement's own words (speaker outside the content, target inside) at least this polar
# (VADER) override a neutral model label: the model was trained on pairs in any sentence.
STRONG_LEXICON = 0.5
# In a statement, a strongly polar predicate after the speaker (e.g. "X captured Y's stronghold")
# outweighs a neutral model label even when the parse does not make the speaker its stated agent.
LINKING_RULE = 0.7

# Event categories, close to PLOVER's (see docs/readme-stance.md), each with its default polarity.
CATEGORY_POLARITY = {
    "CONSULT": 0.0, "AGREE": 0.7, "SUPPORT": 0.8, "AID": 0.7, "CONCEDE": 0.5, "REQUEST": 0.0,
    "ACCUSE": -0.8, "REJECT": -0.7, "THREATEN": -0.8, "PROTEST": -0.7, "SANCTION": -0.8,
    "COERCE": -0.8, "ASSAULT": -0.9, "STATEMENT": 0.0,
}
_CATEGORY_WORDS = {
    "CONSULT": "meet talk discuss visit host consult negotiate confer telephone phone receive "
               "mediate convene meeting talks visit discussion negotiation summit consultation "
               "dialogue mediation",
    "AGREE": "agree sign accept pledge promise offer approve ratify cooperate reconcile realign normalize "
             "court woo "
             "normalise allow permit invite collaborate coordinate extradite upgrade restore "
             "settle agreement deal accord treaty pact cooperation partnership consensus "
             "ceasefire truce understanding compromise memorandum",
    "SUPPORT": "support back praise welcome thank endorse applaud congratulate commend hail defend "
               "recognize recognise appreciate laud salute assure reassure value apologize apologise forgive "
               "admire honor honour champion embrace favor favour like love trust respect "
               "praise support endorsement backing gratitude solidarity supportive",
    "AID": "aid help assist donate supply fund rescue protect evacuate grant contribute finance "
           "shelter assistance donation relief asylum",
    "CONCEDE": "release free withdraw retreat ease lift concede yield relent comply demobilize "
               "demobilise disarm pardon withdrawal concession amnesty",
    "REQUEST": "urge ask request appeal demand press insist pressure implore plead call "
               "demand appeal request reminder",
    "ACCUSE": "accuse blame criticize criticise condemn denounce slam charge allege censure "
              "rebuke chide fault decry deplore lambast castigate scold mock ridicule disapprove "
              "complain attack assail berate disparage insult smear vilify lash blast "
              "accusation criticism condemnation blame allegation charge complaint rebuke",
    "REJECT": "reject deny dismiss oppose veto rebuff spurn snub resist refute repudiate "
              "disavow contradict dispute object defy disagree alienate opposed rejection opposition "
              "denial refusal",
    "THREATEN": "threaten warn mobilize mobilise threat warning ultimatum mobilization",
    "PROTEST": "protest demonstrate rally march boycott picket protest demonstration boycott",
    "SANCTION": "sanction expel ban suspend embargo sever punish penalize penalise blacklist shutter "
                "freeze blockade downgrade sanctions embargo ban suspension "
                "tariff blockade",
    "COERCE": "arrest detain deport seize confiscate raid jail imprison prosecute indict sue "
              "investigate persecute repress censor evict disperse hack deface arrest "
              "detention crackdown siege",
    "ASSAULT": "kill bomb shell shoot invade fight clash assault ambush wound massacre torture "
               "abduct kidnap murder strike attack assassinate capture execute storm overrun "
               "war airstrike bombing invasion offensive assassination cleansing fire",
}
# Lemma -> event category. A word listed twice keeps its first (more specific) category.
PREDICATES: dict[str, str] = {}
for _category in ("ACCUSE", "THREATEN", "REJECT", "SANCTION", "COERCE", "PROTEST", "ASSAULT",
                  "SUPPORT", "AGREE", "AID", "CONCEDE", "REQUEST", "CONSULT"):
    for _word in _CATEGORY_WORDS[_category].split():
        PREDICATES.setdefault(_word, _category)
# Phrasal verbs (lemma, particle) whose particle changes the category.
PHRASAL_PREDICATES = {("pull", "out"): "CONCEDE", ("pull", "back"): "CONCEDE",
                      ("back", "down"): "CONCEDE", ("call", "off"): "CONCEDE",
                      ("step", "down"): "CONCEDE", ("crack", "down"): "COERCE",
                      ("lash", "out"): "ACCUSE",
                      ("hand", "over"): "AID", ("stand", "by"): "SUPPORT",
                      ("side", "with"): "SUPPORT", ("reach", "out"): "CONSULT"}
# Leaving an organisation or an agreement is a rejection ("withdrew from the bloc", "quit the
# pact"); withdrawing troops or from a place stays a concession.
LEAVING_VERBS = {"withdraw", "exit", "quit", "leave"}
BODY_NOUNS = {"treaty", "agreement", "deal", "accord", "pact", "alliance", "organization",
              "organisation", "bloc", "union", "talks", "negotiations", "convention", "coalition",
              "community", "court", "council", "body", "framework", "arrangement"}
# Verbs whose "against" protects rather than opposes ("protect civilians against attacks").
PROTECTIVE_VERBS = {"protect", "defend", "guard", "shield", "safeguard", "insure", "vaccinate",
                    "immunize", "immunise", "secure", "hedge", "caution", "warn", "advise"}
# Verbs acting on ties or relations: "repair ties with X", "reset relations", "weaken its ties".
RELATION_NOUNS = {"tie", "ties", "relation", "relations", "relationship", "rapport", "bond", "bonds"}
IMPROVING_VERBS = {"improve", "repair", "mend", "reset", "restore", "normalize", "normalise",
                   "rebuild", "deepen", "strengthen", "boost", "expand", "enhance", "warm",
                   "upgrade", "revive", "bolster", "forge", "establish", "build", "develop",
                   "maintain", "foster", "cement", "broaden", "advance", "promote", "resume"}
HARMING_VERBS = {"weaken", "sour", "strain", "damage", "harm", "undermine", "downgrade", "poison",
                 "jeopardize", "jeopardise", "sever", "rupture", "erode"}
# Light verbs take the category of their object noun: "hold talks", "impose sanctions",
# "open fire", "reach a consensus", "issue a warning", "lodge a protest", "grant asylum".
LIGHT_VERBS = {"hold", "reach", "sign", "conclude", "impose", "issue", "give", "launch", "open",
               "conduct", "carry", "make", "lodge", "file", "express", "extend", "voice", "level",
               "mount", "stage", "declare", "order", "begin", "start", "set", "take", "offer",
               "provide", "send", "deliver", "grant", "seek", "announce",
               "intensify", "resume", "tighten", "increase", "expand", "escalate", "renew",
               "step", "strengthen", "undertake", "levy", "slap"}
# Verbs that end or cut what their object names: "cut aid", "suspended talks" (cooperation ->
# SANCTION); "ended the dispute", "halted the offensive" (conflict -> CONCEDE).
REDUCING_VERBS = {"reduce", "cut", "halt", "stop", "end", "suspend", "freeze", "cancel", "scrap",
                  "sever", "terminate", "postpone", "curtail", "block", "break", "lift",
                  "abandon", "withdraw"}
# Nouns that count only as the object of a light verb ("open fire", "reach an understanding").
LIGHT_VERB_ONLY = {"fire", "understanding", "siege"}
# Signing or approving a law, bill or decree enacts it: no stance toward another actor (unless the
# law names one: "signed a bill granting aid to Ukraine").
ENACTING_VERBS = {"sign", "approve", "pass", "ratify", "enact", "adopt"}
LAW_NOUNS = {"law", "bill", "legislation", "measure", "decree", "amendment", "ordinance",
             "budget", "act", "statute", "order"}
# Words whose non-verb uses carry no event ("according to", "a sign of", "a great deal of").
VERB_ONLY = {"accord", "sign", "like", "free", "strike", "fire", "march", "rally", "charge",
             "respect", "release", "court"}
# Verbal "attack" (a person or party attacking another's words) is an accusation, not an assault.
VERBAL_ATTACK_SUBJECTS = {"PERSON", "NORP"}
SPEECH_VERBS = {"say", "tell", "state", "add", "announce", "claim", "tweet", "write", "note",
                "stress", "argue", "believe", "think", "report", "explain", "insist", "declare",
                "remark", "suggest", "reply", "respond", "comment", "describe", "call"}
# Verbs that negate their complement: "refused to condemn", "failed to support".
NEGATING_VERBS = {"refuse", "decline", "fail", "avoid", "stop", "cease", "halt", "abandon",
                  "forgo", "neglect", "hesitate"}
HEDGES = {"may", "might", "could", "would", "should", "perhaps", "possibly", "maybe"}
# Words in a request's complement that make it pressure on the target ("or face sanctions").
PRESSURE_WORDS = {"stop", "end", "halt", "cease", "withdraw", "release", "refrain", "abandon",
                  "face", "sanction", "sanctions", "punish", "consequence", "consequences",
                  "immediately", "accountable", "resign", "step", "quit", "surrender", "leave",
                  "comply", "respect", "pull", "ceasefire", "free", "expel", "explain"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my", "ourselves", "myself"}
# Conflict and cooperation words of political statements (lemmas). In a statement (quote, reported
# speech, act) they set the stance when the model, trained on pairs in arbitrary sentences, says
# neutral: a speaker who talks of threats, violations or sanctions about a target opposes it.
STATEMENT_OPPOSE_CUES = set((
    "threat threaten warn warning criticize criticise criticism condemn condemnation reject "
    "rejection accuse accusation blame violation violate illegal illegally unlawful "
    "unconstitutional propaganda sanction sanctions tariff retaliate retaliation crackdown curb "
    "bar ban prohibit persecute barb provocation provoke meddle meddling interfere interference "
    "aggression aggressive hostile hostility attack dispute tension punish punishment expel "
    "oppose opposition denounce slam lambast rebuke protest boycott dangerous danger concern "
    "concerning alarming backwards prejudice prejudiced ignore colony colonize colonise abuse "
    "repression repress oppression oppress corrupt corruption lie lies false fake blackmail "
    "coerce coercion intimidate intimidation invade invasion occupation occupy destabilize "
    "destabilise undermine rip unacceptable irresponsible reckless deplore regret disappoint "
    "disappointed disappointing failure fail betray betrayal enemy adversary hypocrisy "
    "hypocritical vulnerable exploit genocide atrocity wrong mistake baseless groundless unfounded "
    "unfair unjust unjustified unwarranted egregious insulting insult misleading mislead harm "
    "harmful damage damaging disaster disastrous appalling unbearable rubbish nonsense shameful "
    "outrageous absurd biased aggressor culprit complicate obstruct obstruction sabotage disgrace "
    "disgraceful complicit arrogant arrogance bully bullying lecture").split())
STATEMENT_SUPPORT_CUES = set((
    "praise welcome thank support backing endorse endorsement congratulate commend applaud "
    "cooperate cooperation partnership partner ally alliance friend friendship friendly "
    "agree solidarity trust appreciate gratitude grateful admire respect help aid "
    "assist assistance strengthen deepen improve constructive productive fruitful positive "
    "progress mutual brotherly hail defend reassure commitment committed pleased glad delighted "
    "encouraged encouraging proud").split())

# Positive evaluations that say something only when negated: "does not have a good record",
# "is not a reliable partner" criticise; the plain words are too common to count as praise.
NEGATED_EVALUATIONS = set((
    "good reliable credible trustworthy honest serious sincere fair legitimate acceptable "
    "helpful responsible transparent genuine faithful dependable").split())


@dataclass
class Stance:
    """A stance label with its score in [-1, 1], what decided it and the event category."""

    stance: str
    score: float
    cue: str
    category: str | None = None
    weak: bool = False  # a single topic noun decided (see _statement_cue_stance)


@dataclass
class _Predicate:
    """A stance-bearing word with its category, polarity and the modifiers found around it."""

    token: Token
    category: str
    polarity: float
    notes: list[str] = field(default_factory=list)
    direct: bool = False  # the speaker is the predicate's stated agent and the target its argument


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


# VADER's cost grows with the square of a text's length (it re-lowercases the whole text per word):
# longer texts are scored in chunks of this many words and the chunk scores averaged.
VADER_CHUNK_WORDS = 120
# The lexicon reads at most this many tokens of a scope (a long quote's opening carries its tone).
MAX_LEXICON_TOKENS = 400


@lru_cache(maxsize=4096)
def vader_compound(text: str) -> float:
    """VADER compound score of a text, in bounded time for very long texts (memoised: a sentence
    is scored once for all the pairs and targets it holds)."""
    analyzer = _vader()
    words = text.split()
    if len(words) <= VADER_CHUNK_WORDS:
        return analyzer.polarity_scores(text)["compound"]
    chunks = [" ".join(words[i:i + VADER_CHUNK_WORDS])
              for i in range(0, len(words), VADER_CHUNK_WORDS)]
    return sum(analyzer.polarity_scores(c)["compound"] for c in chunks) / len(chunks)


def label_of(score: float, threshold: float = NEUTRAL_THRESHOLD) -> str:
    """support / oppose / neutral for a score in [-1, 1]."""
    if score >= threshold:
        return SUPPORT
    if score <= -threshold:
        return OPPOSE
    return NEUTRAL


def classify_stance(doc: Doc, content_start: int, content_end: int, cue: Token | None,
                    speaker: tuple[int, int] | None = None,
                    target: tuple[int, int] | None = None,
                    use_model: bool = True, statement: bool = False) -> Stance:
    """Stance of the speaker toward the target in doc[content_start:content_end] (token indices).

    statement: the content is an attributed statement (quote, reported speech or act) rather than
    any sentence mentioning both; its conflict/cooperation words then outweigh a neutral model.
    A statement with no target is neutral unless a rule or strong words decide (``+untargeted``):
    a stance needs someone it is directed at, and the lexicon alone is a weak guide to who.
    """
    result = _classify_stance(doc, content_start, content_end, cue, speaker, target, use_model,
                              statement)
    if statement and target is None and result.stance != NEUTRAL and _weak_evidence(result):
        return Stance(NEUTRAL, 0.0, result.cue + "+untargeted", result.category)
    return result


def _weak_evidence(result: Stance) -> bool:
    """True when the lexicon decided with a score under STRONG_LEXICON or with words that only name
    bad situations, or a single conflict or cooperation noun ("sanctions may be imminent"), or a
    model: anything but a rule or strong words."""
    kind = result.cue.split(":")[0]
    if kind == "lexicon":
        words = result.cue.split(":", 1)[1].split("+")[0].split(",")
        return abs(result.score) < STRONG_LEXICON or all(w in SITUATION_WORDS for w in words)
    if kind == "cues":
        return result.weak
    return kind != "rule"


def _classify_stance(doc: Doc, content_start: int, content_end: int, cue: Token | None,
                    speaker: tuple[int, int] | None = None,
                    target: tuple[int, int] | None = None,
                    use_model: bool = True, statement: bool = False) -> Stance:
    """classify_stance without the untargeted-statement check."""
    content = doc[content_start:content_end]
    speaker_span = doc[speaker[0]:speaker[1]] if speaker else None
    target_span = doc[target[0]:target[1]] if target else None
    if statement and target_span is not None:
        concern = _concern_for(target_span)
        if concern is not None:
            return Stance(SUPPORT, 0.5, f"rule:concern_for:{concern.lemma_.lower()}", None)
        judged = _judged_possession(content, target_span)
        if judged is not None:
            return judged
    if target_span is not None:
        named = _named_as(cue, target_span)
        if named is not None:
            return named
    predicate = _find_predicate(doc, content, cue, speaker_span, target_span, statement)
    rule, topic_category = None, None
    if predicate is not None:
        if predicate.category == "TOPIC":
            topic_category = _category(predicate.token)
        elif statement and predicate.category == "REVERSE" \
                and _hoped_for(predicate.token, speaker_span) is not None \
                and CATEGORY_POLARITY.get(_category(predicate.token) or "", 0.0) >= 0:
            # "she hopes X can coordinate its efforts": a wish addressed to X, like a request
            hoped = _hoped_for(predicate.token, speaker_span)
            wish = "hope" if hoped.lower_ in HOPING_FORMS else hoped.lemma_.lower()
            return Stance(NEUTRAL, 0.0, f"rule:{wish}-for:"
                          f"{predicate.token.lemma_.lower()}", "REQUEST")
        elif statement and predicate.category == "REVERSE" \
                and predicate.token.pos_ == "VERB" and _category(predicate.token) == "CONSULT":
            return Stance(NEUTRAL, 0.0, f"rule:{predicate.category.lower()}:"
                          f"{predicate.token.lemma_}", "CONSULT")
        elif predicate.category in ("REVERSE", "REPORTED"):
            rule = Stance(NEUTRAL, 0.0, f"rule:{predicate.category.lower()}:"
                          f"{predicate.token.lemma_}", None)
        else:
            _apply_modifiers(predicate, cue, target_span)
            score = round(max(-1.0, min(1.0, predicate.polarity)), 3)
            notes = "".join(f"+{n}" for n in predicate.notes)
            rule = Stance(label_of(score), score, f"rule:{predicate.token.lemma_}{notes}",
                          predicate.category)
        # A predicate linking speaker (its agent) to target decides when it is polar, and always
        # when negated or a demand (rare in the training data); otherwise the model decides.
        modified = any(n.split(":")[0] in ("neg", "negverb", "demand") for n in predicate.notes)
        if predicate.direct and modified:
            return rule
        if predicate.direct and rule.stance != NEUTRAL:
            return rule
        if predicate.direct and rule.category == "CONSULT" and predicate.token.pos_ == "VERB":
            return rule  # meeting, talks, visits: no evaluation, whatever the sentence's tone
        if statement and predicate.direct and rule.category == "REQUEST" \
                and predicate.token.pos_ == "VERB":
            return rule  # a plain request to the target ("urged X to agree on a way forward")
    if statement and rule is not None and rule.category is None:
        rule = None  # a third party's or the target's own act: the statement's words decide
    category = rule.category if rule else topic_category or (
        "STATEMENT" if cue is not None and cue.lemma_ in SPEECH_VERBS else None)
    if use_model and speaker_span is not None and target_span is not None \
            and speaker_span.sent == target_span.sent:
        from dateline import stance_model

        model = stance_model.load()
        if model is not None:
            own_words = (speaker_span.end <= content_start or speaker_span.start >= content_end) \
                and content_start <= target_span.start and target_span.end <= content_end
            stance, score, probability, reasons = model.predict(doc, speaker_span, target_span)
            if statement and stance != NEUTRAL and probability < MODEL_MIN_PROBABILITY:
                stance, score, reasons = NEUTRAL, 0.0, reasons + "+unsure"
            if predicate is not None and "hedge" in predicate.notes:
                score, reasons = score * 0.6, reasons + "+hedge"
            model_stance = Stance(stance, round(score, 3), f"model:{reasons}", category)
            if stance == NEUTRAL and statement:
                cued = _statement_cue_stance(doc, content, target_span, category)
                if cued is not None:
                    return cued
            if stance == NEUTRAL and statement and rule is not None and rule.stance != NEUTRAL \
                    and abs(rule.score) >= LINKING_RULE and speaker_span.start < predicate.token.i:
                return Stance(rule.stance, rule.score, rule.cue + "+linking", rule.category)
            if stance != NEUTRAL or not own_words:
                return model_stance
            content_stance = _content_stance(content, target_span, category) if statement else None
            if content_stance is not None and content_stance.stance != NEUTRAL:
                return content_stance
            lexical = _lexicon_stance(content, target_span, category)
            return lexical if abs(lexical.score) >= STRONG_LEXICON else model_stance
    if rule is not None:
        if rule.stance == NEUTRAL and statement:
            cued = _statement_cue_stance(doc, content, target_span, rule.category)
            if cued is not None:
                return cued
        return rule
    lexical = _content_stance(content, target_span, category) if statement else None
    lexical = lexical or _lexicon_stance(content, target_span, category)
    if lexical.stance == NEUTRAL and statement:
        cued = _statement_cue_stance(doc, content, target_span, category)
        if cued is not None:
            return cued
    return lexical


# Words of worry or sympathy: "fears for X", "concern for X's safety" is sympathy with X (support),
# however negative the words; "concern about X" stays with the other rules.
CONCERN_WORDS = {"concern", "concerned", "worry", "worried", "fear", "afraid", "anxious",
                 "anxiety", "sympathy", "compassion", "pray", "prayer", "condolence", "grieve",
                 "mourn", "sorry"}


# Verbs of wishing: what the speaker hopes the target will do is a wish addressed to it.
HOPING_VERBS = {"hope", "wish", "expect", "want", "trust"}
HOPING_FORMS = {"hopes", "hoped", "hoping"}  # the lemmatiser sometimes gives "hop"


def _hoped_for(token: Token, speaker: Span | None) -> Token | None:
    """The wishing verb whose complement clause is the token's act, when the wish is the
    speaker's (its subject the speaker, "I"/"we", or a pronoun), else None."""
    node = token
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in HOPING_VERBS or node.lower_ in HOPING_FORMS:
            agent = _agent_tokens(node)
            if agent and (speaker is not None and _overlaps(agent, speaker)
                          or any(t.lower_ in FIRST_PERSON or t.pos_ == "PRON" for t in agent)):
                return node
            return None
    return None


def _concern_for(target: Span) -> Token | None:
    """The worry or sympathy word whose "for" phrase holds the target (or the target's
    possessed noun: "for X's safety"), or None."""
    node = target.root
    if node.dep_ == "poss":
        node = node.head
    if node.dep_ != "pobj" or node.head.lower_ != "for":
        return None
    head = node.head.head
    return head if head.lemma_.lower() in CONCERN_WORDS or head.lower_ in CONCERN_WORDS else None


# Nouns for what their possessor does: "X's wrong policy", "the reckless conduct of X" judge X.
AGENT_NOUNS = set((
    "policy decision behavior behaviour conduct action approach stance position move rhetoric "
    "remark comment statement claim record leadership handling response strategy plan attitude "
    "tactic government regime administration aggression interference role practice choice demand "
    "attempt effort management diplomacy proposal intervention campaign war invasion crackdown "
    "occupation meddling decision-making").split())
# Nouns for what is done to their possessor: "X's unjust detention" sympathises with X.
PATIENT_NOUNS = set((
    "detention arrest imprisonment incarceration jailing trial prosecution persecution sentence "
    "sentencing conviction killing murder death execution expulsion ouster removal exclusion "
    "abduction kidnapping torture extradition deportation plight suffering exile harassment "
    "mistreatment confinement").split())
# Evaluative adjectives VADER lacks.
NEGATIVE_JUDGEMENTS = {"misguided", "arbitrary", "illegitimate", "disproportionate",
                       "heavy-handed", "politically-motivated", "cynical", "destructive"}
POSITIVE_JUDGEMENTS = {"sensible", "prudent", "principled", "balanced", "measured", "visionary"}
# VADER valence from which an adjective counts as an evaluation.
JUDGEMENT_VALENCE = 1.5


def _judgement(token: Token) -> float:
    """-1 / +1 for an evaluative adjective ("wrong", "unjust", "wise"), else 0."""
    if token.pos_ != "ADJ" or _negated(token):
        return 0.0
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in NEGATIVE_JUDGEMENTS or lemma in STATEMENT_OPPOSE_CUES:
        return -1.0
    if lemma in POSITIVE_JUDGEMENTS or lemma in STATEMENT_SUPPORT_CUES:
        return 1.0
    if lower in TOPICAL_VALENCE_WORDS:
        return 0.0
    valence = _vader().lexicon.get(lower, 0.0)
    return -1.0 if valence <= -JUDGEMENT_VALENCE else 1.0 if valence >= JUDGEMENT_VALENCE else 0.0


def _embedded_claim(token: Token) -> bool:
    """True when the token's clause is what a noun names ("accusations that ...", "claims that
    ...") or the clause a verb rejects or negates: a claim the speaker need not hold."""
    node = token
    for _ in range(6):
        if node.head.i == node.i:
            return False
        if node.dep_ in ("acl", "ccomp", "relcl", "appos") and node.head.pos_ in ("NOUN", "PROPN"):
            return True
        if node.dep_ == "ccomp" and (_category(node.head) == "REJECT"
                                     or any(c.dep_ == "neg" for c in node.head.children)):
            return True
        node = node.head
    return False


def _judged_possession(content: Span, target: Span) -> Stance | None:
    """Stance from an evaluation of what the target owns, in the content: an act of its own
    judged ("X's wrong policy", "the reckless conduct of X": oppose; "X's wise leadership":
    support), or an act done to it judged bad ("X's unjust detention": sympathy, support).

    Every occurrence of the target's words in the content counts (a quote may name it twice)."""
    lower = _memo_for(content.doc).facts.lowers  # compared as ids: no Token built per position
    words = lower[target.start:target.end]
    scores, found = [], []
    first = words[0] if words else None
    for start in range(content.start, content.end - len(words) + 1):
        # (the first word tested alone: no slice built at most positions)
        if first is not None and lower[start] != first or lower[start:start + len(words)] != words:
            continue
        owner = content.doc[start + len(words) - 1]
        if owner.dep_ == "poss":
            noun = owner.head
        elif owner.dep_ == "pobj" and owner.head.lower_ == "of" and owner.head.head.pos_ == "NOUN":
            noun = owner.head.head
        else:
            continue
        if _embedded_claim(noun):
            continue  # "rejected accusations that X's trial is unfair": another's claim
        nouns = [noun] + [c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
        for owned in nouns:
            lemma = owned.lemma_.lower()
            patient = lemma in PATIENT_NOUNS
            if not patient and lemma not in AGENT_NOUNS:
                continue
            judges = [c for c in owned.children if c.dep_ == "amod"]
            if owned.dep_ == "nsubj" and owned.head.lemma_ == "be":
                judges += [c for c in owned.head.children if c.dep_ in ("acomp", "attr")]
            for judge in judges:
                value = _judgement(judge)
                if patient and value > 0:
                    continue  # "X's fair trial" judges the process, not X
                if value:
                    scores.append(-value if patient else value)
                    found.append(f"{judge.lower_}-{lemma}")
    if not scores or (min(scores) < 0 < max(scores)):
        return None
    label = SUPPORT if scores[0] > 0 else OPPOSE
    return Stance(label, 0.6 if label == SUPPORT else -0.6, f"rule:judged:{','.join(found[:3])}",
                  "SUPPORT" if label == SUPPORT else "ACCUSE")


# Verbs that name or describe their object as something: "called X unbearable", "described X as a
# reckless neighbour", "branded X a threat". The description is the speaker's evaluation of X.
DESCRIBING_VERBS = {"call", "describe", "label", "brand", "term", "dub", "characterize",
                    "characterise", "portray", "depict", "deem"}


def _named_as(cue: Token | None, target: Span) -> Stance | None:
    """Stance from the description a describing verb gives its object, when the target is (in)
    that object: polar cue words or lexicon valence of the description decide; None otherwise."""
    if cue is None or cue.lemma_.lower() not in DESCRIBING_VERBS:
        return None
    objects = [c for c in cue.children if c.dep_ in ("dobj", "oprd", "attr", "nsubjpass")
               and _in_subtree(c, target)]
    if not objects:
        return None
    described = [c for c in cue.children if c.dep_ in ("oprd", "attr", "acomp", "xcomp")
                 and c not in objects]
    described += [g for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"
                  for g in c.children if g.dep_ == "pobj"]
    tokens = [t for c in described for t in c.subtree if not _overlaps([t], target)]
    if not tokens:
        return None
    lemmas = [t.lemma_.lower() for t in tokens]
    oppose = [w for w in lemmas if w in STATEMENT_OPPOSE_CUES]
    support = [w for w in lemmas if w in STATEMENT_SUPPORT_CUES]
    score, words = _lexicon_score(tokens)
    if oppose or support:
        score = -0.6 if len(oppose) > len(support) else 0.6 if len(support) > len(oppose) else 0.0
        words = oppose or support
    if label_of(score) == NEUTRAL:
        return None
    return Stance(label_of(score), round(score, 3),
                  f"rule:{cue.lemma_.lower()}-as:{','.join(words[:3])}",
                  "ACCUSE" if score < 0 else "SUPPORT")


def _statement_cue_stance(doc: Doc, content: Span, target: Span | None,
                          category: str | None) -> Stance | None:
    """Stance from the conflict/cooperation words of a statement's sentence(s), or None if none.

    The scope is the content's part of the target's sentence (the whole content without a target
    inside it). A negated cooperation word ("not someone we trust") counts as conflict; a negated
    conflict word ("poses no threat") counts for nothing.
    """
    if target is not None and content.start <= target.start < content.end:
        sent = target.sent
        scope = doc[max(content.start, sent.start):min(content.end, sent.end)]
    else:
        scope = content
    oppose, support, nouns = [], [], set()
    fought = _fought(scope)
    facts = _memo_for(doc).facts
    for i in range(scope.start, scope.end):
        if i in fought or facts.lemma(i) not in _STATEMENT_WORDS \
                and facts.lowers[i] not in _CUE_WORD_IDS:
            continue  # (no Token built for the many words no test below reads)
        token = doc[i]
        lemma = token.lemma_.lower()
        if lemma in NEGATED_EVALUATIONS and token.pos_ == "ADJ" and _evaluation_negated(token) \
                and not (target is not None and target.start <= token.i < target.end):
            oppose.append("not-" + lemma)
            continue
        if target is not None and lemma in BENEFIT_NOUNS and token.pos_ == "NOUN" \
                and _owned_by(token, target) and not _negated(token):
            support.append(lemma + "-of")  # "push for X's release", "X's safety"
            continue
        if lemma not in STATEMENT_OPPOSE_CUES and lemma not in STATEMENT_SUPPORT_CUES:
            lemma = token.lower_  # a capitalised word tagged as a name keeps its own form
        if lemma not in STATEMENT_OPPOSE_CUES and lemma not in STATEMENT_SUPPORT_CUES:
            continue
        if target is not None and target.start <= token.i < target.end:
            continue
        if target is not None and _owned_by_other(token, target):
            continue  # "this provocation by the Taliban" says nothing about another target
        negated = _negated(token)
        if token.pos_ in ("NOUN", "PROPN"):
            nouns.add(lemma)
        if target is not None and lemma in STATEMENT_SUPPORT_CUES and not negated \
                and _aimed_at(token, target):
            oppose.append(lemma + "-against")  # "strengthen deterrence against X"
            continue
        if lemma in STATEMENT_OPPOSE_CUES:
            if not negated:
                oppose.append(lemma)
        elif negated:
            oppose.append("not-" + lemma)
        else:
            support.append(lemma)
    if len(oppose) == len(support):
        return None
    label = OPPOSE if len(oppose) > len(support) else SUPPORT
    words = oppose if label == OPPOSE else support
    score = round((len(support) - len(oppose)) / (len(support) + len(oppose)) * 0.6, 3)
    # One topic noun ("sanctions may be imminent") is weak evidence; an evaluation is not.
    weak = len(words) == 1 and words[0] in nouns
    return Stance(label, score, f"cues:{','.join(words[:5])}", category, weak=weak)


# What a statement seeks for someone: "called for X's release", "pushed for the freedom of X".
BENEFIT_NOUNS = {"release", "freedom", "safety", "well-being", "wellbeing", "welfare",
                 "rights", "liberation", "pardon", "acquittal", "exoneration", "rescue"}
# The lemmas _statement_cue_stance reads, and the ids of the cue words (as lower-case forms).
_STATEMENT_WORDS = frozenset(NEGATED_EVALUATIONS | BENEFIT_NOUNS | STATEMENT_OPPOSE_CUES
                             | STATEMENT_SUPPORT_CUES)
_CUE_WORD_IDS = frozenset(get_string_id(word)
                          for word in STATEMENT_OPPOSE_CUES | STATEMENT_SUPPORT_CUES)


def _owned_by(token: Token, target: Span) -> bool:
    """True when the target is the noun's possessor or "of" object ("X's release", "release of X")."""
    owners = [c for c in token.children if c.dep_ == "poss"]
    owners += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]
    return any(_in_subtree(o, target) for o in owners)


def _aimed_at(token: Token, target: Span) -> bool:
    """True when the target lies in an "against" phrase of the word or of its object
    ("strengthen deterrence against X", "cooperation against X")."""
    heads = [token] + [c for c in token.children if c.dep_ in ("dobj", "pobj")]
    return any(c.dep_ == "prep" and c.lower_ == "against" and _in_subtree(c, target)
               for h in heads for c in h.children)


def _owned_by_other(token: Token, target: Span) -> bool:
    """True when a cue noun names its owner ("Y's threat", "provocation by Y") and the owner is a
    name outside the target: the word is about that other actor's act."""
    if token.pos_ != "NOUN":
        return False
    owners = [c for c in token.children if c.dep_ == "poss"]
    owners += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "by"
               for g in c.children if g.dep_ == "pobj"]
    owners = [o for o in owners if o.ent_type_ or o.pos_ == "PROPN"]
    if owners:
        return not any(_in_subtree(o, target) for o in owners)
    # "sanctions against Y's officials", "tariffs on Y": aimed at someone other than the target
    aimed = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
             for g in c.children if g.dep_ == "pobj"]
    aimed = [g for g in aimed if any(t.ent_type_ or t.pos_ == "PROPN" for t in g.subtree)]
    return bool(aimed) and not any(_in_subtree(g, target) for g in aimed)


def _negated(token: Token) -> bool:
    """True when the token or the verb governing it is negated ("no threat", "not trust")."""
    for node in (token, token.head):
        if any(c.dep_ == "neg" or c.lower_ in ("no", "never") for c in node.children):
            return True
        if node.pos_ in ("VERB", "AUX"):
            break
    return _denied_intent(token) is not None


def _denied_intent(token: Token) -> Token | None:
    """The denied intention noun a verb hangs on ("no intention of attacking", "no plans to
    sanction"): the act is ruled out. None when there is none."""
    node = token
    if node.dep_ == "pcomp" and node.head.lower_ == "of":
        node = node.head
    elif node.dep_ not in ("acl", "xcomp"):
        return None
    noun = node.head
    denied = noun.pos_ == "NOUN" and noun.lemma_.lower() in INTENT_NOUNS and any(
        c.lower_ == "no" and c.dep_ == "det" for c in noun.children)
    return noun if denied else None


INTENT_NOUNS = {"intention", "plan", "desire", "wish", "interest", "reason", "need", "attempt"}


def _evaluation_negated(token: Token) -> bool:
    """True when an evaluative adjective is negated: "not good", "is not reliable", "does not have
    a good record", "no credible plan"."""
    node = token
    for _ in range(3):
        if any(c.dep_ == "neg" or c.lower_ in ("no", "never") and c.dep_ in ("det", "neg", "advmod")
               for c in node.children):
            return True
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
    return False


# The content model decides only when it is at least this sure (else VADER does).
CONTENT_MIN_PROBABILITY = 0.6


def _content_stance(content: Span, target: Span | None, category: str | None) -> Stance | None:
    """Content-model stance toward a target named inside the content (its sentence's part of the
    content), or None when the target is outside the content or no model ships."""
    if target is None or not (content.start <= target.start and target.end <= content.end):
        return None
    from dateline import stance_model

    model = stance_model.load_content()
    if model is None:
        return None
    sent = target.sent
    scope = content.doc[max(content.start, sent.start):min(content.end, sent.end)]
    start = target.start_char - scope.start_char
    end = target.end_char - scope.start_char
    stance, score, probability, reasons = stance_model.predict_content(model, scope.text, start,
                                                                       end)
    if probability < CONTENT_MIN_PROBABILITY:
        return None
    return Stance(stance, round(score, 3), f"content_model:{reasons}", category)


def _lexicon_stance(content: Span, target: Span | None, category: str | None) -> Stance:
    """VADER stance over the target's clause (or the whole content)."""
    scope = _clause_of(target) if target is not None else content
    score, words = _lexicon_score(scope if len(scope) else content)
    return Stance(label_of(score), round(score, 3), f"lexicon:{','.join(words) or '-'}", category)


# Phenomena that hostile verbs fight without fighting anyone: "fight corruption", "combat
# terrorism", "crack down on drug trafficking".
PHENOMENON_NOUNS = set((
    "corruption terrorism extremism radicalism radicalization radicalisation crime criminality "
    "poverty drug drugs trafficking smuggling inflation disease pandemic epidemic virus hunger "
    "famine fraud impunity disinformation misinformation piracy racism discrimination injustice "
    "unemployment deforestation pollution hate antisemitism islamophobia xenophobia "
    "money-laundering laundering graft bribery insecurity banditry crisis climate "
    "inequality illiteracy malnutrition").split())
FIGHTING_CATEGORIES = {"ASSAULT", "COERCE", "SANCTION", "REJECT"}
FIGHTING_VERBS = {"tackle", "combat", "counter", "curb"}  # fighting verbs of no category
# Words naming a bad situation rather than judging anyone: an untargeted statement whose only
# lexicon words they are ("concerned that a crisis could develop") takes no side.
SITUATION_WORDS = PHENOMENON_NOUNS | {"conflict", "conflicts", "risk", "risks", "crises",
                                      "uncertainty", "instability", "emergency"}


def _fights_a_phenomenon(token: Token) -> bool:
    """True for a hostile verb whose object (or "against"/"on" object) is a phenomenon with no
    actor named in it: "fighting global corruption is a priority", "to combat terrorism"."""
    if token.pos_ != "VERB" or PREDICATES.get(token.lemma_.lower()) not in FIGHTING_CATEGORIES \
            and token.lemma_.lower() not in FIGHTING_VERBS:
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
                for g in c.children if g.dep_ == "pobj"]
    for c in token.children:
        if c.dep_ == "prt":  # "crack down on X"
            objects += [g for p in token.children if p.dep_ == "prep" for g in p.children
                        if g.dep_ == "pobj"]
    return bool(objects) and all(
        o.lemma_.lower() in PHENOMENON_NOUNS and not any(_is_name(t) for t in o.subtree)
        for o in objects)


def _fought(tokens) -> set[int]:
    """Indices of the phenomenon-fighting verbs among the tokens and of their objects' words
    ("combat terrorism"): no evaluation of anyone."""
    fought = set()
    if isinstance(tokens, Span):  # build only the span's verbs
        doc = tokens.doc
        verbs = [doc[i] for i in _verb_indices(doc, tokens.start, tokens.end)]
    else:
        verbs = [t for t in tokens if t.pos == VERB]
    for verb in verbs:
        if _fights_a_phenomenon(verb):
            fought.add(verb.i)
            for child in verb.children:
                if child.dep_ in ("dobj", "prep", "prt"):
                    fought |= {t.i for t in child.subtree if t.dep_ not in ("relcl", "acl")}
    return fought


class _DocMemo:
    """The last Doc asked about: its token facts and the categories found so far, by token index
    (a statement's stance asks for the categories of the same tokens many times, and a paragraph's
    statements share them)."""

    __slots__ = ("doc", "facts", "categories", "agents", "_against_heads")

    def __init__(self, doc: Doc):
        self.doc = doc
        self.facts = DocFacts(doc)
        self.categories: dict[int, str | None] = {}
        self.agents: dict[int, list[Token]] = {}  # predicate index -> its agent's tokens
        self._against_heads: set[int] | None = None

    def against_heads(self) -> set[int]:
        """Indices of the heads of the Doc's "against" tokens."""
        if self._against_heads is None:
            offsets = self.facts.head_offsets
            self._against_heads = {i + offsets[i] for i, lower in enumerate(self.facts.lowers)
                                   if lower == _AGAINST_ID}
        return self._against_heads


_doc_memo: _DocMemo | None = None
# Parts of speech (ids) of the only tokens that may carry a category (see _token_category).
_CATEGORY_POS_IDS = frozenset({VERB, NOUN, PROPN, ADJ, AUX})
_NOUN_PREDICATES = frozenset(PREDICATES) | {"speak"}  # the only lemmas of non-verbs with one
# Verbs whose particle _token_category reads (phrasal predicates, leaving a body).
_PARTICLE_VERBS = frozenset({lemma for lemma, _ in PHRASAL_PREDICATES} | {"pull", "walk", "back"})
# Lemmas of the verbs _token_category reads further; any other verb has a category only by
# acting "against" someone (_acts_against).
_RULED_VERBS = (frozenset(PREDICATES) | FIGHTING_VERBS | LEAVING_VERBS | _PARTICLE_VERBS
                | IMPROVING_VERBS | HARMING_VERBS | REDUCING_VERBS | LIGHT_VERBS | ENACTING_VERBS
                | {"stand", "side", "speak", "recognize", "recognise", "call"})
_AGAINST_ID = get_string_id("against")


def _memo_for(doc: Doc) -> _DocMemo:
    """The memo of a Doc (a new one when another Doc was asked about last)."""
    global _doc_memo
    memo = _doc_memo
    if memo is None or memo.doc is not doc:
        memo = _doc_memo = _DocMemo(doc)
    return memo


def _category(token: Token) -> str | None:
    """The event category of a token, or None when it carries none (memoised per Doc)."""
    memo = _memo_for(token.doc)
    categories = memo.categories
    i = token.i
    if i not in categories:
        categories[i] = _token_category(token) if _may_carry_category(memo, i) else None
    return categories[i]


def _may_carry_category(memo: _DocMemo, i: int) -> bool:
    """False when token i's part of speech and lemma alone rule out a category (see
    _token_category): no Token is built for most words."""
    pos = memo.facts.pos[i]
    if pos not in _CATEGORY_POS_IDS:
        return False
    lemma = memo.facts.lemma(i)
    if pos != VERB:
        return lemma in _NOUN_PREDICATES
    return lemma in _RULED_VERBS or i in memo.against_heads()


def _category_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of doc[start:end] that carry an event category, in order; a token is built only
    when its part of speech may carry one and its category is not known yet, or it has one."""
    memo = _memo_for(doc)
    pos, categories = memo.facts.pos, memo.categories
    found = []
    for i in range(start, end):
        if pos[i] not in _CATEGORY_POS_IDS:
            continue
        if i in categories:
            if categories[i]:
                found.append(doc[i])
            continue
        if not _may_carry_category(memo, i):
            categories[i] = None
            continue
        token = doc[i]
        categories[i] = _token_category(token)
        if categories[i]:
            found.append(token)
    return found


def _in_subtree(token: Token, span: Span) -> bool:
    """True when a token of the span lies in the token's subtree (the token or a descendant), as
    _overlaps(list(token.subtree), span) says: found by climbing from the span's few tokens
    through the Doc's head offsets, not by walking the whole subtree."""
    doc = token.doc
    if span.doc is not doc:  # (a cue in another paragraph's Doc: compare indices as they are)
        return _overlaps(list(token.subtree), span)
    head_offsets = _memo_for(doc).facts.head_offsets
    top = token.i
    for i in range(span.start, span.end):
        while i != top:
            if head_offsets[i] == 0:  # the root
                break
            i += head_offsets[i]
        else:
            return True
    return False


def _verb_indices(doc: Doc, start: int, end: int) -> list[int]:
    """Indices of the verbs in doc[start:end] (read from the Doc's part-of-speech array)."""
    pos = _memo_for(doc).facts.pos
    return [i for i in range(start, end) if pos[i] == VERB]


def _token_category(token: Token) -> str | None:
    """The event category of a token from its parse, or None when it carries none."""
    pos = token.pos_
    if pos not in ("VERB", "NOUN", "PROPN", "ADJ", "AUX"):
        return None
    lemma = token.lemma_.lower()
    verb = pos == "VERB"
    if not verb and lemma not in _NOUN_PREDICATES:
        return None  # (what follows gives a word other than a verb only these lemmas' categories)
    if pos == "AUX" and lemma not in PREDICATES:
        return None
    if token.lower_ == "according" or (not verb and lemma in VERB_ONLY):
        return None
    if verb and (PREDICATES.get(lemma) in FIGHTING_CATEGORIES or lemma in FIGHTING_VERBS) \
            and _fights_a_phenomenon(token):
        return None  # "fighting corruption", "combat terrorism": aimed at no actor
    if lemma in LIGHT_VERB_ONLY and not verb:
        return None
    if lemma == "deal" and any(c.lower_ in ("great", "good") for c in token.children):
        return None  # "a great deal of"
    if verb:
        # (only these verbs' particles change what follows: see _leaves_a_body)
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None) \
            if lemma in _PARTICLE_VERBS else None
        if _leaves_a_body(token, lemma, particle):
            return "REJECT"
        relation = _relation_change(token, lemma)
        if relation is not None:
            return relation
        if lemma in ("stand", "side") and any(c.dep_ == "prep" and c.lower_ in ("by", "with")
                                              for c in token.children):
            return "SUPPORT"  # 'stood with the people of X (against Y)', 'stands by its partners'
        if _acts_against(token, lemma):
            return "REJECT"  # "acted against X", "voted against X", "faced off against X"
        if (lemma, particle) in PHRASAL_PREDICATES:
            return PHRASAL_PREDICATES[(lemma, particle)]

        if lemma in REDUCING_VERBS:
            for child in token.children:
                if child.dep_ == "dobj" and child.pos_ == "NOUN" \
                        and child.lemma_.lower() in PREDICATES:
                    polarity = CATEGORY_POLARITY[PREDICATES[child.lemma_.lower()]]
                    if polarity != 0 or PREDICATES[child.lemma_.lower()] == "CONSULT":
                        return "SANCTION" if polarity >= 0 else "CONCEDE"
        if lemma in LIGHT_VERBS:
            for child in token.children:
                if child.dep_ == "dobj" and child.pos_ == "NOUN" \
                        and child.lemma_.lower() in PREDICATES:
                    return PREDICATES[child.lemma_.lower()]
    if lemma in ENACTING_VERBS and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in LAW_NOUNS
            and not any(_is_name(t) for t in c.subtree) for c in token.children):
        return None  # "signed the bill", "approved a decree": enacting a law backs nobody
    if lemma == "speak":
        # "spoke with X", "spoke to X" is a conversation; "spoke about" or "spoke out" is not.
        return "CONSULT" if any(c.dep_ == "prep" and c.lower_ in ("with", "to")
                                for c in token.children) else None
    if lemma in ("recognize", "recognise") and any(
            c.dep_ == "dobj" and c.pos_ != "PROPN" and not c.ent_type_ for c in token.children):
        return None  # "recognize a difficult situation" acknowledges a fact, it backs nobody
    if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in ("on", "for", "upon")
                                   for c in token.children):
        return None
    category = PREDICATES.get(lemma)
    if category == "ASSAULT" and lemma == "attack" and token.pos_ == "VERB":
        subject = _agent_tokens(token)
        if any(t.ent_type_ in VERBAL_ATTACK_SUBJECTS for t in subject):
            return "ACCUSE"
    return category


def _leaves_a_body(token: Token, lemma: str, particle: str | None) -> bool:
    """True for leaving an organisation or an agreement ("withdrew from the bloc", "pulled out of
    the deal", "quit the alliance"): a rejection, unlike withdrawing troops or from a town."""
    if lemma not in LEAVING_VERBS and (lemma, particle) not in (("pull", "out"), ("walk", "out"),
                                                                ("back", "out")):
        return False
    objects = [c for c in token.children if c.dep_ == "dobj" and lemma in ("quit", "exit", "leave")]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                for g in c.children if g.dep_ == "pobj"]
    return any(o.ent_type_ == "ORG" or o.lemma_.lower() in BODY_NOUNS for o in objects)


def _acts_against(token: Token, lemma: str) -> bool:
    """True for a verb with no category, object or categorised prepositional object of its own
    that acts "against" someone ("voted against X"); protective verbs excepted ("guard against")."""
    if lemma in PREDICATES or lemma in PROTECTIVE_VERBS:
        return False
    if not any(c.dep_ == "prep" and c.lower_ == "against"
               and any(g.dep_ == "pobj" for g in c.children) for c in token.children):
        return False
    return not any(c.dep_ == "dobj" or c.dep_ == "prep" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in PREDICATES for g in c.children)
                   for c in token.children)


def _relation_change(token: Token, lemma: str) -> str | None:
    """AGREE for a verb that improves ties or relations ("moved to repair ties with X"), SANCTION
    for one that harms them ("weaken its ties with Y"); None otherwise."""
    if lemma not in IMPROVING_VERBS and lemma not in HARMING_VERBS and lemma not in REDUCING_VERBS:
        return None  # (read first: the cheaper test)
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in RELATION_NOUNS for c in token.children):
        return None
    if lemma in IMPROVING_VERBS:
        return "AGREE"
    if lemma in HARMING_VERBS or lemma in REDUCING_VERBS:
        return "SANCTION"
    return None


def _find_predicate(doc: Doc, content: Span, cue: Token | None, speaker: Span | None,
                    target: Span | None, statement: bool = False) -> _Predicate | None:
    """The predicate that carries the speaker's stance toward the target, or None.

    Candidates are the stance-bearing heads above the target (nearest first), then the cue
    verb, then the highest stance-bearing word of the content (a clause after "but" first).
    The first candidate whose agent is the speaker (or unstated, or "we" in a quote) decides;
    in a statement, the statement's own cue with no stated agent is the speaker's ("..., calling
    on X to ...": the attribution gave the cue its speaker).
    A candidate whose agent is the target is the reverse direction; one whose agent is a third
    party is a reported act (a separate statement), neutral for this speaker.
    """
    candidates: list[Token] = []
    if target is not None:
        node = target.root
        while node.head.i != node.i and (cue is None or node.i != cue.i):
            node = node.head  # up to the statement's own cue: heads above it are other statements
            if cue is not None and cue.dep_ == "conj" and node.i == cue.head.i:
                continue  # 'met Y and agreed to ...': the act the cue is coordinated with
            if _category(node) and not target.start <= node.i < target.end \
                    and (speaker is None or not speaker.start <= node.i < speaker.end) \
                    and not _object_of_light_verb(node):
                candidates.append(node)
    if cue is not None and _category(cue) and cue.i not in {c.i for c in candidates}:
        candidates.append(cue)
    if not candidates:
        in_content = [t for t in _category_tokens(doc, content.start, content.end)
                      if (target is None or not target.start <= t.i < target.end)
                      and (speaker is None or not speaker.start <= t.i < speaker.end)]
        in_content.sort(key=lambda t: (_after_contrast(t) is False, _depth(t)))
        # A stance noun with no agent here ("tariffs would take effect") is the statement's
        # topic, not an act: it names the category but leaves the stance to the words.
        acts = [t for t in in_content if t.pos_ == "VERB" or _agent_tokens(t)]
        if not acts and in_content:
            return _Predicate(in_content[0], "TOPIC", 0.0)
        candidates.extend(acts[:1])
    fallback = None
    for token in candidates:
        category = _category(token)
        agent = _agent_tokens(token)
        if len(agent) == 1 and agent[0].lower_ == "it" and _judged_act(token) is not None:
            agent = []  # "it was a mistake to support X": nobody's act, the speaker's judgement
        if target is not None and _overlaps(agent, target) \
                and (speaker is None or not _overlaps(agent, speaker)):
            fallback = fallback or _Predicate(token, "REVERSE", 0.0)
            continue  # the target's own act ("Y's accusation"): look further up
        endorsed = False
        if speaker is not None and agent and not _overlaps(agent, speaker) \
                and not _agent_is_speaker(agent, cue, token, speaker):
            if not _endorsed_by_speaker(token, cue):
                fallback = fallback or _Predicate(token, "REPORTED", 0.0)
                continue
            endorsed = True  # "suggested the US should sanction Y": the speaker's proposal
        if token.pos_ == "NOUN" and not agent and speaker is not None:
            # "welcomed the talks with Iran": the speaker's own verb above the noun decides.
            higher = next((h for h in candidates if h.i != token.i and h.pos_ == "VERB"
                           and _overlaps(_agent_tokens(h), speaker)), None)
            if higher is not None:
                token, category, agent = higher, _category(higher), _agent_tokens(higher)
        agent_side = (_overlaps(agent, speaker) or endorsed
                      or statement and cue is not None and token.i == cue.i and not agent
                      or cue is not None and cue.lemma_.lower() in SPEECH_VERBS
                      and token.i != cue.i and bool(agent)
                      and _agent_is_speaker(agent, None, token, speaker)) if speaker else False
        direct = (target is not None and agent_side
                  and (_in_subtree(token, target)
                       or token.lemma_.lower() in MUTUAL and _overlaps(agent, target)))
        # ('X and Y agreed to ...': co-agents of a mutual act)
        return _Predicate(token, category, CATEGORY_POLARITY[category], direct=direct)
    return fallback


# Verbs of proposing or requesting: "suggested the US could shutter the offices", "wants the EU to
# impose sanctions on Y". The act proposed for a third party is the speaker's stance.
ENDORSING_VERBS = {"suggest", "propose", "recommend", "urge", "call", "want", "hope", "wish",
                   "push", "press", "demand", "advocate", "encourage", "lobby", "insist", "ask",
                   "request", "appeal", "plead"}
# Modals of obligation: "X said the US should sanction Y" is X's proposal under any speech verb.
DEONTIC_MODALS = {"should", "must", "ought"}
PROPOSAL_MODALS = DEONTIC_MODALS | {"could", "can", "would", "to"}


def _endorsed_by_speaker(token: Token, cue: Token | None) -> bool:
    """True when a third party's act is what the speaker's cue proposes or demands: the act's
    clause is the cue's complement with a modal of obligation (any speech verb) or, under a verb
    of proposing or requesting, a modal or an infinitive."""
    if cue is None or token.i == cue.i:
        return False
    node, modals = token, set()
    for _ in range(4):
        modals |= {c.lower_ for c in node.children if c.dep_ == "aux"}
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
        if node.i == cue.i:
            break
    else:
        return False
    lemma = cue.lemma_.lower()
    if modals & DEONTIC_MODALS and (lemma in SPEECH_VERBS or lemma in ENDORSING_VERBS):
        return True
    return lemma in ENDORSING_VERBS and bool(modals & PROPOSAL_MODALS)


def _object_of_light_verb(token: Token) -> bool:
    """True when the token is the object noun that gives a light or reducing verb its category."""
    head = token.head
    return token.dep_ == "dobj" and head.pos_ == "VERB" \
        and (head.lemma_.lower() in LIGHT_VERBS or head.lemma_.lower() in REDUCING_VERBS) \
        and _category(head) is not None


def _agent_is_speaker(agent: list[Token], cue: Token | None, predicate: Token,
                      speaker: Span) -> bool:
    """True when the agent is "we"/"I" (a quote), a pronoun after the speaker, or the cue's subject."""
    if any(t.lower_ in FIRST_PERSON for t in agent):
        return True
    if len(agent) == 1 and agent[0].pos_ == "PRON" and speaker.start < agent[0].i:
        return True
    return cue is not None and predicate.i == cue.i


def _apply_modifiers(predicate: _Predicate, cue: Token | None, target: Span | None) -> None:
    """Negation, negating verbs, hedges and requests change the predicate's polarity."""
    token = predicate.token
    negated = False
    node, steps = token, 0
    while True:
        children = list(node.children)
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det")
               or c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
               for c in children):
            negated = not negated
            predicate.notes.append(f"neg:{node.lemma_}")
        intent = _denied_intent(node) if node.i == token.i else None
        if intent is not None:
            negated = not negated
            predicate.notes.append(f"neg:{intent.lemma_}")
        if node.i != token.i and node.lemma_ in NEGATING_VERBS:
            negated = not negated
            predicate.notes.append(f"negverb:{node.lemma_}")
        judged = _judged_act(node)
        if judged is not None and judged.lemma_.lower() in WRONG_ACT_WORDS:
            negated = not negated
            predicate.notes.append(f"wrong:{judged.lemma_.lower()}")
        if any(c.dep_ in ("aux", "advmod") and c.lower_ in HEDGES for c in children):
            predicate.polarity *= 0.6
            predicate.notes.append("hedge")
        if node.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "dobj", "pobj", "prep", "amod",
                             "compound") or node.head.i == node.i or (cue is not None and node.i == cue.i) or steps > 4:
            break
        node, steps = node.head, steps + 1
    if predicate.category == "REQUEST":
        pressure = _request_pressure(token)
        if pressure:
            predicate.polarity = -0.6
            predicate.notes.append(f"demand:{pressure}")
        elif token.lemma_ in ("demand", "insist", "press", "pressure"):
            predicate.polarity = -0.4
    if token.lemma_ == "warn" and _warns_of_a_situation(token, target):
        predicate.polarity = 0.0
        predicate.notes.append("situation")
    if predicate.category in ("SUPPORT", "AGREE", "AID") and predicate.polarity > 0 \
            and target is not None and _aimed_at(token, target):
        # "stood with Y against X", "cooperate against X": a friendly act aimed at the target
        predicate.polarity, predicate.category = -0.6, "REJECT"
        predicate.notes.append("against")
    if predicate.category == "REJECT" and target is not None and _rejects_criticism_of(token, target):
        predicate.polarity, predicate.category = 0.6, "SUPPORT"
        predicate.notes.append("defend")
    if predicate.category == "REJECT" and token.lemma_ in ("deny",) and target is None:
        predicate.polarity = -0.4
    if token.lemma_.lower() in ENABLING_VERBS and not negated \
            and not _allowed_party(token, target):
        # "this will allow X to act" says nothing of a target other than X; "allowed Y to
        # enter" concedes to Y and "will not allow Y to interfere" opposes Y
        predicate.polarity = 0.0
        predicate.notes.append("enable")
    if negated:
        if predicate.polarity > 0:
            predicate.polarity = -0.6 * predicate.polarity / abs(predicate.polarity)
        elif predicate.polarity < 0:
            predicate.polarity = 0.2  # "did not criticise" is not praise
        elif any(n.startswith("negverb:") for n in predicate.notes):
            predicate.polarity = -0.6  # "refused to meet", "declined to negotiate"
        predicate.category = "REJECT" if predicate.polarity < 0 else "STATEMENT"


# Criticism nouns: rejecting "criticism of X" or "concerns about X" defends X.
CRITICISM_NOUNS = {"criticism", "critique", "concern", "worry", "fear", "accusation", "allegation",
                   "charge", "claim", "complaint", "suspicion", "doubt", "question", "attack",
                   "condemnation", "censure", "blame", "warning"}


def _rejects_criticism_of(token: Token, target: Span) -> bool:
    """True when the rejected object is criticism of, concern about or accusations against the
    target ("dismissed concerns about X's plan", "rejected criticism of X"), the target not being
    the criticism's author ("rejected X's accusations")."""
    for obj in token.children:
        if obj.dep_ not in ("dobj", "nsubjpass") or obj.lemma_.lower() not in CRITICISM_NOUNS:
            continue
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "about", "over", "against",
                                                        "regarding", "on", "toward", "towards"):
                if _in_subtree(prep, target):
                    return True
    return False


# Judgements that an act was wrong: "it was a mistake to support X", "Y was wrong to back X".
WRONG_ACT_WORDS = {"mistake", "error", "wrong", "blunder", "misguided", "foolish", "unwise",
                   "shame", "folly", "disgrace", "mistaken"}


def _judged_act(token: Token) -> Token | None:
    """The evaluation of an act given by "be" above it ("it was a mistake to X": "mistake"), or
    None when the token is no infinitive complement of an evaluated "be"."""
    head = token.head
    if token.dep_ != "xcomp" or head.lemma_ != "be":
        return None
    return next((c for c in head.children if c.dep_ in ("attr", "acomp")), None)


ENABLING_VERBS = {"allow", "permit"}


def _allowed_party(token: Token, target: Span | None) -> bool:
    """True when the target is who an enabling verb lets act: its object or its clause's subject."""
    if target is None:
        return False
    parties = [c for c in token.children if c.dep_ in ("dobj", "dative")]
    parties += [g for c in token.children if c.dep_ == "ccomp"
                for g in c.children if g.dep_ == "nsubj"]
    return any(_in_subtree(p, target) for p in parties)


def _warns_of_a_situation(token: Token, target: Span | None) -> bool:
    """True when "warn" has a clause ("warned that the situation could worsen") and no addressee,
    and the target is not in that clause: a warning of events, not against the target."""
    if any(c.dep_ in ("dobj", "prep") and (c.dep_ == "dobj" or c.lower_ in ("against", "of"))
           for c in token.children):
        return False
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    if target is None:
        return True
    return not any(_in_subtree(c, target) for c in clauses)


def _request_pressure(token: Token) -> str | None:
    """The pressure word in what a request asks for ("to stop", "or face sanctions"), if any."""
    asked = [t for c in token.children if c.dep_ in ("xcomp", "ccomp", "prep", "dobj", "advcl")
             for t in c.subtree]
    asked = [t for t in asked if not _reconsidered(t, token)]
    for t in asked:
        if t.lemma_.lower() in PRESSURE_WORDS or t.lower_ in PRESSURE_WORDS:
            return t.lemma_.lower()
        category = _category(t)
        if category and CATEGORY_POLARITY[category] < 0 and not _requested_act(t, token):
            return t.lemma_.lower()
    score, _ = _lexicon_score(asked)
    return "lexicon" if score <= -NEUTRAL_THRESHOLD else None


# Verbs that ask to think again about their object: "urged X to reconsider the tariffs" is a
# request about a policy, no pressure, whatever the policy is.
RECONSIDERING_VERBS = {"reconsider", "rethink", "review", "revisit", "reexamine", "re-examine",
                       "reassess", "reevaluate", "re-evaluate"}


def _reconsidered(token: Token, request: Token) -> bool:
    """True when the token lies under a reconsidering verb below the request."""
    node = token
    while node.i != request.i and node.head.i != node.i:
        if node.lemma_.lower() in RECONSIDERING_VERBS and node.pos_ == "VERB":
            return True
        node = node.head
    return False


def _requested_act(token: Token, request: Token) -> bool:
    """True when the token is the verb of the act a request asks its addressee to do ("asked Y
    to veto the plan"): a hostile act asked of Y is no pressure on Y."""
    node = token
    while node.i != request.i:
        if node.pos_ != "VERB" and node.i == token.i or node.dep_ not in ("xcomp", "conj"):
            return False
        node = node.head
    return True


def _agent_tokens(token: Token) -> list[Token]:
    """Tokens of the predicate's agent: nsubj, by-agent of a passive, or a controlling subject
    (memoised per Doc: the list is shared, not to be changed)."""
    agents = _memo_for(token.doc).agents
    agent = agents.get(token.i)
    if agent is None:
        agent = agents[token.i] = _find_agent_tokens(token)
    return agent


def _find_agent_tokens(token: Token) -> list[Token]:
    """_agent_tokens without the memo."""
    node = token
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj"):
                return list(child.subtree)
            if child.dep_ == "agent":
                return [t for c in child.children for t in c.subtree]
            if child.dep_ == "poss" and node.pos_ == "NOUN":
                return list(child.subtree)
        if node.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ == "pcomp" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head  # 'had no intention of attacking': the intention's holder
            continue
        if node.pos_ == "NOUN" and node.lemma_.lower() in INTENT_NOUNS and node.dep_ == "dobj":
            node = node.head  # 'X has no plans to ...', 'X made an attempt to ...': X
            continue
        break
    return []


def _after_contrast(token: Token) -> bool:
    """True when the token's clause follows a contrastive conjunction ("..., but warned")."""
    clause = token
    while clause.dep_ not in ("conj", "ROOT") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "conj":
        return False
    return any(s.lower_ in ("but", "yet", "although", "however", "though")
               for s in clause.head.children if s.i < clause.i) or any(
        c.lower_ in ("however",) for c in clause.children)


def _depth(token: Token) -> int:
    """Distance of the token from its sentence root (climbed through the Doc's head offsets)."""
    head_offsets = _memo_for(token.doc).facts.head_offsets
    i, depth = token.i, 0
    while head_offsets[i]:
        i, depth = i + head_offsets[i], depth + 1
    return depth


def _overlaps(tokens: list[Token], span: Span) -> bool:
    """True when any token lies inside the span."""
    start, end = span.start, span.end
    for t in tokens:  # (a loop: any() over a generator costs more for these short lists)
        if start <= t.i < end:
            return True
    return False


def _clause_of(span: Span) -> Span:
    """The smallest verb clause that contains the span."""
    node = span.root
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    tokens = list(node.subtree)
    return span.doc[tokens[0].i:tokens[-1].i + 1]


# Named-entity types whose words are names, not evaluations ("United States", "Security
# Council", "Court of Justice", "Liberation Army"): the lexicon skips them.
NAME_ENTITY_TYPES = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART",
                     "PRODUCT"}
_NAME_ENTITY_TYPE_IDS = frozenset(get_string_id(label) for label in NAME_ENTITY_TYPES)


# Words VADER gives a valence that in political news name a topic or hedge a claim rather than
# evaluate anyone ("security forces", "the parties", "certainly", "focused on", "pretty
# expensive", "in its interests"): the lexicon skips them.
TOPICAL_VALENCE_WORDS = {"party", "parties", "certainly", "sure", "ready", "focused", "well",
                         "pretty", "clear", "clearly", "significant", "interest", "interests",
                         "security", "number", "legal", "united", "care", "please",
                         "like", "certainty", "defense", "defence", "important"}


def _is_name(token: Token) -> bool:
    """True when the token is part of a name (a named entity or a proper noun)."""
    return token.ent_type in _NAME_ENTITY_TYPE_IDS or token.pos == PROPN  # (ids: no string built)


def _lexicon_score(tokens) -> tuple[float, list[str]]:
    """VADER compound score of the tokens and the lexicon words that carried it."""
    tokens = list(tokens)[:MAX_LEXICON_TOKENS]
    if not tokens:
        return 0.0, []
    analyzer = _vader()
    fought = _fought(tokens)
    kept = []  # (token, its lower-case form) of the words that may carry a valence
    for t in tokens:
        if t.ent_type in _NAME_ENTITY_TYPE_IDS or t.pos == PROPN:  # (_is_name)
            continue
        lower = t.lower_
        if lower not in TOPICAL_VALENCE_WORDS and t.i not in fought:
            kept.append((t, lower))
    compound = vader_compound(" ".join(t.text for t, _ in kept)) if kept else 0.0
    lexicon = analyzer.lexicon
    words = [lower for _, lower in kept if lower in lexicon]
    return compound, words[:5]


def find_cue(source: Span, target: Span) -> Token | None:
    """The verb linking two spans: their lowest common ancestor, climbing to the nearest verb."""
    ancestors = {source.root.i}
    node = source.root
    while node.head.i != node.i:
        node = node.head
        ancestors.add(node.i)
    node = target.root
    while node.i not in ancestors and node.head.i != node.i:
        node = node.head
    if node.i not in ancestors:
        return None
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else None


def classify_pair_spans(doc: Doc, source: Span, target: Span) -> Stance:
    """Stance of source toward target in a parsed text, through the pipeline's classify_stance."""
    if source.sent == target.sent:
        content = source.sent
        cue = find_cue(source, target)
    else:
        content, cue = doc[:], None
    return classify_stance(doc, content.start, content.end, cue,
                           (source.start, source.end), (target.start, target.end))


def locate(doc: Doc, name: str, avoid: Span | None = None) -> Span | None:
    """Token span of the first occurrence of name in the doc (case-insensitive), avoiding a span."""
    text, needle = doc.text.lower(), name.lower().strip()
    at = text.find(needle) if needle else -1
    while at >= 0:
        span = doc.char_span(at, at + len(needle), alignment_mode="expand")
        if span is not None and len(span) and (avoid is None or span.end <= avoid.start
                                                or span.start >= avoid.end):
            return span
        at = text.find(needle, at + 1)
    return None


def classify_pairs(nlp, lines: Iterable[dict]) -> Iterator[dict]:
    """For each {"text", "source", "target"} dict, the same dict plus stance, score and cue."""
    rows = list(lines)
    for row, doc in zip(rows, nlp.pipe((str(r.get("text", "")) for r in rows), batch_size=64)):
        source = locate(doc, str(row.get("source") or ""))
        target = locate(doc, str(row.get("target") or ""), avoid=source)
        out = dict(row)
        if source is None or target is None:
            missing = "source" if source is None else "target"
            out.update(stance=NEUTRAL, stance_score=0.0, stance_cue=f"not-found:{missing}",
                       stance_category=None)
        else:
            result = classify_pair_spans(doc, source, target)
            out.update(stance=result.stance, stance_score=result.score, stance_cue=result.cue,
                       stance_category=result.category)
        yield out


# How much each deciding step counts when one speaker's statements about one target disagree.
SOURCE_WEIGHT = {"rule": 3.0, "cues": 2.0, "model": 1.0, "content_model": 1.0, "lexicon": 1.0}
# The weightier side wins only when it outweighs the other this many times.
HARMONY_RATIO = 2.0


def harmonize_stances(rows: list[dict]) -> list[dict]:
    """One article's statement rows, with each speaker's polar stances toward a target made to agree.

    A speaker rarely both supports and opposes one target within an article; where its rows say
    both, a side with at least ``HARMONY_RATIO`` times the other's weight (``SOURCE_WEIGHT`` of
    the step that decided each row) wins, and the other side's rows not decided by a rule take
    its label, marked ``+pair`` in ``stance_cue``. Neutral rows and close calls are left alone.
    """
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        if row.get("target_id") is not None and row.get("stance") in (SUPPORT, OPPOSE):
            groups.setdefault((row["speaker_id"], row["target_id"]), []).append(row)
    for group in groups.values():
        weight = {SUPPORT: 0.0, OPPOSE: 0.0}
        for row in group:
            weight[row["stance"]] += _source_weight(row)
        winner = SUPPORT if weight[SUPPORT] > weight[OPPOSE] else OPPOSE
        loser = OPPOSE if winner == SUPPORT else SUPPORT
        if not weight[loser] or weight[winner] < HARMONY_RATIO * weight[loser]:
            continue
        for row in group:
            if row["stance"] != winner and _source_weight(row) < SOURCE_WEIGHT["rule"]:
                row["stance"] = winner
                score = abs(row.get("stance_score") or 0.0)
                row["stance_score"] = score if winner == SUPPORT else -score
                row["stance_cue"] = f"{row.get('stance_cue') or ''}+pair"
    return rows


def _source_weight(row: dict) -> float:
    """SOURCE_WEIGHT of the step named by the row's stance_cue prefix."""
    return SOURCE_WEIGHT.get(str(row.get("stance_cue") or "").split(":")[0], 1.0)
