"""Analysis in a long-lived child process that keeps the model loaded.

spaCy holds the GIL for much of its work; in a thread it made keys lag (p90 ~180 ms while a
100,000-word article streamed) and delayed the model load behind the first paint. A child
process uses the second core: the model loads while the article paints, and the UI thread
only unpickles results. A plain subprocess with framed pickles on its pipes: multiprocessing's
spawn machinery (resource tracker, feeder threads) cost the first paint ~0.4 s.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import select
import struct
import subprocess
import sys
from typing import Any, BinaryIO

from analyzers.model import Analysis, Document

ANALYSIS_SECONDS = 120.0  # a book-length file stops streaming after this, with a notice
_HEADER = struct.Struct("!I")


def write_frame(f: BinaryIO, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    f.write(_HEADER.pack(len(data)) + data)
    f.flush()


def _read_exact(f: BinaryIO, n: int) -> bytes:
    """Pipes return short reads: loop until n bytes or end of file."""
    parts, got = [], 0
    while got < n:
        chunk = f.read(n - got)
        if not chunk:
            raise EOFError
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def read_frame(f: BinaryIO) -> Any:
    (n,) = _HEADER.unpack(_read_exact(f, _HEADER.size))
    return pickle.loads(_read_exact(f, n))


class AnalysisService:
    """One child process; jobs run one at a time, results come back tagged with the job id."""

    def __init__(self, model: str | None = None) -> None:
        cmd = [sys.executable, "-m", "tui.services.analysis_worker"] + ([model] if model else [])
        self.process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, bufsize=0)
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in = self.process.stdin
        self._out = self.process.stdout
        self._next = 0

    def submit(self, doc: Document) -> int:
        self._next += 1
        self._send(("job", self._next, doc))
        return self._next

    def cancel(self, job_id: int) -> None:
        self._send(("cancel", job_id))

    def _send(self, msg: object) -> None:
        with contextlib.suppress(BrokenPipeError, OSError, ValueError):
            write_frame(self._in, msg)  # type: ignore[arg-type]

    def get(self, timeout: float) -> tuple[str, int | None, Any] | None:
        ready, _, _ = select.select([self._out], [], [], timeout)
        if not ready:
            return None
        try:
            return read_frame(self._out)  # type: ignore[arg-type]
        except (EOFError, pickle.UnpicklingError, OSError):
            return ("fatal", None, "the analysis process ended")

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        if self._in.closed:
            return
        self._send(("quit",))
        try:
            self.process.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        for f in (self._in, self._out):
            with contextlib.suppress(OSError):
                f.close()


def attach(analysis: Analysis, doc: Document) -> Analysis:
    return dataclasses.replace(analysis, document=doc)


def _devnull_stdio() -> tuple[BinaryIO, BinaryIO]:
    """Keep the pipes for frames; anything printed by libraries goes nowhere."""
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    inp = os.fdopen(os.dup(0), "rb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    return inp, out
