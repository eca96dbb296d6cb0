"""Archive throughput: 1,000 synthetic articles (~700 words each, built from the bundled seeds
and the test fixtures) through the batch engines: the local engine with one and two worker
processes and the Dask engine with two workers (its own LocalCluster). Prints articles/s,
words/s, the speed-up over one worker and each worker's peak memory.

    python benchmarks/archive.py [--articles 1000] [--skip-dask]

Targets on a 2-core machine: --jobs 2 >= 1.7x --jobs 1, Dask with 2 workers >= 1.5x, under
600 MB per worker. Each run is timed from start to its last record written, model loading
included; the CPU seconds the workers and this process used show what the engines cost when
other work shares the machine. Never fails: it measures.
"""

from __future__ import annotations

import argparse
import json
import os
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


def run_local(src: Path, out: Path, jobs: int) -> tuple[float, list[int], float]:
    source = open_source(src)
    writer = JsonlWriter(out)
    t0 = time.perf_counter()
    with Pool(Options(), jobs) as pool:
        for row in pool.rows(r for spec in source.partitions for r in read_partition(spec)):
            writer.write([row])
    elapsed = time.perf_counter() - t0
    writer.close()
    return elapsed, list(pool.peak_memory.values()), sum(pool.cpu_seconds.values())


def run_dask(src: Path, out: Path, workers: int) -> tuple[float, list[int], float]:
    from analyzers.batch.dask_engine import DaskEngine

    source = open_source(src, per_partition=25)
    writer = JsonlWriter(out)
    t0 = time.perf_counter()
    engine = DaskEngine(Options(), None, workers)
    for rows in engine.rows(source.partitions, set()):
        writer.write(rows)
    elapsed = time.perf_counter() - t0
    writer.close()
    return elapsed, list(engine.peak_memory.values()), sum(engine.cpu_seconds.values())


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
        print(f"{'engine':16s} {'seconds':>7s} {'articles/s':>10s} {'words/s':>8s} {'speed-up':>8s} "
              f"{'worker CPU s':>12s} {'this CPU s':>10s}  peak MB per worker")
        base = first = None
        for name, run in runs:
            out = d / f"{name.replace(' ', '_')}.jsonl"
            cpu0 = time.process_time()
            elapsed, peaks, cpu = run(out)
            mine = time.process_time() - cpu0  # the parent or Dask client: reading, writing, scheduling
            base = base or elapsed
            first = first or out
            same = "" if out == first else ("  same records" if same_records(first, out) else "  DIFFERENT records")
            print(f"{name:16s} {elapsed:7.1f} {len(arts) / elapsed:10.2f} {words / elapsed:8,.0f} "
                  f"{base / elapsed:7.2f}x {cpu:12.1f} {mine:10.1f}  "
                  f"{', '.join(f'{p / 2**20:.0f}' for p in peaks)}{same}", flush=True)
        print(f"(load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on "
              f"{os.cpu_count()} CPUs; worker CPU s is what the analysis itself took)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
