"""A real `copydesk serve` on 127.0.0.1 for tests: started, its URL (with the token) read from
the one line it prints, stopped."""

from __future__ import annotations

import re
import select
import socket
import subprocess
import sys
import time

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, *args: str, port: int | None = None) -> None:
        self.port = port or free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "serve", "--port", str(self.port), *args],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.line = self._first_line()
        found = re.search(r"(https?://\S+/(?:\?token=[\w-]+)?)", self.line)
        assert found, self.line
        self.url = found.group(1)
        token = re.search(r"token=([\w-]+)", self.url)
        self.token = token.group(1) if token else None
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait_listening()

    def _first_line(self) -> str:
        assert self.proc.stderr is not None
        r, _, _ = select.select([self.proc.stderr], [], [], 30)
        assert r, "copydesk serve printed nothing"
        return self.proc.stderr.readline()

    def _wait_listening(self) -> None:
        for _ in range(200):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("copydesk serve never listened")

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err
