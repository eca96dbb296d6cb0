"""The document model every analyzer and every view shares.

All offsets are Python ``str`` indices into ``Document.text`` (end exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# table_row: cells separated by a tab in the text; level 0 is a header row. Rows are data, not
# prose: no claims or quotes are looked for in them. (JSON calls them paragraphs: the shared
# schema's block kinds are fixed.)
BLOCK_KINDS = ("heading", "paragraph", "blockquote", "list_item", "code", "byline", "boilerplate", "table_row")
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


class LoadError(Exception):
    """A file we refuse to open; the message is one line meant for the user."""


SCHEMA_VERSION = 1


class QuoteKind(StrEnum):
    """How a statement is reported (PolNeAR's three kinds)."""

    DIRECT = "direct"        # in quotation marks
    INDIRECT = "indirect"    # paraphrased: "X said that …"
    MIXED = "mixed"          # paraphrase around a quoted fragment

    @property
    def tag(self) -> str:
        """The sidebar's short label: a sign that reads without colour."""
        return {"direct": "❝ direct", "indirect": "~ indirect", "mixed": "❞ mixed"}[self.value]

    @property
    def component(self) -> str:
        """The article view's component class (themes colour it)."""
        return f"article--quote-{self.value}"


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
    kind: str          # a QuoteKind
    start: int
    end: int
    text: str
    speaker: Speaker | None
    cue: Span | None
    source: str | None = None
    parent: str | None = None   # id of the quote this one is reported inside ("X told Y that Z said")
    continues: str | None = None  # id of the quote this one continues across a reporting clause


SOURCE_KINDS = ("person", "organization", "outlet", "official", "document", "group", "anonymous", "unknown")
NAMED_KINDS = ("person", "organization", "outlet")


@dataclass(frozen=True, slots=True)
class Source:
    """One real-world source of an article's quotes (issue 24; the kinds are defined in
    docs/analysis-schema.json): a named person, organization or outlet; an official (an unnamed
    office holder); a group (an unnamed collective); a document; or anonymous. ``anonymous`` is
    true only when the namelessness is deliberate ('who spoke on condition of anonymity',
    'people familiar with'); a plain unnamed official is an official, not anonymous."""

    id: str
    name: str
    kind: str          # one of SOURCE_KINDS
    anonymous: bool
    entity: str | None
    description: str | None   # the role the article gives ('White House spokeswoman'), never an age
    quotes: tuple[str, ...]

    @property
    def named(self) -> bool:
        """Actually named: a person, organisation or outlet the text names (also when a quote
        calls it 'the senator' or 'he'), not a role, a group ('regulators'), a document or the
        unnamed writer of a column."""
        return not self.anonymous and self.entity is not None and self.kind in NAMED_KINDS

    @property
    def unnamed(self) -> str | None:
        """For a source that is not named: 'anonymous', 'official', 'group', 'document' or
        'other' (what the header and profiles count it as); None for a named source."""
        if self.named:
            return None
        if self.anonymous:
            return "anonymous"
        return self.kind if self.kind in ("official", "group", "document") else "other"

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
    kind: str = "fact"     # statistic | comparison | causal | prediction | quote_claim | fact


@dataclass(frozen=True)
class Analysis:
    """What the rules found in one Document (kept apart from it: the same snapshot crosses the
    pipe from the analysis process and sits in the cache, and the Document never travels)."""

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

    def source_counts(self) -> list[tuple[str, int]]:
        """How many sources of each standing, in the order a reader weighs them: named,
        anonymous, then the unnamed ones (officials, groups, documents, other), empty ones
        left out after the first two."""
        counts = {"named": 0, "anonymous": 0, "official": 0, "group": 0, "document": 0, "other": 0}
        for s in self.sources:
            counts["named" if s.named else s.unnamed or "other"] += 1
        return [(k, n) for k, n in counts.items() if n or k in ("named", "anonymous")]

    def anonymous_share(self) -> float:
        """Share of attributed quotes credited to anonymous sources."""
        by_id = self.source_by_id()
        credited = [q for q in self.quotes if q.source in by_id]
        if not credited:
            return 0.0
        return sum(by_id[q.source].anonymous for q in credited if q.source) / len(credited)
