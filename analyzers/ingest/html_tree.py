"""Shared HTML hygiene: drop what a browser would not show as prose, never fetch anything."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

# Elements whose text is never article prose: code, styles, embedded documents, forms.
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
              "embed", "svg", "math", "form", "button", "select", "textarea", "canvas", "audio",
              "video", "base")  # meta and link stay: the page's metadata (author, date, canonical URL)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "param"}
MAX_DEPTH = 200


def nesting_depth(html: str, limit: int = MAX_DEPTH) -> int:
    """Approximate element depth from the tag stream; stops counting once past ``limit``."""
    depth = best = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            continue
        depth = depth - 1 if m.group(1) else depth + 1
        if depth > best:
            best = depth
            if best > limit:
                break
    return best


def parse_clean(html: str) -> lxml.html.HtmlElement | None:
    """Parse without network access and remove hidden and non-prose elements."""
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    drop = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            drop.append(el)
            continue
        tag = el.tag.lower()
        if tag in _DROP_TAGS or el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
            drop.append(el)
    for el in drop:
        if el.getparent() is not None:
            el.drop_tree()
    return root


def flat_paragraphs(root: lxml.html.HtmlElement) -> list[str]:
    """Every text node as its own line: for trees too deep for recursive extractors."""
    return [" ".join(t.split()) for t in root.itertext() if t.strip()]


_DROP_BLOCKS = re.compile(r"<(script|style|noscript|template|iframe|svg|math|object|embed|head|title)\b.*?</\1\s*>",
                          re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|section|article|blockquote|header|footer|ul|ol|table)\b[^>]*>",
                        re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


def tag_soup_paragraphs(html: str) -> list[str]:
    """Text of HTML too deep for a tree parser (libxml2 stops at 256 levels and drops the rest):
    a flat, linear pass over the tags."""
    import html as htmllib

    s = _COMMENT.sub(" ", _DROP_BLOCKS.sub(" ", html))
    s = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", s))
    text = htmllib.unescape(s)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
