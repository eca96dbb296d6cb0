"""Source-level coreference within one article: every quote's speaker phrase read (kinds.py),
then titles, epithets, pronouns and back-references joined to the source they stand for:
"the senator" to the senator the article names, "the CNN host" to the host, "he" to the nearest
man, "The officials" to the officials just quoted, "the people" to the sources just quoted.
Decided per quote; grouping into sources is sources.py."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from analyzers.model import Entity, Quote
from analyzers.rules.kinds import Reading, read
from analyzers.rules.lexicon import FEMALE_NAMES, MALE_NAMES
from analyzers.rules.names import clean_phrase, fold, is_near_miss
from analyzers.rules.roles import Role, norm_role
from analyzers.rules.source_words import (
    ANONYMITY_CUES,
    FEMALE_ROLE,
    MALE_ROLE,
    OFFICIAL_HEADS,
    PEOPLE_HEADS,
    PERSON_NOUNS,
    QUANTIFIERS,
    ROLE_NOUNS,
    SOURCE_HEADS,
)
from analyzers.rules.speakers import EntityIndex

_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'A-Z(])|\n")
_RELATIVE = frozenset(["who", "which", "that", "whom", "whose"])
PEOPLE_KINDS = ("group", "unknown")
RECENT = 200     # earlier sources a back-reference looks through: linear time on a book
NEAR = 3000      # characters back a title or an epithet looks for its person


@dataclass
class Ref:
    """One quote's source as read from its speaker phrase, then resolved."""

    quote: str
    pos: int                    # where the speaker phrase starts
    phrase: str                 # the phrase read ('the CNN host'); the antecedent for 'who'
    reading: Reading
    entity: Entity | None
    kind: str
    anonymous: bool
    key: str                    # one key per real-world source
    name: str
    description: str | None = None


def _sentence(text: str, a: int, b: int) -> str:
    """The sentence around [a, b): where an anonymity formula for the speaker would sit."""
    lo = max(0, a - 400)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, lo, a)]
    start = starts[-1] if starts else lo
    m = _SENTENCE_END.search(text, b, b + 600)
    return text[start:m.start() + 1 if m else min(len(text), b + 600)]


def _gender(ent: Entity, roles: list[Role], text: str) -> str | None:
    # the first word, edges cleaned ('Hillary]'); 'Jean-Claude' is not 'jean'
    first = [w for w in (re.sub(r"^[^a-z]+|[^a-z]+$", "", w) for w in fold(ent.name).split()[:1]) if w]
    if first and first[0] in FEMALE_NAMES:
        return "female"
    if first and first[0] in MALE_NAMES:
        return "male"
    for r in roles:
        for n in r.nouns:
            if n in FEMALE_ROLE:
                return "female"
            if n in MALE_ROLE:
                return "male"
    for m in ent.mentions[:8]:
        before = text[max(0, m.start - 8):m.start].lower()
        if re.search(r"\b(?:mrs|ms|miss)\.?\s*$", before):
            return "female"
        if re.search(r"\bmr\.?\s*$", before):
            return "male"
    return None


class _People:
    """PERSON mentions in text order, for 'he said' and 'the senator said'."""

    def __init__(self, entities: list[Entity], roles: dict[str, list[Role]], text: str) -> None:
        self.persons = {e.id: e for e in entities if e.label == "PERSON"}
        spans = sorted((m.start, e.id) for e in self.persons.values() for m in e.mentions)
        self.starts = [s for s, _ in spans]
        self.ids = [i for _, i in spans]
        self.roles = roles
        self.gender = {i: _gender(e, roles.get(i, []), text) for i, e in self.persons.items()}
        self.count = {i: len(e.mentions) for i, e in self.persons.items()}
        folded = {i: fold(e.name).split() for i, e in self.persons.items()}
        surnames = {words[-1] for words in folded.values() if len(words) > 1}
        # '(the) Clintons' beside 'Hillary Clinton' is a family, never 'he' or 'she'
        self.families = {i for i, words in folded.items()
                         if len(words) == 1 and words[0].endswith("s") and words[0][:-1] in surnames}
        self._holders: dict[str, list[str]] | None = None
        self.text = text

    def before(self, pos: int, floor: int) -> list[str]:
        """Person ids mentioned before ``pos`` (nearest first), back to ``floor``."""
        i = bisect.bisect_left(self.starts, pos) - 1
        out: list[str] = []
        while i >= 0 and self.starts[i] >= floor:
            if self.ids[i] not in out:
                out.append(self.ids[i])
            i -= 1
        return out

    def first_between(self, pid: str, floor: int, pos: int) -> int:
        """Where ``pid`` is first mentioned in [floor, pos), or ``pos``."""
        i = bisect.bisect_left(self.starts, floor)
        while i < len(self.starts) and self.starts[i] < pos:
            if self.ids[i] == pid:
                return self.starts[i]
            i += 1
        return pos

    def after(self, pos: int, ceiling: int) -> list[str]:
        i = bisect.bisect_left(self.starts, pos)
        out: list[str] = []
        while i < len(self.starts) and self.starts[i] < ceiling:
            out.append(self.ids[i])
            i += 1
        return out

    def with_role(self, noun: str) -> list[str]:
        if self._holders is None:
            self._holders = {}
            for i, rs in self.roles.items():
                for n in dict.fromkeys(n for r in rs for n in r.nouns):
                    if i in self.persons:
                        self._holders.setdefault(n, []).append(i)
        return self._holders.get(noun, [])


