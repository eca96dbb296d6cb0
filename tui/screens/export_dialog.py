"""Export the review from inside the reader: pick a format, confirm the file name."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from analyzers.store.review.export_formats import ExportFormat


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    """Returns (format, path) or None. In restricted mode the directory is fixed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical { width: 70; max-width: 95%; height: auto; border: round $accent;
        background: $surface; padding: 0 1; }
    ExportDialog OptionList { height: 5; border: none; }
    ExportDialog .hint { color: $text-muted; height: auto; }
    """

    def __init__(self, directory: Path, stem: str, *, fixed_directory: bool) -> None:
        super().__init__()
        self.directory = directory
        self.stem = stem
        self.fixed = fixed_directory
        self.fmt = "md"

    def _default(self, fmt: str) -> str:
        return str(self.directory / f"{self.stem}-review.{fmt}")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Export the review", style="bold"))
            yield OptionList(*(Option(f.description, id=f.value) for f in ExportFormat), id="export-format")
            yield Input(self._default("md"), id="export-path", disabled=self.fixed)
            hint = ("enter writes the file · escape cancels"
                    + (" · restricted mode: exports go to the export directory" if self.fixed else ""))
            yield Static(Text(hint), classes="hint")

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        formats.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        fmt = event.option.id or "md"
        box = self.query_one(Input)
        if box.value == self._default(self.fmt):
            box.value = self._default(fmt)
        self.fmt = fmt

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.fmt = event.option.id or "md"
        self._finish()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._finish()

    def _finish(self) -> None:
        value = self.query_one(Input).value.strip()
        path = Path(self._default(self.fmt) if self.fixed or not value else value).expanduser()
        self.dismiss((self.fmt, path))

    def action_cancel(self) -> None:
        self.dismiss(None)
