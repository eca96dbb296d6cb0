"""The vocabulary of review marks, shared by the store, the reader and the exports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from analyzers.model import Analysis


class Status(StrEnum):
    """A reviewer's verdict on a claim or quote (``unreviewed`` with a note: a note alone)."""

    VERIFIED = "verified"
    DISPUTED = "disputed"
    NEEDS_SOURCE = "needs_source"
    UNREVIEWED = "unreviewed"

    @property
    def sign(self) -> str:
        """Readable without colour; ✎ is a note without a verdict."""
        return {"verified": "✓", "disputed": "✗", "needs_source": "?", "unreviewed": "✎"}[self.value]

    @property
    def label(self) -> str:
        return "needs a source" if self is Status.NEEDS_SOURCE else self.value

    @property
    def component(self) -> str:
        """The article view's component class (themes colour it)."""
        return f"article--review-{self.value}"


class Located(Protocol):
    """An item a mark can be on: a claim or a quote."""

    @property
    def id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class ItemKind(StrEnum):
    """What a mark is on: the one list of reviewable kinds. The review store accepts exactly
    these (its SQL CHECK must agree: tests/review/test_store.py), the review session binds marks
    to each kind's items, the JSON export reviews them, and the UI's section registry
    (tui/sections.py) names one per reviewable sidebar section."""

    CLAIM = "claim"
    QUOTE = "quote"

    @property
    def section(self) -> str:
        """The Analysis field (and JSON key, and sidebar section) that holds items of this kind."""
        return f"{self.value}s"

    def items(self, a: Analysis) -> Sequence[Located]:
        """The analysis' items of this kind, in text order."""
        items: Sequence[Located] = getattr(a, self.section)  # a field per kind: claims, quotes
        return items


PENDING = "pending"       # shown while a write is on its way to the database
PENDING_SIGN = "…"
STATUSES = tuple(s.value for s in Status)
SIGNS = {s.value: s.sign for s in Status} | {PENDING: PENDING_SIGN}
LABELS = {s.value: s.label for s in Status} | {PENDING: "saving…"}
KINDS = tuple(k.value for k in ItemKind)
KIND_OF_SECTION = {k.section: k.value for k in ItemKind}


@dataclass(frozen=True, slots=True)
class Decision:
    """One change to an item's review: who (the operating-system account; None before marks
    were signed), when, the verdict and note they left, whom the item was assigned to then."""

    status: str
    note: str | None
    by: str | None
    at: str
    assigned_to: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"status": self.status, "note": self.note, "by": self.by or "unknown", "at": self.at,
                "assigned_to": self.assigned_to}


@dataclass(frozen=True, slots=True)
class Standing:
    """Where an item stands once every reviewer's latest decision is counted: one verdict all
    agree on, or 'disputed' between those who disagree (no decision is ever lost)."""

    status: str
    note: str | None                          # the latest note
    by: str | None                            # who made the latest decision
    at: str | None
    views: tuple[Decision, ...] = ()          # each reviewer's latest decision, oldest first
    assigned_to: str | None = None

    @property
    def contested(self) -> bool:
        """Reviewers disagree: their verdicts differ."""
        return len({d.status for d in self.views if d.status != Status.UNREVIEWED}) > 1


def standing(history: Sequence[Decision]) -> Standing:
    """The item's standing after ``history`` (oldest first). A decision made before marks were
    signed (``by`` None) belongs to whoever signed the next one: one user, before and after."""
    latest: dict[str | None, Decision] = {}
    assigned: str | None = None
    for d in history:
        if d.by is not None:
            latest.pop(None, None)
        latest.pop(d.by, None)   # re-inserted last: the order is that of each one's latest
        latest[d.by] = d
        assigned = d.assigned_to
    views = tuple(d for d in latest.values() if d.status != Status.UNREVIEWED or d.note)
    if not views:
        last = history[-1] if history else None
        return Standing(Status.UNREVIEWED, None, last.by if last else None, last.at if last else None, (), assigned)
    verdicts = {d.status for d in views if d.status != Status.UNREVIEWED}
    status = Status.DISPUTED if len(verdicts) > 1 else (verdicts.pop() if verdicts else Status.UNREVIEWED)
    noted = [d for d in views if d.note]
    last = views[-1]
    return Standing(str(status), noted[-1].note if noted else None, last.by, last.at, views, assigned)


@dataclass(frozen=True, slots=True)
class ItemReview:
    status: str
    note: str | None
    updated: str | None
    was: str | None = None      # the item's words when it was marked, if it has been reworded since
    by: str | None = None       # who made the latest decision (None: before marks were signed)
    views: tuple[Decision, ...] = ()      # each reviewer's latest decision (two or more: a team desk)
    history: tuple[Decision, ...] = ()    # every decision, oldest first
    assigned_to: str | None = None

    @property
    def contested(self) -> bool:
        """Reviewers disagree: shown as disputed between them, each with their own verdict and note."""
        return len({d.status for d in self.views if d.status != "unreviewed"}) > 1

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"status": self.status, "note": self.note, "updated": self.updated}
        if self.was is not None:
            out["was"] = self.was
        if self.history:
            out["by"] = self.by
            out["history"] = [d.to_json() for d in self.history]
        return out


UNREVIEWED = ItemReview("unreviewed", None, None)
