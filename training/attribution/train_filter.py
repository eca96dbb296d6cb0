"""Train the indirect-quote filter (analyzers/rules/scorer.py) on PolNeAR train.

    python training/attribution/train_filter.py --polnear ../shared/data/polnear [--folds-dir DIR]

Every candidate the rules propose on a train article (``indirect_quotes(score=False)``) is an
example; it is positive when at least half of its content characters lie inside a gold content
span (the benchmark's matching rule) and its cue overlaps that attribution's cue; a candidate
inside a statement but cued by another verb is a negative of weight ``--ambiguous`` (0.3: as a
full negative it cost recall where the real cue was missed, left out it cost speakers). A logistic regression with L2 over the symbolic features
is fitted with Adam; features seen fewer than ``--min-count`` times are dropped. ``--folds-dir``
also writes one model per fold (articles split by a hash of their name) so that
``attribution.py --scorer-folds DIR`` measures train honestly: each article scored by a model
that never saw it. The threshold is the lowest at which out-of-fold train F1 stays at its
maximum (it is flat from 0.31 to 0.35) with precision >= 0.80 and a margin: issue 14 asks for
indirect recall (``--threshold``, ``--rule-threshold``). Needs numpy (a spaCy dependency).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution import content_chars, load_corpus  # noqa: E402
from parse_cache import CachedNLP, cache_path  # noqa: E402

from analyzers import document_from_text  # noqa: E402
from analyzers.rules import tagger  # noqa: E402
from analyzers.rules.pipeline import pieces  # noqa: E402
from analyzers.rules.quote_marks import scan  # noqa: E402
from analyzers.rules.quotes import indirect_quotes  # noqa: E402
from analyzers.rules.scorer import WEIGHTS  # noqa: E402
from analyzers.rules.spacy_model import load_model, model_info  # noqa: E402


def fold_of(name: str, folds: int) -> int:
    return zlib.crc32(name.encode()) % folds


def examples(corpus: Any, nlp: Any, split: str, tagger_folds: Path | None = None,
             folds: int = 5) -> list[tuple[str, tuple[str, ...], int]]:
    """(article, features, label) for every candidate the rules and the tagger propose. With
    ``tagger_folds`` each article is tagged by the fold model that never saw it (the tagger's
    view of a candidate is then what it will be on unseen text); without, by the packaged one."""
    out = []
    for art in corpus.iter_articles(split):
        if tagger_folds is not None:
            tagger.use(tagger.load(tagger_folds / f"tagger_fold{fold_of(art['name'], folds)}.npz"))
        text = art["text"]
        doc = document_from_text(text, art["name"] + ".txt", fmt="text")
        gold = [set().union(*(range(a, b) for a, b in g["content"])) for g in art["quotes"]]
        cues = [g["cue"] for g in art["quotes"]]
        regions, _ = scan(doc.text, [b.start for b in doc.blocks], [b.end for b in doc.blocks])
        ps = pieces(doc)[0]
        for piece, parsed in zip(ps, nlp.pipe(text[p.start:p.end] for p in ps), strict=True):
            overlapping = [(max(r.start, piece.start) - piece.start, min(r.end, piece.end) - piece.start)
                           for r in regions if r.start < piece.end and r.end > piece.start]
            for c in indirect_quotes(parsed, piece.start, overlapping, score=False):
                chars = content_chars(text, c.start, c.end)
                label = int(bool(chars) and any(2 * len(chars & g) >= len(chars) and _same_cue(c, cue)
                                                for g, cue in zip(gold, cues, strict=True)))
                if not label and chars and any(2 * len(chars & g) >= len(chars) for g in gold):
                    label = -1  # inside a statement, on another verb: see AMBIGUOUS_WEIGHT
                out.append((art["name"], c.features, label))
    tagger.use(None)
    return out


def _same_cue(c: Any, cue: list[tuple[int, int]]) -> bool:
    """The candidate's cue overlaps the gold cue (a gold without a cue takes any). A clause that
    lies inside a statement but hangs on another verb ('said [he wants to leave]': 'wants') is
    not that statement: as a positive it taught the filter to keep embedded verbs, which then
    matched by luck, with the wrong speaker, or stood beside the real one as a second piece."""
    if c.cue is None or not cue:
        return True
    return any(c.cue.start < b and a < c.cue.end for a, b in cue)


def fit(rows: list[tuple[tuple[str, ...], int]], min_count: int, l2: float, epochs: int,
        ambiguous: float = 1.0) -> dict[str, Any]:
    counts = Counter(f for feats, _ in rows for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    idx = [np.array(sorted({vocab[f] for f in feats if f in vocab}), dtype=np.int64) for feats, _ in rows]
    lengths = np.array([len(x) for x in idx])
    flat = np.concatenate(idx) if idx else np.zeros(0, dtype=np.int64)
    row_of = np.repeat(np.arange(len(rows)), lengths)
    y = np.array([lab == 1 for _, lab in rows], dtype=np.float64)
    weight = np.array([ambiguous if lab == -1 else 1.0 for _, lab in rows])
    n_eff = float(weight.sum())
    w = np.zeros(len(vocab))
    b = 0.0
    m, v, mb, vb = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    lr, beta1, beta2, eps = 0.1, 0.9, 0.999, 1e-8
    n = len(rows)
    for t in range(1, epochs + 1):
        z = b + np.bincount(row_of, weights=w[flat], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = (p - y) * weight
        gw = np.bincount(flat, weights=err[row_of], minlength=len(w)) / n_eff + l2 * w
        gb = float(err.sum() / n_eff)
        m = beta1 * m + (1 - beta1) * gw
        v = beta2 * v + (1 - beta2) * gw * gw
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        w -= lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
        b -= lr * (mb / (1 - beta1 ** t)) / (np.sqrt(vb / (1 - beta2 ** t)) + eps)
    names = sorted(vocab, key=vocab.get)
    weights = {f: round(float(w[vocab[f]]), 4) for f in names if abs(w[vocab[f]]) >= 1e-3}
    return {"bias": round(b, 4), "weights": weights}


# 'X called for Y', 'X wants Y': the object cues' proposals are right more often than the common
# threshold assumed (out-of-fold train F1 0.747 at 0.33, 0.748 from 0.17 to 0.25; dev 0.783 -> 0.784)
RULE_THRESHOLDS = {"object_cue": 0.25}
THRESHOLD_CHOICE = "object_cue 0.25, the highest of the out-of-fold train maximum (0.17-0.25)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--folds-dir", type=Path, help="also write fold models here for honest train figures")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--tagger-folds", type=Path,
                    help="the tagger's fold models (train_tagger.py --folds-dir): each train article tagged "
                         "by the one that never saw it; default --folds-dir when it holds them")
    ap.add_argument("--threshold", type=float, default=0.33)
    ap.add_argument("--rule-threshold", action="append", default=[], metavar="RULE=T",
                    help="another threshold for one rule (default object_cue=0.25: out-of-fold train F1 "
                         "0.747 -> 0.748 and dev 0.783 -> 0.784, flat from 0.17 to 0.25; every other rule "
                         "is best at the common threshold)")
    ap.add_argument("--ambiguous", type=float, default=0.3,
                    help="weight of the negatives whose content lies inside a statement cued by another "
                         "verb (0: left out, 1: as any negative)")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--epochs", type=int, default=300)
    args = ap.parse_args(argv)
    per_rule: dict[str, float] = dict(RULE_THRESHOLDS)
    per_rule |= {k: float(v) for k, v in (x.split("=") for x in args.rule_threshold)}
    corpus = load_corpus(args.polnear)
    nlp = load_model()
    cached = CachedNLP(nlp, cache_path(nlp, "polnear-train"))
    tagger_folds = args.tagger_folds
    if tagger_folds is None and args.folds_dir is not None and (args.folds_dir / "tagger_fold0.npz").exists():
        tagger_folds = args.folds_dir
    rows = examples(corpus, cached, "train", tagger_folds, args.folds)
    cached.save()
    n_art = len({a for a, _, _ in rows})
    pos = sum(lab == 1 for _, _, lab in rows)
    print(f"{len(rows)} candidates from {n_art} articles, {pos} positive ({pos / len(rows):.2f})")
    meta = {
        "trained_on": "PolNeAR train split (Newell, Margolin & Ruths, LREC 2018), first annotator per article",
        "articles": n_art, "candidates": len(rows), "positives": pos,
        "label": "candidate content >= 50% inside a gold content span and its cue overlapping that gold's cue; "
                 "inside a gold but on another cue: negative of weight --ambiguous",
        "model": model_info(nlp), "script": "training/attribution/train_filter.py",
        "settings": {"min_count": args.min_count, "l2": args.l2, "epochs": args.epochs,
                     "ambiguous": args.ambiguous},
        "date": datetime.date.today().isoformat(),
    }
    if args.folds_dir:
        args.folds_dir.mkdir(parents=True, exist_ok=True)
        for k in range(args.folds):
            part = [(f, lab) for a, f, lab in rows if fold_of(a, args.folds) != k]
            model = fit(part, args.min_count, args.l2, args.epochs, args.ambiguous) | {
                "threshold": args.threshold, "rule_thresholds": per_rule,
                "fold": k, "folds": args.folds}
            (args.folds_dir / f"fold{k}.json").write_text(json.dumps(model), encoding="utf-8")
            print(f"fold {k}: {len(part)} candidates, {len(model['weights'])} weights")
    meta["threshold_choice"] = ("0.33, kept from the second pass (out-of-fold train F1 flat from 0.31 to 0.35 then), "
                                f"{THRESHOLD_CHOICE if per_rule == RULE_THRESHOLDS else f'rule thresholds {per_rule} (given)'}; "
                                "ambiguous weight 0.3; each train article's tagger features from the fold tagger "
                                "that never saw it (--tagger-folds)")
    model = {"provenance": meta, "threshold": args.threshold,
             "rule_thresholds": per_rule} | fit(
        [(f, lab) for _, f, lab in rows], args.min_count, args.l2, args.epochs, args.ambiguous)
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(model['weights'])} weights, threshold {args.threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
