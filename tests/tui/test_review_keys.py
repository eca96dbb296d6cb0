"""Pilot tests for the review keys, the note editor, the review queue and the in-app export.
Everything goes through the real SQLite database (in the test's own XDG_DATA_HOME)."""

from __future__ import annotations

import json
from pathlib import Path

from analyzers.store.review.session import Review
from analyzers.store.review.store import ReviewStore
from tests.tui.conftest import fixed_app, ready, saved
from tui.screens.export_dialog import ExportDialog
from tui.screens.note_editor import NoteEditor
from tui.screens.reader import ReaderScreen
from tui.screens.review_queue import ReviewQueueScreen

SIZE = (120, 36)


def status(screen: ReaderScreen) -> str:
    from tui.screens.reader import StatusLine

    return str(screen.query_one(StatusLine).render())


def stored(doc, analysis) -> Review:
    """A fresh connection: what is on disk, not what the app holds in memory."""
    review = Review(ReviewStore(), doc)
    review.bind(analysis)
    return review


async def test_mark_keys_store_before_showing(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("v")
        assert "no claim or quote selected" in status(screen)
        await pilot.press("]")
        claim = fixed_analysis.claims[0]
        for key, state in (("v", "verified"), ("x", "disputed"), ("u", "needs_source")):
            await pilot.press(key)
            await saved(pilot, screen)
            assert stored(seed_doc, fixed_analysis).of("claim", claim.id).status == state
            assert screen.review_session.review.of("claim", claim.id).status == state
        assert "needs a source" in status(screen)
        # the article shows the sign in the gutter of the claim's first line
        row = screen.article.line_of(claim.start) - int(screen.article.scroll_y)
        assert "?" in screen.article.render_line(row).text[:2]
        # and the claims list shows it too
        claims = screen.sidebar.section("claims")
        assert any("needs a source" in str(p) for p in claims.prompts)
        await pilot.press("c")
        await saved(pilot, screen)
        assert stored(seed_doc, fixed_analysis).of("claim", claim.id).status == "unreviewed"
        assert "mark cleared" in status(screen)
        # quotes are marked the same way (} goes on from the claim: the first quote reaching it)
        await pilot.press("}", "x")
        await saved(pilot, screen)
        quote = next(q for q in fixed_analysis.quotes if q.end > claim.start)
        assert stored(seed_doc, fixed_analysis).of("quote", quote.id).status == "disputed"


async def test_mark_from_sidebar_highlight(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("4", "down", "down")
        claims = screen.sidebar.section("claims")
        item = claims.items[claims.highlighted]
        await pilot.press("v")
        await saved(pilot, screen)
        assert stored(seed_doc, fixed_analysis).of("claim", item.ref).status == "verified"


async def test_note_editor_saves_cancels_and_removes(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("]", "a")
        assert isinstance(pilot.app.screen, NoteEditor)
        await pilot.press(*"Check BLS", "ctrl+s")
        await saved(pilot, screen)
        assert pilot.app.screen is screen
        claim = fixed_analysis.claims[0]
        assert stored(seed_doc, fixed_analysis).of("claim", claim.id).note == "Check BLS"
        assert any("✎ Check BLS" in str(p) for p in screen.sidebar.section("claims").prompts)
        await pilot.press("a", *" later", "escape")
        assert stored(seed_doc, fixed_analysis).of("claim", claim.id).note == "Check BLS"
        await pilot.press("a")
        editor = pilot.app.screen
        editor.query_one("TextArea").text = ""
        await pilot.press("ctrl+s")
        await saved(pilot, screen)
        assert stored(seed_doc, fixed_analysis).of("claim", claim.id).note is None


async def test_review_queue_walks_claims_by_score(seed_doc, fixed_analysis):
    by_score = sorted(fixed_analysis.claims, key=lambda c: -c.score)
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("r")
        queue = pilot.app.screen
        assert isinstance(queue, ReviewQueueScreen)
        n = len(by_score)
        assert f"0/{n} reviewed" in str(queue.query_one("#queue-progress").render())
        assert queue.claims[queue.index].id == by_score[0].id
        await pilot.press("v")
        await saved(pilot, screen)
        assert queue.claims[queue.index].id == by_score[1].id
        await pilot.press("x")
        await saved(pilot, screen)
        await pilot.press("u")
        await saved(pilot, screen)
        assert f"3/{n} reviewed" in str(queue.query_one("#queue-progress").render())
        review = stored(seed_doc, fixed_analysis)
        assert [review.of("claim", c.id).status for c in by_score[:3]] == ["verified", "disputed", "needs_source"]
        await pilot.press("k")
        assert queue.claims[queue.index].id == by_score[2].id
        await pilot.press("c")
        await saved(pilot, screen)
        assert stored(seed_doc, fixed_analysis).of("claim", by_score[2].id).status == "unreviewed"
        await pilot.press("a", *"source?", "ctrl+s")
        await saved(pilot, screen)
        assert stored(seed_doc, fixed_analysis).of("claim", by_score[2].id).note == "source?"
        assert "source?" in str(queue.query_one("#queue-details").render())
        await pilot.press("j", "enter")
        assert pilot.app.screen is screen
        target = by_score[3]
        assert screen.article.current == (target.start, target.end)
        assert "Claim" in status(screen)


async def test_queue_shows_the_claim_sentence_with_its_paragraph_as_context(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("r")
        queue = pilot.app.screen
        assert isinstance(queue, ReviewQueueScreen)
        for _ in range(len(queue.claims)):
            c = queue.claims[queue.index]
            block = next(b for b in seed_doc.blocks if b.start <= c.start < b.end)
            claim = str(queue.query_one("#queue-claim").render())
            assert " ".join(claim.split()) == " ".join(c.text.split())     # the sentence, alone
            context = str(queue.query_one("#queue-context").render())
            assert " ".join(seed_doc.text[block.start:block.end].split())[-40:] in " ".join(context.split())
            await pilot.press("j")


async def test_queue_wraps_to_remaining_unreviewed(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("r")
        queue = pilot.app.screen
        n = len(queue.claims)
        for _ in range(n):
            await pilot.press("v")
            await saved(pilot, screen)
        assert queue.reviewed() == n
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_in_app_export_writes_json(seed_doc, fixed_analysis, tmp_path: Path, schema):
    import jsonschema

    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("]", "v")
        await saved(pilot, screen)
        await pilot.press("e")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("down")   # JSON
        target = tmp_path / "out.json"
        dialog.query_one("Input").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    data = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    claim = fixed_analysis.claims[0]
    assert next(c for c in data["claims"] if c["id"] == claim.id)["review"]["status"] == "verified"


async def test_marks_survive_a_new_session(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("]", "]", "x")
        await saved(pilot, screen)
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.review_session.review.of("claim", fixed_analysis.claims[1].id).status == "disputed"
        assert any("disputed" in str(p) for p in screen.sidebar.section("claims").prompts)


async def test_another_instance_marks_show_up(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        other = stored(seed_doc, fixed_analysis)
        c = fixed_analysis.claims[3]
        other.set("claim", c.id, c.start, c.end, status="verified")
        for _ in range(60):
            await pilot.pause(0.1)
            if screen.review_session.review.of("claim", c.id).status == "verified":
                break
        assert screen.review_session.review.of("claim", c.id).status == "verified"


async def test_orphaned_mark_is_listed_in_the_claims_section(tmp_path: Path, nlp):
    from analyzers import load
    from analyzers.rules.pipeline import analyze
    from tui.app import CopydeskApp

    path = tmp_path / "story.txt"
    original = ("Budget vote\n\nThe council approved $410 million in 2019, the mayor said.\n\n"
                "Critics said the audit found $890 million in overruns by 2024.\n")
    path.write_text(original, encoding="utf-8")
    doc = load(path)
    a = analyze(doc, nlp)
    claim = next(c for c in a.claims if "410" in c.text)
    review = Review(ReviewStore(), doc)
    review.bind(a)
    review.set("claim", claim.id, claim.start, claim.end, status="disputed", note="wrong year", set_note=True)
    path.write_text(original.replace("The council approved $410 million in 2019, the mayor said.",
                                     "The council met on Monday."), encoding="utf-8")
    edited = load(path)
    app = CopydeskApp([str(path)], document=edited, analysis=analyze(edited, nlp), theme="copydesk-dark")
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        prompts = [str(p) for p in screen.sidebar.section("claims").prompts]
        assert any("orphaned" in p and "✗ disputed" in p and "wrong year" in p for p in prompts)
        assert screen.review_session.review.orphaned()[0].mark.note == "wrong year"


async def test_a_reworded_quote_keeps_its_mark_on_screen_and_w_shows_its_old_words(nlp):
    """Verified and noted on one version; the next version rewords it: the Quotes list shows the
    verdict, says it was reworded, w shows the old words; a quote that is gone is listed atop
    the Quotes (not the Claims)."""
    from analyzers import document_from_text
    from analyzers.rules.pipeline import analyze

    before = ("The council met on Monday to discuss the tram line.\n\n"
              "“The city is not going to subsidise the line for another decade,” said Mayor Dana Whitfield.\n\n"
              "“The depot will close in May,” said councillor Omar Reyes, who chairs the committee.\n")
    after = before.replace("is not going to subsidise", "will not subsidise").replace(
        "“The depot will close in May,” said councillor Omar Reyes, who chairs the committee.",
        "Councillor Omar Reyes chairs the committee.")
    url = "https://news.example/tram"
    v1 = document_from_text(before, url)
    a1 = analyze(v1, nlp)
    review = stored(v1, a1)
    for q in a1.quotes:
        review.set("quote", q.id, q.start, q.end, status="verified", note="on the record", set_note=True)
    v2 = document_from_text(after, url)
    a2 = analyze(v2, nlp)
    async with fixed_app(v2, a2).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("2")
        await pilot.pause()
        rows = [str(p) for p in screen.sidebar.section("quotes").prompts]
        text = "\n".join(rows)
        assert "✓ verified" in text and "reworded since you marked it" in text and "on the record" in text
        assert "orphaned: text gone" in text and "depot" in text
        assert not any("orphaned" in str(p) for p in screen.sidebar.section("claims").prompts)
        target = next(i for i, q in enumerate(a2.quotes) if "will not subsidise" in q.text)
        for _ in range(target + 1):
            await pilot.press("}")
        await pilot.press("w")
        await pilot.pause()
        said = [n.message for n in pilot.app._notifications]
        assert any("is not going to subsidise" in m for m in said), said
