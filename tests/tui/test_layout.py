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


def test_incremental_layout_equals_the_whole_and_finds_any_offset():
    from tui.layout import Layout

    text = ("A paragraph of prose that wraps across several lines of the reader. " * 8 + "\n\n") * 400
    doc = document_from_text(text, "long.txt")
    whole = layout(doc, 60)
    part = Layout(doc, 60)
    part.until_line(100)
    assert not part.done and 100 < len(part.lines) < len(whole)
    late = doc.blocks[300].start
    assert part.line_of(late) == next(i for i, ln in enumerate(whole) if ln.start == late)
    assert not part.done
    assert part.finish().lines == whole


async def test_G_reaches_the_end_of_a_long_article_laid_out_in_chunks():
    from tests.tui.conftest import ready
    from tui.app import CopydeskApp
    from tui.widgets.article_view import ArticleView

    text = ("The council met again on Tuesday to discuss the harbor bridge budget. " * 6 + "\n\n") * 3000
    doc = document_from_text(text, "book.txt")
    app = CopydeskApp([], document=doc)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        art = app.screen.query_one(ArticleView)
        await pilot.press("G")
        assert art._layout.done and art.scroll_y == art.max_scroll_y
        assert art.visible_range()[1] == doc.blocks[-1].end
