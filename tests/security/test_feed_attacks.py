"""Attacks on the library's update, each from a real server on 127.0.0.1: feeds that break in
every way one feed can (each is one line for that feed; the others update), a feed that spoofs
another feed's article, OPML that is too deep or names other schemes, validators that would
break every later request, versions an interrupted update left unanalysed."""

from __future__ import annotations

import html
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from analyzers.ingest.feeds import FeedError, parse_feed
from analyzers.ingest.opml import read_opml
from analyzers.io.fetch import FetchPolicy
from analyzers.store.library.store import LibraryStore
from analyzers.store.library.update import update
from tests.conftest import ROOT
from tests.hostile_http import HostileServer, Reply, nested_gzip_bomb
from tests.library.conftest import PARAGRAPHS, page

FAKE = "FAKE TEXT planted by another feed. " * 80


def rss_item(link: str, title: str, content: str = "", description: str = "A summary.") -> str:
    encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
            f"<guid>{html.escape(link)}</guid><description>{html.escape(description)}</description>{encoded}</item>")


def rss_of(*items: str, title: str = "A feed") -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>{title}</title><link>http://example.org/</link>{''.join(items)}</channel></rss>").encode()


@pytest.fixture
def hostile():
    with HostileServer() as server:
        yield server


@pytest.fixture
def lib(tmp_path):
    store = LibraryStore(tmp_path / "library.sqlite3")
    yield store
    store.close()


def policy(server: HostileServer) -> FetchPolicy:
    return FetchPolicy(allow_private=frozenset({server.hostport}), deadline=3.0)


def serve_good_feed(server: HostileServer) -> None:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)
    server.route("/good.xml", Reply.ok(rss_of(rss_item(server.url("/good-story"), "Bridge costs double", body * 2),
                                              title="Good Feed"), "application/rss+xml"))


def serve_hostile_feeds(server: HostileServer) -> list[str]:
    """Every way one feed broke a whole update; returns their paths."""
    routes = {
        "/badport.xml": Reply.ok(rss_of(rss_item("http://127.0.0.1:99999/x", "Bad port")), "application/rss+xml"),
        "/badv6.xml": Reply.ok(rss_of(rss_item("http://[::1/x", "Bad IPv6")), "application/rss+xml"),
        "/to-data.xml": Reply.redirect("data:application/rss+xml,<rss/>"),
        "/to-mailto.xml": Reply.redirect("mailto:editor@example.org"),
        "/to-js.xml": Reply.redirect("javascript:alert(1)"),
        "/items-object.json": Reply.ok(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "x",
                                                   "items": {"a": 1}}).encode(), "application/feed+json"),
        "/items-number.json": Reply.ok(json.dumps({"version": "https://jsonfeed.org/version/1.1",
                                                   "items": 7}).encode(), "application/feed+json"),
        "/deep.json": Reply.ok(b'{"version": "https://jsonfeed.org/version/1", "items": '
                               + b"[" * 200_000 + b"]" * 200_000 + b"}", "application/feed+json"),
        "/etag.xml": Reply.ok(rss_of(rss_item(server.url("/etag-story"), "Etag")), "application/rss+xml",
                              headers={"ETag": '"caf\udcc3\udca9"'}),
        "/bomb.xml": Reply.ok(nested_gzip_bomb(2, 1 << 28), "application/rss+xml",
                              headers={"Content-Encoding": "gzip, gzip"}),
    }
    for path, reply in routes.items():
        server.route(path, reply)
    return list(routes)


