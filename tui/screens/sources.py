"""``S`` in the library: every named source, most quoted first — kind, quotes, articles, outlets,
first and last seen; ``/`` filters, Enter shows where each is quoted."""

from __future__ import annotations

from rich.text import Text

from analyzers.ingest.sanitize import display
from analyzers.store.library.queries import SourceRow
from tui.screens.listing import ListingScreen, Row
from tui.state.search_index import fold
from tui.state.words import plural


def source_row(s: SourceRow) -> Row:
    t = Text(no_wrap=False, end="")
    t.append(display(s.name, limit=60), style="bold")
    t.append(f"  {s.kind}", style="dim")
    if s.aliases:
        t.append(f"  also {display(', '.join(s.aliases[:4]), limit=60)}", style="italic")
    t.append(f"\n  {plural(s.quotes, 'quote')} in {plural(s.articles, 'article')} · "
             f"{s.first_seen or '?'} – {s.last_seen or '?'} · ")
    t.append(display(", ".join(s.outlets[:5]) + (f" +{len(s.outlets) - 5}" if len(s.outlets) > 5 else ""),
                     limit=100), style="dim")
    return Row(t, fold(f"{s.name} {' '.join(s.aliases)} {s.kind} {' '.join(s.outlets)}"), s)


class SourcesScreen(ListingScreen):
    EMPTY = "no sources yet: the library's articles are indexed as they are analysed (U updates)"

    def fetch(self) -> tuple[str, list[Row]]:
        if not self.desk.has_library():
            return "Sources — the library is empty", []
        rows = self.desk.sources()
        return (f"Sources — {plural(len(rows), 'named source')} · {plural(sum(r.quotes for r in rows), 'quote')} "
                "(Enter: where each is quoted)"), [source_row(r) for r in rows]

    def open_row(self, row: Row) -> None:
        from tui.screens.where_else import WhereElseScreen

        s = row.payload
        assert isinstance(s, SourceRow)
        self.app.push_screen(WhereElseScreen(s.name, s.kind, model=self.model))
