"""A learned tagger beside the rules: which tokens of a paragraph are the content of an
attribution (B, I or O), from hashed symbolic features of each token, its neighbours, its
syntactic head and the reporting verb above it, and from what the rules proposed (a token inside
a candidate's content, a candidate's cue or speaker: the rules are features of the tagger).

Its output serves the filter (``quotes.indirect_quotes``): every candidate is told how much of
its content the tagger calls content and whether the tagger agrees with its edges. (Its own
spans, proposed as candidates, cost more precision than they won recall; see
training/attribution/README.md.)

A log-linear model per token (multinomial logistic regression over 2**20 hashed features). The weights are plain arrays (``attribution_tagger.npz``, float16,
read with ``allow_pickle=False``), trained on PolNeAR train by
``training/attribution/train.py``, which records the provenance beside them. Every feature is
computed with numpy over ``Doc.to_array``: no per-token Python on the hot path.
"""

from __future__ import annotations

import json
import zlib
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from analyzers.rules.candidates import Doc, QuoteCandidate
from analyzers.rules.lexicon import OBJECT_CUES, REPORTING_VERBS, STANCE_VERBS

WEIGHTS = Path(__file__).with_name("attribution_tagger.npz")
BITS = 20
LABELS = ("O", "B", "I")
_MASK = np.uint64((1 << BITS) - 1)
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)
_CUE_LEMMAS = sorted(REPORTING_VERBS | STANCE_VERBS | set(OBJECT_CUES) | {"accord"})
MAX_STEPS = 6
TEMPLATES = 26
_TEMPLATE: list[np.ndarray] = []  # each template's id, one per token (reused while lengths match)

_override: dict[str, Any] | None = None