def test_every_hostile_feed_is_one_line_and_the_good_feed_updates_twice(hostile: HostileServer, lib: LibraryStore):
    serve_good_feed(hostile)
    paths = serve_hostile_feeds(hostile)
    for path in ["/good.xml", *paths]:
        lib.add_feed(hostile.url(path))
    lib.add_feed("http://bücher.invalid/feed.xml")   # an IDN host in Unicode: resolved as IDNA
    for _ in range(2):
        results = update(lib, policy=policy(hostile), jobs=4)
        assert len(results) == len(paths) + 2
        by_url = {r.feed.url: r for r in results}
        assert by_url[hostile.url("/good.xml")].error is None
        for r in results:
            for line in filter(None, [r.error, *r.article_errors]):
                assert "\n" not in line and len(line) < 400, line
    titles = [a.title for a in lib.articles()]
    assert "Bridge costs double" in titles
    feeds = {f.url: f for f in lib.feeds()}
    for path in ["/to-data.xml", "/to-mailto.xml", "/to-js.xml", "/items-object.json", "/items-number.json",
                 "/deep.json", "/bomb.xml"]:
        assert feeds[hostile.url(path)].last_error, path
    assert "not a list" in (feeds[hostile.url("/items-object.json")].last_error or "")
    assert "nested too deeply" in (feeds[hostile.url("/deep.json")].last_error or "")
    assert "decompress" in (feeds[hostile.url("/bomb.xml")].last_error or "")
    for path in ["/badport.xml", "/badv6.xml"]:   # the page can't be fetched: the feed's summary is kept
        assert feeds[hostile.url(path)].last_error is None, path
    assert {"http://127.0.0.1:99999/x", "http://[::1/x"} <= {a.url for a in lib.articles()}
    assert feeds[hostile.url("/etag.xml")].etag is None   # never stored, so never sent back
    assert feeds["http://bücher.invalid/feed.xml"].last_error


def test_a_stored_non_ascii_etag_no_longer_breaks_every_update(hostile: HostileServer, lib: LibraryStore):
    """A library an older copydesk wrote holds the bad validator: it is not sent."""
    serve_good_feed(hostile)
    feed = lib.add_feed(hostile.url("/good.xml"))
    lib.db.execute("UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?", ('"café"', "x\ny", feed.id))
    lib.db.commit()
    [result] = update(lib, policy=policy(hostile))
    assert result.error is None and result.new_versions
    assert "if-none-match" not in hostile.requests[-1][1]


def test_a_feed_cannot_overwrite_another_feeds_article(hostile: HostileServer, lib: LibraryStore):
    story = hostile.url("/story")
    real = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)
    hostile.route("/trusted.xml", Reply.ok(rss_of(rss_item(story, "The real headline", real * 2),
                                                  title="Trusted"), "application/rss+xml"))
    hostile.route("/spoof.xml", Reply.ok(rss_of(rss_item(story, "FAKE HEADLINE", f"<p>{FAKE}</p>"),
                                                title="Spoof"), "application/rss+xml"))
    hostile.route("/story", Reply([]))  # the page itself cannot be read (the connection drops)
    trusted = lib.add_feed(hostile.url("/trusted.xml"))
    lib.add_feed(hostile.url("/spoof.xml"))
    update(lib, policy=policy(hostile), feed_urls=[hostile.url("/trusted.xml")])
    results = update(lib, policy=policy(hostile))
    spoof = next(r for r in results if r.feed.url.endswith("/spoof.xml"))
    assert spoof.new_versions == [] and any("belongs to another feed" in e or "/story" in e
                                            for e in spoof.article_errors)
    [art] = lib.articles()
    assert art.title == "The real headline" and art.versions == 1
    assert lib.owner(story) == trusted.id
    texts = [lib.document(v).text for v, _, _ in lib.versions(art.id)]
    assert not any("FAKE" in t for t in texts)


