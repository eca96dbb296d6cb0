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
from functools import lru_cache
from typing import Any

from analyzers.rules import tagger
from analyzers.rules.attribution_rules import (
    CUE_WORDS,
    TOKEN_RULES,
    VERB_POS,
    VERB_RULES,
    Site,
    addressed,
    vetoed,
)
from analyzers.rules.candidates import (
    Doc,
    QuoteCandidate,
    Token,
    agent_of,
    as_relative,
    build_candidate,
    text_of,
    token_regions,
    trim,
)
from analyzers.rules.lexicon import HEARSAY_ADVERBS, HEARSAY_VERBS, LEMMA_FIXES, STANCE_NOUNS
from analyzers.rules.scorer import features, keep


def indirect_quotes(doc: Doc, base: int, regions: list[tuple[int, int]],
                    score: bool = True, tag: bool = True) -> list[QuoteCandidate]:
    """Reporting verb + clausal complement, and "according to X"; mixed when the content holds
    part of a quotation. ``regions`` are quotation regions relative to the paragraph. With
    ``score`` the trained filter (scorer.py) keeps those it believes; training reads them all.
    With ``tag`` (and a tagger installed) each candidate carries the tagger's view of it
    (tagger.py); the tagger's own training reads the rules' candidates alone."""
    in_region = token_regions(doc, regions)
    out: list[QuoteCandidate] = []
    for i, may in enumerate(_may_cue(doc)):
        if not may or in_region[i] >= 0:
            continue  # speech inside a quotation belongs to the quotation
        tok = doc[i]
        site = Site(doc, base, tok, regions, in_region)
        cand, done = _token_rules(site)
        if not done and tok.pos_ in VERB_POS:
            cand = _verb_rules(site)
        if cand is not None:
            out.append(cand)
    out = [c for c in out if not _short_and_weak(doc, base, c)]
    model = tagger.model() if tag and out else None
    if model is not None:
        out = _with_tagger(doc, base, in_region, out, model)
    return _split_around_speakers(doc, base, keep(out)) if score else out


_CUE_TAGS = ("VBN", "VBG", "acomp", "according", *HEARSAY_ADVERBS)  # tags, a dependency, words


def _may_cue(doc: Doc) -> list[bool]:
    """For each token, whether any rule could start from it: a noun, adjective or verb, a
    participle, a complement ('it is clear that'), 'according', a hearsay adverb or verb. Each
    rule tests its token again; this only spares the other half of the tokens (determiners,
    names, punctuation) the rule table's walk."""
    strings = doc.vocab.strings
    cue_pos, marks = _cue_ids()
    out = []
    for pos, tag, dep, low, lem in doc.to_array(["POS", "TAG", "DEP", "LOWER", "LEMMA"]).tolist():
        out.append(pos in cue_pos or tag in marks or dep in marks or low in marks
                   or (LEMMA_FIXES.get(strings[low]) or strings[lem].lower()) in HEARSAY_VERBS)
    return out


@lru_cache(maxsize=1)
def _cue_ids() -> tuple[frozenset[int], frozenset[int]]:
    """The POS ids and the string hashes (of tags, a dependency and words) ``_may_cue`` reads."""
    from spacy.parts_of_speech import IDS  # spaCy is loaded by now: a Doc is in hand
    from spacy.strings import StringStore

    hashes = StringStore()  # a string's hash is the same in every store, held there or not
    return frozenset(IDS[p] for p in ("NOUN", "ADJ", *VERB_POS)), frozenset(hashes.as_int(w) for w in _CUE_TAGS)


SHORT_WORDS = 4
_WEAK_SHORT = frozenset(["broad", "short_object", "fallback", "noun_broad", "participle"])


def _short_and_weak(doc: Doc, base: int, c: QuoteCandidate) -> bool:
    """An indirect content of four words or fewer ('a ten-year contract', 'good luck') is a
    statement only on strong evidence: a cue word that reports speech, thought or evidence or
    voices a stance ('endorsed Trump'), not any verb or noun the broad rules let through."""
    if c.kind != "indirect" or c.rule not in _WEAK_SHORT:
        return False
    if len(text_of(doc)[c.start - base:c.end - base].split()) > SHORT_WORDS:
        return False
    lemma = next((f[2:] for f in c.features if f.startswith("l=") and "|" not in f), "")
    return lemma not in CUE_WORDS and lemma not in STANCE_NOUNS


def _split_around_speakers(doc: Doc, base: int, cands: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """'The plan, I suspect, will fail': the speaker and cue are never inside the content; the
    content on either side of them is two pieces of one statement, the second ``continues``
    the first."""
    out = []
    text = text_of(doc)
    for c in cands:
        if c.speaker is None or not (c.start < c.speaker.start and c.speaker.end < c.end):
            out.append(c)  # (a statement of no one's may hold its cue: 'X is expected to')
            continue
        inner = [s for s in (c.speaker, c.cue) if s is not None and c.start < s.start and s.end < c.end]
        if not inner:
            out.append(c)
            continue
        a, b = min(s.start for s in inner), max(s.end for s in inner)
        left = trim(text, c.start - base, a - base)
        right = trim(text, b - base, c.end - base)
        first = replace(c, start=base + left[0], end=base + left[1])
        pieces = [p for p in (first, replace(c, start=base + right[0], end=base + right[1],
                                              continues=(first.start, first.end))) if p.end > p.start]
        if len(pieces) == 1:
            pieces = [replace(pieces[0], continues=None)]
        out.extend(pieces)
    return out


def _with_tagger(doc: Doc, base: int, in_region: list[int], cands: list[QuoteCandidate],
                 model: dict[str, Any]) -> list[QuoteCandidate]:
    """The rules' candidates told what the tagger thinks of them (``tagger.agreement``). The
    tagger's own spans are not proposed: as candidates (credited to the word they hang on) they
    cost more precision than they won recall (train out of fold: P 0.831 -> 0.811, F1 0.747 ->
    0.742; dev F1 0.783 -> 0.776)."""
    p = tagger.probabilities(tagger.token_features(doc, base, in_region, cands), model)
    starts = doc.to_array("IDX")
    return [replace(c, features=c.features + tagger.agreement(starts, base, p, c)) for c in cands]


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
        to_them = addressed(site.tok, subj)  # 'residents were urged (by the mayor) to stay home'
        asker = agent_of(site.tok) if to_them else None
        cand = _make(site.doc, site.base, content, site.tok, asker or subj, site.regions, site.in_region)
        if cand is None:
            return None
        if site.antecedent is not None and site.own_subject is not None and cand.speaker is not None:
            cand = as_relative(site.doc, site.base, cand, site.own_subject)
        cand = replace(cand, confidence=rule.confidence, rule=rule.name)
        cand = replace(cand, features=features(site.doc, site.base, site.tok, subj, cand))
        return replace(cand, speaker=None, speaker_head=None, speaker_tag=None) if to_them and asker is None else cand
    return None


def _make(doc: Doc, base: int, content: tuple[int, int], verb: Token, subj: Token,
          regions: list[tuple[int, int]], in_region: list[int]) -> QuoteCandidate | None:
    cue_toks = [verb] + [c for c in verb.children
                         if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3]
    first = min(cue_toks, key=lambda t: t.i)
    last = max(cue_toks, key=lambda t: t.i)
    return build_candidate(doc, base, content, (first.idx, last.idx + len(last.text)), subj, regions, in_region)
