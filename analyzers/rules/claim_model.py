"""The learned check-worthiness scorer: TF-IDF blocks + logistic regression, in numpy.

The weights come from training/claims/train.py (scikit-learn) and are stored as plain arrays in
``claims_model/model.npz`` (read with ``allow_pickle=False``). Scoring repeats scikit-learn's
arithmetic: per block, raw term counts × smoothed idf, L2-normalised; then the dot product with
the coefficients plus the intercept, through the logistic function.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from operator import is_not
from pathlib import Path
from typing import Any, TypeGuard, cast

import numpy as np

MODEL_FILE = Path(__file__).resolve().parent / "claims_model" / "model.npz"


@dataclass(frozen=True)
class TermBlock:
    """One TF-IDF vocabulary and its slice of the logistic regression."""

    index: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    _words: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def contribution(self, terms: list[str]) -> float:
        return self._score(Counter(filter(_known, map(self.index.get, terms))))

    def words_contribution(self, words: list[str], grams: Callable[[str], tuple[str, ...]]) -> float:
        """``contribution`` of the terms ``grams`` makes of each word, in order: each word's
        columns are looked up once and kept (news repeats its words)."""
        cache = self._words
        if len(cache) > WORD_CACHE:
            cache.clear()
        cols: list[int] = []
        for w in words:
            known = cache.get(w)
            if known is None:
                known = cache[w] = tuple(filter(_known, map(self.index.get, grams(w))))
            cols.extend(known)
        return self._score(Counter(cols))

    def _score(self, counts: Counter[int]) -> float:
        # raw counts x idf, L2-normalised, dot the coefficients; the columns come in the order
        # of first occurrence, so the sums add up in the same order (the same bits) every way
        if not counts:
            return 0.0
        n = len(counts)
        cols = np.fromiter(counts.keys(), dtype=np.int64, count=n)
        vals = np.fromiter(counts.values(), dtype=np.float64, count=n) * self.idf[cols]
        norm = math.sqrt(float(vals @ vals))
        return float(vals @ self.coef[cols]) / norm


WORD_CACHE = 50_000   # words whose columns are kept (a few MB)
# not None (column 0 is a column): a C-level predicate, so counting never enters Python
_known = cast("Callable[[int | None], TypeGuard[int]]", partial(is_not, None))


@dataclass(frozen=True)
class ClaimModel:
    blocks: dict[str, TermBlock]
    intercept: float
    meta: dict[str, Any]

    @property
    def threshold(self) -> float:
        """The score at which a sentence is listed (calibrated on the training debates)."""
        return float(self.meta["threshold"])

    @property
    def max_share(self) -> float:
        """At most this share of an article's sentences is listed."""
        return float(self.meta["max_share"])

    def decision(self, terms: dict[str, list[str]]) -> float:
        return self.intercept + sum(b.contribution(terms.get(name, [])) for name, b in self.blocks.items())

    def score(self, terms: dict[str, list[str]]) -> float:
        """Probability-like check-worthiness in [0, 1]."""
        return self.probability(self.decision(terms))

    @staticmethod
    def probability(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def read(path: Path) -> ClaimModel:
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(bytes(z["meta"]).decode("utf-8"))
        blocks = {}
        for name in meta["blocks"]:
            terms = bytes(z[f"{name}_vocab"]).decode("utf-8").split("\n")
            blocks[name] = TermBlock(dict(zip(terms, range(len(terms)), strict=True)),
                                     z[f"{name}_idf"].astype(np.float64), z[f"{name}_coef"].astype(np.float64))
        return ClaimModel(blocks, float(meta["intercept"]), meta)


def write(path: Path, blocks: dict[str, tuple[list[str], np.ndarray, np.ndarray]], intercept: float,
          meta: dict[str, Any]) -> None:
    """Save vocabularies (newline-joined UTF-8), idf and coefficients; no pickles."""
    arrays: dict[str, np.ndarray] = {}
    for name, (terms, idf, coef) in blocks.items():
        assert not any("\n" in t for t in terms)
        arrays[f"{name}_vocab"] = np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)
        arrays[f"{name}_idf"] = np.asarray(idf, dtype=np.float32)
        arrays[f"{name}_coef"] = np.asarray(coef, dtype=np.float32)
    meta = {**meta, "blocks": list(blocks), "intercept": float(intercept)}
    arrays["meta"] = np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        np.savez_compressed(f, **arrays)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load() -> ClaimModel:
    """The shipped model, read once per process on first use (never at import)."""
    return read(MODEL_FILE)
