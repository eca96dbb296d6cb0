"""The review of the open article, for the reader and the review queue: marks tied to the
current analysis, the current target, and writes that never freeze the screen.

Every database call (opening, each save, looking for other instances' marks) runs on one
background thread, in order; its result is handed back through ``post`` to run where the screen
runs. A mark shows as pending ("…") until its commit returns, and as saved only then; a database
another program keeps locked gives up after a few seconds with one line. Quitting never waits
for the thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from analyzers.model import Analysis, Document
from analyzers.store.review.marks import KIND_OF_SECTION, PENDING, UNREVIEWED, ItemKind, ItemReview

if TYPE_CHECKING:
    from analyzers.store.review.session import Review, Saved

Post = Callable[[Callable[[], None]], object]
Done = Callable[[ItemReview], None]
Failed = Callable[[str], None]


def _one_line(exc: BaseException) -> str:
    from analyzers.ingest.sanitize import display

    return display(" ".join(str(exc).split()) or type(exc).__name__)


class ReviewSession:
    def __init__(self, document: Document, post: Post, changed: Callable[[], None]) -> None:
        self.document = document
        self._post = post
        self._changed = changed
        self.review: Review | None = None
        self.problem: str | None = None       # why there is no review (one line), once known
        self.analysis: Analysis | None = None
        self.current: tuple[str, str] | None = None   # (section, id) of the last claim/quote shown
        self.pending: dict[tuple[str, str], str] = {}  # (kind, id) -> what is being saved
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="review-writer", daemon=True)
        self._thread.start()

    # -- the writer thread --------------------------------------------------------------------
    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()
            self._jobs.task_done()

    def idle(self) -> bool:
        """No write or read queued or running, and every write's result shown."""
        return self._jobs.unfinished_tasks == 0 and not self.pending

    def _later(self, job: Callable[[], None]) -> None:
        self._jobs.put(job)

    def open(self, store_factory: Callable[[], Any]) -> None:
        """Open the store and read the document's marks, off the screen's thread."""
        def job() -> None:
            from analyzers.store.review.session import Review

            try:
                review = Review(store_factory(), self.document)
            except Exception as exc:  # a locked, unreadable or newer database: one line
                problem = _one_line(exc)
                self._post(lambda: self._unavailable(problem))
                return
            self._post(lambda: self._ready(review))

        self._later(job)

    def _ready(self, review: Review) -> None:
        self.review = review
        if self.analysis is not None:
            review.bind(self.analysis)
        self._changed()

    def _unavailable(self, problem: str) -> None:
        self.problem = problem
        self._changed()

    def poll(self) -> None:
        """Show marks another copydesk committed meanwhile (checked on the writer thread)."""
        review = self.review
        if review is None or not self._jobs.empty():
            return

        def job() -> None:
            try:
                placed = review.fetch_if_changed()
            except Exception:
                return  # busy or gone: try again next time
            if placed is not None:
                def show() -> None:
                    review.use(placed)
                    self._changed()

                self._post(show)

        self._later(job)

    def close(self) -> None:
        """Stop taking work; a write still waiting on a lock is abandoned (it was never shown
        as saved), and the store is closed by the thread when it gets there."""
        review = self.review
        self._later(lambda: review.store.close() if review is not None else None)
        self._jobs.put(None)

    # -- what the screen reads ----------------------------------------------------------------
    def bind(self, analysis: Analysis) -> None:
        self.analysis = analysis
        if self.review is not None:
            self.review.bind(analysis)

    def of(self, kind: str, item_id: str) -> ItemReview:
        if (kind, item_id) in self.pending:
            saved = self.review.of(kind, item_id) if self.review else UNREVIEWED
            return ItemReview(PENDING, saved.note, saved.updated)
        return self.review.of(kind, item_id) if self.review is not None else UNREVIEWED

    def spans(self) -> list[tuple[int, int, str]]:
        """(start, end, status) of every mark, pending ones as 'pending', for the gutter."""
        out = {(s, e): st for s, e, st in (self.review.spans() if self.review else [])}
        for kind, item_id in self.pending:
            item = self.find(ItemKind(kind).section, item_id)
            if item is not None:
                out[(item[0], item[1])] = PENDING
        return sorted((s, e, st) for (s, e), st in out.items())

    def items(self, section: str) -> list[tuple[int, int, str]]:
        """(start, end, id) of the section's reviewable items (claims, quotes), in text order."""
        a, kind = self.analysis, KIND_OF_SECTION.get(section)
        if a is None or kind is None:
            return []
        return [(x.start, x.end, x.id) for x in ItemKind(kind).items(a)]

    def find(self, section: str, item_id: str) -> tuple[int, int, str] | None:
        return next((it for it in self.items(section) if it[2] == item_id), None)

    def progress(self) -> tuple[int, int]:
        """(claims with a verdict, claims)."""
        claims = self.items(ItemKind.CLAIM.section)
        done = sum(self.of(ItemKind.CLAIM, c[2]).status not in ("unreviewed", PENDING) for c in claims)
        return done, len(claims)

    # -- writes -------------------------------------------------------------------------------
    def set(self, section: str, item_id: str, *, status: str | None = None, note: str | None = None,
            set_note: bool = False, assign: str | None = None, done: Done | None = None,
            failed: Failed | None = None) -> bool:
        """Queue a verdict and/or a note; ``done`` runs once it is durable, ``failed`` with one
        line if it could not be. False (and ``failed``) when there is nothing to write to."""
        review, item = self.review, self.find(section, item_id)
        if review is None or item is None:
            if failed is not None:
                failed((self.problem or "the review marks are not loaded yet") if review is None else "no such item")
            return False
        kind = KIND_OF_SECTION[section]
        key = (kind, item_id)
        self.pending[key] = status or ("assignment" if assign is not None else "note")

        def job() -> None:
            try:
                saved = review.save(kind, item_id, item[0], item[1], status=status, note=note, set_note=set_note,
                                    assign=assign)
            except Exception as exc:
                problem = _one_line(exc)
                self._post(lambda: self._failed(key, problem, failed))
                return
            self._post(lambda: self._saved(key, saved, done))

        self._later(job)
        self._changed()
        return True

    def _saved(self, key: tuple[str, str], saved: Saved, done: Done | None) -> None:
        self.pending.pop(key, None)
        result = self.review.apply(saved) if self.review is not None else UNREVIEWED
        self._changed()
        if done is not None:
            done(result)

    def _failed(self, key: tuple[str, str], problem: str, failed: Failed | None) -> None:
        self.pending.pop(key, None)
        self._changed()
        if failed is not None:
            failed(problem)
