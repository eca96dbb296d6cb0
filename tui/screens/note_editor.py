"""A small editor for a note on one claim or quote. Ctrl+S saves, Escape cancels.

It closes only once the note is stored: if the save fails (a full disk, a locked database) the
editor stays open with the text and says why."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

MAX_NOTE = 4000


Save = Callable[[str, Callable[[], None], Callable[[str], None]], None]


class NoteEditor(ModalScreen[str | None]):
    """``save(text, done, failed)`` stores the note ("" deletes it); the editor then returns the
    text, or None when cancelled."""

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
    NoteEditor #note-keys { height: auto; color: $text-muted; }
    NoteEditor #note-keys.-error { color: $error; text-style: bold; }
    """
    KEYS = "ctrl+s save · escape cancel · an empty note removes it"

    def __init__(self, about: str, note: str | None, save: Save) -> None:
        super().__init__()
        self.about = " ".join(about.split())
        self.note = note or ""
        self.save = save
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Note on: " + (self.about[:200] + ("…" if len(self.about) > 200 else ""))),
                         id="note-about")
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(Text(self.KEYS), id="note-keys")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        if self.saving:
            return
        text = self.query_one(TextArea).text[:MAX_NOTE]
        self.saving = True
        self._say("saving…")
        def done() -> None:
            self.dismiss(text)

        self.save(text, done, self._failed)

    def _failed(self, problem: str) -> None:
        self.saving = False
        self._say(f"not saved: {problem} — the text is still here; ctrl+s tries again", error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        keys = self.query_one("#note-keys", Static)
        keys.set_class(error, "-error")
        keys.update(Text(text if error else f"{text} · {self.KEYS}"))

    def action_cancel(self) -> None:
        self.dismiss(None)
