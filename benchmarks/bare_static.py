"""The floor for first paint: a bare Textual app showing the file's first screenful (6,000
characters) in one Static — what any Textual program pays before it shows text."""

import sys
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class Bare(App):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(Path(sys.argv[1]).read_text(encoding="utf-8")[:6000]))


if __name__ == "__main__":
    Bare().run()
