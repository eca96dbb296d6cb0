"""The reader's speed against a bare Textual app, measured with termprobe in a pty (120x40).

    python benchmarks/first_paint.py --termprobe ../shared/tools/termprobe.py [--runs 5]

The floor is the team's bare Textual app (`--floor`, ../shared/tools/floor_app.py): one Static
holding the file's first 6,000 characters, measured in the same run. Prints one table, medians of
--runs runs each, every time also as a multiple of the floor's first paint of the seed:

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
FLOOR = ROOT.parent / "shared" / "tools" / "floor_app.py"


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


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--termprobe", type=Path, required=True)
    ap.add_argument("--floor", type=Path, default=FLOOR, help="the bare Textual app (default: %(default)s)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    bare_cmd = [sys.executable, str(args.floor)]
    tmp = Path(tempfile.mkdtemp())
    big = tmp / "words_100k.txt"
    text = SEED.read_text(encoding="utf-8")
    big.write_text((text.rstrip("\n") + "\n") * 160, encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp / "cache"), XDG_DATA_HOME=str(tmp / "data"),
               XDG_CONFIG_HOME=str(tmp / "config"))
    env.pop("COLORTERM", None)
    rows: list[tuple[str, str, str, str, str]] = []
    floor_seed = 0.0
    for label, path in (("seed", SEED), (f"{len(big.read_text().split()) // 1000}k words", big)):
        app = probe(args.termprobe, "Sheinbaum", [COPYDESK, str(path)], args.runs, env)
        bare = probe(args.termprobe, "Sheinbaum", [*bare_cmd, str(path)], args.runs, env)
        fa, fb = median(app, "first_paint_s"), median(bare, "first_paint_s")
        floor_seed = floor_seed or fb
        rows.append((f"first paint, {label}", f"{fb:.2f} s", f"{fa:.2f} s", ratio(fa, fb), "<= 1.3x"))
        if label == "seed":
            rows.append(("bytes per page-down (120x40)", f"{median(bare, 'key_bytes') / 1000:.1f} KB",
                         f"{median(app, 'key_bytes') / 1000:.1f} KB", "", "<= 4 KB"))
        for name, r in (("copydesk", app), ("bare", bare)):
            if "error" in r:
                print(f"   {label} {name}: {r['error']}")
    # the finished analysis on screen: the status line says '… quotes · … sources · … claims'
    probe(args.termprobe, " claims", [COPYDESK, str(SEED)], 1, env)  # fills the cache
    cached = probe(args.termprobe, " claims", [COPYDESK, str(SEED)], args.runs, env)
    first = probe(args.termprobe, " claims", [COPYDESK, str(SEED)], args.runs, dict(env, COPYDESK_CACHE="0"))
    fc, ff = median(first, "first_paint_s"), median(cached, "first_paint_s")
    rows.append(("analysis on screen, seed, first time", "-", f"{fc:.2f} s", ratio(fc, floor_seed), "<= 5x"))
    rows.append(("analysis on screen, seed, cached", "-", f"{ff:.2f} s", ratio(ff, floor_seed), "<= 1.6x"))
    rows.append(("bytes until the analysis is on screen", "-", f"{median(first, 'paint_bytes') / 1000:.0f} KB", "", ""))
    print("| measure | floor (bare Textual) | copydesk | x floor's seed paint | target |\n|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
