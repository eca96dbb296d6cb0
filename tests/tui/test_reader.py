"""Pilot tests: every binding of the reader, streaming, and safe rendering."""

from __future__ import annotations

from pathlib import Path

from analyzers import load
from tests.conftest import SEED, SEEDS
from tests.tui.conftest import fixed_app, ready, wait_analysed
from tui.actions import KEY_NAMES
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
        assert screen.query_one(ArticleView).lines, "the first screens are laid out at once"
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
        rows = pilot.app.screen.rows
        shown_keys = {k for keys, _ in rows for k in keys.split(" / ")}
        for binding in ReaderScreen.BINDINGS:  # every key the screen answers is in the help
            for key in binding.key.split(","):  # type: ignore[union-attr]
                assert KEY_NAMES.get(key, key) in shown_keys, key
        assert {d for _, d in rows} >= {"quit", "review queue: claims by score", "search the article"}
        assert any(keys == "t" for keys, _ in rows)
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
        assert app.return_code is None
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 and app._exit  # q ended the app, it did not just close a screen


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
        s, e = screen.spans["matches"][1]
        assert doc.text[s:e] == "Pu\u200dtin"


async def test_jumps_start_from_where_the_reader_scrolled(seed_doc, fixed_analysis):
    """] twelve times, g to the top, ] again: the first claim on screen, not claim 13; [ after G:
    the last claim before the bottom of the page; the status forgets 'Claim n/N' once it is off
    screen."""
    claims = fixed_analysis.claims
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        for _ in range(min(12, len(claims) - 1)):
            await pilot.press("]")
        far = int(status(screen).split("Claim ")[1].split("/")[0])
        assert far > 3
        await pilot.press("g")
        await pilot.pause()
        assert "Claim" not in status(screen)  # claim `far` is no longer on screen
        await pilot.press("]")
        top = screen.article.visible_range()[0]
        first_on_page = next(i for i, c in enumerate(claims) if c.start >= top)
        assert f"Claim {first_on_page + 1}/" in status(screen)
        await pilot.press("G")
        await pilot.pause()
        await pilot.press("[")
        bottom = screen.article.visible_range()[1]
        last_on_page = max(i for i, c in enumerate(claims) if c.start < bottom)
        assert f"Claim {last_on_page + 1}/" in status(screen)
        # while the current claim stays on screen, ] continues from it
        await pilot.press("[")
        assert f"Claim {last_on_page}/" in status(screen)


async def test_search_folds_text_and_query_alike(tmp_path: Path):
    """One 'İ' anywhere used to make every search fall back to exact case; 'Straße' never found
    itself. Accents and case fold the same way in the text and the query."""
    p = tmp_path / "fold.txt"
    p.write_text("İstanbul talks\n\nTrump met officials in İstanbul. The Straße was closed; TRUMP left. "
                 "López spoke.\n", encoding="utf-8")
    doc = load(p)
    app = CopydeskApp([str(p)], document=doc)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        for query, found in (("trump", ["Trump", "TRUMP"]), ("straße", ["Straße"]), ("STRASSE", ["Straße"]),
                             ("lopez", ["López"]), ("istanbul", ["İstanbul", "İstanbul"])):
            await pilot.press("/")
            box = screen.query_one("#search")
            box.value = ""
            await pilot.press(*query)
            assert [doc.text[s:e] for s, e in screen.spans["matches"]] == found, query
            await pilot.press("enter")


async def test_palette_screenshot_goes_to_the_data_directory_and_says_where(seed_doc, fixed_analysis, private_dirs,
                                                                             monkeypatch, tmp_path):
    """Textual's screenshot failed with 'Failed to save screenshot' where ~/Downloads does not
    exist: copydesk saves to its data directory's screenshots/ and names the file."""
    monkeypatch.setenv("HOME", str(tmp_path / "home-without-downloads"))
    app = fixed_app(seed_doc, fixed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.5)
        messages = [n.message for n in app._notifications]
    shots = list((private_dirs / "data" / "copydesk" / "screenshots").glob("*.svg"))
    assert len(shots) == 1 and shots[0].stat().st_size > 1000
    assert any(str(shots[0]) in m for m in messages), messages
    assert not any("Failed" in m for m in messages)


async def test_a_partial_analysis_is_said_in_the_status_and_every_tab(seed_doc, nlp):
    """A file past the character budget used to say so only in the Entities tab, after the fact."""
    from analyzers.rules.pipeline import analyze

    partial = analyze(seed_doc, nlp, max_chars=1500)
    assert any(w.kind == "truncated_input" for w in partial.warnings)
    async with fixed_app(seed_doc, partial).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "analysed the first" in status(screen) and "% only" in status(screen)
        for key, name in zip("1234", ("entities", "quotes", "sources", "claims"), strict=True):
            await pilot.press(key)
            first = screen.sidebar.section(name).prompts[0].plain
            assert first.startswith("⚠ analysed the first") and "%" in first, (name, first)


