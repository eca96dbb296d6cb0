"""Command palette (ctrl+p): the current screen's actions by name, from its ``ACTIONS`` (the
registry in tui/actions.py)."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

from tui.actions import palette


class ScreenCommands(Provider):
    def _commands(self) -> list[tuple[str, str]]:
        return palette(getattr(self.screen, "ACTIONS", ()))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.screen.run_action, action), help=None)

    async def discover(self) -> Hits:
        for name, action in self._commands():
            yield Hit(1, name, partial(self.screen.run_action, action))