def _entities_in(index: EntityIndex, a: int, b: int) -> list[tuple[int, int, Entity]]:
    return [(s - a, e - a, ent) for s, e, ent in index.within(a, b)]


def _last_thing(refs: list[Ref], pos: int) -> Ref | None:
    """The last source quoted before ``pos`` if it can be 'it': a document, an organisation or
    an outlet ('The report found … It said', 'Rubio's campaign said … it added')."""
    for prev in reversed(refs):
        if pos - prev.pos > 1500:
            return None
        if prev.reading.head == "it" and prev.key.startswith("phrase:"):
            continue  # an 'it' that found nothing
        return prev if prev.kind in ("document", "organization", "outlet") else None
    return None


def _person_for_who(index: EntityIndex, text: str, phrase: str, a: int, who: int) -> tuple[str, int]:
    """'Scott Reed, a strategist for the Chamber of Commerce, who said': 'who' is a person; an
    antecedent that is an organisation or a place inside an apposition to a person gives way to
    that person ('one source, who …', 'his friend, who …' and 'Trump criticised the Sierra Club,
    who said …' stay as they are)."""
    inside = _entities_in(index, a, a + len(phrase))
    named = {ent.label for _, _, ent in inside}
    if "PERSON" in named or not (named & {"ORG", "GPE", "NORP", "FAC"} or
                                 read(phrase, inside).kind in ("organization", "outlet", "document")):
        return phrase, a
    start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, a - 400), a)), default=max(0, a - 400))
    people = [(s, e) for s, e, ent in index.before(a, start) if ent.label == "PERSON"]
    if not people or not re.match(r"\s*,", text[people[0][1]:people[0][1] + 3]):
        return phrase, a
    s, e = people[0]
    return text[s:e], s


def _columnist(entities: list[Entity], text: str) -> Entity | None:
    """The named writer of a column: 'Ann Roe: Why I ...' heading the article."""
    first = text.find("\n")
    head_end = first if first > 0 else min(len(text), 200)
    for e in entities:
        for m in e.mentions:
            if e.label == "PERSON" and m.end < head_end and text[m.end:m.end + 2].strip().startswith(":"):
                return e
    return None


def _surname_ref(ref: Ref, refs: list[Ref], people: _People) -> tuple[str, str, Entity | None] | None:
    """'Rubio', 'BENENSON' with no name the tagger saw: the person or earlier speaker whose name
    ends with that word."""
    words = re.split(r",\s+(?:who|whose)\s", ref.phrase)[0].split()  # 'Sanders, who has endorsed Canova,'
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return None
    last = fold(words[-1]).strip(".,’'\u00a0")
    found = [e for e in people.persons.values() if fold(e.name).split()[-1:] == [last]] or \
        [e for e in people.persons.values() if len(e.name.split()) > 1 and is_near_miss(fold(e.name).split()[-1], last)]
    if found:  # 'Trump' alone is the Trump introduced first, as entities.py clusters it
        first = min(found, key=lambda e: e.mentions[0].start if e.mentions else 0)
        return f"entity:{first.id}", first.name, first
    for prev in reversed(refs[-RECENT:]):
        pw = prev.phrase.split()
        prev_last = fold(pw[-1]).strip(".,’'") if pw else ""
        if prev.entity is None and prev.key.startswith("phrase:") and prev_last and \
                (prev_last == last or is_near_miss(prev_last, last)) \
                and all(w[:1].isupper() for w in pw) and len(pw) <= 4:
            return prev.key, prev.name, None
    return None


