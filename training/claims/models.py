"""The candidate scorers: TF-IDF blocks (and the dense block of syntax.py, an experiment), one class-balanced
logistic regression over whichever blocks a candidate names; and how each is validated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from analyzers.rules import claim_model
from analyzers.rules.claim_features import char_terms, word_terms
from training.claims.data import CB, Corpus, Split, average_precision, norm


@dataclass(frozen=True)
class Candidate:
    name: str
    blocks: tuple[str, ...]       # w word 1-2-grams, c char 2-5-grams, s spaCy terms, r rules, d dense
    C: float = 1.0
    debate_weight: float = 1.0    # weight of a CheckThat! line relative to a ClaimBuster one
    dense_scale: float = 1.0      # the dense block's standardised columns are multiplied by this
    min_df: tuple[tuple[str, int], ...] = (("w", 2), ("c", 3), ("s", 2), ("r", 1))

    def describe(self) -> str:
        extra = f", dense x{self.dense_scale}" if "d" in self.blocks else ""
        return f"{self.name}: blocks {'+'.join(self.blocks)}, C={self.C}, debate weight {self.debate_weight}{extra}"


CANDIDATES = {c.name: c for c in (
    Candidate("rules", ("r",)),
    Candidate("tfidf", ("w",)),                     # the plain baseline: word 1-2-grams
    Candidate("A", ("w", "c")),
    Candidate("B", ("w", "c", "s")),                # the model shipped before issue 26
    Candidate("D", ("d",), C=0.1),                  # the dense features alone
    Candidate("D-C0.03", ("d",), C=0.03),
    Candidate("D-C1", ("d",), C=1.0),
    Candidate("B+D", ("w", "c", "s", "d"), dense_scale=0.1),
    Candidate("B+D-0.3", ("w", "c", "s", "d"), dense_scale=0.3),
    Candidate("S+D", ("s", "d"), dense_scale=0.1),
    Candidate("S+D-0.3", ("s", "d"), dense_scale=0.3),
    Candidate("W+D", ("w", "d"), dense_scale=0.1),
    Candidate("S", ("s",)),
    Candidate("C+S", ("c", "s"), C=2.0),            # no word n-grams: the topic words go
    Candidate("C+S-C1", ("c", "s")),
    Candidate("C+S-dw2", ("c", "s"), C=2.0, debate_weight=2.0),
)}


@dataclass
class Rows:
    """The model inputs of some sentences: term lists per block, dense rows."""

    terms: dict[str, list[list[str]]]
    dense: np.ndarray

    def take(self, idx: np.ndarray) -> Rows:
        return Rows({b: [t[i] for i in idx] for b, t in self.terms.items()}, self.dense[idx])


def corpus_rows(corpus: Corpus, cand: Candidate) -> Rows:
    return Rows({b: block_terms(corpus.texts, corpus.s_terms, b) for b in cand.blocks if b != "d"},
                corpus.dense if corpus.dense is not None else np.zeros((len(corpus.texts), 0)))


def block_terms(texts: list[str], s_terms: list[list[str]], block: str) -> list[list[str]]:
    if block == "w":
        return [word_terms(t) for t in texts]
    if block == "c":
        return [char_terms(t) for t in texts]
    if block == "s":
        return s_terms
    return [[x for x in terms if x.startswith("rule:")] for terms in s_terms]  # "r": rules only


def _identity(terms: list[str]) -> list[str]:
    return terms


class Model:
    """TF-IDF per term block and the standardised dense block, stacked, then a class-balanced
    logistic regression."""

    def __init__(self, cand: Candidate, seed: int) -> None:
        self.cand = cand
        min_df = dict(cand.min_df)
        self.vecs = {b: TfidfVectorizer(analyzer=_identity, min_df=min_df[b], dtype=np.float64)
                     for b in cand.blocks if b != "d"}
        self.lr = LogisticRegression(C=cand.C, class_weight="balanced", solver="liblinear",
                                     max_iter=2000, random_state=seed)
        self.mean = np.zeros(0)
        self.scale = np.zeros(0)

    def _x(self, rows: Rows, fit: bool) -> sp.csr_matrix:
        parts = []
        for b in self.cand.blocks:
            if b == "d":
                if fit:
                    self.mean = rows.dense.mean(axis=0)
                    sd = rows.dense.std(axis=0)
                    self.scale = np.where(sd > 1e-9, self.cand.dense_scale / np.maximum(sd, 1e-9), 0.0)
                parts.append(sp.csr_matrix((rows.dense - self.mean) * self.scale))
            else:
                vec = self.vecs[b]
                parts.append(vec.fit_transform(rows.terms[b]) if fit else vec.transform(rows.terms[b]))
        return sp.hstack(parts).tocsr()

    def fit(self, rows: Rows, y: np.ndarray, debate: np.ndarray) -> Model:
        self.lr.fit(self._x(rows, True), y, sample_weight=np.where(debate, self.cand.debate_weight, 1.0))
        return self

    def decision(self, rows: Rows) -> np.ndarray:
        return self.lr.decision_function(self._x(rows, False))

    def export(self, path: Path, meta: dict) -> int:
        if "d" in self.cand.blocks:
            raise ValueError("the dense block is an experiment: copydesk's scorer reads term blocks only")
        blocks, start = {}, 0
        coef = self.lr.coef_[0]
        for b in self.cand.blocks:
            vocab = self.vecs[b].vocabulary_
            terms = sorted(vocab, key=vocab.__getitem__)
            blocks[b] = (terms, self.vecs[b].idf_, coef[start:start + len(terms)])
            start += len(terms)
        claim_model.write(path, blocks, float(self.lr.intercept_[0]), meta)
        return path.stat().st_size


def validate(corpus: Corpus, cand: Candidate, split: Split, seed: int, rows: Rows | None = None,
             log: bool = False) -> np.ndarray:
    """Decision scores of every validated line, each from the fold that held it out (NaN for
    the lines no fold validates: ClaimBuster, and the training files of a one-fold split).
    ClaimBuster trains in every fold, less any sentence that also occurs in the validated files."""
    y = np.asarray(corpus.labels)
    groups = np.asarray(corpus.groups)
    keys = np.asarray([norm(t) for t in corpus.texts])
    rows = corpus_rows(corpus, cand) if rows is None else rows
    out = np.full(len(y), np.nan)
    for name, train_groups, held_groups in split.folds:
        held = np.flatnonzero(np.isin(groups, list(held_groups)))
        held_keys = set(keys[held].tolist())
        train = np.flatnonzero(np.isin(groups, list(train_groups))
                               | ((groups == CB) & ~np.isin(keys, list(held_keys))))
        model = Model(cand, seed).fit(rows.take(train), y[train], groups[train] != CB)
        out[held] = model.decision(rows.take(held))
        if log:
            print(f"    {name:32s} MAP={file_map(corpus, out, held_groups):.3f}", flush=True)
    return out


def file_map(corpus: Corpus, scores: np.ndarray, files: frozenset[str] | set[str] | None = None) -> float:
    """Mean over files of the average precision of their check-worthy lines."""
    y = np.asarray(corpus.labels)
    groups = np.asarray(corpus.groups)
    files = set(corpus.debates()) if files is None else files
    return float(np.mean([average_precision(scores[groups == f], y[groups == f]) for f in sorted(files)]))


def held_share(corpus: Corpus, scores: np.ndarray, threshold: float) -> tuple[float, float]:
    """(share of validated lines at or above ``threshold``, share of their check-worthy ones)."""
    y = np.asarray(corpus.labels)
    ok = ~np.isnan(scores)
    listed = scores[ok] >= threshold
    return float(listed.mean()), float(listed[y[ok] == 1].mean())
