"""What fetching may do (``FetchPolicy``), and where a URL may lead: parsed once (a bad port, a broken IPv6 literal, another scheme are
refused), host names in Unicode sent in their IDNA form, and every address it resolves to
checked — loopback, private, link-local and other non-public ranges refused unless allowed,
including IPv4 hidden inside IPv6 (mapped, compatible, translated, NAT64, 6to4, Teredo). The
connection then goes to the address that was checked (no DNS rebinding)."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
DEADLINE = 60.0            # seconds for a whole fetch, however slowly it comes


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


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


def non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _SITE_LOCAL:
            return True
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return non_public(inner)
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
        if allowed or not non_public(ipaddress.ip_address(address)):
            return t.scheme, address, t.port
    raise FetchError(f"{t.host} resolves to a private or local address ({addresses[0]}); "
                     "allow it with --allow-private or COPYDESK_ALLOW_PRIVATE=1")


def pinned(url: str, address: str, port: int) -> tuple[str, str, str]:
    """The URL with the checked address in place of the host, the Host header, the TLS name."""
    t = parse_url(url)
    literal = f"[{address}]" if ":" in address else address
    default = {"http": 80, "https": 443}[t.scheme]
    host_header = t.host if port == default else f"{t.host}:{port}"
    path, _, query = t.path.partition("?")
    return urlunsplit((t.scheme, f"{literal}:{port}", path, query, "")), host_header, t.host
