"""copydesk's analysis library: documents in, entities/quotes/sources/claims out.

Pure Python over spaCy; never imports the UI. spaCy itself is imported only by
``rules/spacy_model.py``. Where things live (docs/ARCHITECTURE.md draws it):

- ``model``      the dataclasses every part shares (Document, Analysis and what it holds)
- ``serialize``  their JSON form (docs/analysis-schema.json), snapshots for caches and workers
- ``ingest/``    bytes -> Document: decode, sanitise, text, Markdown, HTML, feeds, OPML; what may be read
- ``rules/``     Document -> Analysis: the spaCy model, quotes, speakers, sources, entities, claims
- ``store/``     what is kept: where files go, the databases (library, review), the analysis cache
- ``io/``        the operating system and the network: atomic writes, safe opening, children, fetching
- ``batch/``     archives: one record in, one analysis out, locally or on Dask
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analyzers.ingest.load import DEFAULT_MAX_BYTES, document_from_text, load, sniff_format
    from analyzers.model import Analysis, Block, Claim, Document, Entity, LoadError, Notice, Quote
    from analyzers.rules.pipeline import analyze, analyze_stream

    # isort: split
    from analyzers.model import Source, Span, Speaker, Style

# Each name from the module that holds it, on first use: importing a submodule (the reader's
# launcher reads analyzers.io.child before anything else) costs nothing it does not use.
_HOME = {
    **dict.fromkeys(("DEFAULT_MAX_BYTES", "document_from_text", "load", "sniff_format"), "analyzers.ingest.load"),
    **dict.fromkeys(("Analysis", "Block", "Claim", "Document", "Entity", "LoadError", "Notice", "Quote", "Source",
                     "Span", "Speaker", "Style"), "analyzers.model"),
    **dict.fromkeys(("analyze", "analyze_stream"), "analyzers.rules.pipeline"),
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'analyzers' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


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
