"""SIGKILL during marking loses nothing that was acknowledged (20 kills here, 200 in benchmarks)."""

from __future__ import annotations

from pathlib import Path

from tests.review.crash_harness import run


def test_kill_9_loses_no_acknowledged_mark(tmp_path: Path):
    result = run(tmp_path / "review.sqlite3", kills=20, seed=7)
    assert result.acknowledged > 20
    assert set(result.integrity) == {"ok"}
    assert result.lost == []


def test_two_writers_killed_lose_no_acknowledged_decision(tmp_path: Path):
    """Two reviewers marking the same items at once, both killed at random moments: every
    decision either acknowledged is in its item's history (20 rounds here, more in benchmarks)."""
    from tests.review.crash_harness import run_shared

    result = run_shared(tmp_path / "review.sqlite3", kills=10, writers=2, seed=3)
    assert result.acknowledged > 20
    assert set(result.integrity) == {"ok"}
    assert result.lost == []
