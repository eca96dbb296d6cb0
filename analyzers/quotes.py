"""Quotes in one parsed paragraph: direct (marked), indirect (reporting verb + clause,
"according to") and mixed (reported speech containing a quoted fragment).

Pure functions over a spaCy ``Doc``; they return plain dataclasses with offsets into the whole
document (``base`` is where the paragraph starts). Speaker resolution across paragraphs happens
later, in ``speakers.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .document import Span
from .lexicon import (
    DIRECT_ONLY_VERBS,
    NEEDS_AGENT,
    REPORTING_VERBS,
)
from .quote_marks import MarkedRegion

Token = Any  # spacy.tokens.Token; kept loose so this module never imports spaCy
Doc = Any

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
MIN_DIRECT_WORDS = 4
MAX_SPEAKER_TOKENS = 16
_PUNCT_EDGE = set(" \t\n,.;:—–-")


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    kind: str
    start: int
    end: int
    cue: Span | None
    speaker: Span | None
    speaker_head: str | None   # lower-cased head word of the speaker phrase
    speaker_tag: str | None    # spaCy tag of that head (PRP for pronouns)
    confidence: float = 1.0


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _PUNCT_EDGE:
        a += 1
    while b > a and text[b - 1] in _PUNCT_EDGE:
        b -= 1
    return a, b


def _span(doc: Doc, base: int, a: int, b: int) -> Span:
    return Span(base + a, base + b, doc.text[a:b])


def _token_regions(doc: Doc, regions: list[tuple[int, int]]) -> list[int]:
    """For each token, the index of the quotation region it lies in, or -1."""
    out = [-1] * len(doc)
    if not regions:
        return out
    r = 0
    for tok in doc:
        while r < len(regions) and regions[r][1] <= tok.idx:
            r += 1
        if r < len(regions) and regions[r][0] <= tok.idx < regions[r][1]:
            out[tok.i] = r
    return out


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    for child in verb.children:  # passive: "was told by X"
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        return _subject(verb.head)
    return None


def _speaker_span(doc: Doc, subj: Token, in_region: list[int]) -> tuple[int, int]:
    """Character span of the speaker phrase: the subject's subtree unless it runs into a quote."""
    left, right = subj.left_edge, subj.right_edge
    tokens = doc[left.i : right.i + 1]
    if len(tokens) > MAX_SPEAKER_TOKENS or any(in_region[t.i] >= 0 for t in tokens):
        core = [subj] + [c for c in subj.lefts if c.dep_ in ("compound", "amod", "det", "poss", "nummod", "nmod")]
        left = min(core, key=lambda t: t.i)
        right = subj
        for c in subj.rights:  # "people familiar with ..." keeps its modifier
            if c.dep_ in ("amod", "acl", "prep") and c.i - subj.i <= 3 and in_region[c.right_edge.i] < 0:
                right = c.right_edge
    a, b = left.idx, right.idx + len(right.text)
    return _trim(doc.text, a, b)