def _phrase_key(phrase: str) -> str:
    words = fold(phrase).replace("’", "'").split()
    while words and words[0] in ("the", "a", "an", "these", "those", "this", "that"):
        words = words[1:]
    return " ".join(words)


def read_quotes(quotes: list[Quote], entities: list[Entity], text: str,
                roles: dict[str, list[Role]]) -> list[Ref]:
    """A Ref for every quote with a speaker, in text order, resolved."""
    people = _People(entities, roles, text)
    by_id = {e.id: e for e in entities}
    by_folded = {fold(e.name): e for e in reversed(entities)}  # the first of a name wins
    writer = _columnist(entities, text)
    index = EntityIndex(entities)
    by_head: dict[str, list[Ref]] = {}
    refs: list[Ref] = []
    for q in quotes:
        sp = q.speaker
        if sp is None:
            continue
        phrase, a = sp.text, sp.start
        if sp.text.lower() in _RELATIVE and sp.name and sp.name.lower() not in _RELATIVE:
            at = text.rfind(sp.name, max(0, sp.start - 400), sp.start)
            phrase, a = sp.name, (at if at >= 0 else sp.start)
            if sp.text.lower() in ("who", "whom"):
                phrase, a = _person_for_who(index, text, phrase, a, sp.start)
        b = a + len(phrase)
        inside = _entities_in(index, a, b + (text[b:b + 1] == "."))  # 'Twitter Inc.' ends past the phrase
        reading = read(phrase, inside)
        ent = reading.entity
        if ent is None and sp.entity and sp.entity in by_id and reading.head != "and" and (
                not inside or reading.head in ("he", "she", "they", "it", "who", "which", "title")):
            ent = by_id[sp.entity]  # the attribution rules resolved the pronoun or the surname
        if reading.head in ("he", "she"):
            ent = None  # decided below: the last person quoted comes first
        elif reading.head == "it":
            prev = _last_thing(refs, a)
            if prev is not None and prev.entity is not None:  # 'Twitter said ... it added'
                ent = prev.entity
            elif prev is not None:  # 'The report found ... It said': the thing last quoted
                ent = None
                reading = Reading(prev.kind, None, prev.reading.head, True, None)
        elif reading.head == "they" and ent is not None and ent.label in ("ORG", "GPE", "FAC"):
            ent = None  # 'they' after 'the White House': the people around it, read below
        if ent is None and reading.head == "i" and writer is not None:
            ent = writer
        if ent is None and reading.kind == "outlet" and reading.head:  # '‘Time’' and 'Time' are one
            ent = by_folded.get(reading.head)
        if reading.head == "and":
            ent = None
        ref = Ref(q.id, a, phrase, reading, ent, reading.kind, False, "", phrase)
        if ent is None and reading.kind not in ("person", "organization", "outlet", "document"):
            ref.anonymous = reading.kind == "anonymous" or bool(ANONYMITY_CUES.search(phrase)) or (
                reading.head in (OFFICIAL_HEADS | PEOPLE_HEADS | SOURCE_HEADS)
                and bool(ANONYMITY_CUES.search(_sentence(text, sp.start, sp.end))))
        _resolve(ref, refs, people, by_head)
        if ref.anonymous and ref.kind in PEOPLE_KINDS:
            ref.kind = "anonymous"  # 'people familiar with the talks': anonymous is what they are
        refs.append(ref)
        by_head.setdefault(ref.reading.head, []).append(ref)
    return refs


