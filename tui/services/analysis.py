"""Analysis in a long-lived child process that keeps the model loaded.

spaCy holds the GIL for much of its work; in a thread it made keys lag (p90 ~180 ms while a
100,000-word article streamed) and delayed the model load behind the first paint. A child
process uses the second core: the model loads while the article paints, and the UI thread
only unpickles results. A plain subprocess with framed pickles on its pipes (both ends are this
process tree, nothing else can write them): multiprocessing's spawn machinery (resource tracker,
feeder threads) cost the first paint ~0.4 s.

Messages from the child are ``(kind, job, payload)``: ``ready`` (model loaded), ``alive`` (a
heartbeat while a job runs), ``update`` (an Analysis snapshot), ``error`` (the job failed),
``fatal`` (no model: nothing will work). A child that dies is reaped and restarted on the next
request; one that stops answering is killed by whoever waits on it (see state.AnalysisFeed).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
import subprocess
from typing import Any, BinaryIO, Protocol

from analyzers.model import Document

ANALYSIS_SECONDS = 120.0  # a book-length file stops streaming after this, with a notice
_HEADER = struct.Struct("!I")
ENDED = "ended"           # the kind get() reports when the child is gone


class Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...

    def flush(self) -> object: ...


def write_frame(f: Writable, obj: object) -> None:
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

    def __init__(self, model: str | None = None, process: subprocess.Popen[bytes] | None = None) -> None:
        """``process``: one already started by ``worker_process.start_worker(model)``."""
        self.model = model
        self._next = 0
        self.restarts = 0
        self._start(process)

    def _start(self, process: subprocess.Popen[bytes] | None = None) -> None:
        from tui.services.worker_process import start_worker

        self.process = process or start_worker(self.model)
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in = self.process.stdin
        self._out = self.process.stdout
        os.set_blocking(self._out.fileno(), False)  # a stopped child must not block us mid-frame
        self._buffer = bytearray()

    def submit(self, doc: Document) -> int:
        """Queue ``doc``; a child that died since the last job is reaped and started again."""
        if not self.alive():
            self.restart()
        self._next += 1
        self._send(("job", self._next, doc))
        return self._next

    def cancel(self, job_id: int) -> None:
        self._send(("cancel", job_id))

    def _send(self, msg: object) -> None:
        with contextlib.suppress(BrokenPipeError, OSError, ValueError):
            write_frame(self._in, msg)  # type: ignore[arg-type]

    def get(self, timeout: float) -> tuple[str, int | None, Any] | None:
        """The next message, None if none came within ``timeout``, or ``(ENDED, None, reason)``."""
        frame = self._frame()
        if frame is not None:
            return frame
        try:
            ready, _, _ = select.select([self._out], [], [], timeout)
        except (ValueError, OSError):
            return (ENDED, None, "the analysis process ended")
        if not ready:
            return None
        try:
            chunk = os.read(self._out.fileno(), 1 << 20)
        except BlockingIOError:
            return None
        except OSError:
            chunk = b""
        if not chunk:
            self.alive()  # reap it
            return (ENDED, None, "the analysis process ended")
        self._buffer += chunk
        try:
            return self._frame()
        except pickle.UnpicklingError:
            self.kill()
            return (ENDED, None, "the analysis process sent garbage")

    def _frame(self) -> tuple[str, int | None, Any] | None:
        buf = self._buffer
        if len(buf) < _HEADER.size:
            return None
        (n,) = _HEADER.unpack_from(buf)
        if len(buf) < _HEADER.size + n:
            return None
        data = bytes(buf[_HEADER.size:_HEADER.size + n])
        del buf[:_HEADER.size + n]
        return pickle.loads(data)  # type: ignore[no-any-return]

    def alive(self) -> bool:
        return self.process.poll() is None  # poll() also reaps a dead child

    def kill(self) -> None:
        """End the child now (it stopped answering) and reap it."""
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self._close_pipes()

    def restart(self) -> None:
        self.kill()
        self.restarts += 1
        self._start()

    def _close_pipes(self) -> None:
        for f in (self._in, self._out):
            with contextlib.suppress(OSError):
                f.close()

    def close(self) -> None:
        if self._in.closed:
            return
        self._send(("quit",))
        try:
            self.process.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
        self._close_pipes()


def _devnull_stdio() -> tuple[BinaryIO, BinaryIO]:
    """Keep the pipes for frames; anything printed by libraries goes nowhere."""
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    inp = os.fdopen(os.dup(0), "rb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    return inp, out
