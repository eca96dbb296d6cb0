"""Incremental search over an article: text and query folded the same way (compatibility forms,
case and accents folded, invisible characters dropped: "lopez" finds "López", "strasse" finds
"Straße"), with a map from the folded text back to document offsets.

Folding changes lengths ("İ" -> "i̇", "ß" -> "ss", a zero-width joiner -> ""), so the folded text
is built character by character and every folded character remembers the offset it came from.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from analyzers.ingest.sanitize import INVISIBLE

MAX_MATCHES = 10_000


@lru_cache(maxsize=4096)
def fold_char(c: str) -> str:
    if c in INVISIBLE or unicodedata.category(c) == "Cf":
        return ""
    decomposed = unicodedata.normalize("NFKD", c.casefold())
    return "".join(d for d in decomposed if not unicodedata.combining(d)).casefold()


def fold(s: str) -> str:
    return s.lower() if s.isascii() else "".join(fold_char(c) for c in s)


class SearchIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._origin: list[int] | None = None  # folded offset -> document offset; None: identity

    def _build(self) -> str:
        if self._folded is None:
            text = self.text
            if text.isascii():
                self._folded = text.lower()
            else:
                parts: list[str] = []
                origin: list[int] = []
                for i, c in enumerate(text):
                    f = fold_char(c)
                    if f:
                        parts.append(f)
                        origin.extend([i] * len(f))
                self._folded = "".join(parts)
                self._origin = origin
        return self._folded

    def find(self, query: str) -> list[tuple[int, int]]:
        """Document spans of every match of ``query``, in order (at most MAX_MATCHES)."""
        key = fold(query)
        if not key.strip():
            return []
        hay = self._build()
        origin = self._origin
        out: list[tuple[int, int]] = []
        pos = hay.find(key)
        while pos >= 0 and len(out) < MAX_MATCHES:
            end = pos + len(key)
            out.append((origin[pos], origin[end - 1] + 1) if origin is not None else (pos, end))
            pos = hay.find(key, end)
        return out
