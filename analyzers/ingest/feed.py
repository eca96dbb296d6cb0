"""RSS and Atom feeds, parsed with DTDs and entities forbidden."""

from __future__ import annotations

import re
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from analyzers.ingest.html_tree import flat_paragraphs, parse_clean
from analyzers.ingest.sanitize import Sanitizer, clean
from analyzers.model import Block, Document, LoadError, Notice

MAX_ENTRIES = 200
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def _html_to_paragraphs(html: str) -> list[str]:
    if "<" not in html:
        return [" ".join(html.split())] if html.strip() else []
    root = parse_clean(f"<html><body>{html}</body></html>")
    return flat_paragraphs(root) if root is not None else []


_BAD_REF = re.compile(r"&#(?:x([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_BAD_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _parse(xml: str) -> Any:
    try:
        return SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise LoadError("feed declares a DTD or XML entities - refused") from None


def _allowed(cp: int) -> bool:
    return cp in (9, 10, 13) or 0x20 <= cp <= 0xD7FF or 0xE000 <= cp <= 0xFFFD or 0x10000 <= cp <= 0x10FFFF


def _visible(cp: int) -> str:
    return chr(0x2400 + cp) if cp < 0x20 else "\ufffd"


def _repair(xml: str) -> tuple[str, int]:
    """Character references and raw characters XML 1.0 forbids -> visible symbols (ESC -> ␛)."""
    count = 0

    def ref(m: re.Match[str]) -> str:
        nonlocal count
        cp = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if _allowed(cp):
            return m.group(0)
        count += 1
        return _visible(cp) if cp < 0x110000 else "\ufffd"

    def raw(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return _visible(ord(m.group(0)))

    return _BAD_RAW.sub(raw, _BAD_REF.sub(ref, xml)), count


def load_feed(xml: str, source: str, fallback_title: str, notices: list[Notice],
              sanitizer: Sanitizer) -> Document:
    try:
        root = _parse(xml)
    except SafeET.ParseError as exc:
        # Feeds in the wild carry control characters XML forbids; show them rather than refuse.
        repaired, n = _repair(xml)
        try:
            root = _parse(repaired) if n else None
        except SafeET.ParseError:
            root = None
        if root is None:
            raise LoadError(f"malformed feed: {exc}") from None
        notices.append(Notice("control_characters_removed",
                              f"{n} characters XML does not allow shown as visible symbols"))
    if root.tag == f"{_ATOM}feed":
        feed_title = root.findtext(f"{_ATOM}title") or ""
        entries = [
            (e.findtext(f"{_ATOM}title") or "",
             e.findtext(f"{_ATOM}content") or e.findtext(f"{_ATOM}summary") or "",
             e.findtext(f"{_ATOM}updated") or e.findtext(f"{_ATOM}published") or "")
            for e in root.iter(f"{_ATOM}entry")
        ]
    else:
        channel = root.find("channel")
        feed_title = (channel.findtext("title") if channel is not None else None) or ""
        entries = [
            (i.findtext("title") or "", i.findtext(_CONTENT) or i.findtext("description") or "",
             i.findtext("pubDate") or "")
            for i in root.iter("item")
        ]
    if len(entries) > MAX_ENTRIES:
        notices.append(Notice("truncated_input",
                              f"feed has {len(entries)} entries: showing the first {MAX_ENTRIES}"))
        entries = entries[:MAX_ENTRIES]
    parts: list[tuple[str, str, int]] = []
    for title, body, date in entries:
        if title.strip():
            parts.append(("heading", " ".join(title.split()), 2))
        if date.strip():
            parts.append(("byline", " ".join(date.split()), 0))
        parts.extend(("paragraph", p, 0) for p in _html_to_paragraphs(body))
    text_parts, blocks, pos = [], [], 0
    for kind, raw, level in parts:
        s = sanitizer.clean(raw)
        if not s:
            continue
        text_parts.append(s)
        blocks.append(Block(kind, pos, pos + len(s), level))
        pos += len(s) + 2
    title = clean(" ".join(feed_title.split())) or fallback_title
    return Document(source, "feed", title, "\n\n".join(text_parts), tuple(blocks), (), tuple(notices))
