"""'Checked before?' measured as the hidden benchmark measures it: ``copydesk factchecks import``
of the 14,231 ClaimReviews into a fresh library, then ``copydesk factchecks match --jsonl`` of
each split's claims, each in a fresh process (stdin /dev/null, XDG folders and the library in a
temporary directory, a throw-away working directory), scored by the data folder's own score.py.

    python benchmarks/factchecks.py --data ../shared/data/factchecks [--splits dev devtest] [--no-dates]

Prints MAP@1, MAP@5, P@1 and recall@10 per split, and the seconds import and match took.
``--no-dates`` adds rows with claims' dates ignored (a claim from an article with no date).
Never fails a build: it measures."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def scorer(data: Path) -> Any:
    spec = importlib.util.spec_from_file_location("fc_score", data / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(args: list[str], env: dict[str, str], cwd: str) -> tuple[str, float, float]:
    """(stdout, wall seconds, CPU seconds of the child)."""
    before = os.times()
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "tui.cli", *args], stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, env=env, cwd=cwd, timeout=1800)
    wall = time.perf_counter() - t
    after = os.times()
    if p.returncode != 0:
        raise SystemExit(f"factchecks {args[1]} failed ({p.returncode}): {p.stderr.strip().splitlines()[-1:]}")
    return p.stdout, wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--splits", nargs="+", default=["dev", "devtest"])
    ap.add_argument("--no-dates", action="store_true", help="also match with claims' dates ignored")
    a = ap.parse_args(argv)
    score = scorer(a.data)
    ids, by_url = score.id_maps(score.read_jsonl(str(a.data / "claimreviews.jsonl")))
    tmp = tempfile.mkdtemp(prefix="copydesk-factchecks-")
    try:
        env = {**os.environ, "COPYDESK_LIBRARY_DB": os.path.join(tmp, "library.db"), "NO_COLOR": "1", "TERM": "dumb",
               "XDG_DATA_HOME": os.path.join(tmp, "d"), "XDG_CONFIG_HOME": os.path.join(tmp, "c"),
               "XDG_CACHE_HOME": os.path.join(tmp, "k"), "PYTHONPATH": str(ROOT)}
        cwd = os.path.join(tmp, "cwd")
        os.makedirs(cwd)
        _, imp_wall, imp_cpu = run(["factchecks", "import", str(a.data / "claimreviews.jsonl")], env, cwd)
        size = os.path.getsize(env["COPYDESK_LIBRARY_DB"])
        rows = []
        for split in a.splits:
            for dates in (True, False) if a.no_dates else (True,):
                out, wall, cpu = run(["factchecks", "match", "--jsonl", str(a.data / f"{split}_queries.jsonl")]
                                     + ([] if dates else ["--no-dates"]), env, cwd)
                lines, _ = score.parse_match_output(out)
                rankings, _ = score.map_matches(lines, ids, by_url)
                m = score.evaluate(rankings, score.read_qrels(str(a.data / f"{split}_qrels.tsv")))
                checked = sum(1 for ln in lines if ln.get("checked_before")) / max(len(lines), 1)
                rows.append((split + ("" if dates else ", no dates"), m, wall, cpu, len(lines), checked))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"import of {len(ids):,} reviews: {imp_wall:.1f} s wall, {imp_cpu:.1f} s CPU; library {size / 1e6:.0f} MB")
    print("| split | MAP@1 | MAP@5 | P@1 | recall@10 | match s (wall / CPU) | claims | checked before |")
    print("|---|---|---|---|---|---|---|---|")
    for split, m, wall, cpu, n, checked in rows:
        print(f"| {split} | {m['MAP@1']:.3f} | {m['MAP@5']:.3f} | {m['P@1']:.3f} | {m['recall@10']:.3f} | "
              f"{wall:.1f} / {cpu:.1f} | {n} | {checked:.0%} |")
    print(json.dumps({"import_s": round(imp_wall, 2), "rows": [{"split": s, **m, "match_s": round(w, 2)}
                                                              for s, m, w, _, _, _ in rows]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
