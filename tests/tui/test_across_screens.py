"""Pilot tests for the cross-article screens on a real, indexed library (tests/library/across.py):
'o' from the reader to where else and on to the other article's quote, the Sources screen and
its filter, the outlet profile, library search, the versions view, and one row per wire story."""

from __future__ import annotations

from rich.console import Console

from analyzers.rules.pipeline import DEFAULT_MAX_CHARS
from analyzers.store import cache
from analyzers.store.library.store import LibraryStore
from tests.library.across import BASE, TREATY_CORRECTED
from tests.tui.conftest import ready, saved
from tui.app import CopydeskApp
from tui.screens.library import LibraryScreen
from tui.screens.listing import ListingScreen
from tui.screens.outlet_profile import ProfileScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search_results import SearchResultsScreen
from tui.screens.sources import SourcesScreen
from tui.screens.versions import VersionsScreen
from tui.screens.where_else import WhereElseScreen
from tui.state.versions_view import view

SIZE = (120, 40)


def cached(vids: dict[str, int], analyses: dict) -> None:
    """The analyses in the cache, as 'copydesk update' leaves them: articles open analysed."""
    store = LibraryStore()
    for slug, vid in vids.items():
        cache.put(analyses[slug], store.document(vid), None, DEFAULT_MAX_CHARS)
    store.close()


def app() -> CopydeskApp:
    return CopydeskApp([], library_files=[], files_label="Samples")


async def until(pilot, test, what: str, tries: int = 400):
    for _ in range(tries):
        await pilot.pause(0.02)
        got = test()
        if got:
            return got
    raise AssertionError(f"never: {what}")


async def library(pilot) -> LibraryScreen:
    return await until(pilot, lambda: isinstance(pilot.app.screen, LibraryScreen) and pilot.app.screen.entries
                       and pilot.app.screen, "library loaded")


async def listing(pilot, kind: type) -> ListingScreen:
    screen = await until(pilot, lambda: isinstance(pilot.app.screen, kind) and pilot.app.screen, kind.__name__)
    await until(pilot, lambda: str(screen.query_one("#list-head").render()) != screen.LOADING, "list loaded")
    return screen


def head(screen) -> str:
    return str(screen.query_one("#list-head").render())


def rows(screen: ListingScreen) -> list[str]:
    return [r.text.plain for r in screen.shown]


async def read(pilot, screen: LibraryScreen, slug: str) -> ReaderScreen:
    lst = screen.query_one("#articles")
    lst.highlighted = next(i for i, e in enumerate(screen.shown) if e.article and e.article.url.endswith("/" + slug))
    await pilot.press("enter")
    reader = await until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen) and pilot.app.screen, "reader")
    await ready(pilot)
    await until(pilot, lambda: reader.analysis is not None and reader.analysis.complete, "analysis shown")
    return reader


async def select_source(pilot, reader: ReaderScreen, name: str) -> None:
    source = next(s for s in reader.analysis.sources if name in s.name)
    await pilot.press("3")
    section = reader.sidebar.section("sources")
    section.highlighted = section.index_of(source.id)
    await until(pilot, lambda: reader.sidebar.highlighted_item() is not None, "source selected")


async def test_o_lists_where_else_and_enter_opens_the_other_article_at_the_quote(indexed_library, across_analyses):
    cached(indexed_library, across_analyses)
    async with app().run_test(size=SIZE) as pilot:
        reader = await read(pilot, await library(pilot), "water-deal")
        await select_source(pilot, reader, "Sheinbaum")
        await pilot.press("o")
        where = await listing(pilot, WhereElseScreen)
        assert head(where).startswith("Where else: Claudia Sheinbaum — ") and "in 2 other articles" in head(where)
        listed = rows(where)
        assert listed and all("Mexico weighs" not in r for r in listed)  # not the article itself
        i = next(i for i, r in enumerate(listed) if "Border Ledger" in r and "honoured" in r)
        assert "— told" in listed[i] and "2026-11-04" in listed[i]
        where.query_one("#list").highlighted = i
        await pilot.press("enter")
        other = await until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen)
                            and pilot.app.screen is not reader and pilot.app.screen, "other article")
        await ready(pilot)
        await until(pilot, lambda: other.article.current is not None, "at the quote")
        assert other.document.source == f"{BASE}/treaty"
        start, end = other.article.current
        assert "The treaty has to be honoured" in other.document.text[start:end]
        top, bottom = other.article.visible_range()
        assert top <= start < bottom
        assert other.review_session.current[0] == "quotes"  # } goes on from this quote
        await pilot.press("escape")
        assert pilot.app.screen is where
        await pilot.press("escape")
        assert pilot.app.screen is reader


