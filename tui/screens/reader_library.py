"""The reader's library keys: ``o`` (where else the selected source or entity is quoted or
mentioned) and ``V`` (what changed between the article's versions); and, for an article the
library holds, its analysis kept in the cross-article index once it is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui.context import context
from tui.sections import ENTITIES, QUOTES, SOURCES

if TYPE_CHECKING:
    from analyzers.model import Analysis
    from tui.screens.reader_parts import ReaderParts as _Host
else:
    _Host = object

NOT_FOLLOWED = ("anonymous sources are not followed across articles: 'people familiar with the talks' "
                "in two stories are not the same people")


class LibraryActions(_Host):
    """Mixed into ReaderScreen (see reader_parts for what it uses of it)."""

    def library_url(self) -> str | None:
        """The article's address when it came from the web (the library keys it by that)."""
        source = self.document.source
        return source if source.startswith(("http://", "https://")) else None

    def action_where_else(self) -> None:
        target = self._where_else_target()
        if isinstance(target, str):
            self.status.say(target)
            return
        name, kind = target
        context(self).open_where_else(name, kind, self.model, self.library_url())

    def _where_else_target(self) -> tuple[str, str] | str:
        """(name, kind) of the sidebar's selected entity or source, or of the current quote's
        source; or why there is none."""
        a = self.analysis
        if a is None:
            return "no analysis yet"
        item = self.sidebar.highlighted_item() if self.chrome_ready and not self.has_class("-hide-sidebar") else None
        section, ref = (item.section, item.ref) if item is not None else (self.review_session.current or ("", ""))
        sources = {s.id: s for s in a.sources}
        if section == QUOTES.name:
            quote = next((q for q in a.quotes if q.id == ref), None)
            section, ref = SOURCES.name, (quote.source if quote and quote.source else "")
        if section == ENTITIES.name:
            entity = a.entity_by_id().get(ref)
            if entity is None:
                return "select an entity or a source in the sidebar (1 or 3), then o"
            from analyzers.store.library.index import ENTITY_KINDS  # rapidfuzz: not before a paint

            kind = ENTITY_KINDS.get(entity.label)
            if kind in (None, "place", "group"):
                return f"{entity.name}: places and groups are not followed across articles"
            return entity.name, kind or "person"
        if section == SOURCES.name and ref in sources:
            source = sources[ref]
            if source.anonymous:
                return NOT_FOLLOWED
            if source.entity is None:
                return (f"{source.name}: only sources the article names are followed across articles "
                        "(a spokeswoman in one story is not the one in another)")
            entity = a.entity_by_id().get(source.entity or "")
            return (entity.name if entity else source.name), source.kind
        return "select a source or an entity in the sidebar (3 or 1), or go to a quote (}), then o"

    def action_versions(self) -> None:
        if self.library_url() is None:
            self.status.say("versions are kept for articles from the library (a feed or a URL)")
            return
        context(self).open_versions(self.document, self.model)

    def keep_in_library(self, a: Analysis) -> None:
        """A finished analysis of a text the library holds goes into its index (when it is not
        there yet): reading an article from a URL makes it part of "where else"."""
        if self.library_url() is not None and a.complete and not context(self).restricted:
            self._index_in_library(a)

    @work(thread=True, group="library-index")
    def _index_in_library(self, a: Analysis) -> None:
        url = self.library_url()
        if url is not None:  # if it can't be kept now, the next 'copydesk update' indexes it
            context(self).desk.keep_analysis(url, self.document, a)
