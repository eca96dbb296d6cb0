"""The review of one document: its marks placed in the current text and tied to the current
analysis' claims and quotes. Used by the reader, the review queue and the exports alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from analyzers.model import Analysis, Document
from analyzers.store.review.anchor import Mark, Placed, fingerprint, match_items, place, selector
from analyzers.store.review.reworded import Candidate, reworded

if TYPE_CHECKING:  # sqlite3 is loaded with the store, after the reader's first paint
    from analyzers.store.review.store import ReviewStore

from analyzers.store.review.marks import (
    KIND_OF_SECTION,
    LABELS,
    SIGNS,
    UNREVIEWED,
    ItemKind,
    ItemReview,
    standing,
)

__all__ = ["KIND_OF_SECTION", "LABELS", "SIGNS", "UNREVIEWED", "ItemReview", "Review", "item_review"]


def item_review(mark: Mark, was: str | None = None) -> ItemReview:
    """What a mark says of its item: its standing across every reviewer's decisions."""
    if not mark.history:  # a mark from before decisions were kept one by one
        return ItemReview(mark.status, mark.note, mark.updated, was, mark.author, (), (), mark.assigned_to)
    s = standing(mark.history)
    return ItemReview(s.status, s.note, s.at or mark.updated, was, s.by, s.views, mark.history, s.assigned_to)


@dataclass(frozen=True, slots=True)
class Saved:
    """A committed write, to be shown with :meth:`Review.apply`."""

    kind: str
    item_id: str
    start: int
    end: int
    replaced: int | None      # the mark it replaced
    mark: Mark | None         # None: the item has neither verdict nor note any more


