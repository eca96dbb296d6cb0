"""``h`` in the reader: every decision on the current claim or quote, oldest first — who (the
account), when, the verdict, the note, the assignment."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from analyzers.ingest.sanitize import display
from analyzers.store.review.marks import LABELS, SIGNS, Decision


def history_text(about: str, history: tuple[Decision, ...]) -> Text:
    t = Text()
    t.append(f"{display(' '.join(about.split()), limit=200)}\n\n", style="italic")
    if not history:
        t.append("no decisions on it yet", style="dim")
    for d in history:
        t.append(f"{display(d.at[:16].replace('T', ' '))}  ", style="dim")
        t.append(f"{display(d.by or 'someone', limit=24)}  ", style="bold")
        t.append(f"{SIGNS.get(d.status, '?')} {LABELS.get(d.status, d.status)}")
        if d.assigned_to:
            t.append(f"  → {display(d.assigned_to, limit=24)}", style="dim")
        if d.note:
            t.append(f"\n    ✎ {display(' '.join(d.note.split()), limit=300)}", style="italic")
        t.append("\n")
    return t


class HistoryView(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,h", "close", "close")]
    DEFAULT_CSS = """
    HistoryView { align: center middle; }
    HistoryView > Vertical { width: 85%; max-width: 100; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1; }
    HistoryView #history-body { height: auto; max-height: 30; }
    HistoryView #history-keys { height: 1; color: $text-muted; }
    """

    def __init__(self, about: str, history: tuple[Decision, ...]) -> None:
        super().__init__()
        self.about, self.history = about, history

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("History", style="bold"))
            with VerticalScroll(id="history-body"):
                yield Static(history_text(self.about, self.history), id="history")
            yield Static(Text("escape closes"), id="history-keys")

    def action_close(self) -> None:
        self.dismiss(None)
