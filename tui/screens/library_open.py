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
    from analyzers.io import cache
    from analyzers.library.store import LibraryStore
    from analyzers.rules.pipeline import DEFAULT_MAX_CHARS

    store = LibraryStore(read_only=app.policy.restricted)  # type: ignore[attr-defined]
    try:
        doc = store.document(version_id)
    finally:
        store.close()
    return doc, cache.get(doc, model, DEFAULT_MAX_CHARS)


def first_match(text: str, terms: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the first of the search's words occurs first (case and accents folded)."""
    from tui.state.search_index import SearchIndex

    index = SearchIndex(text)
    found = [spans[0] for t in terms if (spans := index.find(t))]
    return min(found) if found else None


def read_version_at(app: App[object], version_id: int, model: str | None, *, at: tuple[int, int] | None = None,
                    terms: tuple[str, ...] = ()) -> None:
    """Read a library version in a new reader, scrolled to ``at`` (or to the first of ``terms``).
    From a worker thread."""
    from analyzers.io.database import DatabaseError

    try:
        doc, analysis = load_version(app, version_id, model)
    except (DatabaseError, KeyError) as exc:
        app.call_from_thread(app.notify, f"cannot open that article: {exc}", severity="error")
        return
    if at is None and terms:
        at = first_match(doc.text, terms)
    app.call_from_thread(_push, app, doc, analysis, model, at)


def _push(app: App[object], doc: Document, analysis: Analysis | None, model: str | None,
          at: tuple[int, int] | None) -> None:
    from tui.screens.reader import ReaderScreen

    app.push_screen(ReaderScreen(doc, model, can_go_back=True, analysis=analysis, at=at))
