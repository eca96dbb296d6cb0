"""The reader: the article beside the live sidebar, jump keys, incremental search.

What it shows lives in plain-Python state (tui/state: the analysis feed, the review session,
the navigator, the search index); this screen turns keys and messages into calls on them."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from analyzers.model import Analysis, Document
from analyzers.store.review.marks import ItemKind
from tui.actions import READER, bindings
from tui.context import context
from tui.messages import AnalysisEvent
from tui.screens.reader_factchecks import FactcheckActions
from tui.screens.reader_jumps import SECTION_JUMPS, TITLES, JumpActions
from tui.screens.reader_library import LibraryActions
from tui.screens.reader_review import ReviewActions
from tui.widgets.article_view import ArticleView
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.widgets.sidebar import Sidebar

STREAM_PAINT_INTERVAL = 1.0  # partial results repaint at most this often: each repaint stalls keys
NARROW = 100  # below this width the sidebar overlays the article instead of sharing the row


class ReaderScreen(JumpActions, ReviewActions, LibraryActions, FactcheckActions, Screen[None]):
    """One article. Analysis runs in another process and streams into the sidebar."""

    ACTIONS = READER
    BINDINGS: ClassVar[list[BindingType]] = bindings(READER)
    DEFAULT_CSS = """
    ReaderScreen #body { height: 1fr; }
    ReaderScreen ArticleView { width: 1fr; }
    ReaderScreen #sidebar-slot { width: 44%; max-width: 70; min-width: 30; border-left: vkey $primary 40%; }
    ReaderScreen.-narrow #sidebar-slot { dock: right; width: 100%; max-width: 100%; background: $surface;
        border-left: none; }
    ReaderScreen.-hide-sidebar #sidebar-slot { display: none; }
    """

    def __init__(self, document: Document, model: str | None = None, *, can_go_back: bool = False,
                 analysis: Analysis | None = None, at: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.at = at  # where to open: a quote found in another article, a search match
        self.document = document
        self.model = model
        self.can_go_back = can_go_back
        self.analysis: Analysis | None = analysis
        self.fixed_analysis = analysis is not None
        self._init_jumps()
        self.chrome_ready = False
        self._until_chrome: list[Callable[[], None]] = []  # keys pressed before the sidebar was there
        self._last_partial = 0.0
        self._init_review()
        self._init_factchecks()

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Only the article and the status line are needed for the first paint; the sidebar,
        # search box and key bar are mounted right after it (they cost ~0.3 s of CSS and layout).
        with Horizontal(id="body"):
            yield ArticleView(self.document, id="article")
            # the sidebar's place from the first frame: the article is laid out once, at its width
            yield Vertical(id="sidebar-slot")
        yield StatusLine(self.document.title, id="status")
        yield KeyBar(READER)  # docked at the bottom from the first frame: the article keeps its height

    def _mount_chrome(self) -> None:
        from tui.widgets.search_bar import SearchBar
        from tui.widgets.sidebar import Sidebar

        with self.app.batch_update():  # one frame for all of it
            self.query_one("#sidebar-slot").mount(Sidebar(self.document.warnings, len(self.document.text),
                                                          id="sidebar"))
            self.mount(SearchBar(self.document.text, id="search"), before=self.status)
        self._open_review()
        # Ready once the sidebar's tabs have opened their first one (a tab switched before then
        # is switched back, and its list left blank); a second later in any case.
        self.set_timer(1.0, self._chrome_ready)

    def on_tabbed_content_tab_activated(self) -> None:
        if not self.chrome_ready:
            self.call_after_refresh(self._chrome_ready)

    def _chrome_ready(self) -> None:
        if self.chrome_ready:
            return
        self.chrome_ready = True
        if self.analysis is not None:
            self._show_analysis(self.analysis)
        for fn in self._until_chrome:
            fn()
        self._until_chrome.clear()
        if self.at is not None:
            self._open_at(*self.at)
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
        if self.analysis is not None:  # known already (the cache): in the first frame, article and status
            self.article.set_analysis(self.analysis)
            self.status.show_analysis(self.analysis, len(self.document.text))
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

        from tui.state.analysis_feed import AnalysisFeed

        worker = get_current_worker()
        feed = AnalysisFeed(context(self).analysis_service, self.model)
        for event in feed.run(self.document, lambda: worker.is_cancelled):
            self.post_message(AnalysisEvent(event))

    def on_analysis_event(self, message: AnalysisEvent) -> None:
        from tui.state.analysis_feed import Failed, Notice, Status, Update

        event = message.event
        if isinstance(event, Update):
            a = event.analysis
            now = time.monotonic()
            if a.complete or now - self._last_partial >= STREAM_PAINT_INTERVAL:
                self._last_partial = now
                self._show_analysis(a)
            if a.complete:
                self.keep_in_library(a)
            else:  # jumps use the newest results; the screen catches up shortly
                self.analysis = a
                self.review_session.bind(a)
        elif isinstance(event, Notice):
            self.notify(event.text, severity="warning", timeout=8)
        elif isinstance(event, Status | Failed):
            self.status.progress = event.text if isinstance(event, Status) else "analysis unavailable"
            if isinstance(event, Failed):
                self.notify(event.reason, severity="error", timeout=10)
            self.update_status()

    def _show_analysis(self, a: Analysis) -> None:
        self.analysis = a
        self.review_session.bind(a)
        self.article.set_analysis(a)
        self.status.show_analysis(a, len(self.document.text))
        if self.chrome_ready:
            self.sidebar.update_analysis(a, self.review_session.of, self._stray_rows())
            self.sidebar.mark_visible(*self.article.visible_range())
            self.check_claims(a)  # earlier fact-checks, in a worker
        self.update_status()
        if self.chrome_ready and self.at is not None and a.complete and self.article.current is not None:
            # shown at the quote before the analysis came: the quote becomes the cursor now,
            # unless the reader has moved on meanwhile
            if self.article.current == self.at:
                self._open_at(*self.at, scroll=False)
            self.at = None

    def update_status(self) -> None:
        self.status.show_position(self.article.scroll_percent())

    def _open_at(self, start: int, end: int, scroll: bool = True) -> None:
        """Open at a quote found in another article or a search match: shown, and (a quote) the
        cursor that } and { go on from. The sidebar keeps its tab: switching it while its tabs
        are still being mounted leaves it blank."""
        self.article.set_current((start, end))
        if scroll:
            self.article.scroll_to_offset(start)
        if self.analysis is None or not self.analysis.complete:
            return  # the quote becomes the cursor once the analysis is in (_show_analysis)
        self.at = None
        section = ItemKind.QUOTE.section
        quotes = [item_id for _, _, item_id in self.review_session.items(section)]
        ids = [item_id for s, _, item_id in self.review_session.items(section) if s == start]
        if ids:
            i = quotes.index(ids[0])
            self.nav.set(section, i, (start, end))
            self.review_session.current = (section, ids[0])
            self.status.say(f"{TITLES[section]} {i + 1}/{len(quotes)}", section)

    # -- sidebar ------------------------------------------------------------------------------
    def when_chrome(self, fn: Callable[[], None]) -> None:
        """Now, or once the sidebar and search box are mounted (a cached analysis is on screen
        in the first frame, before them: a key pressed at once must not be lost)."""
        if self.chrome_ready:
            fn()
        else:
            self._until_chrome.append(fn)

    def action_section(self, name: str) -> None:
        self.remove_class("-hide-sidebar")
        self.when_chrome(lambda: self.sidebar.show(name))

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-hide-sidebar")
        if self.has_class("-hide-sidebar"):
            self.article.focus()

    # A section with jump keys lists places in the text (claims, quotes): an item is the cursor
    # its keys go on from. The others list things mentioned (entities, sources): an item's
    # mentions are what ) and ( step through.
    def on_sidebar_focused(self, message: Sidebar.Focused) -> None:
        item = message.item
        if item.section in SECTION_JUMPS:
            if SECTION_JUMPS[item.section].review_kind is not None:
                self.review_session.current = (item.section, item.ref)
        else:
            self._target_mentions(item)

    def on_sidebar_selected(self, message: Sidebar.Selected) -> None:
        item = message.item
        if item.section in SECTION_JUMPS:
            self._jump_to(item.section, item.ref)
        else:
            self._target_mentions(item)
            self.action_jump("mentions", 1)
        if self.has_class("-narrow"):
            self.add_class("-hide-sidebar")
        self.article.focus()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(READER))

    def action_back(self) -> None:
        from tui.widgets.search_bar import SearchBar

        search = self.query_one("#search", SearchBar) if self.chrome_ready else None
        if search is not None and search.is_open:
            search.close()
        elif self.has_class("-narrow") and not self.has_class("-hide-sidebar"):
            self.add_class("-hide-sidebar")
            self.article.focus()
        elif self.can_go_back:
            self.workers.cancel_group(self, "analysis")
            self.dismiss()

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "analysis")
        self.workers.cancel_group(self, "factchecks")
        self.review_session.close()


__all__ = ["ReaderScreen", "StatusLine"]
