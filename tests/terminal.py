"""The real ``copydesk`` command in a pseudo-terminal: every byte it writes is kept (so tests can
look for escape sequences that must never reach a terminal) and a pyte screen shows what a
person would see. Tests wait for what the screen shows, never for a fixed time."""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import ptyprocess
import pyte

COPYDESK = Path(sys.executable).with_name("copydesk")


class Terminal:
    def __init__(self, argv: Sequence[str | bytes], *, width: int = 120, height: int = 40,
                 env: dict[str, str] | None = None, cwd: str | os.PathLike[str] | None = None) -> None:
        environ = dict(os.environ, TERM="xterm-256color")
        environ.pop("COLORTERM", None)
        environ.update(env or {})
        self.proc = ptyprocess.PtyProcess.spawn(list(argv), dimensions=(height, width), env=environ,
                                                cwd=str(cwd) if cwd is not None else None)
        self.raw = bytearray()
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)

    def pump(self, seconds: float = 0.05) -> None:
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            r, _, _ = select.select([self.proc.fd], [], [], max(0.0, left))
            if not r:
                return
            try:
                chunk = os.read(self.proc.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.raw += chunk
            self.stream.feed(chunk)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 60.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            if needle in self.text():
                return self.text()
            if not self.proc.isalive():
                self.pump(0.2)
                break
        raise AssertionError(f"{needle!r} not on screen:\n{self.text()}")

    def keys(self, data: str) -> None:
        self.proc.write(data.encode())
        self.pump(0.05)

    def quit(self, timeout: float = 20.0) -> int | None:
        """Press q and wait for the process to end; returns its exit status."""
        with contextlib.suppress(OSError):
            self.proc.write(b"q")
        end = time.monotonic() + timeout
        while self.proc.isalive() and time.monotonic() < end:
            self.pump(0.1)
        self.pump(0.1)
        return self.close()

    def close(self) -> int | None:
        if self.proc.isalive():
            self.proc.terminate(force=True)
        with contextlib.suppress(Exception):
            self.proc.wait()
        return self.proc.exitstatus
