"""Train everything attribution learns, in order, reproducibly: the tagger, then the filter.

    pip install -e '.[train]'
    python training/attribution/train.py --polnear ../shared/data/polnear --folds-dir /tmp/attr-folds

1. ``train_tagger.py``: one tagger per fold (articles split by a hash of their name) and one on
   all of train -> ``analyzers/rules/attribution_tagger.npz``.
2. ``train_filter.py``: the filter's examples carry the tagger's view of each candidate, each
   train article tagged by the fold tagger that never saw it; one filter per fold and one on all
   of train -> ``analyzers/rules/attribution_weights.json``.

Then ``python benchmarks/attribution.py --polnear ... --split train --cache --scorer-folds
/tmp/attr-folds`` scores every train article with a tagger and a filter that never saw it.
Seeded and single-threaded; see README.md beside this file for the time and the scores.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import train_filter  # noqa: E402
import train_tagger  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--folds-dir", type=Path, required=True, help="fold models for out-of-fold figures")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    common = ["--polnear", str(args.polnear), "--folds-dir", str(args.folds_dir)]
    status = train_tagger.main([*common, "--seed", str(args.seed)])
    if status:
        return status
    # the filter reads the packaged tagger's module: forget any model loaded before it was written
    from analyzers.rules import tagger

    tagger._packaged.cache_clear()
    return train_filter.main(common)


if __name__ == "__main__":
    sys.exit(main())
