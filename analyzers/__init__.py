"""copydesk's analysis library: documents in, entities/quotes/sources/claims out.

Pure Python over spaCy; never imports the UI. spaCy itself is imported only by
``rules/spacy_model.py``. Where things live:

- ``model``    the dataclasses every part shares (Document, Analysis and what it holds)
- ``ingest/``  bytes -> Document: decode, sanitise, plain text, Markdown, HTML, feeds
- ``rules/``   Document -> Analysis: the spaCy model, quotes, speakers, entities, claims
- ``review/``  marks and notes: anchoring, the SQLite store, the session, exports
- ``io/``      JSON serialisation, the analysis cache, atomic writes
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analyzers.ingest.load import DEFAULT_MAX_BYTES, document_from_text, load, sniff_format
from analyzers.model import (
    Analysis,
    Block,
    Claim,
    Document,
    Entity,
    LoadError,
    Notice,
    Quote,
    Source,
    Span,
    Speaker,
    Style,
)

if TYPE_CHECKING:
    from analyzers.rules.pipeline import analyze, analyze_stream


def __getattr__(name: str) -> Any:
    # The rules cost import time that the reader's first paint never needs.
    if name in ("analyze", "analyze_stream"):
        from analyzers.rules import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'analyzers' has no attribute {name!r}")


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Analysis",
    "Block",
    "Claim",
    "Document",
    "Entity",
    "LoadError",
    "Notice",
    "Quote",
    "Source",
    "Span",
    "Speaker",
    "Style",
    "analyze",
    "analyze_stream",
    "document_from_text",
    "load",
    "sniff_format",
]
