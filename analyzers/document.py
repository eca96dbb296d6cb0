"""The document model every analyzer and every view shares.

All offsets are Python ``str`` indices into ``Document.text`` (end exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
