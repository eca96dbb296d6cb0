"""Where a review mark sits in a document, and how it finds its text again after edits.

A mark remembers the document's fingerprint, the item's offsets and a text-quote selector (the
exact text with ~32 characters either side). Re-placing tries, in order: the same offsets in the
same text; the exact text (the occurrence whose context matches best, then the nearest); and,
when the marked text itself was edited, the best fuzzy alignment of it (rapidfuzz, as
Hypothesis re-anchors with diff-match-patch) snapped to word boundaries. A mark none of these finds is *orphaned*: kept and listed, never dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from analyzers.store.review.marks import STATUSES, Decision

CONTEXT = 32
MAX_OCCURRENCES = 2000
MIN_SIMILARITY = 0.75  # share of the passage (rapidfuzz ratio) that must be unchanged

__all__ = ["STATUSES", "Mark", "Placed", "Selector", "fingerprint", "match_items", "overlap", "place",
           "selector"]


def fingerprint(text: str) -> str:
    """The document's identity: a hash of its cleaned text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Selector:
    """A text-quote selector (W3C Web Annotation style) plus the offsets it was made at."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def selector(text: str, start: int, end: int) -> Selector:
    return Selector(start, end, text[start:end], text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


@dataclass(frozen=True, slots=True)
class Mark:
    """One reviewed claim or quote, as stored."""

    id: int
    doc_key: str
    fingerprint: str
    kind: str             # claim | quote
    item_id: str          # the analyzer's id when it was marked (ids can change on re-analysis)
    anchor: Selector
    status: str           # one of STATUSES
    note: str | None
    updated: str          # ISO 8601, UTC
    author: str | None = None        # the account that made the last decision (None: older databases)
    assigned_to: str | None = None
    speaker: str | None = None       # a quote's speaker and cue when it was marked: it is followed
    cue: str | None = None           # by them when it is reworded
    history: tuple[Decision, ...] = ()   # every decision on it, oldest first (who, when, what)


@dataclass(frozen=True, slots=True)
class Placed:
    """A mark placed in the current text; ``start``/``end`` are None when orphaned."""

    mark: Mark
    start: int | None
    end: int | None
    how: str              # same | moved | edited | reworded | orphaned

    @property
    def orphaned(self) -> bool:
        return self.start is None


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _occurrences(text: str, needle: str) -> list[int]:
    out: list[int] = []
    pos = text.find(needle)
    while pos >= 0 and len(out) < MAX_OCCURRENCES:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def _by_context(text: str, sel: Selector, starts: list[int], length: int) -> int:
    def score(s: int) -> tuple[int, int]:
        return (_context_score(text, sel, s, s + length), -abs(s - sel.start))

    return max(starts, key=score)


def _word_edges(text: str, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Offsets in [lo, hi] where a word starts, and where one ends."""
    lo, hi = max(0, lo), min(len(text), hi)
    starts = [i for i in range(lo, hi + 1) if i < len(text) and not text[i].isspace()
              and (i == 0 or text[i - 1].isspace())]
    ends = [i for i in range(lo, hi + 1) if i > 0 and not text[i - 1].isspace()
            and (i == len(text) or text[i].isspace())]
    return starts, ends


def _edited(text: str, sel: Selector) -> tuple[int, int] | None:
    """The marked passage after edits inside it ("The council" -> "The city council", "Monday"
    -> "Tuesday"): the best fuzzy alignment of the old passage (rapidfuzz), near where it was
    and then anywhere, snapped to whole words and kept only if most of it is unchanged."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    exact = sel.exact
    n = len(exact)
    if n < 12:
        return None
    slack = max(8, n // 4)
    for lo, hi in ((sel.start - n - 200, sel.end + n + 200), (0, len(text))):
        lo, hi = max(0, lo), min(len(text), hi)
        aligned = fuzz.partial_ratio_alignment(exact, text[lo:hi], score_cutoff=MIN_SIMILARITY * 100)
        if aligned is None:
            continue
        a0, b0 = lo + aligned.dest_start, lo + aligned.dest_end
        starts, _ = _word_edges(text, a0 - slack, a0 + slack)
        _, ends = _word_edges(text, b0 - slack, b0 + slack)
        scored = [(fuzz.ratio(exact, text[s:e]), s, e) for s in starts for e in ends if n // 2 <= e - s <= 2 * n]
        top = max((sc for sc, _, _ in scored), default=0.0)
        if top < MIN_SIMILARITY * 100:
            continue
        # Near-ties: the one whose surroundings match the old context, then the longer one (a
        # word inserted at the edge belongs to the passage rather than outside it).
        close = [(s, e) for sc, s, e in scored if sc >= top - 3]
        s, e = max(close, key=lambda se: (_context_score(text, sel, se[0], se[1]), se[1] - se[0]))
        # Small edits only: a word or so per ten. "the auditor said on Tuesday" is not "the mayor
        # said on Monday", however alike the characters: that passage is another claim.
        words = exact.split()
        if Levenshtein.distance(words, text[s:e].split()) <= max(1, len(words) // 10):
            return s, e
        return None
    return None


def _context_score(text: str, sel: Selector, s: int, e: int) -> int:
    return (_common_suffix(sel.prefix, text[max(0, s - CONTEXT):s])
            + _common_prefix(sel.suffix, text[e:e + CONTEXT]))


def place(text: str, doc_fingerprint: str, mark: Mark) -> Placed:
    """Find ``mark`` in ``text`` (the current document)."""
    sel = mark.anchor
    if not sel.exact:
        return Placed(mark, None, None, "orphaned")
    if mark.fingerprint == doc_fingerprint and text[sel.start:sel.end] == sel.exact:
        return Placed(mark, sel.start, sel.end, "same")
    starts = _occurrences(text, sel.exact)
    if starts:
        s = _by_context(text, sel, starts, len(sel.exact))
        return Placed(mark, s, s + len(sel.exact), "moved")
    found = _edited(text, sel)
    if found is not None:
        return Placed(mark, found[0], found[1], "edited")
    return Placed(mark, None, None, "orphaned")


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared length over the union: 1.0 for the same span, 0 for disjoint ones."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match_items(placed: list[Placed], kind: str, items: list[tuple[str, int, int]]) -> dict[str, Placed]:
    """item id -> the mark on it. A mark belongs to the item of its kind it overlaps most (at least
    half of their union); when two marks claim one item, the newer one wins."""
    import bisect

    order = sorted(items, key=lambda it: it[1])
    starts = [it[1] for it in order]
    out: dict[str, Placed] = {}
    for p in placed:
        if p.start is None or p.end is None or p.mark.kind != kind:
            continue
        i = bisect.bisect_left(starts, p.end)
        best: tuple[float, str] | None = None
        for item_id, s, e in order[max(0, i - 50):i]:
            r = overlap((p.start, p.end), (s, e))
            if r >= 0.5 and (best is None or r > best[0]):
                best = (r, item_id)
        if best is not None:
            prev = out.get(best[1])
            if prev is None or prev.mark.updated <= p.mark.updated:
                out[best[1]] = p
    return out
