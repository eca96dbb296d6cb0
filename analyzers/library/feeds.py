"""Feeds in: RSS 0.9x/1.0/2.0 and Atom (feedparser, fed the bytes, behind the defusedxml gate:
no DTD, no entities, nothing external), JSON Feed (read here), and OPML lists of feeds in and
out (folders become tags)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from analyzers.ingest.sanitize import clean

MAX_ENTRIES = 200


class FeedError(Exception):
    """A feed refused or unreadable; the message is one line."""


@dataclass(frozen=True)
class Entry:
    link: str
    guid: str
    title: str
    author: str | None = None
    published: str | None = None    # ISO 8601, UTC
    summary: str = ""               # HTML as the feed has it
    content: str = ""               # the full text's HTML when the feed carries it


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def _gate(data: bytes) -> None:
    """defusedxml in front of feedparser: a feed with a DTD or entity declarations (billion
    laughs, external entities) is refused before anything parses it."""
    if _DTD.search(data[:65536]):
        raise FeedError("feed refused: it declares a DTD or entities")
    import defusedxml.ElementTree as safe_xml
    from defusedxml import DefusedXmlException

    try:
        safe_xml.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"feed refused: {type(exc).__name__}") from None
    except Exception:
        pass  # not well-formed: feedparser's lenient parser reads what it can, with nothing to expand


def _iso(struct: object) -> str | None:
    if not struct:
        return None
    try:
        return datetime(*struct[:6], tzinfo=UTC).isoformat().replace("+00:00", "Z")  # type: ignore[index, misc]
    except (TypeError, ValueError):
        return None


def _one_line(s: object) -> str:
    return clean(" ".join(str(s or "").split()))


def check_feed_url(url: str) -> str:
    """``url`` stripped, if it can be fetched as a feed (http or https, a host, a valid port);
    FeedError saying why not. The one check for feeds added by hand and imported from OPML."""
    from analyzers.fetch import FetchError, parse_url

    url = url.strip()
    try:
        parse_url(url)
    except FetchError as exc:
        raise FeedError(f"{_one_line(url)[:200]}: {exc}") from None
    return url


def parse_feed(data: bytes) -> ParsedFeed:
    """A feed's title, link and entries (at most MAX_ENTRIES); FeedError if it is no feed, for
    whatever reason (nothing a feed holds raises anything else)."""
    try:
        return _parse_feed(data)
    except FeedError:
        raise
    except RecursionError:
        raise FeedError("feed refused: nested too deeply") from None
    except Exception as exc:  # feedparser and JSON shapes nobody foresaw: this feed's error only
        raise FeedError(f"unreadable feed ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})") from None


def _parse_feed(data: bytes) -> ParsedFeed:
    if data.lstrip()[:1] == b"{":
        return _json_feed(data)
    _gate(data)
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.version and not parsed.entries:
        raise FeedError("not a feed (RSS, Atom or JSON Feed)")
    entries = []
    for e in parsed.entries[:MAX_ENTRIES]:
        link = str(e.get("link") or "")
        content = "".join(str(c.get("value", "")) for c in e.get("content", []) or [])
        entries.append(Entry(link=link, guid=str(e.get("id") or link), title=_one_line(e.get("title")),
                             author=_one_line(e.get("author")) or None,
                             published=_iso(e.get("published_parsed") or e.get("updated_parsed")),
                             summary=str(e.get("summary") or ""), content=content))
    return ParsedFeed(_one_line(parsed.feed.get("title")), str(parsed.feed.get("link") or ""), tuple(entries))


def _json_feed(data: bytes) -> ParsedFeed:
    try:
        feed = json.loads(data)
    except ValueError as exc:
        raise FeedError(f"not a feed: JSON error {exc}") from None
    if not isinstance(feed, dict) or "jsonfeed.org" not in str(feed.get("version", "")):
        raise FeedError("not a feed (JSON without a JSON Feed version)")
    items = feed.get("items") or []
    if not isinstance(items, list):
        raise FeedError(f"not a feed: its items are a {type(items).__name__}, not a list")
    entries = []
    for item in items[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        author = ", ".join(_one_line(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name"))
        link = str(item.get("url") or item.get("external_url") or "")
        content = str(item.get("content_html") or "")
        if not content and item.get("content_text"):
            content = "".join(f"<p>{_escape(p)}</p>" for p in str(item["content_text"]).split("\n\n"))
        entries.append(Entry(link=link, guid=str(item.get("id") or link), title=_one_line(item.get("title")),
                             author=author or None, published=iso_date(item.get("date_published")),
                             summary=str(item.get("summary") or ""), content=content))
    return ParsedFeed(_one_line(feed.get("title")), str(feed.get("home_page_url") or ""), tuple(entries))


def _escape(s: str) -> str:
    import html

    return html.escape(s, quote=False)


def iso_date(value: object) -> str | None:
    """An ISO 8601 date or time as UTC ``…Z`` (a date alone is midnight UTC); None if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


# -- OPML ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Subscription:
    url: str
    title: str = ""
    tags: tuple[str, ...] = ()


MAX_FOLDER_DEPTH = 32


def read_opml(data: bytes, rejected: list[str] | None = None) -> list[Subscription]:
    """Every feed of an OPML file; the folders (outlines without a feed) it sits in are its tags.
    A feed URL that ``check_feed_url`` refuses is left out, its reason added to ``rejected``."""
    rejected = [] if rejected is None else rejected
    import defusedxml.ElementTree as safe_xml

    try:
        root = safe_xml.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception as exc:
        raise FeedError(f"not an OPML file: {type(exc).__name__}") from None
    body = root.find("body")
    if body is None:
        raise FeedError("not an OPML file: no <body>")
    out: list[Subscription] = []
    # depth first in document order, without recursion: an outline nested thousands deep is
    # only deep (its folders beyond MAX_FOLDER_DEPTH are not made tags)
    stack: list[tuple[Iterator[Any], tuple[str, ...]]] = [(iter(body.findall("outline")), ())]
    while stack:
        outline = next(stack[-1][0], None)
        if outline is None:
            stack.pop()
            continue
        folders = stack[-1][1]
        url = outline.get("xmlUrl")
        title = _one_line(outline.get("title") or outline.get("text"))
        if url:
            try:
                out.append(Subscription(check_feed_url(url), title, folders))
            except FeedError as exc:
                rejected.append(str(exc))
        else:
            deeper = (*folders, title) if title and len(folders) < MAX_FOLDER_DEPTH else folders
            stack.append((iter(outline.findall("outline")), deeper))
    return out


def write_opml(subscriptions: list[Subscription], title: str = "copydesk feeds") -> str:
    """OPML 2.0: feeds grouped by their first tag (one folder level, as most readers read it)."""
    from xml.sax.saxutils import quoteattr

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{_escape(title)}</title></head>", "  <body>"]
    folders: dict[str, list[Subscription]] = {}
    for s in subscriptions:
        folders.setdefault(s.tags[0] if s.tags else "", []).append(s)
    for folder, subs in sorted(folders.items()):
        indent = "    "
        if folder:
            lines.append(f"    <outline text={quoteattr(folder)} title={quoteattr(folder)}>")
            indent = "      "
        for s in subs:
            name = s.title or s.url
            lines.append(f"{indent}<outline type=\"rss\" text={quoteattr(name)} title={quoteattr(name)} "
                         f"xmlUrl={quoteattr(s.url)}/>")
        if folder:
            lines.append("    </outline>")
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"
