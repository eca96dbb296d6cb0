"""Statements the text attributes to no one: "X seems to ...", "X is expected to ...", "X
reportedly did ...", "it is unclear whether ...". News annotation counts them as attributions without a source; the reader
lists them as unattributed claims (speaker ``None``)."""

from __future__ import annotations

from analyzers.rules.candidates import (
    Doc,
    QuoteCandidate,
    Token,
    char_span,
    lemma_of,
    text_of,
    trim,
)
from analyzers.rules.lexicon import (
    HEARSAY_ADVERBS,
    HEARSAY_PASSIVES,
    HEARSAY_VERBS,
    OBJECT_CUES,
    REPORTING_VERBS,
)

_COMPLEMENTS = ("xcomp", "ccomp", "acomp", "attr", "oprd")
# 'it is clear that ...' asserts on nobody's authority (PolNeAR train: 10 of 16 proposals right);
# 'it is unclear whether ...' is the writer not knowing, no statement at all (1 of 9).
EVIDENT_WORDS = frozenset(["clear"])


def unsourced(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
              in_region: list[int]) -> QuoteCandidate | None:
    """A no-source statement cued by ``tok``, or None."""
    cue = tok
    if tok.dep_ == "acomp" and tok.lemma_.lower() in EVIDENT_WORDS:
        # 'it is clear that ...': a conclusion nobody is credited with
        comp = next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "expl")), None)
        if comp is None or subj is None or subj.lower_ != "it":
            return None
        a, b = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
    elif tok.lower_ in HEARSAY_ADVERBS and tok.dep_ == "advmod":
        verb = tok.head  # 'Trump reportedly pressured ...': the clause the adverb hedges
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        a, b = subj.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
    else:
        lemma = lemma_of(tok)
        passive = tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)
        if not (lemma in HEARSAY_VERBS or (passive and lemma in HEARSAY_PASSIVES)):
            return None
        if any(c.dep_ == "agent" for c in tok.children):
            return None  # 'is expected by analysts to ...' has a source
        comp = next((c for c in tok.children if c.dep_ in _COMPLEMENTS and c.i > tok.i), None)
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if comp is None or subj is None:
            return None
        if lemma_of(comp) in REPORTING_VERBS or lemma_of(comp) in OBJECT_CUES:
            return None  # 'he seems to feel that ...', 'is expected to argue': the subject's own view
        start = comp.left_edge if subj.dep_ == "expl" or subj.lower_ == "it" else subj.left_edge
        a, b = start.idx, comp.right_edge.idx + len(comp.right_edge.text)
    a, b = trim(text_of(doc), a, b)
    if len(text_of(doc)[a:b].split()) < 3 or any(in_region[t.i] >= 0 for t in (cue,)):
        return None
    quoted = sum(max(0, min(b, r[1]) - max(a, r[0])) for r in regions)
    if quoted >= 0.9 * (b - a):
        return None
    kind = "mixed" if quoted else "indirect"
    cue_span = char_span(doc, base, cue.idx, cue.idx + len(cue.text))
    return QuoteCandidate(kind, base + a, base + b, cue_span, None, None, None, 0.7, "no_source")
