"""Train copydesk's check-worthiness scorer and export it as plain arrays (no pickle).

    pip install -e '.[train]'
    python training/claims/train.py --data ../shared/data/claims --seed 13 [--export] [--candidates A,B]

Every candidate is cross-validated by debate: each CheckThat! 2019 training debate is held out in
turn, the model is fitted on ClaimBuster (minus any sentence that also occurs in the held-out
debate: the 2016 presidential debates are in both) plus the other debates, and the held-out
debate is ranked. MAP is the mean over debates of the average precision. ``--export`` fits the
chosen candidate on everything, calibrates the operating point on the out-of-fold scores and
writes analyzers/rules/claims_model/model.npz plus a fixture of scikit-learn's own scores on
sentences written for the tests.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analyzers.rules import claim_model  # noqa: E402
from analyzers.rules.claim_features import char_terms, word_terms  # noqa: E402
from analyzers.rules.spacy_model import load_model  # noqa: E402
from training.claims.data import Corpus, average_precision, load_corpus, norm  # noqa: E402

FIXTURE = ROOT / "tests" / "analyzers" / "data" / "claim_scores.json"
# Sentences written for the equivalence test (never taken from the training data).
FIXTURE_SENTENCES = (
    "The city council approved a budget of $4.2 million for road repairs in 2023.",
    "Unemployment in the county fell from 7 percent to 4.5 percent over three years.",
    "I think we can all agree that this is a wonderful evening.",
    "Thank you all for coming tonight.",
    "The new bridge will cut commuting times in half by 2030.",
    "Prices rose because the harbour was closed for six weeks.",
    "She said the hospital had treated more patients than any other in the region.",
    "What do you want to do about it?",
    "Our company has never taken a single dollar from the federal government.",
    "The river has flooded the valley twice since 1950.",
    "Maybe it is time to look again at how we run our schools.",
    "Exports to Canada doubled last year, according to the trade ministry.",
)


@dataclass(frozen=True)
class Candidate:
    name: str
    blocks: tuple[str, ...]
    C: float = 1.0
    debate_weight: float = 1.0   # weight of a debate sentence relative to a ClaimBuster one
    min_df: tuple[tuple[str, int], ...] = (("w", 2), ("c", 3), ("s", 2), ("r", 1))

    def describe(self) -> str:
        return f"{self.name}: blocks {'+'.join(self.blocks)}, C={self.C}, debate weight {self.debate_weight}"


CANDIDATES = {
    "rules": Candidate("rules", ("r",)),
    "A": Candidate("A", ("w", "c")),
    "B": Candidate("B", ("w", "c", "s")),
    "B-C0.3": Candidate("B-C0.3", ("w", "c", "s"), C=0.3),
    "B-C3": Candidate("B-C3", ("w", "c", "s"), C=3.0),
    "W+S": Candidate("W+S", ("w", "s")),
    "B-dw2": Candidate("B-dw2", ("w", "c", "s"), debate_weight=2.0),
    "B-dw4": Candidate("B-dw4", ("w", "c", "s"), debate_weight=4.0),
}


def block_terms(corpus: Corpus, block: str, texts: list[str] | None = None,
                s_terms: list[list[str]] | None = None) -> list[list[str]]:
    texts = corpus.texts if texts is None else texts
    s_terms = corpus.s_terms if s_terms is None else s_terms
    if block == "w":
        return [word_terms(t) for t in texts]
    if block == "c":
        return [char_terms(t) for t in texts]
    if block == "s":
        return s_terms
    return [[x for x in terms if x.startswith("rule:")] for terms in s_terms]  # "r": rules only


class Model:
    """TF-IDF per block, stacked, then a class-balanced logistic regression."""

    def __init__(self, cand: Candidate, seed: int) -> None:
        self.cand = cand
        min_df = dict(cand.min_df)
        self.vecs = {b: TfidfVectorizer(analyzer=_identity, min_df=min_df[b], dtype=np.float64)
                     for b in cand.blocks}
        self.lr = LogisticRegression(C=cand.C, class_weight="balanced", solver="liblinear",
                                     max_iter=1000, random_state=seed)

    def fit(self, terms: dict[str, list[list[str]]], y: np.ndarray, debate: np.ndarray) -> Model:
        x = sp.hstack([self.vecs[b].fit_transform(terms[b]) for b in self.cand.blocks]).tocsr()
        self.lr.fit(x, y, sample_weight=np.where(debate, self.cand.debate_weight, 1.0))
        return self

    def decision(self, terms: dict[str, list[list[str]]]) -> np.ndarray:
        x = sp.hstack([self.vecs[b].transform(terms[b]) for b in self.cand.blocks]).tocsr()
        return self.lr.decision_function(x)

    def export(self, path: Path, meta: dict) -> int:
        blocks, start = {}, 0
        coef = self.lr.coef_[0]
        for b in self.cand.blocks:
            vocab = self.vecs[b].vocabulary_
            terms = sorted(vocab, key=vocab.__getitem__)
            blocks[b] = (terms, self.vecs[b].idf_, coef[start:start + len(terms)])
            start += len(terms)
        claim_model.write(path, blocks, float(self.lr.intercept_[0]), meta)
        return path.stat().st_size


def _identity(terms: list[str]) -> list[str]:
    return terms


def _take(terms: dict[str, list[list[str]]], rows: np.ndarray) -> dict[str, list[list[str]]]:
    return {b: [t[i] for i in rows] for b, t in terms.items()}


def cross_validate(corpus: Corpus, cand: Candidate, seed: int, log: bool = False) -> np.ndarray:
    """Out-of-fold decision scores for every debate sentence (NaN for ClaimBuster rows)."""
    y = np.asarray(corpus.labels)
    groups = np.asarray(corpus.groups)
    keys = [norm(t) for t in corpus.texts]
    terms = {b: block_terms(corpus, b) for b in cand.blocks}
    oof = np.full(len(y), np.nan)
    for debate in corpus.debates():
        held = np.flatnonzero(groups == debate)
        held_keys = {keys[i] for i in held}
        train = np.flatnonzero((groups != debate) & ~((groups == "claimbuster")
                                                      & np.isin(keys, list(held_keys))))
        model = Model(cand, seed).fit(_take(terms, train), y[train], groups[train] != "claimbuster")
        oof[held] = model.decision(_take(terms, held))
        if log:
            print(f"    {debate:32s} AP={average_precision(oof[held], y[held]):.3f}", flush=True)
    return oof


def debate_metrics(corpus: Corpus, scores: np.ndarray, threshold: float) -> dict[str, float]:
    """MAP over debates, and the listed share / recall of check-worthy lines at ``threshold``."""
    y = np.asarray(corpus.labels)
    groups = np.asarray(corpus.groups)
    aps = [average_precision(scores[groups == d], y[groups == d]) for d in corpus.debates()]
    mask = groups != "claimbuster"
    listed = scores[mask] >= threshold
    return {"map": float(np.mean(aps)), "listed_share": float(listed.mean()),
            "recall": float(listed[y[mask] == 1].mean())}


def calibrate(corpus: Corpus, oof: np.ndarray, share: float) -> float:
    """The decision threshold that lists ``share`` of the debate sentences out of fold."""
    debate = oof[~np.isnan(oof)]
    return float(np.quantile(debate, 1 - share))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "claims")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--candidates", default=",".join(CANDIDATES))
    ap.add_argument("--choose", default="B", help="the candidate to export")
    ap.add_argument("--list-share", type=float, default=0.12,
                    help="share of debate sentences listed at the operating point (out of fold)")
    ap.add_argument("--max-share", type=float, default=0.33,
                    help="at most this share of an article's sentences is listed")
    ap.add_argument("--export", action="store_true")
    args = ap.parse_args(argv)
    np.random.seed(args.seed)
    t0 = time.perf_counter()
    nlp = load_model()
    corpus = load_corpus(args.data, nlp)
    print(f"{len(corpus.texts):,} sentences ({sum(corpus.labels):,} check-worthy), "
          f"{len(corpus.debates())} debates; parsed in {time.perf_counter() - t0:.0f}s", flush=True)
    results = {}
    for name in args.candidates.split(","):
        cand = CANDIDATES[name]
        t1 = time.perf_counter()
        oof = cross_validate(corpus, cand, args.seed)
        thr = calibrate(corpus, oof, args.list_share)
        results[name] = (oof, debate_metrics(corpus, oof, thr))
        m = results[name][1]
        print(f"  {cand.describe():40s} CV MAP {m['map']:.3f}  at top {args.list_share:.0%}: recall "
              f"{m['recall']:.2f}  ({time.perf_counter() - t1:.0f}s)", flush=True)
    if not args.export:
        return 0
    cand = CANDIDATES[args.choose]
    oof, cv = results[args.choose] if args.choose in results else (cross_validate(corpus, cand, args.seed), None)
    for share in (0.08, 0.10, 0.12, 0.15, 0.20):
        m = debate_metrics(corpus, oof, calibrate(corpus, oof, share))
        print(f"    out of fold, top {share:.0%} of debate sentences: recall {m['recall']:.3f}")
    threshold = calibrate(corpus, oof, args.list_share)
    cv = debate_metrics(corpus, oof, threshold)
    y = np.asarray(corpus.labels)
    everything = {b: block_terms(corpus, b) for b in cand.blocks}
    model = Model(cand, args.seed).fit(everything, y, np.asarray(corpus.groups) != "claimbuster")
    whole = debate_metrics(corpus, model.decision(everything), threshold)
    prob = float(1 / (1 + np.exp(-threshold)))
    meta = {
        "candidate": cand.describe(), "seed": args.seed, "date": datetime.date.today().isoformat(),
        "threshold": round(prob, 6), "max_share": args.max_share,
        "cv": {k: round(v, 4) for k, v in cv.items()},
        "whole_training_set": {k: round(v, 4) for k, v in whole.items()},
        "candidates_cv_map": {n: round(r[1]["map"], 4) for n, r in results.items()},
    }
    size = model.export(claim_model.MODEL_FILE, meta)
    print(f"exported {claim_model.MODEL_FILE.relative_to(ROOT)} ({size / 1e6:.2f} MB): "
          + json.dumps(meta, indent=1))
    docs = list(nlp.pipe(FIXTURE_SENTENCES))
    s_terms = [claim_model_terms(d) for d in docs]
    terms = {b: block_terms(corpus, b, list(FIXTURE_SENTENCES), s_terms) for b in cand.blocks}
    expected = 1 / (1 + np.exp(-model.decision(terms)))
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps([{"text": t, "score": round(float(s), 8)}
                                   for t, s in zip(FIXTURE_SENTENCES, expected, strict=True)], indent=1) + "\n",
                       encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")
    return 0


def claim_model_terms(doc: object) -> list[str]:
    from analyzers.rules.claim_features import spacy_terms

    return spacy_terms(doc[:])  # type: ignore[index]


if __name__ == "__main__":
    sys.exit(main())
