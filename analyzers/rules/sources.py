"""Speakers -> sources: one per entity or per distinct unnamed phrase, with a kind a journalist
would accept (a named person or organisation, an outlet, an official, an anonymous source, a
group, a document) and the role the text gives ('White House spokeswoman')."""

from __future__ import annotations

from typing import Any

from analyzers.model import Entity, Quote, Source
from analyzers.rules.lexicon import (
    ANONYMOUS_PHRASES,
    DOCUMENT_HEADS,
    HONORIFICS,
    ORG_HEADS,
    ORG_NAME_ENDINGS,
    OUTLET_NAMES,
    OUTLET_WORDS,
    ROLE_HEADS,
    ROLE_WORDS,
    UNNAMED_HEADS,
)
from analyzers.rules.names import clean_phrase, fold, head_word

_QUOTE_MARKS = "\"“”«»„'‘`"
_PRONOUNS = frozenset(["he", "she", "they", "i", "we", "it", "you", "who"])


def classify(phrase: str, entity: Entity | None) -> tuple[str, bool]:
    """Kind of source and whether it is anonymous."""
    low = phrase.lower()
    words = [w.strip(",.’'\"“”") for w in low.split()]
    if entity is not None:
        name_words = set(fold(entity.name).split())
        if entity.label in ("ORG", "PERSON", "WORK_OF_ART") and (
            fold(entity.name) in OUTLET_NAMES or (name_words & OUTLET_WORDS and entity.label != "PERSON")
        ):
            return "outlet", False
        last = fold(entity.name).split()[-1:]
        if entity.label == "PERSON" and last and last[0] in ORG_NAME_ENDINGS:
            return "organization", False  # "Meridian Works", tagged PERSON
        if entity.label == "PERSON":
            return "person", False
        if entity.label in ("ORG", "GPE", "NORP", "FAC"):
            return "organization", False
        if entity.label in ("WORK_OF_ART", "LAW"):
            return "document", False
    if phrase.lstrip()[:1] in _QUOTE_MARKS:
        return "document", False  # a title: 'according to "Rivers of Steel," a book by ...'
    head = head_word(phrase)
    if any(p in low for p in ANONYMOUS_PHRASES):
        return ("official" if head in ROLE_HEADS else "anonymous"), True
    if head in DOCUMENT_HEADS:
        return "document", False
    if head in UNNAMED_HEADS:
        return "anonymous", True
    if head in ROLE_HEADS:
        # 'the head of the Northern Command' is one identifiable official; 'a senior
        # official', 'Mexican officials' are unnamed ones
        specific = words[:1] == ["the"] and not head.endswith("s") and any(w in words for w in ("of", "for", "to"))
        return "official", not specific
    if head in ORG_HEADS:
        return "organization", False
    if set(words) & OUTLET_NAMES:
        return "outlet", False
    if head in _PRONOUNS:
        return "unknown", False
    if head in ROLE_WORDS:
        return "official", True
    if len(head) > 3 and head.endswith("s") and not head.endswith("ss"):
        return "group", False  # 'regulators', 'residents', 'critics': an unnamed collective
    return "unknown", False


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


def _phrase_key(phrase: str) -> str:
    """'the sources' and 'Sources' are one source; 'Mexican officials' and 'American officials'
    are not (name keys drop such words as titles, so unnamed phrases keep them)."""
    words = fold(phrase).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def build_sources(quotes: list[Quote], entities: list[Entity]) -> list[Source]:
    """One source per entity, or per distinct unnamed phrase ('sources' and 'the sources' are
    one); quotes credited by id."""
    by_id = {e.id: e for e in entities}
    groups: dict[str, dict[str, Any]] = {}
    for q in quotes:
        sp = q.speaker
        if sp is None:
            continue
        ent = by_id.get(sp.entity) if sp.entity else None
        key = f"entity:{ent.id}" if ent else f"phrase:{_phrase_key(sp.name)}"
        g = groups.get(key)
        if g is None:
            relative = sp.text.lower() in ("who", "which", "that")  # the name is what it stands for
            kind, anonymous = classify(sp.name if ent or relative else sp.text, ent)
            g = groups[key] = {"name": ent.name if ent else sp.name, "kind": kind, "anonymous": anonymous,
                               "entity": ent.id if ent else None, "description": None, "quotes": []}
        if g["description"] is None and ent is not None:
            g["description"] = description_for(sp.text, ent)
        g["quotes"].append(q.id)
    return [Source(f"s{i}", g["name"], g["kind"], g["anonymous"], g["entity"], g["description"], tuple(g["quotes"]))
            for i, g in enumerate(groups.values(), 1)]
