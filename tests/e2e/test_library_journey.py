"""A reader's week with the library, in a real terminal: subscribe to a feed served on
127.0.0.1, update, open the library at 120x40, read the article and mark a claim; the article
is corrected; update again, open at 80x24: both versions kept, the mark still on the claim."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.e2e.test_tmux import COPYDESK, Tmux
from tests.library.conftest import PARAGRAPHS, Site, page, reset, rss

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is installed by .ci/run")


def cli(*args: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=300,
                       cwd=ROOT, env=dict(os.environ, COPYDESK_ALLOW_PRIVATE="1"))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    return r


def publish(site: Site, paragraphs: list[str], summary: str) -> None:
    reset(site)
    site.serve("feed.xml", rss(site.base, [("bridge", "Bridge costs double", summary)]),
               content_type="application/rss+xml")
    site.serve("bridge", page("Bridge costs double", paragraphs))


def test_subscribe_read_mark_and_keep_versions(site: Site, private_dirs):
    publish(site, PARAGRAPHS, "The bridge budget doubled.")
    cli("feeds", "add", site.url("feed.xml"), "--tag", "local")
    assert "1 new versions" in cli("update").stderr

    term = Tmux("library-journey")
    try:
        term.start(f"{COPYDESK}", width=120, height=40, env="COPYDESK_ALLOW_PRIVATE=1")
        term.wait_for("Bridge costs double")
        assert "Port Alder Ledger" in term.screen() and "# local" in term.screen()
        term.keys("Enter")
        term.wait_for(" claims", timeout=90)
        term.keys("]")
        term.wait_for("Claim 1/")
        term.keys("v")
        term.wait_for("✓ verified")
        term.keys("Escape")
        term.wait_for("library")
        term.keys("q")
        term.wait_for("EXITED 0")
    finally:
        term.kill()

    corrected = [p.replace("$890 million", "$870 million") for p in PARAGRAPHS]
    publish(site, corrected, "The bridge budget doubled (corrected).")
    assert "1 new versions" in cli("update").stderr
    lib = json.loads(cli("library", "--json").stdout)
    [article] = lib["articles"]
    assert article["versions"] == 2 and article["quotes"] is not None

    term = Tmux("library-journey-80")
    try:
        term.start(f"{COPYDESK}", width=80, height=24, env="COPYDESK_ALLOW_PRIVATE=1")
        term.wait_for("Bridge costs double")
        term.keys("Enter")
        term.wait_for(" claims", timeout=90)
        term.keys("4")
        screen = term.wait_for("1/")  # '1/N reviewed': the mark re-attached to the new version
        assert "reviewed" in screen
        term.wait_for("✓ verified")
        term.keys("q")
        term.wait_for("EXITED 0")
    finally:
        term.kill()
