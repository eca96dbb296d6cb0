"""Throughput of analyze() against bare spaCy on the same text, and the seed's analysis time.

    python benchmarks/speed.py [--polnear ../shared/data/polnear] [--repeat 3]

Workloads: the seed repeated 30 times (~18,900 words, one long article) and normal articles
(PolNeAR dev with --polnear, else the bundled seeds). Normal articles are timed both ways
copydesk runs them: analyze_many() (the headless runs, short articles sharing spaCy batches)
and analyze() one article at a time (the reader). Bare spaCy parses exactly the pieces
analyze() parses, in one nlp.pipe over all of them at spaCy's own batch size (its fastest),
with the model as spaCy loads it (copydesk's pipeline swaps in an equal, faster attribute
ruler: analyzers/rules/indexed_ruler.py; its parse alone is printed in brackets). Both are timed in CPU seconds of this
process (another job on the machine slows the wall clock, not this), alternating, after a
warm-up, best of --repeat. Never fails: it measures.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from analyzers import Document, document_from_text, load
from analyzers.rules.pipeline import analyze, analyze_many, pieces
from analyzers.rules.spacy_model import _EXCLUDE, candidate_names, load_model

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2155ca87d0d03760.txt"


def best(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            t0 = time.process_time()
            run()
            times[name].append(time.process_time() - t0)
    return {name: min(t) for name, t in times.items()}


def stock_model(nlp: object) -> object:
    """The same spaCy model as spaCy loads it: its own attribute ruler, no copydesk changes."""
    import spacy

    meta = nlp.meta  # type: ignore[attr-defined]
    for name in (f"{meta['lang']}_{meta['name']}", *candidate_names()):
        try:
            return spacy.load(name, exclude=list(_EXCLUDE))
        except OSError:
            continue
    raise SystemExit("the stock model cannot be loaded")


def compare(label: str, docs: list[Document], nlp: object, stock: object, repeat: int) -> None:
    words = sum(len(d.text.split()) for d in docs)
    paras = [d.text[p.start:p.end] for d in docs for p in pieces(d)[0]]

    def bare() -> None:
        for _ in stock.pipe(paras):  # type: ignore[attr-defined]
            pass

    def parse() -> None:
        for _ in nlp.pipe(paras):  # type: ignore[attr-defined]
            pass

    def ours() -> None:
        for d in docs:
            analyze(d, nlp)

    def many() -> None:
        for _ in analyze_many(docs, nlp):
            pass

    for warm_up in (bare, parse, ours, many):  # the first parse of a process and the claim weights cost extra
        warm_up()
    t = best({"bare": bare, "parse": parse, "ours": ours, "many": many}, repeat)
    print(f"{label:28s} {words:>7,} words: bare nlp.pipe {words / t['bare']:6,.0f} words/s "
          f"(copydesk's pipeline {words / t['parse']:6,.0f})")
    if len(docs) > 1:
        print(f"{'':28s} analyze_many() {words / t['many']:6,.0f} words/s -> {t['bare'] / t['many']:.0%} of "
              f"bare spaCy (the headless runs: analyze --jsonl, batch)")
    print(f"{'':28s} analyze()      {words / t['ours']:6,.0f} words/s -> {t['bare'] / t['ours']:.0%} of "
          f"bare spaCy (one article at a time, as the reader does)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, help="use the dev texts of this corpus as the normal articles")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    nlp = load_model()
    print(f"model load {time.perf_counter() - t0:.2f}s")
    stock = stock_model(nlp)
    seed_text = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    compare("seed x30 (one long article)", [document_from_text(seed_text * 30, "x30.txt", fmt="text")],
            nlp, stock, args.repeat)
    if args.polnear:
        texts = [p.read_text(encoding="utf-8") for p in sorted((args.polnear / "data" / "dev" / "text").glob("*.txt"))]
        label = f"PolNeAR dev ({len(texts)} articles)"
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] * 5
        label = f"seeds ({len(texts)} articles)"
    compare(label, [document_from_text(t, "x.txt", fmt="text") for t in texts], nlp, stock, args.repeat)
    seed = load(SEED)
    times = []
    for _ in range(args.repeat):
        t0 = time.process_time()
        analyze(seed, nlp)
        times.append(time.process_time() - t0)
    t0 = time.process_time()
    for _ in nlp.pipe([seed.text[p.start:p.end] for p in pieces(seed)[0]]):
        pass
    print(f"seed article: analyze() {min(times):.3f}s (best of {args.repeat}); bare spaCy on it "
          f"{time.process_time() - t0:.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
