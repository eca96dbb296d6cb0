"""Plain text: paragraphs, a derived title, boilerplate lines."""

from __future__ import annotations

import re

from analyzers.ingest.metadata import derive_title
from analyzers.model import Block, Document, Notice

# Lines that page furniture leaves behind when an article is copied out of a web page.
BOILERPLATE_LINES = {
    "recommended", "advertisement", "advertisements", "sponsored", "sponsored content",
    "read more", "related", "related articles", "related stories", "more from", "share",
    "share this", "share this article", "share on facebook", "share on twitter", "tweet",
    "sign up", "subscribe", "subscribe now", "newsletter", "sign up for our newsletter",
    "read the rest here", "click here", "continue reading", "story continues below",
    "story continues below advertisement", "watch", "watch:", "video", "photo", "skip to content",
    "most popular", "trending", "comments", "follow us", "you may also like", "read next",
    "supported by", "ad", "top stories", "see also",
}
_TERMINAL = tuple(".!?…:;\"”’)")


def is_boilerplate(line: str) -> bool:
    key = line.strip().strip(".!:»›>|-–— ").lower()
    return key in BOILERPLATE_LINES


_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|,))*[\s,]*(?:\S+\s*){0,6}$")


def is_byline(line: str) -> bool:
    line = line.strip()
    return len(line) <= 80 and bool(_BYLINE.match(line))


MANY_LINES = 5000
LINES_PER_GROUP = 100


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """One paragraph per line, unless the text is hard-wrapped with blank lines between paragraphs."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    if len(lines) > MANY_LINES and sorted(b - a for a, b in lines)[len(lines) // 2] < 20:
        # Not prose with a paragraph per line (a list, a log, a poem, an attack): keep the line
        # breaks but group the lines, or every character becomes a paragraph of its own.
        return [(lines[i][0], lines[min(i + LINES_PER_GROUP, len(lines)) - 1][1])
                for i in range(0, len(lines), LINES_PER_GROUP)]
    has_blank = "\n\n" in text
    long_lines = sum(1 for a, b in lines if b - a > 120)
    if has_blank and lines and long_lines < len(lines) / 4:
        spans = []
        for m in re.finditer(r"(?:[^\n]+\n?)+", text):
            a, b = m.start(), m.end()
            while b > a and text[b - 1] in " \t\n":
                b -= 1
            if b > a:
                spans.append((a, b))
        return spans
    return lines


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    return a, b


def load_text(text: str, source: str, fallback_title: str, notices: list[Notice]) -> Document:
    blocks: list[Block] = []
    longest_boilerplate = max(map(len, BOILERPLATE_LINES)) + 8
    for a, b in _paragraph_spans(text):
        if text[a] in " \t" or text[b - 1] in " \t":
            a, b = _trim(text, a, b)
            if a >= b:
                continue
        if b - a <= longest_boilerplate and is_boilerplate(line := text[a:b]):
            blocks.append(Block("boilerplate", a, b))
            notices.append(Notice("boilerplate", f"boilerplate line skipped: {line.strip()[:40]}", a, b))
        elif len(blocks) <= 3 and is_byline(text[a:b]):
            blocks.append(Block("byline", a, b))
        else:
            blocks.append(Block("paragraph", a, b))
    title = fallback_title
    if blocks:
        first = blocks[0]
        line = text[first.start : first.end]
        headline = (
            len(blocks) > 1 and "\n" not in line and len(line) <= 160
            and not line.rstrip().endswith(_TERMINAL[:4]) and first.kind == "paragraph"
        )
        if headline:
            blocks[0] = Block("heading", first.start, first.end, 1)
            title = " ".join(line.split())
        else:
            title = derive_title(line, fallback_title)
    return Document(source, "text", title, text, tuple(blocks), (), tuple(notices))
