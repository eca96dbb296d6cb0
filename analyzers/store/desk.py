"""One door to what copydesk keeps: the library (feeds, articles, versions, the cross-article
index), the review database and the analysis cache. The reader's screens, the command line and
the batch writer ask the ``Desk``; none of them opens a database or handles ``sqlite3``.

Every method opens what it needs on the calling thread (SQLite connections belong to one
thread; the screens ask from workers) and closes it before returning. Whatever goes wrong in
storage is a ``DeskError`` with a one-line message. A read-only desk (restricted mode) never
writes and never creates a library that is not there."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from analyzers.model import Analysis, Document
from analyzers.store import paths
from analyzers.store.database import DatabaseError

if TYPE_CHECKING:
    from analyzers.ingest.claimreview import ClaimReview, Skipped
    from analyzers.io.fetch import FetchPolicy
    from analyzers.rules.factcheck_match import Query
    from analyzers.store.library.factchecks import ClaimMatches, ImportResult
    from analyzers.store.library.queries import Hit, Profile, SearchHit, SourceRow
    from analyzers.store.library.store import ArticleRow, Feed, LibraryStore
    from analyzers.store.library.update import FeedResult, Progress
    from analyzers.store.review.store import ReviewStore

T = TypeVar("T")


class DeskError(DatabaseError):
    """Storage could not do what was asked; the message is one line for the user."""


@dataclass(frozen=True)
class Desk:
    read_only: bool = False   # restricted mode: read what is there, change nothing

    # -- the doors ---------------------------------------------------------------------------------
    def has_library(self) -> bool:
        return paths.library_db().exists()

    @contextmanager
    def library(self, *, write: bool = False) -> Iterator[LibraryStore]:
        """The library database for one piece of work (DeskError if it can't be used; a
        read-only desk refuses ``write``)."""
        from analyzers.store.library.store import LibraryStore

        if write and self.read_only:
            raise DeskError("restricted: the library is read-only here (its owner updates it)")
        with _translated():
            store = LibraryStore(read_only=self.read_only)
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def review(self) -> Iterator[ReviewStore]:
        """The review database (marks and notes) for one piece of work."""
        from analyzers.store.review.store import ReviewStore

        with _translated():
            store = ReviewStore()
            try:
                yield store
            finally:
                store.close()

    def open_review(self) -> ReviewStore:
        """The review database for a reading session that keeps it open (closed by the caller)."""
        from analyzers.store.review.store import ReviewStore

        with _translated():
            return ReviewStore()

    def read(self, question: Callable[[LibraryStore], T], empty: T) -> T:
        """``question(store)`` on the library; ``empty`` when there is no library yet."""
        if not self.has_library():
            return empty
        with self.library() as store, _translated():
            return question(store)

    # -- feeds ------------------------------------------------------------------------------------
    def feeds(self) -> list[Feed]:
        if self.read_only and not self.has_library():
            return []
        with self.library() as store, _translated():
            return store.feeds()

    def add_feed(self, url: str, title: str = "", tags: Iterable[str] = ()) -> Feed:
        """Subscribe (FeedError if the URL could never be fetched as a feed)."""
        with self.library(write=True) as store, _translated():
            return store.add_feed(url, title, tags)

    def remove_feed(self, url: str) -> bool:
        with self.library(write=True) as store, _translated():
            return store.remove_feed(url)

    # -- the library list --------------------------------------------------------------------------
    def listing(self) -> tuple[list[Feed], list[ArticleRow]]:
        """Every feed and article (none when a read-only desk has no library)."""
        if self.read_only and not self.has_library():
            return [], []
        with self.library() as store, _translated():
            return store.feeds(), store.articles()

    def review_progress(self) -> dict[str, int]:
        """Reviewed items per document key (a library article's key is its URL)."""
        try:
            with self.review() as review:
                return {k.removeprefix("url:"): n for k, n in review.verdicts_by_document().items()}
        except DeskError:
            return {}

    def set_read(self, article_ids: Iterable[int], read: bool) -> None:
        with self.library(write=True) as store, _translated():
            store.set_read(article_ids, read)

    # -- articles and versions -------------------------------------------------------------------
    def document(self, version_id: int, *, mark_read: Iterable[int] = ()) -> Document:
        """A stored version's document (KeyError if there is none); ``mark_read``: these articles
        are read now (unless the desk is read-only)."""
        with self.library() as store, _translated():
            doc = store.document(version_id)
            if mark_read and not self.read_only:
                store.set_read(mark_read, True)
            return doc

    def newest_document(self, url: str) -> Document | None:
        """The newest stored version of the article at ``url`` (its address or canonical one)."""
        if not self.has_library():
            return None
        with self.library() as store, _translated():
            article = store.article(url)
            return store.document(article.version_id) if article is not None else None

    def document_and_analysis(self, version_id: int, model: str | None) -> tuple[Document, Analysis | None]:
        """A stored version and its cached analysis (None when it was never analysed here)."""
        from analyzers.limits import DEFAULT_MAX_CHARS
        from analyzers.store import cache

        doc = self.document(version_id)
        return doc, cache.get(doc, model, DEFAULT_MAX_CHARS)

    def keep_analysis(self, url: str, doc: Document, analysis: Analysis) -> bool:
        """A finished analysis of a text the library holds goes into its index when it is not
        there yet; True when it was added. Never raises: the next update indexes it anyway."""
        from analyzers.store.library.index import is_indexed
        from analyzers.store.library.store import text_hash

        if self.read_only or not analysis.complete or not self.has_library():
            return False
        try:
            with self.library(write=True) as store, _translated():
                found = store.version_of(text_hash(doc.text), url)
                if found is None or is_indexed(store.db, found[1]):
                    return False
                store.retry(lambda: store.analysed(found[1], analysis))
                return True
        except DeskError:
            return False

    def add_page(self, url: str, doc: Document, raw: bytes, *, harvest: bool = True) -> None:
        """A page fetched from its URL, kept as a version (marks follow it, a change is a new
        version); ``harvest``: the ClaimReviews it carries join the fact-checks."""
        from analyzers.store.library import factchecks

        with self.library(write=True) as store, _translated():
            store.add_version(url, doc, raw=raw)
            found = factchecks.harvest(raw, url) if harvest else []
            if found and factchecks.upsert(store, found, url).changed:
                factchecks.rebuild_index(store)

    # -- questions across articles ------------------------------------------------------------------
    def sources(self, **kw: Any) -> list[SourceRow]:
        from analyzers.store.library.queries import sources

        return self.read(lambda s: sources(s, **kw), [])

    def where_else(self, name: str, kind: str = "person", **kw: Any) -> list[Hit]:
        from analyzers.store.library.queries import where_else

        return self.read(lambda s: where_else(s, name, kind, **kw), [])

    def search(self, query: str, **kw: Any) -> list[SearchHit]:
        """Library search (SearchStopped when cancelled or too slow)."""
        from analyzers.store.library.queries import search

        return self.read(lambda s: search(s, query, **kw), [])

    def profile(self, **kw: Any) -> Profile | None:
        from analyzers.store.library.queries import profile

        return self.read(lambda s: profile(s, **kw), None)

    def outlet_names(self) -> list[str]:
        from analyzers.store.library.queries import outlet_names

        return self.read(outlet_names, [])

    # -- updating -------------------------------------------------------------------------------
    def update(self, policy: FetchPolicy, *, jobs: int = 4, due_only: bool = False,
               progress: Progress | None = None, max_bytes: int = 20 * 1024 * 1024) -> list[FeedResult]:
        """Fetch the feeds and store what is new (``copydesk update``, the library's U)."""
        from analyzers.store.library.factchecks import rebuild_index
        from analyzers.store.library.update import update

        with self.library(write=True) as store:
            results = update(store, policy=policy, jobs=jobs, due_only=due_only, progress=progress,
                             max_bytes=max_bytes)
            if any(r.factchecks.changed for r in results):  # fact-checkers' pages brought reviews
                with _translated():
                    rebuild_index(store)
            return results

    def pending(self, new: list[int]) -> list[int]:
        """What to analyse after an update: the new versions, then every version still
        unanalysed (an update that was killed, or one run with --no-analyze), then those
        analysed before the cross-article index existed."""
        with self.library() as store, _translated():
            return list(dict.fromkeys([*new, *store.unanalysed(limit=100_000), *store.unindexed()]))

    def analysed(self, version_id: int, analysis: Analysis) -> None:
        """Keep a version's analysis: its counts for the list, its speakers, entities and quotes
        for the cross-article index."""
        with self.library(write=True) as store, _translated():
            store.retry(lambda: store.analysed(version_id, analysis))


    # -- fact-checks ---------------------------------------------------------------------------
    def import_factchecks(self, records: Iterable[ClaimReview | Skipped], origin: str, *,
                          progress: Callable[[ImportResult], object] | None = None,
                          reindex: bool = True) -> ImportResult:
        """Keep these ClaimReviews (re-importing updates, never duplicates); ``reindex``: the
        matcher's index is rebuilt now (else call ``reindex_factchecks`` once after several)."""
        from analyzers.store.library.factchecks import rebuild_index, upsert

        with self.library(write=True) as store, _translated():
            result = upsert(store, records, origin, progress)
            if reindex and result.changed:
                rebuild_index(store)
            return result

    def reindex_factchecks(self) -> None:
        from analyzers.store.library.factchecks import rebuild_index

        with self.library(write=True) as store, _translated():
            rebuild_index(store)

    def factchecks(self, **kw: Any) -> list[ClaimReview]:
        from analyzers.store.library.factchecks import listing

        return self.read(lambda s: listing(s, **kw), [])

    def factcheck_count(self) -> int:
        """How many fact-checks the collection holds (0 without a library: none is created)."""
        from analyzers.store.library.factchecks import count

        return self.read(count, 0)

    def factcheck_stats(self) -> dict[str, Any]:
        from analyzers.store.library.factchecks import stats

        return self.read(stats, {"reviews": 0})

    def remove_factchecks(self, keys: Sequence[str]) -> int:
        """Remove the reviews with these identifiers or URLs; how many went."""
        from analyzers.store.library.factchecks import rebuild_index, remove

        with self.library(write=True) as store, _translated():
            gone = remove(store, keys)
            if gone:
                rebuild_index(store)
            return gone

    def match_claims(self, queries: Sequence[Query], *, top: int = 10, use_dates: bool = True,
                     keep_index: bool = True) -> list[ClaimMatches]:
        """Each claim's earlier fact-checks, best first. An index out of date is rebuilt and kept
        (``keep_index``); a read-only desk (or ``keep_index=False``) builds it in memory and
        writes nothing."""
        from analyzers.store.library.factchecks import ClaimMatches, match

        return self.read(lambda s: match(s, queries, top=top, use_dates=use_dates, keep_index=keep_index),
                         [ClaimMatches(q.id) for q in queries])


@contextmanager
def _translated() -> Iterator[None]:
    """sqlite3's and the stores' errors as one DeskError line."""
    try:
        yield
    except DeskError:
        raise
    except DatabaseError as exc:
        raise DeskError(str(exc)) from None
    except sqlite3.Error as exc:
        raise DeskError(f"library database: {exc}") from None


__all__ = ["Desk", "DeskError"]
