"""Name keys: how two surface forms are compared (NFKC, case, titles, possessives, invisibles)."""

from __future__ import annotations

import re
import unicodedata

from analyzers.ingest.sanitize import INVISIBLE
from analyzers.rules.lexicon import TITLES

_HEAD_CUT = re.compile(r",|\(|\s(?:who|which|that|whose|for|of|at|with|from|in|on|to|close|familiar|briefed|by)\s",
                       re.IGNORECASE)
_RELATIVE = re.compile(r"\s*\([^)]*\)|,?\s+(?:who|which|whose)\s.*$", re.IGNORECASE | re.DOTALL)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def fold(s: str) -> str:
    """NFKC, format characters removed, case-folded: 'Pu\u200dtin' and 'Putin' fold alike."""
    s = unicodedata.normalize("NFKC", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Cf" and c not in INVISIBLE)
    return s.casefold()


_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")


def name_tokens(s: str) -> list[str]:
    """Folded words of a name without determiners, titles and possessives; dotted initials
    lose their dots ('U.S.' and 'US' are one key)."""
    words = [_EDGE.sub("", _POSSESSIVE.sub("", w)) for w in fold(s).split()]
    words = [w.replace(".", "") if _DOTTED.fullmatch(w) else w for w in words if w]
    while words and (words[0] in TITLES or words[0].rstrip(".") in TITLES) and len(words) > 1:
        words = words[1:]
    return words


def name_key(s: str) -> str:
    return " ".join(name_tokens(s))


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, giving up (returning limit+1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def is_near_miss(a: str, b: str) -> bool:
    """Spellings close enough to be a typo of each other ('sheibaum' / 'sheinbaum')."""
    if a == b or min(len(a), len(b)) < 5 or a[0] != b[0]:
        return False
    if a in (b + "s", b + "es") or b in (a + "s", a + "es"):
        return False  # 'the Clintons' is the family, not a misspelling of 'Clinton'
    return edit_distance(a, b, 2) <= (1 if min(len(a), len(b)) < 8 else 2)


def acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ("of", "the", "and", "for", "&"))


def head_word(phrase: str) -> str:
    """The noun a speaker phrase is about: 'a spokesman for the union, who ...' -> 'spokesman',
    'people familiar with the talks' -> 'people'."""
    m = _HEAD_CUT.search(phrase)
    part = phrase[: m.start()] if m and m.start() > 0 else phrase
    words = [w.strip(".,’'\"“”").lower() for w in part.split()]
    return words[-1] if words else ""


def clean_phrase(phrase: str) -> str:
    """A speaker phrase without parentheses and trailing relative clauses ('..., who asked not
    to be named'): what a source list shows."""
    cleaned = _RELATIVE.sub("", phrase).strip(" ,;:")
    return cleaned or phrase.strip()
