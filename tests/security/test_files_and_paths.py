"""Files copydesk writes are the user's alone; paths too long for the system, and files over
the size cap, are one line in every command."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from analyzers.store.review.store import ReviewStore
from tests.conftest import ROOT, SEED

LONG_NAME = "a" * 300 + ".txt"                       # over NAME_MAX
DEEP = "/".join(["d" * 200] * 25) + "/story.txt"     # over PATH_MAX


def one_line(args: list[str], timeout: float = 120) -> str:
    r = subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True,
                       timeout=timeout, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert r.returncode == 2, (r.returncode, r.stderr[-500:])
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr[-500:]
    return r.stderr


def test_review_database_and_its_folder_are_private(tmp_path: Path):
    os.umask(0o022)
    path = tmp_path / "data" / "copydesk" / "review.sqlite3"
    store = ReviewStore(path)
    store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for extra in path.parent.glob("review.sqlite3-*"):  # -wal, -shm take the file's mode
        assert stat.S_IMODE(extra.stat().st_mode) & 0o077 == 0
    path.chmod(0o644)  # made by an older copydesk: tightened when opened
    ReviewStore(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("path", [f"/tmp/{LONG_NAME}", f"/tmp/{DEEP}"], ids=["long-name", "deep-path"])
@pytest.mark.parametrize("command", ["analyze", "read", "export", "serve"])
def test_over_long_paths_are_one_line(command: str, path: str):
    msg = one_line([command, path])
    assert path[:100] in msg and ("too long" in msg or "no such file" in msg), msg[:300]


def test_over_long_output_name_is_one_line(tmp_path: Path):
    msg = one_line(["export", str(SEED), "-o", str(tmp_path / LONG_NAME.replace(".txt", ".md"))])
    assert "can't write" in msg


def test_size_refusal_says_the_unit_the_cap_is_in(tmp_path: Path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(21 * 1024 * 1024)
    msg = one_line(["analyze", str(big)])
    assert "21.0 MiB > 20.0 MiB" in msg
    assert "5.0 MiB limit" in one_line(["analyze", str(big), "--max-size", "5MB"])
