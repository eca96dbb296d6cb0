"""A review database another program keeps locked: the screen never freezes (saves run off its
thread), a mark shows as pending until committed and as saved only then, a save gives up after
a few seconds with one line, quitting never waits, and a note whose save fails stays in its
editor."""

from __future__ import annotations

import sqlite3

import pytest

from analyzers.store.paths import review_db as default_path
from analyzers.store.review.marks import PENDING_SIGN
from tests.tui.conftest import fixed_app, ready, saved
from tui.screens.note_editor import NoteEditor

SIZE = (120, 36)


def status(screen) -> str:
    return str(screen.status.render())


@pytest.fixture
def lock(monkeypatch):
    """Another program holding the write lock (BEGIN EXCLUSIVE) until released."""
    monkeypatch.setenv("COPYDESK_SAVE_TIMEOUT", "1.5")

    class Lock:
        db: sqlite3.Connection | None = None

        def take(self) -> None:
            self.db = sqlite3.connect(default_path(), isolation_level=None)
            self.db.execute("BEGIN EXCLUSIVE")

        def release(self) -> None:
            if self.db is not None:
                self.db.execute("ROLLBACK")
                self.db.close()
                self.db = None

    held = Lock()
    yield held
    held.release()


async def test_a_locked_database_never_freezes_the_reader(seed_doc, fixed_analysis, lock):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        lock.take()
        await pilot.press("]", "v")
        claim = fixed_analysis.claims[0]
        assert screen.review_session.pending  # waiting for the lock…
        assert "saving…" in status(screen)
        row = screen.article.line_of(claim.start) - int(screen.article.scroll_y)
        assert PENDING_SIGN in screen.article.render_line(row).text[:2]  # pending, not "✓"
        y = screen.article.scroll_y
        await pilot.press("j")  # …and the screen still answers keys meanwhile
        assert screen.article.scroll_y == y + 1 and screen.review_session.pending
        await saved(pilot, screen)  # gives up after COPYDESK_SAVE_TIMEOUT
        assert "not saved" in status(screen) and "locked" in status(screen)
        assert screen.review_session.of("claim", claim.id).status == "unreviewed"
        assert any("not saved" in n.message for n in pilot.app._notifications)
        lock.release()
        await pilot.press("v")  # the same claim: still the current one
        await saved(pilot, screen)
        assert screen.review_session.of("claim", claim.id).status == "verified"


async def test_quitting_never_waits_for_a_locked_save(seed_doc, fixed_analysis, lock):
    app = fixed_app(seed_doc, fixed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        lock.take()
        await pilot.press("]", "v")
        assert screen.review_session.pending
        await pilot.press("q")
        await pilot.pause()
        assert app._exit and screen.review_session.pending  # quit while the write still waits


async def test_a_note_whose_save_fails_stays_in_its_editor(seed_doc, fixed_analysis, lock):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("]", "a")
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor)
        lock.take()
        await pilot.press(*"Check the agency's figures", "ctrl+s")
        await saved(pilot, screen)
        assert pilot.app.screen is editor  # still open, text intact, reason shown
        assert editor.query_one("TextArea").text == "Check the agency's figures"
        assert "not saved" in str(editor.query_one("#note-keys").render())
        lock.release()
        await pilot.press("ctrl+s")
        await saved(pilot, screen)
        assert pilot.app.screen is screen
        assert screen.review_session.of("claim", fixed_analysis.claims[0].id).note == "Check the agency's figures"
