"""Command palette (ctrl+p): the reader's actions by name."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

COMMANDS = [
    ("Next claim", "jump('claims', 1)"), ("Previous claim", "jump('claims', -1)"),
    ("Next quote", "jump('quotes', 1)"), ("Previous quote", "jump('quotes', -1)"),
    ("Next mention", "mention(1)"), ("Previous mention", "mention(-1)"),
    ("Search", "search"), ("Next match", "match(1)"), ("Previous match", "match(-1)"),
    ("Show entities", "section('entities')"), ("Show quotes", "section('quotes')"),
    ("Show sources", "section('sources')"), ("Show claims", "section('claims')"),
    ("Toggle sidebar", "toggle_sidebar"), ("Help: keys", "help"),
    ("Top of article", "top"), ("Bottom of article", "bottom"),
    ("Mark verified", "review('verified')"), ("Mark disputed", "review('disputed')"),
    ("Mark needs a source", "review('needs_source')"), ("Clear the mark", "review('unreviewed')"),
    ("Note on the current item", "note"), ("Review queue", "queue"), ("Export the review", "export"),
]


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
