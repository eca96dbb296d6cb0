"""Train the "checked before?" re-ranker and verifier on the CheckThat! 2022 task 2A train split
and export them as plain arrays (analyzers/rules/factcheck_model/weights.json; no pickle).

    pip install -e '.[train]'
    python training/factchecks/train.py --data ../shared/data/factchecks [--devtest]

The code path is the one ``copydesk factchecks match`` runs (analyzers.rules.factcheck_match:
the same index, candidates and features); the reviews are read by the same ClaimReview reader
the import uses, so training sees the strings the library keeps.

- Re-ranker: logistic regression over the candidates' features, trained on TRAIN only; each
  train claim appears twice, with its date and without (date dropout), so one model serves
  tweets (a signature's date), news claims (the article's date) and claims with no date. C is
  chosen by 5-fold cross-validation on train (claims as groups, KFold seed 0).
- Verifier: a second logistic regression, P(the best match checks this claim), trained on the
  out-of-fold re-ranker outputs of train claims as they are (label: the best match is right) and
  with their fact-checks removed from the collection (label 0: a claim never checked).
- Cutoff: calibrated on DEV only, on a 50/50 mixture of dev claims as they are and the same
  claims with their fact-checks removed: the lowest verifier probability at which precision is
  at least 0.90, found with dates and without; the stricter of the two is shipped.
- ``--devtest``: report devtest once, at the end (never used to choose anything).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analyzers.ingest.claimreview import ClaimReview, read_claimreviews  # noqa: E402
from analyzers.rules import factcheck_match as fm  # noqa: E402
from analyzers.rules.factcheck_text import clean_query  # noqa: E402

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
VERIFIER_C = 0.3
TARGET = 0.90
SEED = 0


def load_data(data: Path) -> tuple[list[ClaimReview], Any]:
    spec = importlib.util.spec_from_file_location("fc_score", data / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    with open(data / "claimreviews.jsonl", "rb") as f:
        reviews = [r for r in read_claimreviews(f, "claimreviews.jsonl") if isinstance(r, ClaimReview)]
    return reviews, score


def queries(data: Path, split: str) -> list[dict[str, Any]]:
    with open(data / f"{split}_queries.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Split:
    """A split's claims, gold and candidate features (as they are, and with gold removed)."""

    def __init__(self, data: Path, split: str, reviews: list[ClaimReview], index: fm.Index, score: Any) -> None:
        self.qs = queries(data, split)
        qrels = score.read_qrels(str(data / f"{split}_qrels.tsv"))
        at = {r.identifier: i for i, r in enumerate(reviews)}
        same: dict[str, list[int]] = {}
        for i, r in enumerate(reviews):
            same.setdefault(" ".join(r.claim_reviewed.lower().split()), []).append(i)
        self.gold = [{at[v] for v in qrels[q["id"]] if v in at} for q in self.qs]
        self.nrel = np.array([len(qrels[q["id"]]) for q in self.qs])
        # a claim never checked: its fact-checks and any review with the same claim text gone
        self.removed = [sorted({j for g in gold for j in same[" ".join(reviews[g].claim_reviewed.lower().split())]})
                        for gold in self.gold]
        self.F, self.Y = self._features(index, exclude=False)
        self.Fn, _ = self._features(index, exclude=True)

    def _features(self, index: fm.Index, exclude: bool) -> tuple[np.ndarray, np.ndarray]:
        F, Y = [], []
        for q, gold, removed in zip(self.qs, self.gold, self.removed, strict=True):
            text, date = clean_query(q["text"])
            cand, f = fm.candidates(text, date, index, exclude=removed if exclude else ())
            F.append(f)
            Y.append([int(c) in gold for c in cand])
        return np.stack(F), np.array(Y, dtype=np.int8)


def strip_dates(F: np.ndarray) -> np.ndarray:
    names = fm.feature_names()
    F = F.copy()
    F[:, :, [names.index(n) for n in fm.DATE_FEATURES]] = 0
    return F


