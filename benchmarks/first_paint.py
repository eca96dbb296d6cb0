"""First paint and bytes per key of the reader against a bare Textual app, with termprobe.

    python benchmarks/first_paint.py --termprobe ../shared/tools/termprobe.py

Runs both programs on the seed and on a 100,000-word article (the seed repeated), prints the
figures and the ratios. Never fails: it measures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2155ca87d0d03760.txt"


def probe(termprobe: Path, marker: str, cmd: list[str], runs: int, key: str = "pagedown") -> dict:
    out = subprocess.run([sys.executable, str(termprobe), "--marker", marker, "--runs", str(runs),
                          "--key", key, "--json", "--timeout", "60", "--", *cmd],
                         capture_output=True, text=True, timeout=900)
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:
        return {"error": (out.stdout + out.stderr)[-400:]}


def median(d: dict, name: str) -> float:
    v = d.get(name)
    if isinstance(v, dict):
        return float(v.get("median", 0))
    return float(v or 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--termprobe", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    big = Path(tempfile.mkdtemp()) / "seed_x150.txt"
    text = SEED.read_text(encoding="utf-8")
    big.write_text((text.rstrip("\n") + "\n") * 150, encoding="utf-8")
    print(f"big article: {len(big.read_text().split()):,} words")
    copydesk = [str(Path(sys.executable).parent / "copydesk")]
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_static.py")]
    for label, path in (("seed", SEED), ("100k words", big)):
        r_app = probe(args.termprobe, "Sheinbaum", [*copydesk, str(path)], args.runs)
        r_bare = probe(args.termprobe, "Sheinbaum", [*bare, str(path)], args.runs)
        fa, fb = median(r_app, "first_paint_s"), median(r_bare, "first_paint_s")
        print(f"[{label}] copydesk first paint {fa:.3f}s, bare Textual {fb:.3f}s, ratio {fa / fb if fb else 0:.2f}")
        print(f"[{label}] bytes for one page-down at 120x40: copydesk {median(r_app, 'key_bytes'):.0f}, "
              f"bare {median(r_bare, 'key_bytes'):.0f}; key latency copydesk {median(r_app, 'key_latency_s') * 1000:.0f} ms")
        for name, r in (("copydesk", r_app), ("bare", r_bare)):
            if "error" in r:
                print(f"   {name}: {r['error']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
