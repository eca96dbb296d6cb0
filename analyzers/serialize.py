"""Analysis <-> JSON: the contract of ``copydesk analyze --json`` (analysis-schema.json), and the
snapshot form the analysis cache stores (every field of the dataclasses, read back typed)."""

from __future__ import annotations

import dataclasses
from typing import Any

from analyzers.ingest.sanitize import display
from analyzers.model import (
    SCHEMA_VERSION,
    Analysis,
    Block,
    Claim,
    Document,
    Entity,
    Notice,
    Quote,
    Source,
    Span,
    Speaker,
    Style,
)


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "source": display(doc.source),  # a file name may hold any bytes
        "format": doc.format,
        "title": doc.title,
        "text": doc.text,
        "blocks": [{"kind": "paragraph" if b.kind == "table_row" else b.kind, "start": b.start, "end": b.end,
                    "level": b.level} for b in doc.blocks],
        "byline": doc.byline,
        "date": doc.date,
    }


def to_json(a: Analysis, doc: Document) -> dict[str, Any]:
    """The analysis of ``doc`` as analysis-schema.json describes it."""
    return {
        "schema_version": SCHEMA_VERSION,
        "document": document_json(doc),
        "model": dict(a.model),
        "entities": [
            {"id": e.id, "name": e.name, "label": e.label, "aliases": list(e.aliases),
             "mentions": [_span(m) for m in e.mentions],
             "warnings": [w.to_json() for w in e.warnings]}
            for e in a.entities
        ],
        "quotes": [
            {"id": q.id, "kind": q.kind, "start": q.start, "end": q.end, "text": q.text,
             "speaker": None if q.speaker is None else {
                 "name": q.speaker.name, "text": q.speaker.text, "start": q.speaker.start,
                 "end": q.speaker.end, "entity": q.speaker.entity},
             "cue": _span(q.cue), "source": q.source, "parent": q.parent}
            | ({"continues": q.continues} if q.continues else {})
            for q in a.quotes
        ],
        "sources": [
            {"id": s.id, "name": s.name, "kind": s.kind, "anonymous": s.anonymous,
             "entity": s.entity, "description": s.description, "quotes": list(s.quotes)}
            for s in a.sources
        ],
        "claims": [
            {"id": c.id, "start": c.start, "end": c.end, "text": c.text, "score": round(c.score, 4),
             "reasons": list(c.reasons), "kind": c.kind, "source": c.source, "quote": c.quote}
            for c in a.claims
        ],
        "warnings": [w.to_json() for w in doc.warnings + a.warnings],
    }


# -- snapshots: every field, so a stored analysis reads back equal to the one written ----------

def snapshot_to_json(a: Analysis) -> dict[str, Any]:
    return dataclasses.asdict(a)


def _build(cls: type, data: dict[str, Any], nested: dict[str, Any] | None = None) -> Any:
    """``cls`` from a dict of its fields: lists become tuples, ``nested`` fields are decoded by
    their function; unknown keys are ignored and missing ones take the field's default."""
    if not isinstance(data, dict):
        raise ValueError(f"{cls.__name__}: expected an object")
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        v = data[f.name]
        if nested and f.name in nested and v is not None:
            v = nested[f.name](v)
        elif isinstance(v, list):
            v = tuple(v)
        kwargs[f.name] = v
    return cls(**kwargs)


def _notices(items: list[Any]) -> tuple[Notice, ...]:
    return tuple(_build(Notice, w) for w in items)


def _spans(items: list[Any]) -> tuple[Span, ...]:
    return tuple(_build(Span, s) for s in items)


def snapshot_from_json(data: dict[str, Any]) -> Analysis:
    """The Analysis written by :func:`snapshot_to_json`; ValueError/TypeError if it isn't one."""
    return _build(Analysis, data, {
        "model": dict,
        "entities": lambda xs: tuple(_build(Entity, e, {"mentions": _spans, "warnings": _notices}) for e in xs),
        "quotes": lambda xs: tuple(_build(Quote, q, {"speaker": lambda s: _build(Speaker, s),
                                                     "cue": lambda s: _build(Span, s)}) for q in xs),
        "sources": lambda xs: tuple(_build(Source, s) for s in xs),
        "claims": lambda xs: tuple(_build(Claim, c) for c in xs),
        "warnings": _notices,
        "extra": dict,
    })


def document_snapshot(doc: Document) -> dict[str, Any]:
    """Every field of a Document, for storing it (the library keeps each version this way)."""
    return dataclasses.asdict(doc)


def document_from_snapshot(data: dict[str, Any]) -> Document:
    return _build(Document, data, {
        "blocks": lambda xs: tuple(_build(Block, b) for b in xs),
        "styles": lambda xs: tuple(_build(Style, s) for s in xs),
        "warnings": _notices,
        "meta": dict,
    })
