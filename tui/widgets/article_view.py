"""The article pane: the Document drawn on Textual's line API.

Wrapped once per width, only visible lines are rendered, and every highlight is a span of
document offsets. Article text becomes ``rich.text.Text`` built from plain strings: never markup.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from analyzers.ingest.sanitize import INVISIBLE
from analyzers.model import Analysis, Document, QuoteKind
from analyzers.store.review.marks import SIGNS as REVIEW_SIGNS
from tui.layout import GUTTER, Layout, Line, link_notes

_SHOW_INVISIBLE = str.maketrans({c: "·" for c in INVISIBLE} | {"\t": " "})
_SHOW_CELLS = str.maketrans({c: "·" for c in INVISIBLE} | {"\t": "│"})  # a table too wide for columns
GROW_CHARS = 40_000  # characters laid out per step after the first paint (a few ms each)
MAX_SPAN = 8000  # longest highlight span we look back for (quotes are capped shorter)


@dataclass(frozen=True, slots=True)
class Highlight:
    start: int
    end: int
    component: str    # a component class of ArticleView, so themes style it


class _Layer:
    """Spans sorted by start, queried by line range."""

    def __init__(self, spans: list[Highlight]) -> None:
        self.spans = sorted(spans, key=lambda h: h.start)
        self.starts = [h.start for h in self.spans]

    def overlapping(self, a: int, b: int) -> list[Highlight]:
        hi = bisect.bisect_left(self.starts, b)
        lo = bisect.bisect_left(self.starts, a - MAX_SPAN)
        return [h for h in self.spans[lo:hi] if h.end > a]


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrollable, wrapped, highlighted article."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--heading", "article--byline", "article--boilerplate", "article--code",
        "article--prefix", "article--note", "article--emphasis", "article--strong",
        "article--link", "article--quote-direct", "article--quote-indirect", "article--quote-mixed",
        "article--speaker", "article--cue", "article--current", "article--match",
        "article--match-current", "article--mention", "article--gutter-claim",
        "article--gutter-current", "article--invisible", "article--review-verified",
        "article--review-disputed", "article--review-needs_source", "article--review-unreviewed",
        "article--review-pending",
    }
    DEFAULT_CSS = """
    ArticleView { padding: 0; scrollbar-size-vertical: 0; }
    ArticleView > .article--heading { text-style: bold; color: $accent; }
    ArticleView > .article--byline { text-style: italic; color: $text-muted; }
    ArticleView > .article--boilerplate { text-style: strike; color: $text-disabled; }
    ArticleView > .article--code { color: $text-muted; }
    ArticleView > .article--prefix { color: $text-muted; }
    ArticleView > .article--note { color: $text-muted; text-style: italic; }
    ArticleView > .article--emphasis { text-style: italic; }
    ArticleView > .article--strong { text-style: bold; }
    ArticleView > .article--link { text-style: underline; }
    ArticleView > .article--quote-direct { color: $quote-direct; text-style: underline; }
    ArticleView > .article--quote-indirect { color: $quote-indirect; text-style: italic; }
    ArticleView > .article--quote-mixed { color: $quote-mixed; text-style: underline italic; }
    ArticleView > .article--speaker { text-style: bold; }
    ArticleView > .article--cue { text-style: bold italic; }
    ArticleView > .article--current { text-style: reverse; }
    ArticleView > .article--match { background: $match 40%; text-style: underline; }
    ArticleView > .article--match-current { background: $match; color: $background; text-style: bold reverse; }
    ArticleView > .article--mention { text-style: bold underline; color: $mention; }
    ArticleView > .article--gutter-claim { color: $claim-mark; }
    ArticleView > .article--gutter-current { color: $accent; text-style: bold; }
    ArticleView > .article--invisible { color: $text-disabled; }
    ArticleView > .article--review-verified { color: $mark-verified; text-style: bold; }
    ArticleView > .article--review-disputed { color: $mark-disputed; text-style: bold; }
    ArticleView > .article--review-needs_source { color: $mark-needs-source; text-style: bold; }
    ArticleView > .article--review-unreviewed { color: $text-muted; }
    ArticleView > .article--review-pending { color: $text-muted; text-style: italic; }
    """

    class Scrolled(Message):
        """The visible part of the document changed: (start, end) offsets."""

        def __init__(self, start: int, end: int) -> None:
            self.start = start
            self.end = end
            super().__init__()

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.analysis: Analysis | None = None
        self._layout = Layout(document, 1)  # replaced at the first real width
        self._width = -1
        self._links = link_notes(document)
        self._static = self._static_layers()
        self._quote_layer = _Layer([])
        self._claim_starts: list[tuple[int, int]] = []
        self._review_marks: list[tuple[int, int, str]] = []
        self.current: tuple[int, int] | None = None
        self.matches: list[tuple[int, int]] = []
        self.current_match = -1
        self.mentions: list[tuple[int, int]] = []
        self._cache: LRUCache[int, Strip] = LRUCache(512)  # rendered rows, by row
        self._last_visible: tuple[int, int] = (-1, -1)

    # -- data ---------------------------------------------------------------------------------
    def _static_layers(self) -> _Layer:
        spans = []
        kinds = {"emphasis": "article--emphasis", "strong": "article--strong", "link": "article--link",
                 "code": "article--code", "strike": "article--boilerplate"}
        for s in self.document.styles:
            if s.kind in kinds:
                spans.append(Highlight(s.start, s.end, kinds[s.kind]))
        return _Layer(spans)

    def set_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        spans = []
        for q in analysis.quotes:
            spans.append(Highlight(q.start, q.end, QuoteKind(q.kind).component))
            if q.speaker is not None:
                spans.append(Highlight(q.speaker.start, q.speaker.end, "article--speaker"))
            if q.cue is not None:
                spans.append(Highlight(q.cue.start, q.cue.end, "article--cue"))
        self._quote_layer = _Layer(spans)
        self._claim_starts = sorted((c.start, c.end) for c in analysis.claims)
        self.repaint()

    def notify_style_update(self) -> None:
        """A new theme (or CSS): cached rows carry the old colours."""
        super().notify_style_update()
        self._cache.clear()

    def set_review_marks(self, marks: list[tuple[int, int, str]]) -> None:
        """(start, end, status) of the reviewed items: a sign in the gutter, the status colour
        on the text (the sign alone says it all where there is no colour)."""
        if marks != self._review_marks:
            self._review_marks = sorted(marks)
            self.repaint()

    def set_current(self, span: tuple[int, int] | None) -> None:
        old, self.current = self.current, span
        for s in (old, span):
            if s is not None:
                self.refresh_span(*s)

    @property
    def lines(self) -> list[Line]:
        """The display lines laid out so far (all of them once the layout is done)."""
        return self._layout.lines

    def line_of(self, offset: int) -> int:
        """The display line showing ``offset`` (laying out up to it if need be)."""
        self._ensure_layout()
        return self._layout.line_of(offset)

    def finish_layout(self) -> None:
        """Every line now: for G and anything else that needs the end of the article."""
        self._ensure_layout()
        if not self._layout.done:
            self._layout.finish()
            self._sized()

    def refresh_span(self, start: int, end: int) -> None:
        """Repaint only the rows that show [start, end): jumps stay cheap over SSH."""
        if not self.lines:
            return
        first = self.line_of(start)
        last = self.line_of(max(start, end - 1))
        for row in range(first, last + 1):
            self._cache.discard(row)
        top = first - int(self.scroll_y)
        self.refresh(Region(0, top, self.size.width, last - first + 1))

    def set_matches(self, matches: list[tuple[int, int]], current: int) -> None:
        self.matches, self.current_match = matches, current
        self.repaint()

    def set_mentions(self, mentions: list[tuple[int, int]]) -> None:
        self.mentions = mentions
        self.repaint()

    def repaint(self) -> None:
        """Every row again (new highlights): the row cache is dropped."""
        self._cache.clear()
        self.refresh()

    # -- geometry -----------------------------------------------------------------------------
    def _ensure_layout(self) -> None:
        width = max(10, self.scrollable_content_region.width - GUTTER - 1)
        if width != self._width:
            self._width = width
            self._layout = Layout(self.document, width, self._links)
            # a few screens now, the rest in chunks between events (see _grow)
            self._layout.until_line(int(self.scroll_y) + 3 * max(40, self.scrollable_content_region.height))
            self._cache.clear()
            self._sized()
            if not self._layout.done:
                self.call_later(self._grow)

    def _grow(self) -> None:
        """Lay out the next chunk of a long article; keys are handled between chunks."""
        layout = self._layout
        if layout.done:
            return
        layout.extend(GROW_CHARS)
        self._sized()
        if not layout.done:
            self.set_timer(0.005, self._grow)

    def _sized(self) -> None:
        self.virtual_size = Size(self._width + GUTTER, len(self.lines))

    def on_resize(self) -> None:
        top = self.top_offset()
        self._ensure_layout()
        if top is not None:
            self.scroll_to(y=self.line_of(top), animate=False)

    def top_offset(self) -> int | None:
        y = int(self.scroll_y)
        for ln in self.lines[y:y + 50]:
            if ln.start >= 0:
                return ln.start
        return None

    def visible_range(self) -> tuple[int, int]:
        y, h = int(self.scroll_y), self.scrollable_content_region.height
        rows = [ln for ln in self.lines[y:y + h] if ln.start >= 0]
        return (rows[0].start, rows[-1].end) if rows else (0, 0)

    def scroll_percent(self) -> int:
        total = max(1, len(self.lines) - self.scrollable_content_region.height)
        return min(100, round(100 * self.scroll_y / total)) if self.lines else 0

    def scroll_to_offset(self, offset: int) -> None:
        line = self.line_of(offset)
        height = self.scrollable_content_region.height
        if not (self.scroll_y <= line < self.scroll_y + height - 1):
            self.scroll_to(y=max(0, line - height // 3), animate=False)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._post_visible()

    def _post_visible(self) -> None:
        rng = self.visible_range()
        if rng != self._last_visible:
            self._last_visible = rng
            self.post_message(self.Scrolled(*rng))

    # -- rendering ----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        row = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        strip = self._cache.get(row)
        if strip is None:
            strip = self._render_row(row, width)
            self._cache[row] = strip
        return strip.crop_extend(0, width, self.rich_style).simplify()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _render_row(self, row: int, width: int) -> Strip:
        if row >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        ln = self.lines[row]
        base = self.rich_style
        if ln.start < 0:
            if not ln.note:
                return Strip.blank(width, base)
            text = Text(" " * GUTTER + ln.prefix + ln.note, style=self._style("article--note"), no_wrap=True)
            return Strip(text.render(self.app.console), text.cell_len).apply_style(base)
        a, b = ln.start, ln.end
        block = self.document.blocks[ln.block]
        if ln.cells:  # a table row: each cell styled on its own, padded to its column
            body = Text(no_wrap=True, end="")
            for k, ((cs, ce), w) in enumerate(zip(ln.cells, ln.widths, strict=False)):
                if k:
                    body.append(" │ ", self._style("article--prefix"))
                cell = self._styled(cs, ce, block.kind)
                if block.level == 0:
                    cell.stylize(self._style("article--strong"))
                body.append_text(cell)
                body.append(" " * max(0, w - cell.cell_len))
        else:
            body = self._styled(a, b, block.kind)
        line = Text.assemble(self._gutter(a, b), Text(ln.prefix, style=self._style("article--prefix")), body,
                             no_wrap=True, end="")
        segments = list(line.render(self.app.console))
        # one segment per run of equal style: fewer escape sequences per line over SSH
        return Strip(segments, line.cell_len).apply_style(base).simplify()

    def _styled(self, a: int, b: int, kind: str) -> Text:
        """doc.text[a:b] with every highlight that falls on it."""
        shown = self.document.text[a:b].translate(_SHOW_CELLS if kind == "table_row" else _SHOW_INVISIBLE)
        body = Text(shown, no_wrap=True, end="")
        if kind in ("heading", "byline", "boilerplate", "code"):
            body.stylize(self._style(f"article--{kind}"))
        for layer in (self._static, self._quote_layer):
            for h in layer.overlapping(a, b):
                body.stylize(self._style(h.component), max(0, h.start - a), h.end - a)
        for s, e in self.mentions:
            if s < b and e > a:
                body.stylize(self._style("article--mention"), max(0, s - a), e - a)
        for i, (s, e) in enumerate(self.matches):
            if s < b and e > a:
                name = "article--match-current" if i == self.current_match else "article--match"
                body.stylize(self._style(name), max(0, s - a), e - a)
        current = self.current
        if current is not None and self._is_current(a, b):
            body.stylize(self._style("article--current"), max(0, current[0] - a), current[1] - a)
        if self._review_at(a, b) is not None:
            for s, e, st in self._review_marks:
                if s < b and e > a and st != "unreviewed":
                    body.stylize(self._style(f"article--review-{st}"), max(0, s - a), e - a)
        return body

    def _is_current(self, a: int, b: int) -> bool:
        c = self.current
        return c is not None and c[0] < max(b, a + 1) and c[1] > a

    def _gutter(self, a: int, b: int) -> Text:
        """Two columns: ▶ the current item or ┃ a claim; then the review sign of a marked item."""
        gutter = Text(no_wrap=True, end="")
        if self._is_current(a, b):
            gutter.append("▶", self._style("article--gutter-current"))
        elif self._has_claim(a, b):
            gutter.append("┃", self._style("article--gutter-claim"))
        else:
            gutter.append(" ")
        status = self._review_at(a, b)
        if status is not None:
            gutter.append(REVIEW_SIGNS[status], self._style(f"article--review-{status}"))
        else:
            gutter.append(" ")
        return gutter

    def _review_at(self, a: int, b: int) -> str | None:
        marks = self._review_marks
        if not marks:
            return None
        i = bisect.bisect_left(marks, (b, 0, ""))
        for s, e, st in marks[max(0, i - 40):i]:
            if e > a and s < max(b, a + 1):
                return st
        return None

    def _has_claim(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self._claim_starts, (b, 0))
        return any(e > a for s, e in self._claim_starts[max(0, i - 40):i])


__all__ = ["ArticleView", "Highlight"]
