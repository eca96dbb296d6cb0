"""``A`` in the reader: whom the current claim or quote is assigned to — yourself (the field
starts with your account), another reviewer's account, or nobody (an empty field)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from analyzers.ingest.sanitize import display


def known_account(name: str) -> bool:
    """An account of this machine: an assignment names someone who can log in to the desk."""
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


class AssignDialog(ModalScreen[str | None]):
    """Returns the account to assign to ('' unassigns), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]
    DEFAULT_CSS = """
    AssignDialog { align: center middle; }
    AssignDialog > Vertical { width: 70%; max-width: 72; height: auto; border: round $accent;
        background: $surface; padding: 0 1; }
    AssignDialog #assign-about { height: auto; max-height: 3; color: $text-muted; }
    AssignDialog #assign-keys { height: auto; color: $text-muted; }
    AssignDialog #assign-keys.-error { color: $error; text-style: bold; }
    """

    def __init__(self, about: str, current: str | None, me: str) -> None:
        super().__init__()
        self.about, self.current, self.me = about, current, me

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Assign: {display(' '.join(self.about.split()), limit=150)}"), id="assign-about")
            yield Input(value=self.current or self.me, placeholder="an account on this machine", id="assign-who")
            yield Static(Text("enter assigns · an empty field unassigns · escape cancels"), id="assign-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name and not known_account(name):
            keys = self.query_one("#assign-keys", Static)
            keys.add_class("-error")
            keys.update(Text(f"no account named {display(name, limit=40)} on this machine"))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
