"""Direct quotes: quotation regions attributed to the reporting verb around them, and
'NAME: what was said' lines (transcripts, headlines)."""

from __future__ import annotations

import re

from analyzers.model import Span
from analyzers.rules.candidates import (
    Doc,
    QuoteCandidate,
    Token,
    as_relative,
    char_span,
    lemma_of,
    relative_antecedent,
    speaker_span,
    subject_of,
    text_of,
    token_regions,
    trim,
)
from analyzers.rules.lexicon import DIRECT_ONLY_VERBS, REPORTING_VERBS
from analyzers.rules.quote_marks import MarkedRegion

MIN_DIRECT_WORDS = 4


_NOT_CUES = frozenset(["be", "have", "do", "get", "let", "make"])


def _adjacent(doc: Doc, verb: Token, inside: list[Token]) -> bool:
    """At most three words between the verb and the quotation ('"...," Bush interjected')."""
    between = doc[verb.i + 1 : inside[0].i] if verb.i < inside[0].i else doc[inside[-1].i + 1 : verb.i]
    return sum(not t.is_punct for t in between) <= 3


def _outside_subject(doc: Doc, verb: Token, in_region: list[int]) -> Token | None:
    """'"We were wrong," Ramos told ...' parsed with 'We' as the subject: the name next to the
    verb, outside the quotation, is the speaker."""
    for i in (verb.i - 1, verb.i + 1, verb.i + 2):
        if 0 <= i < len(doc) and in_region[i] < 0:
            t = doc[i]
            while t.dep_ == "compound" and t.head.i != t.i and in_region[t.head.i] < 0:
                t = t.head
            if t.pos_ in ("PROPN", "NOUN") or t.tag_ == "PRP":
                return t
    return None