class Review:
    """Marks for ``document`` from ``store``; call :meth:`bind` whenever the analysis changes."""

    def __init__(self, store: ReviewStore, document: Document) -> None:
        from analyzers.store.review.store import doc_key

        self.store = store
        self.document = document
        self.fingerprint = fingerprint(document.text)
        self.key = doc_key(document.source, self.fingerprint)
        self.placed: list[Placed] = []
        self.by_item: dict[tuple[str, str], Placed] = {}
        self._analysis: Analysis | None = None
        self._seen_version = -1
        self.reload()

    # Reads and writes of the database (``fetch``, ``save``) may run on a background thread;
    # ``use`` and ``apply`` change what the screen shows and run where the screen runs.
    def reload(self) -> None:
        self.use(self.fetch())

    def fetch(self) -> list[Placed]:
        """The document's marks, placed in the current text."""
        self._seen_version = self.store.data_version()
        text = self.document.text
        return [place(text, self.fingerprint, m) for m in self.store.marks(self.key, self.fingerprint)]

    def fetch_if_changed(self) -> list[Placed] | None:
        """The marks again when another instance committed since we last looked, else None."""
        if self.store.data_version() == self._seen_version:
            return None
        return self.fetch()

    def use(self, placed: list[Placed]) -> None:
        self.placed = placed
        self._rebind()

    def changed_elsewhere(self) -> bool:
        """True (and reloaded) when another instance committed since we last looked."""
        placed = self.fetch_if_changed()
        if placed is None:
            return False
        self.use(placed)
        return True

    def bind(self, analysis: Analysis) -> None:
        self._analysis = analysis
        self._rebind()

    def _rebind(self) -> None:
        a = self._analysis
        self.by_item = {}
        if a is None:
            return
        for kind in ItemKind:
            items = [(x.id, x.start, x.end) for x in kind.items(a)]
            for item_id, p in match_items(self.placed, kind.value, items).items():
                self.by_item[(kind.value, item_id)] = p
            # a mark whose words are gone follows its item when the item is there in other words
            bound = {id(p) for p in self.by_item.values()}
            loose = [p for p in self.placed if p.mark.kind == kind.value and id(p) not in bound]
            taken = {item_id for (k, item_id) in self.by_item if k == kind.value}
            candidates = [Candidate(x.id, x.start, x.end, self.document.text[x.start:x.end], *_who(x))
                          for x in kind.items(a) if x.id not in taken]
            for p, found in reworded(loose, candidates, len(self.document.text)).items():
                placed = Placed(p.mark, found.start, found.end, "reworded")
                self.placed = [placed if q is p else q for q in self.placed]
                self.by_item[(kind.value, found.id)] = placed

    # -- queries ------------------------------------------------------------------------------
    def of(self, kind: str, item_id: str) -> ItemReview:
        p = self.by_item.get((kind, item_id))
        if p is None:
            return UNREVIEWED
        now = self.document.text[p.start:p.end] if p.start is not None and p.end is not None else ""
        changed = p.how in ("edited", "reworded") and " ".join(now.split()) != " ".join(p.mark.anchor.exact.split())
        return item_review(p.mark, p.mark.anchor.exact if changed else None)

    def orphaned(self) -> list[Placed]:
        return [p for p in self.placed if p.orphaned]

    def unmatched(self) -> list[Placed]:
        """Marks whose text is still there but no longer an item of the analysis."""
        bound = {id(p) for p in self.by_item.values()}
        return [p for p in self.placed if not p.orphaned and id(p) not in bound]

    def spans(self) -> list[tuple[int, int, str]]:
        """(start, end, status) of every placed mark, for the article's gutter."""
        return sorted((p.start, p.end, p.mark.status) for p in self.placed
                      if p.start is not None and p.end is not None)

    # -- writes -------------------------------------------------------------------------------
    def set(self, kind: str, item_id: str, start: int, end: int, *, status: str | None = None,
            note: str | None = None, set_note: bool = False, assign: str | None = None) -> ItemReview:
        """Store a verdict, note and/or assignment ('' unassigns); returns only after the commit
        is durable."""
        return self.apply(self.save(kind, item_id, start, end, status=status, note=note, set_note=set_note,
                                    assign=assign))

    def save(self, kind: str, item_id: str, start: int, end: int, *, status: str | None = None,
             note: str | None = None, set_note: bool = False, assign: str | None = None) -> Saved:
        """The durable write alone (no change to what is shown): see :meth:`apply`."""
        existing = self.by_item.get((kind, item_id))
        old_id = existing.mark.id if existing else None
        item = next((x for x in ItemKind(kind).items(self._analysis) if x.id == item_id), None) \
            if self._analysis is not None else None
        speaker, cue = _who(item) if item is not None else (None, None)
        mark = self.store.save(
            key=self.key, fp=self.fingerprint, title=self.document.title, kind=kind, item_id=item_id,
            anchor=selector(self.document.text, start, end), status=status, note=note, set_note=set_note,
            mark_id=old_id, speaker=speaker, cue=cue, assign=assign)
        return Saved(kind, item_id, start, end, old_id, mark)

    def apply(self, saved: Saved) -> ItemReview:
        """Show a committed write: the item's mark replaced by the stored one."""
        gone = {saved.replaced, saved.mark.id if saved.mark else None}
        self.placed = [p for p in self.placed if p.mark.id not in gone]
        if saved.mark is not None:
            self.placed.append(Placed(saved.mark, saved.start, saved.end, "same"))
        self._rebind()
        return self.of(saved.kind, saved.item_id)

    def progress(self, analysis: Analysis) -> tuple[int, int]:
        """(claims with a verdict, claims)."""
        done = sum(self.of(ItemKind.CLAIM, c.id).status != "unreviewed" for c in analysis.claims)
        return done, len(analysis.claims)


def _who(item: object) -> tuple[str | None, str | None]:
    """A quote's speaker and cue as words (what a reworded quote keeps); (None, None) for a claim."""
    speaker = getattr(item, "speaker", None)
    cue = getattr(item, "cue", None)
    return (getattr(speaker, "name", None), getattr(cue, "text", None))
