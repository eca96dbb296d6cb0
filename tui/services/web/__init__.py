"""``copydesk serve``: the reader in a web browser, one reader process per visitor, on
textual-serve's protocol — with the locks textual-serve leaves to its user.

- A secret token (in the URL printed at start, like Jupyter) is needed for the page and for the
  websocket that drives the reader; a cookie keeps it for reloads.
- The websocket's ``Origin`` must be the served URL's: a page on another site, open in the
  operator's browser, cannot drive the reader (browsers always send Origin on websockets).
- At most ``max_sessions`` readers at once (each costs ~200 MB).
- Every asset comes from this server (fonts included): it works on a network with no internet,
  and behind a reverse proxy with ``--public-url``.
- Each reader starts with ``python -I`` and a clean environment (see services.child).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from analyzers.ingest.sanitize import display
from tui.services.child import child_environment

HERE = Path(__file__).resolve().parent
COOKIE = "copydesk_token"
log = logging.getLogger("copydesk.serve")


def origin_of(url: str) -> str:
    """'https://news.example/copydesk/' -> 'https://news.example' (default ports dropped)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    default = {"http": 80, "https": 443}.get(parts.scheme)
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    return f"{parts.scheme}://{host}{port}"


class _ReaderService(AppService):
    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width, height)
        textual = {k: v for k, v in env.items() if k.startswith(("TEXTUAL", "TERM_PROGRAM"))}
        # a browser terminal shows true colour: the default theme is the true-colour one
        return child_environment({**textual, "COLORTERM": "truecolor", "COLUMNS": str(width), "ROWS": str(height)})


class _SafeLogFormatter(logging.Formatter):
    """Request lines quote URLs a visitor chose: they reach the operator's terminal sanitised."""

    def format(self, record: logging.LogRecord) -> str:
        return display(super().format(record))


class ReaderServer(Server):
    def __init__(self, command: str, *, host: str, port: int, token: str | None,
                 public_url: str | None = None, max_sessions: int = 8) -> None:
        super().__init__(command, host=host, port=port, title="copydesk", public_url=public_url,
                         templates_path=HERE)
        self.public_url = self.public_url.rstrip("/")
        self.token = token
        self.max_sessions = max_sessions
        self.sessions = 0
        self.origins = {origin_of(self.public_url)}
        if public_url is None and host in ("127.0.0.1", "localhost", "::1"):
            # the same machine under its other loopback names
            self.origins |= {f"http://{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")}

    # -- what the operator sees ---------------------------------------------------------------
    def page_url(self) -> str:
        return f"{self.public_url}/" + (f"?token={self.token}" if self.token else "")

    def initialize_logging(self) -> None:
        handler = logging.StreamHandler()
        handler.setFormatter(_SafeLogFormatter("copydesk serve: %(message)s"))
        logging.basicConfig(level="WARNING", handlers=[handler])

    async def on_startup(self, app: web.Application) -> None:
        pass  # run_serve prints the one line the operator needs (with the token)

    def serve(self, debug: bool = False) -> None:
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        web.run_app(self._make_app(), host=self.host, port=self.port, loop=loop,
                    access_log=None, print=lambda *args: None)

    # -- the locks ----------------------------------------------------------------------------
    def _token_ok(self, request: web.Request, given: str | None) -> bool:
        if self.token is None:
            return True
        for candidate in (given, request.query.get("token"), request.cookies.get(COOKIE)):
            if candidate and hmac.compare_digest(candidate.encode(), self.token.encode()):
                return True
        return False

    async def _make_app(self) -> web.Application:
        import aiohttp_jinja2
        import jinja2

        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/ws/{token}", self.handle_websocket, name="websocket_token"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        import aiohttp_jinja2

        if not self._token_ok(request, None):
            raise web.HTTPForbidden(text="copydesk: open the URL printed when the server started "
                                         "(it carries the access token)\n")
        route = f"/ws/{self.token}" if self.token else "/ws"
        scheme = "wss" if self.public_url.startswith("https") else "ws"
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}:{self.public_url.split(':', 1)[1]}{route}",
            "config": {"static": {"url": f"{self.public_url}/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Referrer-Policy"] = "no-referrer"  # the token is in the URL
        response.headers["Cache-Control"] = "no-store"
        if self.token:
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict",
                                secure=self.public_url.startswith("https"))
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        origin = request.headers.get("Origin")
        if origin is None or origin.rstrip("/") not in self.origins:
            log.warning("refused a websocket from origin %s", origin)
            raise web.HTTPForbidden(text="copydesk: wrong origin\n")
        if not self._token_ok(request, request.match_info.get("token")):
            raise web.HTTPForbidden(text="copydesk: wrong or missing token\n")
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(
                text=f"copydesk: {self.max_sessions} readers are open; try again later\n")
        self.sessions += 1
        try:
            return await self._session(request)
        finally:
            self.sessions -= 1

    async def _session(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            async def close() -> None:
                await websocket.close()

            service = _ReaderService(self.command, write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=close,
                                     download_manager=self.download_manager, debug=False)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as exc:
            log.warning("session ended: %s", exc)
        finally:
            if service is not None:
                await service.stop()
        return websocket


def new_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


__all__ = ["ReaderServer", "new_token", "origin_of"]
