"""Resolve who said each quote: pronouns and unattributed continuations to the nearest
compatible named speaker. Grouping speakers into sources is ``sources.py``."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from analyzers.model import Document, Entity, Span, Speaker
from analyzers.rules.candidates import QuoteCandidate
from analyzers.rules.lexicon import (
    ANONYMOUS_HEADS,
    FEMALE_NAMES,
    FEMALE_WORDS,
    MALE_NAMES,
    MALE_WORDS,
    PRONOUNS,
    ROLE_HEADS,
    ROLE_WORDS,
)
from analyzers.rules.names import clean_phrase, fold, head_word, name_key, name_tokens

CONTINUATION_BLOCKS = 2
_WORD = re.compile(r"[\w.'’-]+")
# a wire dateline the parser took for the subject: 'LONDON (Reuters) - Donald Trump said ...'
_DATELINE = re.compile(r"[A-Z][A-Za-z.' ]{1,30}(?:,\s*[A-Z][\w.]*)?\s*\([A-Z][A-Za-z]{1,12}(?:/[A-Z][A-Za-z]{1,12})?\)")
_AFTER_DATELINE = re.compile(r"\s*[-—–]{1,2}\s")


def _past_dateline(index: EntityIndex, sp: Span, text: str) -> Span:
    """The person or organisation that opens the sentence after a dateline taken for the speaker
    (a dateline opens its line; 'Rep. Jim Jordan (R-Ohio) — …' is no dateline)."""
    if not _DATELINE.fullmatch(sp.text.strip()) or not _AFTER_DATELINE.match(text, sp.end) or \
            text[max(0, sp.start - 1):sp.start] not in ("", "\n"):
        return sp
    stop = min(len(text), sp.end + 120)
    for end_mark in ".\n":
        at = text.find(end_mark, sp.end + 3, stop)
        stop = at if at >= 0 else stop
    for s, e, ent in index.within(sp.end, stop):
        if ent.label in ("PERSON", "ORG"):
            return Span(s, e, text[s:e])
    return sp


@dataclass
class _Antecedent:
    name: str
    text: str
    start: int
    end: int
    entity: str | None
    gender: str | None        # male | female | plural | None (unknown)
    person: bool


@dataclass
class EntityIndex:
    entities: list[Entity]
    starts: list[int] = field(default_factory=list)
    spans: list[tuple[int, int, Entity]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.spans = sorted(((m.start, m.end, e) for e in self.entities for m in e.mentions),
                            key=lambda t: t[0])
        self.starts = [s[0] for s in self.spans]

    def within(self, a: int, b: int) -> list[tuple[int, int, Entity]]:
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.spans) and self.spans[i][0] < b:
            if self.spans[i][1] <= b:
                out.append(self.spans[i])
            i += 1
        return out

    def before(self, pos: int, floor: int) -> list[tuple[int, int, Entity]]:
        i = bisect.bisect_left(self.starts, pos) - 1
        out = []
        while i >= 0 and self.spans[i][0] >= floor:
            out.append(self.spans[i])
            i -= 1
        return out


def _gender_of(text: str, entity: Entity | None, doc_text: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(text)]
    if any(w in FEMALE_WORDS for w in words):
        return "female"
    if any(w in MALE_WORDS for w in words):
        return "male"
    names = [entity.name, *entity.aliases] if entity else [text]
    for n in names:
        first = fold(n).split()[:1]
        if first and first[0] in FEMALE_NAMES:
            return "female"
        if first and first[0] in MALE_NAMES:
            return "male"
    if entity:
        for m in entity.mentions[:6]:
            before = doc_text[max(0, m.start - 24):m.start].lower().split()[-2:]
            if any(w in FEMALE_WORDS for w in before):
                return "female"
            if any(w in MALE_WORDS for w in before):
                return "male"
    return None


def _compatible(pronoun_gender: str, ante: _Antecedent) -> bool:
    if pronoun_gender == "neuter":
        return not ante.person
    if pronoun_gender == "plural":
        return not ante.person or ante.gender == "plural"
    if not ante.person:
        return False
    return ante.gender in (None, pronoun_gender)


def _entity_for(index: EntityIndex, a: int, b: int) -> Entity | None:
    inside = index.within(a, b)
    if not inside:
        return None
    if sum(1 for s in inside if s[2].label == "PERSON") > 1:
        return None  # "Trump and Sheinbaum": a group, credited as the phrase
    rank = {"PERSON": 0, "ORG": 1, "NORP": 3, "GPE": 2}
    return min(inside, key=lambda s: (rank.get(s[2].label, 4), -(s[1] - s[0])))[2]


_QUOTE_MARKS = "\"“”«»„'‘`"


def _title_entity(index: EntityIndex, sp: Span) -> Entity | None:
    """A quoted title ('"Rivers of Steel," a book by Lena Park') is the source, not its author."""
    return next((e for a, _, e in index.within(sp.start, sp.end) if a - sp.start <= 2
                 and e.label in ("WORK_OF_ART", "ORG", "LAW", "PRODUCT")), None)


def _by_surname(entities: list[Entity], phrase: str) -> Entity | None:
    """'Ortiz calls it…' where the tagger missed this 'Ortiz': the one person of that surname."""
    words = name_tokens(phrase)
    if len(words) != 1 or not phrase.strip()[:1].isupper():
        return None
    found = [e for e in entities if e.label == "PERSON" and len(name_tokens(e.name)) > 1
             and name_tokens(e.name)[-1] == words[0]]
    return found[0] if len(found) == 1 else None


def resolve(doc: Document, cands: list[QuoteCandidate], entities: list[Entity],
            inner: list[bool] | None = None) -> list[tuple[QuoteCandidate, Speaker | None]]:
    """Give every candidate a resolved speaker; ``inner`` marks those nested in another."""
    index = EntityIndex(entities)
    block_starts = [b.start for b in doc.blocks]
    history: list[_Antecedent] = []
    out: list[tuple[QuoteCandidate, Speaker | None]] = []
    last_quote_block = -10
    last_speaker: _Antecedent | None = None
    last_quote_end = 0

    def block_of(pos: int) -> int:
        return bisect.bisect_right(block_starts, pos) - 1

    for i, c in enumerate(cands):
        blk = block_of(c.start)
        speaker: Speaker | None = None
        ante: _Antecedent | None = None
        if c.speaker is not None:
            sp = _past_dateline(index, c.speaker, doc.text)
            head = (c.speaker_head or "").lower()
            if c.speaker_tag == "PRP" and head in PRONOUNS:
                g = PRONOUNS[head]
                if g in ("male", "female", "plural", "neuter"):  # 'it said': an outlet or company
                    ante = _nearest(history, g, index, sp.start, doc, block_starts)
                if ante is not None:
                    speaker = Speaker(ante.name, sp.text, sp.start, sp.end, ante.entity)
                    if ante.gender is None and g in ("male", "female"):
                        ante.gender = g
                else:
                    speaker = Speaker(sp.text, sp.text, sp.start, sp.end, None)
            else:
                ref = c.antecedent or sp  # 'who' names no one: what it stands for does
                ent = _title_entity(index, ref) if ref.text[:1] in _QUOTE_MARKS else \
                    _entity_for(index, ref.start, ref.end) or _by_surname(entities, ref.text)
                name = ent.name if ent is not None and _names_speaker(ent, ref.text) else clean_phrase(ref.text)
                ent_id = ent.id if ent is not None and name == ent.name else None
                speaker = Speaker(name, sp.text, sp.start, sp.end, ent_id)
                person = (ent is not None and ent.label == "PERSON") or _looks_personal(ref.text)
                last = ref.text.lower().split()[-1:]
                ante = _Antecedent(name, ref.text, ref.start, ref.end, ent_id,
                                   _gender_of(ref.text, ent if ent_id else None, doc.text)
                                   if person else "plural" if last and last[0].endswith("s") else None,
                                   person)
                history.append(ante)
        elif c.cue is None and last_speaker is not None and blk - last_quote_block <= CONTINUATION_BLOCKS:
            ante = _turn_taken(index, last_speaker, last_quote_end, c.start, doc) or last_speaker
            speaker = Speaker(ante.name, ante.text, ante.start, ante.end, ante.entity)
        if ante is not None and not (inner and inner[i]):
            last_speaker = ante  # a statement reported inside another does not take the turn
        last_quote_block = blk
        last_quote_end = max(last_quote_end, c.end)
        out.append((c, speaker))
    return out


def _turn_taken(index: EntityIndex, last: _Antecedent, after: int, pos: int, doc: Document) -> _Antecedent | None:
    """A cue-less quotation continues the last speaker unless someone else took the turn: a
    person named between that speaker's last quote and this one ('Lopez disagreed. "It will
    work."') is the one speaking now."""
    for a, b, ent in index.before(pos, after):
        if ent.label == "PERSON" and ent.id != last.entity and a >= after:
            return _Antecedent(ent.name, doc.text[a:b], a, b, ent.id,
                               _gender_of(doc.text[a:b], ent, doc.text), True)
    return None


