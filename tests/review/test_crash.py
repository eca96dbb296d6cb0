"""SIGKILL during marking loses nothing that was acknowledged (20 kills here, 200 in benchmarks)."""

from __future__ import annotations

from pathlib import Path

from tests.review.crash_harness import run


def test_kill_9_loses_no_acknowledged_mark(tmp_path: Path):
    result = run(tmp_path / "review.sqlite3", kills=20, seed=7)
    assert result.acknowledged > 20
    assert set(result.integrity) == {"ok"}
    assert result.lost == []
