"""'?' — every binding of the reader with what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

EXTRA = [
    ("t", "next theme (remembered; ctrl+p → Theme lists them all)"),
    ("tab / shift+tab", "move focus between article and sidebar"),
    ("enter", "on a sidebar item: jump to it in the article"),
    ("f", "in the Claims list: show one kind (all → statistic → comparison → causal → prediction → quote claim → fact)"),
    ("ctrl+p", "command palette with the same actions"),
]
_KEY_NAMES = {"right_square_bracket": "]", "left_square_bracket": "[", "right_curly_bracket": "}",
              "left_curly_bracket": "{", "right_parenthesis": ")", "left_parenthesis": "(",
              "slash": "/", "question_mark": "?"}


def binding_rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
    rows = []
    for b in bindings:
        if not isinstance(b, Binding):
            continue
        keys = " / ".join(_KEY_NAMES.get(k, k) for k in b.key.split(","))
        rows.append((keys, b.description))
    return rows + EXTRA


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "close help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 72; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, bindings: list[BindingType]) -> None:
        super().__init__()
        self.rows = binding_rows(bindings)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, desc in self.rows:
            table.add_row(Text(keys), Text(desc))
        with VerticalScroll():
            yield Static(Text("copydesk — keys   (Escape closes)", style="bold"))
            yield Static(table)
