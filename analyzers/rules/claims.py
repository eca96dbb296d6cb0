"""Check-worthy sentences: every sentence scored by the learned model, explained by the rule
features, and the operating point that decides which ones the reader lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from analyzers.rules.candidates import text_of
from analyzers.rules.claim_features import sentence_score
from analyzers.rules.claim_rules import claim_kind, reasons, sentence_features

MIN_CHARS = 20  # "Recommended", "You just can't." are not claims a checker can use
MIN_LISTED = 3  # the article-wide share never cuts a short text below this many


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]
    kind: str = "fact"
    paragraph: int = 0     # the block it came from: the listing spreads over the story
    anchors: tuple[str, ...] = ()   # the numbers and names a checker would look up (lower case)
    signpost: bool = False          # "The report lists three causes:" announces what follows


def claims_from_doc(doc: Any, base: int, attributed: list[tuple[int, int]],
                    paragraph: int = 0) -> list[ClaimCandidate]:
    """Score every sentence of a parsed paragraph (offsets shifted by ``base``); ``attributed``
    are the document spans of the quotes found in it."""
    from analyzers.rules import claim_model  # numpy and the weights: analysis process only

    model = claim_model.load()
    text = text_of(doc)
    out = []
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a < MIN_CHARS:
            continue
        feats = sentence_features(sent)
        s = sentence_score(model, sent, feats)
        if any(qa < base + b and base + a < qb for qa, qb in attributed):
            feats.add("attributed")  # an explanation and a kind, not a model input
        out.append(ClaimCandidate(base + a, base + b, s, reasons(feats), claim_kind(feats), paragraph,
                                  anchors(sent), "signpost" in feats))
    return out


_NUMBER_ENTS = ("CARDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE")
_NAME_ENTS = ("PERSON", "ORG", "GPE", "NORP", "LAW", "EVENT", "FAC", "PRODUCT", "LOC")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def anchors(sent: Any) -> tuple[str, ...]:
    """What a checker would look up in a sentence: its figures (digits as written, "890",
    "4.2") and the last word of each name ("sheinbaum")."""
    out: list[str] = []
    for e in sent.ents:
        if e.label_ in _NUMBER_ENTS:
            out += _DIGITS.findall(e.text)
        elif e.label_ in _NAME_ENTS:
            out.append(e[-1].lower_)
    out += [m for t in sent if t.like_num and not t.ent_type_ for m in _DIGITS.findall(t.text)]
    return tuple(dict.fromkeys(out))


def headline_span(blocks: list[tuple[str, int, int]], text: str,
                  styled: list[tuple[int, int]] | None = None) -> tuple[int, int] | None:
    """The headline: the first analysed block when it is a heading (or, in plain text, a first
    line that ends without a full stop and has a paragraph after it), with the standfirst
    that follows it (a paragraph set wholly in italics or bold). ``blocks``: kind, start, end
    of the analysed blocks in order; ``styled``: the document's emphasis and strong spans."""
    if len(blocks) < 2:
        return None
    kind, a, b = blocks[0]
    line = text[a:b].strip()
    if not (kind == "heading" or (kind == "paragraph" and "\n" not in line and len(line) <= 160
                                  and not line.endswith((".", "!", "?", ":", "\"", "”")))):
        return None
    for kind, da, db in blocks[1:-1]:
        body = text[da:db]
        lo, hi = da + len(body) - len(body.lstrip()), db - (len(body) - len(body.rstrip()))
        if kind != "paragraph" or not any(sa <= lo and hi <= sb for sa, sb in styled or ()):
            break
        b = db  # a standfirst announces the story as the headline does
    return a, b


def drop_echoed_headline(cands: list[ClaimCandidate], text: str, head: tuple[int, int] | None
                         ) -> list[ClaimCandidate]:
    """The headline is not a claim unless it carries one the body does not: a headline sentence
    stays a candidate only if one of its figures or names occurs nowhere in the body (a headline
    with neither announces the story; the body's sentences make its claims)."""
    if head is None:
        return cands
    a, b = head
    body = (text[:a] + " " + text[b:]).lower()
    return [c for c in cands if not a <= c.start < b
            or any(not re.search(rf"(?<![\w.,]){re.escape(x)}(?![\w]|[.,]\d)", body) for x in c.anchors)]


def listed(cands: list[ClaimCandidate], threshold: float | None = None,
           max_share: float | None = None) -> list[ClaimCandidate]:
    """The operating point, in text order. A sentence is listed when its score reaches the
    calibrated threshold, it is not hedged (the writer asserts nothing a checker could check)
    nor a signpost ("… lists three causes:": what follows is the claim), it
    is among the best third of its paragraph (at least one per paragraph, so the listing follows
    the story instead of piling up where the numbers are; a figure is exempt: a story's key
    figures often share a paragraph) and among the best ``max_share`` of
    the article's scored sentences (``MIN_LISTED`` at least). Ties go to the earlier sentence."""
    if not cands:
        return []
    if threshold is None or max_share is None:
        from analyzers.rules import claim_model

        model = claim_model.load()
        threshold = model.threshold if threshold is None else threshold
        max_share = model.max_share if max_share is None else max_share
    by_paragraph: dict[int, list[ClaimCandidate]] = {}
    for c in cands:
        by_paragraph.setdefault(c.paragraph, []).append(c)
    kept = []
    for group in by_paragraph.values():
        ok = sorted((c for c in group if c.score >= threshold and "hedged" not in c.reasons
                     and not c.signpost), key=_rank)
        share = _share(len(group), 1 / 3)
        kept += ok[:share] + [c for c in ok[share:] if c.kind == "statistic"]  # a story's key figures
    cap = max(MIN_LISTED, _share(len(cands), max_share))
    return sorted(sorted(kept, key=_rank)[:cap], key=lambda c: c.start)


def _rank(c: ClaimCandidate) -> tuple[float, int]:
    return -c.score, c.start


def _share(n: int, share: float) -> int:
    return max(1, int(share * n + 0.5))
