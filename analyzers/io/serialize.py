"""Analysis -> the JSON contract in analysis-schema.json."""

from __future__ import annotations

from typing import Any

from analyzers.model import SCHEMA_VERSION, Analysis, Span


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def to_json(a: Analysis) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "document": a.document.to_json(),
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
            for q in a.quotes
        ],
        "sources": [
            {"id": s.id, "name": s.name, "kind": s.kind, "anonymous": s.anonymous,
             "entity": s.entity, "description": s.description, "quotes": list(s.quotes)}
            for s in a.sources
        ],
        "claims": [
            {"id": c.id, "start": c.start, "end": c.end, "text": c.text, "score": round(c.score, 4),
             "reasons": list(c.reasons), "source": c.source, "quote": c.quote}
            for c in a.claims
        ],
        "warnings": [w.to_json() for w in a.document.warnings + a.warnings],
    }
