"""Archive throughput: 1,000 synthetic articles (~700 words each, built from the bundled seeds
and the test fixtures) through the batch engines: the local engine with one and two worker
processes and the Dask engine with two workers (its own LocalCluster). Prints articles/s,
words/s, the speed-up over one worker and each worker's peak memory.

    python benchmarks/archive.py [--articles 1000] [--skip-dask]

Targets on a 2-core machine: --jobs 2 >= 1.7x --jobs 1, Dask with 2 workers >= 1.5x, under
600 MB per worker. Each run is timed from start to its last record written, model loading
included. Never fails: it measures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import load  # noqa: E402
from analyzers.batch.local import Pool  # noqa: E402
from analyzers.batch.records import open_source, read_partition  # noqa: E402
from analyzers.batch.work import Options  # noqa: E402
from analyzers.batch.writers import JsonlWriter  # noqa: E402

WORDS = 700


def paragraphs() -> tuple[list[str], list[str]]:
    """Titles and paragraphs: every seed's blocks, the library tests' article, the claim
    fixture's sentences (in threes)."""
    titles, paras = [], []
    for p in sorted((ROOT / "seeds").glob("*.*")):
        if p.suffix == ".py":
            continue
        doc = load(p)
        titles.append(doc.title)
        paras += [doc.block_text(b) for b in doc.analysable_blocks() if len(doc.block_text(b).split()) >= 8]
    from tests.library.conftest import PARAGRAPHS

    paras += PARAGRAPHS
    sentences = [r["text"] for r in json.loads((ROOT / "tests/analyzers/data/claim_scores.json").read_text())]
    paras += [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return titles, paras


def synthetic(n: int, seed: int = 18) -> list[dict[str, str]]:
    rng = random.Random(seed)
    titles, paras = paragraphs()
    out = []
    for i in range(n):
        body, words = [rng.choice(titles)], 0
        while words < WORDS:
            p = rng.choice(paras)
            body.append(p)
            words += len(p.split())
        out.append({"id": f"a{i:04d}", "text": "\n\n".join(body) + "\n"})
    return out


def run_local(src: Path, out: Path, jobs: int) -> tuple[float, int, list[int]]:
    source = open_source(src)
    writer = JsonlWriter(out)
    words = 0
    t0 = time.perf_counter()
    with Pool(Options(), jobs) as pool:
        for row in pool.rows(r for spec in source.partitions for r in read_partition(spec)):
            writer.write([row])
            words += row.words
    elapsed = time.perf_counter() - t0
    writer.close()
    return elapsed, words, list(pool.peak_memory.values())


def run_dask(src: Path, out: Path, workers: int) -> tuple[float, int, list[int]]:
    from analyzers.batch.dask_engine import DaskEngine

    source = open_source(src, per_partition=25)
    writer = JsonlWriter(out)
    words = 0
    t0 = time.perf_counter()
    engine = DaskEngine(Options(), None, workers)
    for rows in engine.rows(source.partitions, set()):
        writer.write(rows)
        words += sum(r.words for r in rows)
    elapsed = time.perf_counter() - t0
    writer.close()
    return elapsed, words, list(engine.peak_memory.values())


def same_records(a: Path, b: Path) -> bool:
    def by_id(p: Path) -> dict[str, str]:
        return {json.loads(line)["id"]: line for line in p.read_text(encoding="utf-8").splitlines()}
    return by_id(a) == by_id(b)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--skip-dask", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        src = d / "archive.jsonl"
        arts = synthetic(args.articles)
        src.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
        words = sum(len(a["text"].split()) for a in arts)
        print(f"{len(arts):,} articles, {words:,} words ({words / len(arts):,.0f} per article)")
        runs = [("local --jobs 1", lambda o: run_local(src, o, 1)),
                ("local --jobs 2", lambda o: run_local(src, o, 2))]
        if not args.skip_dask:
            runs.append(("dask, 2 workers", lambda o: run_dask(src, o, 2)))
        print(f"{'engine':18s} {'seconds':>8s} {'articles/s':>11s} {'words/s':>8s} {'speed-up':>9s}  peak MB per worker")
        base = None
        first = None
        for name, run in runs:
            out = d / f"{name.replace(' ', '_')}.jsonl"
            elapsed, _, peaks = run(out)
            base = base or elapsed
            first = first or out
            same = "" if out == first else ("  same records" if same_records(first, out) else "  DIFFERENT records")
            print(f"{name:18s} {elapsed:8.1f} {len(arts) / elapsed:11.2f} {words / elapsed:8,.0f} "
                  f"{base / elapsed:8.2f}x  {', '.join(f'{p / 2**20:.0f}' for p in peaks)}{same}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