def _resolve(ref: Ref, refs: list[Ref], people: _People, by_head: dict[str, list[Ref]]) -> None:
    r = ref.reading
    if ref.entity is not None:
        ent = ref.entity
        ref.anonymous = False
        ref.kind = r.kind if r.entity is not None else _named_kind(ent)
        ref.key, ref.name = f"entity:{ent.id}", ent.name
        return
    if r.head == "i":
        ref.key, ref.name = "writer", "the writer"
        return
    if r.head in ("he", "she"):
        pid = _nearest_person(people, ref.pos, r.head, refs)
        if pid is not None:
            _to_person(ref, people, pid)
            return
    if r.possessor is not None and r.kind == "organization":
        ref.key, ref.name = f"of:{r.possessor.id}:{r.head}", f"{r.possessor.name} {r.head}"
        return
    if r.definite and r.kind in ("person", "official") and not r.head.endswith("s"):
        pid = _title_person(people, ref.pos, r.head, ref.phrase, people.text, refs)
        if pid is not None:
            _to_person(ref, people, pid)
            return
        if r.kind == "person" and norm_role(r.head) in ROLE_NOUNS:
            ref.kind = "official"  # an office the article names no holder of: 'the agency's inspector general'
    if r.kind in ("unknown", "organization", "group", "person"):
        found = _surname_ref(ref, refs, people)
        if found is not None:
            ref.key, ref.name, ref.entity = found
            ref.kind, ref.anonymous = "person", False
            return
    if r.head not in ("and", "i", "it", "title", "he", "she"):
        prev = _back_reference(ref, refs, by_head)
        if prev is not None:
            ref.kind, ref.key, ref.name, ref.entity = prev.kind, prev.key, prev.name, prev.entity
            ref.anonymous = prev.anonymous or ref.anonymous
            return
    ref.name = clean_phrase(ref.phrase)
    ref.key = f"phrase:{_phrase_key(ref.name)}"


def _named_kind(ent: Entity) -> str:
    from analyzers.rules.kinds import entity_kind
    return entity_kind(ent)


def _to_person(ref: Ref, people: _People, pid: str) -> None:
    ent = people.persons[pid]
    ref.entity, ref.kind, ref.key, ref.name = ent, "person", f"entity:{pid}", ent.name
    ref.anonymous = False


def _nearest_person(people: _People, pos: int, pronoun: str, refs: list[Ref]) -> str | None:
    """'he said': the first person of that gender named earlier in the same paragraph (its
    subject, most often: 'Sanders, who backs Canova, said he may campaign for him'); else the
    last person quoted, if of that gender and quoted or named close before; else the nearest
    person of that gender named before; in a headline, the first named after."""
    want = "male" if pronoun == "he" else "female"
    floor = max(0, pos - NEAR)
    paragraph = people.text.rfind("\n", floor, pos) + 1 or floor
    here = [p for p in people.before(pos, paragraph) if p not in people.families]
    # a person quoted earlier in the paragraph whom the tagger did not see there ('Sanders, who
    # has sent pleas on Canova's behalf, said he may campaign'): as if named where quoted
    quoted = [(prev.pos, prev.entity.id) for prev in refs[-8:] if paragraph <= prev.pos < pos
              and prev.entity is not None and prev.entity.id in people.persons]
    if quoted:
        first = {p: people.first_between(p, paragraph, pos) for p in here}
        for at, p in quoted:
            first[p] = min(first.get(p, at), at)
        # by first place in the paragraph, so that found[-1] below is whoever came in first (its
        # subject); without a quotation in the paragraph the order stays nearest-mention first,
        # as the pronoun rules were measured (117 of 130 right on dev and the first part)
        here = sorted(first, key=lambda p: -first[p])
    for fits in ((want,), (None, want)):  # a known woman for 'she' before a name of unknown gender
        found = [p for p in here if people.gender.get(p) in fits]
        if found:
            return found[-1]
    for prev in reversed(refs):
        if pos - prev.pos > 1500:
            break
        if prev.entity is not None and prev.entity.id in people.persons and \
                people.gender.get(prev.entity.id) in (None, want):
            return prev.entity.id
    near = [p for p in people.before(pos, max(0, pos - NEAR)) if p not in people.families]
    # a known woman for 'she' before a nearer name of unknown gender
    found = [p for p in near if people.gender.get(p) == want] or [p for p in near if people.gender.get(p) is None]
    if found:
        return found[0]
    for prev in reversed(refs[-RECENT:]):
        if prev.entity is not None and prev.entity.id in people.persons and \
                people.gender.get(prev.entity.id) in (None, want):
            return prev.entity.id
    after = people.after(pos, pos + 600)
    return after[0] if after else None


