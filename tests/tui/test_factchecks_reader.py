"""Earlier fact-checks in the reader (Pilot): a claim of the seed that a fact-check in the library
matches carries a badge in the Claims list and the review queue; F opens its matches; the queue
filters the claims checked before; the export carries them; restricted mode reads the
collection and never writes it. The snapshot is the matches screen."""

from __future__ import annotations

import asyncio
import json
import sqlite3

from analyzers.ingest.claimreview import read_bytes
from analyzers.store.desk import Desk
from analyzers.store.paths import library_db
from analyzers.store.review.export import render
from tests.conftest import SEED
from tests.library.factcheck_samples import SEED_CHECKS, reviews
from tests.tui.conftest import fixed_app, ready
from tui.app import CopydeskApp
from tui.restricted import Policy
from tui.screens.factcheck_matches import FactcheckScreen
from tui.screens.reader import ReaderScreen
from tui.screens.review_queue import ReviewQueueScreen

BADGE = "checked before: Ledger Check — Mostly true, 2025"


def the_call(analysis):
    """The seed's claim about the phone call, which lc-1 checks."""
    return next(c for c in analysis.claims if "45-minute telephone conversation" in c.text)


def import_checks() -> None:
    data = "\n".join(json.dumps(r) for r in reviews() + SEED_CHECKS).encode()
    assert Desk().import_factchecks(read_bytes(data, "checks.jsonl"), "checks.jsonl").added == 8


async def matched(pilot) -> ReaderScreen:
    reader = await ready(pilot)
    for _ in range(1000):
        if reader.claim_checks.state in ("done", "none"):
            await pilot.pause()
            return reader
        await pilot.pause(0.02)
    raise AssertionError("the claims were never matched")


def rows_text(reader: ReaderScreen) -> str:
    """The Claims list's rows, as one line (the rows wrap at the sidebar's width)."""
    lst = reader.sidebar.section("claims")
    return " ".join(" ".join(str(lst.get_option_at_index(i).prompt).split()) for i in range(lst.option_count))


async def test_badge_matches_screen_queue_filter_and_export(seed_doc, fixed_analysis):
    import_checks()
    app = fixed_app(seed_doc, fixed_analysis)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await matched(pilot)
        assert reader.claim_checks.state == "done"
        checked = the_call(fixed_analysis)
        assert reader.claim_checks.of(checked.id).matches[0].review.identifier == "lc-1"
        every_checked = [c.id for c in sorted(fixed_analysis.claims, key=lambda c: -c.score)
                         if reader.claim_checks.checked(c.id)]
        assert checked.id in every_checked and len(every_checked) < len(fixed_analysis.claims)
        await pilot.press("4")
        await pilot.pause()
        assert f"⚑ {BADGE}" in rows_text(reader)
        # F on the current claim: its matches, the confident one first
        while reader.review_session.current != ("claims", checked.id):
            await pilot.press("right_square_bracket")
        await pilot.press("F")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, FactcheckScreen)
        shown = str(screen.text)
        assert "✓ checked before" in shown and "Ledger Check — Mostly true, 2025" in shown
        assert "https://ledgercheck.example/c/troops" in shown and "✓ this one" in shown
        await pilot.press("escape")
        # a claim with no confident match says so, and shows the closest
        unchecked = next(c for c in fixed_analysis.claims if not reader.claim_checks.checked(c.id))
        while reader.review_session.current != ("claims", unchecked.id):
            await pilot.press("right_square_bracket")
        await pilot.press("F")
        await pilot.pause()
        assert "not checked before" in str(pilot.app.screen.text)
        await pilot.press("escape")
        # the review queue: the badge, b keeps only the claims checked before, F there too
        await pilot.press("r")
        await pilot.pause()
        queue = pilot.app.screen
        assert isinstance(queue, ReviewQueueScreen)
        await pilot.press("b")
        await pilot.pause()
        assert [c.id for c in queue.claims] == every_checked
        while queue.claims[queue.index].id != checked.id:
            await pilot.press("j")
        assert BADGE in " ".join(str(queue.query_one("#queue-head").render()).split())
        assert "checked before only" in str(queue.query_one("#queue-progress").render())
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(pilot.app.screen, FactcheckScreen)
        await pilot.press("escape", "b")
        assert len(queue.claims) == len(fixed_analysis.claims)
        await pilot.press("escape")
        # exports carry them
        review_ = reader.review_session.review
        data = json.loads(render(fixed_analysis, review_, "json", factchecks=reader.claim_checks.by_claim))
        with_checks = {c["id"]: c["factchecks"] for c in data["claims"] if "factchecks" in c}
        assert sorted(with_checks) == sorted(every_checked)
        assert with_checks[checked.id][0]["identifier"] == "lc-1" and with_checks[checked.id][0]["confident"]
        md = render(fixed_analysis, review_, "md", factchecks=reader.claim_checks.by_claim)
        assert "Checked before: Ledger Check — Mostly true — 2025-05-02: <https://ledgercheck.example/c/troops>" in md
        assert "https://ledgercheck.example/c/troops" in render(fixed_analysis, review_, "csv",
                                                                 factchecks=reader.claim_checks.by_claim)


async def test_no_fact_checks_no_badge_and_no_library_made(seed_doc, fixed_analysis):
    app = fixed_app(seed_doc, fixed_analysis)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await matched(pilot)
        assert reader.claim_checks.state == "none" and "checked before" not in rows_text(reader)
        await pilot.press("right_square_bracket", "F")
        await pilot.pause()
        assert "no fact-checks in the library" in str(pilot.app.screen.text)
    assert not library_db().exists()


async def test_restricted_reads_the_collection_and_writes_nothing(seed_doc, fixed_analysis):
    import_checks()
    with sqlite3.connect(library_db()) as db:  # an index left out of date: built in memory, never stored
        db.execute("UPDATE factcheck_state SET generation = generation + 1")
        before = db.execute("SELECT generation, indexed FROM factcheck_state").fetchone()
    app = CopydeskApp([str(SEED)], document=seed_doc, analysis=fixed_analysis,
                      policy=Policy(restricted=True, library=SEED.parent))
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await matched(pilot)
        assert reader.claim_checks.checked(the_call(fixed_analysis).id)
    await asyncio.sleep(0)
    with sqlite3.connect(library_db()) as db:
        assert db.execute("SELECT generation, indexed FROM factcheck_state").fetchone() == before


def test_matches_screen_snapshot(snap_compare, seed_doc, fixed_analysis):
    import_checks()

    async def to_the_checked_claim(pilot) -> None:
        reader = await matched(pilot)
        checked = the_call(fixed_analysis).id
        while reader.review_session.current != ("claims", checked):
            await pilot.press("right_square_bracket")
        await pilot.press("F")
        await pilot.pause(0.2)

    assert snap_compare(fixed_app(seed_doc, fixed_analysis), terminal_size=(120, 40), run_before=to_the_checked_claim)