async def test_key_bar_keeps_help_and_quit_at_any_width(seed_doc, fixed_analysis):
    """At 80x24 Textual's footer ended at 'r review que': ? and q never showed. The key bar
    drops the least important keys first; the review queue's keeps help and back."""
    from tui.widgets.key_bar import KeyBar

    for width in (120, 80, 60, 40):
        async with fixed_app(seed_doc, fixed_analysis).run_test(size=(width, 24)) as pilot:
            screen = await ready(pilot)
            bar = screen.query_one(KeyBar).render_line(0).text.strip()
            assert bar.startswith("? help  q quit"), (width, bar)
            assert len(bar) <= width
            if width >= 80:
                assert "] claim" in bar and "} quote" in bar
            await pilot.press("r")
            await pilot.pause()
            qbar = pilot.app.screen.query_one(KeyBar).render_line(0).text.strip()
            assert "? help" in qbar and "escape back" in qbar, (width, qbar)
            await pilot.press("question_mark")
            assert type(pilot.app.screen).__name__ == "HelpScreen"


async def test_markdown_tables_show_as_columns_and_hold_no_claims(nlp):
    """Tables used to show as raw 'a | b | c' lines and their cells were listed as claims."""
    from analyzers.rules.pipeline import analyze

    doc = load(SEEDS / "harbor_bridge_feature.md")
    a = analyze(doc, nlp)
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows and not any(b.start < c.end and c.start < b.end for b in rows for c in a.claims)
    async with fixed_app(doc, a).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        art = screen.article
        art.scroll_to(y=art.line_of(rows[0].start), animate=False)
        await pilot.pause()
        lines = [art.render_line(y).text for y in range(art.size.height)]
        top = next(i for i, line in enumerate(lines) if "Year" in line)
        shown = lines[top:top + 6]
    assert "Year │ Estimate     │ Source" in shown[0]
    assert "─┼─" in shown[1]
    assert "2019 │ $410 million │ council approval" in shown[2]
    assert shown[2].index("│") == shown[4].index("│")  # columns line up


async def test_f_cycles_the_claim_kind_filter(seed_doc, fixed_analysis):
    """In the Claims list `f` goes all → statistic → … → fact → all; `]` still walks every claim."""
    from tui.widgets.section_rows import CLAIM_KINDS, KIND_REASON

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
            # its kind, or one of its reasons: what the row says of it is what the filter counts
            assert shown() == [c.id for c in fixed_analysis.claims
                               if c.kind == kind or KIND_REASON.get(kind, kind) in c.reasons]
            assert any(f"filter {kind.replace('_', ' ')}:" in str(p) for p in lst.prompts)
        assert sum(bool(c.kind == "statistic") for c in fixed_analysis.claims) >= 1
        await pilot.press("f")
        assert lst.kind is None and shown() == everything
        await pilot.press("f")  # statistic only; the claim keys still walk all the listed claims
        await pilot.press("]")
        assert f"Claim 1/{len(everything)}" in status(screen)


def test_a_quote_without_a_cue_says_nothing_where_the_cue_would_be(seed_analysis):
    import dataclasses

    from tui.widgets.section_rows import Context, quote_rows

    q = seed_analysis.quotes[0]
    bare = dataclasses.replace(seed_analysis, quotes=(dataclasses.replace(q, cue=None),))
    first_line = quote_rows(Context(bare))[0][0].plain.split("\n")[0]
    assert "— —" not in first_line and "—" not in first_line
    assert first_line.startswith(q.speaker.name if q.speaker else "unattributed claim")


async def test_a_jump_of_one_kind_starts_where_the_last_jump_of_another_went(seed_doc, fixed_analysis):
    """] five times, then }: the quote that reaches the fifth claim or follows it, not Quote 1;
    ] from there: the claim at that quote (the reading position), then on; { after ten ]: the
    last quote that starts before that claim."""
    claims, quotes = fixed_analysis.claims, fixed_analysis.quotes
    async with fixed_app(seed_doc, fixed_analysis).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        for _ in range(5):
            await pilot.press("]")
        claim = claims[4]
        assert "Claim 5/" in status(screen)
        await pilot.press("}")
        expected = next(i for i, q in enumerate(quotes) if q.end > claim.start)
        assert f"Quote {expected + 1}/" in status(screen) and expected > 0
        await pilot.press("]")
        back = next(i for i, c in enumerate(claims) if c.end > quotes[expected].start)
        assert f"Claim {back + 1}/" in status(screen)
        for _ in range(9 - back):
            await pilot.press("]")
        claim = claims[9]
        assert "Claim 10/" in status(screen)
        await pilot.press("{")
        before = max(i for i, q in enumerate(quotes) if q.start < claim.start)
        assert f"Quote {before + 1}/" in status(screen), status(screen)
