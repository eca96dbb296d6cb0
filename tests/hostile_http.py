"""A hostile HTTP server on 127.0.0.1 for the security tests: every response is written byte for
byte as the test scripts it (headers that drip, bodies that trickle, encodings stacked, header
values no client should store), which a well-behaved server library will not do."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Reply:
    """What the server sends for a path: raw bytes in steps, each after ``pause`` seconds."""

    steps: list[bytes] = field(default_factory=list)
    pause: float = 0.0

    @classmethod
    def ok(cls, body: bytes, content_type: str = "text/html; charset=utf-8",
           headers: dict[str, str] | None = None, status: str = "200 OK") -> Reply:
        head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        raw = head.encode() + b"".join(f"{k}: ".encode() + v.encode("utf-8", "surrogateescape") + b"\r\n"
                                       for k, v in (headers or {}).items())
        return cls([raw + b"Connection: close\r\n\r\n" + body])

    @classmethod
    def redirect(cls, location: str) -> Reply:
        return cls([b"HTTP/1.1 302 Found\r\nLocation: " + location.encode("utf-8", "surrogateescape")
                    + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"])


def nested_gzip_bomb(layers: int = 2, size: int = 1 << 30) -> bytes:
    """``size`` zero bytes compressed ``layers`` times over: a few KB that decode to ``size``."""
    data = _gzip_zeros(size)
    for _ in range(layers - 1):
        data = gzip.compress(data, 9)
    return data


def _gzip_zeros(size: int) -> bytes:
    import zlib

    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [c.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + c.flush()


class HostileServer:
    """``with HostileServer() as s: s.route("/x", Reply(...)); s.url("/x")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.port = self.sock.getsockname()[1]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.sock.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def hostport(self) -> str:
        return f"127.0.0.1:{self.port}"

    def route(self, path: str, reply: Reply) -> None:
        self.routes[path] = reply

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(10)
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                more = conn.recv(4096)
                if not more:
                    return
                data += more
            line, *rest = data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
            path = line.split(" ")[1] if " " in line else "/"
            headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in rest)}
            self.requests.append((path, headers))
            reply = self.routes.get(path.split("?")[0], Reply([b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                                                               b"Connection: close\r\n\r\n"]))
            for step in reply.steps:
                if self.stopped.is_set():
                    return
                if reply.pause:
                    time.sleep(reply.pause)
                conn.sendall(step)
        except OSError:
            pass
        finally:
            conn.close()


def drip(raw: bytes, every: int = 1) -> Iterator[bytes]:
    for i in range(0, len(raw), every):
        yield raw[i:i + every]
