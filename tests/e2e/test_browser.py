"""`copydesk serve` in a real browser: Debian's headless Chromium driven by Playwright, with the
browser's path given explicitly (nothing is downloaded). Open the page, see the article, press
], see 'Claim 1/' — with every request staying on this server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.serving import Served

BROWSERS = [os.environ.get("COPYDESK_BROWSER", ""), "/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]
BROWSER = next((b for b in BROWSERS if b and Path(b).exists()), None)
pytestmark = pytest.mark.skipif(BROWSER is None,
                                reason="headless Chromium is installed by .ci/run")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def test_the_reader_in_a_browser(tmp_path: Path):
    from playwright.sync_api import sync_playwright

    served = Served(str(SEED))
    elsewhere: list[str] = []
    received: list[bytes] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=BROWSER, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})

            def route(r):  # the page must work on a network with no internet
                if r.request.url.startswith(served.base):
                    return r.continue_()
                elsewhere.append(r.request.url)
                return r.abort()

            page.route("**/*", route)
            page.on("websocket", lambda ws: ws.on(
                "framereceived", lambda f: received.append(f if isinstance(f, bytes) else f.encode())))

            def seen(needle: bytes, timeout: float = 60_000) -> None:
                page.wait_for_function("() => true")  # let events flow
                deadline = timeout
                while deadline > 0 and needle not in b"".join(received):
                    page.wait_for_timeout(100)
                    deadline -= 100
                assert needle in b"".join(received), needle

            page.goto(served.url)
            seen(b"Sheinbaum")  # the article reached the browser's terminal
            seen(b"claims")     # and the finished analysis
            page.click("#terminal")
            page.keyboard.press("]")
            seen(b"Claim 1/")
            page.screenshot(path=str(tmp_path / "serve.png"))
            browser.close()
    finally:
        served.stop()
    assert elsewhere == []
    assert (tmp_path / "serve.png").stat().st_size > 10_000