def test_a_batch_record_never_adds_a_version_to_a_feeds_article(hostile: HostileServer, lib: LibraryStore,
                                                                 tmp_path, nlp):
    from analyzers.batch.records import Record
    from analyzers.batch.work import Options, analyse_record
    from analyzers.batch.writers import LibraryWriter

    story = hostile.url("/story")
    real = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)
    hostile.route("/trusted.xml", Reply.ok(rss_of(rss_item(story, "The real headline", real * 2)),
                                           "application/rss+xml"))
    hostile.route("/story", Reply.ok(page("A changed page", PARAGRAPHS[:3]).encode()))
    lib.add_feed(hostile.url("/trusted.xml"))
    update(lib, policy=policy(hostile))
    path = lib.path
    lib.close()
    options = Options(snapshot=True, allow_private=[hostile.hostport])
    rows = [analyse_record(Record(story, "text", FAKE, source=story), nlp, options),   # names the URL
            analyse_record(Record("fetched", "url", story), nlp, options)]           # fetched from it
    assert all(r.error is None for r in rows), [r.error for r in rows]
    writer = LibraryWriter(path)
    writer.write(rows)
    writer.close()
    store = LibraryStore(path)
    try:
        owned = store.article(story)
        assert owned is not None and owned.versions == 1 and owned.title == "The real headline"
        urls = sorted(a.url for a in store.articles())
        assert urls == sorted([story, f"batch:{story}", "batch:fetched"])
    finally:
        store.close()


@pytest.mark.parametrize("url", ["http://[::1/", "http://example.org:99999/feed", "javascript:alert(1)",
                                 "file:///etc/passwd", "data:text/xml,<rss/>", "ftp://example.org/f"])
def test_feed_urls_are_checked_one_way_for_add_and_opml(lib: LibraryStore, url: str):
    with pytest.raises(FeedError):
        lib.add_feed(url)
    refused: list[str] = []
    opml = (f'<opml version="2.0"><body><outline type="rss" text="x" xmlUrl="{html.escape(url)}"/>'
            '<outline type="rss" text="ok" xmlUrl="https://news.example/feed.xml"/></body></opml>').encode()
    assert [s.url for s in read_opml(opml, refused)] == ["https://news.example/feed.xml"]
    assert len(refused) == 1


def test_an_opml_outline_3000_deep_is_only_deep():
    opml = ('<opml version="2.0"><body>' + '<outline text="f">' * 3000
            + '<outline type="rss" text="deep" xmlUrl="https://news.example/deep.xml"/>'
            + "</outline>" * 3000 + "</body></opml>").encode()
    [sub] = read_opml(opml)
    assert sub.url == "https://news.example/deep.xml" and 0 < len(sub.tags) <= 32


def test_json_feeds_of_the_wrong_shape_are_feed_errors():
    for data in (b'{"version": "https://jsonfeed.org/version/1", "items": {"a": 1}}',
                 b'{"version": "https://jsonfeed.org/version/1", "items": 3}',
                 b'{"version": "https://jsonfeed.org/version/1", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"):
        with pytest.raises(FeedError):
            parse_feed(data)


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=600,
                          cwd=ROOT, env=dict(os.environ, COPYDESK_ALLOW_PRIVATE="1", **(env or {})))


def test_versions_an_interrupted_update_left_are_analysed_by_the_next(hostile: HostileServer, private_dirs):
    serve_good_feed(hostile)
    first = run("feeds", "add", hostile.url("/good.xml"))
    assert first.returncode == 0, first.stderr
    skipped = run("update", "--no-analyze")
    assert skipped.returncode == 0 and "1 new versions" in skipped.stderr, skipped.stderr
    db = sqlite3.connect(private_dirs / "data" / "copydesk" / "library.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM versions WHERE analysed IS NULL").fetchone()[0] == 1
    again = run("update")
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert "0 new versions" in again.stderr and "1 versions analysed" in again.stderr
    assert db.execute("SELECT COUNT(*) FROM versions WHERE analysed IS NULL").fetchone()[0] == 0
    db.close()


def test_restricted_feeds_export_writes_nowhere_but_stdout(tmp_path):
    assert run("feeds", "add", "https://news.example/feed.xml").returncode == 0
    env = {"COPYDESK_RESTRICTED": "1", "COPYDESK_LIBRARY": str(tmp_path)}
    assert "news.example" in run("feeds", "export", env=env).stdout
    r = run("feeds", "export", "-o", str(tmp_path / "out.opml"), env=env)
    assert r.returncode == 2 and "restricted" in r.stderr and r.stderr.count("\n") == 1
    assert not (tmp_path / "out.opml").exists()
