"""A small trained filter over indirect-quote candidates: logistic regression on a few dozen
symbolic features (cue lemma, which rule fired, the subject's kind, the content's shape).

The weights are data (``attribution_weights.json``, plain JSON, never a pickle), trained on
PolNeAR train by ``training/attribution/train_filter.py``; the file records its provenance. The rules
propose, this decides which proposals a journalist would call attributions: it lets the rules
propose more (any verb with a subject and an object) without flooding the reader.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from analyzers.rules.candidates import Doc, QuoteCandidate, Token, lemma_of, text_of
from analyzers.rules.lexicon import (
    BELIEF_VERBS,
    EVIDENCE_VERBS,
    OBJECT_CUES,
    SPEECH_VERBS,
    STANCE_VERBS,
)

WEIGHTS = Path(__file__).with_name("attribution_weights.json")
_FIRST_WORDS = frozenset(["that", "to", "whether", "if", "how", "what", "why", "when", "the", "a", "an", "his",
                          "her", "their", "its", "this", "it", "he", "she", "they", "there", "as", "for"])
_MODALS = frozenset(["would", "could", "may", "might", "will", "should", "can", "must", "wo", "ca"])

_override: dict[str, Any] | None = None


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else "21+"


def features(doc: Doc, base: int, cue: Token, subj: Token | None, cand: QuoteCandidate) -> tuple[str, ...]:
    """Symbolic features of one candidate; ``cue`` is the token that triggered it."""
    lemma = lemma_of(cue)
    rule = cand.rule
    lists = [name for name, words in (("speech", SPEECH_VERBS), ("belief", BELIEF_VERBS),
                                      ("evidence", EVIDENCE_VERBS), ("object", OBJECT_CUES),
                                      ("stance", STANCE_VERBS)) if lemma in words] or ["none"]
    a, b = cand.start - base, cand.end - base
    content = text_of(doc)[a:b]
    words = content.split()
    first = next((t for t in doc[cue.i + 1:] if t.idx >= a), None) if a > cue.idx else \
        next((t for t in doc if t.idx >= a), None)
    out = [f"r={rule}", f"l={lemma}", f"l={lemma}|r={rule}", f"pos={cue.pos_}", f"tag={cue.tag_}",
           f"dep={cue.dep_}", f"len={_bucket(len(words))}", f"kind={cand.kind}",
           f"after={'yes' if a > cue.idx else 'no'}|r={rule}"]
    out += [f"list={x}" for x in lists]
    dep = _content_dep(cue, first) if a > cue.idx else "before"
    out += [f"cdep={dep}", f"l={lemma}|cdep={dep}", f"r={rule}|cdep={dep}"]
    if first is not None:
        w = first.lower_
        out.append(f"first={w if w in _FIRST_WORDS else first.tag_}")
        if first.ent_type_ == "PERSON" or first.tag_ == "PRP":
            out.append("first_person")
    for c in cue.children:
        if c.dep_ == "neg":
            out.append("neg")
        elif c.dep_ == "auxpass":
            out.append("passive")
        elif c.dep_ == "aux" and c.lower_ in _MODALS:
            out.append(f"modal={c.lower_}")
    if subj is None:
        out.append("subj=none")
    else:
        out += [f"s_pos={subj.pos_}", f"s_ent={subj.ent_type_ or '-'}"]
        if subj.pos_ == "PRON":
            out.append(f"s={subj.lower_}")
        elif subj.pos_ == "NOUN":
            out.append(f"s_lemma={subj.lemma_.lower()}")
        if subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            out.append(f"s_named|r={rule}")
    if cue.sent.start == 0 and base == 0:
        out.append("first_line")
    out += _context(cue, subj, first if a > cue.idx else None, rule, lemma)
    return tuple(out)


def _kind_of(lemma: str) -> str:
    return "speech" if lemma in SPEECH_VERBS else "belief" if lemma in BELIEF_VERBS else \
        "evidence" if lemma in EVIDENCE_VERBS else "object" if lemma in OBJECT_CUES else "other"


def _context(cue: Token, subj: Token | None, first: Token | None, rule: str, lemma: str) -> list[str]:
    """Where the cue sits in its sentence: under another reporting verb ('said he wants to'),
    the verb it depends on, what its object is, what kind of subject it has."""
    out = []
    anc = next((t for t in cue.ancestors if t.pos_ in ("VERB", "AUX") and _kind_of(lemma_of(t)) != "other"), None)
    out.append(f"emb={_kind_of(lemma_of(anc)) if anc is not None else 'no'}|r={rule}")
    if cue.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl", "acl", "pcomp") and cue.head.i != cue.i:
        out.append(f"hl={lemma_of(cue.head)}")
        out.append(f"hk={_kind_of(lemma_of(cue.head))}|dep={cue.dep_}")
    out.append(f"root={cue.dep_ == 'ROOT' or cue.head.i == cue.i}|r={rule}")
    skind = "none" if subj is None else "pron" if subj.pos_ == "PRON" else \
        "named" if subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") else subj.pos_.lower()
    out.append(f"l={lemma}|s={skind}")
    if first is not None:
        top = first
        for _ in range(40):
            if top.head.i == cue.i or top.head.i == top.i:
                break
            top = top.head
        if top.head.i == cue.i:
            obj = top
            if obj.dep_ == "prep":
                obj = next((c for c in obj.children if c.dep_ in ("pobj", "pcomp")), obj)
            out.append(f"o={obj.lemma_.lower() if obj.pos_ in ('NOUN', 'VERB', 'ADJ') else obj.pos_}")
            out.append(f"l={lemma}|o={obj.lemma_.lower() if obj.pos_ in ('NOUN', 'VERB', 'ADJ') else obj.pos_}")
    return out


def _content_dep(cue: Token, first: Token | None) -> str:
    """How the content hangs on the cue: 'ccomp', 'dobj', 'prep:about', ... or 'other'."""
    tok = first
    for _ in range(40):
        if tok is None or tok.head.i == tok.i:
            return "other"
        if tok.head.i == cue.i:
            return f"prep:{tok.lower_}" if tok.dep_ == "prep" else tok.dep_
        tok = tok.head
    return "other"


def use(weights: dict[str, Any] | None) -> None:
    """Score with these weights instead of the packaged ones (cross-validation); None resets."""
    global _override
    _override = weights


@lru_cache(maxsize=1)
def _packaged() -> dict[str, Any] | None:
    if not WEIGHTS.exists():
        return None
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


def probability(feats: tuple[str, ...], model: dict[str, Any]) -> float:
    w = model["weights"]
    z = model["bias"] + sum(w.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def keep(cands: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """The candidates the model believes; all of them when no model is installed."""
    model = _override if _override is not None else _packaged()
    if model is None:
        return [c for c in cands if c.rule != "broad"]
    threshold = model["threshold"]
    per_rule = model.get("rule_thresholds", {})
    return [c for c in cands if not c.features or _reported_speech(c)
            or probability(c.features, model) >= per_rule.get(c.rule, threshold)]


_SPEAKERS = frozenset(["s_ent=PERSON", "s_ent=ORG", "s_pos=NOUN", "s=he", "s=she", "s=they"])


def _reported_speech(c: QuoteCandidate) -> bool:
    """'the people added [Sheinbaum told Trump her administration would ...]': a speaker's
    statement reported inside another one's. News annotation credits it to the outer statement
    only, so the filter, trained on that, drops it; the reader keeps it as the outer one's child
    (``statements.nest``), the nesting a journalist follows."""
    return c.rule == "speech_verb" and "emb=speech|r=speech_verb" in c.features \
        and "hk=speech|dep=ccomp" in c.features and not _SPEAKERS.isdisjoint(c.features)
