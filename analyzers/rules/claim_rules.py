"""What a fact-checker looks for in a sentence: rule features, the reasons shown beside a claim
and the claim's kind. The learned score (claim_model.py) ranks; these explain and classify."""

from __future__ import annotations

import re
from typing import Any

from analyzers.rules.lexicon import (
    CAUSAL_WORDS,
    COMPARATIVE_WORDS,
    HEDGE_PHRASES,
    HEDGE_WORDS,
    QUANTITY_WORDS,
    SUBJECTIVE_STARTS,
)

REASON_LABELS = ("statistic", "date", "named entity", "comparison", "causal claim", "prediction",
                 "attributed", "hedged")
KINDS = ("statistic", "comparison", "causal", "prediction", "quote_claim", "fact")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Words that make a comparison a checkable one (a change or a ranking), not just "more diplomatic".
_CHANGE_WORDS = COMPARATIVE_WORDS - {"more", "less", "most", "least", "best", "worst"}
_FUTURE = frozenset(["will", "'ll", "wo", "shall", "gonna"])
_NUMBER_ENTS = ("CARDINAL", "PERCENT", "MONEY", "QUANTITY")
# "the two leaders", "both sides": a number that picks things out rather than counting them.
_PICKING = frozenset(["the", "these", "those", "both", "all", "its", "their", "his", "her"])
_FORECAST = frozenset(["forecast", "forecasts", "predict", "predicts", "predicted", "projected",
                       "expects", "expected", "expect"])


def _causal(words: list[Any]) -> bool:
    """Causal language; "since" only as a conjunction ("since 1846" is a date), "result(s)" only
    in "as a result" / "result in|from" / "resulted"."""
    for i, t in enumerate(words):
        w = t.lower_
        if w not in CAUSAL_WORDS:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w == "since" and (nxt is None or nxt.like_num or nxt.ent_type_ in ("DATE", "TIME")
                             or t.dep_ == "prep"):
            continue
        if w in ("result", "results") and not (
                (nxt is not None and nxt.lower_ in ("in", "of", "from"))
                or (i > 0 and words[i - 1].lower_ == "a")):
            continue
        return True
    return False


def _counts(t: Any) -> bool:
    """A number that counts or measures something (not a date, not "the two leaders")."""
    if not (t.like_num or t.ent_type_ in _NUMBER_ENTS) or _YEAR.fullmatch(t.text) or t.ent_type_ == "DATE":
        return False  # the date feature covers "April 16"
    if t.ent_type_ in ("PERCENT", "MONEY", "QUANTITY"):
        return True
    prev = t.doc[t.i - 1] if t.i > 0 else None
    return prev is None or prev.lower_ not in _PICKING


def sentence_features(sent: Any) -> set[str]:
    """Rule features of one spaCy sentence span."""
    feats: set[str] = set()
    text = sent.text  # spaCy rebuilds it from the tokens on every access
    words = [t for t in sent if not t.is_punct and not t.is_space]
    lower = [t.lower_ for t in words]
    tags = [t.tag_ for t in words]
    joined = " ".join(lower)
    ents = {e.label_ for e in sent.ents}
    if any(_counts(t) for t in words):
        feats.add("statistic")
    if "MONEY" in ents or "$" in text:
        feats.add("money")
    if "PERCENT" in ents or "percent" in lower or "%" in text:
        feats.add("percent")
    if ents & {"DATE", "TIME"} or _YEAR.search(text):
        feats.add("date")
    if ents & {"PERSON", "ORG", "GPE", "NORP", "LAW", "EVENT"}:
        feats.add("named entity")
    if any(t in ("JJR", "RBR", "JJS", "RBS") for t in tags) or any(w in COMPARATIVE_WORDS for w in lower):
        feats.add("comparison")
    if (any(t in ("JJR", "RBR") for t in tags) and "than" in lower) or any(w in _CHANGE_WORDS for w in lower) \
            or any(t in ("JJS", "RBS") and w not in ("most", "least") for t, w in zip(tags, lower, strict=True)):
        feats.add("strict comparison")
    if _causal(words):
        feats.add("causal claim")
    if any(w in HEDGE_WORDS for w in lower) or any(p in joined for p in HEDGE_PHRASES):
        feats.add("hedged")
    if any(w in QUANTITY_WORDS for w in lower):
        feats.add("quantity word")
    if any(t in ("VBD", "VBN") for t in tags):
        feats.add("past tense")
    if any(w in _FUTURE for w in lower) or "going to" in joined or any(w in _FORECAST for w in lower):
        feats.add("prediction")
    if (lower and lower[0] in ("i", "we", "my", "our")) or sum(w in ("i", "me", "my") for w in lower) >= 2:
        feats.add("first person")
    if "you" in lower[:3]:
        feats.add("you")
    if text.rstrip().rstrip("\"”’'").endswith("?"):
        feats.add("question")
    if len(words) < 7:
        feats.add("short")
    if text.strip().lower().startswith(SUBJECTIVE_STARTS):
        feats.add("subjective")
    if text.rstrip().rstrip("\"”’'").endswith(":"):
        feats.add("signpost")  # "The report lists three causes:" announces; what follows asserts
    return feats


def reasons(feats: set[str]) -> tuple[str, ...]:
    """The features worth showing a reader, in a fixed order."""
    return tuple(r for r in REASON_LABELS if r in feats)


def claim_kind(feats: set[str]) -> str:
    """One kind per claim, the most specific first: a number is the easiest thing to check."""
    if feats & {"statistic", "money", "percent"}:
        return "statistic"
    if "strict comparison" in feats:
        return "comparison"
    if "causal claim" in feats:
        return "causal"
    if "prediction" in feats and "past tense" not in feats:
        return "prediction"
    if "attributed" in feats:
        return "quote_claim"
    return "fact"
