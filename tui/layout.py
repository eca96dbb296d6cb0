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


def layout(doc: Document, width: int, links: dict[int, list[tuple[str, str]]] | None = None) -> list[Line]:
    """Lines for the whole document at ``width`` cells (gutter excluded)."""
    width = max(MIN_WIDTH, width)
    lines: list[Line] = []
    text = doc.text
    spacer = Line(-1, -1, -1)
    append = lines.append
    tables = _tables(doc, width)
    for bi, block in enumerate(doc.blocks):
        table = tables.get(bi)
        if table is not None:  # a row of a table that fits: one line, cells in columns
            if lines and not (bi and doc.blocks[bi - 1].kind == "table_row"):
                append(spacer)
            cells, widths = table
            append(Line(block.start, block.end, bi, cells=cells, widths=widths))
            if block.level == 0:  # under the header row, a rule
                append(Line(-1, -1, bi, note="─┼─".join("─" * w for w in widths)))
            continue
        if lines and not (block.kind == "table_row" and bi and doc.blocks[bi - 1].kind == "table_row"):
            append(spacer)
        if block.kind in ("paragraph", "heading") and block.end - block.start <= width // 2:
            short = text[block.start:block.end]
            if short.isascii() and "\n" not in short:  # the common short line: no wrapping needed
                append(Line(block.start, block.end, bi))
                continue
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
        for label, href in (links or {}).get(bi, []):
            lines.append(Line(-1, -1, bi, "  ", f"↳ {label}: {href}"))
    return lines


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
        self.rows = [i for i, ln in enumerate(lines) if ln.start >= 0]
        self.starts = [lines[i].start for i in self.rows]

    def line_of(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.rows[max(0, i)] if self.rows else 0
