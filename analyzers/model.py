"""The document model every analyzer and every view shares.

All offsets are Python ``str`` indices into ``Document.text`` (end exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BLOCK_KINDS = ("heading", "paragraph", "blockquote", "list_item", "code", "byline", "boilerplate")
STYLE_KINDS = ("emphasis", "strong", "code", "link", "strike")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    start: int
    end: int
    level: int = 0


@dataclass(frozen=True, slots=True)
class Style:
    """Inline markup kept as a span instead of as ``*`` or ``[]`` in the text."""

    kind: str
    start: int
    end: int
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning about the input or the analysis (schema: ``warning``)."""

    kind: str
    message: str
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "message": self.message}
        if self.start is not None:
            out["start"] = self.start
            out["end"] = self.end if self.end is not None else self.start
        return out


@dataclass(frozen=True)
class Document:
    source: str
    format: str
    title: str
    text: str
    blocks: tuple[Block, ...]
    styles: tuple[Style, ...] = ()
    warnings: tuple[Notice, ...] = ()
    byline: str | None = None
    date: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def analysable_blocks(self) -> list[Block]:
        """Blocks whose prose the analyzers read (not code, bylines or boilerplate)."""
        return [b for b in self.blocks if b.kind in ("heading", "paragraph", "blockquote", "list_item")]

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "format": self.format,
            "title": self.title,
            "text": self.text,
            "blocks": [
                {"kind": b.kind, "start": b.start, "end": b.end, "level": b.level} for b in self.blocks
            ],
            "byline": self.byline,
            "date": self.date,
        }


class LoadError(Exception):
    """A file we refuse to open; the message is one line meant for the user."""


SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]
    warnings: tuple[Notice, ...] = ()


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str          # resolved: canonical entity name or the noun phrase
    text: str          # surface form at the attribution site ("she")
    start: int
    end: int
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    kind: str          # direct | indirect | mixed
    start: int
    end: int
    text: str
    speaker: Speaker | None
    cue: Span | None
    source: str | None = None
    parent: str | None = None   # id of the quote this one is reported inside ("X told Y that Z said")


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    kind: str          # person | organization | outlet | official | document | group | anonymous | unknown
    anonymous: bool
    entity: str | None
    description: str | None
    quotes: tuple[str, ...]

    @property
    def named(self) -> bool:
        """Actually named: a person, organisation or outlet the text names, not a role, a group
        ('regulators') or a document."""
        return not self.anonymous and self.entity is not None and self.kind in ("person", "organization", "outlet")

    def kind_words(self) -> tuple[str, ...]:
        """('official', 'anonymous'), or just ('anonymous',) when the kind already says it."""
        return (self.kind, "anonymous") if self.anonymous and self.kind != "anonymous" else (self.kind,)


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    start: int
    end: int
    text: str
    score: float
    reasons: tuple[str, ...]
    source: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Analysis:
    document: Document
    model: dict[str, str]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    warnings: tuple[Notice, ...] = ()
    done: int = 0          # characters of analysable text processed so far
    total: int = 0
    complete: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def progress(self) -> float:
        return 1.0 if self.total == 0 else min(1.0, self.done / self.total)

    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    def entity_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def anonymous_share(self) -> float:
        """Share of attributed quotes credited to anonymous sources."""
        by_id = self.source_by_id()
        credited = [q for q in self.quotes if q.source in by_id]
        if not credited:
            return 0.0
        return sum(by_id[q.source].anonymous for q in credited if q.source) / len(credited)
