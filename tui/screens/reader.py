"""The reader: the article beside the live sidebar, jump keys, incremental search.

What it shows lives in plain-Python state (tui/state: the analysis feed, the review session,
the navigator, the search index); this screen turns keys and messages into calls on them."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen

from analyzers.model import Analysis, Document
from tui.actions import READER, bindings
from tui.messages import AnalysisFailed, AnalysisStatus, AnalysisUpdated
from tui.screens.reader_review import ReviewActions
from tui.state.navigation import Navigator, overlaps
from tui.widgets.article_view import ArticleView
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.widgets import Input

    from tui.state.search_index import SearchIndex
    from tui.widgets.sidebar import Item, Sidebar

STREAM_PAINT_INTERVAL = 1.0  # partial results repaint at most this often: each repaint stalls keys
NARROW = 100  # below this width the sidebar overlays the article instead of sharing the row
TITLES = {"claims": "Claim", "quotes": "Quote", "mentions": "Mention", "matches": "Match"}


class ReaderScreen(ReviewActions, Screen[None]):
    """One article. Analysis runs in another process and streams into the sidebar."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(READER)  # type: ignore[assignment]
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
        self.nav = Navigator()
        self.spans: dict[str, list[tuple[int, int]]] = {"mentions": [], "matches": []}
        self.mention_target: Item | None = None
        self.chrome_ready = False
        self._search: SearchIndex | None = None
        self._last_partial = 0.0
        self._init_review()

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Only the article and the status line are needed for the first paint; the sidebar,
        # search box and key bar are mounted right after it (they cost ~0.3 s of CSS and layout).
        with Horizontal(id="body"):
            yield ArticleView(self.document, id="article")
        yield StatusLine(self.document.title, id="status")

    def _mount_chrome(self) -> None:
        from textual.widgets import Input

        from tui.widgets.key_bar import KeyBar
        from tui.widgets.sidebar import Sidebar

        self.query_one("#body").mount(Sidebar(self.document.warnings, id="sidebar"))
        self.mount(Input(placeholder="search the article (Enter closes, n/N move)", id="search"),
                   before=self.status)
        self.mount(KeyBar(READER))
        self._open_review()
        self.call_after_refresh(self._chrome_ready)

    def _chrome_ready(self) -> None:
        self.chrome_ready = True
        if self.analysis is not None:
            self._show_analysis(self.analysis)
        if not self.fixed_analysis:
            # Start after the first paint: the thread that waits on the analysis process needs the GIL.
            self.set_timer(0.05, self.run_analysis)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def sidebar(self) -> Sidebar:
        from tui.widgets.sidebar import Sidebar

        return self.query_one(Sidebar)

    def on_mount(self) -> None:
        self.article.focus()
        self._apply_width(self.app.size.width)
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
        """Relay what the analysis feed yields; spaCy runs in the child process."""
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
        self.status.progress = message.text
        self.update_status()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.status.progress = "analysis unavailable"
        self.notify(message.reason, severity="error", timeout=10)
        self.update_status()

    def on_analysis_updated(self, message: AnalysisUpdated) -> None:
        a = message.analysis
        now = time.monotonic()
        if not a.complete and now - self._last_partial < STREAM_PAINT_INTERVAL:
            self.analysis = a  # jumps use the newest results; the screen catches up shortly
            self.review_session.bind(a)
            return
        self._last_partial = now
        self._show_analysis(a)

    def _show_analysis(self, a: Analysis) -> None:
        self.analysis = a
        self.review_session.bind(a)
        self.article.set_analysis(a)
        self.status.show_analysis(a, len(self.document.text))
        if self.chrome_ready:
            self.sidebar.update_analysis(a, self.review_session.of, self._stray_rows())
            self.sidebar.mark_visible(*self.article.visible_range())
        self.update_status()

    def update_status(self) -> None:
        self.status.show_position(self.article.scroll_percent())

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

    def on_article_view_scrolled(self, message: ArticleView.Scrolled) -> None:
        if self.chrome_ready and not self.has_class("-hide-sidebar"):
            self.sidebar.mark_visible(message.start, message.end)
        shown = self.status.item_kind
        if shown in TITLES:  # 'Claim 3/14' is said only while claim 3 is on screen
            here = self.nav.current(shown, self._spans(shown))
            if here is None or not overlaps(here, (message.start, message.end)):
                self.status.say("")
        self.update_status()

    def _spans(self, kind: str) -> list[tuple[int, int]]:
        if kind in ("claims", "quotes"):
            return [(s, e) for s, e, _ in self.review_session.items(kind)]
        return self.spans[kind]

    def action_jump(self, kind: str, direction: int) -> None:
        spans = self._spans(kind)
        i = self.nav.step(kind, spans, direction, self.article.visible_range())
        if i is None:
            busy = self.analysis is None or not self.analysis.complete
            self.status.say(f"no {kind} yet" if busy and kind in ("claims", "quotes") else f"no {kind}")
            return
        self._show(kind, i)

    def _show(self, kind: str, i: int) -> None:
        """Go to item ``i`` of ``kind`` and say where we are: 'Claim 3/14'."""
        spans = self._spans(kind)
        start, end = spans[i]
        if kind in ("claims", "quotes"):
            item_id = self.review_session.items(kind)[i][2]
            self.review_session.current = (kind, item_id)
            self.article.set_current((start, end))
            if self.chrome_ready:
                self.sidebar.select(kind, item_id)
        elif kind == "matches":
            self.article.set_matches(spans, i)
        else:
            self.article.set_current((start, end))
        self.article.scroll_to_offset(start)
        self.status.say(f"{TITLES[kind]} {i + 1}/{len(spans)}", kind)

    def _jump_to(self, kind: str, item_id: str) -> None:
        """Show the claim or quote ``item_id`` and make it the cursor for ] [ } {."""
        ids = [it[2] for it in self.review_session.items(kind)]
        i = ids.index(item_id) if item_id in ids else 0
        self.nav.set(kind, i)
        self._show(kind, i)

    def action_mention(self, direction: int) -> None:
        if self.mention_target is None and self.analysis is not None and self.analysis.entities:
            from tui.widgets.sidebar import entity_item

            self._target_mentions(entity_item(max(self.analysis.entities, key=lambda e: len(e.mentions))))
        self.action_jump("mentions", direction)

    def _target_mentions(self, item: Item) -> None:
        self.mention_target = item
        self.spans["mentions"] = sorted(set(item.spans))
        self.nav.forget("mentions")
        self.article.set_mentions(self.spans["mentions"])

    # -- search -------------------------------------------------------------------------------
    def action_search(self) -> None:
        if self.chrome_ready:
            box = self.query_one("#search")
            box.add_class("-open")
            box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        from tui.state.search_index import SearchIndex

        if self._search is None:
            self._search = SearchIndex(self.document.text)
        self.spans["matches"] = self._search.find(event.value)
        self.nav.forget("matches")
        if self.spans["matches"]:
            self.action_jump("matches", 1)
        else:
            self.article.set_matches([], -1)
            self.status.say("no match" if event.value.strip() else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self._close_search()

    def _close_search(self) -> None:
        self.query_one("#search").remove_class("-open")
        self.article.focus()

    def action_match(self, direction: int) -> None:
        if not self.spans["matches"]:
            self.status.say("no search (press /)")
            return
        self.action_jump("matches", direction)

    # -- sidebar ------------------------------------------------------------------------------
    def action_section(self, name: str) -> None:
        if self.chrome_ready:
            self.remove_class("-hide-sidebar")
            self.sidebar.show(name)

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-hide-sidebar")
        if self.has_class("-hide-sidebar"):
            self.article.focus()

    def on_sidebar_focused(self, message: Sidebar.Focused) -> None:  # type: ignore[name-defined]
        item = message.item
        if item.section in ("claims", "quotes"):
            self.review_session.current = (item.section, item.ref)
        else:
            self._target_mentions(item)

    def on_sidebar_selected(self, message: Sidebar.Selected) -> None:  # type: ignore[name-defined]
        item = message.item
        if item.section in ("entities", "sources"):
            self._target_mentions(item)
            self.action_jump("mentions", 1)
        else:
            self._jump_to(item.section, item.ref)
        if self.has_class("-narrow"):
            self.add_class("-hide-sidebar")
        self.article.focus()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(READER))

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
        self.review_session.close()


__all__ = ["ReaderScreen", "StatusLine"]
