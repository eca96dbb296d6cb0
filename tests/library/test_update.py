"""Updating the library from a real server: full text for summary-only feeds, 304s that store
nothing, a changed article kept as a second version, failures one line each, due feeds."""

from __future__ import annotations

from datetime import UTC, datetime

from werkzeug import Response

from analyzers.store.library.store import LibraryStore
from analyzers.store.library.update import due, update
from tests.library.conftest import PARAGRAPHS, Site, page, reset, rss

SUMMARY = "The council approved the bridge in 2019."


def test_summary_only_entries_get_their_full_article(site: Site, store: LibraryStore):
    site.serve("feed.xml", rss(site.base, [("bridge", "Bridge costs double", SUMMARY)]),
               content_type="application/rss+xml")
    site.article("bridge", "Bridge costs double")
    store.add_feed(site.url("feed.xml"), tags=["local"])
    [result] = update(store, policy=site.policy)
    assert result.error is None and len(result.new_versions) == 1
    [art] = store.articles()
    doc = store.document(art.version_id)
    assert "$890 million" in doc.text and "Subscribe to our newsletter" not in doc.text  # the page, cleaned
    assert (art.title, art.feed, art.byline, art.published) == (
        "Bridge costs double", "Port Alder Ledger", "Nadia Okafor", "2026-03-02T10:00:00Z")


def test_full_content_in_the_feed_is_used_without_fetching_the_page(site: Site, store: LibraryStore):
    full = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    site.serve("feed.xml", rss(site.base, [("full", "All in the feed", full)]), content_type="application/rss+xml")
    store.add_feed(site.url("feed.xml"))
    [result] = update(store, policy=site.policy)
    assert len(result.new_versions) == 1
    paths = [req.path for req, _ in site.server.log]
    assert "/full" not in paths  # never fetched: the feed had the whole text


def test_a_304_stores_nothing_and_an_unchanged_entry_is_not_fetched_again(site: Site, store: LibraryStore):
    body = rss(site.base, [("bridge", "Bridge costs double", SUMMARY)])

    def feed(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    site.server.expect_request("/feed.xml").respond_with_handler(feed)
    site.article("bridge", "Bridge costs double")
    store.add_feed(site.url("feed.xml"))
    update(store, policy=site.policy)
    [again] = update(store, policy=site.policy)
    assert again.not_modified and again.new_versions == []
    assert len(store.articles()) == 1 and store.articles()[0].versions == 1
    assert [req.path for req, _ in site.server.log].count("/bridge") == 1


def test_a_changed_article_is_a_second_version(site: Site, store: LibraryStore):
    def publish(paragraphs: list[str], summary: str) -> None:
        reset(site)
        site.serve("feed.xml", rss(site.base, [("bridge", "Bridge costs double", summary)]),
                   content_type="application/rss+xml")
        site.serve("bridge", page("Bridge costs double", paragraphs))

    publish(PARAGRAPHS, SUMMARY)
    store.add_feed(site.url("feed.xml"))
    update(store, policy=site.policy)
    corrected = [p.replace("$890 million", "$870 million") for p in PARAGRAPHS]
    publish(corrected, SUMMARY + " Corrected.")
    [result] = update(store, policy=site.policy)
    assert len(result.new_versions) == 1
    [art] = store.articles()
    assert art.versions == 2
    old, new = (store.document(v) for v, _, _ in store.versions(art.id))
    assert "$890 million" in old.text and "$870 million" in new.text


def test_a_failing_feed_is_one_line_and_the_others_go_on(site: Site, store: LibraryStore):
    site.serve("good.xml", rss(site.base, [("bridge", "Bridge costs double", SUMMARY)]),
               content_type="application/rss+xml")
    site.article("bridge", "Bridge costs double")
    site.serve("gone.xml", "", status=404)
    site.serve("html.xml", "<html><body>No feed here</body></html>")
    for name in ("good.xml", "gone.xml", "html.xml"):
        store.add_feed(site.url(name))
    results = {r.feed.url.rsplit("/", 1)[1]: r for r in update(store, policy=site.policy, jobs=3)}
    assert len(results["good.xml"].new_versions) == 1
    assert "HTTP 404" in results["gone.xml"].error and "\n" not in results["gone.xml"].error
    assert "not a feed" in results["html.xml"].error
    feeds = {f.url.rsplit("/", 1)[1]: f for f in store.feeds()}
    assert feeds["gone.xml"].last_error and feeds["good.xml"].last_error is None


def test_due_feeds_follow_what_the_server_asked(site: Site, store: LibraryStore):
    site.serve("feed.xml", rss(site.base, []), content_type="application/rss+xml",
               headers={"Cache-Control": "max-age=7200"})
    feed = store.add_feed(site.url("feed.xml"))
    assert due(feed)
    update(store, policy=site.policy)
    [feed] = store.feeds()
    when = datetime.fromisoformat(feed.next_update.replace("Z", "+00:00"))
    assert 7100 < (when - datetime.now(UTC)).total_seconds() <= 7200
    assert not due(feed)
    assert update(store, policy=site.policy, due_only=True) == []


def test_a_page_that_is_not_html_leaves_the_feed_s_own_text(site: Site, store: LibraryStore):
    site.serve("feed.xml", rss(site.base, [("report", "Audit report", "The audit found $890 million in overruns.")]),
               content_type="application/rss+xml")
    site.serve("report", b"%PDF-1.7\n" + bytes(range(256)) * 40, content_type="application/pdf")
    store.add_feed(site.url("feed.xml"))
    [result] = update(store, policy=site.policy)
    assert result.error is None and len(result.new_versions) == 1
    [art] = store.articles()
    assert "The audit found $890 million in overruns." in store.document(art.version_id).text  # the feed's text


def test_the_canonical_address_the_page_gives_is_kept(site: Site, store: LibraryStore):
    site.serve("feed.xml", rss(site.base, [("bridge?utm_source=feed", "Bridge costs double", SUMMARY)]),
               content_type="application/rss+xml")
    body = page("Bridge costs double", PARAGRAPHS).replace(
        "<head>", f"<head><link rel='canonical' href='{site.url('news/bridge')}'>")
    site.serve("bridge", body)
    store.add_feed(site.url("feed.xml"))
    update(store, policy=site.policy)
    [art] = store.articles()
    assert art.canonical == site.url("news/bridge") and art.to_json()["canonical_url"] == site.url("news/bridge")
