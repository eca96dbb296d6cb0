"""A feed file opened in the reader: its entries as one document, each a heading, its date and
its paragraphs (the one feed parser, analyzers/ingest/feeds.py, reads the entries)."""

from __future__ import annotations

from analyzers.ingest.feeds import MAX_ENTRIES, FeedError, FeedRefused, parse_feed
from analyzers.ingest.html_tree import flat_paragraphs, parse_clean
from analyzers.ingest.sanitize import Sanitizer
from analyzers.model import Block, Document, LoadError, Notice


def _html_to_paragraphs(html: str) -> list[str]:
    if "<" not in html:
        return [" ".join(html.split())] if html.strip() else []
    root = parse_clean(f"<html><body>{html}</body></html>")
    return flat_paragraphs(root) if root is not None else []


def load_feed(xml: str, source: str, fallback_title: str, notices: list[Notice],
              sanitizer: Sanitizer) -> Document:
    try:
        feed = parse_feed(xml)
    except FeedRefused:
        raise LoadError("feed declares a DTD or XML entities - refused") from None
    except FeedError as exc:
        raise LoadError(f"malformed feed: {exc}") from None
    if feed.repaired:
        notices.append(Notice("control_characters_removed",
                              f"{feed.repaired} characters XML does not allow shown as visible symbols"))
    if feed.total > MAX_ENTRIES:
        notices.append(Notice("truncated_input", f"feed has {feed.total} entries: showing the first {MAX_ENTRIES}"))
    parts: list[tuple[str, str, int]] = []
    for e in feed.entries:
        if e.title.strip():
            parts.append(("heading", e.title, 2))
        if e.date_text.strip():
            parts.append(("byline", " ".join(e.date_text.split()), 0))
        parts.extend(("paragraph", p, 0) for p in _html_to_paragraphs(e.content or e.summary))
    text_parts, blocks, pos = [], [], 0
    for kind, raw, level in parts:
        s = sanitizer.clean(raw)
        if not s:
            continue
        text_parts.append(s)
        blocks.append(Block(kind, pos, pos + len(s), level))
        pos += len(s) + 2
    return Document(source, "feed", feed.title or fallback_title, "\n\n".join(text_parts), tuple(blocks), (),
                    tuple(notices))
