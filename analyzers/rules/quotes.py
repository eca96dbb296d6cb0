"""Indirect quotes in one parsed paragraph: the rule table (``attribution_rules.py``) tried at
every token outside a quotation, the winning content built into a candidate, the trained filter
(``scorer.py``) deciding which candidates stay. Mixed when the content holds part of a
quotation. Direct quotes are in ``direct.py``.

Pure functions over a spaCy ``Doc``; they return plain dataclasses with offsets into the whole
document (``base`` is where the paragraph starts). Speaker resolution across paragraphs happens
later, in ``speakers.py``.
"""

from __future__ import annotations

from dataclasses import replace

from analyzers.rules.attribution_rules import TOKEN_RULES, VERB_POS, VERB_RULES, Site, vetoed
from analyzers.rules.candidates import (
    Doc,
    QuoteCandidate,
    Token,
    as_relative,
    build_candidate,
    token_regions,
)
from analyzers.rules.scorer import features, keep


def indirect_quotes(doc: Doc, base: int, regions: list[tuple[int, int]],
                    score: bool = True) -> list[QuoteCandidate]:
    """Reporting verb + clausal complement, and "according to X"; mixed when the content holds
    part of a quotation. ``regions`` are quotation regions relative to the paragraph. With
    ``score`` the trained filter (scorer.py) keeps those it believes; training reads them all."""
    in_region = token_regions(doc, regions)
    out: list[QuoteCandidate] = []
    for tok in doc:
        if in_region[tok.i] >= 0:
            continue  # speech inside a quotation belongs to the quotation
        site = Site(doc, base, tok, regions, in_region)
        cand, done = _token_rules(site)
        if not done and tok.pos_ in VERB_POS:
            cand = _verb_rules(site)
        if cand is not None:
            out.append(cand)
    return keep(out) if score else out


def _token_rules(site: Site) -> tuple[QuoteCandidate | None, bool]:
    """The first token rule's candidate; ``done`` when no verb rule is to be tried (a rule
    found one, or a ``final`` rule applied)."""
    for rule in TOKEN_RULES:
        if not rule.applies(site):
            continue
        cand = rule.extract(site)
        if cand is not None:
            cand = replace(cand, rule=rule.name, confidence=rule.confidence)
            return replace(cand, features=features(site.doc, site.base, site.tok, None, cand)), True
        if rule.final:
            return None, True
    return None, False


def _verb_rules(site: Site) -> QuoteCandidate | None:
    for rule in VERB_RULES:
        if not rule.applies(site):
            continue
        content = rule.extract(site)
        if content is None:
            continue
        if vetoed(site, rule, content):
            return None
        subj = site.subject
        cand = _make(site.doc, site.base, content, site.tok, subj, site.regions, site.in_region)
        if cand is None:
            return None
        if site.antecedent is not None and site.own_subject is not None and cand.speaker is not None:
            cand = as_relative(site.doc, site.base, cand, site.own_subject)
        cand = replace(cand, confidence=rule.confidence, rule=rule.name)
        return replace(cand, features=features(site.doc, site.base, site.tok, subj, cand))
    return None


def _make(doc: Doc, base: int, content: tuple[int, int], verb: Token, subj: Token,
          regions: list[tuple[int, int]], in_region: list[int]) -> QuoteCandidate | None:
    cue_toks = [verb] + [c for c in verb.children
                         if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3]
    first = min(cue_toks, key=lambda t: t.i)
    last = max(cue_toks, key=lambda t: t.i)
    return build_candidate(doc, base, content, (first.idx, last.idx + len(last.text)), subj, regions, in_region)
