"""copydesk's analysis library: documents in, entities/quotes/sources/claims out.

Pure Python over spaCy; never imports the UI. spaCy itself is imported only by ``nlp.py``.
"""

from .document import Block, Document, LoadError, Notice, Span, Style
from .loading import DEFAULT_MAX_BYTES, document_from_text, load, sniff_format

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Block",
    "Document",
    "LoadError",
    "Notice",
    "Span",
    "Style",
    "document_from_text",
    "load",
    "sniff_format",
]
