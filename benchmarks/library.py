"""The library's speed: `copydesk update --jobs 4` over 20 feeds x 20 summary-only entries served
on 127.0.0.1 (every article page fetched and extracted), and how soon a library article shows
its sidebar once opened (its analysis cached by the update).

    python benchmarks/library.py [--feeds 20] [--entries 20] [--analyze]

Never fails: it measures.
"""

from __future__ import annotations

import argparse
import html
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COPYDESK = str(Path(sys.executable).with_name("copydesk"))


def paragraphs() -> list[str]:
    text = (ROOT / "seeds" / "000_2155ca87d0d03760.txt").read_text(encoding="utf-8")
    return [p for p in text.split("\n") if len(p) > 80]


def site(feeds: int, entries: int) -> tuple[ThreadingHTTPServer, str]:
    paras = paragraphs()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            parts = self.path.strip("/").split("/")
            if parts[0] == "feed":
                f = int(parts[1])
                base = f"http://127.0.0.1:{self.server.server_port}"
                items = "".join(f"<item><title>Story {f}-{e}: talks on the border</title>"
                                f"<link>{base}/a/{f}/{e}</link><guid>{f}-{e}</guid>"
                                f"<description>Summary of story {f}-{e}.</description></item>"
                                for e in range(entries))
                body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet {f}</title>{items}</channel></rss>'
                ctype = "application/rss+xml"
            else:
                f, e = int(parts[1]), int(parts[2])
                shift = (f * entries + e) % len(paras)
                chosen = paras[shift:] + paras[:shift]
                body = (f"<html><head><title>Story {f}-{e}</title></head><body><nav>Home</nav><article>"
                        f"<h1>Story {f}-{e}: talks on the border</h1>"
                        + "".join(f"<p>{html.escape(p)}</p>" for p in chosen) + "</article></body></html>")
                ctype = "text/html; charset=utf-8"
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=20)
    ap.add_argument("--entries", type=int, default=20)
    ap.add_argument("--analyze", action="store_true", help="also time analysing every new version")
    args = ap.parse_args(argv)
    server, base = site(args.feeds, args.entries)
    home = Path(tempfile.mkdtemp())
    env = dict(os.environ, COPYDESK_ALLOW_PRIVATE="1", XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"))
    for f in range(args.feeds):
        subprocess.run([COPYDESK, "feeds", "add", f"{base}/feed/{f}"], env=env, check=True, capture_output=True)
    t0 = time.perf_counter()
    subprocess.run([COPYDESK, "update", "--jobs", "4", "--no-analyze"], env=env, check=True, capture_output=True)
    fetched = time.perf_counter() - t0
    n = args.feeds * args.entries
    print(f"update --jobs 4 --no-analyze: {args.feeds} feeds x {args.entries} entries ({n} article pages "
          f"fetched and extracted) in {fetched:.1f} s ({n / fetched:.0f} articles/s)")
    if args.analyze:
        from analyzers.store.library.store import LibraryStore

        os.environ.update(env)
        store = LibraryStore()
        first = store.unanalysed(limit=10)
        store.close()
        t0 = time.perf_counter()
        from tui.state.library_analysis import analyse_versions

        store = LibraryStore()
        analyse_versions(store, first)
        store.close()
        took = time.perf_counter() - t0
        print(f"analysing 10 new versions in the background process: {took:.1f} s (model load included)")
        print(f"sidebar of a library article, analysis cached: {sidebar_seconds(env):.2f} s after Enter")
    server.shutdown()
    return 0


def sidebar_seconds(env: dict[str, str]) -> float:
    from tests.terminal import Terminal

    term = Terminal([COPYDESK], env={k: v for k, v in env.items() if k.startswith(("XDG_", "COPYDESK_"))})
    try:
        term.wait_for("talks on the border", timeout=60)
        term.pump(0.5)
        t0 = time.perf_counter()
        term.keys("\r")
        term.wait_for(" claims", timeout=60)
        return time.perf_counter() - t0
    finally:
        term.quit()


if __name__ == "__main__":
    sys.exit(main())
