"""Claim ranking and the listing, on the CheckThat! 2019 (task 1) training debates + ClaimBuster.

    python benchmarks/claims.py --clef ../shared/data/claims [--no-cv]

Reports, for the shipped model (analyzers/rules/claims_model/) at the product's operating point:
- by debate-level cross-validation (needs the `train` extra: scikit-learn): the same candidate
  refitted with each debate held out; MAP, listed share, share of check-worthy sentences listed;
- on the whole training set (the shipped weights, which saw these debates): the same figures;
- the seed article's listed sentences with score, kind and reasons.
MAP: per debate, sentences ranked by score; average precision of the check-worthy ones; mean.
Never fails: it measures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import load  # noqa: E402
from analyzers.rules import claim_model  # noqa: E402
from analyzers.rules.claim_features import char_terms, word_terms  # noqa: E402
from analyzers.rules.claims import ClaimCandidate, listed  # noqa: E402
from analyzers.rules.pipeline import analyze  # noqa: E402
from analyzers.rules.spacy_model import load_model  # noqa: E402
from training.claims.data import Corpus, average_precision, load_corpus  # noqa: E402

SEED = ROOT / "seeds" / "000_2155ca87d0d03760.txt"


def report(corpus: Corpus, scores: np.ndarray, what: str) -> None:
    """MAP over debates; listed share and recall at the operating point (a debate counts as one
    article and each of its lines as a paragraph: threshold, no hedges, the share cap)."""
    model = claim_model.load()
    y = np.asarray(corpus.labels)
    groups = np.asarray(corpus.groups)
    aps, n_listed, n_sent, hit, pos = [], 0, 0, 0, 0
    for d in corpus.debates():
        rows = np.flatnonzero(groups == d)
        aps.append(average_precision(scores[rows], y[rows]))
        cands = [ClaimCandidate(int(i), int(i) + 1, float(scores[i]),
                                ("hedged",) if "rule:hedged" in corpus.s_terms[i] else (), paragraph=int(i))
                 for i in rows]
        chosen = [c.start for c in listed(cands, model.threshold, model.max_share)]
        n_listed += len(chosen)
        n_sent += len(rows)
        hit += int(y[chosen].sum())
        pos += int(y[rows].sum())
    print(f"{what:28s} MAP {np.mean(aps):.3f}   listed {n_listed / n_sent:.1%} of {n_sent:,} sentences   "
          f"check-worthy listed {hit / pos:.1%} ({hit}/{pos})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clef", type=Path, required=True, help="the claims data folder")
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation (slow)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    nlp = load_model()
    model = claim_model.load()
    print(f"model: {model.meta['candidate']}; threshold {model.threshold:.3f}, "
          f"at most {model.max_share:.0%} of an article's sentences")
    corpus = load_corpus(args.clef, nlp)
    if not args.no_cv:
        try:
            from training.claims.train import CANDIDATES, cross_validate
        except ImportError as e:
            print(f"cross-validation skipped ({e.name} missing: pip install -e '.[train]')")
        else:
            cand = CANDIDATES[model.meta["candidate"].split(":")[0]]
            oof = cross_validate(corpus, cand, int(model.meta["seed"]))
            report(corpus, 1 / (1 + np.exp(-np.nan_to_num(oof, nan=-50.0))), "by debate (CV)")
    scores = np.asarray([model.score({"w": word_terms(t), "c": char_terms(t), "s": s})
                         for t, s in zip(corpus.texts, corpus.s_terms, strict=True)])
    report(corpus, scores, "whole training set")
    a = analyze(load(SEED), nlp)
    print(f"seed: {len(a.claims)} sentences listed")
    for c in a.claims:
        print(f"  {c.score:.2f} {c.kind:11s} {' · '.join(c.reasons):40s} {' '.join(c.text.split())[:90]}")
    print(f"({time.perf_counter() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
