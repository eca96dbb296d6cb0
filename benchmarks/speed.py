"""Throughput of analyze() against bare spaCy on the same text, and the seed's analysis time.

    python benchmarks/speed.py [--polnear ../shared/data/polnear]

Never fails: it measures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analyzers import document_from_text, load
from analyzers.rules.pipeline import analyze
from analyzers.rules.spacy_model import load_model

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2155ca87d0d03760.txt"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, help="use the dev texts of this corpus as the workload")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    nlp = load_model()
    print(f"model load {time.perf_counter() - t0:.2f}s")
    if args.polnear:
        texts = [p.read_text(encoding="utf-8") for p in sorted((args.polnear / "data" / "dev" / "text").glob("*.txt"))]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] * 5
    words = sum(len(t.split()) for t in texts)
    docs = [document_from_text(t, "x.txt", fmt="text") for t in texts]
    # bare spaCy on exactly the paragraphs analyze() parses
    from analyzers.rules.pipeline import pieces

    paras = [d.text[p.start:p.end] for d in docs for p in pieces(d)[0]]
    t0 = time.perf_counter()
    for _ in nlp.pipe(paras, batch_size=16):
        pass
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs:
        analyze(d, nlp)
    ours = time.perf_counter() - t0
    print(f"{words:,} words: bare nlp.pipe {words / bare:,.0f} words/s, analyze() {words / ours:,.0f} words/s "
          f"-> {bare / ours:.0%} of bare spaCy")
    seed = load(SEED)
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        analyze(seed, nlp)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in nlp.pipe([seed.text[p.start:p.end] for p in pieces(seed)[0]]):
        pass
    print(f"seed article: analyze() {min(times):.3f}s (best of {args.repeat}); bare spaCy on it {time.perf_counter() - t0:.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
