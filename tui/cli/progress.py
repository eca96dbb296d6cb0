"""A progress bar on stderr for long runs: articles done, articles/s and words/s over the last
half minute, and the time left. Plain text: redrawn in place with a carriage return on a
terminal, one line every half minute into a log."""

from __future__ import annotations

import sys
import time
from collections import deque
from typing import TextIO

from analyzers.ingest.sanitize import display

WINDOW = 30.0      # seconds of history behind the rates
REDRAW = 0.5       # on a terminal
LOG_EVERY = 30.0   # elsewhere
BAR = 24


def duration(seconds: float) -> str:
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total = max(0, total)
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.articles = self.words = self.errors = 0
        self.started = time.monotonic()
        self._samples: deque[tuple[float, int, int]] = deque([(self.started, 0, 0)])
        self._drawn = 0.0
        self._width = 0

    def advance(self, articles: int, words: int, errors: int) -> None:
        self.articles += articles
        self.words += words
        self.errors += errors
        now = time.monotonic()
        self._samples.append((now, self.articles, self.words))
        while len(self._samples) > 2 and now - self._samples[1][0] > WINDOW:
            self._samples.popleft()
        if self.enabled and now - self._drawn >= (REDRAW if self.tty else LOG_EVERY):
            self._draw(now)

    def rates(self, now: float | None = None) -> tuple[float, float]:
        """Articles/s and words/s over the window."""
        t0, a0, w0 = self._samples[0]
        t1, a1, w1 = self._samples[-1]
        span = max(1e-9, (now or t1) - t0)
        return (a1 - a0) / span, (w1 - w0) / span

    def line(self, now: float | None = None) -> str:
        now = now or time.monotonic()
        per_s, words_s = self.rates(now)
        total = max(self.total, self.articles)
        share = self.articles / total if total else 1.0
        fill = round(share * BAR)
        left = (total - self.articles) / per_s if per_s > 0 else None
        parts = [f"{self.articles:,}/{total:,} [{'#' * fill}{'.' * (BAR - fill)}] {share:4.0%}",
                 f"{per_s:,.1f} articles/s", f"{words_s:,.0f} words/s",
                 f"ETA {duration(left)}" if left is not None else "ETA ?"]
        if self.errors:
            parts.append(f"{self.errors:,} errors")
        return display("  ".join(parts))

    def _draw(self, now: float) -> None:
        self._drawn = now
        text = self.line(now)
        if self.tty:
            self.stream.write("\r" + text.ljust(self._width))
            self._width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self, summary: str) -> None:
        """Clear the bar and say how it went, in one line."""
        if self.tty:
            self.stream.write("\r" + " " * self._width + "\r")
        self.stream.write(display(summary) + "\n")
        self.stream.flush()

    def elapsed(self) -> float:
        return time.monotonic() - self.started
