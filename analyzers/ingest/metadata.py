"""An article's title, byline and date from what pages and files carry: names only in the
byline, the date in its own field, a title never cut at an abbreviation."""

from __future__ import annotations

import re

from analyzers.ingest.sanitize import clean

# Words that end a byline's names: roles, dates, boilerplate ("Business reporter", "Updated").
_NOT_NAME = re.compile(
    r"^(?:updated|published|posted|modified|reporter|correspondent|writer|editor|staff|senior|business|"
    r"political|chief|contributor|columnist|photographer|the|and|at|in|for|on|of|with|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?|today|yesterday|ago|am|pm|gmt|utc|et|pt)$", re.I)
_SPLIT = re.compile(r"\s*(?:[;|·•,/]|\band\b|&|\n|\s[-–—]\s)\s*")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$|^(?:de|da|van|von|der|del|la|le|bin|al|ibn)$")


def byline_names(raw: str | None) -> str | None:
    """'By Tomás Reyes; March 14' -> 'Tomás Reyes'; 'Marisol Okafor; Business reporter · ·
    Updated' -> 'Marisol Okafor'; 'Ana Ruiz and Lee Park' -> 'Ana Ruiz, Lee Park'. None if no
    name is left."""
    if not raw:
        return None
    text = re.sub(r"^\s*(?:by|written by|words by)\s+", "", clean(" ".join(raw.split())), flags=re.I)
    names: list[str] = []
    for part in _SPLIT.split(text):
        words = part.split()
        if not 1 <= len(words) <= 4 or any(_NOT_NAME.match(w.strip(".,")) for w in words):
            continue
        # a lone capitalised word is a name only beside others
        if all(_NAME_WORD.match(w) for w in words) and any(len(w.strip(".")) > 1 for w in words) \
                and (len(words) > 1 or names):
            names.append(part)
    return ", ".join(dict.fromkeys(names)) or None


# Abbreviations a title's first sentence does not end at ("U.S. adds 156,000 jobs" is one).
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){1,4}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Corp|Co|"
    r"Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Ave|Blvd)\.)$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s")


def first_sentence(text: str) -> str:
    """The first sentence of ``text``: never cut after an abbreviation or an initial."""
    for m in _SENTENCE_END.finditer(text + " "):
        head = text[: m.start()].rstrip("\"”’)")
        if head.endswith(".") and _ABBREVIATION.search(head):
            continue
        return text[: m.start()].strip()
    return text.strip()


def derive_title(first: str, fallback: str) -> str:
    first = " ".join(first.split())
    if not first:
        return fallback
    sentence = first_sentence(first).rstrip(".")
    if len(sentence) > 90:
        cut = sentence.rfind(" ", 0, 88)
        sentence = sentence[: cut if cut > 40 else 88] + "…"
    return sentence


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """YAML front matter's simple ``key: value`` lines (title, author, date…) and where the body
    starts; ({}, 0) when there is none. Lists and nesting are skipped, never executed."""
    m = _FRONT.match(text)
    if not m:
        return {}, 0
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key and not line.startswith((" ", "\t", "-")) and re.fullmatch(r"[\w-]+", key):
            value = value.strip().strip("'\"")
            if value and value not in ("|", ">"):
                meta[key] = clean(value)
    return meta, m.end()
