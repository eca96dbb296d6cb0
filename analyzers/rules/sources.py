"""Speakers -> sources: one per real-world source (coref.py joins names, titles, pronouns and
back-references), with a kind a journalist would accept (issue 24: a named person, organisation
or outlet, an official, a deliberately anonymous source, a group, a document) and the role the
article gives it ('White House spokeswoman')."""

from __future__ import annotations

import re
from typing import Any

from analyzers.model import Entity, Quote, Source
from analyzers.rules.coref import Ref, read_quotes
from analyzers.rules.lexicon import HONORIFICS
from analyzers.rules.names import clean_phrase
from analyzers.rules.roles import Role, best_role, epithet_roles, role_nouns, roles_of

_QUOTE_MARKS = "\"“”«»„'‘`"


def description_for(phrase: str, entity: Entity | None) -> str | None:
    """The role or title around a name in the speaker phrase: the words before it ('White House
    spokeswoman') and an apposition after it ('Maria Lopez, a senior aide to the governor');
    never honorifics, parentheses or relative clauses."""
    if entity is None:
        return None
    clean = clean_phrase(phrase)
    for form in sorted({entity.name, *entity.aliases}, key=len, reverse=True):
        at = clean.find(form)
        if at >= 0:
            break
    else:
        return None
    before = [w for w in (w.strip(_QUOTE_MARKS) for w in clean[:at].replace(",", " ").split())
              if w and w.lower() not in ("the", "a", "an", "and", "'s", "’s") and w.lower() not in HONORIFICS]
    after = clean[at + len(form):].lstrip(_QUOTE_MARKS + " ")
    appos = ""
    if after.startswith(","):
        rest = after.lstrip(_QUOTE_MARKS + ", ").strip(" ,")
        first, _, tail = rest.partition(" ")
        appos = tail if first.lower() in ("a", "an", "the") else rest
    parts = [" ".join(before), appos]
    return ", ".join(p for p in parts if p) or None


def _is_role(desc: str | None) -> bool:
    """A description worth showing: an office or job near its start, not an age ('56'), 'One'
    or a scene ('speaking to reporters on her plane')."""
    if not desc or desc[:1].isdigit():
        return False
    words = desc.split()
    if words[0].lower().endswith(("ing", "ed")):
        return False
    return bool(role_nouns(" ".join(words[:5])))


def _unnamed_role(phrase: str) -> str | None:
    """'A Justice Department spokeswoman, who ...' -> 'Justice Department spokeswoman'."""
    clean = re.sub(r"^(?:(?:even|only|the|a|an|one|two|three|some|several|many)\s+)+", "", clean_phrase(phrase), flags=re.I)
    return clean if _is_role(clean) else None


def _description(ref: Ref, roles: dict[str, list[Role]]) -> str | None:
    if ref.entity is not None and ref.kind == "document":
        return description_for(ref.phrase, ref.entity)  # '"Rivers of Steel," a book by Lena Park'
    if ref.entity is not None and ref.kind == "person":
        here = description_for(ref.phrase, ref.entity)
        if _is_role(here):
            return here
        known = best_role(roles.get(ref.entity.id, []))
        if known is None and ref.reading.entity is None and ref.reading.definite:
            own = _unnamed_role(ref.phrase)  # what the quote calls them: 'the Democratic frontrunner'
            if own:
                return own
        return known or best_role(roles.get(ref.entity.id, []), epithets=True)
    if ref.entity is None and ref.kind in ("official", "anonymous"):
        return _unnamed_role(ref.phrase)
    return None


def build_sources(quotes: list[Quote], entities: list[Entity], text: str = "") -> list[Source]:
    """One source per real-world source; quotes credited by id. ``text``: the document's text
    (titles, appositions and anonymity formulas are read around the speakers)."""
    if not text:  # no document: read the speakers' own words only
        text = ""
    roles = roles_of(text, entities) if text else {}
    refs = read_quotes(quotes, entities, text, roles)  # titles the article gives decide 'the senator'
    roles = epithet_roles(text, entities, roles)  # what it calls them describes them too
    groups: dict[str, dict[str, Any]] = {}
    for ref in refs:
        g = groups.get(ref.key)
        if g is None:
            g = groups[ref.key] = {"name": ref.name, "kind": ref.kind, "anonymous": False,
                                   "entity": ref.entity.id if ref.entity else None, "description": None,
                                   "quotes": [], "named_head": ref.reading.entity is not None}
        elif ref.reading.entity is not None and not g["named_head"]:
            g["kind"], g["named_head"] = ref.kind, True  # the name decides the kind, not 'he'
        elif g["kind"] == "unknown" and ref.kind == "person":
            g["kind"] = "person"  # 'Shane Shook' the tagger missed, then 'Shook said'
        g["anonymous"] = g["anonymous"] or ref.anonymous
        if g["description"] is None:
            g["description"] = _description(ref, roles)
        g["quotes"].append(ref.quote)
    return [Source(f"s{i}", g["name"], "anonymous" if g["anonymous"] and g["kind"] in ("group", "unknown")
                   else g["kind"], g["anonymous"], g["entity"], g["description"], tuple(g["quotes"]))
            for i, g in enumerate(groups.values(), 1)]
