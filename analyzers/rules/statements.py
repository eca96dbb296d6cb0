"""One attribution per statement: candidates nested in another are dropped, and the pieces of
one statement ('"A," she said. "B."', 'he said [indirect] ... "quote"') are linked: the later
piece ``continues`` the earlier one, and neither runs through the reporting clause between
them (PolNeAR counts them as one attribution, other annotation as two)."""

from __future__ import annotations

import re
from dataclasses import replace

from analyzers.model import Span
from analyzers.rules.attribution_rules import RULES
from analyzers.rules.candidates import QuoteCandidate

_WORD = re.compile(r"\w+")


# Rules whose cue reports speech or writing; only these nest ("X told Y that Z said ...").
SPEECH_RULES = frozenset([r.name for r in RULES if r.speech] + ["direct", "colon"])
NEIGHBOURS = 8  # an outer statement is among the few candidates around the inner one


def nest(cands: list[QuoteCandidate], keep_speech: bool = True) -> list[tuple[QuoteCandidate, int | None]]:
    """Each candidate with the index (into the result) of the statement it is reported inside.
    News annotation credits a statement to its outermost attribution: an inner candidate stays
    only when both it and its outer one report speech, as a child of the outer one."""
    out: list[tuple[QuoteCandidate, int | None]] = []
    index: dict[int, int] = {}
    for i, c in enumerate(cands):
        outer = None
        if c.cue is not None:
            for j in range(max(0, i - NEIGHBOURS), min(len(cands), i + NEIGHBOURS + 1)):
                o = cands[j]
                if j != i and o.start <= c.cue.start < o.end and o.end - o.start > c.end - c.start:
                    outer = j
                    break
        if outer is None:
            index[i] = len(out)
            out.append((c, None))
        elif keep_speech and c.rule in SPEECH_RULES and cands[outer].rule in SPEECH_RULES:
            index[i] = len(out)
            out.append((c, outer))
    # outer indices point into ``cands``; re-point them into ``out`` (a dropped outer: none)
    return [(c, index.get(p) if p is not None else None) for c, p in out]


def _same_speaker(a: QuoteCandidate, b: QuoteCandidate) -> bool:
    if a.speaker is None or b.speaker is None:
        return True
    return a.speaker == b.speaker or a.speaker.text.lower() == b.speaker.text.lower()


def _other_words(gap: str, a: int, pieces: list[Span | None]) -> int:
    """Words of the gap (starting at ``a``) besides the attribution's own speaker and cue."""
    chars = list(gap)
    for sp in pieces:
        if sp is not None and a <= sp.start and sp.end <= a + len(gap):
            chars[sp.start - a : sp.end - a] = " " * (sp.end - sp.start)
    return len(_WORD.findall("".join(chars)))


def _joins(prev: QuoteCandidate, c: QuoteCandidate, text: str) -> bool:
    """Is the quotation ``c`` the next piece of the statement ``prev`` started? Measured on
    PolNeAR train: a cue-less quotation after a direct quote in the same paragraph continues it
    (98 in 100), as does one sharing its cue; a quotation with its own cue continues only when
    little but that cue and speaker stand between; one right after a mixed quote continues it."""
    gap = text[prev.end:c.start]
    if c.start < prev.end or "\n" in gap or c.kind != "direct" or not _same_speaker(prev, c):
        return False
    if len(gap) >= (prev.end - prev.start) + (c.end - c.start):
        return False  # mostly attribution between them: two statements
    if prev.kind == "direct":
        if c.cue is None or c.cue == prev.cue:
            return True
        between = prev.end <= c.cue.start < c.start
        return between and _other_words(gap, prev.end, [c.cue, c.speaker, prev.speaker]) <= 5
    return prev.kind == "mixed" and c.cue is None and _other_words(gap, prev.end, []) <= 2


def merge_pieces(cands: list[QuoteCandidate], text: str) -> list[QuoteCandidate]:
    """Order by position, drop duplicates and link the pieces of one statement: a piece that
    continues the one before takes its cue and speaker and records it in ``continues``."""
    # ties broken on confidence and rule, never on set order (string hashes vary per process)
    cands = sorted(set(cands), key=lambda c: (c.start, -c.end, -c.confidence, c.rule, c.cue.start if c.cue else -1))
    out: list[QuoteCandidate] = []
    for c in cands:
        if out and (c.start, c.end) == (out[-1].start, out[-1].end):
            continue
        prev = out[-1] if out else None
        if prev is not None and _joins(prev, c, text):
            c = replace(c, cue=prev.cue or c.cue, speaker=prev.speaker or c.speaker,
                        speaker_head=prev.speaker_head or c.speaker_head,
                        speaker_tag=prev.speaker_tag or c.speaker_tag, antecedent=prev.antecedent or c.antecedent,
                        continues=(prev.start, prev.end))
        out.append(c)
    return out
