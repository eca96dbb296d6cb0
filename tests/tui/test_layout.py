"""Wrapping the document into display lines: offsets cover the text, lines fit the width."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from analyzers import document_from_text
from tui.layout import LineIndex, layout


@pytest.mark.parametrize("text", [
    "plain words " * 200,
    "x" * 5000,                                  # one long ASCII word
    "“a ‘b " * 3000 + "é" * 20000 + " end",      # non-ASCII, then one 20,000-character word
    "日本語の文章" * 500,                          # double-width characters
])
def test_lines_fit_and_cover_the_text(text):
    doc = document_from_text(text, "t.txt")
    width = 37
    lines = [ln for ln in layout(doc, width) if ln.start >= 0]
    for ln in lines:
        assert cell_len(doc.text[ln.start:ln.end]) <= width
    covered = "".join(doc.text[ln.start:ln.end] for ln in lines)
    assert covered.replace(" ", "") == doc.text.replace(" ", "").replace("\n", "")
    index = LineIndex(layout(doc, width))
    assert index.line_of(len(doc.text) - 1) >= len(lines) - 1 > 0
