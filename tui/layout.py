"""Wrap a Document into display lines once per width. Pure Python: offsets in, lines out.

Each content line covers ``doc.text[start:end]``; blank and note lines (link targets) carry no
offsets. Wrapping is greedy by words, in terminal cells, and linear in the text size.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rich.cells import cell_len

from analyzers.model import Block, Document

_WORD = re.compile(r"\S+\s*|\s+")
GUTTER = 2
MIN_WIDTH = 10


@dataclass(frozen=True, slots=True)
class Line:
    start: int          # offsets into doc.text; -1 for lines that show no document text
    end: int
    block: int          # index into doc.blocks, -1 for spacing
    prefix: str = ""    # bullet, quote bar, indentation
    note: str = ""      # text of a virtual line (link targets, a table's header rule)
    cells: tuple[tuple[int, int], ...] = ()  # a table row: each cell's offsets…
    widths: tuple[int, ...] = ()             # …and its column's width in cells


def _prefix(block: Block, first: bool) -> str:
    if block.kind == "blockquote":
        return "│ " * max(1, min(block.level, 8))
    if block.kind == "list_item":
        indent = "  " * max(0, min(block.level, 8) - 1)
        return indent + ("• " if first else "  ")
    if block.kind == "code":
        return "  "
    return ""


def _wrap_segment(text: str, base: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of one hard line; returns (start, end) offsets, end excluding the
    trailing spaces of each line."""
    if not text:
        return [(base, base)]
    ascii_only = text.isascii()
    measure = len if ascii_only else cell_len
    out: list[tuple[int, int]] = []
    line_start = 0
    used = 0
    for m in _WORD.finditer(text):
        word = m.group(0)
        stripped = word.rstrip()
        w = measure(stripped)
        if used and used + w > width:
            out.append((line_start, m.start()))
            line_start, used = m.start(), 0
        if w > width:  # a word longer than the line: cut it, one line's worth at a time
            pos, end = m.start(), m.start() + len(stripped)
            while True:
                cut = pos + width if ascii_only else _cut_cells(text, pos, width)
                if cut >= end:
                    break
                out.append((pos, cut))
                pos = cut
            line_start, used = pos, measure(text[pos:m.end()])
            continue
        used += measure(word)
    out.append((line_start, len(text)))
    result = []
    for a, b in out:
        while b > a and text[b - 1] in " \t":
            b -= 1
        result.append((base + a, base + b))
    return result


def _cut_cells(text: str, pos: int, width: int) -> int:
    used = 0
    for i in range(pos, len(text)):
        used += cell_len(text[i])
        if used > width:
            return max(i, pos + 1)
    return len(text)


class Layout:
    """The document's display lines at one width, made in chunks: a screenful before the first
    paint, the rest as the reader idles or as a jump needs it (a 100,000-word article would
    otherwise be wrapped whole before anything is shown)."""

    def __init__(self, doc: Document, width: int, links: dict[int, list[tuple[str, str]]] | None = None) -> None:
        self.doc = doc
        self.width = max(MIN_WIDTH, width)
        self.links = links or {}
        self.lines: list[Line] = []
        self.index = LineIndex([])
        self._next = 0                       # the next block to lay out
        self._tables = _tables(doc, self.width)

    @property
    def done(self) -> bool:
        return self._next >= len(self.doc.blocks)

    def extend(self, chars: int) -> None:
        """Lay out about ``chars`` more characters of text (at least one block)."""
        blocks, first, used = self.doc.blocks, len(self.lines), 0
        while self._next < len(blocks) and (used < chars or len(self.lines) == first):
            block = blocks[self._next]
            self._block(self._next)
            used += block.end - block.start
            self._next += 1
        self.index.add(self.lines, first)

    def until_line(self, row: int) -> None:
        while not self.done and len(self.lines) <= row:
            self.extend(20_000)

    def until_offset(self, offset: int) -> None:
        blocks = self.doc.blocks
        while not self.done and blocks[self._next].start <= offset:
            self.extend(20_000)

    def finish(self) -> Layout:
        while not self.done:
            self.extend(1 << 30)
        return self

    def line_of(self, offset: int) -> int:
        self.until_offset(offset)
        return self.index.line_of(offset)

    def _block(self, bi: int) -> None:
        doc, width, lines = self.doc, self.width, self.lines
        text, block = doc.text, doc.blocks[bi]
        append = lines.append
        after_row = bi > 0 and doc.blocks[bi - 1].kind == "table_row"
        table = self._tables.get(bi)
        if table is not None:  # a row of a table that fits: one line, cells in columns
            if lines and not after_row:
                append(_SPACER)
            cells, widths = table
            append(Line(block.start, block.end, bi, cells=cells, widths=widths))
            if block.level == 0:  # under the header row, a rule
                append(Line(-1, -1, bi, note="─┼─".join("─" * w for w in widths)))
            return
        if lines and not (block.kind == "table_row" and after_row):
            append(_SPACER)
        if block.kind in ("paragraph", "heading") and block.end - block.start <= width // 2:
            short = text[block.start:block.end]
            if short.isascii() and "\n" not in short:  # the common short line: no wrapping needed
                append(Line(block.start, block.end, bi))
                return
        first = True
        head, rest = _prefix(block, True), _prefix(block, False)
        body_width = max(MIN_WIDTH, width - cell_len(head))
        pos = block.start
        for hard in text[block.start:block.end].split("\n"):
            if len(hard) <= body_width // 2 and hard.isascii():  # short line: nothing to wrap
                b = pos + len(hard.rstrip(" \t"))
                append(Line(pos, b, bi, head if first else rest))
                first = False
            else:
                for a, b in _wrap_segment(hard, pos, body_width):
                    append(Line(a, b, bi, head if first else rest))
                    first = False
            pos += len(hard) + 1
        for label, href in self.links.get(bi, []):
            append(Line(-1, -1, bi, "  ", f"↳ {label}: {href}"))


