"""The vocabulary of review marks, shared by the store, the reader and the exports."""

from __future__ import annotations

from collections.abc import Sequence
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