def _title_person(people: _People, pos: int, head: str, phrase: str, text: str,
                  refs: list[Ref]) -> str | None:
    """'the senator', 'the CNN host', 'its chief executive': the person the article gives that
    role, nearest before ('the Gawker employee': the one whose role names Gawker); an epithet
    ('the billionaire real estate mogul') the person just quoted, else the person most in view."""
    noun = norm_role(head)
    holders = people.with_role(noun) or _named_in_role(people, phrase, head)
    if holders:
        near = people.before(pos, 0)
        ranked = [p for p in near if p in holders] or holders
        return ranked[0]
    if head in OFFICIAL_HEADS and head not in PERSON_NOUNS - {"spokesman", "spokeswoman", "aide", "adviser"}:
        return None
    if head not in PERSON_NOUNS or re.search(r"\s(?:of|for|to|at)\s|[’']s\s", phrase):
        return None  # 'the department's inspector general' is an official, not whoever is in view
    want = "female" if head in FEMALE_ROLE else "male" if head in MALE_ROLE else None
    office = noun in _OFFICES
    near = [p for p in people.before(pos, max(0, pos - NEAR)) if (want is None or people.gender.get(p) in (None, want))
            and not (office and _other_role(people, p, noun))]
    if not near:
        line_end = text.find("\n", pos)  # a headline's 'Republican assails ...': the person named below it
        after = people.after(line_end, line_end + 600) if 0 <= line_end < 300 else []
        return after[0] if after else None
    quoted = None if head in _MAIN_FIGURE else _last_person_quoted(refs, pos)
    if quoted in near[:3]:  # 'Reid would not say whether ... The minority leader said flatly'
        return quoted
    return max(near[:3], key=lambda p: people.count[p])


def _other_role(people: _People, pid: str, noun: str) -> bool:
    """The article gives this person a role, and not this office: 'the mayor' is somebody else
    than 'Tim Selaty, organizer of a group'."""
    nouns = {n for r in people.roles.get(pid, ()) if not r.epithet and not _PAST_ROLE.search(r.text) for n in r.nouns}
    return bool(nouns) and noun not in nouns


# 'Eric Adams, a former police captain', later 'the mayor': a past role leaves room for the office
_PAST_ROLE = re.compile(r"\b(?:former|ex|onetime|one-time|then|retired|erstwhile)\b", re.IGNORECASE)


# Offices one person rarely holds beside another role the article gives them.
_OFFICES = frozenset(["mayor", "governor", "senator", "minister", "secretary", "spokesman", "spokeswoman",
                      "spokesperson", "ambassador", "judge", "prosecutor", "sheriff", "commissioner",
                      "chief", "chairman", "chairwoman", "director", "congressman", "congresswoman"])


def _last_person_quoted(refs: list[Ref], pos: int) -> str | None:
    for prev in reversed(refs):
        if pos - prev.pos > 1500:
            return None
        if prev.kind == "person" and prev.entity is not None:
            return prev.entity.id
    return None


