"""OPML lists of feeds, in and out: folders become tags, every feed URL passes the one check
``feeds add`` uses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from analyzers.ingest.feeds import FeedError, check_feed_url, one_line


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
        title = one_line(outline.get("title") or outline.get("text"))
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
    from html import escape
    from xml.sax.saxutils import quoteattr

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{escape(title, quote=False)}</title></head>", "  <body>"]
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
