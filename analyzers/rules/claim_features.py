"""The terms the learned claim scorer reads from one sentence, in three blocks.

- ``w``: word 1–2-grams of the lower-cased text, digits folded to ``0`` (so "700,000 jobs" and
  "90,000 jobs" share "000 jobs");
- ``c``: character 2–5-grams inside word boundaries (``" jobs "`` → `` j``, ``jo``, …);
- ``s``: what spaCy adds: tokens with entities replaced by their type ("lost CARDINAL jobs"),
  fine POS-tag 1–3-grams, the root's tag and lemma, and the hand-written rule features.

The training script (training/claims/train.py) and the inference (claim_model.py) both call
these functions, so the model sees at run time exactly the terms it was fitted on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from analyzers.rules.claim_rules import sentence_features

if TYPE_CHECKING:
    from analyzers.rules.claim_model import ClaimModel

_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[$%?£€]")
# Rule features that depend on context the training sentences don't have (quote detection).
_CONTEXT_FEATURES = frozenset({"attributed"})


def fold(text: str) -> str:
    """Lower case, digits as ``0``, curly apostrophes straight."""
    return _DIGIT.sub("0", text.lower()).replace("’", "'")


def word_terms(text: str) -> list[str]:
    toks = _WORD.findall(fold(text))
    return toks + [f"{a} {b}" for a, b in pairwise(toks)]


def char_terms(text: str, lo: int = 2, hi: int = 5) -> list[str]:
    out: list[str] = []
    for word in fold(text).split():
        out.extend(_word_grams(word, lo, hi))
    return out


@lru_cache(maxsize=8192)  # news repeats its words; ~1.5 KB each, so ~12 MB at most
def _word_grams(word: str, lo: int, hi: int) -> tuple[str, ...]:
    w = f" {word} "
    return tuple(w[i:i + n] for n in range(lo, min(hi, len(w)) + 1) for i in range(len(w) - n + 1))


def spacy_terms(sent: Any, feats: set[str] | None = None) -> list[str]:
    """Terms from a parsed spaCy sentence span (tokens, tags, entities, dependency root);
    ``feats`` are its rule features when the caller has them already."""
    typed: list[str] = []
    tags: list[str] = []
    for tok in sent:
        if tok.is_space:
            continue
        tags.append(tok.tag_)
        if tok.ent_type_ and tok.ent_iob_ != "B" and typed and typed[-1] == tok.ent_type_:
            continue  # inside an entity already written as its type
        if tok.ent_type_:
            typed.append(tok.ent_type_)
        elif not tok.is_punct or tok.text in "?$%":
            typed.append(fold(tok.text))
    out = [t for t in typed if t.isupper()]
    out += [f"{a} {b}" for a, b in pairwise(typed)]
    out += [f"t:{t}" for t in tags]
    out += [f"t:{a} {b}" for a, b in pairwise(tags)]
    out += [f"t:{a} {b} {c}" for a, b, c in zip(tags, tags[1:], tags[2:], strict=False)]
    root = sent.root
    out += [f"root:{root.tag_}", f"root:{root.lemma_.lower()}"]
    feats = sentence_features(sent) if feats is None else feats
    out += [f"rule:{f}" for f in sorted(feats - _CONTEXT_FEATURES)]
    return out


def sentence_terms(sent: Any, feats: set[str] | None = None) -> dict[str, list[str]]:
    """All three blocks for one sentence span."""
    text = sent.text
    return {"w": word_terms(text), "c": char_terms(text), "s": spacy_terms(sent, feats)}


def sentence_score(model: ClaimModel, sent: Any, feats: set[str]) -> float:
    """``model.score(sentence_terms(sent, feats))``, the same number, sooner: the character
    n-grams are looked up a word at a time, and each word once per process."""
    text = sent.text
    parts = []
    for name, block in model.blocks.items():
        if name == "c":
            parts.append(block.words_contribution(fold(text).split(), _char_grams))
        else:
            terms = word_terms(text) if name == "w" else spacy_terms(sent, feats) if name == "s" else []
            parts.append(block.contribution(terms))
    return model.probability(model.intercept + sum(parts))  # summed as ClaimModel.decision sums


def _char_grams(word: str) -> tuple[str, ...]:
    return _word_grams(word, 2, 5)
