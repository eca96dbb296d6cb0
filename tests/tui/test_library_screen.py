"""The library screen, driven as a person would: rows one line each at any width, the filter,
reading an article and coming back (read now), toggling read, updating with visible progress,
the samples while empty, and restricted mode reading without changing anything."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import replace

import pytest
from werkzeug import Response

from analyzers import load
from analyzers.store.library.store import LibraryStore
from tests.conftest import SEEDS
from tests.library.conftest import SUMMARY_FEED, Site, rss
from tui.app import CopydeskApp
from tui.restricted import Policy
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.key_bar import KeyBar

SEED_FILES = sorted(str(p) for p in SEEDS.glob("*") if p.suffix in (".txt", ".md", ".html"))


def fill_library() -> list[str]:
    """Three articles of two outlets, stored as an update would store them."""
    store = LibraryStore()
    a = store.add_feed("https://ledger.example/feed.xml", "Port Alder Ledger", ["local"])
    b = store.add_feed("https://wire.example/rss", "Wire Service")
    urls = []
    for feed, name, published in ((a, "harbor_bridge_feature.md", "2026-03-02T10:00:00Z"),
                                  (a, "city_water_page.html", "2026-03-01T10:00:00Z"),
                                  (b, "wire_trade_talks.txt", "2026-02-28T10:00:00Z")):
        url = f"https://{'ledger' if feed is a else 'wire'}.example/{name.split('.')[0]}"
        doc = replace(load(SEEDS / name), source=url)
        store.add_version(url, doc, feed_id=feed.id, published=published)
        urls.append(url)
    store.close()
    return urls


def app(policy: Policy | None = None) -> CopydeskApp:
    return CopydeskApp([], library_files=SEED_FILES, files_label="Samples", policy=policy)


async def loaded(pilot) -> LibraryScreen:
    for _ in range(300):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, LibraryScreen) and screen.entries:
            await pilot.pause()
            return screen
    raise AssertionError("library never loaded")


async def changed(pilot, screen: LibraryScreen, before: list[str]) -> list[str]:
    for _ in range(300):
        await pilot.pause(0.02)
        if rows(screen) != before:
            return rows(screen)
    raise AssertionError("the list never changed")


def rows(screen: LibraryScreen) -> list[str]:
    lst = screen.query_one("#articles")
    return [lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count)]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_articles_listed_one_line_each_newest_first(size):
    fill_library()
    async with app().run_test(size=size) as pilot:
        screen = await loaded(pilot)
        listed = rows(screen)
        assert len(listed) == 3 and all("\n" not in r and len(r) <= size[0] for r in listed)
        assert "Bridge That Ran Out of Money" in listed[0] and "Trade talks" in listed[2]
        assert all(r.startswith("● ") for r in listed)  # unread
        assert ("Port Alde" in listed[0]) and ("Wire" in listed[2])   # a cut outlet ends in …
        bar = screen.query_one(KeyBar).render_line(0).text
        assert bar.strip().startswith("? help  q quit")


async def test_filter_open_read_and_come_back(private_dirs):
    fill_library()
    async with app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"water")
        assert len(rows(screen)) == 1 and "Water rates" in rows(screen)[0]
        await pilot.press("escape")
        assert len(rows(screen)) == 3
        await pilot.press("enter")
        for _ in range(200):
            await pilot.pause(0.02)
            if isinstance(pilot.app.screen, ReaderScreen):
                break
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen) and reader.document.source.endswith("/harbor_bridge_feature")
        await pilot.press("escape")
        await pilot.pause(0.3)
        screen = await loaded(pilot)
        assert not rows(screen)[0].startswith("● ")  # read now


async def test_m_toggles_read_and_folders_narrow_the_list():
    fill_library()
    async with app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        before = rows(screen)
        await pilot.press("m")
        before = await changed(pilot, screen, before)
        assert not before[0].startswith("● ")
        await pilot.press("m")
        assert (await changed(pilot, screen, before))[0].startswith("● ")
        folders = screen.query_one("#folders")
        labels = [folders.get_option_at_index(i).prompt.plain for i in range(folders.option_count)]
        assert labels[:2] == ["All articles (3)", "Unread (3)"] and "# local (2)" in labels
        folders.highlighted = labels.index("Wire Service (1)")
        await pilot.pause()
        assert len(rows(screen)) == 1 and "Trade talks" in rows(screen)[0]


async def test_the_samples_while_the_library_is_empty():
    async with app().run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        listed = rows(screen)
        assert len(listed) == len(SEED_FILES) and all("Samples" in r for r in listed)
        assert any("President Donald Trump" in r for r in listed)  # titles, not file names


async def test_U_updates_with_visible_progress(site: Site, monkeypatch):
    monkeypatch.setenv("COPYDESK_ALLOW_PRIVATE", "1")

    def slow_feed(request):  # a feed that takes a moment, as over a real network
        time.sleep(0.6)
        return Response(rss(site.base, SUMMARY_FEED), content_type="application/rss+xml")

    site.server.expect_request("/feed.xml").respond_with_handler(slow_feed)
    for slug, title, _ in SUMMARY_FEED:
        site.article(slug, title)
    store = LibraryStore()
    store.add_feed(site.url("feed.xml"))
    store.close()
    async with app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("U")
        seen = set()
        for _ in range(1500):
            await pilot.pause(0.05)
            seen.add(str(screen.query_one("#lib-status").render()))
            if not screen.updating:
                break
        assert any("updating" in s for s in seen)
        assert any("2 new versions" in s for s in seen)
        for _ in range(200):  # the list catches up: both articles, with their counts once analysed
            await pilot.pause(0.05)
            listed = rows(screen)
            if len(listed) == 2 and all(re.search(r"\d+q \d+s", r) for r in listed):
                break
        assert len(listed) == 2 and all(re.search(r"\d+q \d+s", r) for r in listed), listed


async def test_restricted_mode_reads_the_library_and_changes_nothing(tmp_path):
    fill_library()
    policy = Policy(True, tmp_path)
    async with app(policy).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("U")
        await pilot.press("m")
        await pilot.pause(0.2)
        status = str(screen.query_one("#lib-status").render())
        assert "read-only" in status or "restricted" in status
        assert all(r.startswith("● ") for r in rows(screen) if "Samples" not in r)


def test_help_and_palette_come_from_the_registry():
    from tui.actions import LIBRARY, help_rows, palette

    assert ("U", "update the feeds now (progress below)") in help_rows(LIBRARY)
    assert ("Update the feeds", "update") in palette(LIBRARY)
    assert LibraryScreen.ACTIONS is LIBRARY
    asyncio.run(asyncio.sleep(0))


async def test_U_over_hostile_feeds_is_a_line_each_and_the_reader_stays(monkeypatch):
    """Feeds that once ended the reader with a traceback (a redirect to javascript:, a JSON
    Feed whose items are a number, a nested compression bomb) beside a good one."""
    import json

    from tests.hostile_http import HostileServer, Reply, nested_gzip_bomb
    from tests.library.conftest import PARAGRAPHS, page

    monkeypatch.setenv("COPYDESK_ALLOW_PRIVATE", "1")
    with HostileServer() as server:
        good = rss(server.url("").rstrip("/"), [("story", "Bridge costs double", "A summary.")])
        server.route("/good.xml", Reply.ok(good.encode(), "application/rss+xml"))
        server.route("/story", Reply.ok(page("Bridge costs double", PARAGRAPHS).encode()))
        server.route("/js.xml", Reply.redirect("javascript:alert(1)"))
        server.route("/items.json", Reply.ok(json.dumps({"version": "https://jsonfeed.org/version/1",
                                                         "items": 3}).encode(), "application/feed+json"))
        server.route("/bomb.xml", Reply.ok(nested_gzip_bomb(2, 1 << 27), "application/rss+xml",
                                           headers={"Content-Encoding": "gzip, gzip"}))
        store = LibraryStore()
        for path in ("/good.xml", "/js.xml", "/items.json", "/bomb.xml"):
            store.add_feed(server.url(path))
        store.close()
        async with app().run_test(size=(120, 40)) as pilot:
            screen = await loaded(pilot)
            await pilot.press("U")
            for _ in range(1500):
                await pilot.pause(0.05)
                if not screen.updating:
                    break
            status = str(screen.query_one("#lib-status").render())
            assert "1 of 4 feeds updated · 1 new versions · 3 failed" in status, status
            assert pilot.app.is_running and pilot.app.screen is screen
    store = LibraryStore()
    errors = {f.url.rsplit("/", 1)[1]: f.last_error for f in store.feeds()}
    store.close()
    assert errors["good.xml"] is None and all(errors[k] for k in ("js.xml", "items.json", "bomb.xml"))


async def test_U_honours_allow_private_from_the_command_line(site: Site, monkeypatch):
    """--allow-private (not only COPYDESK_ALLOW_PRIVATE) lets U fetch from 127.0.0.1; the
    summary counts what updated and what failed without contradicting itself."""
    monkeypatch.delenv("COPYDESK_ALLOW_PRIVATE", raising=False)
    import argparse

    site.serve("feed.xml", rss(site.base, SUMMARY_FEED), content_type="application/rss+xml")
    for slug, title, _ in SUMMARY_FEED:
        site.article(slug, title)
    store = LibraryStore()
    store.add_feed(site.url("feed.xml"))
    store.close()
    policy = Policy.from_args(argparse.Namespace(allow_private=True))
    async with app(policy).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("U")
        for _ in range(1500):
            await pilot.pause(0.05)
            if not screen.updating:
                break
        status = str(screen.query_one("#lib-status").render())
        assert "1 of 1 feeds updated · 2 new versions" in status and "failed" not in status, status


async def test_at_120_columns_rows_show_the_anonymous_share_and_review(nlp):
    """What the README promises of a row at 120 columns: quotes and sources, the anonymous share,
    review progress; an outlet too long for its column ends in an ellipsis."""
    from analyzers.rules.pipeline import analyze

    fill_library()
    store = LibraryStore()
    for a in store.articles():
        store.analysed(a.version_id, analyze(store.document(a.version_id), nlp))
    store.db.execute("UPDATE feeds SET title = 'The Port Alder Ledger and Evening Courier'")
    store.db.commit()
    store.close()
    async with app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        listed = rows(screen)
        assert all(re.search(r"\d+q \d+s · \d+% anon", r) for r in listed), listed
        assert any(re.search(r"\d+/\d+ ✓", r) for r in listed), listed
        assert all("The Port Alde…" in r for r in listed if "Wire" not in r), listed


async def test_restricted_mode_does_not_offer_what_it_refuses(tmp_path):
    from tui.actions import help_rows, palette

    fill_library()
    async with app(Policy(True, tmp_path)).run_test(size=(160, 40)) as pilot:
        screen = await loaded(pilot)
        bar = screen.query_one(KeyBar).render_line(0).text
        assert "update" not in bar and "read/unread" not in bar and "sources" in bar
        assert "Update the feeds" not in dict(palette(screen.ACTIONS)) and "Sources" in dict(palette(screen.ACTIONS))
        assert not any(k in ("U", "m") for k, _ in help_rows(screen.ACTIONS))
    async with app().run_test(size=(160, 40)) as pilot:   # offered where it works
        screen = await loaded(pilot)
        assert "update" in screen.query_one(KeyBar).render_line(0).text