def _names_speaker(ent: Entity, phrase: str) -> bool:
    """The entity is the speaker, not just mentioned inside the phrase ('a Mexican official')."""
    if ent.label in ("NORP", "GPE") and len(phrase.split()) > len(ent.name.split()) + 0:
        return name_key(phrase) == name_key(ent.name) or any(name_key(phrase) == name_key(a) for a in ent.aliases)
    if " and " in phrase and fold(ent.name) not in fold(phrase).split(" and ")[0]:
        return False
    head = head_word(phrase)
    # 'a spokesman for the union', 'the head of the Northern Command': the role holder speaks
    return not ((head in ANONYMOUS_HEADS or head in ROLE_HEADS) and ent.label != "PERSON")


def _looks_personal(phrase: str) -> bool:
    words = [w.lower().strip(",.") for w in phrase.split()]
    return bool(words) and (words[-1] in ROLE_WORDS or words[-1] in ("spokesman", "spokeswoman", "official")) \
        and not words[-1].endswith("s")


def _nearest(history: list[_Antecedent], gender: str, index: EntityIndex, pos: int, doc: Document,
             block_starts: list[int]) -> _Antecedent | None:
    """Nearest previous speaker compatible with the pronoun; PERSON mentions in the two blocks
    before count too, so 'Kelly announced ... she said' resolves without an earlier quote."""
    cands: list[_Antecedent] = [h for h in history if h.start < pos]
    blk = bisect.bisect_right(block_starts, pos) - 1
    floor = block_starts[max(0, blk - 1)] if block_starts else 0
    for a, b, ent in index.before(pos, floor):
        if ent.label == "PERSON" or (gender == "plural" and ent.label in ("ORG", "NORP")) or \
                (gender == "neuter" and ent.label == "ORG"):
            cands.append(_Antecedent(ent.name, doc.text[a:b], a, b, ent.id,
                                     _gender_of(doc.text[a:b], ent, doc.text) if ent.label == "PERSON" else "plural",
                                     ent.label == "PERSON"))
    cands.sort(key=lambda h: h.start, reverse=True)
    for h in cands:
        if _compatible(gender, h):
            return h
    return None
