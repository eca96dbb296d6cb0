"""Pilot tests: every binding of the reader, streaming, and safe rendering."""

from __future__ import annotations

from pathlib import Path

from analyzers import load
from tests.conftest import SEED, SEEDS
from tests.tui.conftest import fixed_app, ready, wait_analysed
from tui.app import CopydeskApp
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView

SIZE = (120, 36)


def status(screen: ReaderScreen) -> str:
    from tui.screens.reader import StatusLine

    return str(screen.query_one(StatusLine).render())


async def test_article_paints_before_analysis_and_sidebar_streams_in(nlp):
    doc = load(SEED)
    big = doc.__class__(doc.source, doc.format, doc.title, doc.text * 8,
                        tuple(b.__class__(b.kind, b.start + k * len(doc.text), b.end + k * len(doc.text), b.level)
                              for k in range(8) for b in doc.blocks))
    app = CopydeskApp([str(SEED)], document=big)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.query_one(ArticleView).lines, "article is laid out at once"
        seen_partial = False
        for _ in range(2000):
            await pilot.pause(0.02)
            a = screen.analysis
            if a is not None and not a.complete and screen.sidebar.section("quotes").option_count > 0:
                seen_partial = True  # (partial results repaint at most once a second)
            if a is not None and a.complete:
                break
        assert seen_partial, "sidebar filled while the analysis was still running"
        assert screen.sidebar.section("quotes").option_count >= len(screen.analysis.quotes[:400])
        assert "quotes" in status(screen)


