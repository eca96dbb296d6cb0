"""Quotes in one parsed paragraph: direct (marked), indirect (reporting verb + clause,
"according to") and mixed (reported speech containing a quoted fragment).

Pure functions over a spaCy ``Doc``; they return plain dataclasses with offsets into the whole
document (``base`` is where the paragraph starts). Speaker resolution across paragraphs happens
later, in ``speakers.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from analyzers.model import Span
from analyzers.rules.lexicon import (
    DIRECT_ONLY_VERBS,
    EVIDENCE_VERBS,
    NEEDS_AGENT,
    NOUN_CUES,
    OBJECT_CUES,
    REPORTING_VERBS,
    SPEECH_VERBS,
)
from analyzers.rules.quote_marks import MarkedRegion

Token = Any  # spacy.tokens.Token; kept loose so this module never imports spaCy
Doc = Any

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
MIN_DIRECT_WORDS = 4
MAX_SPEAKER_TOKENS = 16
_PUNCT_EDGE = set(" \t\n,.;:—–-")
_ASIDE = re.compile(
    r",\s+(?:which|who|where|although|though|whereas|including|according|arguing|adding|noting|saying|"
    r"citing|compared|despite|particularly|especially|contradicting|focusing|prompting|"
    r"lambasting|looping)\b|\s+(?:—|--|–)\s|\s+in\s+an?\s+(?:statement|interview|speech|letter)\b|\s+and\s+(?:also\s+)?(?:warned|suggested|said|added|noted|argued|"
    r"called|urged|vowed|promised|insisted|told|acknowledged|denied)\b")


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
    rule: str = ""             # which rule found it (benchmarks break errors down by it)


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
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb and verb.tag_ in ("VBG", "VBN", "VB", "VBD", "VBZ", "VBP"):
        return _subject(verb.head)
    return None


def _resolve_relative(verb: Token, subj: Token | None) -> Token | None:
    """'officials who said ...': the speaker is the noun the relative clause hangs on."""
    if subj is not None and subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        return verb.head
    return subj


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


def _content_span(doc: Doc, comp: Token) -> tuple[int, int]:
    a, b = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
    a, b = _trim(doc.text, a, b)
    # A trailing aside ("..., which forced her to leave", "... and warned that") is not part
    # of what was reported; one before the clause's own verb is inside its subject, so the
    # search starts at that verb ('Discussions among X, which are early, have included ...').
    m = _ASIDE.search(doc.text, max(a, comp.idx), b)
    if m and len(doc.text[a:m.start()].split()) >= 3:
        b = m.start()
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
            continue  # speech inside a quotation belongs to the quotation
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            cand = _according_to(doc, base, tok, regions, in_region)
            if cand:
                out.append(replace(cand, rule="according_to"))
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOUN_CUES:
            cand = _noun_cue(doc, base, tok, regions, in_region)
            if cand:
                out.append(replace(cand, rule="noun_cue"))
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        subj = _resolve_relative(tok, _subject(tok))
        content = None
        confidence = 1.0
        rule = "speech_verb" if lemma in SPEECH_VERBS else "stance_verb"
        if lemma in REPORTING_VERBS:
            content = _clausal_content(doc, tok, subj)
        if content is None and lemma in OBJECT_CUES:
            content = _object_content(doc, tok, OBJECT_CUES[lemma])
            confidence, rule = 0.8, "object_cue"
        if content is None and subj is not None and (subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.lower_ in ("he", "she", "they")) \
                and tok.tag_ in ("VBD", "VBZ", "VBP", "VBN") and lemma not in ("be", "have", "do", "get", "make", "take", "go", "come", "give", "put", "win", "lose", "spend", "pay", "meet", "visit", "hold", "run", "leave", "use", "play", "watch", "wear", "sign", "lead", "own", "buy", "sell"):
            content = _object_content(doc, tok, ("dobj", "prep:about", "prep:against", "prep:on", "prep:over"))
            confidence, rule = 0.6, "fallback"
            words = doc.text[content[0]:content[1]].split() if content is not None else []
            if content is not None and (len(words) < 2 or (len(words) == 2 and words[0].lower() in ("the", "a", "an"))
                                        or _starts_with_person(doc, content[0])):
                content = None  # "pressured Sheinbaum", "draws the line": acts, not statements
        if content is None:
            continue
        if subj is None or (lemma in NEEDS_AGENT and not _agentive(subj)):
            continue
        if subj.lower_ in ("i", "we") and in_region[subj.i] < 0 and lemma in EVIDENCE_VERBS - SPEECH_VERBS:
            continue  # "we might find out": the writer musing
        if subj.lower_ in ("it", "this", "that", "which", "there", "what", "who"):
            continue
        if content[1] - content[0] < 8 or len(doc.text[content[0]:content[1]].split()) < 2:
            continue
        if any(in_region[t.i] >= 0 for t in subj.subtree) and subj.pos_ != "PRON":
            continue
        cand = _make(doc, base, content, tok, subj, regions, in_region)
        if cand:
            out.append(replace(cand, confidence=confidence, rule=rule))
    return out


def _starts_with_person(doc: Doc, char: int) -> bool:
    tok = next((t for t in doc if t.idx >= char), None)
    while tok is not None and tok.dep_ in ("compound", "amod", "det") and tok.i + 1 < len(doc):
        if tok.ent_type_ == "PERSON":
            return True
        tok = doc[tok.i + 1]
    return tok is not None and (tok.ent_type_ == "PERSON" or tok.tag_ == "PRP")


def _noun_cue(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
              in_region: list[int]) -> QuoteCandidate | None:
    """'Clinton's plan to raise taxes', 'Trump's claim that ...': the possessor said it."""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None or poss.lower_ in ("its", "my", "your", "our"):
        return None
    comp = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i), None)
    if comp is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "on", "about")), None)
        comp = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if comp is None:
        return None
    content = _content_span(doc, comp)
    if comp.dep_ == "acl" and doc[comp.left_edge.i].i <= tok.i:
        return None
    if len(doc.text[content[0]:content[1]].split()) < 2:
        return None
    cand = _build(doc, base, content, (tok.idx, tok.idx + len(tok.text)), poss, regions, in_region)
    return replace(cand, confidence=0.7) if cand else None


def _clausal_content(doc: Doc, tok: Token, subj: Token | None) -> tuple[int, int] | None:
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if comp is None:
        return _parenthetical_content(doc, tok, subj)
    if comp.i < tok.i and subj is not None and subj.i < comp.i:
        return None  # the verb's own subject sits before the clause: not reported speech
    content = _content_span(doc, comp)
    if comp.i > tok.i:
        content = (max(content[0], tok.idx + len(tok.text)), content[1])
        lost = _subject_on_addressee(doc, tok, comp)
        if lost is not None:
            content = (min(content[0], lost.left_edge.idx), content[1])
    semi = doc.text.find(";", content[0], content[1])
    if semi > 0:
        content = _trim(doc.text, content[0], semi)
    return content


def _subject_on_addressee(doc: Doc, verb: Token, comp: Token) -> Token | None:
    """'told Trump her administration would cooperate': the parse hangs the clause's subject on
    the addressee; return that noun phrase's head so the content starts with it."""
    if any(c.dep_ in (*SUBJECT_DEPS, "expl") for c in comp.children) or comp.left_edge.i == 0:
        return None
    np = doc[comp.left_edge.i - 1]
    addressee = np.head
    if np.pos_ in ("NOUN", "PROPN", "PRON") and addressee.i > verb.i and addressee.head.i == verb.i \
            and np.dep_ in ("dobj", "appos", "npadvmod", "attr"):
        return np
    return None


