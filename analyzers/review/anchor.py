"""Where a review mark sits in a document, and how it finds its text again after edits.

A mark remembers the document's fingerprint, the item's offsets and a text-quote selector (the
exact text with ~32 characters either side). Re-placing tries, in order: the same offsets in the
same text; the exact text (the occurrence whose context matches best, then the nearest); and,
when the marked text itself was edited, its first and last words around a passage of similar
length and content. A mark none of these finds is *orphaned*: kept and listed, never dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from analyzers.review.marks import STATUSES

CONTEXT = 32
MAX_OCCURRENCES = 2000
MIN_SIMILARITY = 0.6

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


@dataclass(frozen=True, slots=True)
class Placed:
    """A mark placed in the current text; ``start``/``end`` are None when orphaned."""

    mark: Mark
    start: int | None
    end: int | None
    how: str              # same | moved | edited | orphaned

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
        ctx = (_common_suffix(sel.prefix, text[max(0, s - CONTEXT):s])
               + _common_prefix(sel.suffix, text[s + length:s + length + CONTEXT]))
        return (ctx, -abs(s - sel.start))

    return max(starts, key=score)


def _edited(text: str, sel: Selector) -> tuple[int, int] | None:
    """The marked passage after edits inside it: its opening and closing words still there,
    the passage between them of similar length and mostly the same characters."""
    from difflib import SequenceMatcher

    exact = sel.exact
    if len(exact) < 12:
        return None
    k = min(24, len(exact) // 3)
    head, tail = exact[:k], exact[-k:]
    lo, hi = int(len(exact) * 0.5), int(len(exact) * 1.6) + 20
    best: tuple[float, int, int] | None = None
    for s in _occurrences(text, head)[:200]:
        window = text[s:s + hi]
        t = window.rfind(tail)
        while t >= 0:
            end = s + t + len(tail)
            if end - s < lo:
                break
            ratio = SequenceMatcher(None, exact, text[s:end], autojunk=False).ratio()
            if ratio >= MIN_SIMILARITY and (best is None or ratio > best[0]):
                best = (ratio, s, end)
            t = window.rfind(tail, 0, t)
    if best is None:
        return None
    return best[1], best[2]


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
