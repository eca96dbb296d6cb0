"""Check-worthy sentences: features a fact-checker looks for, combined into a score in [0, 1]."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from analyzers.rules.lexicon import (
    CAUSAL_WORDS,
    COMPARATIVE_WORDS,
    HEDGE_WORDS,
    QUANTITY_WORDS,
    SUBJECTIVE_STARTS,
)

# Logistic weights fitted on ClaimBuster sentences and checked on the CheckThat! 2019 training
# debates (benchmarks/claims.py --fit): reasons add up, no single one saturates the score.
WEIGHTS = {
    "bias": -2.65,
    "statistic": 1.34,
    "money": 0.76,
    "percent": 0.79,
    "date": 0.4,
    "named entity": 0.78,
    "comparison": 0.52,
    "causal claim": 0.28,
    "attributed": 0.35,
    "hedged": -0.28,
    "quantity word": 1.31,
    "past tense": 1.3,
    "first person": -0.48,
    "question": -0.59,
    "short": -0.2,
    "subjective": -0.62,
    "you": -0.33,
    "modal future": -0.46,
}
REASON_LABELS = ("statistic", "date", "named entity", "comparison", "causal claim", "attributed", "hedged")
MIN_SCORE = 0.4
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]


def sentence_features(sent: Any) -> set[str]:
    """Features of one spaCy sentence span."""
    feats: set[str] = set()
    words = [t for t in sent if not t.is_punct and not t.is_space]
    lower = [t.lower_ for t in words]
    ents = {e.label_ for e in sent.ents}
    if ents & {"CARDINAL", "PERCENT", "MONEY", "QUANTITY"} or any(t.like_num and not _YEAR.fullmatch(t.text) for t in words):
        feats.add("statistic")
    if "MONEY" in ents or "$" in sent.text:
        feats.add("money")
    if "PERCENT" in ents or "percent" in lower or "%" in sent.text:
        feats.add("percent")
    if ents & {"DATE", "TIME"} or _YEAR.search(sent.text):
        feats.add("date")
    if ents & {"PERSON", "ORG", "GPE", "NORP", "LAW", "EVENT"}:
        feats.add("named entity")
    if any(t.tag_ in ("JJR", "RBR", "JJS", "RBS") for t in words) or any(w in COMPARATIVE_WORDS for w in lower):
        feats.add("comparison")
    if any(w in CAUSAL_WORDS for w in lower):
        feats.add("causal claim")
    if any(w in HEDGE_WORDS for w in lower):
        feats.add("hedged")
    if any(w in QUANTITY_WORDS for w in lower):
        feats.add("quantity word")
    if any(t.tag_ in ("VBD", "VBN") for t in words):
        feats.add("past tense")
    if (lower and lower[0] in ("i", "we", "my", "our")) or sum(w in ("i", "me", "my") for w in lower) >= 2:
        feats.add("first person")
    if "you" in lower[:3]:
        feats.add("you")
    if sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        feats.add("question")
    if len(words) < 7:
        feats.add("short")
    text_l = sent.text.strip().lower()
    if text_l.startswith(SUBJECTIVE_STARTS):
        feats.add("subjective")
    if any(t.lower_ in ("will", "gonna") for t in words) and "statistic" not in feats:
        feats.add("modal future")
    return feats


def score(feats: set[str]) -> float:
    z = WEIGHTS["bias"] + sum(WEIGHTS.get(f, 0.0) for f in feats)
    return 1 / (1 + math.exp(-z))


def claims_from_doc(doc: Any, base: int, attributed: list[tuple[int, int]]) -> list[ClaimCandidate]:
    """Score every sentence of a parsed paragraph; keep those worth checking."""
    out = []
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        while b > a and doc.text[b - 1].isspace():
            b -= 1
        if b - a < 20:
            continue
        feats = sentence_features(sent)
        if any(qa < base + b and base + a < qb for qa, qb in attributed):
            feats.add("attributed")
        s = score(feats)
        if s >= MIN_SCORE:
            reasons = tuple(r for r in REASON_LABELS if r in feats)
            out.append(ClaimCandidate(base + a, base + b, s, reasons))
    return out
