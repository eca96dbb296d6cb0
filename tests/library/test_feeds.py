"""Feeds of every format, the XML gate, OPML in and out."""

from __future__ import annotations

import json

import pytest

from analyzers.ingest.feeds import FeedError, parse_feed
from analyzers.ingest.opml import Subscription, read_opml, write_opml

BASE = "https://news.example"


def rss091() -> bytes:
    return (f'<?xml version="1.0"?><rss version="0.91"><channel><title>Ledger 0.91</title><link>{BASE}/</link>'
            f"<item><title>Bridge vote</title><link>{BASE}/a</link><description>Short.</description></item>"
            "</channel></rss>").encode()


def rss10() -> bytes:
    return ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel rdf:about="{BASE}/"><title>Ledger RDF</title><link>{BASE}/</link></channel>'
            f'<item rdf:about="{BASE}/b"><title>Audit out</title><link>{BASE}/b</link>'
            "<description>The audit.</description><dc:creator>Ana Ruiz</dc:creator>"
            "<dc:date>2026-03-02T10:00:00Z</dc:date></item></rdf:RDF>").encode()


def rss20() -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Ledger</title><link>{BASE}/</link><item><title>Loan talks</title>"
            f"<link>{BASE}/c</link><guid isPermaLink='false'>c-1</guid><description>Summary.</description>"
            "<content:encoded><![CDATA[<p>The full text.</p>]]></content:encoded>"
            "<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>").encode()


def atom() -> bytes:
    return ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger Atom</title>'
            f'<link href="{BASE}/"/><entry><id>tag:news.example,2026:d</id><title>Vote set</title>'
            f'<link href="{BASE}/d"/><updated>2026-03-02T10:00:00Z</updated><author><name>Lee Park</name></author>'
            '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The council <em>votes</em> '
            "on March 3.</p></div></content></entry></feed>").encode()


def json_feed() -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Ledger JSON",
                       "home_page_url": f"{BASE}/", "items": [
                           {"id": "e", "url": f"{BASE}/e", "title": "Residents speak",
                            "content_text": "Residents spoke.\n\nThe clerk counted them.",
                            "date_published": "2026-03-02T10:00:00+01:00", "authors": [{"name": "Mo Chen"}]}]}).encode()


@pytest.mark.parametrize(("data", "title", "link", "entry_title"), [
    (rss091(), "Ledger 0.91", f"{BASE}/a", "Bridge vote"),
    (rss10(), "Ledger RDF", f"{BASE}/b", "Audit out"),
    (rss20(), "Ledger", f"{BASE}/c", "Loan talks"),
    (atom(), "Ledger Atom", f"{BASE}/d", "Vote set"),
    (json_feed(), "Ledger JSON", f"{BASE}/e", "Residents speak"),
], ids=["rss0.91", "rss1.0", "rss2.0", "atom", "jsonfeed"])
def test_every_format(data, title, link, entry_title):
    feed = parse_feed(data)
    assert feed.title == title
    [entry] = feed.entries
    assert (entry.link, entry.title) == (link, entry_title)


def test_what_each_format_carries():
    assert parse_feed(rss20()).entries[0].content == "<p>The full text.</p>"
    assert parse_feed(rss20()).entries[0].published == "2026-03-02T10:00:00Z"
    a = parse_feed(atom()).entries[0]
    assert "<em>votes</em>" in a.content and a.author == "Lee Park"   # xhtml content kept as HTML
    j = parse_feed(json_feed()).entries[0]
    assert j.published == "2026-03-02T09:00:00Z" and "<p>The clerk counted them.</p>" in j.content
    assert parse_feed(rss10()).entries[0].author == "Ana Ruiz"


@pytest.mark.parametrize("bad", [
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>',
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>',
])
def test_dtds_and_entities_are_refused_before_parsing(bad):
    with pytest.raises(FeedError, match="DTD or entities"):
        parse_feed(bad)


def test_what_is_no_feed_says_so():
    for data in (b"<html><body>not a feed</body></html>", b'{"not": "a feed"}', b"plain words"):
        with pytest.raises(FeedError, match="not a feed"):
            parse_feed(data)


def test_opml_round_trip_keeps_folders_as_tags():
    opml = b"""<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
      <outline text="Local"><outline type="rss" text="Ledger" xmlUrl="https://news.example/feed.xml"/>
        <outline text="Sports"><outline type="rss" title="Scores" xmlUrl="https://news.example/sports.xml"/></outline>
      </outline>
      <outline type="rss" text="Wire &amp; more" xmlUrl="https://wire.example/rss"/>
    </body></opml>"""
    subs = read_opml(opml)
    assert subs == [Subscription("https://news.example/feed.xml", "Ledger", ("Local",)),
                    Subscription("https://news.example/sports.xml", "Scores", ("Local", "Sports")),
                    Subscription("https://wire.example/rss", "Wire & more", ())]
    again = read_opml(write_opml(subs).encode())
    # written one folder deep (what most readers read), in folder order
    assert sorted((s.url, s.title, s.tags[:1]) for s in again) == sorted((s.url, s.title, s.tags[:1]) for s in subs)
