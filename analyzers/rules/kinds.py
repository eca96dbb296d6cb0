"""What a speaker phrase names: its head (a name or a common noun) and the kind of source that
head makes, by issue 24's definitions (docs/analysis-schema.json):

person, organization, outlet: named; official: an unnamed office holder; anonymous: deliberately
unnamed; group: an unnamed collective; document: something written or recorded; unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzers.model import Entity
from analyzers.rules.lexicon import ORG_NAME_ENDINGS, OUTLET_NAMES, OUTLET_WORDS
from analyzers.rules.names import fold
from analyzers.rules.source_words import (
    DOCUMENT_HEADS,
    GROUP_HEADS,
    OFFICIAL_HEADS,
    ORG_HEADS,
    OUTLET_HEADS,
    PEOPLE_HEADS,
    PERSON_NOUNS,
    POSTNOMINAL,
    PROFESSION_PLURALS,
    QUANTIFIERS,
    ROLE_NOUNS,
    SOURCE_HEADS,
)

_QUOTE_MARKS = "\"“”«»„'‘`"
_DATELINE = re.compile(r"^[A-Z][A-Z.' ]{2,30}(?:,\s*[A-Z][\w.]*)?\s*(?:\([^)]{1,30}\)\s*)?[-—–]{1,2}\s+")
# Where the head part of a phrase ends: a comma, a bracket, a dash, a relative clause, a
# preposition or a participle after the head ("officials with the committee", "a strategist
# monitoring the race").
_COMPOUND_ING = "(?:tracking|ruling|governing|polling|founding|leading|presiding|standing|sitting|briefing)"
_CUT = re.compile(r",|;|:|\(|\s[-–—]{1,2}\s|\s(?:who|whom|which|that|whose|for|of|at|with|from|in|on|to|by|"
                  r"close|familiar|briefed|including|like|among|under|about|after|before|during|across|within|"
                  r"inside|outside|between|behind|near|into|as|along|than|since|until|via|per)\s|"
                  # a participle after the head ('a strategist monitoring the race', 'a poll released
                  # Monday'), but not one inside a compound ('a tracking poll', 'the ruling party')
                  r"\s(?=[a-z]+ing\s)(?!%s\s)|(?<=s)\s(?=%s\s)|" % (_COMPOUND_ING, _COMPOUND_ING) +
                  r"(?<!ly)(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bnew)\s(?=(?:released|published|conducted|commissioned|issued|obtained|taken|posted|filed|sent|"
                  r"written|produced|prepared|compiled)\s)", re.IGNORECASE)
_OUTLET_CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}-(?:TV|FM|AM|DT)$")
# Where a phrase's first noun phrase ends (commas and clauses), and where a list of sources ends.
_PRE = re.compile(r",|;|:|\(|\s[-–—]{1,2}\s|\s(?:who|whom|which|that|whose)\s", re.IGNORECASE)
_CLAUSE = re.compile(r";|:|\s[-–—]{1,2}\s|\s(?:who|whom|which|that|whose)\s", re.IGNORECASE)
_TITLE_WORDS = ("former", "state", "then", "acting", "deputy", "top", "senior")
_PERCENT = re.compile(r"\d+\s*%|\bpercent\b|\bper cent\b|\bmajority\b|\bplurality\b", re.IGNORECASE)
_CONJ = re.compile(r"\s(?:and|&)\s+(?:the\s+|other\s+|his\s+|her\s+|their\s+|its\s+|some\s+|many\s+)?(?=\S)|"
                   r",?\s+(?:along|together)\s+with\s|\sas\s+well\s+as\s", re.IGNORECASE)

_NOT_MODIFIERS = frozenset(["the", "a", "an", "some", "many", "most", "even", "all", "his", "her", "their", "its",
                            "these", "those", "this", "that", "both", "several", "few", "more", "two",
                            "three", "four", "five", "one", "only", "also", "still"])
_NOT_NAMES = ORG_HEADS | OUTLET_HEADS | OUTLET_WORDS | GROUP_HEADS | DOCUMENT_HEADS | {"breaking", "update", "exclusive"}
FIRST_PERSON = frozenset(["i", "me", "my", "i\u00a0"])
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female",
                  "they": "plural", "them": "plural", "their": "plural", "it": "neuter", "its": "neuter"}


@dataclass(frozen=True, slots=True)
class Reading:
    """What one speaker phrase names."""

    kind: str
    entity: Entity | None       # the named head, when a name is the head
    head: str                   # the head noun, lower case ('officials', 'campaign'), or the name
    definite: bool              # 'the senator', 'The officials': may refer back
    possessor: Entity | None    # 'Clinton's campaign', 'Comey's allies': the name it belongs to
    mods: tuple[str, ...] = ()  # words before the head ('mexican' of 'Mexican officials')


def outlet_name(name: str) -> bool:
    words = set(re.split(r"[\s/-]+", fold(name)))
    return fold(name) in OUTLET_NAMES or bool(words & OUTLET_WORDS) or any(
        _OUTLET_CALL_SIGN.match(w) for w in re.split(r"[\s/]+", name))


def entity_kind(ent: Entity, phrase_head: str = "") -> str:
    """The kind a named head makes: outlets by their names, groups for nationalities and parties
    ('the Democrats', 'Europeans'), documents for titles and laws."""
    folded = fold(ent.name)
    if phrase_head in OUTLET_HEADS:
        return "outlet"
    if ent.label == "PERSON":
        last = folded.split()[-1:]
        if last and last[0] in ORG_NAME_ENDINGS:
            return "organization"
        if len(folded.split()) == 1 and folded in OUTLET_NAMES:
            return "outlet"
        return "person"
    if ent.label == "NORP":
        return "group"
    words = folded.split()
    if ent.label == "ORG" and 2 <= len(words) <= 3 and words[0].rstrip(".") in _PERSON_TITLES and \
            words[-1] not in ORG_NAME_ENDINGS and words[-1] not in ORG_HEADS:
        return "person"  # 'Representative Brooks' tagged as an organisation, not 'President Obama Foundation'
    if folded.split()[-1:] and folded.split()[-1] in _DOCUMENT_NAME_ENDINGS:
        return "document"  # 'the Affordable Care Act', 'the Paris Agreement'

    if ent.label in ("WORK_OF_ART", "LAW"):
        return "outlet" if outlet_name(ent.name) else "document"
    if outlet_name(ent.name):
        return "outlet"
    return "organization"


def _mentions_in(ents: list[tuple[int, int, Entity]], a: int, b: int) -> list[tuple[int, int, Entity]]:
    return [(s, e, ent) for s, e, ent in ents if s >= a and e <= b]


def _cut_outside(phrase: str, ents: list[tuple[int, int, Entity]], pattern: re.Pattern[str] | None = None) -> int:
    """Where the head part ends: the first cut not inside a name."""
    for m in (pattern or _CUT).finditer(phrase):
        if m.start() == 0:
            continue
        if not any(s < m.start() < e for s, e, _ in ents):
            return m.start()
    return len(phrase)


def _head_noun(part: str) -> str:
    words = [w.strip(".,’'\"“”()") for w in part.split()]
    words = [w for w in words if w]
    while len(words) > 1 and (words[-1].lower() in POSTNOMINAL or
                              (words[-1].lower().endswith("ed") and words[-1].islower())):
        words.pop()
    if not words:
        return ""
    w = words[-1].lower()
    for suffix in ("’s", "'s", "’", "'"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    return w


def read(phrase: str, ents: list[tuple[int, int, Entity]]) -> Reading:
    """The reading of a speaker phrase; ``ents`` are entity mentions at offsets into ``phrase``."""
    lead = _DATELINE.match(phrase)
    if lead and len(phrase) > lead.end():
        off = lead.end()
        phrase = phrase[off:]
        ents = [(s - off, e - off, ent) for s, e, ent in ents if s >= off]
    raw = phrase.strip()
    low = raw.lower()
    definite = bool(re.match(r"(?:the|these|those|this|that|its|his|her|their|[\w.&-]+[’']s?)\s", low))
    if raw[:1] in _QUOTE_MARKS and len(raw) > 3:
        # the title ends at a closing mark before a space or the end ('‘Time’s Up’' is one title)
        m = re.match(r".(.+?)[’'\"”](?=\s|$|[,.:;])(?:\s+(\w+))?|.(.+)", raw)
        assert m is not None  # the second branch takes any raw of two characters or more
        title = fold((m.group(1) or m.group(3) or "").strip(" ."))
        if title in OUTLET_NAMES or (m.group(2) or "").lower() in OUTLET_HEADS:
            return Reading("outlet", None, title, True, None)  # '‘Time’ magazine said': not a title
        return Reading("document", None, "title", False, None)
    if low.strip(" \u00a0") in FIRST_PERSON:
        return Reading("person", None, "i", False, None)
    if low in PRONOUN_GENDER:
        g = PRONOUN_GENDER[low]
        kind = "person" if g in ("male", "female") else "group" if g == "plural" else "unknown"
        return Reading(kind, None, low, True, None)
    if re.fullmatch(r"[A-Z][A-Z'-]{2,}(?:\s+[A-Z][A-Z'-]{2,}){1,2}", raw) and not set(fold(raw).split()) & _NOT_NAMES:
        return Reading("person", None, fold(raw.split()[-1]), False, None)  # 'KATE ROE:' in a transcript
    # "some of his admirers": the head is what follows "of"
    q = re.match(r"\s*(?:even\s+|only\s+)?(?:some|many|most|few|several|all|none|one|two|three|each|both|"
                 r"a\s+few|a\s+number|a\s+majority|the\s+majority|half|dozens|hundreds|thousands)\s+of\s+", phrase,
                 re.IGNORECASE)
    if q:
        return read(phrase[q.end():], [(a - q.end(), b - q.end(), e) for a, b, e in ents if a >= q.end()])
    clause = _cut_outside(phrase, ents, pattern=_CLAUSE)
    if _conjunction(phrase[:clause], ents):
        return Reading("group", None, "and", False, None)
    # "The finance minister, Lou Jiwei", "One group, Occupy DNC": the name after a comma at the
    # end is the holder of the role, or the group's name
    last = max(ents, key=lambda t: t[1], default=None)
    if last is not None and phrase[:last[0]].rstrip().endswith(",") and len(phrase.rstrip(" .’'s")) - last[1] <= 1:
        first_head = _head_noun(phrase[:_cut_outside(phrase, ents)])
        if last[2].label == "PERSON" and not any(e2.label == "PERSON" for s2, _, e2 in ents if s2 < last[0]):
            return Reading(entity_kind(last[2]), last[2], fold(last[2].name), definite, None)
        if last[2].label == "ORG" and first_head in ORG_HEADS:
            return Reading(entity_kind(last[2]), last[2], fold(last[2].name), definite, None)
    # a name ending the part before any comma or clause is the head ("Clinton campaign
    # spokesman Brian Fallon", "secretary of state Hillary Clinton"), unless it is the
    # complement of a role ("a spokesman for Mayor Jackson", "data from the FBI")
    pre = phrase[:_cut_outside(phrase, ents, pattern=_PRE)].rstrip()
    found = _named_head(pre, ents)
    if found is not None:
        s, ent = found
        head_word = _head_noun(pre[:s]) if pre[:s].strip() else ""
        if ent.label == "NORP" and not fold(ent.name).endswith("s") and fold(ent.name) in PERSON_NOUNS:
            return Reading("person", None, fold(ent.name).split()[-1], True, None)  # 'the Ohio Republican'
        return Reading(entity_kind(ent, head_word), ent, fold(ent.name), definite, None)
    end = _cut_outside(phrase, ents)
    part = phrase[:end].rstrip()
    head_ents = _mentions_in(ents, 0, len(part))
    head = _head_noun(part)
    possessor = next((ent for s, e, ent in head_ents if ent.label in ("PERSON", "ORG", "GPE")), None)
    words = [w.strip(".,’'\"“”()").lower() for w in part.split()]
    mods = tuple(w for w in words[:-1] if w and w not in _NOT_MODIFIERS and w != head)
    if _PERCENT.search(part):
        return Reading("group", None, head, definite, possessor, mods)
    return Reading(_common_kind(head, low, part, possessor, definite), None, head, definite, possessor, mods)


_PERSON_TITLES = frozenset(["representative", "rep", "senator", "sen", "governor", "gov", "mayor", "judge",
                            "president", "mr", "mrs", "ms", "dr", "sheriff", "congressman", "congresswoman"])
_DOCUMENT_NAME_ENDINGS = frozenset(["act", "bill", "law", "amendment", "report", "resolution", "agreement",
                                    "treaty", "accord", "accords", "declaration", "manifesto", "survey", "poll"])
_PREP = re.compile(r"\s(?:for|to|of|with|at|from|by|about|on|in)\s")
_DETERMINER = re.compile(r"(?:the|a|an|one|some|many|most|several|two|three|his|her|its|their|even)\s", re.IGNORECASE)


def _ending(text: str, ents: list[tuple[int, int, Entity]]) -> tuple[int, int, Entity] | None:
    if text.endswith(("’s", "'s")):
        text = text[:-2]
    end = len(text.rstrip(" .,"))
    found = [t for t in ents if t[0] < end and abs(t[1] - end) <= 1]
    return max(found, key=lambda t: t[1] - t[0]) if found else None


def _named_head(pre: str, ents: list[tuple[int, int, Entity]]) -> tuple[int, Entity] | None:
    """The name heading a phrase: 'Clinton campaign spokesman Brian Fallon', 'House Speaker Paul
    Ryan of Wisconsin', 'secretary of state Hillary Clinton', 'Director of National Intelligence
    James Clapper'; none in 'a spokesman for Mayor Jackson', 'data from the FBI', 'Friends of X'."""
    m = next((m for m in _PREP.finditer(pre) if not any(s < m.start() < e for s, e, _ in ents)), None)
    if m is not None:
        first = pre[:m.start()]
        named = _ending(first, ents)
        if named is not None:
            return named[0], named[2]
        words = first.split()
        last = words[-1].strip(".,").lower() if words else ""
        title = m.group().strip() == "of" and last in ROLE_NOUNS  # 'secretary of state Hillary Clinton'
        if _DETERMINER.match(first.strip() + " ") or not title:
            return None  # what follows the preposition qualifies a common noun ('Friends of Mr. X')
    named = _ending(pre, ents)
    if named is None or re.search(r"\b[a-z]+ing\s+(?:\w+\s+){0,2}$", pre[:named[0]]):
        return None  # 'hackers backing President Assad'
    return named[0], named[2]