def _parenthetical_content(doc: Doc, tok: Token, subj: Token | None) -> tuple[int, int] | None:
    """'The talks, she said, were productive.' / 'The talks were productive, she said.' /
    '..., said Ms. Kelly.': the attribution is set off by commas and the clause around it is
    what was said."""
    if subj is None or tok.dep_ not in ("parataxis", "advcl", "ROOT", "conj"):
        return None
    group_a = min(subj.left_edge.i, tok.i)
    group_b = max(subj.right_edge.i, tok.i)
    if group_a == tok.sent.start or not _after_comma(doc, group_a):
        return None
    sent = tok.sent
    tail = doc[group_b + 1 : sent.end]
    rest = [t for t in tail if not t.is_punct and not t.is_space]
    if rest and tail[0].text != ",":
        return None
    end = sent.end_char if rest else doc[group_a].idx
    a, b = _trim(doc.text, sent.start_char, end)
    return (a, b) if b - a >= 12 else None


def _after_comma(doc: Doc, i: int) -> bool:
    prev = doc[i - 1] if i > 0 else None
    return prev is not None and prev.text in (",", "”", '"', "''", "—", "--")


def _object_content(doc: Doc, tok: Token, deps: tuple[str, ...]) -> tuple[int, int] | None:
    if "right" in deps:  # "called the charges unsubstantiated", "called on Trump to apologize"
        right = [c for c in tok.rights if not c.is_punct and c.dep_ not in ("advmod", "npadvmod", "cc", "conj", "agent")]
        if right and not (right[0].dep_ == "prep" and right[0].lower_ not in ("for", "on")):
            a = right[0].left_edge.idx if right[0].dep_ != "prep" else right[0].idx + len(right[0].text) + 1
            last = right[-1].right_edge
            a, b = _trim(doc.text, a, last.idx + len(last.text))
            if len(doc.text[a:b].split()) >= 2:
                return a, b
        return None
    for dep in deps:
        if dep.startswith("prep:"):
            word = dep[5:]
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == word), None)
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        else:
            obj = next((c for c in tok.children if c.dep_ == dep), None)
        if obj is None or obj.i < tok.i:
            continue
        if obj.pos_ == "PRON" and obj.lower_ in ("it", "this", "that", "them", "him", "her"):
            continue
        a, b = _content_span(doc, obj)
        if len(doc.text[a:b].split()) >= 2:
            return a, b
    return None


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
    cue_toks = [verb] + [c for c in verb.children
                         if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3]
    first = min(cue_toks, key=lambda t: t.i)
    last = max(cue_toks, key=lambda t: t.i)
    return _build(doc, base, content, (first.idx, last.idx + len(last.text)), subj, regions, in_region)


