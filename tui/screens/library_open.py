"""Opening a library article from a list (where else, sources, search, versions): its document
and cached analysis read off the screen's thread, then a reader at the quote or match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from analyzers.model import Analysis, Document


def load_version(app: App[object], version_id: int, model: str | None) -> tuple[Document, Analysis | None]:
    """A stored version and its cached analysis (call from a worker thread). Raises
    DatabaseError or KeyError."""
    from analyzers.rules.pipeline import DEFAULT_MAX_CHARS
    from analyzers.store import cache
    from analyzers.store.library.store import LibraryStore

    store = LibraryStore(read_only=app.policy.restricted)  # type: ignore[attr-defined]
    try:
        doc = store.document(version_id)
    finally:
        store.close()
    return doc, cache.get(doc, model, DEFAULT_MAX_CHARS)


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
    import sqlite3

    from analyzers.store.database import DatabaseError

    try:
        doc, analysis = load_version(app, version_id, model)
    except (DatabaseError, sqlite3.Error, KeyError) as exc:
        app.call_from_thread(app.notify, f"cannot open that article: {exc}", severity="error", markup=False)
        return
    if at is None and terms:
        at = first_match(doc.text, terms)
    app.call_from_thread(_push, app, doc, analysis, model, at)


def _push(app: App[object], doc: Document, analysis: Analysis | None, model: str | None,
          at: tuple[int, int] | None) -> None:
    from tui.screens.reader import ReaderScreen

    app.push_screen(ReaderScreen(doc, model, can_go_back=True, analysis=analysis, at=at))
