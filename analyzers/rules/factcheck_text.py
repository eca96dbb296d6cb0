"""Text for fact-check matching (analyzers/rules/factcheck_match.py), standard library only:
what a claim carries around it taken off, one canonical form, and the terms the indexes hold.

``clean_query`` removes what a tweet or a post carries around its claim and keeps the words:
the signature of an embedded tweet ("— Name (@handle) Month D, YYYY": the name stays, who said
it is often part of the claim; the date is returned apart), links, and the '@' and '#' markers
(CamelCase tags split: #FakeNews -> Fake News). On a sentence from a news article it changes
nothing."""

from __future__ import annotations

import datetime as _dt
import html
import itertools
import re
import unicodedata

_SIG = re.compile(r"\s*(?:[—–]|\s-)\s*([^—–\n]{0,80}?)\s*\(@\w{1,30}\)\s*"
                  r"([A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s*\d{0,4})?\s*$")
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/|\bt\.co/)\S*", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_TAG = re.compile(r"(?<!\w)[#@](\w+)")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"',
                         "‟": '"', "–": "-", "—": "-", "\u00a0": " "})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUM_SEP = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")

_STOP_WORDS = """a an the and or but if of at by for with about against between into through during before
after above below to from up down in out on off over under again further then once here there when where why
how all any both each few more most other some such only own same so than too very s t can will just don should
now i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
herself it its itself they them their theirs themselves what which who whom this that these those am is are was
were be been being have has had having do does did doing would could ought i'm you're he's she's it's we're
they're i've you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll let's
that's who's what's here's there's when's where's why's how's also via rt amp"""
STOP = frozenset(_STOP_WORDS.split())


def parse_date(s: str | None) -> _dt.date | None:
    """'March 6, 2021', 'Mar. 6 2021' -> a date; None when it is not one."""
    if not s:
        return None
    s = " ".join(s.replace(".", "").replace(",", "").split())
    for fmt in ("%B %d %Y", "%b %d %Y"):
        try:
            return _dt.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    return None


def clean_query(text: str, keep_name: bool = True) -> tuple[str, _dt.date | None]:
    """(the claim's words, the date of the embedded tweet or None)."""
    t = html.unescape(text)
    date = None
    m = _SIG.search(t)
    if m:
        date = parse_date(m.group(2))
        t = t[: m.start()] + ((" " + m.group(1)) if keep_name and m.group(1) else "")
    t = _URL.sub(" ", t)
    t = _TAG.sub(lambda mm: " " + _CAMEL.sub(" ", mm.group(1)).replace("_", " ") + " ", t)
    return " ".join(t.split()), date


def norm(text: str) -> str:
    """The canonical form matched on: NFKC, typographic quotes and dashes as ASCII, lower case."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()


def words(text_norm: str) -> list[str]:
    """The tokens of a normalised text; '1,000' is '1000'."""
    return _WORD.findall(_NUM_SEP.sub("", text_norm))


def word_terms(tokens: list[str]) -> list[str]:
    """Content words (stop words dropped) and every word bigram."""
    return [t for t in tokens if t not in STOP] + [a + " " + b for a, b in itertools.pairwise(tokens)]


def char_terms(text_norm: str, lo: int = 3, hi: int = 5) -> list[str]:
    """Character n-grams inside each space-padded word (scikit-learn's char_wb)."""
    out: list[str] = []
    for w in text_norm.split():
        w = f" {w} "
        size = len(w)
        for n in range(lo, hi + 1):
            if size < n:
                break
            out.extend(w[i: i + n] for i in range(size - n + 1))
    return out