async def test_o_explains_what_cannot_be_followed(indexed_library, across_analyses):
    cached(indexed_library, across_analyses)
    async with app().run_test(size=SIZE) as pilot:
        reader = await read(pilot, await library(pilot), "water-deal")
        await select_source(pilot, reader, "familiar")
        await pilot.press("o")
        assert "anonymous sources are not followed" in str(reader.status.render())
        assert pilot.app.screen is reader


async def test_sources_screen_lists_filters_and_opens_where_else(indexed_library):
    async with app().run_test(size=SIZE) as pilot:
        await library(pilot)
        await pilot.press("S")
        screen = await listing(pilot, SourcesScreen)
        listed = rows(screen)
        assert "named sources" in head(screen)
        she = next(r for r in listed if r.startswith("Claudia Sheinbaum"))
        assert "also Sheinbaum" in she and "in 3 articles" in she and "2026-11-02 – 2026-11-05" in she
        assert "Border Ledger" in she and "Capital Review" in she
        await pilot.press("slash", *"clinton")
        assert sorted(r.split("  ")[0] for r in rows(screen)) == ["Bill Clinton", "Hillary Clinton"]
        await pilot.press("enter", "escape")  # leave the box, clear the filter
        assert len(rows(screen)) == len(listed)
        await pilot.press("slash", *"hillary", "enter", "enter")
        where = await listing(pilot, WhereElseScreen)
        assert head(where).startswith("Where else: Hillary Clinton")
        assert all("A former president on trade" not in r for r in rows(where))  # Bill's article


async def test_outlet_profile_ranges_and_outlets(indexed_library):
    async with app().run_test(size=SIZE) as pilot:
        lib = await library(pilot)
        lst = lib.query_one("#articles")
        lst.highlighted = next(i for i, e in enumerate(lib.shown) if e.outlet == "Border Ledger")
        await pilot.press("P")
        screen = await until(pilot, lambda: isinstance(pilot.app.screen, ProfileScreen) and pilot.app.screen, "profile")

        await until(pilot, lambda: screen.profile is not None, "profile loaded")
        assert screen.profile.outlet == "Border Ledger" and screen.profile.articles == 2
        body = screen.query_one("#profile")
        shown = "".join(seg.text for line in body.render_lines(body.region.reset_offset) for seg in line)
        assert "anonymous" in shown and "top sources" in shown and "said" in shown
        await pilot.press("r")  # the last 7 days: the fixtures are older
        await until(pilot, lambda: screen.days == 7 and screen.profile.articles == 0, "7 days")
        await pilot.press("r")  # 30 days
        await until(pilot, lambda: screen.days == 30 and screen.profile is not None, "30 days")
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.profile.outlet == "Capital Review", "next outlet")
        await pilot.press("o")
        where = await listing(pilot, WhereElseScreen)
        assert head(where).startswith("Where else: ")


async def test_library_search_shows_matching_lines_and_opens_at_the_match(indexed_library, across_analyses):
    cached(indexed_library, across_analyses)
    async with app().run_test(size=SIZE) as pilot:
        await library(pilot)
        await pilot.press("slash", *"levee", "enter")
        screen = await listing(pilot, SearchResultsScreen)
        listed = rows(screen)
        assert head(screen).startswith("Search: levee — ")
        assert any(r.startswith("article ") and "test every levee" in r for r in listed)
        quote = next(i for i, r in enumerate(listed) if r.startswith("quote "))
        assert "Jeff Landry" in listed[quote]
        screen.query_one("#list").highlighted = quote
        await pilot.press("enter")
        reader = await until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen) and pilot.app.screen, "reader")
        await ready(pilot)
        await until(pilot, lambda: reader.article.current is not None, "at the match")
        start, end = reader.article.current
        assert "levee" in reader.document.text[start:end]


async def test_one_row_per_wire_story_with_its_outlets(indexed_library):
    async with app().run_test(size=SIZE) as pilot:
        lib = await library(pilot)
        storm = [e for e in lib.shown if "storm" in e.title.lower()]
        assert len(storm) == 1 and storm[0].copies
        i = lib.shown.index(storm[0])
        lib.query_one("#articles").highlighted = i
        await pilot.pause()
        row = lib.query_one("#articles").get_option_at_index(i).prompt.plain
        assert "+1" in row
        assert "one story, 2 copies" in str(lib.query_one("#lib-status").render())


