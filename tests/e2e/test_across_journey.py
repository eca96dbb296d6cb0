"""From subscribing to 'where else', in a real terminal: two outlets' feeds served on 127.0.0.1,
'copydesk feeds add' and 'copydesk update' (which analyses and indexes), then in the library a
search for one article, its speaker's quote, 'o', and Enter landing on the other outlet's quote."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.test_library_journey import cli
from tests.e2e.test_tmux import COPYDESK, Tmux
from tests.library.across import ARTICLES
from tests.library.conftest import Site, page, rss

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is installed by .ci/run")


def test_feeds_add_to_where_else(site: Site, private_dirs):
    for feed, slug in (("wire.xml", "water-deal"), ("ledger.xml", "treaty")):
        art = next(a for a in ARTICLES if a.slug == slug)
        site.serve(feed, rss(site.base, [(slug, art.title, art.paragraphs[0])], channel=art.outlet),
                   content_type="application/rss+xml")
        site.serve(slug, page(art.title, list(art.paragraphs)))
        cli("feeds", "add", site.url(feed))
    assert "2 new versions" in cli("update").stderr

    term = Tmux("across-journey")
    try:
        term.start(f"{COPYDESK}", width=120, height=40, env="COPYDESK_ALLOW_PRIVATE=1")
        term.wait_for("Mexico weighs a new water deal")
        assert "Gulf Coast Wire" in term.screen() and "Border Ledger" in term.screen()
        term.keys("/")
        term.wait_for("search: titles")
        term.keys("Mexico weighs")
        term.wait_for("filter: Mexico weighs")
        term.keys("Enter")
        term.wait_for("Search: Mexico weighs")
        term.keys("Enter")  # the article
        term.wait_for(" claims", timeout=90)
        term.keys("}")
        term.wait_for("Quote 1/")
        term.keys("}")
        term.wait_for("Quote 2/")
        term.keys("o")
        screen = term.wait_for("Where else: Claudia Sheinbaum")
        assert "Border Ledger" in screen and "honoured" in screen and "— told" in screen
        term.keys("/")                                  # her other quotes there come first: filter to it
        term.wait_for("filter (escape clears)")
        term.keys("honoured")
        term.wait_for("1 of ")
        term.keys("Enter")
        term.keys("Enter")
        term.wait_for("Water plan defended in Mexico City  │")
        screen = term.wait_for("│ Quote ")
        assert "▶ \"The treaty has to be honoured" in screen  # the quote, marked where the reader opened
        term.keys("q")
        term.wait_for("EXITED 0")
    finally:
        term.kill()
