"""Reading big JSON, JSON Lines and HTML without holding them whole: the pieces a ClaimReview
reader needs (analyzers/ingest/claimreview.py), each yielded as text with where it was.

- ``jsonl_lines``: one JSON value a line; a line longer than the cap is passed over unread.
- ``json_units``: one JSON document (or several back to back) cut into the largest values that
  fit the cap: a small document is one unit; in a big one, the elements of its big arrays and
  objects are (a DataFeed's items, a ``@graph``'s nodes), however big the whole is.
- ``ld_json_blocks``: the ``<script type="application/ld+json">`` blocks of an HTML page.

Memory stays within the cap plus one chunk whatever the input's size."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

UNIT_CAP = 2 * 1024 * 1024        # characters of one record, one line, one script block

_STRUCT = re.compile(r'[{}\[\]"]')
_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)   # a string's body after its quote


@dataclass(frozen=True)
class Piece:
    """A unit of input: its text, or ``None`` with ``problem`` saying why it was passed over."""

    where: str
    text: str | None
    problem: str = ""
    nested: bool = False          # an element of a bigger value (a feed's item, a @graph's node)


def jsonl_lines(chunks: Iterable[str], name: str, cap: int = UNIT_CAP) -> Iterator[Piece]:
    """Every non-blank line, numbered from 1; a line over ``cap`` characters is one problem
    piece, read past without keeping it."""
    line: list[str] = []
    size = 0
    number = 1
    too_long = False
    for chunk in chunks:
        start = 0
        while True:
            nl = chunk.find("\n", start)
            part = chunk[start:] if nl < 0 else chunk[start:nl]
            if not too_long:
                size += len(part)
                if size > cap:
                    too_long, line = True, []
                else:
                    line.append(part)
            if nl < 0:
                break
            yield from _line(name, number, "".join(line), too_long, cap)
            number += 1
            line, size, too_long = [], 0, False
            start = nl + 1
    yield from _line(name, number, "".join(line), too_long, cap)


def _size(cap: int) -> str:
    return f"{cap / 2**20:g} MiB" if cap >= 2**20 else f"{cap:,} characters"


def _line(name: str, number: int, text: str, too_long: bool, cap: int) -> Iterator[Piece]:
    if too_long:
        yield Piece(f"{name}:{number}", None, f"line longer than {_size(cap)}, not read")
    elif text.strip():
        yield Piece(f"{name}:{number}", text)


@dataclass
class _Open:
    start: int                    # offset of its bracket in the whole input
    bracket: str = "{"
    big: bool = False             # longer than the cap: its elements are the units
    done: list[tuple[int, int]] = field(default_factory=list)   # its closed elements, while small


def json_units(chunks: Iterable[str], name: str, cap: int = UNIT_CAP) -> Iterator[Piece]:
    """The values of a JSON text, cut as the module says. Brackets are matched outside strings
    only; each unit is decoded by the caller (a unit that is not valid JSON is its problem).
    Input that stops matching (a stray bracket, the end inside a value) ends with one problem
    piece, after every complete unit before it."""
    it = iter(chunks)
    buf, base, pos = "", 0, 0
    stack: list[_Open] = []
    small = 0                     # stack[small:] are the frames still under the cap
    count = 0
    eof = False

    def unit(start: int, end: int, nested: bool = True) -> Piece:
        nonlocal count
        count += 1
        return Piece(f"{name}, value {count}", buf[start - base:end - base], nested=nested)

    while True:
        m = _STRUCT.search(buf, pos - base)
        e = _STRING_REST.match(buf, m.end()) if m is not None and m.group() == '"' else None
        if m is not None and e is None and m.group() == '"' and not eof and len(buf) - m.start() > cap:
            # a string longer than the cap: whatever holds it is too big to be a unit
            for frame in stack[small:]:
                frame.big = True
                for s, t in frame.done:
                    yield unit(s, t)
                frame.done = []
            small = len(stack)
            base, buf = base + m.start() + 1, buf[m.start() + 1:]
            while (e := _STRING_REST.match(buf)) is None:
                chunk = next(it, None)
                if chunk is None:
                    yield Piece(f"{name}, at character {base - 1}", None, "ends inside a string (cut short?)")
                    return
                drop = len(buf) - (len(buf) - len(buf.rstrip("\\"))) % 2   # keep an escape cut in two
                base, buf = base + drop, buf[drop:] + chunk
            pos = base + e.end()
            continue
        if m is None or (m.group() == '"' and e is None):
            if eof:
                if m is not None:
                    stack.append(_Open(base + m.start()))  # an unterminated string: reported below
                break
            chunk = next(it, None)
            if chunk is None:
                eof = True
                continue
            keep = min([stack[small].start] if small < len(stack) else [pos])
            keep = min(keep, base + m.start()) if m is not None else keep
            buf, base = buf[keep - base:] + chunk, keep
            continue
        at = base + m.start()
        while small < len(stack) and at - stack[small].start > cap:  # too big to be one unit
            frame = stack[small]
            frame.big = True
            for s, t in frame.done:
                yield unit(s, t)
            frame.done = []
            small += 1
        ch = m.group()
        if ch == '"':
            assert e is not None
            pos = base + e.end()
            continue
        pos = at + 1
        if ch in "{[":
            stack.append(_Open(at, ch))
            continue
        if not stack or stack[-1].bracket != ("{" if ch == "}" else "["):
            yield Piece(f"{name}, at character {at}", None, f"not JSON: a stray {ch!r}; the rest is not read")
            return
        frame = stack.pop()
        small = min(small, len(stack))
        if frame.big:
            continue
        if not stack or stack[-1].big:
            yield unit(frame.start, at + 1, nested=bool(stack))
        else:
            stack[-1].done.append((frame.start, at + 1))
    for frame in stack:   # the input ended inside these: what closed in them still counts
        if not frame.big:
            for s, t in frame.done:
                yield unit(s, t)
    if stack:
        yield Piece(f"{name}, at character {stack[-1].start}", None, "ends inside a value (cut short?)")


_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
_SCRIPT_END = re.compile(r"</script\s*>", re.I)
_LD_JSON = re.compile(r"""type\s*=\s*["']?\s*application/ld\+json""", re.I)
_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


