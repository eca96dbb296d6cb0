"""What the reader's mixins (reader_jumps, reader_review) may use of the screen they are mixed
into: for the type checker only; at run time the mixins inherit from ``object``."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from analyzers.model import Analysis, Document
from tui.state.factchecks import ClaimChecks
from tui.state.navigation import Navigator
from tui.state.review_session import ReviewSession
from tui.widgets.article_view import ArticleView
from tui.widgets.section_rows import Item
from tui.widgets.sidebar import Sidebar
from tui.widgets.status_line import StatusLine


class ReaderParts(Screen[None]):
    document: Document
    model: str | None
    analysis: Analysis | None
    chrome_ready: bool
    review_session: ReviewSession
    nav: Navigator
    spans: dict[str, list[tuple[int, int]]]
    mention_target: Item | None
    claim_checks: ClaimChecks

    @property
    def article(self) -> ArticleView:
        raise NotImplementedError

    @property
    def status(self) -> StatusLine:
        raise NotImplementedError

    @property
    def sidebar(self) -> Sidebar:
        raise NotImplementedError

    def update_status(self) -> None:
        raise NotImplementedError

    def when_chrome(self, fn: Callable[[], None]) -> None:
        raise NotImplementedError

    def _jump_to(self, kind: str, item_id: str) -> None:
        raise NotImplementedError

    def _target(self) -> tuple[str, str] | None:
        raise NotImplementedError