async def test_versions_view_shows_changes_and_marks_per_version(indexed_library, across_analyses):
    store = LibraryStore()
    old_vid = indexed_library["treaty"]
    old_doc = store.document(old_vid)
    _, new_vid, _ = store.add_version(TREATY_CORRECTED.url, TREATY_CORRECTED.document())
    store.analysed(new_vid, across_analyses["treaty-corrected"])
    new_doc = store.document(new_vid)
    store.close()
    # a mark made on the first version
    async with CopydeskApp([], document=old_doc, analysis=across_analyses["treaty"]).run_test(size=SIZE) as pilot:
        reader = await ready(pilot)
        await pilot.press("right_curly_bracket", "v")
        await saved(pilot, reader)
    async with CopydeskApp([], document=new_doc, analysis=across_analyses["treaty-corrected"]).run_test(
            size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("V")
        screen = await until(pilot, lambda: isinstance(pilot.app.screen, VersionsScreen) and pilot.app.screen,
                             "versions")
        await until(pilot, lambda: screen.versions is not None, "versions loaded")
        body = screen.query_one("#versions")
        shown = "".join(seg.text for line in body.render_lines(body.region.reset_offset) for seg in line)
        assert "Changes from v1 to v2" in shown
        assert "Paragraphs: 2 edited, 1 added, 1 removed" in shown
        assert "[-we-]" in shown and "{+Mexico+}" in shown
        console = Console(width=400, record=True, color_system=None)
        console.print(view(screen.versions, screen.newer, 400))
        full = console.export_text()
        assert "Quotes: 1 reworded, 1 removed, 0 added, 1 re-attributed" in full
        assert "was Greg Abbott, now Sid Miller" in full
        marks_v1 = screen.versions.marks_on(old_vid)
        assert len(marks_v1) == 1 and marks_v1[0].status == "verified"
        assert not screen.versions.marks_on(new_vid)
        assert "✓ verified" in shown
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_V_on_a_file_and_on_a_single_version_says_why(seed_doc, fixed_analysis, indexed_library, across_analyses):
    async with CopydeskApp([], document=seed_doc, analysis=fixed_analysis).run_test(size=SIZE) as pilot:
        reader = await ready(pilot)
        await pilot.press("V")
        assert "versions are kept for articles from the library" in str(reader.status.render())
    store = LibraryStore()
    doc = store.document(indexed_library["trade"])
    store.close()
    async with CopydeskApp([], document=doc, analysis=across_analyses["trade"]).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("V")
        screen = await until(pilot, lambda: isinstance(pilot.app.screen, VersionsScreen) and pilot.app.screen, "v")
        await until(pilot, lambda: "only one version" in str(screen.query_one("#versions").render()), "one version")


async def test_m_and_reading_apply_to_every_copy_of_a_story(indexed_library):
    async with app().run_test(size=SIZE) as pilot:
        lib = await library(pilot)
        storm = next(e for e in lib.shown if e.copies)
        lib.query_one("#articles").highlighted = lib.shown.index(storm)
        await pilot.press("m")

        def read_flags() -> set[int]:
            store = LibraryStore()
            try:
                return {r[0] for r in store.db.execute("SELECT read FROM articles WHERE id IN (?, ?)",
                                                       storm.article_ids)}
            finally:
                store.close()

        await until(pilot, lambda: read_flags() == {1}, "both copies read")
        await until(pilot, lambda: not next(e for e in lib.shown if e.copies).unread, "the row read")
        await pilot.press("m")
        await until(pilot, lambda: read_flags() == {0}, "both copies unread")


async def test_where_else_opens_at_the_quote_when_the_other_article_is_analysed_only_after_it_opens(
        indexed_library, across_analyses):
    cached({"water-deal": indexed_library["water-deal"]}, across_analyses)  # the other one is not
    async with app().run_test(size=SIZE) as pilot:
        reader = await read(pilot, await library(pilot), "water-deal")
        await select_source(pilot, reader, "Sheinbaum")
        await pilot.press("o")
        where = await listing(pilot, WhereElseScreen)
        where.query_one("#list").highlighted = next(i for i, r in enumerate(rows(where))
                                                    if "Border Ledger" in r and "honoured" in r)
        await pilot.press("enter")
        other = await until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen)
                            and pilot.app.screen is not reader and pilot.app.screen, "other article")
        await ready(pilot)
        await until(pilot, lambda: other.analysis is not None and other.analysis.complete, "analysed", tries=3000)
        await until(pilot, lambda: other.review_session.current is not None, "the quote is the cursor")
        assert other.review_session.current[0] == "quotes"
        start, end = other.article.current
        assert "The treaty has to be honoured" in other.document.text[start:end]
        assert "Quote " in str(other.status.render())
