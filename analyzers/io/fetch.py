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

import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from analyzers.io.transfer import Layer, client, deadline, decode
from analyzers.io.transfer import codings as read_codings
from analyzers.io.urls import (
    FetchError,
    FetchPolicy,
    ascii_host,
    check_target,
    is_url,
    non_public,
    parse_url,
    pinned,
)

MAX_RATIO = 200            # decoded / transferred bytes: past this it is a decompression bomb


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


# -- fetching -----------------------------------------------------------------------------------

def fetch(url: str, *, policy: FetchPolicy | None = None, etag: str | None = None,
          last_modified: str | None = None, accept: str = "*/*") -> Response:
    """GET ``url`` under ``policy``; FetchError (one line, naming the URL) on any failure."""
    import httpx

    policy = policy or FetchPolicy.from_settings()
    current = url
    token = deadline.set(time.monotonic() + policy.deadline)
    try:
        for _ in range(policy.max_redirects + 1):
            scheme, address, port = check_target(current, policy)
            target, host_header, tls_name = pinned(current, address, port)
            headers = {"Host": host_header, "User-Agent": user_agent(), "Accept": accept,
                       "Accept-Encoding": "gzip, deflate"}
            if header_value(etag):
                headers["If-None-Match"] = str(etag)
            if header_value(last_modified):
                headers["If-Modified-Since"] = str(last_modified)
            timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
            extensions = {"sni_hostname": tls_name} if scheme == "https" else {}
            request = client().build_request("GET", target, headers=headers, timeout=timeout,
                                            extensions=extensions)
            response = client().send(request, stream=True)
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
        end = deadline.get()
        if end is not None and time.monotonic() >= end - 0.05:
            raise FetchError(f"{_short(url)}: still sending after {policy.deadline:.0f} s") from None
        raise FetchError(f"{_short(url)}: timed out") from None
    except (httpx.HTTPError, httpx.InvalidURL, httpx.CookieConflict, httpx.StreamError) as exc:
        raise FetchError(f"{_short(url)}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}") from None
    except (OSError, ValueError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        raise FetchError(f"{_short(url)}: {' '.join(str(reason).split())[:200]}") from None
    finally:
        deadline.reset(token)


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
    codings = read_codings(headers.get("content-encoding", ""))
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes and not codings:
        raise FetchError(f"too large: {int(declared):,} bytes (limit {policy.max_bytes:,})")
    body = bytearray()
    raw = 0
    layers = [Layer(c) for c in reversed(codings)]
    for chunk in r.iter_raw(chunk_size=65536):
        raw += len(chunk)
        for piece in decode(layers, chunk):
            body += piece
            if len(body) > policy.max_bytes:
                raise FetchError(f"too large: more than {policy.max_bytes:,} bytes once decompressed")
            if len(body) > 1_000_000 and len(body) / max(1, raw) > MAX_RATIO:
                raise FetchError(f"compressed more than {MAX_RATIO}:1 (a decompression bomb?)")
    for piece in decode(layers, b"", final=True):
        body += piece
        if len(body) > policy.max_bytes:
            raise FetchError(f"too large: more than {policy.max_bytes:,} bytes once decompressed")
    return Response(status=200, body=bytes(body), **common)


__all__ = ["FetchError", "FetchPolicy", "Response", "ascii_host", "check_target", "fetch", "header_value",
           "is_url", "non_public", "parse_url"]
