"""Claim ranking against CheckThat! 2019 (task 1) training debates, plus ClaimBuster sentences.

    python benchmarks/claims.py --clef ../shared/data/claims [--fit]

MAP: for each debate, sentences ranked by copydesk's claim score; average precision of the
check-worthy ones; mean over debates. ``--fit`` refits the feature weights by logistic
regression on ClaimBuster and prints them (they live in analyzers/claims.py as data).
Never fails: it measures.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

from analyzers.rules.claims import WEIGHTS, score, sentence_features
from analyzers.rules.spacy_model import load_model


def average_precision(ranked_labels: list[int]) -> float:
    hits, total = 0, 0.0
    for i, lab in enumerate(ranked_labels, 1):
        if lab:
            hits += 1
            total += hits / i
    return total / hits if hits else 0.0


def featurise(nlp, texts: list[str]) -> list[set[str]]:
    out = []
    for doc in nlp.pipe(texts, batch_size=256):
        out.append(sentence_features(doc[:]))
    return out


def fit(feats: list[set[str]], labels: list[int], epochs: int = 300, lr: float = 0.5) -> dict[str, float]:
    names = sorted({f for fs in feats for f in fs})
    w = dict.fromkeys(names, 0.0)
    b = 0.0
    n = len(labels)
    for _ in range(epochs):
        gw = dict.fromkeys(names, 0.0)
        gb = 0.0
        for fs, y in zip(feats, labels, strict=True):
            z = b + sum(w[f] for f in fs)
            p = 1 / (1 + math.exp(-z))
            g = p - y
            gb += g
            for f in fs:
                gw[f] += g
        b -= lr * gb / n
        for f in names:
            w[f] -= lr * (gw[f] / n + 0.001 * w[f])
    return {"bias": round(b, 2), **{f: round(v, 2) for f, v in w.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clef", type=Path, required=True, help="the claims data folder (or the CLEF csv)")
    ap.add_argument("--fit", action="store_true")
    args = ap.parse_args(argv)
    root = args.clef if args.clef.is_dir() else args.clef.parent.parent
    csv_path = args.clef if args.clef.is_file() else root / "clef2019_task1" / "CT19-T1-Training.csv"
    nlp = load_model()
    with open(csv_path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    t0 = time.perf_counter()
    feats = featurise(nlp, [r["text"] for r in rows])
    by_file: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for r, fs in zip(rows, feats, strict=True):
        by_file[r["file_name"]].append((score(fs), int(r["label"])))
    aps = []
    for name, items in sorted(by_file.items()):
        ranked = [lab for _, lab in sorted(items, key=lambda x: -x[0])]
        aps.append(average_precision(ranked))
        print(f"  {name:40s} AP={aps[-1]:.3f}  ({sum(lab for _, lab in items)} check-worthy / {len(items)})")
    print(f"CLEF 2019 training debates: MAP={sum(aps) / len(aps):.3f} over {len(aps)} debates "
          f"({time.perf_counter() - t0:.0f}s)")
    if args.fit:
        cb = json.loads((root / "claimbuster_2.5xNCS.json").read_text(encoding="utf-8"))
        cfeats = featurise(nlp, [x["text"] for x in cb])
        weights = fit(cfeats, [int(x["label"]) for x in cb])
        print("fitted on ClaimBuster:", json.dumps(weights, indent=1))
        print("current:", json.dumps(WEIGHTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
