"""Cues that are not a verb with a subject: 'according to X', nouns ('Clinton's plan to ...'),
adjectives ('are concerned about X', 'is confident that X'), passives with an agent ('X was
first reported by the Journal') and participles off a noun ('a PAC backing X'). They only
propose; the trained filter (scorer.py) decides, as for the 'broad' rule."""

from __future__ import annotations

from dataclasses import replace

from analyzers.rules.candidates import (
    Doc,
    QuoteCandidate,
    Token,
    build_candidate,
    participle_host,
    subject_of,
    text_of,
    trim,
)
from analyzers.rules.content import content_span

_LINKS = frozenset(["be", "feel", "seem", "remain", "appear", "become", "sound", "grow", "stay"])
_ADJ_PREPS = frozenset(["about", "of", "over", "with", "that", "on", "at", "by", "toward", "towards", "in"])
_NO_SPEAKERS = frozenset(["it", "this", "that", "there", "what", "which", "who", "these", "those"])


def _span_of(doc: Doc, tok: Token) -> tuple[int, int]:
    return trim(text_of(doc), tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text))


def adjective_cue(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
                  in_region: list[int]) -> QuoteCandidate | None:
    """'Republicans are worried about the turnout': the subject's stance on the complement."""
    if tok.pos_ != "ADJ" or tok.dep_ != "acomp" or tok.head.lemma_.lower() not in _LINKS:
        return None
    subj = subject_of(tok.head)
    if subj is None or subj.lower_ in _NO_SPEAKERS or in_region[subj.i] >= 0:
        return None
    comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i), None)
    if comp is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in _ADJ_PREPS), None)
        comp = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if comp is None:
        return None
    content = _span_of(doc, comp)
    if len(text_of(doc)[content[0]:content[1]].split()) < 2:
        return None
    cand = build_candidate(doc, base, content, (tok.idx, tok.idx + len(tok.text)), subj, regions, in_region)
    return replace(cand, confidence=0.5, rule="adjective") if cand else None


def passive_cue(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
                in_region: list[int]) -> QuoteCandidate | None:
    """'The plan was criticised by the mayor': the agent is the source, the subject (or a
    clause) what was said."""
    if tok.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in tok.children):
        return None
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    source = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if source is None or source.lower_ in _NO_SPEAKERS:
        return None
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None) or \
        next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if comp is None or comp.lower_ in _NO_SPEAKERS:
        return None
    content = _span_of(doc, comp)
    if len(text_of(doc)[content[0]:content[1]].split()) < 2:
        return None
    cue_end = agent.idx + len(agent.text)
    cand = build_candidate(doc, base, content, (tok.idx, cue_end), source, regions, in_region)
    return replace(cand, confidence=0.5, rule="passive") if cand else None


def participle_cue(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
                   in_region: list[int]) -> QuoteCandidate | None:
    """'a super PAC backing Rubio', 'polls showing her lead gone': the noun the participle
    hangs on is the source."""
    if tok.dep_ != "acl" or tok.tag_ not in ("VBG", "VBN") or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.head.i > tok.i:
        return None
    source = participle_host(tok)
    if source is None or source.lower_ in _NO_SPEAKERS or in_region[source.i] >= 0:
        return None
    comp = next((c for c in tok.children if c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > tok.i), None)
    if comp is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.i > tok.i), None)
        comp = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if comp is None:
        return None
    content = _span_of(doc, comp)
    who = trim(text_of(doc), source.left_edge.idx, source.idx + len(source.text))  # not the participle clause
    cand = build_candidate(doc, base, content, (tok.idx, tok.idx + len(tok.text)), source, regions, in_region, who)
    return replace(cand, confidence=0.5, rule="participle") if cand else None


def noun_cue(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
              in_region: list[int], broad: bool = False) -> QuoteCandidate | None:
    """'Clinton's plan to raise taxes', 'Trump's claim that ...': the possessor said it. ``broad``:
    a noun off the cue list, credited to a person or organisation only ('his critique of X')."""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None or poss.lower_ in ("its", "my", "your", "our"):
        return None
    if broad and not (poss.tag_ == "PRP$" or poss.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")):
        return None
    comp = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i), None)
    if comp is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "on", "about")), None)
        comp = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if comp is None:
        return None
    content = content_span(doc, comp)
    if comp.dep_ == "acl" and doc[comp.left_edge.i].i <= tok.i:
        return None
    if len(text_of(doc)[content[0]:content[1]].split()) < 2:
        return None
    cand = build_candidate(doc, base, content, (tok.idx, tok.idx + len(tok.text)), poss, regions, in_region)
    return replace(cand, confidence=0.7) if cand else None


def according_to(doc: Doc, base: int, tok: Token, regions: list[tuple[int, int]],
                  in_region: list[int]) -> QuoteCandidate | None:
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    phrase = (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text))
    if phrase[0] - sent.start_char > sent.end_char - phrase[1]:
        content = trim(text_of(doc), sent.start_char, phrase[0])
    else:
        content = trim(text_of(doc), phrase[1], sent.end_char)
    if content[1] - content[0] < 15:
        return None
    cue = (tok.idx, to.idx + len(to.text))
    title = None
    if in_region[pobj.i] >= 0 or (pobj.i > 0 and in_region[pobj.i - 1] >= 0):
        # 'according to "Rivers of Steel," a book by ...': the title and its apposition
        last = pobj.right_edge
        title = trim(text_of(doc), min(pobj.left_edge.idx, doc[max(0, pobj.i - 1)].idx), last.idx + len(last.text))
    return build_candidate(doc, base, content, cue, pobj, regions, in_region, title)
