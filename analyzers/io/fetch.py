"""The one HTTP client: every page, feed and article copydesk reads from the network comes
through ``fetch``.

- ``http`` and ``https`` only; redirects followed by hand (at most five), every hop checked
  again;
- the host is resolved here and the connection made to the address that was checked (TLS still
  verifies the name), so an address that resolves to loopback, a private network, link-local
  (cloud metadata at 169.254.169.254) or any other non-public range is refused — a DNS answer
  that changes between the check and the connection (rebinding) cannot get past it — unless the
  user allows private addresses (``--allow-private``, ``COPYDESK_ALLOW_PRIVATE=1``);
- connect and read timeouts and a deadline for the whole fetch, headers and redirects included,
  enforced on every socket operation (a server that drips one byte at a time is cut off at the
  deadline, not when a chunk completes);
- the body is decoded here, not by httpx, in bounded steps through every ``Content-Encoding``
  layer (gzip, deflate; at most two), with a size cap counted on the *decoded* bytes and a
  compression-ratio guard, so a bomb — stacked ones too — stops at the cap with memory near it;
- host names in Unicode are sent in their IDNA form; a malformed URL (a bad port, a broken IPv6
  literal, a non-http scheme after a redirect) is a FetchError like any other;
- conditional requests (ETag, Last-Modified) and what the server says about when to come back
  (Retry-After, Cache-Control max-age);
- a user agent that names copydesk; no proxies or .netrc from the environment.

Every failure is a ``FetchError`` whose message is one line naming the URL and the reason.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_RATIO = 200            # decoded / transferred bytes: past this it is a decompression bomb
MAX_LAYERS = 2             # Content-Encoding layers decoded; more is refused
DECODE_STEP = 256 * 1024   # bytes one decoding step may produce
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
DEADLINE = 60.0            # seconds for a whole fetch, however slowly it comes


class FetchError(Exception):
    """The one-line reason a URL could not be fetched."""


@dataclass(frozen=True)
class FetchPolicy:
    """What fetching may do. ``allow_private``: True allows every non-public address; a set of
    ``host:port`` strings allows just those (tests allow their own server this way)."""

    allow_private: bool | frozenset[str] = False
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    deadline: float = DEADLINE
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    allowed_hosts: frozenset[str] | None = None  # when set (serve), only these hosts at all

    @classmethod
    def from_settings(cls, allow_private: bool | None = None) -> FetchPolicy:
        from analyzers.settings import settings

        return cls(allow_private=settings().allow_private if allow_private is None else allow_private)


@dataclass(frozen=True)
class Response:
    url: str                       # after redirects
    status: int                    # 200, or 304 for a conditional request with nothing new
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None   # seconds the server asks us to wait
    max_age: float | None = None       # seconds the server says the response stays fresh
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def user_agent() -> str:
    try:
        from importlib.metadata import version

        v = version("copydesk")
    except Exception:
        v = "0"
    return f"copydesk/{v} (a terminal news reader; +https://pypi.org/project/copydesk/)"


def _short(url: str) -> str:
    from analyzers.ingest.sanitize import display

    return display(url, limit=200)


# -- where a URL may lead ---------------------------------------------------------------------

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")      # IPv4-translated (RFC 2765)
_COMPATIBLE = ipaddress.ip_network("::/96")                # IPv4-compatible (deprecated)
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")            # deprecated, never global


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, translated, NAT64, 6to4,
    Teredo's client), which is where a packet to it ends up."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    for net in (_NAT64, _TRANSLATED, _COMPATIBLE):
        if ip in net and int(ip) & 0xFFFFFFFF and not (net is _COMPATIBLE and int(ip) <= 1):
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _SITE_LOCAL:
            return True
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return _non_public(inner)
    return not ip.is_global or ip.is_multicast


def _resolve(host: str, port: int) -> list[str]:
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        return [str(literal)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"can't resolve {host}: {exc.args[-1] if exc.args else exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def ascii_host(host: str) -> str:
    """The host as it goes on the wire: IDNA for a name in Unicode; FetchError if it has none."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"{host} is not a valid international domain name") from None


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str          # ASCII (IDNA)
    port: int
    path: str          # path and query


