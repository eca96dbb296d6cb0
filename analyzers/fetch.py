"""The one HTTP client: every page, feed and article copydesk reads from the network comes
through ``fetch``.

- ``http`` and ``https`` only; redirects followed by hand (at most five), every hop checked
  again;
- the host is resolved here and the connection made to the address that was checked (TLS still
  verifies the name), so an address that resolves to loopback, a private network, link-local
  (cloud metadata at 169.254.169.254) or any other non-public range is refused — a DNS answer
  that changes between the check and the connection (rebinding) cannot get past it — unless the
  user allows private addresses (``--allow-private``, ``COPYDESK_ALLOW_PRIVATE=1``);
- connect and read timeouts and a deadline for the whole response (a server that drips one byte
  at a time is cut off); a size cap counted on the *decoded* bytes while streaming, and a
  compression-ratio guard, so a gzip bomb stops at the cap;
- conditional requests (ETag, Last-Modified) and what the server says about when to come back
  (Retry-After, Cache-Control max-age);
- a user agent that names copydesk; no proxies or .netrc from the environment.

Every failure is a ``FetchError`` whose message is one line naming the URL and the reason.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_RATIO = 200            # decoded / transferred bytes: past this it is a decompression bomb
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
DEADLINE = 60.0            # seconds for a whole response, however slowly it comes


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


def _non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
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


def check_target(url: str, policy: FetchPolicy) -> tuple[str, str, int]:
    """(scheme, the address to connect to, port) for ``url``, or FetchError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https are fetched, not {parts.scheme or 'a bare path'}")
    host = parts.hostname
    if not host:
        raise FetchError("no host in the URL")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if policy.allowed_hosts is not None and host not in policy.allowed_hosts:
        raise FetchError(f"{host} is not among the hosts this server may fetch from")
    allowed = policy.allow_private is True or (
        isinstance(policy.allow_private, frozenset) and f"{host}:{port}" in policy.allow_private)
    addresses = _resolve(host, port)
    for address in addresses:
        if allowed or not _non_public(ipaddress.ip_address(address)):
            return parts.scheme, address, port
    raise FetchError(f"{host} resolves to a private or local address ({addresses[0]}); "
                     "allow it with --allow-private or COPYDESK_ALLOW_PRIVATE=1")


def _pinned(url: str, address: str, port: int) -> tuple[str, str, str]:
    """The URL with the checked address in place of the host, the Host header, the TLS name."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    literal = f"[{address}]" if ":" in address else address
    netloc = f"{literal}:{port}"
    default = {"http": 80, "https": 443}[parts.scheme]
    host_header = host if port == default else f"{host}:{port}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), host_header, host


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


_client = None


def _http() -> object:
    global _client
    if _client is None:
        import httpx

        _client = httpx.Client(follow_redirects=False, trust_env=False, http2=False,
                               limits=httpx.Limits(max_connections=20, max_keepalive_connections=10))
    return _client


def fetch(url: str, *, policy: FetchPolicy | None = None, etag: str | None = None,
          last_modified: str | None = None, accept: str = "*/*") -> Response:
    """GET ``url`` under ``policy``; FetchError (one line, naming the URL) on any failure."""
    import httpx

    policy = policy or FetchPolicy.from_settings()
    current = url
    try:
        for _ in range(policy.max_redirects + 1):
            scheme, address, port = check_target(current, policy)
            target, host_header, tls_name = _pinned(current, address, port)
            headers = {"Host": host_header, "User-Agent": user_agent(), "Accept": accept,
                       "Accept-Encoding": "gzip, deflate"}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
            extensions = {"sni_hostname": tls_name} if scheme == "https" else {}
            request = _http().build_request("GET", target, headers=headers, timeout=timeout,  # type: ignore[attr-defined]
                                            extensions=extensions)
            response = _http().send(request, stream=True)  # type: ignore[attr-defined]
            try:
                if response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"redirect {response.status_code} without a Location")
                    current = urljoin(current, location)
                    continue
                return _read(current, response, policy)
            finally:
                response.close()
        raise FetchError(f"more than {policy.max_redirects} redirects")
    except FetchError as exc:
        raise FetchError(f"{_short(url)}: {exc}") from None
    except httpx.TimeoutException:
        raise FetchError(f"{_short(url)}: timed out") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{_short(url)}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}") from None
    except OSError as exc:
        raise FetchError(f"{_short(url)}: {exc.strerror or exc}") from None


def _read(url: str, response: object, policy: FetchPolicy) -> Response:
    r = response
    status = r.status_code  # type: ignore[attr-defined]
    headers = {k.lower(): v for k, v in r.headers.items()}  # type: ignore[attr-defined]
    common = dict(url=url, content_type=headers.get("content-type", ""), etag=headers.get("etag"),
                  last_modified=headers.get("last-modified"), retry_after=_seconds(headers.get("retry-after")),
                  max_age=_max_age(headers.get("cache-control")), headers=headers)
    if status == 304:
        return Response(status=304, **common)  # type: ignore[arg-type]
    if status != 200:
        reason = f"HTTP {status}"
        if common["retry_after"] is not None:
            reason += f" (retry after {common['retry_after']:.0f} s)"
        raise FetchError(reason)
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes and "content-encoding" not in headers:
        raise FetchError(f"too large: {int(declared):,} bytes (limit {policy.max_bytes:,})")
    body = bytearray()
    started = time.monotonic()
    for chunk in _chunks(r):
        body += chunk
        if len(body) > policy.max_bytes:
            raise FetchError(f"too large: more than {policy.max_bytes:,} bytes once decompressed")
        raw = r.num_bytes_downloaded  # type: ignore[attr-defined]
        if raw and len(body) > 1_000_000 and len(body) / raw > MAX_RATIO:
            raise FetchError(f"compressed more than {MAX_RATIO}:1 (a decompression bomb?)")
        if time.monotonic() - started > policy.deadline:
            raise FetchError(f"still sending after {policy.deadline:.0f} s")
    return Response(status=200, body=bytes(body), **common)  # type: ignore[arg-type]


def _chunks(response: object) -> Iterable[bytes]:
    return response.iter_bytes(chunk_size=65536)  # type: ignore[attr-defined, no-any-return]


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))
