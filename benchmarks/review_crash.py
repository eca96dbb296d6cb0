"""Kill -9 a marking process N times (default 200) and report what survived; with --writers 2,
two reviewers mark the same items at once and both are killed each round (a shared desk).

    python benchmarks/review_crash.py [--kills 200] [--seed 1] [--writers 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.review.crash_harness import run, run_shared


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--kills", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--writers", type=int, default=1, help="reviewers marking the same items at once")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "review.sqlite3"
        r = run(db, args.kills, seed=args.seed) if args.writers == 1 else \
            run_shared(db, args.kills, writers=args.writers, seed=args.seed)
    bad = [x for x in r.integrity if x != "ok"]
    print(f"writers: {args.writers}  rounds of kills: {r.kills}  acknowledged decisions: {r.acknowledged}  lost: {len(r.lost)}  "
          f"integrity failures: {len(bad)}  time: {r.seconds:.1f} s")
    if r.lost:
        print(f"lost marks: {r.lost[:20]}")


if __name__ == "__main__":
    main()
