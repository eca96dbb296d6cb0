"""Roles: the office, job or function the article gives a named person, wherever it gives it
("White House spokeswoman Dana Holt", "Jo Bloggs, an adviser to the governor,", "the county
auditor, Maria Chen,"), so a source shows its role and "the senator" can find its senator."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from analyzers.model import Entity
from analyzers.rules.source_words import HONORIFIC_WORDS, ROLE_NOUNS, TITLE_ABBREVIATIONS

_WORD = re.compile(r"[\w.’'&-]+")
# A word that may sit in a title before a name: capitalised, or a role noun, or a modifier of one.
_TITLE_GLUE = frozenset(["of", "for", "the", "and"])
_MODIFIERS = frozenset(["former", "top", "senior", "chief", "deputy", "assistant", "acting", "longtime",
                        "outgoing", "incoming", "interim", "vice", "campaign", "press", "state", "city", "county",
                        "communications", "policy", "defense", "foreign", "house", "majority", "minority", "then",
                        "co", "lead", "head", "managing", "general", "staff", "retired", "team", "party"])
_STOP_BEFORE = frozenset(["said", "says", "told", "according", "by", "to", "with", "from", "and", "but", "as",
                          "when", "while", "that", "than", "after", "before", "at", "in", "on", "like", "including",
                          "which", "who", "was", "is", "are", "were", "has", "had", "have", "be", "been"])
_APPOS_END = re.compile(r"[,;:()\[\]—–]|\s-{1,2}\s|(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSt)\.(?:\s|$)|\s(?:who|which|that|whose|said|says|told|and\s+(?:is|was|has))\s")
_LINKING = frozenset(["of", "for", "at", "in", "on", "to", "and", "or", "the", "a", "an", "with", "from", "by"])
_POSSESSIVE_WORD = re.compile(r"^[\w.&-]+[’']s?$")


def norm_role(word: str) -> str:
    """'Sen.' -> 'senator', 'CEO' -> 'executive', 'spokeswoman' -> 'spokeswoman'."""
    w = word.lower().strip(".,’'\"“”")
    return TITLE_ABBREVIATIONS.get(w, w)


def role_nouns(description: str) -> list[str]:
    """The role nouns in a description, normalised ('House Minority Leader' -> ['leader'])."""
    out = []
    for w in _WORD.findall(description):
        n = norm_role(w)
        if n in ROLE_NOUNS or w.lower() in ROLE_NOUNS:
            out.append(n)
        elif n.endswith("s") and n[:-1] in ROLE_NOUNS:
            out.append(n[:-1])  # 'officials', 'prosecutors'

    return out


@dataclass(frozen=True, slots=True)
class Role:
    start: int          # where the mention it describes starts
    text: str           # 'White House spokeswoman', 'an adviser to the governor' -> 'adviser to the governor'
    nouns: tuple[str, ...]
    epithet: bool = False   # 'the front-runner' somewhere after the name, not a title or apposition


def _before(text: str, start: int) -> str | None:
    """Title words right before a name: 'White House spokeswoman', 'Sen.', 'House Minority Leader'."""
    left = text[max(0, start - 80):start]
    if not left.endswith((" ", "\u00a0")):
        return None
    words = left.split()
    taken: list[str] = []
    for w in reversed(words):
        bare = w.strip("“”\"")
        low = bare.lower().rstrip(".")
        if not bare or bare[-1] in ",;:)" or low in _STOP_BEFORE:
            break
        if low in HONORIFIC_WORDS:
            if low in ("the", "a", "an"):
                break
            continue  # Mr., Dr.: not a role, but a title may stand before them
        if not (bare[0].isupper() or low in ROLE_NOUNS or low in _TITLE_GLUE or low in _MODIFIERS
                or low.endswith(("ial", "ive", "ary", "al", "ic"))):
            break
        taken.append(bare)
        if _POSSESSIVE_WORD.match(bare) and bare.endswith(("’s", "'s")):
            break  # "Twitter's director": the possessor starts the title
        if len(taken) >= 7:
            break
    taken.reverse()
    while taken and taken[0].lower() in _TITLE_GLUE:
        taken = taken[1:]
    phrase = " ".join(taken)
    return phrase if phrase and role_nouns(phrase) else None


def _after(text: str, end: int) -> str | None:
    """An apposition after a name: ', a senior aide to the governor,' -> 'senior aide to the governor'."""
    right = text[end:end + 160]
    m = re.match(r"\s*(?:\([^)]{0,40}\)\s*)?,\s+(?:\d{1,3},\s+)?", right)  # ', 23, a social worker'

    if not m:
        return None
    rest = right[m.end():]
    stop = _APPOS_END.search(rest)
    body = rest[:stop.start()] if stop else rest
    words = body.split()
    if not words or words[0][0].isdigit() or words[0].lower() in ("who", "which", "one", "and", "but", "said",
                                                                   "says", "told", "according"):
        return None
    if words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    if not words:
        return None
    words = words[:12]  # 'director of the Center for American Women and Politics at …'
    while len(words) > 1 and words[-1].lower() in _LINKING:
        words.pop()
    phrase = " ".join(words)
    nouns = role_nouns(" ".join(words[:6]))
    return phrase if nouns else None


def _before_comma(text: str, start: int) -> str | None:
    """A role then a comma then the name: 'the county auditor, Maria Chen'."""
    left = text[max(0, start - 80):start]
    m = re.search(r"(?:^|[\s(])(?:[Tt]he|[Aa]n?|[A-Z][\w.&-]*[’']s|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+([^,.;:]{2,60}),\s+$", left)
    if not m:
        return None
    phrase = m.group(1).strip()
    head = re.split(r"\s(?:of|for|at|to)\s", phrase)[0]  # 'the secretary of the Treasury, Jacob Lew'
    last = head.split()[-1] if head.split() else ""
    return phrase if norm_role(last) in ROLE_NOUNS or last.lower() in ROLE_NOUNS else None


def roles_of(text: str, entities: list[Entity]) -> dict[str, list[Role]]:
    """Every PERSON entity's roles in the article, in text order."""
    out: dict[str, list[Role]] = {}
    for e in entities:
        if e.label != "PERSON":
            continue
        found = []
        first = e.name.split()[0] if e.name.split() else ""
        for m in e.mentions:
            at = m.text.find(first) if first else -1
            inner = _before(m.text + " ", at) if at > 0 else None  # 'Treasury Secretary Jacob Lew' tagged whole
            for desc in (inner, _before(text, m.start), _after(text, m.end), _before_comma(text, m.start)):
                if desc:
                    found.append(Role(m.start, desc, tuple(role_nouns(desc))))
        if found:
            out[e.id] = found
    return out


