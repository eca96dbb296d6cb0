"""`copydesk serve`: on localhost unless told otherwise, locked with a token and the page's
origin, a cap on sessions, every asset local, a busy port said in one line."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import ROOT, SEED
from tests.serving import Served, free_port


def listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as the kernel lists them) with a socket listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:
                found.add(addr)
    return found


def get(url: str, headers: dict | None = None) -> tuple[int, str, dict]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


@pytest.fixture
def served():
    s = Served(str(SEED), "--max-sessions", "1")
    yield s
    s.stop()


def test_serve_answers_on_localhost_only_and_needs_the_token(served):
    assert listening_addresses(served.port) == {"0100007F"}  # 127.0.0.1, nothing else
    assert served.token and len(served.token) >= 24
    status, body, _ = get(f"{served.base}/")
    assert status == 403 and "token" in body
    status, _, _ = get(f"{served.base}/?token=wrong{served.token}")
    assert status == 403
    status, page, headers = get(served.url)
    assert status == 200 and "copydesk" in page
    assert f"ws://127.0.0.1:{served.port}/ws/{served.token}" in page
    assert "copydesk_token" in headers.get("Set-Cookie", "") and "HttpOnly" in headers["Set-Cookie"]
    # the cookie opens the page on reload, without the token in the URL
    cookie = headers["Set-Cookie"].split(";")[0]
    assert get(f"{served.base}/", {"Cookie": cookie})[0] == 200


def test_every_asset_is_served_locally(served):
    _, page, _ = get(served.url)
    assert "googleapis" not in page
    external = [u for u in re.findall(r"(?:href|src)=\"([^\"]+)\"|url\(\"([^\"]+)\"\)", page) for u in u if u]
    assert external and all(u.startswith(f"{served.base}/static/") for u in external), external
    for u in external:
        assert get(u)[0] == 200, u


async def _ws(served: Served, *, origin: str | None, token: str | None):
    url = f"ws://127.0.0.1:{served.port}/ws" + (f"/{token}" if token else "") + "?width=100&height=30"
    headers = {"Origin": origin} if origin else {}
    session = aiohttp.ClientSession()
    try:
        return session, await session.ws_connect(url, headers=headers)
    except aiohttp.WSServerHandshakeError as exc:
        await session.close()
        return None, exc.status


async def _screen_bytes(ws, needle: bytes, timeout: float = 60) -> bytes:
    got = b""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while needle not in got and loop.time() < end:
        msg = await ws.receive(timeout=end - loop.time())
        if msg.type == aiohttp.WSMsgType.BINARY:
            got += msg.data
        elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    return got


async def test_websocket_needs_the_origin_of_the_page_and_the_token(served):
    """The attack: a page on another site, open in the operator's browser, connects to the
    reader's websocket (browsers send its Origin) and types keys that export a note over
    ~/.ssh/authorized_keys. Refused before any reader starts."""
    good = f"http://127.0.0.1:{served.port}"
    for origin, token in (("http://evil.example", served.token), (None, served.token),
                          (f"http://127.0.0.1:{served.port + 1}", served.token), (good, None),
                          (good, "x" * 32)):
        _, status = await _ws(served, origin=origin, token=token)
        assert status == 403, (origin, token)
    session, ws = await _ws(served, origin=good, token=served.token)
    assert session is not None
    try:
        assert b"Sheinbaum" in await _screen_bytes(ws, b"Sheinbaum")
        # one session is the cap here: a second visitor is told to come back later
        _, status = await _ws(served, origin=good, token=served.token)
        assert status == 503
    finally:
        await ws.close()
        await session.close()


def test_a_busy_port_is_one_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "tui.cli", "serve", "--port", str(port), str(SEED)],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert "Traceback" not in r.stderr and "in use" in lines[-1], r.stderr
    assert len(lines) == 2  # the start line, then why it could not listen


def test_no_token_only_with_restricted(tmp_path):
    r = subprocess.run([sys.executable, "-m", "tui.cli", "serve", "--no-token", "--port", str(free_port())],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "only allowed with --restricted" in r.stderr
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.txt").write_text("A story.\n")
    s = Served("--no-token", "--restricted", "--library", str(lib))
    try:
        assert s.token is None
        assert get(f"{s.base}/")[0] == 200
    finally:
        s.stop()


def test_public_url_is_what_the_page_uses():
    s = Served(str(SEED), "--public-url", "https://news.example/copydesk/")
    try:
        assert s.url.startswith("https://news.example/copydesk/?token=")
        _, page, _ = get(f"{s.base}/?token={s.token}")
        assert f"wss://news.example/copydesk/ws/{s.token}" in page
        assert "https://news.example/copydesk/static/js/textual.js" in page
    finally:
        s.stop()


def test_serve_command_passes_the_options_and_isolates_the_child():
    from tui.cli import build_parser
    from tui.cli.serve import reader_command

    args = build_parser().parse_args(["serve", "a.txt", "--restricted", "--library", "/lib", "--theme", "ansi"])
    cmd = reader_command(args)
    assert cmd[0] == sys.executable and cmd[1:6] == ["-I", "-m", "tui.cli", "read", "a.txt"]
    assert "--served" in cmd and "--restricted" in cmd and cmd[cmd.index("--library") + 1] == "/lib"
    assert "--fetch-hosts" not in cmd  # a served reader fetches nothing unless the owner says where
    args = build_parser().parse_args(["serve", "--allow-fetch", "news.example", "--allow-fetch", "wire.example"])
    cmd = reader_command(args)
    assert cmd[cmd.index("--fetch-hosts") + 1] == "news.example,wire.example"
    from tui.restricted import Policy

    served = Policy.from_args(build_parser().parse_args(["read", "--served", "--fetch-hosts", "news.example"]))
    assert served.fetch_refusal() is None and served.fetch_policy().allowed_hosts == {"news.example"}
    assert served.fetch_policy().allow_private is False
    assert "fetches nothing" in Policy(served=True).fetch_refusal()
    assert json.dumps(cmd)  # plain strings only