async def test_claim_and_quote_jumps(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        n_claims, n_quotes = len(fixed_analysis.claims), len(fixed_analysis.quotes)
        await pilot.press("]")
        assert f"Claim 1/{n_claims}" in status(screen)
        await pilot.press("]", "]")
        assert f"Claim 3/{n_claims}" in status(screen)
        c = fixed_analysis.claims[2]
        assert screen.article.current == (c.start, c.end)
        assert screen.sidebar.section("claims").highlighted is not None
        await pilot.press("[")
        assert f"Claim 2/{n_claims}" in status(screen)
        await pilot.press("}")
        assert f"/{n_quotes}" in status(screen) and "Quote" in status(screen)
        await pilot.press("}")
        i = int(status(screen).split("Quote ")[1].split("/")[0])
        await pilot.press("{")
        assert f"Quote {i - 1}/{n_quotes}" in status(screen)


async def test_mentions_of_selected_entity(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        await pilot.press(")")
        first = status(screen)
        assert "Mention 1/" in first
        await pilot.press(")", "(")
        assert "Mention 1/" in status(screen)
        # pick Anna Kelly in the entities list: mentions now follow her
        await pilot.press("1")
        lst = screen.sidebar.section("entities")
        kelly = next(i for i, it in enumerate(lst.items) if it and it.ref == next(
            e.id for e in fixed_analysis.entities if e.name == "Anna Kelly"))
        lst.highlighted = kelly
        await pilot.press("enter")
        assert "Mention 1/1" in status(screen)
        assert screen.focused is screen.article


async def test_search_incremental_and_n_N(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        await pilot.press("/")
        await pilot.press(*"cartels")
        total = seed_doc.text.lower().count("cartels")
        assert f"/{total}" in status(screen) and "Match" in status(screen)
        await pilot.press("enter")
        assert screen.focused is screen.article
        before = status(screen)
        await pilot.press("n")
        assert status(screen) != before
        await pilot.press("N")
        assert status(screen) == before


async def test_scroll_keys(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        art = pilot.app.screen.article
        await pilot.press("j", "j")
        assert art.scroll_y == 2
        await pilot.press("k")
        assert art.scroll_y == 1
        await pilot.press("space")
        assert art.scroll_y > 10
        await pilot.press("b")
        assert art.scroll_y == 1
        await pilot.press("G")
        assert art.scroll_y == art.max_scroll_y > 0
        await pilot.press("g")
        assert art.scroll_y == 0
        await pilot.press("pagedown")
        assert art.scroll_y > 10
        await pilot.press("pageup")
        assert art.scroll_y == 0


async def test_sections_focus_and_sidebar_toggle(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        for key, name in zip("1234", ("entities", "quotes", "sources", "claims"), strict=True):
            await pilot.press(key)
            assert screen.focused is screen.sidebar.section(name)
        await pilot.press("tab")
        assert screen.focused is not screen.sidebar.section("claims")
        await pilot.press("s")
        assert screen.has_class("-hide-sidebar") and screen.focused is screen.article
        await pilot.press("s")
        assert not screen.has_class("-hide-sidebar")


async def test_enter_on_quote_jumps(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        await pilot.press("2")
        lst = screen.sidebar.section("quotes")
        lst.highlighted = 3
        await pilot.press("enter")
        q = fixed_analysis.quotes[3]
        assert screen.article.current == (q.start, q.end)
        assert f"Quote 4/{len(fixed_analysis.quotes)}" in status(screen)


async def test_help_lists_every_binding(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("?")
        assert isinstance(pilot.app.screen, HelpScreen)
        descriptions = {d for _, d in pilot.app.screen.rows}
        for d in ("next claim", "previous claim", "next quote", "next mention", "search", "next match",
                  "sidebar", "quit", "mark verified", "mark disputed", "mark needs a source", "clear the mark",
                  "note on the current item", "review queue", "export the review"):
            assert d in descriptions
        screen_keys = {b.key for b in ReaderScreen.BINDINGS}
        assert len(pilot.app.screen.rows) >= len(screen_keys) + 1
        assert any(keys == "t" for keys, _ in pilot.app.screen.rows)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_command_palette_runs_reader_actions(seed_doc, fixed_analysis):
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"next claim")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert "Claim 1/" in status(pilot.app.screen)


async def test_quit(seed_doc, fixed_analysis):
    app = fixed_app(seed_doc, fixed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_article_list_opens_and_returns():
    paths = [str(SEED), str(SEEDS / "wire_trade_talks.txt")]
    app = CopydeskApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        screen = await wait_analysed(pilot)
        assert screen.document.title.startswith("Trade talks stall")
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ReaderScreen)


async def test_markup_in_article_is_literal_and_inert(tmp_path: Path):
    p = tmp_path / "inject.md"
    p.write_text("# Title [bold]x[/bold]\n\nClick [@click=app.quit]here[/] and [red]red[/red] $x :smile:\n")
    app = CopydeskApp([str(p)], document=load(p))
    async with app.run_test(size=SIZE) as pilot:
        await wait_analysed(pilot)
        screen = pilot.app.screen
        rows = [screen.article.render_line(y).text for y in range(6)]
        joined = "\n".join(rows)
        assert "[@click=app.quit]here[/]" in joined and "[red]red[/red]" in joined and ":smile:" in joined
        for y in range(6):
            await pilot.click(ArticleView, offset=(10, y))
        assert app.is_running and isinstance(app.screen, ReaderScreen)


async def test_search_sees_through_invisible_characters(tmp_path: Path):
    p = tmp_path / "zw.txt"
    p.write_text("Vladimir Putin spoke. Later Pu\u200dtin left, and Vla\u200bdimir Putin returned.\n")
    doc = load(p)
    app = CopydeskApp([str(p)], document=doc)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("/", *"putin")
        screen = pilot.app.screen
        assert "Match 1/3" in status(screen)
        s, e = screen.matches[1]
        assert doc.text[s:e] == "Pu\u200dtin"


async def test_f_cycles_the_claim_kind_filter(seed_doc, fixed_analysis):
    """In the Claims list `f` goes all → statistic → … → fact → all; `]` still walks every claim."""
    from tui.widgets.sidebar import CLAIM_KINDS

    async with fixed_app(seed_doc, fixed_analysis).run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = pilot.app.screen
        await pilot.press("4")
        lst = screen.sidebar.section("claims")
        assert screen.focused is lst

        def shown() -> list[str]:
            return [item.ref for item in lst.items if item is not None]

        everything = [c.id for c in fixed_analysis.claims]
        assert shown() == everything
        for kind in CLAIM_KINDS:
            await pilot.press("f")
            assert lst.kind == kind
            assert shown() == [c.id for c in fixed_analysis.claims if c.kind == kind]
            assert any(f"filter {kind.replace('_', ' ')}:" in str(p) for p in lst.prompts)
        assert sum(bool(c.kind == "statistic") for c in fixed_analysis.claims) >= 1
        await pilot.press("f")
        assert lst.kind is None and shown() == everything
        await pilot.press("f")  # statistic only; the claim keys still walk all the listed claims
        await pilot.press("]")
        assert f"Claim 1/{len(everything)}" in status(screen)
