"""Several articles: a list; Enter opens one, Escape comes back."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from analyzers import LoadError
from analyzers.ingest.sanitize import display
from analyzers.model import Document
from tui.context import context
from tui.restricted import RestrictedError


class ArticleListScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "quit"),
        Binding("j", "cursor(1)", "down", show=False),
        Binding("k", "cursor(-1)", "up", show=False),
    ]
    DEFAULT_CSS = """
    ArticleListScreen #heading { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ArticleListScreen OptionList { height: 1fr; border: none; }
    """

    def __init__(self, paths: list[str], model: str | None, max_bytes: int) -> None:
        super().__init__()
        self.paths = paths
        self.model = model
        self.max_bytes = max_bytes
        self.docs: dict[int, Document | str] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text(f"copydesk — {len(self.paths)} articles (Enter opens, Escape returns here)"),
                     id="heading")
        options = []
        for i, path in enumerate(self.paths):
            entry = self._load(i) if len(self.paths) <= 50 else None
            t = Text()
            name = display(path)  # file names are bytes: any escape sequence can be in one
            if isinstance(entry, Document):
                t.append(display(entry.title), style="bold")
                t.append(f"\n  {name} · {entry.format} · {len(entry.text.split()):,} words", style="dim")
            elif isinstance(entry, str):
                t.append(name, style="bold")
                t.append(f"\n  ⚠ {display(entry)}", style="dim")
            else:
                t.append(name, style="bold")
            options.append(Option(t))
        yield OptionList(*options, id="articles")
        yield Footer()

    def _load(self, i: int) -> Document | str:
        if i not in self.docs:
            try:  # restricted mode checks what it opens now, not what it listed earlier
                self.docs[i] = context(self).policy.load(self.paths[i], self.max_bytes)
            except (LoadError, RestrictedError) as exc:
                self.docs[i] = str(exc)
        return self.docs[i]

    def action_cursor(self, n: int) -> None:
        lst = self.query_one(OptionList)
        lst.action_cursor_down() if n > 0 else lst.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from tui.screens.reader import ReaderScreen

        entry = self._load(event.option_index)
        if isinstance(entry, str):
            self.notify(entry, severity="error", markup=False)
            return
        self.app.push_screen(ReaderScreen(entry, self.model, can_go_back=True))