def fit(F: np.ndarray, Y: np.ndarray, C: float) -> dict[str, Any]:
    """Date dropout, standardised features, LR: the exported model (without its verifier)."""
    X = np.concatenate([F, strip_dates(F)]).reshape(-1, F.shape[2]).astype(np.float64)
    y = np.concatenate([Y, Y]).reshape(-1)
    mean, scale = X.mean(0), X.std(0)
    scale[scale < 1e-9] = 1.0
    lr = LogisticRegression(C=C, max_iter=5000).fit((X - mean) / scale, y)
    return {"channels": list(fm.CHANNELS), "features": fm.feature_names(), "mean": mean.tolist(),
            "scale": scale.tolist(), "coef": lr.coef_[0].tolist(), "intercept": float(lr.intercept_[0]), "C": C}


def scores(F: np.ndarray, model: dict[str, Any]) -> np.ndarray:
    return np.stack([fm.rerank_scores(f, model) for f in F])


def metrics(S: np.ndarray, Y: np.ndarray, nrel: np.ndarray) -> dict[str, float]:
    """score.py's measures on the candidates' order (a gold review outside the candidates
    counts in nrel, as it does there)."""
    order = np.argsort(-S, 1, kind="stable")
    Yo = np.take_along_axis(Y, order, 1)[:, :10].astype(float)
    hits = np.cumsum(Yo, 1)
    ap5 = ((hits / np.arange(1, 11))[:, :5] * Yo[:, :5]).sum(1) / nrel
    return {"MAP@1": round(float((Yo[:, 0] / nrel).mean()), 4), "MAP@5": round(float(ap5.mean()), 4),
            "P@1": round(float(Yo[:, 0].mean()), 4), "recall@10": round(float((hits[:, -1] / nrel).mean()), 4)}


def top_ok(S: np.ndarray, Y: np.ndarray) -> np.ndarray:
    return np.take_along_axis(Y, np.argsort(-S, 1, kind="stable")[:, :1], 1)[:, 0] > 0


def verifier_rows(F: np.ndarray, S: np.ndarray, model: dict[str, Any]) -> np.ndarray:
    return np.stack([fm.verifier_features(f, s, model) for f, s in zip(F, S, strict=True)])