def _is_reporting(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING_VERBS


def _agentive(subj: Token) -> bool:
    return subj.pos_ in ("PROPN", "NOUN") or subj.lower_ in ("he", "she", "they", "we", "i")


def _content_span(doc: Doc, comp: Token, exclude: tuple[int, int] | None = None) -> tuple[int, int]:
    a, b = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
    if exclude and exclude[0] > a and exclude[0] < b:
        b = exclude[0]
    return _trim(doc.text, a, b)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def indirect_quotes(doc: Doc, base: int, regions: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Reporting verb + clausal complement, and "according to X"; mixed when the content holds
    part of a quotation. ``regions`` are quotation regions relative to the paragraph."""
    in_region = _token_regions(doc, regions)
    out: list[QuoteCandidate] = []
    for tok in doc:
        if in_region[tok.i] >= 0:
            continue
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            cand = _according_to(doc, base, tok, regions, in_region)
            if cand:
                out.append(cand)
            continue
        if not _is_reporting(tok) or tok.lemma_.lower() in DIRECT_ONLY_VERBS - REPORTING_VERBS:
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        subj = _subject(tok)
        if comp is None:
            # "The talks were productive, she said.": the clause is the verb's head.
            if tok.dep_ in ("parataxis", "advcl", "ccomp") and tok.head.i < tok.i and subj is not None \
                    and subj.i > tok.head.i:
                sent = tok.sent
                a, b = _trim(doc.text, sent.start_char, tok.left_edge.idx)
                if b - a < 12:
                    continue
                content = (a, b)
            else:
                continue
        else:
            if comp.i < tok.i and subj is not None and subj.i < comp.i:
                continue  # the verb's own subject sits before the clause: not reported speech
            content = _content_span(doc, comp)
            if comp.i > tok.i:
                content = (max(content[0], tok.idx + len(tok.text)), content[1])
        if subj is None or (tok.lemma_.lower() in NEEDS_AGENT and not _agentive(subj)):
            continue
        if subj.lower_ in ("it", "this", "that", "which", "there", "what"):
            continue
        if content[1] - content[0] < 10 or len(doc.text[content[0]:content[1]].split()) < 3:
            continue
        if any(in_region[t.i] >= 0 for t in subj.subtree) and subj.pos_ != "PRON":
            continue
        cand = _make(doc, base, content, tok, subj, regions, in_region)
        if cand:
            out.append(cand)
    return out


def _according_to(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
                  in_region: list[int]) -> QuoteCandidate | None:
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    phrase = (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text))
    if phrase[0] - sent.start_char > sent.end_char - phrase[1]:
        content = _trim(doc.text, sent.start_char, phrase[0])
    else:
        content = _trim(doc.text, phrase[1], sent.end_char)
    if content[1] - content[0] < 15:
        return None
    cue = (tok.idx, to.idx + len(to.text))
    return _build(doc, base, content, cue, pobj, regions, in_region)


def _make(doc: Doc, base: int, content: tuple[int, int], verb: Token, subj: Token,
          regions: list[tuple[int, int]], in_region: list[int]) -> QuoteCandidate | None:
    cue_a = min([verb.idx] + [c.idx for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3])
    cue_toks = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3]
    last = max(cue_toks, key=lambda t: t.i)
    return _build(doc, base, content, (cue_a, last.idx + len(last.text)), subj, regions, in_region)


def _build(doc: Doc, base: int, content: tuple[int, int], cue: tuple[int, int], subj: Token,
           regions: list[tuple[int, int]], in_region: list[int]) -> QuoteCandidate | None:
    if subj.lower_ in ("i", "we", "you", "me", "us") and in_region[subj.i] < 0:
        return None  # the writer or the reader, not a source
    for r in regions:  # a quotation that starts inside the content ends inside it too
        if content[0] <= r[0] < content[1] < r[1]:
            content = (content[0], _trim(doc.text, content[0], min(r[1], len(doc.text)))[1])
    quoted = sum(_overlap(content, r) for r in regions)
    length = content[1] - content[0]
    if quoted >= 0.9 * length:
        return None  # wholly quoted: the direct-quote pass attributes it
    kind = "mixed" if quoted > 0 else "indirect"
    sa, sb = _speaker_span(doc, subj, in_region)
    if sb <= sa:
        return None
    return QuoteCandidate(kind, base + content[0], base + content[1], _span(doc, base, *cue),
                          _span(doc, base, sa, sb), subj.lower_, subj.tag_)


def _cue_for_region(doc: Doc, region: tuple[int, int], in_region: list[int]) -> Token | None:
    """The reporting verb that introduces a quotation: one governing it in the parse, else the
    nearest speech verb in the same sentence, else in a short sentence right after it."""
    a, b = region
    inside = [t for t in doc if a <= t.idx < b]
    if not inside:
        return None
    sents = []
    for t in (inside[0], inside[-1]):
        if t.sent not in sents:
            sents.append(t.sent)
    after = doc[inside[-1].i + 1 :]
    if len(after) and after[0].sent not in sents and len(after[0].sent) <= 12:
        sents.append(after[0].sent)
    before = doc[: inside[0].i]
    if len(before) and before[-1].sent not in sents and before[-1].sent.text.rstrip().endswith(":"):
        sents.append(before[-1].sent)
    best, best_key = None, None
    for sent in sents:
        for t in sent:
            if in_region[t.i] >= 0 or t.pos_ not in ("VERB", "AUX"):
                continue
            lemma = t.lemma_.lower()
            if lemma not in REPORTING_VERBS and lemma not in DIRECT_ONLY_VERBS:
                continue
            if _subject(t) is None:
                continue
            governs = any(t in q.ancestors for q in inside[:: max(1, len(inside) // 8)])
            dist = a - (t.idx + len(t.text)) if t.idx < a else t.idx - b
            key = (0 if governs else 1, 0 if lemma in ("say", "tell", "add") else 1, dist)
            if best_key is None or key < best_key:
                best, best_key = t, key
    return best


def direct_quotes(doc: Doc, base: int, regions: list[MarkedRegion],
                  covered: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Attribute quotation regions (document offsets) that lie in this paragraph."""
    local = [(r.start - base, r.end - base) for r in regions]
    in_region = _token_regions(doc, local)
    out: list[QuoteCandidate] = []
    for r, (a, b) in zip(regions, local, strict=True):
        if any(c[0] <= r.start and r.end <= c[1] for c in covered):
            continue
        words = len(doc.text[a:b].split())
        verb = _cue_for_region(doc, (max(a, 0), min(b, len(doc.text))), in_region)
        if verb is None:
            if words < MIN_DIRECT_WORDS or not _ends_like_speech(doc.text[a:b]):
                continue  # a scare quote or a title, not speech
            out.append(QuoteCandidate("direct", r.start, r.end, None, None, None, None, 0.5))
            continue
        if words < 2:
            continue
        subj = _subject(verb)
        if subj is None:
            continue
        sa, sb = _speaker_span(doc, subj, in_region)
        cue = (verb.idx, verb.idx + len(verb.text))
        out.append(QuoteCandidate("direct", r.start, r.end, _span(doc, base, *cue),
                                  _span(doc, base, sa, sb) if sb > sa else None,
                                  subj.lower_, subj.tag_))
    return out


def _ends_like_speech(s: str) -> bool:
    inner = s.strip().strip("\"“”«»„`'").rstrip()
    return inner[-1:] in (".", ",", "?", "!", "…", "-", "—") or len(inner.split()) >= 8
