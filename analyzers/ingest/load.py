"""``load()``: read a path or stdin safely, sniff the format, hand over to a format loader."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from analyzers.ingest.decode import decode_bytes
from analyzers.ingest.sanitize import Sanitizer, display, normalise_newlines
from analyzers.ingest.text import load_text
from analyzers.model import Document, LoadError, Notice

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_MD_SIGNALS = [
    re.compile(r"^#{1,6} \S", re.M),
    re.compile(r"\[[^\]\n]{1,200}\]\([^)\s]{1,500}\)"),
    re.compile(r"^\s{0,3}[-*+] \S", re.M),
    re.compile(r"^\s{0,3}> ?\S", re.M),
    re.compile(r"(\*\*|__)\S[^\n]{0,200}?\S\1"),
    re.compile(r"^```", re.M),
    re.compile(r"^\s{0,3}\d{1,3}\. \S", re.M),
]
_HTML = re.compile(r"<(html|body|head|p|div|article|br|span|h[1-6])\b[^>]*>", re.I)


def human_size(n: int) -> str:
    """Binary units, as --max-size reads them: the 20 MiB cap is said '20.0 MiB'."""
    return f"{n / 2**20:.1f} MiB" if n >= 100 * 1024 else f"{n / 1024:.1f} KiB"


def sniff_format(text: str, name: str = "") -> str:
    """Decide the format from the content; the file name only breaks a tie for Markdown."""
    head = text[:4096].lstrip().lower()
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        if re.search(r"<(rss|feed|rdf:rdf)\b", head):
            return "feed"
        return "html" if "<html" in head else "text"
    if head.startswith("<!doctype html") or head.startswith("<html") or len(_HTML.findall(text[:65536])) >= 2:
        return "html"
    from analyzers.ingest.metadata import front_matter

    if front_matter(text[:8192])[0]:  # YAML front matter is a Markdown convention: it makes a file Markdown
        return "markdown"
    sample = text[:50_000]  # bounded quantifiers and sample: sniffing stays linear
    signals = sum(1 for rx in _MD_SIGNALS if rx.search(sample))
    if signals >= 2 or (signals == 1 and name.lower().endswith((".md", ".markdown"))):
        return "markdown"
    return "text"


def _read_capped(f: BinaryIO, max_bytes: int, label: str) -> bytes:
    data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise LoadError(f"{label}: too large: more than {human_size(max_bytes)} "
                        f"(raise the limit with --max-size)")
    return data


def _refuse(source: str, exc: OSError, verb: str = "cannot open") -> LoadError:
    if isinstance(exc, FileNotFoundError):
        return LoadError(f"{source}: no such file")
    if isinstance(exc, PermissionError):
        return LoadError(f"{source}: permission denied")
    return LoadError(f"{source}: {verb}: {exc.strerror or exc}")


def read_fd(fd: int, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of an opened file, checked on the descriptor itself (what was opened, not what
    the path names now): a regular file within the size cap. Closes ``fd``."""
    st = os.fstat(fd)
    problem = None
    if stat.S_ISDIR(st.st_mode):
        problem = "is a directory"
    elif not stat.S_ISREG(st.st_mode):
        problem = "not a regular file (device, FIFO or socket)"
    elif st.st_size > max_bytes:
        problem = (f"too large: {human_size(st.st_size)} > {human_size(max_bytes)} limit "
                   f"(raise it with --max-size)")
    if problem:
        os.close(fd)
        raise LoadError(f"{source}: {problem}")
    with os.fdopen(fd, "rb") as f:
        try:
            return _read_capped(f, max_bytes, source)
        except OSError as exc:
            raise _refuse(source, exc, "cannot read") from None


def read_source(source: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """The raw bytes of a path or of stdin ('-'), refusing what is not a readable regular file."""
    if source == "-":
        return _read_capped(stdin or sys.stdin.buffer, max_bytes, "stdin")
    try:
        st = os.stat(source)
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            # opening a device or FIFO can block or have effects: refuse before opening
            raise LoadError(f"{source}: not a regular file (device, FIFO or socket)")
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        if isinstance(exc, ValueError):
            raise LoadError(f"{source}: not a valid file name") from None
        raise _refuse(source, exc) from None
    return read_fd(fd, source, max_bytes)


def fallback_title(source: str) -> str:
    if source == "-":
        return "(stdin)"
    stem = display(Path(source).stem)
    return stem.replace("_", " ").replace("-", " ").strip() or stem


def document_from_text(text: str, source: str = "-", fmt: str | None = None,
                       notices: list[Notice] | None = None) -> Document:
    """Build a Document from already decoded text (tests, pipelines, the benchmarks)."""
    notices = list(notices or [])
    fmt = fmt or sniff_format(text, source)
    title = fallback_title(source)
    sanitizer = Sanitizer()
    if fmt == "text":
        clean_text = sanitizer.clean(text)
        notices.extend(sanitizer.notices())
        return _byline_from_text(load_text(clean_text, source, title, notices))
    text = normalise_newlines(text)
    # Imported here: lxml and markdown-it cost ~0.1 s of start-up a plain-text article never needs.
    if fmt == "markdown":
        from analyzers.ingest.markdown import load_markdown

        doc = load_markdown(text, source, title, notices, sanitizer)
    elif fmt == "html":
        from analyzers.ingest.html import load_html

        doc = load_html(text, source, title, notices, sanitizer)
    elif fmt == "feed":
        from analyzers.ingest.feed_document import load_feed

        doc = load_feed(text, source, title, notices, sanitizer)
    else:
        raise LoadError(f"unknown format: {fmt}")
    return _with_notices(_byline_from_text(doc), sanitizer.notices())


def _byline_from_text(doc: Document) -> Document:
    """A byline the article carries as a line of its own ('By Lena Okoro') when its markup named
    no author."""
    if doc.byline is not None or doc.format == "feed":
        return doc
    from dataclasses import replace

    from analyzers.ingest.metadata import byline_names

    for block in doc.blocks[:4]:
        if block.kind == "byline":
            names = byline_names(doc.text[block.start:block.end])
            if names:
                return replace(doc, byline=names)
    return doc


def _with_notices(doc: Document, extra: list[Notice]) -> Document:
    if not extra:
        return doc
    return Document(doc.source, doc.format, doc.title, doc.text, doc.blocks, doc.styles,
                    doc.warnings + tuple(extra), doc.byline, doc.date, doc.meta)


def load_bytes(data: bytes, source: str, fmt: str | None = None) -> Document:
    """Decode and parse bytes read from ``source`` (a path, '-' or a URL: only named here)."""
    try:
        decoded = decode_bytes(data)
    except LoadError as exc:
        raise LoadError(f"{source}: {exc}") from None
    doc = document_from_text(decoded.text, source, fmt, list(decoded.notices))
    if not doc.text.strip():
        doc = _with_notices(doc, [Notice("empty", "the article is empty")])
    return doc


def load(source: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
         fmt: str | None = None, stdin: BinaryIO | None = None) -> Document:
    """Load a path (or '-' for stdin) into a Document, or raise LoadError with a one-line reason."""
    source = os.fspath(source)
    return load_bytes(read_source(source, max_bytes, stdin), source, fmt)
