"""Run every file of a hostile-input corpus through `copydesk analyze` and the real reader.

    python benchmarks/hostile_corpus.py ../shared/hostile

1. `copydesk analyze FILE --jsonl`: within 60 s, exit 0, or exit 2 and a one-line refusal; never a
   traceback, never a raw control character in the output.
2. `copydesk FILE` in a pseudo-terminal (xterm-256color, 120x40): wait until the screen is quiet,
   press q, and apply the corpus' `expected.json` regexes (generic and per file) to everything
   the app wrote, decoded as UTF-8 (a raw 0x9B byte inside a UTF-8 character is not a C1 CSI).
Exits 1 if any file fails (CI runs it when the corpus is present).
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

LIMIT_S = 60
_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


MEMORY_BUDGET_MB = 600   # the corpus budget: peak memory of one analysis
TIME_BUDGET_S = 10.0     # printed, not failed: CI machines differ in speed


def _run(args: list[str], timeout: float) -> tuple[int, bytes, bytes, float, float]:
    """(status, stdout, stderr, seconds, peak RSS in MB) of one child, measured on it alone."""
    import os
    import signal

    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    timer = __import__("threading").Timer(timeout, lambda: proc.send_signal(signal.SIGKILL))
    timer.start()
    try:
        out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
        proc.returncode = 0  # waited for above; Popen must not wait again
    code = os.waitstatus_to_exitcode(status)
    return code, out, err, time.perf_counter() - t0, usage.ru_maxrss / 1024


def check(path: Path) -> tuple[bool, str]:
    code, out, errb, dt, peak = _run([sys.executable, "-m", "tui.cli", "analyze", str(path), "--jsonl",
                                      "--max-seconds", "15"], LIMIT_S)
    if code < 0:
        return False, f"timed out after {LIMIT_S}s"
    err = errb.decode("utf-8", "replace")
    cost = f"{dt:.1f}s, {peak:.0f} MB" + (" (over the time budget)" if dt > TIME_BUDGET_S else "")
    if "Traceback" in err:
        return False, "traceback: " + err.strip().splitlines()[-1]
    if peak > MEMORY_BUDGET_MB:
        return False, f"peak memory {peak:.0f} MB (budget {MEMORY_BUDGET_MB} MB)"
    if code == 0:
        if _RAW_CONTROL.search(out.rstrip(b"\n")):
            return False, "raw control character in output"
        return True, f"analysed in {cost} ({len(out) // 1024} KiB of JSON)"
    if code == 2 and err.count("\n") == 1:
        return True, f"refused in {cost}: {err.strip()}"
    return False, f"exit {code}: {err.strip()[:200]}"


PAINTED = re.compile(r"│ \d+%")   # the reader's status line: the article is on screen


# EXPECTED.md: first paint < 3 s (< 10 s for the 3-5 MB files) unless the file's row says otherwise.
PAINT_LIMITS = {"rich_markup_injection.md": 2.0, "linkify_redos.md": 2.0, "many_lines.txt": 5.0,
                "atom_many_entries.xml": 5.0, "deep_nesting.html": 5.0, "huge_line.txt": 10.0,
                "article_5mb.txt": 3.0}


def paint_limit(path: Path) -> float:
    return PAINT_LIMITS.get(path.name, 10.0 if path.stat().st_size > 2_500_000 else 3.0)


def run_in_pty(path: Path, quiet: float = 1.0, limit: float = 20.0) -> tuple[str, int | None, float | None]:
    """Everything the reader writes while opening ``path`` and quitting with q, and the
    seconds until its status line first appeared."""
    import os
    import select

    import ptyprocess

    exe = str(Path(sys.executable).with_name("copydesk"))
    proc = ptyprocess.PtyProcess.spawn([exe, str(path)], dimensions=(40, 120),
                                       env=dict(os.environ, TERM="xterm-256color"))
    out = bytearray()
    started = time.monotonic()
    painted: list[float] = []

    def pump(q: float, until: float) -> None:
        end = time.monotonic() + until
        while time.monotonic() < end:
            r, _, _ = select.select([proc.fd], [], [], q)
            if not r:
                return
            try:
                data = os.read(proc.fd, 65536)
            except OSError:
                return
            if not data:
                return
            out.extend(data)
            if not painted and PAINTED.search(out[-70000:].decode("utf-8", "replace")):
                painted.append(time.monotonic() - started)

    pump(quiet, limit)
    if proc.isalive():
        with contextlib.suppress(OSError):
            os.write(proc.fd, b"q")
    end = time.monotonic() + 15.0
    while proc.isalive() and time.monotonic() < end:
        pump(0.1, 0.5)
    status = None
    if proc.isalive():
        proc.terminate(force=True)
    else:
        pump(0.05, 0.5)
        proc.wait()
        status = proc.exitstatus
    return out.decode("utf-8", "replace"), status, painted[0] if painted else None


def check_pty(path: Path, generic: list[str], specific: list[str]) -> tuple[bool, str]:
    text, status, painted = run_in_pty(path)
    if "Traceback" in text:
        return False, "traceback on screen"
    for rx in generic + specific:
        m = re.search(rx, text)
        if m:
            return False, f"forbidden sequence {rx!r}: {text[max(0, m.start() - 20):m.end() + 20]!r}"
    if status not in (0, 2):
        return False, f"exit status {status} (did not quit on q)"
    if status == 0 and painted is None:
        return False, "the reader never showed its status line"
    if painted is not None and painted > paint_limit(path):
        return False, f"first paint after {painted:.1f}s (limit {paint_limit(path):.0f}s)"
    shown = f"first paint {painted:.2f}s, " if painted is not None else ""
    return True, f"{shown}{len(text):,} characters written, exit {status}"


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "../shared/hostile")
    files = sorted(p for p in root.iterdir() if p.is_file() and p.name not in ("EXPECTED.md", "expected.json"))
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8")) \
        if (root / "expected.json").exists() else {"generic_forbid_regex": [], "files": {}}
    generic = expected.get("generic_forbid_regex", [])
    failed = 0
    for f in files:
        ok, msg = check(f)
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} analyze {f.name:32s} {msg}", flush=True)
    for f in files:
        specific = expected.get("files", {}).get(f.name, {}).get("forbid_regex", [])
        ok, msg = check_pty(f, generic, specific)
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} reader  {f.name:32s} {msg}", flush=True)
    print(f"{2 * len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