# 'the front-runner', 'the British prime minister', 'The minority leader': an office standing for
# a person named just before it
# … standing as a subject: after a sentence or clause opens, not as an object ('attacked the president')
_EPITHET = re.compile(r"(?:^|[.!?;:,—–]\s+|\n|\b(?:because|but|and|as|while|when|although|though|since|after|"
                      r"before|where|so|that|said|says)\s+)(?P<the>[Tt]he)\s+([\w-]+(?:[ ][\w-]+){0,3})")
_EPITHET_NOUNS = frozenset(["senator", "governor", "mayor", "president", "candidate", "nominee", "frontrunner",
                            "front-runner", "contender", "challenger", "incumbent", "minister", "premier",
                            "chancellor", "leader", "speaker", "secretary", "chairman", "chairwoman", "host",
                            "anchor", "moderator", "congressman", "congresswoman", "representative", "billionaire",
                            "mogul", "tycoon", "businessman", "businesswoman", "judge", "sheriff"])
EPITHET_REACH = 400   # characters back to the person an epithet stands for


def epithet_roles(text: str, entities: list[Entity], roles: dict[str, list[Role]]) -> dict[str, list[Role]]:
    """``roles`` with, after each person's own titles and appositions, the offices the article
    calls them by ('… with David Cameron because the British prime minister cast …'): the person
    named last before the epithet, within its paragraph, who has no role of that noun yet."""
    spans = sorted(((m.start, m.end, e) for e in entities if e.label == "PERSON" for m in e.mentions),
                   key=lambda t: t[:2])
    starts = [s for s, _, _ in spans]
    out = {k: list(v) for k, v in roles.items()}
    for m in _EPITHET.finditer(text):
        words = m.group(2).split()
        cut = next((n for n in range(len(words), 0, -1) if words[n - 1].lower() in _EPITHET_NOUNS), 0)
        end = m.start(2) + len(" ".join(words[:cut]))
        after = text[end:end + 5]
        if not cut or re.match(r"\s+(?:of|for|to|at|in)\b|[’']s", after):
            continue  # 'the president of the club', 'the senator's aide': not the person
        noun, phrase, at = words[cut - 1].lower(), " ".join(words[:cut]), m.start("the")
        floor = max(text.rfind("\n", max(0, at - EPITHET_REACH), at) + 1, at - EPITHET_REACH)
        i = bisect.bisect_left(starts, at) - 1
        if i < 0 or starts[i] < floor:
            continue
        ent = spans[i][2]
        if any(noun in r.nouns for r in out.get(ent.id, [])):
            continue
        out.setdefault(ent.id, []).append(Role(at, phrase, (noun,), epithet=True))
    return out


def best_role(roles: list[Role], epithets: bool = False) -> str | None:
    """The description a source list shows: the first title or apposition the article gives
    (with ``epithets``, else the first office it calls them by)."""
    given = [r for r in roles if not r.epithet]
    if given or not epithets:
        return given[0].text if given else None
    return roles[0].text if roles else None
