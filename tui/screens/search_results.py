"""Library search: titles, texts and quotes (SQLite FTS5), each result with its matching line;
Enter reads the article at the match."""

from __future__ import annotations

from rich.text import Text

from analyzers.ingest.sanitize import display
from analyzers.model import QuoteKind
from analyzers.store.library.queries import CLOSE, OPEN, SearchHit
from tui.screens.listing import ListingScreen, Row
from tui.state.search_index import fold
from tui.state.words import plural


def snippet_text(snippet: str, limit: int = 300) -> Text:
    """The snippet with its matched words highlighted (each piece sanitised on its own: the
    markers are ours, the words are the article's)."""
    t = Text(end="")
    for i, piece in enumerate(snippet.replace(CLOSE, OPEN).split(OPEN)):
        t.append(display(piece, limit=limit), style="bold reverse" if i % 2 else "")
    return t


def _quote_sign(kind: str | None) -> str:
    """The sidebar's sign for the quote's kind (❝ direct, ~ indirect, ❞ mixed)."""
    try:
        return QuoteKind(kind or "direct").tag.split()[0] + " "
    except ValueError:
        return "❝ "


def hit_row(hit: SearchHit) -> Row:
    t = Text(no_wrap=False, end="")
    t.append("article " if hit.kind == "article" else "quote   ", style="dim")
    t.append(display(hit.title, limit=100), style="bold")
    if hit.earlier:
        t.append("  (an earlier version)", style="dim")
    if hit.outlet:
        t.append(f"  {display(hit.outlet, limit=30)}", style="italic")
    t.append("\n  " + (_quote_sign(hit.quote_kind) if hit.kind == "quote" else ""))
    t.append_text(snippet_text(hit.snippet))
    if hit.kind == "quote" and hit.speaker:
        t.append(f"  — {display(hit.speaker, limit=40)}", style="dim")
    return Row(t, fold(f"{hit.title} {hit.outlet} {hit.plain_snippet} {hit.speaker or ''}"), hit)


class SearchResultsScreen(ListingScreen):
    EMPTY = "nothing found (every word must occur; the last may be the start of a word)"

    def __init__(self, query: str, *, model: str | None) -> None:
        super().__init__(model)
        self.search_query = query

    def fetch(self) -> tuple[str, list[Row]]:
        from textual.worker import get_current_worker

        from analyzers.store.library.queries import SearchStopped

        if not self.desk.has_library():
            return f"Search: {self.search_query} — the library is empty", []
        worker = get_current_worker()  # Escape or quitting cancels it: SQLite stops at once
        try:
            hits = self.desk.search(self.search_query, cancelled=lambda: worker.is_cancelled)
        except SearchStopped as exc:
            return f"Search: {self.search_query} — {exc}", []
        articles = sum(h.kind == "article" for h in hits)
        return (f"Search: {self.search_query} — {plural(articles, 'article')}, {plural(len(hits) - articles, 'quote')}",
                [hit_row(h) for h in hits])

    def open_row(self, row: Row) -> None:
        hit = row.payload
        assert isinstance(hit, SearchHit)
        if hit.kind == "quote" and hit.start is not None:
            self.read_at(hit.version_id, (hit.start, hit.end or hit.start), hit.terms)
        else:
            self.read_at(hit.version_id, None, hit.terms)
