"""Markdown via markdown-it-py, with character offsets computed while the text is built.

markdown-it tokens only carry line numbers, so the plain text is assembled here from inline
tokens and every block and inline style records where its text landed.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from analyzers.ingest.metadata import byline_names, derive_title, front_matter
from analyzers.ingest.sanitize import Sanitizer
from analyzers.ingest.text import is_byline
from analyzers.model import Block, Document, Notice, Style

MAX_NESTING = 60
# Deeper container prefixes than this are flattened before parsing: markdown-it stops parsing the
# rest of the document once maxNesting is reached, which would silently drop text.
MAX_PREFIX_MARKERS = 8
MAX_INDENT = 40
MAX_BRACKETS = 64
_DEEP_PREFIX = re.compile(
    r"^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*){%d,}" % (MAX_PREFIX_MARKERS + 1), re.M
)
_DEEP_INDENT = re.compile(r"^[ \t]{%d,}(?=(?:[-*+]|\d{1,9}[.)])[ \t])" % MAX_INDENT, re.M)
_STYLE_TOKENS = {"em": "emphasis", "strong": "strong", "s": "strike"}


def _parser() -> MarkdownIt:
    # html=False: raw HTML in an article is text, never markup; no linkify (quadratic inputs).
    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING, "html": False}).enable(
        ["table", "strikethrough"]
    )


class _Builder:
    def __init__(self, sanitizer: Sanitizer) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.styles: list[Style] = []
        self.clean = sanitizer.clean
        self.in_cell = False  # table cells are tab-separated: a tab inside one becomes a space

    def add(self, s: str) -> None:
        if s:
            if self.in_cell:
                s = s.replace("\t", " ")
            self.parts.append(s)
            self.length += len(s)

    def start_block(self, tight: bool = False) -> int:
        """Where the next block starts; a blank line before it, one newline between table rows."""
        if self.length:
            self.add("\n" if tight else "\n\n")
        return self.length

    def end_block(self, kind: str, start: int, level: int) -> None:
        if self.length > start:
            self.blocks.append(Block(kind, start, self.length, level))

    def inline(self, token: Token) -> None:
        opened: list[tuple[str, int, str | None]] = []
        for child in token.children or []:
            t = child.type
            if t == "text":
                self.add(self.clean(child.content))
            elif t == "softbreak":
                self.add(" ")
            elif t == "hardbreak":
                self.add("\n")
            elif t == "code_inline":
                start = self.length
                self.add(self.clean(child.content))
                self.styles.append(Style("code", start, self.length))
            elif t == "image":
                alt = self.clean(child.content)
                self.add(f"[image: {alt}]" if alt else "[image]")
            elif t == "link_open":
                opened.append(("link", self.length, self.clean(str(child.attrGet("href") or ""))))
            elif t.endswith("_open") and t[:-5] in _STYLE_TOKENS:
                opened.append((_STYLE_TOKENS[t[:-5]], self.length, None))
            elif t.endswith("_close") and opened:
                kind, start, href = opened.pop()
                if self.length > start:
                    self.styles.append(Style(kind, start, self.length, href))
            elif child.content:
                self.add(self.clean(child.content))

    def text(self) -> str:
        return "".join(self.parts)


def load_markdown(source_text: str, source: str, fallback_title: str, notices: list[Notice],
                  sanitizer: Sanitizer) -> Document:
    # YAML front matter is the article's metadata, not its first heading (nor a claim)
    meta, body_start = front_matter(source_text)
    flat, n = _DEEP_PREFIX.subn("", source_text[body_start:])
    flat, m = _DEEP_INDENT.subn("", flat)
    # Lines crowded with '[' make markdown-it's link-label search quadratic (seconds for 50 KB):
    # there, brackets are escaped and shown as text, which is what they are anyway.
    flat = "\n".join(line.replace("[", "\\[") if line.count("[") > MAX_BRACKETS else line
                     for line in flat.split("\n"))
    if n + m:
        notices.append(Notice("truncated_input", f"{n + m} deeply nested Markdown lines shown flat"))
    tokens = _parser().parse(flat)
    b = _Builder(sanitizer)
    containers: list[str] = []
    heading_level = 0
    row: list[Token] | None = None
    in_head = False
    for tok in tokens:
        t = tok.type
        if t in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            containers.append(t[:-5])
        elif t in ("blockquote_close", "bullet_list_close", "ordered_list_close") and containers:
            containers.pop()
        elif t == "heading_open":
            heading_level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
        elif t == "heading_close":
            heading_level = 0
        elif t in ("thead_open", "tbody_open"):
            in_head = t == "thead_open"
        elif t == "tr_open":
            row = []
        elif t == "tr_close" and row is not None:
            start = b.start_block(tight=bool(b.blocks) and b.blocks[-1].kind == "table_row")
            for i, cell in enumerate(row):
                if i:
                    b.add("\t")
                b.in_cell = True
                b.inline(cell)
                b.in_cell = False
            b.end_block("table_row", start, 0 if in_head else 1)
            row = None
        elif t == "inline":
            if row is not None:
                row.append(tok)
                continue
            start = b.start_block()
            b.inline(tok)
            if heading_level:
                kind, level = "heading", heading_level
            elif containers and containers[-1] != "blockquote":
                kind, level = "list_item", sum(c != "blockquote" for c in containers)
            elif containers:
                kind, level = "blockquote", containers.count("blockquote")
            elif len(b.blocks) <= 3 and is_byline(b.text()[start:]):
                kind, level = "byline", 0
            else:
                kind, level = "paragraph", 0
            b.end_block(kind, start, level)
        elif t in ("fence", "code_block"):
            start = b.start_block()
            b.add(sanitizer.clean(tok.content.rstrip("\n")))
            b.end_block("code", start, 0)
    text = b.text()
    heads = [blk for blk in b.blocks if blk.kind == "heading"]
    if heads:
        top = min(heads, key=lambda blk: (blk.level, blk.start))
        title = " ".join(text[top.start : top.end].split())
    elif b.blocks:
        title = derive_title(text[b.blocks[0].start : b.blocks[0].end], fallback_title)
    else:
        title = fallback_title
    return Document(source, "markdown", meta.get("title") or title, text, tuple(b.blocks), tuple(b.styles),
                    tuple(notices), byline=byline_names(meta.get("author") or meta.get("byline")),
                    date=meta.get("date") or meta.get("published"),
                    meta={k: v for k, v in meta.items() if k in ("sitename", "url", "source")})