def ld_json_blocks(chunks: Iterable[str], name: str, cap: int = UNIT_CAP) -> Iterator[Piece]:
    """The text of each ``application/ld+json`` script of an HTML page (comment and CDATA
    wrappers removed), numbered from 1; one over ``cap`` is passed over. Other scripts are
    never looked into."""
    it = iter(chunks)
    buf = ""
    count = 0
    skipping = False              # inside a script over the cap: dropped until its end
    while True:
        if skipping:
            end = _SCRIPT_END.search(buf)
            if end is not None:
                buf, skipping = buf[end.end():], False
                continue
            buf = buf[-16:]
        else:
            opened = _SCRIPT.search(buf)
            if opened is not None:
                wanted = bool(_LD_JSON.search(opened.group(1)))
                end = _SCRIPT_END.search(buf, opened.end())
                if end is not None:
                    if wanted:
                        count += 1
                        yield Piece(f"{name}, script {count}", _WRAPPERS.sub("", buf[opened.end():end.start()]))
                    buf = buf[end.end():]
                    continue
                if len(buf) - opened.end() > cap:
                    if wanted:
                        count += 1
                        yield Piece(f"{name}, script {count}", None, f"larger than {_size(cap)}, not read")
                    buf, skipping = buf[opened.end():], True
                    continue
            else:   # keep only what may be the start of a script tag cut by the chunk
                cut = buf.rfind("<")
                buf = buf[cut:] if cut >= 0 and len(buf) - cut < 1024 else ""
        chunk = next(it, None)
        if chunk is None:
            return
        buf += chunk
