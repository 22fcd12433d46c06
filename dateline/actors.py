"""Actor resolution: entity mentions in one article become actors with stable ids."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language

from dateline.ids import stable_id
from dateline.nlp import Paragraph

ACTOR_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP"}
TITLES = re.compile(
    r"^(?:(?:prime minister|president|foreign minister|minister|mr|mrs|ms|dr|pm|gen|general|"
    r"chancellor|king|queen|prince|senator|sen|rep|secretary|ambassador|spokesman|spokeswoman)\.?\s+)+",
    re.IGNORECASE)


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


@dataclass
class _Cluster:
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    role: str | None = None


def configure_pipeline(nlp: Language, actors_file: str | None = None) -> None:
    """Add dateline's rule components to a loaded model (none yet)."""


def canonical_name(text: str) -> tuple[str, str | None]:
    """Strip titles and possessives: ('Prime Minister Imran Khan') -> ('Imran Khan', 'Prime Minister')."""
    text = re.sub(r"['\u2019]s$", "", text.strip())
    match = TITLES.match(text)
    role = match.group(0).strip() if match else None
    name = text[match.end():] if match else text
    return (name.strip() or text), role


def actor_id_for(name: str, type_: str, country: str | None = None) -> str:
    """Stable actor id from canonical name, type and country."""
    return stable_id("actor", name.lower(), type_, country)


def resolve_actors(article_id: str, body: str, paragraphs: list[Paragraph]
                   ) -> tuple[list[dict], list[dict], list[MentionSpan]]:
    """Turn entity mentions into actor rows, mention rows and mention spans for one article."""
    clusters: list[_Cluster] = []
    raw = []
    for p_index, para in enumerate(paragraphs):
        for ent in para.doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            name, role = canonical_name(ent.text)
            cluster = _find_cluster(clusters, name, ent.label_)
            if cluster is None:
                cluster = _Cluster(name, ent.label_)
                clusters.append(cluster)
            elif len(name) > len(cluster.name) and cluster.type == "PERSON":
                cluster.name = name
            cluster.aliases.add(ent.text)
            cluster.role = cluster.role or role
            raw.append((cluster, ent, p_index, para.start))
    actor_rows = {}
    spans = []
    mention_rows = []
    for cluster, ent, p_index, offset in raw:
        actor_id = actor_id_for(cluster.name, cluster.type)
        actor_rows[actor_id] = {
            "actor_id": actor_id, "name": cluster.name, "type": cluster.type, "country": None,
            "role": cluster.role, "sector": None, "is_location": False,
            "aliases": sorted(cluster.aliases),
        }
        start, end = offset + ent.start_char, offset + ent.end_char
        spans.append(MentionSpan(actor_id, ent.label_, ent.text, start, end, p_index,
                                 ent.start, ent.end))
        mention_rows.append({
            "mention_id": stable_id("mention", article_id, start, end),
            "article_id": article_id, "actor_id": actor_id, "text": ent.text,
            "start": start, "end": end, "label": ent.label_,
        })
    return list(actor_rows.values()), mention_rows, spans


def _find_cluster(clusters: list[_Cluster], name: str, label: str) -> _Cluster | None:
    """The existing cluster this name refers to: same name, or a PERSON surname/full-name match."""
    lowered = name.lower()
    for cluster in clusters:
        if cluster.name.lower() == lowered:
            return cluster
    if label == "PERSON":
        tokens = lowered.split()
        for cluster in clusters:
            if cluster.type != "PERSON":
                continue
            other = cluster.name.lower().split()
            if tokens and other and (tokens[-1] == other[-1] or set(tokens) <= set(other)
                                     or set(other) <= set(tokens)):
                return cluster
    return None
