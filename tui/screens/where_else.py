"""``o``: where else a source or entity is quoted or mentioned in the library — outlet, date,
the quote and its cue verb; Enter reads that article at that quote."""

from __future__ import annotations

from rich.text import Text

from analyzers.ingest.sanitize import display
from analyzers.store.library.queries import Hit
from tui.screens.listing import ListingScreen, Row
from tui.state.search_index import fold
from tui.state.words import plural

SIGNS = {"direct": "❝", "indirect": "~", "mixed": "❞", "mention": "·"}


def hit_row(hit: Hit, width: int = 100) -> Row:
    t = Text(no_wrap=False, end="")
    t.append(f"{hit.day or '':<10} ", style="dim")
    t.append(display(hit.outlet, limit=30), style="italic")
    t.append("  ")
    t.append(display(hit.title, limit=width), style="bold")
    if hit.quote is not None:
        t.append(f"\n  {SIGNS.get(hit.kind, '❝')} ")
        t.append(display(hit.quote, limit=3 * width))
        if hit.cue:
            t.append(f"  — {display(hit.cue)}", style="dim")
    else:
        t.append("\n  · mentioned, not quoted", style="dim")
    return Row(t, fold(f"{hit.outlet} {hit.day} {hit.title} {hit.quote or ''} {hit.cue or ''}"), hit)


class WhereElseScreen(ListingScreen):
    EMPTY = "not quoted or mentioned in any other article of the library (yet)"

    def __init__(self, name: str, kind: str, *, model: str | None, exclude_url: str | None = None) -> None:
        super().__init__(model)
        self.target, self.kind, self.exclude_url = name, kind, exclude_url

    def fetch(self) -> tuple[str, list[Row]]:
        if not self.desk.has_library():
            return f"Where else: {self.target} — the library is empty (copydesk feeds add URL)", []
        hits = self.desk.where_else(self.target, self.kind, exclude_url=self.exclude_url)
        quotes = sum(h.quote is not None for h in hits)
        articles = len({h.article_id for h in hits})
        where = plural(articles, "other article" if self.exclude_url else "article")
        head = (f"Where else: {self.target} — {plural(quotes, 'quote')} in {where}"
                if hits else f"Where else: {self.target}")
        return head, [hit_row(h) for h in hits]

    def open_row(self, row: Row) -> None:
        hit = row.payload
        assert isinstance(hit, Hit)
        self.read_at(hit.version_id, (hit.start, hit.end))
