"""HTML pages: trafilatura removes the boilerplate; the Markdown loader builds the offsets."""

from __future__ import annotations

import html as htmllib
import re
from typing import Any

from analyzers.ingest.html_tree import MAX_DEPTH, nesting_depth, parse_clean, tag_soup_paragraphs
from analyzers.ingest.markdown import load_markdown
from analyzers.ingest.metadata import byline_names
from analyzers.ingest.sanitize import Sanitizer, clean
from analyzers.model import Block, Document, LoadError, Notice

_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?")


def _controls_made_visible(html: str, sanitizer: Sanitizer) -> str:
    """A control character (raw, or as ``&#27;``) makes libxml2 strings unusable and the whole
    article came out empty: turn every one into its visible symbol before parsing."""
    def literal(m: re.Match[str]) -> str:
        cp = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if (cp < 0x20 and cp not in (0x09, 0x0A, 0x0D)) or 0x7F <= cp < 0xA0:
            return chr(cp)  # the sanitizer turns it into a symbol and counts it
        return m.group(0)

    return sanitizer.clean(_CHAR_REF.sub(literal, html))


def load_html(html: str, source: str, fallback_title: str, notices: list[Notice],
              sanitizer: Sanitizer) -> Document:
    try:
        import trafilatura
    except ImportError as exc:
        raise LoadError(f"HTML support is not installed ({exc.name}): pip install trafilatura lxml_html_clean") from None

    html = _controls_made_visible(html, sanitizer)
    if nesting_depth(html) > MAX_DEPTH:
        # No tree parse here: libxml2 would stop at 256 levels, and its result is not needed.
        m = _TITLE.search(html)
        page_title = clean(" ".join(htmllib.unescape(m.group(1)).split())) if m else ""
        notices.append(Notice("truncated_input", f"HTML nested deeper than {MAX_DEPTH} levels: shown as flat text"))
        parts = [sanitizer.clean(p) for p in tag_soup_paragraphs(html)]
        text, blocks, pos = "\n\n".join(parts), [], 0
        for p in parts:
            blocks.append(Block("paragraph", pos, pos + len(p)))
            pos += len(p) + 2
        return Document(source, "html", page_title or fallback_title, text, tuple(blocks), (), tuple(notices))
    root = parse_clean(html)
    if root is None:
        return load_markdown("", source, fallback_title, notices, sanitizer)
    page_title = clean(" ".join((root.findtext(".//title") or "").split()))
    meta = page_metadata(root)
    md = trafilatura.extract(root, output_format="markdown", include_formatting=True,
                             include_links=True, include_tables=True, with_metadata=False,
                             include_comments=False) or ""
    doc = load_markdown(md, source, fallback_title, notices, sanitizer)
    title = meta.pop("title", "") or page_title or doc.title
    byline = byline_names(meta.pop("author", None))
    date = meta.pop("date", None)
    return Document(source, "html", title, doc.text, doc.blocks, doc.styles, doc.warnings,
                    byline=byline, date=date, meta=meta)


def page_metadata(root: Any) -> dict[str, str]:
    """Title, author, date, site name and canonical URL from the page's markup and meta tags
    (trafilatura.metadata), sanitised; empty values left out."""
    from trafilatura.metadata import extract_metadata

    try:
        # no extensive search: a date is what the page's metadata says, never a year read off
        # its text ('in 2019' is not when it was published; none is better than a guess)
        found = extract_metadata(root, extensive=False)
    except Exception:  # metadata is a nicety: a page it chokes on still opens
        return {}
    out = {}
    for key in ("title", "author", "date", "sitename", "url"):
        value = getattr(found, key, None)
        if isinstance(value, str) and value.strip():
            out[key] = clean(" ".join(value.split()))
    return out
