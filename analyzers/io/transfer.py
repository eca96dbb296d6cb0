"""How a response's bytes arrive: a transport whose every socket read, write, connect and TLS
handshake waits at most until the fetch's deadline (httpx's read timeout restarts with every
byte, so a server that drips a byte at a time would otherwise hold a fetch forever), and the
body's Content-Encoding undone here in bounded steps (at most MAX_LAYERS layers, DECODE_STEP
bytes a step), so a compression bomb — stacked ones too — never decodes past the size cap."""

from __future__ import annotations

import contextvars
import time
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from analyzers.io.urls import FetchError

MAX_LAYERS = 2             # Content-Encoding layers decoded; more is refused
DECODE_STEP = 256 * 1024   # bytes one decoding step may produce


# when the current thread's fetch must be over (time.monotonic()); None outside a fetch
deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("copydesk_fetch_deadline", default=None)


def _left(timeout: float | None, expired: type[Exception]) -> float | None:
    end = deadline.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise expired("the fetch's deadline has passed")
    return left if timeout is None else min(timeout, left)


def transport() -> Any:
    """httpx's transport on a network backend whose every read, write, connect and handshake
    waits at most until the fetch's deadline (httpx's read timeout restarts with each byte)."""
    import httpcore
    import httpx

    class Stream(httpcore.NetworkStream):
        def __init__(self, inner: httpcore.NetworkStream) -> None:
            self.inner = inner

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self.inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self.inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self.inner.close()

        def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                      timeout: float | None = None) -> httpcore.NetworkStream:
            return Stream(self.inner.start_tls(ssl_context, server_hostname,
                                               _left(timeout, httpcore.ConnectTimeout)))

        def get_extra_info(self, info: str) -> Any:
            return self.inner.get_extra_info(info)

    class Backend(httpcore.NetworkBackend):
        def __init__(self) -> None:
            self.inner = httpcore.SyncBackend()

        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
            return Stream(self.inner.connect_tcp(host, port, _left(timeout, httpcore.ConnectTimeout),
                                                 local_address, socket_options))

        def sleep(self, seconds: float) -> None:
            self.inner.sleep(seconds)

    transport = httpx.HTTPTransport(trust_env=False, http2=False,
                                    limits=httpx.Limits(max_connections=20, max_keepalive_connections=10))
    # httpx takes no network backend; its pool does (tests/security/test_fetch_attacks.py holds
    # the deadline to this)
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                              max_connections=20, max_keepalive_connections=10,
                                              network_backend=Backend())
    return transport


_client = None


def client() -> Any:
    global _client
    if _client is None:
        import httpx

        _client = httpx.Client(follow_redirects=False, trust_env=False, transport=transport())
    return _client


def codings(header: str) -> list[str]:
    """The Content-Encoding layers in the order they were applied; FetchError for one we don't
    decode (we only ask for gzip and deflate) or for more than MAX_LAYERS."""
    codings = [c.strip().lower() for c in header.split(",") if c.strip() and c.strip().lower() != "identity"]
    for c in codings:
        if c not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(f"unsupported Content-Encoding {c[:40]!r}")
    if len(codings) > MAX_LAYERS:
        raise FetchError(f"{len(codings)} stacked Content-Encodings refused")
    return codings


class Layer:
    """One Content-Encoding being undone, a bounded step at a time."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.started = False
        self.d = self._new()

    def _new(self, raw_deflate: bool = False) -> Any:
        if self.coding == "deflate":
            return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def steps(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self.d.decompress(data, DECODE_STEP)
            except zlib.error:
                if self.coding == "deflate" and not self.started:  # servers send raw deflate too
                    self.d, self.started = self._new(raw_deflate=True), True
                    continue
                raise FetchError(f"the {self.coding} body is corrupt") from None
            self.started = True
            if out:
                yield out
            data = self.d.unconsumed_tail
            if self.d.eof and self.d.unused_data and not data:
                data, self.d = self.d.unused_data, self._new()  # a second gzip member

    def rest(self) -> bytes:
        try:
            return self.d.flush()
        except zlib.error:
            raise FetchError(f"the {self.coding} body is corrupt") from None


def decode(layers: list[Layer], data: bytes, final: bool = False) -> Iterable[bytes]:
    """``data`` through every layer (outermost first), never more than DECODE_STEP at a time."""
    if not layers:
        if data:
            yield data
        return
    first, inner = layers[0], layers[1:]
    for piece in first.steps(data):
        yield from decode(inner, piece)
    if final:
        tail = first.rest()
        for piece in [tail] if tail else []:
            yield from decode(inner, piece)
        yield from decode(inner, b"", final=True)
