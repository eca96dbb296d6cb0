"""Run every file of a hostile-input corpus through `copydesk analyze` and report.

    python benchmarks/hostile_corpus.py ../shared/hostile

Each file must finish within 60 s with exit 0, or exit 2 and a one-line refusal; never a
traceback, never a control character on stdout outside JSON escapes. Exits 1 if any file fails
(CI runs it when the corpus is present).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

LIMIT_S = 60
_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def check(path: Path) -> tuple[bool, str]:
    t0 = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, "-m", "tui.cli", "analyze", str(path), "--jsonl"],
                           capture_output=True, timeout=LIMIT_S)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {LIMIT_S}s"
    dt = time.perf_counter() - t0
    err = p.stderr.decode("utf-8", "replace")
    if "Traceback" in err:
        return False, "traceback: " + err.strip().splitlines()[-1]
    if p.returncode == 0:
        if _RAW_CONTROL.search(p.stdout.rstrip(b"\n")):
            return False, "raw control character in output"
        return True, f"analysed in {dt:.1f}s ({len(p.stdout) // 1024} KiB of JSON)"
    if p.returncode == 2 and err.count("\n") == 1:
        return True, f"refused in {dt:.1f}s: {err.strip()}"
    return False, f"exit {p.returncode}: {err.strip()[:200]}"


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "../shared/hostile")
    files = sorted(p for p in root.iterdir() if p.is_file() and p.name not in ("EXPECTED.md", "expected.json"))
    failed = 0
    for f in files:
        ok, msg = check(f)
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {f.name:32s} {msg}")
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