def _side_is_source(seg: str, off: int, ents: list[tuple[int, int, Entity]], right: bool) -> bool:
    """One side of 'X and Y' stands for a source of its own: a name, a pronoun, a plural."""
    seg_s = seg.strip(" ,")
    if not seg_s:
        return False
    low = seg_s.lower()
    if low in PRONOUN_GENDER or low in FIRST_PERSON:
        return True
    lo = off + (len(seg) - len(seg.lstrip(" ,")))
    hi = lo + len(seg_s)
    if any(lo <= s and e >= hi - 1 and e <= hi + 1 and ent.label in ("PERSON", "ORG", "GPE", "NORP", "FAC")
           for s, e, ent in ents):
        return True
    seg_s = re.sub(r"\s*\([^)]*\)$", "", seg_s)
    if re.fullmatch(r"(?:[A-Z][\w.’'-]+\s?){1,3}", seg_s) and seg_s.split()[0].lower() not in ("the", "a", "an"):
        return True  # a name the tagger missed: 'Trump and Sheinbaum'
    head = _head_noun(seg_s)
    return len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is"))


def _conjunction(text: str, ents: list[tuple[int, int, Entity]]) -> bool:
    """'Trump and Sanders', 'X, Y and Z', 'she and other leaders', 'X along with Y': several sources;
    'the senator and Republican candidate', 'an adviser and pollster to X': one."""
    prep = next((p.start() for p in _PREP.finditer(text) if not any(s < p.start() < e for s, e, _ in ents)
                 and "along" not in text[max(0, p.start() - 8):p.start()] and "together" not in
                 text[max(0, p.start() - 10):p.start()]), len(text))
    for m in _CONJ.finditer(text):
        if any(s < m.start() < e for s, e, _ in ents) or m.start() > prep:
            continue
        if "with" in m.group() or "well as" in m.group():
            return True
        lstart = text.rfind(",", 0, m.start()) + 1
        rend = text.find(",", m.end())
        rend = len(text) if rend < 0 else rend
        left, right = text[lstart:m.start()], text[m.end():rend]
        if re.match(r"(?:the|other|others|his|her|their|its|some|many)\b", text[m.start():].split(None, 1)[-1].lower()):
            return True
        if _side_is_source(left, lstart, ents, False) and _side_is_source(right, m.end(), ents, True):
            return True
    return False


