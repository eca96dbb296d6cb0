"""What every quote rule produces (``QuoteCandidate``) and the token helpers the rules share.

Pure functions over spaCy tokens; offsets in a candidate are into the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from analyzers.model import Span
from analyzers.rules.lexicon import LEMMA_FIXES

Token = Any  # spacy.tokens.Token; kept loose so the rules never import spaCy
Doc = Any

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_last_text: tuple[Any, str] | None = None
MAX_SPEAKER_TOKENS = 16
_PUNCT_EDGE = set(" \t\n,.;:—–-")
_MARKS = " \t\"“”«»„`'‘’"


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
    features: tuple[str, ...] = ()  # what the scorer weighs (scorer.py); none: not scored
    antecedent: Span | None = None  # what a relative-pronoun speaker ('who') stands for
    continues: tuple[int, int] | None = None  # (start, end) of the piece this one continues


def text_of(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds from every token on each access, kept for the doc the
    rules are reading (they ask for it thousands of times per paragraph)."""
    global _last_text
    if _last_text is None or _last_text[0] is not doc:
        _last_text = (doc, doc.text)
    return _last_text[1]


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _PUNCT_EDGE:
        a += 1
    while b > a and text[b - 1] in _PUNCT_EDGE:
        b -= 1
    return a, b


def char_span(doc: Doc, base: int, a: int, b: int) -> Span:
    return Span(base + a, base + b, text_of(doc)[a:b])


def token_regions(doc: Doc, regions: list[tuple[int, int]]) -> list[int]:
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


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    agent = agent_of(verb)  # passive: "was told by X"
    if agent is not None:
        return agent
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
        return participle_host(verb)
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb and verb.tag_ in ("VBG", "VBN", "VB", "VBD", "VBZ", "VBP"):
        return subject_of(verb.head)
    return None


def agent_of(verb: Token) -> Token | None:
    """The passive's agent: 'X' of 'was told by X'."""
    return next((p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)


def participle_host(verb: Token) -> Token | None:
    """Who a participle hung on a noun speaks for: the noun ('voters saying they want a ban',
    'a super PAC backing Rubio'); but after a comma, a participle the parser hung on an object
    belongs to the clause ('Carson dismissed the notion, saying …': Carson), so the subject of
    the verb governing that object, or no one."""
    noun = verb.head
    if noun.dep_ in ("dobj", "pobj", "attr", "oprd", "dative") and \
            any(t.text == "," for t in noun.doc[noun.i + 1:verb.i]):
        gov = noun.head.head if noun.dep_ == "pobj" else noun.head
        return subject_of(gov) if gov.pos_ in ("VERB", "AUX") and gov is not verb else None
    return noun


def speaker_span(doc: Doc, subj: Token, in_region: list[int]) -> tuple[int, int]:
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
    while left.i < subj.i and left.dep_ in ("advmod", "preconj") and left.lower_ in _FOCUS_WORDS \
            and doc[left.i + 1].pos_ != "PROPN":  # 'Just Capital', 'Even Pellerud': names
        left = doc[left.i + 1]  # 'Even the organizer of the rally': the focus word is not the speaker's
    a, b = left.idx, right.idx + len(right.text)
    text = text_of(doc)
    # short blocks share a parse ('Council news' above 'Ortiz told …'): a speaker is on one line
    a = text.rfind("\n", a, subj.idx) + 1 or a
    cut = text.find("\n", subj.idx + len(subj.text), b)
    return trim(text, a, cut if cut >= 0 else b)


_FOCUS_WORDS = frozenset(["even", "only", "also", "just"])  # not 'not': 'Not all residents'


def lemma_of(tok: Token) -> str:
    """Lower-case lemma, with the model's known slips on cue verbs corrected."""
    return LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


def relative_antecedent(verb: Token, subj: Token | None) -> Token | None:
    """'officials who said ...': the noun the relative pronoun subject stands for, or None."""
    if subj is not None and subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        return verb.head
    return None


def as_relative(doc: Doc, base: int, cand: QuoteCandidate, pronoun: Token) -> QuoteCandidate:
    """The speaker at the attribution site is the pronoun ('who said'); its antecedent names it."""
    return replace(cand, speaker=char_span(doc, base, pronoun.idx, pronoun.idx + len(pronoun.text)),
                   antecedent=cand.speaker)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def build_candidate(doc: Doc, base: int, content: tuple[int, int], cue: tuple[int, int], subj: Token,
                    regions: list[tuple[int, int]], in_region: list[int],
                    speaker: tuple[int, int] | None = None) -> QuoteCandidate | None:
    """A candidate with content and cue (paragraph offsets) credited to ``subj``'s phrase (or
    ``speaker``); mixed when part of the content is quoted, None when all of it is."""
    if subj.lower_ in ("you", "me", "us") and in_region[subj.i] < 0:
        return None  # the reader, not a source
    for r in regions:  # a quotation that starts inside the content ends inside it too
        if r[0] < content[0] < r[1] < content[1] and not text_of(doc)[r[0]:content[0]].strip(_MARKS):
            content = (r[0], content[1])  # the parse left the opening mark out: 'said “it ...” every'
        if content[0] <= r[0] < content[1] < r[1]:
            content = (content[0], trim(text_of(doc), content[0], min(r[1], len(text_of(doc))))[1])
    quoted = sum(overlap(content, r) for r in regions)
    length = content[1] - content[0]
    if quoted >= 0.9 * length:
        return None  # wholly quoted: the direct-quote pass attributes it
    kind = "mixed" if quoted > 0 else "indirect"
    sa, sb = speaker or speaker_span(doc, subj, in_region)
    if sb <= sa:
        return None
    return QuoteCandidate(kind, base + content[0], base + content[1], char_span(doc, base, *cue),
                          char_span(doc, base, sa, sb), subj.lower_, subj.tag_)