def _cue_for_region(doc: Doc, region: tuple[int, int], in_region: list[int]) -> Token | None:
    """The reporting verb that introduces a quotation: one governing it in the parse, else the
    nearest speech verb in the same sentence, else in a short sentence right after it."""
    a, b = region
    span = doc.char_span(a, b, alignment_mode="expand")
    inside = list(span) if span is not None else []
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
            lemma = lemma_of(t)
            listed = lemma in REPORTING_VERBS or lemma in DIRECT_ONLY_VERBS
            if not listed and (lemma in _NOT_CUES or not _adjacent(doc, t, inside)):
                continue  # any verb right beside the quote ('interjected', 'gloated:') cues it
            if subject_of(t) is None:
                continue
            governs = any(t in q.ancestors for q in inside[:: max(1, len(inside) // 8)])
            dist = a - (t.idx + len(t.text)) if t.idx < a else t.idx - b
            key = (0 if governs else 1, 0 if listed else 1, 0 if lemma in ("say", "tell", "add") else 1, dist)
            if best_key is None or key < best_key:
                best, best_key = t, key
    return best


def direct_quotes(doc: Doc, base: int, regions: list[MarkedRegion],
                  covered: list[tuple[int, int]]) -> list[QuoteCandidate]:
    """Attribute quotation regions (document offsets) that lie in this paragraph."""
    local = [(r.start - base, r.end - base) for r in regions]
    in_region = token_regions(doc, local)
    out: list[QuoteCandidate] = []
    for r, (a, b) in zip(regions, local, strict=True):
        if any(c[0] <= r.start and r.end <= c[1] for c in covered):
            continue
        words = len(text_of(doc)[a:b].split())
        verb = _cue_for_region(doc, (max(a, 0), min(b, len(text_of(doc)))), in_region)
        if verb is None:
            if words < MIN_DIRECT_WORDS or not _ends_like_speech(text_of(doc)[a:b]) or _title(text_of(doc)[a:b], stop=True):
                continue  # a scare quote or a title, not speech
            out.append(QuoteCandidate("direct", r.start, r.end, None, None, None, None, 0.5, "direct_nocue"))
            continue
        if words < 2 or _title(text_of(doc)[a:b]):
            continue
        pronoun = subject_of(verb)
        if pronoun is not None and in_region[pronoun.i] >= 0:
            pronoun = _outside_subject(doc, verb, in_region)  # the parse took a word of the quote
        subj = relative_antecedent(verb, pronoun) or pronoun
        if subj is None or pronoun is None:
            continue
        sa, sb = speaker_span(doc, subj, in_region)
        cue = (verb.idx, verb.idx + len(verb.text))
        cand = QuoteCandidate("direct", r.start, r.end, char_span(doc, base, *cue),
                              char_span(doc, base, sa, sb) if sb > sa else None,
                              subj.lower_, subj.tag_, rule="direct")
        out.append(as_relative(doc, base, cand, pronoun) if subj is not pronoun and cand.speaker else cand)
    return out


_SMALL_WORDS = frozenset(["of", "the", "and", "a", "an", "with", "in", "on", "for", "to", "at", "is", "&"])


def _title(s: str, stop: bool = False) -> bool:
    """'told “Meet the Press”', '“This Week,”': a short Title Case name, not speech. With
    ``stop`` (a quotation no verb introduces) a full stop after three or more such words does
    not make it speech either: '“The Harbour Hour With Ann Lee.”' is a programme."""
    inner = s.strip().strip("\"“”«»„`'").rstrip(", ")
    if stop and len(inner.split()) >= 3:
        inner = inner.rstrip(".")
    words = inner.split()
    if not words or len(words) > 6 or inner[-1:] in ".?!…":
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words) \
        and words[0][:1].isupper()


def _ends_like_speech(s: str) -> bool:
    inner = s.strip().strip("\"“”«»„`'").rstrip()
    return inner[-1:] in (".", ",", "?", "!", "…", "-", "—") or len(inner.split()) >= 8


_COLON_LINE = re.compile(r"([A-Z][\w.’'&-]*(?:[ ][A-Z0-9][\w.’'&-]*){0,6})"
                         r"(,[ ][A-Z][\w.’'&-]*(?:[ ][A-Z0-9&][\w.’'&-]*){0,5})?:[ \t]+(\S[^\n]{12,})")
_OPENING = "\"“«„"
_NOT_SPEAKERS = frozenset(["update", "updated", "note", "editor's", "correction", "related", "photo", "photos", "video", "watch", "read", "source", "image", "caption", "credit", "subscribe", "live", "breaking", "exclusive", "opinion", "analysis", "review", "tags", "topics", "filed", "posted", "published", "follow", "by", "advertisement", "warning", "q", "a", "answer", "question", "listen", "audio", "transcript", "editor's", "note", "ps", "p.s.", "example", "step", "day", "part", "chapter", "summary", "the", "this", "here", "what", "why", "how", "when"])


def colon_quotes(text: str, starts: list[int], ends: list[int]) -> list[QuoteCandidate]:
    """'PENCE: Gennifer Flowers will not be attending.', 'Caddell: Voters Are Worried' and
    'Jane Ortiz, Harbor Gazette: "..."' — a short capitalised name (and outlet, before a
    quotation), a colon, then what was said, at the start of a paragraph."""
    out = []
    for a, b in zip(starts, ends, strict=True):
        m = _COLON_LINE.match(text, a, b)
        if not m:
            continue
        who = m.group(1)
        if who.split()[0].lower().rstrip(":") in _NOT_SPEAKERS or who.lower() in _NOT_SPEAKERS:
            continue
        quoted = m.group(3)[:1] in _OPENING
        if m.group(2) and not quoted:
            continue  # 'Name, Outlet: "..."' only before a quotation
        ca, cb = trim(text, m.start(3), b)
        if len(text[ca:cb].split()) < 3:
            continue
        colon = m.end(2) if m.group(2) else m.end(1)
        kind = "direct" if quoted and text[cb - 1] in "\"”»" else "indirect"
        out.append(QuoteCandidate(kind, ca, cb, Span(colon, colon + 1, ":"),
                                  Span(m.start(1), m.end(1), who), who.split()[-1].lower(), "NNP", 0.7, "colon"))
    return out
