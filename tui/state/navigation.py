"""Where ] [ } { ) ( n N go next: from the reading position, whatever kind the last jump was.
The reading position is the last jump's item while it is on screen (a claim, then } goes to the
quote in the same paragraph, not back to the first quote), else where the reader has scrolled to
(the first item from the top of the page going forward, the last one before the bottom of the
page going back). Pressing the same key again steps through its kind."""

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
        self.position: Span | None = None  # the span the last jump went to

    def current(self, kind: str, spans: list[Span]) -> Span | None:
        i = self.index.get(kind, -1)
        return spans[i] if 0 <= i < len(spans) else None

    def step(self, kind: str, spans: list[Span], direction: int, visible: Span) -> int | None:
        """The index to show next in ``spans`` (sorted by start), or None if there are none."""
        if not spans:
            return None
        n = len(spans)
        here = self.current(kind, spans)
        anchor = self.position if self.position is not None and overlaps(self.position, visible) else None
        starts = [s for s, _ in spans]
        if self.last == kind and here is not None and overlaps(here, visible):
            i = (self.index[kind] + direction) % n
        elif anchor is not None and direction > 0:  # the first item that reaches the position or follows it
            i = next((k for k, (_, e) in enumerate(spans) if e > anchor[0]), 0)
        elif anchor is not None:  # the last item that starts before the position
            i = bisect.bisect_left(starts, max(anchor[0], 1)) - 1
            i = n - 1 if i < 0 else i
        elif direction > 0:
            i = bisect.bisect_left(starts, visible[0])
            i = 0 if i >= n else i
        else:
            i = bisect.bisect_left(starts, max(visible[1], visible[0] + 1)) - 1
            i = n - 1 if i < 0 else i
        self.set(kind, i, spans[i])
        return i

    def set(self, kind: str, i: int, span: Span | None = None) -> None:
        self.index[kind] = i
        self.last = kind
        if span is not None:
            self.position = span

    def forget(self, kind: str) -> None:
        """A new target (another entity's mentions, a new search): start from the page again."""
        self.index.pop(kind, None)
        if self.last == kind:
            self.last = None
