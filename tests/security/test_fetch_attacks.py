"""Attacks on the one HTTP client, each from a real hostile server on 127.0.0.1: stacked
compression bombs, headers and bodies that drip past the deadline, redirects to other schemes,
malformed URLs, validators that are no header values, IPv4 addresses hidden in IPv6 ones."""

from __future__ import annotations

import functools
import gzip
import ipaddress
import time
import tracemalloc

import pytest

from analyzers.io.fetch import FetchError, FetchPolicy, fetch, header_value, non_public, parse_url
from tests.hostile_http import HostileServer, Reply, drip, nested_gzip_bomb


@pytest.fixture
def hostile():
    with HostileServer() as server:
        yield server


def allow(server: HostileServer, **kw: float) -> FetchPolicy:
    return FetchPolicy(allow_private=frozenset({server.hostport}), **kw)  # type: ignore[arg-type]


@functools.cache
def bomb(layers: int) -> bytes:
    return nested_gzip_bomb(layers, 1 << 30)


@pytest.mark.parametrize("layers", [1, 2])
def test_a_compression_bomb_stops_near_the_cap_in_memory(hostile: HostileServer, layers: int):
    body = bomb(layers)
    encoding = ", ".join(["gzip"] * layers)
    hostile.route("/bomb", Reply.ok(body, headers={"Content-Encoding": encoding}))
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match=r"decompress|too large"):
            fetch(hostile.url("/bomb"), policy=allow(hostile))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 60 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB while refusing a {len(body):,}-byte bomb"


def test_three_stacked_encodings_are_refused_and_gzip_pages_still_read(hostile: HostileServer):
    hostile.route("/three", Reply.ok(gzip.compress(gzip.compress(gzip.compress(b"x"))),
                                     headers={"Content-Encoding": "gzip, gzip, gzip"}))
    with pytest.raises(FetchError, match="stacked"):
        fetch(hostile.url("/three"), policy=allow(hostile))
    hostile.route("/two", Reply.ok(gzip.compress(gzip.compress(b"<p>fine</p>")),
                                   headers={"Content-Encoding": "gzip, gzip"}))
    assert fetch(hostile.url("/two"), policy=allow(hostile)).body == b"<p>fine</p>"
    hostile.route("/br", Reply.ok(b"\x00" * 10, headers={"Content-Encoding": "br"}))
    with pytest.raises(FetchError, match="unsupported Content-Encoding"):
        fetch(hostile.url("/br"), policy=allow(hostile))


def test_dripping_headers_stop_at_the_deadline(hostile: HostileServer):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Slow: " + b"a" * 200 + b"\r\n\r\nbody"
    hostile.route("/drip", Reply(list(drip(head)), pause=0.05))  # ~12 s for the whole response
    started = time.monotonic()
    with pytest.raises(FetchError, match="still sending after 2 s"):
        fetch(hostile.url("/drip"), policy=allow(hostile, deadline=2.0))
    assert time.monotonic() - started < 4


def test_a_body_slower_than_a_chunk_stops_at_the_deadline(hostile: HostileServer):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
    hostile.route("/slow", Reply([head, *(b"x" * 100 for _ in range(1000))], pause=0.02))  # 20 s
    started = time.monotonic()
    with pytest.raises(FetchError, match="still sending after 2 s"):
        fetch(hostile.url("/slow"), policy=allow(hostile, deadline=2.0))
    assert time.monotonic() - started < 4


@pytest.mark.parametrize("location", ["data:text/html,<p>hi</p>", "mailto:someone@example.org",
                                      "javascript:alert(1)", "http://127.0.0.1:99999/x", "http://[::1/x",
                                      "file:///etc/passwd"])
def test_a_redirect_anywhere_strange_is_one_line(hostile: HostileServer, location: str):
    hostile.route("/hop", Reply.redirect(location))
    with pytest.raises(FetchError) as exc:
        fetch(hostile.url("/hop"), policy=allow(hostile))
    assert "\n" not in str(exc.value) and str(exc.value).startswith(hostile.url("/hop"))


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/x", "http://[::1/", "http://host:port/",
                                 "ftp://example.org/", "http:///nohost"])
def test_malformed_urls_are_fetch_errors(url: str):
    with pytest.raises(FetchError):
        fetch(url, policy=FetchPolicy(allow_private=True))


def test_an_idn_host_is_sent_in_its_ascii_form(hostile: HostileServer):
    assert parse_url("http://bücher.example/a?b=1").host == "xn--bcher-kva.example"
    hostile.route("/idn", Reply.ok(b"ok"))
    # the Unicode name cannot resolve here, but it must be encoded, never a UnicodeError
    with pytest.raises(FetchError, match=r"resolve|private"):
        fetch("http://bücher.invalid/idn", policy=allow(hostile))


def test_a_non_ascii_etag_is_neither_kept_nor_sent(hostile: HostileServer):
    hostile.route("/e", Reply.ok(b"hello", headers={"ETag": '"caf\udcc3\udca9"',
                                                     "Last-Modified": "Mon, 02 Mar 2026 10:00:00 GMT"}))
    r = fetch(hostile.url("/e"), policy=allow(hostile))
    assert r.body == b"hello" and r.etag is None and r.last_modified is not None
    # a validator stored by an older copydesk is not sent either
    fetch(hostile.url("/e"), policy=allow(hostile), etag='"café"', last_modified="x\r\nInjected: 1")
    assert "if-none-match" not in hostile.requests[-1][1] and "injected" not in hostile.requests[-1][1]
    assert header_value('"v1"') == '"v1"' and header_value("é") is None


@pytest.mark.parametrize("address", ["::127.0.0.1", "::7f00:1", "64:ff9b::7f00:1", "64:ff9b::a00:1",
                                     "2002:7f00:1::", "2002:a9fe:a9fe::1", "::ffff:0:7f00:1", "::ffff:127.0.0.1",
                                     "fec0::1", "2001:0:4136:e378:8000:63bf:80ff:fffe"])
def test_ipv4_hidden_in_ipv6_is_checked(address: str):
    assert non_public(ipaddress.ip_address(address))
    with pytest.raises(FetchError, match="private or local"):
        fetch(f"http://[{address}]/", policy=FetchPolicy())


def test_public_addresses_stay_public():
    for address in ("2a00:1450:4001:80b::200e", "93.184.216.34", "64:ff9b::5db8:d822", "2002:5db8:d822::1"):
        assert not non_public(ipaddress.ip_address(address))
