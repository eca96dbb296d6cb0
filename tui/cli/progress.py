"""A progress bar on stderr for long commands (update, batch): one line redrawn in place on a
terminal, a line per tenth of the work when stderr is a file or a pipe."""

from __future__ import annotations

import sys
import time

from analyzers.ingest.sanitize import display

WIDTH = 24


class Progress:
    def __init__(self, what: str) -> None:
        self.what = what
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()
        self._last_tenth = -1
        self._drawn = False

    def show(self, done: int, total: int, note: str = "") -> None:
        frac = done / total if total else 1.0
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else 0.0
        filled = round(WIDTH * frac)
        line = (f"[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} {self.what} · {rate:.1f}/s"
                + (f" · ETA {eta:.0f} s" if done < total else "") + (f" · {note}" if note else ""))
        line = display(line)
        if self.tty:
            sys.stderr.write("\r\x1b[2K" + line)
            self._drawn = True
        elif int(frac * 10) != self._last_tenth or done == total:
            self._last_tenth = int(frac * 10)
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self._drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._drawn = False