def _named_in_role(people: _People, phrase: str, head: str) -> list[str]:
    """Persons whose role carries a name the title carries: 'the Gawker employee' after
    'Gawker.com writer Ashley Feinberg'."""
    runs = [re.sub(r"^(?:The|A|An|His|Her|Its|Their)\b\s*", "", r)
            for r in re.findall(r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*", phrase)]
    names = [r for r in runs if r and r.lower() != head and not _AFFILIATION.search(r)]
    if not names:
        return []
    return [i for i, rs in people.roles.items() if i in people.persons and i not in people.families
            and any(re.search(rf"\b{re.escape(n)}\b", r.text) for r in rs if not r.epithet for n in names)]


# Party, nationality and place adjectives: 'the Republican candidate' names no employer.
_AFFILIATION = re.compile(r"^(?:[A-Z][\w.-]*(?:an|ic|ish|ese|i)|GOP|Democrat|Federal|National|State)$")


def _back_reference(ref: Ref, refs: list[Ref], by_head: dict[str, list[Ref]]) -> Ref | None:
    """'The officials' after 'Israeli officials', 'the summary' after 'an FBI summary', 'the people'
    or 'they' after 'sources', 'strategists' after 'Democratic strategists': the nearest earlier
    unnamed source with that head, unless their modifiers contrast ('Mexican officials',
    'American officials')."""
    r = ref.reading
    if r.head in QUANTIFIERS and not r.definite:
        return None  # 'most ...', later 'most ...': contrasted subsets, not one source
    if r.head == "they":
        return _they(ref, refs)
    if r.kind == "document" and _contrasted(ref):
        return None  # 'another poll', 'a separate report': not the one before
    for prev in reversed(by_head.get(r.head, [])[-RECENT:]):
        p = prev.reading
        if prev.entity is not None or p.kind != r.kind:
            continue
        near = ref.pos - prev.pos <= NEAR
        if r.kind == "document" and not r.definite and _generic(prev):
            p = replace(p, mods=())  # 'a new nationwide poll', then 'a CBS poll released Monday': named now
        same = set(r.mods) == set(p.mods)
        compatible = not r.mods or not p.mods or same or (r.definite and near and set(r.mods) <= set(p.mods))
        if compatible and (r.definite or near or same or not r.mods):
            return prev
    kin = _KIN_HEADS.get(r.head)
    if kin is not None and r.definite and _phrase_key(ref.phrase) == r.head:  # 'the study', not 'the study by X'
        for prev in reversed(refs[-RECENT:]):
            if ref.pos - prev.pos > 2 * NEAR:
                break
            p = prev.reading
            if prev.entity is None and p.kind == r.kind and p.head in kin and p.head != r.head \
                    and (not r.mods or not p.mods):
                return prev
    if r.head not in ("people", "person"):
        return None
    for prev in reversed(refs[-8:]):
        if ref.pos - prev.pos > NEAR or prev.entity is not None:
            continue
        if r.definite and prev.anonymous:
            return prev
    return None


# A document's modifiers that describe it without telling it from another ('a new nationwide
# poll'), and words that tell it from the one before ('another poll').
_DESCRIPTIVE = frozenset(["new", "latest", "recent", "nationwide", "national", "statewide", "fresh", "just-released",
                          "forthcoming", "upcoming", "online", "public"])
_CONTRAST = frozenset(["another", "other", "second", "separate", "different", "earlier", "previous", "rival",
                       "competing", "older", "third"])


def _generic(ref: Ref) -> bool:
    """'a new nationwide poll': a document the article has not named (no capital after its
    first word, no modifier but descriptive ones)."""
    words = ref.phrase.split()
    return all(m in _DESCRIPTIVE for m in ref.reading.mods) and not any(w[:1].isupper() for w in words[1:])


def _contrasted(ref: Ref) -> bool:
    words = fold(ref.phrase).split()
    before = words[:words.index(ref.reading.head)] if ref.reading.head in words else words[:2]
    return bool(_CONTRAST.intersection(before))


# Heads one unnamed source goes by in turn: a study is later 'the research' or 'the report', its
# researchers 'the authors', a crowd 'the attendees'.
_KIN = (frozenset(["study", "research", "report", "paper", "analysis"]), frozenset(["poll", "survey"]),
        frozenset(["researchers", "authors", "scholars"]), frozenset(["crowd", "audience", "attendees"]))
_KIN_HEADS = {head: kin for kin in _KIN for head in kin}
# Epithets for an article's main figure ('the billionaire real estate mogul'): the person most in
# view, not whoever was quoted last; any other title ('the minority leader', 'the author') is
# most often the person just quoted.
_MAIN_FIGURE = frozenset(["billionaire", "mogul", "tycoon", "magnate", "businessman", "businesswoman", "developer",
                          "front-runner", "frontrunner"])
_PLURAL_HEADS = frozenset(["people", "police", "staff", "media", "public", "crowd", "team", "leadership", "family"])


def _they(ref: Ref, refs: list[Ref]) -> Ref | None:
    """'Military analysts say … they said', 'The campaign attributed … They can't': the nearest
    source quoted just before that can be 'they' (never a person; a document only as 'it');
    earlier 'they's that found nothing are skipped, not joined."""
    for prev in reversed(refs[-8:]):
        if ref.pos - prev.pos > 1500:
            return None
        if prev.reading.head == "they" and prev.key.startswith("phrase:"):
            continue
        if prev.kind in ("person", "document", "unknown", "outlet") or \
                (prev.entity is not None and prev.entity.label == "GPE"):
            return None  # a country is 'it'; 'they' are its people, a source of their own
        head = prev.reading.head
        if prev.kind == "organization" or head.endswith("s") or head in _PLURAL_HEADS or head == "and" \
                or prev.anonymous:
            return prev
        return None
    return None
