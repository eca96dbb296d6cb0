"""The key bar at the bottom of a screen: the most useful keys that fit the width, always with
``? help`` and ``q quit`` (Textual's Footer cut them off at 80 columns)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.actions import Action, bar_items


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { height: 1; dock: bottom; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, actions: tuple[Action, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actions = actions

    def on_resize(self) -> None:
        self.update(self._line(self.size.width - 2))

    def on_mount(self) -> None:
        self.update(self._line(max(20, self.size.width - 2)))

    def _line(self, width: int) -> Text:
        t = Text(no_wrap=True, overflow="crop")
        for i, (key, word) in enumerate(bar_items(self.actions, width)):
            if i:
                t.append("  ")
            t.append(key, style="bold reverse")
            t.append(f" {word}")
        return t
