"""Command palette (ctrl+p): the reader's actions by name."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

from tui.actions import READER, palette

COMMANDS = palette(READER)


class ReaderCommands(Provider):
    async def search(self, query: str) -> Hits:
        from tui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return
        matcher = self.matcher(query)
        for name, action in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(screen.run_action, action), help=None)

    async def discover(self) -> Hits:
        from tui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return
        for name, action in COMMANDS:
            yield Hit(1, name, partial(screen.run_action, action))