def _common_kind(head: str, low: str, part: str, possessor: Entity | None, definite: bool = False) -> str:
    """The kind an unnamed head makes (anonymity is decided apart, from the context)."""
    if head in DOCUMENT_HEADS:
        return "document"
    if head in SOURCE_HEADS:
        return "anonymous"
    if head in PROFESSION_PLURALS:
        tied = (possessor is not None and possessor.label in ("PERSON", "ORG")) or \
            bool(re.search(r"\s(?:at|of|for|with|from)\s", low)) or low.startswith(("its ", "his ", "her ", "their "))
        return "official" if tied else "group"
    if head in OFFICIAL_HEADS:
        return "official"
    if head in QUANTIFIERS or head in GROUP_HEADS:
        return "group"
    if head in ("side", "party", "camp", "team") and low.startswith(("each ", "either ", "neither ")):
        return "group"  # 'with each side accusing the other': the parties, taken in turn
    if head in PEOPLE_HEADS:
        return "group" if head not in ("person", "someone", "somebody", "one", "individual") else "unknown"
    if head == "group" and re.search(r"group\s+of\s", low):
        return "group"  # 'a group of experts'
    if head in ("police", "group"):
        return "organization"  # the department acting; 'a group' the article identifies
    if head in ORG_HEADS:  # 'Clinton's campaign', 'the campaign', 'her campaign'; not 'a campaign'
        return "organization" if possessor is not None or low.startswith(("the ", "his ", "her ", "its ", "their ")) \
            else "unknown"
    if head in OUTLET_HEADS:
        return "outlet" if low.startswith("the ") else "unknown"
    if head in PERSON_NOUNS:
        return "person" if definite else "unknown"
    if len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is")) and head.isalpha():
        return "group"  # 'regulators', 'residents', 'critics': an unnamed collective
    return "unknown"
