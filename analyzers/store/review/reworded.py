"""A mark whose words are gone, found again on its item reworded: the same speaker and cue (for
a quote), similar words, nearby. "The city is not going to subsidise the line" marked verified,
then "The city will not subsidise the line" in the next version: the verdict and the note stay
on it, and the reader says it was reworded since it was marked. Only what is really gone is
orphaned."""

from __future__ import annotations

from dataclasses import dataclass

from analyzers.store.review.anchor import Placed

MIN_SIMILAR = 60        # rapidfuzz token-set ratio of the words, for a quote with its speaker and cue
MIN_SIMILAR_ALONE = 80  # without a matching cue (a claim, or a quote whose cue changed too)
NEAR_CHARS = 800        # how far an item may have moved, at least (a long article: a fifth of it)


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    start: int
    end: int
    text: str
    speaker: str | None
    cue: str | None


def _same_word(a: str | None, b: str | None) -> bool:
    """'said' and 'says' are one cue; a missing one agrees with nothing."""
    if not a or not b:
        return False
    a, b = a.casefold().strip(), b.casefold().strip()
    return a == b or (len(a) > 2 and len(b) > 2 and a[:3] == b[:3])


def reworded(loose: list[Placed], candidates: list[Candidate], text_length: int) -> dict[Placed, Candidate]:
    """Each loose mark (orphaned, or no longer on an item) -> the candidate item it is on now,
    at most one mark per item, the most similar pairs first."""
    from rapidfuzz import fuzz

    near = max(NEAR_CHARS, text_length // 5)
    pairs: list[tuple[float, int, int]] = []
    for mi, p in enumerate(loose):
        m = p.mark
        where = p.start if p.start is not None else m.anchor.start
        for ci, c in enumerate(candidates):
            if abs(c.start - where) > near:
                continue
            if m.speaker and c.speaker and m.speaker.casefold() != c.speaker.casefold():
                continue  # someone else's words
            similar = fuzz.token_set_ratio(m.anchor.exact.casefold(), c.text.casefold())
            cue = _same_word(m.cue, c.cue) and (m.speaker is None or c.speaker is not None)
            if similar >= (MIN_SIMILAR if cue else MIN_SIMILAR_ALONE):
                pairs.append((similar + (10 if cue else 0) - abs(c.start - where) / near, mi, ci))
    out: dict[Placed, Candidate] = {}
    used_marks: set[int] = set()
    used_items: set[int] = set()
    for _, mi, ci in sorted(pairs, reverse=True):
        if mi not in used_marks and ci not in used_items:
            out[loose[mi]] = candidates[ci]
            used_marks.add(mi)
            used_items.add(ci)
    return out
