"""Kill -9 a process that is marking items and check that nothing it acknowledged was lost.

The child marks one item per transaction and prints ``ack N`` only after ``save`` returned (the
commit is durable then). The parent kills it at a random moment, then checks the database with
a fresh connection: ``PRAGMA integrity_check`` is ok and every acknowledged mark is there with
its status. Used by the CI test (20 kills) and by ``benchmarks/review_crash.py`` (200+).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATUS_CYCLE = ("verified", "disputed", "needs_source")


def expected_status(n: int) -> str:
    return STATUS_CYCLE[n % 3]


def child(db: str, start: int, count: int = -1, synchronous: str = "FULL") -> None:
    """Mark items from ``start`` (``count`` of them, or until killed), printing ``ack N`` after
    each commit returns. ``synchronous`` other than FULL exists to show the checks can fail."""
    from analyzers.store.review.anchor import Selector
    from analyzers.store.review.store import ReviewStore

    store = ReviewStore(db)
    if synchronous != "FULL":
        store.db.execute(f"PRAGMA synchronous = {synchronous}")
    n = start
    while n != start + count:
        store.save(key="crash-doc", fp="f" * 64, title="crash test", kind="claim", item_id=f"c{n}",
                   anchor=Selector(n, n + 5, f"item{n}", "", ""), status=expected_status(n),
                   note=f"note {n}" if n % 5 == 0 else None, set_note=n % 5 == 0)
        sys.stdout.write(f"ack {n}\n")
        sys.stdout.flush()
        n += 1


def child_code(db: Path, count: int = -1, synchronous: str = "FULL") -> str:
    """``python -c`` code that runs :func:`child` (first argument: the first item number)."""
    return (f"import sys; from tests.review.crash_harness import child; "
            f"child({str(db)!r}, int(sys.argv[1]), {count}, {synchronous!r})")


def child_env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def acknowledged(db: Path) -> dict[str, tuple[str, str | None]]:
    """item id -> (status, note) as a fresh connection reads them."""
    from analyzers.store.review.store import ReviewStore

    store = ReviewStore(db)
    try:
        return {m.item_id: (m.status, m.note) for m in store.marks("crash-doc", "f" * 64)}
    finally:
        store.close()


def lost_marks(acked: set[int], present: dict[str, tuple[str, str | None]]) -> list[int]:
    lost = []
    for n in sorted(acked):
        m = present.get(f"c{n}")
        if m is None or m[0] != expected_status(n) or (n % 5 == 0 and m[1] != f"note {n}"):
            lost.append(n)
    return lost


@dataclass
class Result:
    kills: int
    acknowledged: int
    lost: list[int]
    integrity: list[str]
    seconds: float


def run(db: Path, kills: int, seed: int = 1, max_delay: float = 0.25) -> Result:
    from analyzers.store.review.store import ReviewStore

    rng = random.Random(seed)
    acked: set[int] = set()
    next_start = 0
    lost: list[int] = []
    integrity: list[str] = []
    started = time.monotonic()
    env = child_env()
    code = child_code(db)
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", code, str(next_start)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
        # wait for the first ack so every kill lands while marks are being written
        first = proc.stdout.readline() if proc.stdout else ""
        time.sleep(rng.uniform(0, max_delay))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        for line in [first, *out.splitlines()]:
            if line.startswith("ack "):
                acked.add(int(line.split()[1]))
        if not first.startswith("ack "):
            raise RuntimeError(f"crash child failed: {err.strip()[-500:]}")
        next_start = max(acked) + 1
        store = ReviewStore(db)
        integrity.append(store.integrity())
        store.close()
        lost.extend(n for n in lost_marks(acked, acknowledged(db)) if n not in lost)
    return Result(kills, len(acked), lost, integrity, time.monotonic() - started)


# -- two reviewers on one desk ---------------------------------------------------------------------

def shared_status(n: int, writer: int) -> str:
    return STATUS_CYCLE[(n + writer) % 3]


def shared_child(db: str, writer: int, start: int) -> None:
    """One of two reviewers marking the same items, in turn with the other: every decision it
    acknowledges (``ack W N``) must be in that item's history, whatever the other wrote."""
    from analyzers.store.review.anchor import Selector
    from analyzers.store.review.store import ReviewStore

    store = ReviewStore(db)
    n = start
    while True:
        store.save(key="crash-doc", fp="f" * 64, title="crash test", kind="claim", item_id=f"c{n}",
                   anchor=Selector(n, n + 5, f"item{n}", "", ""), status=shared_status(n, writer),
                   note=f"note {n} by {writer}", set_note=True)
        sys.stdout.write(f"ack {writer} {n}\n")
        sys.stdout.flush()
        n += 1
        time.sleep(0.005)  # a reviewer's pace, far faster than a person's: the other gets the lock too


def run_shared(db: Path, kills: int, writers: int = 2, seed: int = 1, max_delay: float = 0.25) -> Result:
    """``writers`` processes mark the same items at once and are all killed at random moments,
    ``kills`` times; lost = acknowledged decisions missing from the items' histories."""
    from analyzers.store.review.store import ReviewStore

    rng = random.Random(seed)
    acked: set[tuple[int, int]] = set()
    integrity: list[str] = []
    lost: list[int] = []
    started = time.monotonic()
    env = child_env()
    next_start = 0
    for _ in range(kills):
        procs = [subprocess.Popen([sys.executable, "-c", "import sys; from tests.review.crash_harness import "
                                   f"shared_child; shared_child({str(db)!r}, {w}, int(sys.argv[1]))",
                                   str(next_start)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                  cwd=ROOT, text=True) for w in range(writers)]
        firsts = [p.stdout.readline() if p.stdout else "" for p in procs]
        for p in procs:  # each killed at its own moment, the others still writing
            time.sleep(rng.uniform(0, max_delay))
            p.send_signal(signal.SIGKILL)
        for p, first in zip(procs, firsts, strict=True):
            out, err = p.communicate()
            if not first.startswith("ack "):
                raise RuntimeError(f"crash child failed: {err.strip()[-500:]}")
            for line in [first, *out.splitlines()]:
                if line.startswith("ack "):
                    _, w, n = line.split()
                    acked.add((int(w), int(n)))
        next_start = max(n for _, n in acked) + 1
        store = ReviewStore(db)
        try:
            integrity.append(store.integrity())
            marks = {m.item_id: m for m in store.marks("crash-doc", "f" * 64)}
            for w, n in sorted(acked):
                m = marks.get(f"c{n}")
                found = m is not None and any(d.status == shared_status(n, w) and d.note == f"note {n} by {w}"
                                              for d in m.history)
                if not found and n not in lost:
                    lost.append(n)
        finally:
            store.close()
    return Result(kills, len(acked), lost, integrity, time.monotonic() - started)