@lru_cache(maxsize=256)
def _h(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def _mix(cols: np.ndarray) -> np.ndarray:
    """Hashed feature ids: ``cols`` is (templates, parts, tokens) uint64, part 0 the template id."""
    with np.errstate(over="ignore"):
        h = np.zeros(cols.shape[::2], dtype=np.uint64)
        for k in range(cols.shape[1]):
            h = (h ^ cols[:, k, :]) * _K1
            h ^= h >> np.uint64(29)
        h *= _K2
        return ((h >> np.uint64(20)) & _MASK).T


@lru_cache(maxsize=4)
def _lexicon_ids(strings: Any) -> np.ndarray:
    return np.array(sorted(strings[w] for w in _CUE_LEMMAS), dtype=np.uint64)


def _rule_columns(starts: np.ndarray, base: int, cands: list[QuoteCandidate]) -> tuple[np.ndarray, ...]:
    """Per token: the rule whose candidate content covers it (hashed, 0 for none), where in
    that content it lies (1 first, 2 inside, 3 last), the rule whose cue it is, speaker flag."""
    n = len(starts)
    content = np.zeros(n, dtype=np.uint64)
    place = np.zeros(n, dtype=np.uint64)
    cue = np.zeros(n, dtype=np.uint64)
    speaker = np.zeros(n, dtype=np.uint64)
    if not cands:
        return content, place, cue, speaker
    pos = starts.tolist()
    for c in sorted(cands, key=lambda c: c.confidence):  # the likelier rule written last wins
        a, b = bisect_left(pos, c.start - base), bisect_left(pos, c.end - base)
        if b > a:
            content[a:b] = _h("r=" + c.rule)
            place[a:b] = 2
            place[a] = 1
            place[b - 1] = 3
        if c.cue is not None:
            ca, cb = bisect_left(pos, c.cue.start - base), bisect_left(pos, c.cue.end - base)
            cue[ca:cb] = _h("q=" + c.rule)
        if c.speaker is not None:
            sa, sb = bisect_left(pos, c.speaker.start - base), bisect_left(pos, c.speaker.end - base)
            speaker[sa:sb] = 1
    return content, place, cue, speaker


def token_features(doc: Doc, base: int, in_region: list[int], cands: list[QuoteCandidate]) -> np.ndarray:
    """(tokens, templates) hashed feature ids."""
    n = len(doc)
    arr = doc.to_array(["LOWER", "LEMMA", "TAG", "DEP", "ENT_TYPE", "HEAD", "SENT_START", "IS_PUNCT", "IDX"])
    starts = arr[:, 8].astype(np.int64)
    lower, lemma, tag, dep, ent = (arr[:, k] for k in range(5))
    idx = np.arange(n)
    heads = idx + arr[:, 5].astype(np.int64)
    sent_start = (arr[:, 6].astype(np.int64) == 1).astype(np.uint64)
    punct = arr[:, 7]
    pad = np.uint64(1)

    def shift(col: np.ndarray, k: int) -> np.ndarray:
        out = np.full(n, pad, dtype=np.uint64)
        if k > 0:
            out[k:] = col[:-k] if n > k else out[k:]
        else:
            out[:k] = col[-k:] if n > -k else out[:k]
        return out

    # the nearest ancestor whose lemma is a cue word, and the dependency that leads to it
    lex = _lexicon_ids(doc.vocab.strings)
    is_cue = lex[np.minimum(np.searchsorted(lex, lemma), len(lex) - 1)] == lemma
    anc_lemma = np.zeros(n, dtype=np.uint64)
    anc_dep = np.zeros(n, dtype=np.uint64)
    steps = np.zeros(n, dtype=np.uint64)
    anc_at = idx.copy()
    below = idx.copy()
    cur = heads.copy()
    found = np.zeros(n, dtype=bool)
    for step in range(1, MAX_STEPS + 1):
        hit = ~found & is_cue[cur] & (cur != below)
        anc_lemma[hit] = lemma[cur[hit]]
        anc_dep[hit] = dep[below[hit]]
        steps[hit] = step
        anc_at[hit] = cur[hit]
        found |= hit
        below, cur = cur, heads[cur]
    side = (idx > anc_at).astype(np.uint64)
    quoted = np.array(in_region, dtype=np.int64) >= 0 if len(in_region) == n else np.zeros(n, dtype=bool)
    r_content, r_place, r_cue, r_speaker = _rule_columns(starts, base, cands)
    head_dep, head_lemma, head_tag = dep[heads], lemma[heads], tag[heads]
    zero = np.zeros(n, dtype=np.uint64)
    q = quoted.astype(np.uint64)
    if len(_TEMPLATE) == 0 or len(_TEMPLATE[0]) != n:
        _TEMPLATE[:] = [np.full(n, t + 7, dtype=np.uint64) for t in range(TEMPLATES)]
    cols = [
        (lower,), (lemma,), (tag,), (dep,), (ent,),
        (shift(tag, 1),), (shift(tag, -1),), (shift(lower, 1),), (shift(lower, -1),),
        (shift(tag, 1), tag), (dep, head_dep), (dep, head_lemma), (head_tag, dep),
        (lemma[heads[heads]], head_dep), (q, tag),
        (anc_lemma, anc_dep), (anc_lemma, steps), (found.astype(np.uint64), side, dep),
        (r_content, r_place), (r_content, anc_lemma), (r_cue,), (r_speaker, tag),
        (sent_start, tag), (shift(punct, 1), dep), (shift(dep, 1), dep), (r_place, q),
    ]
    parts = np.stack([x for t, c in enumerate(cols) for x in (_TEMPLATE[t], *c, *(zero,) * (3 - len(c)))])
    return _mix(parts.reshape(len(cols), 4, n))


def use(model: dict[str, Any] | None) -> None:
    """Tag with this model instead of the packaged one (cross-validation); None resets."""
    global _override
    _override = model


def load(path: Path) -> dict[str, Any]:
    with np.load(path, allow_pickle=False) as z:
        # the weights stay float16 (as stored): widening all 3M of them took 20-30 ms of the first
        # analysis; probabilities() widens the rows it gathers, to the same float32 values
        return {"w": z["w"], "b": z["b"].astype(np.float32),
                "meta": json.loads(str(z["meta"]))}


@lru_cache(maxsize=1)
def _packaged() -> dict[str, Any] | None:
    return load(WEIGHTS) if WEIGHTS.exists() else None


def model() -> dict[str, Any] | None:
    return _override if _override is not None else _packaged()


def probabilities(feats: np.ndarray, m: dict[str, Any]) -> np.ndarray:
    """(tokens, labels) probabilities."""
    z = m["w"][feats].astype(np.float32, copy=False).sum(axis=1) + m["b"]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _bucket(x: float) -> str:
    return "0" if x < 0.1 else "1" if x < 0.3 else "2" if x < 0.5 else "3" if x < 0.7 else "4" if x < 0.9 else "5"


def agreement(starts: np.ndarray, base: int, p: np.ndarray, cand: QuoteCandidate) -> tuple[str, ...]:
    """The filter's tagger features for one candidate: how much of its content the tagger calls
    content, whether a span starts at its first token, whether content runs on past its end.
    ``starts``: each token's character offset in the paragraph."""
    a, b = np.searchsorted(starts, [cand.start - base, cand.end - base])
    if b <= a:
        return ("tg=none",)
    inside = float(1.0 - p[a:b, 0].mean())
    first = float(p[a, 1] + (p[a, 2] if a == 0 or p[a - 1, 0] > 0.5 else 0.0))
    after = float(1.0 - p[b, 0]) if b < len(p) else 0.0
    return (f"tg={_bucket(inside)}", f"tgs={_bucket(first)}", f"tge={_bucket(after)}",
            f"tg={_bucket(inside)}|r={cand.rule}")
