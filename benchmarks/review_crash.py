"""Kill -9 a marking process N times (default 200) and report what survived.

    python benchmarks/review_crash.py [--kills 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.review.crash_harness import run


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--kills", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        r = run(Path(tmp) / "review.sqlite3", args.kills, seed=args.seed)
    bad = [x for x in r.integrity if x != "ok"]
    print(f"kills: {r.kills}  acknowledged marks: {r.acknowledged}  lost: {len(r.lost)}  "
          f"integrity failures: {len(bad)}  time: {r.seconds:.1f} s")
    if r.lost:
        print(f"lost marks: {r.lost[:20]}")


if __name__ == "__main__":
    main()
