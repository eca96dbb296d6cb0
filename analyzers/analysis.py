"""What the analyzers return: frozen dataclasses keyed by character offsets into Document.text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Document, Notice, Span

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


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    kind: str          # person | organization | outlet | official | document | anonymous | unknown
    anonymous: bool
    entity: str | None
    description: str | None
    quotes: tuple[str, ...]

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
