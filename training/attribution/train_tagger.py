"""Train the attribution tagger (analyzers/rules/tagger.py) on PolNeAR train.

    pip install -e '.[train]'
    python training/attribution/train_tagger.py --polnear ../shared/data/polnear --folds-dir DIR [--seed 13]

Every token of every train article is an example: B when a gold content span (any kind: direct,
mixed, indirect; each piece of a discontinuous one) starts at it, I inside one, O elsewhere. Its
features are ``tagger.token_features``: the token, its neighbours, its head, the cue word above
it, and what the rules proposed there (``indirect_quotes(score=False)``). A multinomial logistic
regression (scikit-learn, lbfgs, L2) over the 2**20 hashed features is fitted once per fold
(articles split by a hash of their name, as the filter's folds) and once on all of train; the
fold models go to ``--folds-dir`` so that the filter trains on tagger features of articles the
tagger never saw, and ``benchmarks/attribution.py --scorer-folds DIR`` measures train out of
fold. The packaged model is written as float16 arrays (``attribution_tagger.npz``) with its
provenance. Single-threaded: a few minutes on one core.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution import load_corpus  # noqa: E402
from parse_cache import CachedNLP, cache_path  # noqa: E402

from analyzers import document_from_text  # noqa: E402
from analyzers.rules import tagger  # noqa: E402
from analyzers.rules.candidates import token_regions  # noqa: E402
from analyzers.rules.pipeline import pieces  # noqa: E402
from analyzers.rules.quote_marks import scan  # noqa: E402
from analyzers.rules.quotes import indirect_quotes  # noqa: E402
from analyzers.rules.spacy_model import load_model, model_info  # noqa: E402


def fold_of(name: str, folds: int) -> int:
    return zlib.crc32(name.encode()) % folds


def article_rows(art: dict, nlp: Any) -> tuple[np.ndarray, np.ndarray]:
    """(features, labels) of every token of one article."""
    text = art["text"]
    doc = document_from_text(text, art["name"] + ".txt", fmt="text")
    regions, _ = scan(doc.text, [b.start for b in doc.blocks], [b.end for b in doc.blocks])
    spans = sorted({(a, b) for g in art["quotes"] for a, b in g["content"]})
    feats, labels = [], []
    ps = pieces(doc)[0]
    for piece, parsed in zip(ps, nlp.pipe(text[p.start:p.end] for p in ps), strict=True):
        overlapping = [(max(r.start, piece.start) - piece.start, min(r.end, piece.end) - piece.start)
                       for r in regions if r.start < piece.end and r.end > piece.start]
        cands = indirect_quotes(parsed, piece.start, overlapping, score=False, tag=False)
        feats.append(tagger.token_features(parsed, piece.start, token_regions(parsed, overlapping), cands))
        lab = np.zeros(len(parsed), dtype=np.int8)
        for t in parsed:
            a = piece.start + t.idx
            for s, e in spans:
                if s <= a < e:
                    lab[t.i] = 2 if lab[t.i] != 1 else 1
                    if t.i == 0 or piece.start + parsed[t.i - 1].idx < s:
                        lab[t.i] = 1
        labels.append(lab)
    return np.concatenate(feats), np.concatenate(labels)


def fit(x: np.ndarray, y: np.ndarray, c: float, seed: int, max_iter: int) -> dict[str, Any]:
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    n, t = x.shape
    mat = sp.csr_matrix((np.ones(n * t, dtype=np.float32), x.ravel().astype(np.int64), np.arange(0, n * t + 1, t)),
                        shape=(n, 1 << tagger.BITS))
    mat.sum_duplicates()
    clf = LogisticRegression(C=c, max_iter=max_iter, random_state=seed)
    clf.fit(mat, y)
    assert list(clf.classes_) == [0, 1, 2]
    return {"w": clf.coef_.T.astype(np.float16).astype(np.float32), "b": clf.intercept_.astype(np.float32),
            "meta": {"iterations": int(clf.n_iter_[0])}}


def save(m: dict[str, Any], path: Path, meta: dict[str, Any]) -> None:
    np.savez_compressed(path, w=m["w"].astype(np.float16), b=m["b"].astype(np.float32),
                        meta=np.array(json.dumps(meta | m["meta"], sort_keys=True)))


def token_scores(m: dict[str, Any], x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    p = tagger.probabilities(x, m)
    pred = p.argmax(axis=1)
    out = {"accuracy": float((pred == y).mean())}
    inside_p, inside_y = pred > 0, y > 0
    tp = float((inside_p & inside_y).sum())
    out["content_P"] = tp / max(1, inside_p.sum())
    out["content_R"] = tp / max(1, inside_y.sum())
    return {k: round(v, 4) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=tagger.WEIGHTS)
    ap.add_argument("--folds-dir", type=Path, help="write one model per fold here (tagger_fold<k>.npz)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.5, help="inverse L2 strength")
    ap.add_argument("--max-iter", type=int, default=80)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    corpus = load_corpus(args.polnear)
    nlp = load_model()
    cached = CachedNLP(nlp, cache_path(nlp, "polnear-train"))
    names, xs, ys = [], [], []
    for art in corpus.iter_articles("train"):
        x, y = article_rows(art, cached)
        names.append(art["name"])
        xs.append(x.astype(np.uint32))
        ys.append(y)
    cached.save()
    fold = np.concatenate([np.full(len(y), fold_of(n, args.folds)) for n, y in zip(names, ys, strict=True)])
    x_all, y_all = np.concatenate(xs), np.concatenate(ys)
    print(f"{len(names)} articles, {len(y_all)} tokens ({np.bincount(y_all).tolist()} O/B/I), "
          f"features in {time.perf_counter() - t0:.0f}s", flush=True)
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    meta: dict[str, Any] = {
        "trained_on": "PolNeAR train split (Newell, Margolin & Ruths, LREC 2018), first annotator per article",
        "articles": len(names), "tokens": len(y_all), "labels": list(tagger.LABELS),
        "model": model_info(nlp), "script": "training/attribution/train_tagger.py", "commit": commit,
        "settings": {"C": args.C, "max_iter": args.max_iter, "seed": args.seed, "bits": tagger.BITS},
        "date": datetime.date.today().isoformat(),
    }
    oof = []
    if args.folds_dir:
        args.folds_dir.mkdir(parents=True, exist_ok=True)
        for k in range(args.folds):
            t1 = time.perf_counter()
            m = fit(x_all[fold != k], y_all[fold != k], args.C, args.seed, args.max_iter)
            save(m, args.folds_dir / f"tagger_fold{k}.npz", meta | {"fold": k, "folds": args.folds})
            s = token_scores(m, x_all[fold == k], y_all[fold == k])
            oof.append(s)
            print(f"fold {k}: {s} ({time.perf_counter() - t1:.0f}s)", flush=True)
        meta["out_of_fold_tokens"] = {key: round(sum(s[key] for s in oof) / len(oof), 4) for key in oof[0]}
    t1 = time.perf_counter()
    m = fit(x_all, y_all, args.C, args.seed, args.max_iter)
    meta["seconds"] = round(time.perf_counter() - t0)
    save(m, args.out, meta)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t1:.0f}s; "
          f"total {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
