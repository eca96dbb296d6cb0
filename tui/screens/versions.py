"""``V`` in the reader: what changed between an article's versions — paragraphs added, removed
and edited, quotes reworded, removed, added and re-attributed — and the marks made on each
version. ``[`` ``]`` step through the versions."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from analyzers.ingest.sanitize import display
from analyzers.model import Document
from tui.actions import VERSIONS, bindings
from tui.context import context
from tui.state.versions_view import Versions, load_versions, view
from tui.widgets.key_bar import KeyBar


class _Loaded(Message):
    def __init__(self, versions: Versions | None, note: str = "") -> None:
        self.versions, self.note = versions, note
        super().__init__()


class VersionsScreen(Screen[None]):
    ACTIONS = VERSIONS
    BINDINGS: ClassVar[list[BindingType]] = bindings(VERSIONS)
    DEFAULT_CSS = """
    VersionsScreen #versions-head { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    VersionsScreen #versions-body { height: 1fr; padding: 0 1; }
    """

    def __init__(self, document: Document, model: str | None) -> None:
        super().__init__()
        self.document = document
        self.model = model
        self.versions: Versions | None = None
        self.newer = 1

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Versions: {display(self.document.title)}"), id="versions-head")
        with VerticalScroll(id="versions-body"):
            yield Static(Text("reading the versions…"), id="versions")
        yield KeyBar(VERSIONS)

    def on_mount(self) -> None:
        self.query_one("#versions-body").focus()
        self._load()

    @work(thread=True, exclusive=True, group="versions")
    def _load(self) -> None:
        from analyzers.store.desk import DeskError

        try:
            found = load_versions(context(self).desk, self.document.source)
        except DeskError as exc:
            found = f"library unavailable: {exc}"
        self.post_message(_Loaded(found, "") if isinstance(found, Versions) else _Loaded(None, found))

    def on__loaded(self, message: _Loaded) -> None:
        self.versions = message.versions
        if self.versions is None:
            self.query_one("#versions", Static).update(Text(display(message.note)))
            return
        self.newer = len(self.versions.ids) - 1  # the latest change first
        self._show()

    def _show(self) -> None:
        v = self.versions
        if v is None:
            return
        self.query_one("#versions-head", Static).update(
            Text(f"Versions: {display(v.title)} — {len(v.ids)} stored"))
        self.query_one("#versions", Static).update(view(v, self.newer, max(40, self.size.width - 4)))

    def action_pair(self, step: int) -> None:
        if self.versions is not None:
            self.newer = min(len(self.versions.ids) - 1, max(1, self.newer + step))
            self._show()

    def action_line(self, n: int) -> None:
        body = self.query_one("#versions-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + n, animate=False)

    def action_close(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(VERSIONS))
