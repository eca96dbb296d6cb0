"""A small editor for a note on one claim or quote. Ctrl+S saves, Escape cancels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

MAX_NOTE = 4000


class NoteEditor(ModalScreen[str | None]):
    """Returns the note text ("" deletes the note) or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save note", priority=True),
        Binding("escape", "cancel", "cancel"),
    ]
    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical { width: 80%; max-width: 90; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1; }
    NoteEditor #note-about { height: auto; max-height: 4; color: $text-muted; }
    NoteEditor TextArea { height: 8; }
    NoteEditor #note-keys { height: 1; color: $text-muted; }
    """

    def __init__(self, about: str, note: str | None) -> None:
        super().__init__()
        self.about = " ".join(about.split())
        self.note = note or ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Note on: " + (self.about[:200] + ("…" if len(self.about) > 200 else ""))),
                         id="note-about")
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(Text("ctrl+s save · escape cancel · an empty note removes it"), id="note-keys")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text[:MAX_NOTE])

    def action_cancel(self) -> None:
        self.dismiss(None)
