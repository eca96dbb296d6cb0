"""A list read from the library off the screen's thread, with a heading, a filter (``/``) and
Enter to open a row: the base of the where-else, sources and search-result screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from analyzers.ingest.sanitize import display
from tui.actions import LISTING, bindings
from tui.context import context
from tui.state.search_index import fold
from tui.widgets.hang import hang
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from analyzers.store.desk import Desk


@dataclass(frozen=True)
class Row:
    text: Text          # what the list shows (built from sanitised strings)
    hay: str            # what the filter searches (folded)
    payload: object     # what Enter opens


class _Loaded(Message):
    def __init__(self, head: str, rows: list[Row]) -> None:
        self.head, self.rows = head, rows
        super().__init__()


class ListingScreen(Screen[None]):
    ACTIONS = LISTING
    BINDINGS: ClassVar[list[BindingType]] = bindings(LISTING)
    DEFAULT_CSS = """
    ListingScreen #list-head { height: auto; max-height: 3; padding: 0 1; background: $panel; text-style: bold; }
    ListingScreen #list { height: 1fr; border: none; }
    ListingScreen #list-filter { dock: bottom; display: none; }
    ListingScreen #list-filter.-open { display: block; }
    ListingScreen #list-status { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """
    LOADING = "reading the library…"
    EMPTY = "nothing here"

    def __init__(self, model: str | None) -> None:
        super().__init__()
        self.model = model
        self.rows: list[Row] = []
        self.shown: list[Row] = []
        self.query_text = ""

    def compose(self) -> ComposeResult:
        yield Static(Text(self.LOADING), id="list-head")
        yield OptionList(id="list")
        yield Input(placeholder="filter (escape clears)", id="list-filter")
        yield Static(id="list-status")
        yield KeyBar(self.ACTIONS)

    def on_mount(self) -> None:
        self.query_one("#list").focus()
        self._load()

    # -- what a subclass provides ---------------------------------------------------------------
    def fetch(self) -> tuple[str, list[Row]]:
        """(heading, rows), read in a worker thread."""
        raise NotImplementedError

    def open_row(self, row: Row) -> None:
        raise NotImplementedError

    # -- loading --------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="listing")
    def _load(self) -> None:
        from analyzers.store.desk import DeskError

        try:
            head, rows = self.fetch()
        except DeskError as exc:
            head, rows = f"library unavailable: {exc}", []
        self.post_message(_Loaded(head, rows))

    def on__loaded(self, message: _Loaded) -> None:
        self.rows = message.rows
        self.query_one("#list-head", Static).update(Text(display(message.head)))
        self._fill()

    def _fill(self, keep: bool = False) -> None:
        lst = self.query_one("#list", OptionList)
        here = lst.highlighted if keep else None
        words = fold(self.query_text).split()
        self.shown = [r for r in self.rows if all(w in r.hay for w in words)]
        width = max(30, (lst.scrollable_content_region.width or self.size.width) - 1)
        lst.set_options(Option(hang(r.text, width)) for r in self.shown)
        if self.shown:
            lst.highlighted = min(here or 0, len(self.shown) - 1)
        status = f"{len(self.shown)} of {len(self.rows)}" if words else ""
        self.query_one("#list-status", Static).update(Text(status or ("" if self.rows else self.EMPTY)))

    def on_resize(self) -> None:
        if self.rows:  # wrapping depends on the width
            self._fill(keep=True)

    def say(self, text: str) -> None:
        self.query_one("#list-status", Static).update(Text(display(text)))

    # -- keys -----------------------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        i = self.query_one("#list", OptionList).highlighted
        if i is not None and i < len(self.shown):
            self.open_row(self.shown[i])

    def action_cursor(self, step: int) -> None:
        lst = self.query_one("#list", OptionList)
        lst.action_cursor_down() if step > 0 else lst.action_cursor_up()

    def action_filter(self) -> None:
        box = self.query_one("#list-filter", Input)
        box.add_class("-open")
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#list").focus()

    def action_close(self) -> None:
        box = self.query_one("#list-filter", Input)
        if box.has_class("-open") or self.query_text:
            box.value = ""
            box.remove_class("-open")
            self.query_text = ""
            self._fill()
            self.query_one("#list").focus()
        else:
            self.dismiss()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ACTIONS))

    @property
    def desk(self) -> Desk:
        return context(self).desk

    @work(thread=True, exclusive=True, group="listing-open")
    def read_at(self, version_id: int, at: tuple[int, int] | None = None, terms: tuple[str, ...] = ()) -> None:
        from tui.screens.library_open import read_version_at

        read_version_at(self.app, version_id, self.model, at=at, terms=terms)

