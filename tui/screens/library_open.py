"""Opening a library article from a list (where else, sources, search, versions): its document
and cached analysis read off the screen's thread, then a reader at the quote or match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from analyzers.model import Analysis, Document


def first_match(text: str, terms: tuple[str, ...]) -> tuple[int, int] | None:
    """Where a search matched: the whole query where it occurs as typed, else the first word of
    it (the longest first; never one of one or two letters) at the start of a word — as FTS5
    matched it (case and accents folded)."""
    from tui.state.search_index import SearchIndex

    index = SearchIndex(text)

    def at_word_start(spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        return next((sp for sp in spans if sp[0] == 0 or not text[sp[0] - 1].isalnum()), None)

    candidates = [" ".join(terms)] if len(terms) > 1 else []
    candidates += sorted((t for t in terms if len(t) > 2), key=len, reverse=True) or list(terms)
    for candidate in candidates:
        found = at_word_start(index.find(candidate))
        if found is not None:
            return found
    return None


def read_version_at(app: App[object], version_id: int, model: str | None, *, at: tuple[int, int] | None = None,
                    terms: tuple[str, ...] = ()) -> None:
    """Read a library version in a new reader, scrolled to ``at`` (or to the first of ``terms``).
    From a worker thread."""
    from analyzers.store.desk import DeskError
    from tui.context import context

    try:
        doc, analysis = context(app).desk.document_and_analysis(version_id, model)
    except (DeskError, KeyError) as exc:
        app.call_from_thread(app.notify, f"cannot open that article: {exc}", severity="error", markup=False)
        return
    if at is None and terms:
        at = first_match(doc.text, terms)
    app.call_from_thread(_push, app, doc, analysis, model, at)


def _push(app: App[object], doc: Document, analysis: Analysis | None, model: str | None,
          at: tuple[int, int] | None) -> None:
    from tui.screens.reader import ReaderScreen

    app.push_screen(ReaderScreen(doc, model, can_go_back=True, analysis=analysis, at=at))
