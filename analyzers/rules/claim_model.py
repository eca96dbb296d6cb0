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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_FILE = Path(__file__).resolve().parent / "claims_model" / "model.npz"


@dataclass(frozen=True)
class TermBlock:
    """One TF-IDF vocabulary and its slice of the logistic regression."""

    index: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray

    def contribution(self, terms: list[str]) -> float:
        counts = Counter(t for t in terms if t in self.index)
        if not counts:
            return 0.0
        cols = np.fromiter((self.index[t] for t in counts), dtype=np.int64, count=len(counts))
        vals = np.fromiter(counts.values(), dtype=np.float64, count=len(counts)) * self.idf[cols]
        norm = math.sqrt(float(vals @ vals))
        return float(vals @ self.coef[cols]) / norm


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
        z = self.decision(terms)
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
