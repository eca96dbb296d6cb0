"""The reader's speed against a bare Textual app, measured with termprobe in a pty (120x40).

    python benchmarks/first_paint.py --termprobe ../shared/tools/termprobe.py [--runs 5]

The floor is a bare App with one Static holding the file's first 6,000 characters (one
screenful; a Static holding a whole 100k-word file is itself slow and would flatter any ratio).
Prints one table, medians of --runs runs each:

  first paint, seed / 100k words      copydesk and bare, and the ratio
  bytes per page-down                 what one key costs over SSH
  analysis on screen, seed            from launch until the status shows the finished analysis,
                                      with the analysis cache warm and with it off
  bytes until the analysis is on screen

Never fails: it measures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2155ca87d0d03760.txt"
COPYDESK = str(Path(sys.executable).parent / "copydesk")
BARE = [sys.executable, str(ROOT / "benchmarks" / "bare_static.py")]


def probe(termprobe: Path, marker: str, cmd: list[str], runs: int, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run([sys.executable, str(termprobe), "--marker", marker, "--runs", str(runs),
                          "--key", "pagedown", "--json", "--timeout", "60", "--", *cmd],
                         capture_output=True, text=True, timeout=1800, env=env)
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
    tmp = Path(tempfile.mkdtemp())
    big = tmp / "words_100k.txt"
    text = SEED.read_text(encoding="utf-8")
    big.write_text((text.rstrip("\n") + "\n") * 160, encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp / "cache"), XDG_DATA_HOME=str(tmp / "data"),
               XDG_CONFIG_HOME=str(tmp / "config"))
    env.pop("COLORTERM", None)
    rows: list[tuple[str, str, str, str]] = []
    for label, path in (("seed", SEED), (f"{len(big.read_text().split()) // 1000}k words", big)):
        app = probe(args.termprobe, "Sheinbaum", [COPYDESK, str(path)], args.runs, env)
        bare = probe(args.termprobe, "Sheinbaum", [*BARE, str(path)], args.runs, env)
        fa, fb = median(app, "first_paint_s"), median(bare, "first_paint_s")
        rows.append((f"first paint, {label}", f"{fb:.2f} s", f"{fa:.2f} s", f"{fa / fb:.2f}x" if fb else "-"))
        if label == "seed":
            rows.append(("bytes per page-down", "-", f"{median(app, 'key_bytes') / 1000:.1f} KB", ""))
        for name, r in (("copydesk", app), ("bare", bare)):
            if "error" in r:
                print(f"   {label} {name}: {r['error']}")
    # the finished analysis on screen: the status line says '… quotes · … sources · … claims'
    probe(args.termprobe, " claims", [COPYDESK, str(SEED)], 1, env)  # fills the cache
    cached = probe(args.termprobe, " claims", [COPYDESK, str(SEED)], args.runs, env)
    first = probe(args.termprobe, " claims", [COPYDESK, str(SEED)], args.runs, dict(env, COPYDESK_CACHE="0"))
    rows.append(("analysis on screen, seed, cached", "-", f"{median(cached, 'first_paint_s'):.2f} s", ""))
    rows.append(("analysis on screen, seed, first time", "-", f"{median(first, 'first_paint_s'):.2f} s", ""))
    rows.append(("bytes until the analysis is on screen", "-", f"{median(first, 'paint_bytes') / 1000:.0f} KB", ""))
    print("| | bare Textual | copydesk | ratio |\n|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
