"""The baseline for first paint: a bare Textual app showing a file in one Static."""

import sys
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class Bare(App):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(Path(sys.argv[1]).read_text(encoding="utf-8")))


if __name__ == "__main__":
    Bare().run()
