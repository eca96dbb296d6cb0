"""The vocabulary of review marks, shared by the store, the reader and the exports."""

from __future__ import annotations

from enum import StrEnum


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


class ItemKind(StrEnum):
    """What a mark is on; the sidebar lists each kind in its section."""

    CLAIM = "claim"
    QUOTE = "quote"

    @property
    def section(self) -> str:
        return f"{self.value}s"


PENDING = "pending"       # shown while a write is on its way to the database
PENDING_SIGN = "…"
STATUSES = tuple(s.value for s in Status)
SIGNS = {s.value: s.sign for s in Status} | {PENDING: PENDING_SIGN}
LABELS = {s.value: s.label for s in Status} | {PENDING: "saving…"}
KIND_OF_SECTION = {k.section: k.value for k in ItemKind}
