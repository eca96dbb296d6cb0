"""The reader's total analysis time on long articles against `copydesk analyze` on the same
file: the seed repeated 30 times (~18,900 words) and a ~100,000-word article built from all
the bundled seeds.

    python benchmarks/long_article.py [--runs 1]

Both are timed from launch, model load included: `analyze` until it exits, the reader (in a
pseudo-terminal, cache off) until its status line shows the finished analysis. The target is
reader / analyze <= 1.5. Never fails: it measures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "000_2155ca87d0d03760.txt"
COPYDESK = str(Path(sys.executable).with_name("copydesk"))


def articles(directory: Path) -> dict[str, Path]:
    seed = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    x30 = directory / "seed_x30.txt"
    x30.write_text(seed * 30, encoding="utf-8")
    texts = [p.read_text(encoding="utf-8").rstrip("\n") + "\n\n" for p in sorted((ROOT / "seeds").glob("*.txt"))]
    body, words = [], 0
    while words < 100_000:
        for t in texts:
            body.append(t)
            words += len(t.split())
    big = directory / "words_100k.txt"
    big.write_text("".join(body), encoding="utf-8")
    return {"seed x30": x30, "100k words": big}


def env(home: Path) -> dict[str, str]:
    return dict(os.environ, COPYDESK_CACHE="0", XDG_DATA_HOME=str(home / "data"),
                XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))


def time_analyze(path: Path, home: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([COPYDESK, "analyze", str(path), "--json"], stdout=subprocess.DEVNULL, check=True,
                   env=env(home), timeout=900)
    return time.perf_counter() - t0


def time_reader(path: Path, home: Path) -> float:
    from tests.terminal import Terminal

    t0 = time.perf_counter()
    term = Terminal([COPYDESK, str(path)], env=env(home))
    try:
        term.wait_for(" claims", timeout=900)  # '… quotes · … sources · … claims': finished
        return time.perf_counter() - t0
    finally:
        term.quit()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        print(f"{'article':<12} {'words':>8} {'analyze s':>10} {'reader s':>9} {'ratio':>6}")
        for name, path in articles(home).items():
            words = len(path.read_text(encoding="utf-8").split())
            a = statistics.median(time_analyze(path, home) for _ in range(args.runs))
            r = statistics.median(time_reader(path, home) for _ in range(args.runs))
            print(f"{name:<12} {words:>8,} {a:>10.1f} {r:>9.1f} {r / a:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
