"""Where ] [ } { ) ( n N go next: from the current item while it is on screen, else from
where the reader has scrolled to (the first item from the top of the page going forward, the
last one before the bottom of the page going back)."""

from __future__ import annotations

import bisect

Span = tuple[int, int]


def overlaps(a: Span, b: Span) -> bool:
    """Do two spans share a character (an empty span counts as its first character)?"""
    return a[0] < max(b[1], b[0] + 1) and max(a[1], a[0] + 1) > b[0]


class Navigator:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.last: str | None = None   # the kind of the last jump

    def current(self, kind: str, spans: list[Span]) -> Span | None:
        i = self.index.get(kind, -1)
        return spans[i] if 0 <= i < len(spans) else None

    def step(self, kind: str, spans: list[Span], direction: int, visible: Span) -> int | None:
        """The index to show next in ``spans`` (sorted by start), or None if there are none."""
        if not spans:
            return None
        n = len(spans)
        here = self.current(kind, spans)
        if self.last == kind and here is not None and overlaps(here, visible):
            i = (self.index[kind] + direction) % n
        elif direction > 0:
            i = bisect.bisect_left([s for s, _ in spans], visible[0])
            i = 0 if i >= n else i
        else:
            i = bisect.bisect_left([s for s, _ in spans], max(visible[1], visible[0] + 1)) - 1
            i = n - 1 if i < 0 else i
        self.set(kind, i)
        return i

    def set(self, kind: str, i: int) -> None:
        self.index[kind] = i
        self.last = kind

    def forget(self, kind: str) -> None:
        """A new target (another entity's mentions, a new search): start from the page again."""
        self.index.pop(kind, None)
        if self.last == kind:
            self.last = None