def probs(F: np.ndarray, model: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    S = scores(F, model)
    return S, np.array([fm.verifier_prob(f, s, model) for f, s in zip(F, S, strict=True)])


def lowest_cutoff(pos: np.ndarray, ok: np.ndarray, neg: np.ndarray, target: float = TARGET) -> float:
    """The lowest cutoff with precision >= target on claims as they are plus never-checked ones."""
    p = np.concatenate([pos, neg])
    right = np.concatenate([ok, np.zeros(len(neg), bool)])
    o = np.argsort(-p, kind="stable")
    precision = np.cumsum(right[o]) / np.arange(1, len(o) + 1)
    good = np.where(precision >= target)[0]
    return float(p[o][good[-1]]) if len(good) else 1.0


def operating_point(t: float, pos: np.ndarray, ok: np.ndarray, neg: np.ndarray) -> dict[str, float]:
    confident = pos >= t
    false = int((neg >= t).sum())
    return {"cutoff": round(t, 4), "checked_claims_confident": round(float(confident.mean()), 4),
            "precision_on_them": round(float(ok[confident].mean()) if confident.any() else 0.0, 4),
            "never_checked_confident": round(float((neg >= t).mean()), 4),
            "precision_at_50pct": round(float(ok[confident].sum() / max(int(confident.sum()) + false, 1)), 4)}


def report(name: str, split: Split, model: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for tag, F, Fn in (("dates", split.F, split.Fn), ("no_dates", strip_dates(split.F), strip_dates(split.Fn))):
        S, pv = probs(F, model)
        _, nv = probs(Fn, model)
        out[tag] = {**metrics(S, split.Y, split.nrel),
                    "threshold": operating_point(model["verifier"]["cutoff"], pv, top_ok(S, split.Y), nv)}
        print(f"{name} {tag}: {json.dumps(out[tag])}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the staged CheckThat! 2022 2A folder")
    ap.add_argument("--out", type=Path, default=fm.WEIGHTS)
    ap.add_argument("--devtest", action="store_true", help="also report devtest (once, at the end)")
    a = ap.parse_args(argv)
    t0 = time.time()
    reviews, score = load_data(a.data)
    index = fm.build_index([fm.Review(r.claim_reviewed, r.headline or "", r.date_published) for r in reviews])
    train = Split(a.data, "train", reviews, index, score)
    dev = Split(a.data, "dev", reviews, index, score)
    print(f"{len(reviews)} reviews; features in {time.time() - t0:.0f} s; candidate recall@{fm.K_CANDIDATES}: "
          f"train {float((train.Y.sum(1) / train.nrel).mean()):.4f} dev {float((dev.Y.sum(1) / dev.nrel).mean()):.4f}",
          flush=True)
    folds = list(KFold(5, shuffle=True, random_state=SEED).split(np.arange(len(train.qs))))
    cv: dict[float, float] = {}
    for C in C_GRID:
        S = np.zeros(train.Y.shape)
        for tr, te in folds:
            S[te] = scores(train.F[te], fit(train.F[tr], train.Y[tr], C))
        cv[C] = metrics(S, train.Y, train.nrel)["MAP@5"]
        print(f"C={C:<5} train 5-fold CV MAP@5 {cv[C]:.4f}", flush=True)
    best = max(C_GRID, key=lambda c: (cv[c], -c))
    model = fit(train.F, train.Y, best)
    # the verifier, on out-of-fold re-ranker outputs (as they are / never checked, dates / none)
    X, y = [], []
    for tr, te in folds:
        fold = fit(train.F[tr], train.Y[tr], best)
        for F, Fn in ((train.F[te], train.Fn[te]), (strip_dates(train.F[te]), strip_dates(train.Fn[te]))):
            S, Sn = scores(F, fold), scores(Fn, fold)
            X += [verifier_rows(F, S, model), verifier_rows(Fn, Sn, model)]
            y += [top_ok(S, train.Y[te]), np.zeros(len(te), bool)]
    Xa, ya = np.vstack(X).astype(np.float64), np.concatenate(y)
    mu, sd = Xa.mean(0), Xa.std(0)
    sd[sd < 1e-9] = 1.0
    v = LogisticRegression(C=VERIFIER_C, max_iter=5000).fit((Xa - mu) / sd, ya)
    model["verifier"] = {"mean": mu.tolist(), "scale": sd.tolist(), "coef": v.coef_[0].tolist(),
                         "intercept": float(v.intercept_[0]), "C": VERIFIER_C}
    cut = {}
    for tag, F, Fn in (("dates", dev.F, dev.Fn), ("no_dates", strip_dates(dev.F), strip_dates(dev.Fn))):
        S, pv = probs(F, model)
        _, nv = probs(Fn, model)
        cut[tag] = lowest_cutoff(pv, top_ok(S, dev.Y), nv)
    model["verifier"].update({"cutoff_dates": cut["dates"], "cutoff_no_dates": cut["no_dates"],
                              "cutoff": max(cut.values())})
    print(f"C={best}; dev cutoffs {json.dumps(cut)}; shipped {model['verifier']['cutoff']:.4f}", flush=True)
    results = {"train_cv_MAP@5": cv[best], "dev": report("dev", dev, model)}
    if a.devtest:
        results["devtest"] = report("devtest", Split(a.data, "devtest", reviews, index, score), model)
    model["provenance"] = {
        "data": "CLEF CheckThat! 2022 task 2A English (14,231 Snopes ClaimReviews; train 997 claims)",
        "command": "python training/factchecks/train.py --data ../shared/data/factchecks" + (" --devtest" if a.devtest else ""),
        "kfold_seed": SEED, "trained": datetime.date.today().isoformat(), "scikit-learn": sklearn.__version__,
        "seconds": round(time.time() - t0), "results": results}
    a.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out} ({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