def parse_url(url: str) -> Target:
    """An http(s) URL taken apart, or FetchError saying what is wrong with it: the one check
    every URL passes (feeds added or imported, entries, redirects, batch records)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https are fetched, not {parts.scheme or 'a bare path'}")
    if not parts.hostname:
        raise FetchError("no host in the URL")
    scheme = parts.scheme.lower()
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme, ascii_host(parts.hostname), port or (443 if scheme == "https" else 80), path)


def check_target(url: str, policy: FetchPolicy) -> tuple[str, str, int]:
    """(scheme, the address to connect to, port) for ``url``, or FetchError."""
    t = parse_url(url)
    if policy.allowed_hosts is not None and t.host not in policy.allowed_hosts:
        raise FetchError(f"{t.host} is not among the hosts this server may fetch from")
    allowed = policy.allow_private is True or (
        isinstance(policy.allow_private, frozenset) and f"{t.host}:{t.port}" in policy.allow_private)
    addresses = _resolve(t.host, t.port)
    for address in addresses:
        if allowed or not _non_public(ipaddress.ip_address(address)):
            return t.scheme, address, t.port
    raise FetchError(f"{t.host} resolves to a private or local address ({addresses[0]}); "
                     "allow it with --allow-private or COPYDESK_ALLOW_PRIVATE=1")


def _pinned(url: str, address: str, port: int) -> tuple[str, str, str]:
    """The URL with the checked address in place of the host, the Host header, the TLS name."""
    t = parse_url(url)
    literal = f"[{address}]" if ":" in address else address
    default = {"http": 80, "https": 443}[t.scheme]
    host_header = t.host if port == default else f"{t.host}:{port}"
    path, _, query = t.path.partition("?")
    return urlunsplit((t.scheme, f"{literal}:{port}", path, query, "")), host_header, t.host


def header_value(value: str | None) -> str | None:
    """``value`` if it can be sent back in a header (a validator a server gave us), else None:
    a non-ASCII or multi-line ETag must not break every later request."""
    if not value or not value.isascii() or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value) \
            or len(value) > 1024:
        return None
    return value


def _seconds(value: str | None) -> float | None:
    """Retry-After: seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _max_age(cache_control: str | None) -> float | None:
    for part in (cache_control or "").split(","):
        key, _, value = part.strip().partition("=")
        if key.lower() == "max-age" and value.strip().isdigit():
            return float(value.strip())
        if key.lower() in ("no-cache", "no-store"):
            return 0.0
    return None


# -- the deadline, on every socket operation ------------------------------------------------------

# when the current thread's fetch must be over (time.monotonic()); None outside a fetch
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("copydesk_fetch_deadline", default=None)


def _left(timeout: float | None, expired: type[Exception]) -> float | None:
    end = _deadline.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise expired("the fetch's deadline has passed")
    return left if timeout is None else min(timeout, left)


def _transport() -> Any:
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


def _http() -> Any:
    global _client
    if _client is None:
        import httpx

        _client = httpx.Client(follow_redirects=False, trust_env=False, transport=_transport())
    return _client


# -- fetching -----------------------------------------------------------------------------------