def _build(doc: Doc, base: int, content: tuple[int, int], cue: tuple[int, int], subj: Token,
           regions: list[tuple[int, int]], in_region: list[int]) -> QuoteCandidate | None:
    if subj.lower_ in ("you", "me", "us") and in_region[subj.i] < 0:
        return None  # the reader, not a source
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
            out.append(QuoteCandidate("direct", r.start, r.end, None, None, None, None, 0.5, "direct_nocue"))
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
                                  subj.lower_, subj.tag_, rule="direct"))
    return out


def _ends_like_speech(s: str) -> bool:
    inner = s.strip().strip("\"“”«»„`'").rstrip()
    return inner[-1:] in (".", ",", "?", "!", "…", "-", "—") or len(inner.split()) >= 8


_COLON_LINE = re.compile(r"([A-Z][\w.’'&-]*(?:[ ][A-Z0-9][\w.’'&-]*){0,6}):[ \t]+(\S[^\n]{12,})")
_NOT_SPEAKERS = frozenset(["update", "updated", "note", "editor's", "correction", "related", "photo", "photos", "video", "watch", "read", "source", "image", "caption", "credit", "subscribe", "live", "breaking", "exclusive", "opinion", "analysis", "review", "tags", "topics", "filed", "posted", "published", "follow", "by", "advertisement", "warning", "q", "a", "answer", "question", "listen", "audio", "transcript", "editor's", "note", "ps", "p.s.", "example", "step", "day", "part", "chapter", "summary", "the", "this", "here", "what", "why", "how", "when"])


def colon_quotes(text: str, starts: list[int], ends: list[int]) -> list[QuoteCandidate]:
    """'PENCE: Gennifer Flowers will not be attending.' and 'Caddell: Voters Are Worried' —
    a short capitalised name, a colon, then what was said, at the start of a paragraph."""
    out = []
    for a, b in zip(starts, ends, strict=True):
        m = _COLON_LINE.match(text, a, b)
        if not m:
            continue
        who = m.group(1)
        if who.split()[0].lower().rstrip(":") in _NOT_SPEAKERS or who.lower() in _NOT_SPEAKERS:
            continue
        ca, cb = _trim(text, m.start(2), b)
        if len(text[ca:cb].split()) < 3:
            continue
        colon = m.end(1)
        out.append(QuoteCandidate("indirect", ca, cb, Span(colon, colon + 1, ":"),
                                  Span(m.start(1), m.end(1), who), who.split()[-1].lower(), "NNP", 0.7, "colon"))
    return out
