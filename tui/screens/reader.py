"""The reader: article beside the live sidebar, jump keys, incremental search."""

from __future__ import annotations

import bisect
import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from analyzers.ingest.sanitize import display
from analyzers.model import Analysis, Document
from analyzers.review.marks import KIND_OF_SECTION
from tui.messages import AnalysisFailed, AnalysisStatus, AnalysisUpdated
from tui.screens.reader_review import ReviewActions
from tui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from textual.widgets import Input

    from analyzers.review.session import Review
    from tui.widgets.sidebar import Item, Sidebar

STREAM_PAINT_INTERVAL = 1.0  # partial results repaint at most this often: each repaint stalls keys
NARROW = 100  # below this width the sidebar overlays the article instead of sharing the row


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; padding: 0 1; }
    """


class ReaderScreen(ReviewActions, Screen[None]):
    """One article. Analysis runs in a worker and streams into the sidebar."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line(1)", "line down", show=False),
        Binding("k,up", "line(-1)", "line up", show=False),
        Binding("space,pagedown", "page(1)", "page down", show=False),
        Binding("b,pageup", "page(-1)", "page up", show=False),
        Binding("g,home", "top", "top", show=False),
        Binding("G,end", "bottom", "bottom", show=False),
        Binding("right_square_bracket", "jump('claims', 1)", "next claim", key_display="]"),
        Binding("left_square_bracket", "jump('claims', -1)", "previous claim", key_display="[", show=False),
        Binding("right_curly_bracket", "jump('quotes', 1)", "next quote", key_display="}"),
        Binding("left_curly_bracket", "jump('quotes', -1)", "previous quote", key_display="{", show=False),
        Binding("right_parenthesis", "mention(1)", "next mention", key_display=")"),
        Binding("left_parenthesis", "mention(-1)", "previous mention", key_display="(", show=False),
        Binding("slash", "search", "search", key_display="/"),
        Binding("n", "match(1)", "next match", show=False),
        Binding("N", "match(-1)", "previous match", show=False),
        Binding("1", "section('entities')", "entities", show=False),
        Binding("2", "section('quotes')", "quotes", show=False),
        Binding("3", "section('sources')", "sources", show=False),
        Binding("4", "section('claims')", "claims", show=False),
        Binding("v", "review('verified')", "mark verified", show=False),
        Binding("x", "review('disputed')", "mark disputed", show=False),
        Binding("u", "review('needs_source')", "mark needs a source", show=False),
        Binding("c", "review('unreviewed')", "clear the mark", show=False),
        Binding("a", "note", "note on the current item", show=False),
        Binding("r", "queue", "review queue"),
        Binding("e", "export", "export the review", show=False),
        Binding("s", "toggle_sidebar", "sidebar"),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("escape", "back", "back", show=False),
        Binding("q", "app.quit", "quit"),
    ]
    DEFAULT_CSS = """
    ReaderScreen #body { height: 1fr; }
    ReaderScreen ArticleView { width: 1fr; }
    ReaderScreen #search { dock: bottom; height: 3; display: none; }
    ReaderScreen #search.-open { display: block; }
    ReaderScreen.-narrow Sidebar { dock: right; width: 100%; max-width: 100%; background: $surface; }
    ReaderScreen.-hide-sidebar Sidebar { display: none; }
    """

    def __init__(self, document: Document, model: str | None = None, *, can_go_back: bool = False,
                 analysis: Analysis | None = None) -> None:
        super().__init__()
        self.document = document
        self.model = model
        self.can_go_back = can_go_back
        self.analysis: Analysis | None = analysis
        self.fixed_analysis = analysis is not None
        self.progress_text = "starting analysis…"
        self.item_text = ""
        self.cursor: dict[str, int] = {"claims": -1, "quotes": -1, "mentions": -1, "matches": -1}
        self.matches: list[tuple[int, int]] = []
        self.mention_target: Item | None = None
        self._last_jump: str | None = None
        self.chrome_ready = False
        self._search_cache: tuple[str, list[int] | None] | None = None
        self.review: Review | None = None
        self._last_partial = 0.0
        self.current_item: tuple[str, str] | None = None   # (section, id) of the last claim/quote shown

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Only the article and the status line are needed for the first paint; the sidebar,
        # search box and footer are mounted right after it (they cost ~0.3 s of CSS and layout).
        with Horizontal(id="body"):
            yield ArticleView(self.document, id="article")
        yield StatusLine(id="status")

    def _mount_chrome(self) -> None:
        from textual.widgets import Footer, Input

        from tui.widgets.sidebar import Sidebar

        self.query_one("#body").mount(Sidebar(self.document.warnings, id="sidebar"))
        self.mount(Input(placeholder="search the article (Enter closes, n/N move)", id="search"),
                   before=self.query_one(StatusLine))
        self.mount(Footer())
        self._open_review()
        self.call_after_refresh(self._chrome_ready)

    def _chrome_ready(self) -> None:
        self.chrome_ready = True
        self.refresh_bindings()  # a Footer mounted late learns the keys from this
        if self.analysis is not None:
            self._show_analysis(self.analysis)
        if self.fixed_analysis:
            self.progress_text = self._summary(self.analysis) if self.analysis else ""
            self.update_status()
        else:
            # Start after the first paint: importing spaCy in a thread competes for the GIL.
            self.set_timer(0.05, self.run_analysis)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def sidebar(self) -> Sidebar:
        from tui.widgets.sidebar import Sidebar

        return self.query_one(Sidebar)

    def on_mount(self) -> None:
        self.article.focus()
        self._apply_width(self.app.size.width)
        if self.analysis is not None:
            self.progress_text = self._summary(self.analysis)
        self.update_status()
        # a short timer, not call_after_refresh: the first frame must reach the terminal first
        self.set_timer(0.03, self._mount_chrome)

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = width < NARROW
        if narrow and not self.has_class("-narrow"):
            self.add_class("-narrow", "-hide-sidebar")  # an overlay: start closed, 's' opens
        elif not narrow:
            self.remove_class("-narrow")

    # -- analysis -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="analysis")
    def run_analysis(self) -> None:
        """Relay what the analysis feed yields. This thread only waits and unpickles; spaCy runs
        in the child process on the other core."""
        from textual.worker import get_current_worker

        from tui.state.analysis_feed import AnalysisFeed, Failed, Notice, Status, Update

        worker = get_current_worker()
        feed = AnalysisFeed(self.app.analysis_service, self.model)  # type: ignore[attr-defined]
        for event in feed.run(self.document, lambda: worker.is_cancelled):
            if isinstance(event, Update):
                self.post_message(AnalysisUpdated(event.analysis))
            elif isinstance(event, Status):
                self.post_message(AnalysisStatus(event.text))
            elif isinstance(event, Notice):
                self.app.notify(event.text, severity="warning", timeout=8)
            elif isinstance(event, Failed):
                self.post_message(AnalysisFailed(event.reason))

    def on_analysis_status(self, message: AnalysisStatus) -> None:
        self.progress_text = message.text
        self.update_status()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.progress_text = "analysis unavailable"
        self.notify(" ".join(message.reason.split()), severity="error", timeout=10, markup=False)
        self.update_status()

    def on_analysis_updated(self, message: AnalysisUpdated) -> None:
        a = message.analysis
        now = time.monotonic()
        if not a.complete and now - self._last_partial < STREAM_PAINT_INTERVAL:
            self.analysis = a  # jumps use the newest results; the screen catches up shortly
            return
        self._last_partial = now
        self._show_analysis(a)
        self.progress_text = (self._summary(a) if a.complete else f"analysing {a.progress:.0%}")
        self.update_status()

    def _show_analysis(self, a: Analysis) -> None:
        self.analysis = a
        if self.review is not None:
            self.review.bind(a)
        self.article.set_analysis(a)
        if self.chrome_ready:
            self.sidebar.update_analysis(a, self._review_of, self._stray_rows())
            self.sidebar.mark_visible(*self.article.visible_range())

    @staticmethod
    def _summary(a: Analysis) -> str:
        return f"{len(a.quotes)} quotes · {len(a.sources)} sources · {len(a.claims)} claims"

    # -- status -------------------------------------------------------------------------------
    def update_status(self) -> None:
        article = self.article
        total = max(1, len(article.lines) - article.scrollable_content_region.height)
        pct = min(100, round(100 * article.scroll_y / total)) if article.lines else 0
        t = Text(no_wrap=True, overflow="ellipsis")
        room = max(16, min(60, self.size.width // 3))
        title = display(" ".join(self.document.title.split()))
        t.append(title if len(title) <= room else title[: room - 1] + "…", style="bold")
        t.append(f"  │ {pct}%")
        if self.item_text:  # what the last key did matters more than the totals: keep it visible
            t.append(f"  │ {self.item_text}", style="bold")
        t.append(f"  │ {self.progress_text}")
        self.query_one(StatusLine).update(t)

    def on_article_view_scrolled(self, message: ArticleView.Scrolled) -> None:
        if self.chrome_ready and not self.has_class("-hide-sidebar"):
            self.sidebar.mark_visible(message.start, message.end)
        self.update_status()

    # -- movement -----------------------------------------------------------------------------
    def action_line(self, n: int) -> None:
        self.article.scroll_to(y=self.article.scroll_y + n, animate=False)

    def action_page(self, n: int) -> None:
        h = max(1, self.article.scrollable_content_region.height - 1)
        self.article.scroll_to(y=self.article.scroll_y + n * h, animate=False)

    def action_top(self) -> None:
        self.article.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        self.article.scroll_to(y=self.article.max_scroll_y, animate=False)

    def _items(self, kind: str) -> list[tuple[int, int, str]]:
        a = self.analysis
        if a is None:
            return []
        if kind == "claims":
            return [(c.start, c.end, c.id) for c in a.claims]
        return [(q.start, q.end, q.id) for q in a.quotes]

    def _step(self, kind: str, spans: list[tuple[int, int]], direction: int) -> int | None:
        if not spans:
            return None
        i = self.cursor[kind]
        if self._last_jump != kind or i < 0:
            top = self.article.top_offset() or 0
            starts = [s for s, _ in spans]
            i = bisect.bisect_left(starts, top) if direction > 0 else bisect.bisect_left(starts, top) - 1
            i = max(0, min(i, len(spans) - 1))
        else:
            i = (i + direction) % len(spans)
        self.cursor[kind] = i
        self._last_jump = kind
        return i

    def action_jump(self, kind: str, direction: int) -> None:
        items = self._items(kind)
        i = self._step(kind, [(s, e) for s, e, _ in items], direction)
        if i is None:
            self.item_text = f"no {kind} yet" if self.analysis is None or not self.analysis.complete else f"no {kind}"
            self.update_status()
            return
        self._show_item(kind, items, i)
        if self.chrome_ready:
            self.sidebar.select(kind, items[i][2])

    def _show_item(self, kind: str, items: list[tuple[int, int, str]], i: int) -> None:
        """Highlight claim/quote ``i`` in the article and say where we are: 'Claim 3/14'."""
        s, e, item_id = items[i]
        self.current_item = (kind, item_id)
        self._go(s, e)
        self.item_text = self._position(kind, items, i)
        self.update_status()

    @staticmethod
    def _position(kind: str, items: list[tuple[int, int, str]], i: int) -> str:
        return f"{'Claim' if kind == 'claims' else 'Quote'} {i + 1}/{len(items)}"

    def _jump_to(self, kind: str, item_id: str) -> None:
        """Show the claim or quote ``item_id`` and make it the cursor for ] [ } {."""
        items = self._items(kind)
        i = next((k for k, it in enumerate(items) if it[2] == item_id), 0)
        self.cursor[kind], self._last_jump = i, kind
        self._show_item(kind, items, i)

    def _go(self, start: int, end: int) -> None:
        self.article.set_current((start, end))
        self.article.scroll_to_offset(start)

    def _mention_spans(self) -> list[tuple[int, int]]:
        target = self.mention_target
        if target is None and self.analysis is not None and self.analysis.entities:
            e = max(self.analysis.entities, key=lambda e: len(e.mentions))
            from tui.widgets.sidebar import Item

            target = Item("entities", e.id, tuple((m.start, m.end) for m in e.mentions))
            self.mention_target = target
        return sorted(set(target.spans)) if target is not None else []

    def action_mention(self, direction: int) -> None:
        spans = self._mention_spans()
        i = self._step("mentions", spans, direction)
        if i is None:
            self.item_text = "no mentions"
            self.update_status()
            return
        self.article.set_mentions(spans)
        self._go(*spans[i])
        self.item_text = f"Mention {i + 1}/{len(spans)}"
        self.update_status()

    # -- search -------------------------------------------------------------------------------
    def action_search(self) -> None:
        if not self.chrome_ready:
            return
        box = self.query_one("#search")
        box.add_class("-open")
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self._find(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self._close_search()

    def _close_search(self) -> None:
        box = self.query_one("#search")
        box.remove_class("-open")
        self.article.focus()

    def _find(self, needle: str) -> None:
        from analyzers.rules.names import fold

        self.matches = []
        if needle.strip():
            hay, where = self._search_index()
            key = fold(needle)
            pos = hay.find(key)
            while pos >= 0 and key and len(self.matches) < 10_000:
                end = pos + len(key)
                self.matches.append((where[pos], where[end - 1] + 1) if where else (pos, end))
                pos = hay.find(key, end)
        top = self.article.top_offset() or 0
        starts = [s for s, _ in self.matches]
        i = min(bisect.bisect_left(starts, top), len(starts) - 1) if starts else -1
        self.cursor["matches"] = i
        self._show_match(i)

    def _search_index(self) -> tuple[str, list[int] | None]:
        """The text as search sees it: case-folded, invisible characters dropped (so 'Putin'
        finds 'Pu\u200dtin'), with a map back to document offsets when anything was dropped."""
        if self._search_cache is None:
            from analyzers.ingest.sanitize import INVISIBLE

            text = self.document.text
            keep: list[int] | None = None
            if any(c in text for c in INVISIBLE):
                keep = [i for i, c in enumerate(text) if c not in INVISIBLE]
                text = "".join(text[i] for i in keep)
            low = text.lower()
            self._search_cache = (low if len(low) == len(text) else text, keep)
        return self._search_cache

    def _show_match(self, i: int) -> None:
        self.article.set_matches(self.matches, i)
        if i >= 0:
            self.article.scroll_to_offset(self.matches[i][0])
            self.item_text = f"Match {i + 1}/{len(self.matches)}"
        else:
            searching = self.chrome_ready and self.query_one("#search").value
            self.item_text = "no match" if searching else ""
        self.update_status()

    def action_match(self, direction: int) -> None:
        if not self.matches:
            self.item_text = "no search (press /)"
            self.update_status()
            return
        i = (self.cursor["matches"] + direction) % len(self.matches)
        self.cursor["matches"] = i
        self._show_match(i)

    # -- sidebar ------------------------------------------------------------------------------
    def action_section(self, name: str) -> None:
        if not self.chrome_ready:
            return
        self.remove_class("-hide-sidebar")
        self.sidebar.show(name)

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-hide-sidebar")
        if self.has_class("-hide-sidebar"):
            self.article.focus()

    def on_sidebar_focused(self, message: Sidebar.Focused) -> None:  # type: ignore[name-defined]
        if message.item.section in KIND_OF_SECTION:
            self.current_item = (message.item.section, message.item.ref)
        if message.item.section in ("entities", "sources"):
            self.mention_target = message.item
            self.cursor["mentions"] = -1
            self._last_jump = None

    def on_sidebar_selected(self, message: Sidebar.Selected) -> None:
        item = message.item
        if item.section in ("entities", "sources"):
            self.mention_target = item
            self._last_jump = None
            self.cursor["mentions"] = -1
            self.action_mention(1)
        else:
            self._jump_to(item.section, item.ref)
        if self.has_class("-narrow"):
            self.add_class("-hide-sidebar")
        self.article.focus()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS))

    def action_back(self) -> None:
        if self.chrome_ready and self.query_one("#search").has_class("-open"):
            self._close_search()
        elif self.has_class("-narrow") and not self.has_class("-hide-sidebar"):
            self.add_class("-hide-sidebar")
            self.article.focus()
        elif self.can_go_back:
            self.workers.cancel_group(self, "analysis")
            self.dismiss()

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "analysis")


__all__ = ["ReaderScreen"]