_SPACER = Line(-1, -1, -1)


def layout(doc: Document, width: int, links: dict[int, list[tuple[str, str]]] | None = None) -> list[Line]:
    """Lines for the whole document at ``width`` cells (gutter excluded)."""
    return Layout(doc, width, links).finish().lines


CELL_GAP = 3  # " │ " between columns


def _tables(doc: Document, width: int) -> dict[int, tuple[tuple[tuple[int, int], ...], tuple[int, ...]]]:
    """Block index -> (cell offsets, column widths) for every row of the tables that fit
    ``width`` as columns; rows of wider tables are left out (they wrap as text, cells apart)."""
    out: dict[int, tuple[tuple[tuple[int, int], ...], tuple[int, ...]]] = {}
    text, blocks = doc.text, doc.blocks
    i = 0
    while i < len(blocks):
        if blocks[i].kind != "table_row":
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].kind == "table_row":
            j += 1
        rows = []
        for bi in range(i, j):
            b, pos, cells = blocks[bi], blocks[bi].start, []
            for part in text[b.start:b.end].split("\t"):
                cells.append((pos, pos + len(part)))
                pos += len(part) + 1
            rows.append(cells)
        ncols = max(len(r) for r in rows)
        widths = [max((cell_len(text[r[c][0]:r[c][1]]) for r in rows if c < len(r)), default=0)
                  for c in range(ncols)]
        if sum(widths) + CELL_GAP * (ncols - 1) <= width:
            for bi, cells in zip(range(i, j), rows, strict=True):
                out[bi] = (tuple(cells), tuple(widths))
        i = j
    return out


def link_notes(doc: Document) -> dict[int, list[tuple[str, str]]]:
    """Link targets per block, shown under the block (a link is never opened by a click)."""
    starts = [b.start for b in doc.blocks]
    out: dict[int, list[tuple[str, str]]] = {}
    for s in doc.styles:
        if s.kind == "link" and s.href:
            bi = bisect.bisect_right(starts, s.start) - 1
            label = " ".join(doc.text[s.start:s.end].split())[:60]
            out.setdefault(bi, []).append((label, s.href[:300]))
    return out


class LineIndex:
    """Maps document offsets to display lines."""

    def __init__(self, lines: list[Line]) -> None:
        self.rows: list[int] = []
        self.starts: list[int] = []
        self.add(lines, 0)

    def add(self, lines: list[Line], first: int) -> None:
        """Index ``lines[first:]`` (appended since the last call)."""
        for i in range(first, len(lines)):
            if lines[i].start >= 0:
                self.rows.append(i)
                self.starts.append(lines[i].start)

    def line_of(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.rows[max(0, i)] if self.rows else 0
