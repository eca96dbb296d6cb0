"""The one HTTP client against a real server on 127.0.0.1: redirects (fine, too many, to a
private address), timeouts, size caps, bombs, schemes — each failure one line naming the URL."""

from __future__ import annotations

import gzip
import time

import pytest
from werkzeug import Response

from analyzers.io.fetch import FetchError, FetchPolicy, fetch
from tests.library.conftest import Site


def test_a_page_with_its_caching_headers(site: Site):
    site.serve("a", "hello", headers={"ETag": '"v1"', "Last-Modified": "Mon, 02 Mar 2026 10:00:00 GMT",
                                      "Cache-Control": "public, max-age=900"})
    r = fetch(site.url("a"), policy=site.policy)
    assert (r.status, r.body, r.etag, r.max_age) == (200, b"hello", '"v1"', 900.0)
    assert r.last_modified == "Mon, 02 Mar 2026 10:00:00 GMT"


def test_conditional_request_gets_304(site: Site):
    def handler(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response("body", headers={"ETag": '"v1"'})

    site.server.expect_request("/c").respond_with_handler(handler)
    first = fetch(site.url("c"), policy=site.policy)
    again = fetch(site.url("c"), policy=site.policy, etag=first.etag)
    assert first.status == 200 and again.not_modified and again.body == b""


def test_redirects_followed_by_hand_and_counted(site: Site):
    site.serve("r1", "", status=302, headers={"Location": "/r2"})
    site.serve("r2", "", status=301, headers={"Location": site.url("end")})
    site.serve("end", "arrived")
    r = fetch(site.url("r1"), policy=site.policy)
    assert r.body == b"arrived" and r.url == site.url("end")
    for i in range(7):
        site.serve(f"loop{i}", "", status=302, headers={"Location": f"/loop{i + 1}"})
    with pytest.raises(FetchError, match="more than 5 redirects") as exc:
        fetch(site.url("loop0"), policy=site.policy)
    assert str(exc.value).startswith(site.url("loop0"))


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://127.0.0.2/",
                                    "http://[::1]/", "http://0.0.0.0/"])
def test_a_redirect_to_a_private_address_is_refused(site: Site, target: str):
    site.serve("hop", "", status=302, headers={"Location": target})
    with pytest.raises(FetchError, match="private or local address"):
        fetch(site.url("hop"), policy=site.policy)


def test_private_addresses_need_permission(site: Site):
    site.serve("x", "secret")
    with pytest.raises(FetchError, match="allow it with --allow-private"):
        fetch(site.url("x"), policy=FetchPolicy())
    assert fetch(site.url("x"), policy=FetchPolicy(allow_private=True)).body == b"secret"


def test_only_http_and_https(site: Site):
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/"):
        with pytest.raises(FetchError, match="only http and https"):
            fetch(url, policy=site.policy)


def test_a_slow_server_times_out(site: Site):
    def slow(request):
        time.sleep(2.5)
        return Response("late")

    site.server.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(FetchError, match="timed out"):
        fetch(site.url("slow"), policy=FetchPolicy(allow_private=True, read_timeout=1.0))


def test_a_dripping_server_is_cut_off_at_the_deadline(site: Site):
    def drip(request):
        def chunks():
            for _ in range(40):
                time.sleep(0.1)
                yield b"x" * 10
        return Response(chunks(), direct_passthrough=True)

    site.server.expect_request("/drip").respond_with_handler(drip)
    with pytest.raises(FetchError, match="still sending"):
        fetch(site.url("drip"), policy=FetchPolicy(allow_private=True, read_timeout=5.0, deadline=1.0))


def test_oversized_bodies_and_gzip_bombs_stop_at_the_cap(site: Site):
    site.serve("big", b"x" * 300_000, content_type="text/plain")
    with pytest.raises(FetchError, match="too large"):
        fetch(site.url("big"), policy=FetchPolicy(allow_private=True, max_bytes=100_000))
    bomb = gzip.compress(b"\0" * (50 << 20))
    site.serve("bomb", bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match=r"decompression bomb|too large"):
        fetch(site.url("bomb"), policy=site.policy)


def test_http_errors_say_the_status_and_when_to_come_back(site: Site):
    site.serve("busy", "slow down", status=429, headers={"Retry-After": "120"})
    with pytest.raises(FetchError, match=r"HTTP 429 \(retry after 120 s\)"):
        fetch(site.url("busy"), policy=site.policy)


def test_the_user_agent_names_copydesk(site: Site):
    seen = {}

    def record(request):
        seen["ua"] = request.headers.get("User-Agent")
        return Response("ok")

    site.server.expect_request("/ua").respond_with_handler(record)
    fetch(site.url("ua"), policy=site.policy)
    assert seen["ua"].startswith("copydesk/")
