"""The reader's status line: title, position, what the last key did, and the analysis —
including, when it covers only part of the article, which part."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from analyzers.ingest.sanitize import display
from analyzers.model import Analysis


def coverage(a: Analysis, length: int) -> str | None:
    """'first 43%' when the analysis stopped before the end of the article, else None."""
    if not a.complete:
        return None
    stops = [w.start for w in a.warnings if w.kind == "truncated_input" and w.start is not None]
    if not stops or length == 0:
        return None
    return f"first {min(99, round(100 * min(stops) / length))}%"


def summary(a: Analysis, length: int) -> str:
    if not a.complete:
        return f"analysing {a.progress:.0%}"
    text = f"{len(a.quotes)} quotes · {len(a.sources)} sources · {len(a.claims)} claims"
    part = coverage(a, length)
    return f"{text} · ⚠ analysed the {part} only" if part else text


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = display(" ".join(title.split()))
        self.percent = 0
        self.item = ""
        self.item_kind: str | None = None   # what the item text is about ('claims', …)
        self.progress = "starting analysis…"

    def show_analysis(self, a: Analysis, length: int) -> None:
        self.progress = summary(a, length)
        self._draw()

    def show_position(self, percent: int) -> None:
        self.percent = percent
        self._draw()

    def say(self, text: str, kind: str | None = None) -> None:
        """What the last key did ('Claim 3/14', 'note saved'); kept visible before the totals."""
        self.item, self.item_kind = text, kind
        self._draw()

    def _draw(self) -> None:
        t = Text(no_wrap=True, overflow="ellipsis")
        room = max(16, min(60, self.size.width // 3 if self.size.width else 40))
        t.append(self.title if len(self.title) <= room else self.title[: room - 1] + "…", style="bold")
        t.append(f"  │ {self.percent}%")
        if self.item:
            t.append(f"  │ {display(self.item)}", style="bold")
        t.append(f"  │ {self.progress}")
        self.update(t)
