"""A news site on 127.0.0.1 (pytest-httpserver): feeds in every format and the article pages
they point to, served for real; the fetch policy allows exactly that server."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from analyzers.io.fetch import FetchPolicy
from analyzers.store.library.store import LibraryStore

PARAGRAPHS = [
    "The Port Alder city council approved the Harbor Crossing in 2019, when the estimate was $410 million.",
    "Five years later the city's own audit puts the figure at $890 million, more than double the budget.",
    '"We were sold a bridge and handed a bill," said council member Rafael Ortiz, who voted against it.',
    "The contractor, Meridian Works, said in a letter that it had followed every instruction given in writing.",
    "According to two people familiar with the talks, the state is considering a loan of $150 million.",
    "A department spokeswoman declined to comment, saying the negotiations were ongoing.",
    "The council votes on the next funding tranche on March 3, and Ortiz said he expects it to be close.",
    "Residents who want to speak at the meeting must register by the day before, the clerk said on Monday.",
]

# a different story (the library joins copies of one story: articles must differ to be two)
LOAN_PARAGRAPHS = [
    "The state treasury is weighing a short-term loan to cover the Harbor Crossing's funding gap.",
    '"No one in this building wants to pay twice for one bridge," treasurer Mei Lindqvist told lawmakers on Friday.',
    "Lindqvist said the loan would carry a rate of 3.1 percent and would be repaid from bridge tolls by 2034.",
    "Two officials who were not authorized to discuss the plan said the governor had not yet signed off.",
    "The legislature's budget office estimated that tolls would need to rise by a third to cover the payments.",
    "Opponents of the bridge said on Saturday that they would ask a court to block the loan.",
]
STORIES = {"loan": LOAN_PARAGRAPHS}


def page(title: str, paragraphs: list[str], author: str = "Nadia Okafor") -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<html><head><title>{html.escape(title)} | Port Alder Ledger</title>"
            f"<meta name='author' content='{author}'><meta property='og:site_name' content='Port Alder Ledger'>"
            f"</head><body><nav><a href='/'>Home</a> <a href='/sports'>Sports</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>{body}</article>"
            f"<footer>Subscribe to our newsletter. Cookies policy.</footer></body></html>")


def rss(base: str, items: list[tuple[str, str, str]], version: str = "2.0", channel: str = "Port Alder Ledger") -> str:
    """items: (slug, title, description html)."""
    entries = "".join(f"<item><title>{html.escape(t)}</title><link>{base}/{s}</link><guid>{s}</guid>"
                      f"<description>{html.escape(d)}</description>"
                      f"<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>" for s, t, d in items)
    return (f'<?xml version="1.0"?><rss version="{version}"><channel><title>{html.escape(channel)}</title>'
            f"<link>{base}/</link>{entries}</channel></rss>")


class Site:
    def __init__(self, server: object) -> None:
        self.server = server
        self.base = server.url_for("").rstrip("/")  # type: ignore[attr-defined]
        self.port = server.port  # type: ignore[attr-defined]
        self.policy = FetchPolicy(allow_private=frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}"}))

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def serve(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
              status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.server.expect_request(f"/{path.lstrip('/')}").respond_with_data(  # type: ignore[attr-defined]
            body, status=status, content_type=content_type, headers=headers or {})

    def article(self, slug: str, title: str, paragraphs: list[str] | None = None) -> None:
        self.serve(slug, page(title, paragraphs or STORIES.get(slug, PARAGRAPHS)))


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    s = LibraryStore(tmp_path / "library.sqlite3")
    yield s
    s.close()


def reset(site: Site) -> None:
    """Forget what the server serves (to serve a changed feed or article)."""
    site.server.clear_all_handlers()  # type: ignore[attr-defined]


SUMMARY_FEED = [("bridge", "Bridge costs double", "The council approved the bridge in 2019."),
                ("loan", "State weighs a loan", "Two people familiar with the talks described a loan.")]