def fetch(url: str, *, policy: FetchPolicy | None = None, etag: str | None = None,
          last_modified: str | None = None, accept: str = "*/*") -> Response:
    """GET ``url`` under ``policy``; FetchError (one line, naming the URL) on any failure."""
    import httpx

    policy = policy or FetchPolicy.from_settings()
    current = url
    token = _deadline.set(time.monotonic() + policy.deadline)
    try:
        for _ in range(policy.max_redirects + 1):
            scheme, address, port = check_target(current, policy)
            target, host_header, tls_name = _pinned(current, address, port)
            headers = {"Host": host_header, "User-Agent": user_agent(), "Accept": accept,
                       "Accept-Encoding": "gzip, deflate"}
            if header_value(etag):
                headers["If-None-Match"] = str(etag)
            if header_value(last_modified):
                headers["If-Modified-Since"] = str(last_modified)
            timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
            extensions = {"sni_hostname": tls_name} if scheme == "https" else {}
            request = _http().build_request("GET", target, headers=headers, timeout=timeout,
                                            extensions=extensions)
            response = _http().send(request, stream=True)
            try:
                if response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"redirect {response.status_code} without a Location")
                    try:
                        current = urljoin(current, location)
                    except ValueError:
                        raise FetchError("a redirect to a malformed URL") from None
                    continue
                return _read(current, response, policy)
            finally:
                response.close()
        raise FetchError(f"more than {policy.max_redirects} redirects")
    except FetchError as exc:
        raise FetchError(f"{_short(url)}: {exc}") from None
    except httpx.TimeoutException:
        end = _deadline.get()
        if end is not None and time.monotonic() >= end - 0.05:
            raise FetchError(f"{_short(url)}: still sending after {policy.deadline:.0f} s") from None
        raise FetchError(f"{_short(url)}: timed out") from None
    except (httpx.HTTPError, httpx.InvalidURL, httpx.CookieConflict, httpx.StreamError) as exc:
        raise FetchError(f"{_short(url)}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}") from None
    except (OSError, ValueError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        raise FetchError(f"{_short(url)}: {' '.join(str(reason).split())[:200]}") from None
    finally:
        _deadline.reset(token)


def _read(url: str, r: Any, policy: FetchPolicy) -> Response:
    status = r.status_code
    headers = {k.lower(): v for k, v in r.headers.items()}
    common: dict[str, Any] = dict(
        url=url, content_type=headers.get("content-type", ""), etag=header_value(headers.get("etag")),
        last_modified=header_value(headers.get("last-modified")),
        retry_after=_seconds(headers.get("retry-after")), max_age=_max_age(headers.get("cache-control")),
        headers=headers)
    if status == 304:
        return Response(status=304, **common)
    if status != 200:
        reason = f"HTTP {status}"
        if common["retry_after"] is not None:
            reason += f" (retry after {common['retry_after']:.0f} s)"
        raise FetchError(reason)
    codings = _codings(headers.get("content-encoding", ""))
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes and not codings:
        raise FetchError(f"too large: {int(declared):,} bytes (limit {policy.max_bytes:,})")
    body = bytearray()
    raw = 0
    layers = [_Layer(c) for c in reversed(codings)]
    for chunk in r.iter_raw(chunk_size=65536):
        raw += len(chunk)
        for piece in _decode(layers, chunk):
            body += piece
            if len(body) > policy.max_bytes:
                raise FetchError(f"too large: more than {policy.max_bytes:,} bytes once decompressed")
            if len(body) > 1_000_000 and len(body) / max(1, raw) > MAX_RATIO:
                raise FetchError(f"compressed more than {MAX_RATIO}:1 (a decompression bomb?)")
    for piece in _decode(layers, b"", final=True):
        body += piece
        if len(body) > policy.max_bytes:
            raise FetchError(f"too large: more than {policy.max_bytes:,} bytes once decompressed")
    return Response(status=200, body=bytes(body), **common)


def _codings(header: str) -> list[str]:
    """The Content-Encoding layers in the order they were applied; FetchError for one we don't
    decode (we only ask for gzip and deflate) or for more than MAX_LAYERS."""
    codings = [c.strip().lower() for c in header.split(",") if c.strip() and c.strip().lower() != "identity"]
    for c in codings:
        if c not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(f"unsupported Content-Encoding {c[:40]!r}")
    if len(codings) > MAX_LAYERS:
        raise FetchError(f"{len(codings)} stacked Content-Encodings refused")
    return codings


class _Layer:
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


def _decode(layers: list[_Layer], data: bytes, final: bool = False) -> Iterable[bytes]:
    """``data`` through every layer (outermost first), never more than DECODE_STEP at a time."""
    if not layers:
        if data:
            yield data
        return
    first, inner = layers[0], layers[1:]
    for piece in first.steps(data):
        yield from _decode(inner, piece)
    if final:
        tail = first.rest()
        for piece in [tail] if tail else []:
            yield from _decode(inner, piece)
        yield from _decode(inner, b"", final=True)


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))
