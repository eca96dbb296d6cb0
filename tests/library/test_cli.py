"""The library from the command line, as a script or cron would use it: feeds, update with its
progress, library --json, analyze and read of URLs; restricted mode refuses every change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.library.conftest import SUMMARY_FEED, Site, rss
from tests.terminal import COPYDESK, Terminal

CMD = [sys.executable, "-m", "tui.cli"]


def run(*args: str, env: dict[str, str] | None = None, ok: bool = True) -> subprocess.CompletedProcess:
    r = subprocess.run([*CMD, *args], capture_output=True, text=True, timeout=300, cwd=ROOT,
                       env={**os.environ, "COPYDESK_ALLOW_PRIVATE": "1", **(env or {})})
    if ok:
        assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return r


def publish(site: Site) -> str:
    site.serve("feed.xml", rss(site.base, SUMMARY_FEED), content_type="application/rss+xml")
    for slug, title, _ in SUMMARY_FEED:
        site.article(slug, title)
    return site.url("feed.xml")


def test_feeds_update_and_library_json(site: Site):
    url = publish(site)
    run("feeds", "add", url, "--tag", "local")
    assert json.loads(run("feeds", "list", "--json").stdout)["feeds"][0]["tags"] == ["local"]
    up = run("update", "--no-analyze")
    assert "2 new versions" in up.stderr and "1 feeds" in up.stderr
    lib = json.loads(run("library", "--json").stdout)
    assert {f["url"] for f in lib["feeds"]} == {url}
    arts = {a["title"]: a for a in lib["articles"]}
    assert set(arts) == {t for _, t, _ in SUMMARY_FEED}
    a = next(iter(arts.values()))
    assert a["feed"] == "Port Alder Ledger" and a["versions"] == 1 and a["quotes"] is None  # not analysed
    assert set(a) >= {"url", "title", "feed", "published", "versions", "quotes", "sources"}
    # analysed on the next update (nothing new arrives, so nothing is analysed): --due skips it too
    assert "0 new versions" in run("update", "--due").stderr or run("update", "--due").returncode == 0


def test_update_analyses_what_is_new(site: Site):
    run("feeds", "add", publish(site))
    up = run("update")
    assert "analyses" in up.stderr
    lib = json.loads(run("library", "--json").stdout)
    assert all(isinstance(a["quotes"], int) and isinstance(a["sources"], int) for a in lib["articles"])
    assert any(a["quotes"] > 0 for a in lib["articles"])


def test_opml_import_export_and_remove(site: Site, tmp_path: Path):
    opml = tmp_path / "subs.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body><outline text="Local">'
                    f'<outline type="rss" text="Ledger" xmlUrl="{site.url("feed.xml")}"/></outline></body></opml>')
    run("feeds", "import", str(opml))
    out = run("feeds", "export").stdout
    assert site.url("feed.xml") in out and 'text="Local"' in out
    run("feeds", "remove", site.url("feed.xml"))
    assert json.loads(run("feeds", "list", "--json").stdout)["feeds"] == []
    r = run("feeds", "remove", site.url("feed.xml"), ok=False)
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_analyze_accepts_urls(site: Site):
    publish(site)
    r = run("analyze", site.url(SUMMARY_FEED[0][0]), site.url("missing"), "--jsonl", ok=False)
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["document"]["source"] == site.url(SUMMARY_FEED[0][0])
    assert json.loads(lines[1]) == {"source": site.url("missing"), "error": r.stderr.strip().removeprefix("copydesk: ")}
    assert r.returncode == 2 and "HTTP 500" in r.stderr and r.stderr.count("\n") == 1  # no such page


def test_restricted_mode_fetches_and_changes_nothing(site: Site, tmp_path: Path):
    env = {"COPYDESK_RESTRICTED": "1", "COPYDESK_LIBRARY": str(tmp_path)}
    for args in (("feeds", "add", site.url("feed.xml")), ("update",), ("analyze", site.url("a")),
                 ("read", site.url("a"))):
        r = run(*args, env=env, ok=False)
        assert r.returncode == 2 and r.stderr.count("\n") == 1, (args, r.stderr)
        assert "restricted" in r.stderr


def test_reading_a_url_opens_it_and_keeps_it_in_the_library(site: Site, private_dirs):
    publish(site)
    url = site.url(SUMMARY_FEED[0][0])
    term = Terminal([str(COPYDESK), url], env={"COPYDESK_ALLOW_PRIVATE": "1"})
    try:
        term.wait_for("Bridge costs double", timeout=60)
        term.wait_for(" claims", timeout=120)
    finally:
        term.quit()
    lib = json.loads(run("library", "--json").stdout)
    assert [a["url"] for a in lib["articles"]] == [url]


def test_feeds_add_says_at_once_when_update_would_refuse_the_address(site: Site):
    url = site.url("feed.xml")
    env = {"COPYDESK_ALLOW_PRIVATE": "0"}
    r = run("feeds", "add", url, env=env)
    assert "added" in r.stderr and "private or local address" in r.stderr and r.stderr.count("\n") == 2
    quiet = run("feeds", "add", url, "--allow-private", env=env)
    assert "private" not in quiet.stderr and quiet.stderr.count("\n") == 1
