"""The library's fact-checks from the command line, with real files and a real fact-checker's
site on 127.0.0.1: import (every shape, re-import updates and never duplicates, malformed records
counted one line each), list / stats / remove, match, harvesting ClaimReview markup from the
pages an update fetches, and restricted mode reading the collection without writing it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from analyzers.rules.factcheck_match import Query
from analyzers.store.desk import Desk, DeskError
from analyzers.store.paths import library_db
from tests.conftest import ROOT
from tests.library.conftest import Site, rss
from tests.library.factcheck_samples import data_feed, jsonl, page, review, reviews

CMD = [sys.executable, "-m", "tui.cli"]


def run(*args: str, env: dict[str, str] | None = None, ok: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess:
    r = subprocess.run([*CMD, *args], capture_output=True, text=True, timeout=300, cwd=ROOT, input=stdin,
                       env={**os.environ, "COPYDESK_ALLOW_PRIVATE": "1", **(env or {})})
    if ok:
        assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return r


def listed() -> list[dict]:
    return json.loads(run("factchecks", "list", "--json", "--limit", "100").stdout)["factchecks"]


def test_import_re_import_update_list_stats_remove(tmp_path: Path):
    path = jsonl(tmp_path / "desk.jsonl")
    first = run("factchecks", "import", str(path), "--json")
    assert json.loads(first.stdout) == {"added": 6, "updated": 0, "unchanged": 0, "skipped": 0, "problems": []}
    assert "6 fact-checks read: 6 added, 0 updated, 0 unchanged" in first.stderr
    again = run("factchecks", "import", str(path))
    assert "0 added, 0 updated, 6 unchanged" in again.stderr and len(listed()) == 6
    # the same reviews as a feed, one changed: updated in place, never a second row
    feed = tmp_path / "feed.json"
    items = reviews()
    items[1]["reviewRating"]["alternateName"] = "Pants on fire"
    feed.write_text(json.dumps(data_feed(items)), encoding="utf-8")
    assert "0 added, 1 updated, 5 unchanged" in run("factchecks", "import", str(feed)).stderr
    rows = {r["identifier"]: r for r in listed()}
    assert len(rows) == 6 and rows["pafd-0002"]["rating"] == "Pants on fire"
    assert rows["pafd-0001"] == {
        "identifier": "pafd-0001", "url": "https://factdesk.example/checks/pafd-0001/",
        "claimReviewed": "The Harbor Crossing bridge cost $890 million, more than double its budget.",
        "claimant": "Rafael Ortiz", "claimDate": "2025-03-01", "rating": "Mostly true", "ratingValue": 4.0,
        "bestRating": 5.0, "worstRating": 1.0, "publisher": "Port Alder Fact Desk", "datePublished": "2025-03-04",
        "headline": "Did the Harbor Crossing cost double its budget?"}
    assert [r["identifier"] for r in json.loads(run("factchecks", "list", "--json", "--search", "bridge loan").stdout)
            ["factchecks"]] == ["pafd-0003"]
    stats = json.loads(run("factchecks", "stats", "--json").stdout)
    assert stats["reviews"] == 6 and stats["publishers"] == {"Port Alder Fact Desk": 6}
    assert stats["ratings"]["False"] == 1 and stats["index"] == "current"
    assert "1 fact-check removed" in run("factchecks", "remove", "https://factdesk.example/checks/pafd-0004/").stderr
    assert "1 fact-check removed" in run("factchecks", "remove", "pafd-0005").stderr
    assert len(listed()) == 4
    assert run("factchecks", "remove", "pafd-0005", ok=False).returncode == 2


def test_malformed_records_are_counted_and_named_and_the_rest_imports(tmp_path: Path):
    path = jsonl(tmp_path / "mixed.jsonl", reviews()[:3], ["{broken", json.dumps(review(3, url="ftp://x/")),
                                                           json.dumps(review(4))])
    r = run("factchecks", "import", str(path), "--json")
    assert json.loads(r.stdout)["added"] == 4 and json.loads(r.stdout)["skipped"] == 2
    lines = [ln for ln in r.stderr.splitlines() if "skipped" in ln and "mixed.jsonl:" in ln]
    assert lines[0].startswith("copydesk: skipped mixed.jsonl:4: not JSON")
    assert lines[1] == "copydesk: skipped mixed.jsonl:5 (pafd-0004): its url is not an http(s) URL"
    assert "4 fact-checks read: 4 added, 0 updated, 0 unchanged, 2 skipped" in r.stderr
    missing = run("factchecks", "import", str(tmp_path / "nope.json"), ok=False)
    assert missing.returncode == 2 and "nope.json: No such file or directory" in missing.stderr


def test_match_prints_one_line_per_claim_best_first(tmp_path: Path):
    run("factchecks", "import", str(jsonl(tmp_path / "desk.jsonl")))
    claims = [{"id": "q1", "text": "The Harbor Crossing cost $890 million, double what was budgeted."},
              {"id": "q2", "text": "Adults in Norway must by law drink eight glasses of water a day.", "date": "2024-07-11"},
              "not json",
              {"id": "q3", "text": "The mayor opened a new library on Tuesday."}]
    queries = tmp_path / "q.jsonl"
    queries.write_text("\n".join(c if isinstance(c, str) else json.dumps(c) for c in claims) + "\n")
    r = run("factchecks", "match", "--jsonl", str(queries), ok=False)
    assert r.returncode == 2 and "line 3: not JSON" in r.stderr
    out = [json.loads(ln) for ln in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["q1", "q2", None, "q3"]
    assert out[0]["matches"][0]["identifier"] == "pafd-0001" and out[0]["checked_before"]
    assert out[1]["matches"][0]["identifier"] == "pafd-0002" and out[1]["checked_before"]
    assert not out[3]["checked_before"]
    best = out[0]["matches"][0]
    assert set(best) == {"url", "identifier", "claimReviewed", "rating", "publisher", "datePublished", "score",
                         "confident"} and best["confident"] and best["rating"] == "Mostly true"
    for o in (out[0], out[1], out[3]):
        scores = [m["score"] for m in o["matches"]]
        assert len(scores) <= 10 and scores == sorted(scores, reverse=True)
    text = run("factchecks", "match", "Norway", "makes", "people", "drink", "eight", "glasses", "of", "water")
    assert text.stdout.startswith("checked before") and "Port Alder Fact Desk — False" in text.stdout


def test_a_page_with_claimreview_markup_on_a_real_server(site: Site):
    site.serve("checks/harbor", page([review(0), review(2)], "Harbor Crossing checks"))
    r = run("factchecks", "import", site.url("checks/harbor"), "--json")
    assert json.loads(r.stdout)["added"] == 2
    assert {x["identifier"] for x in listed()} == {"pafd-0001", "pafd-0003"}
    site.serve("empty", "<html><body><p>No markup here.</p></body></html>")
    assert json.loads(run("factchecks", "import", site.url("empty"), "--json", ok=False).stdout)["added"] == 0


def test_an_update_harvests_the_claimreviews_of_the_pages_it_fetches(site: Site):
    """A fact-checker's feed: its articles' pages carry ClaimReview; they join the collection."""
    site.serve("feed.xml", rss(site.base, [("checks/harbor", "Harbor Crossing cost", "Did it cost double?"),
                                           ("checks/water", "Water law", "No such law.")],
                               channel="Port Alder Fact Desk"), content_type="application/rss+xml")
    site.serve("checks/harbor", page([review(0)], "Harbor Crossing cost"))
    with_no_url = review(1)
    del with_no_url["url"]  # the page's own address stands for it
    site.serve("checks/water", page([with_no_url], "Water law"))
    run("feeds", "add", site.url("feed.xml"))
    up = run("update", "--no-analyze")
    assert "2 fact-checks added" in up.stderr, up.stderr
    urls = {x["identifier"]: x["url"] for x in listed()}
    assert urls == {"pafd-0001": "https://factdesk.example/checks/pafd-0001/", "pafd-0002": site.url("checks/water")}
    assert json.loads(run("factchecks", "stats", "--json").stdout)["index"] == "current"
    [m] = Desk().match_claims([Query("q", "Did the Harbor Crossing cost $890 million, double its budget?")])
    assert m.checked_before and m.matches[0].review.identifier == "pafd-0001"


def _state() -> tuple[int, int | None]:
    with sqlite3.connect(library_db()) as db:
        return db.execute("SELECT generation, indexed FROM factcheck_state").fetchone()


def test_restricted_reads_the_collection_and_never_writes_it(tmp_path: Path):
    path = jsonl(tmp_path / "desk.jsonl")
    run("factchecks", "import", str(path))
    with sqlite3.connect(library_db()) as db:  # the index out of date, as after a crash mid-import
        db.execute("UPDATE factcheck_state SET generation = generation + 1")
    before = _state()
    refused = run("factchecks", "import", str(path), "--restricted", ok=False)
    assert refused.returncode == 2 and "read-only" in refused.stderr
    assert run("factchecks", "remove", "pafd-0001", "--restricted", ok=False).returncode == 2
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"id": "x", "text": "Unemployment in Alder County fell to 2 percent"}) + "\n")
    out = json.loads(run("factchecks", "match", "--jsonl", str(q), "--restricted").stdout)
    assert out["matches"][0]["identifier"] == "pafd-0005"
    assert _state() == before  # matched from an index built in memory, nothing stored
    desk = Desk(read_only=True)
    assert len(desk.factchecks(limit=10)) == 6
    with pytest.raises(DeskError, match="read-only"):
        desk.import_factchecks([], "x")


def test_no_library_means_no_matches_and_no_library_is_made():
    desk = Desk(read_only=True)
    assert desk.match_claims([Query("a", "anything")])[0].matches == ()
    assert desk.factcheck_count() == 0 and not library_db().exists()


def test_analyze_json_and_export_carry_the_claims_checked_before(tmp_path: Path, schema):
    import jsonschema

    from tests.conftest import SEED
    from tests.library.factcheck_samples import SEED_CHECKS

    plain = json.loads(run("analyze", str(SEED), "--json").stdout)
    assert not any("factchecks" in c for c in plain["claims"])  # no collection: no field
    run("factchecks", "import", str(jsonl(tmp_path / "checks.jsonl", reviews() + SEED_CHECKS)))
    data = json.loads(run("analyze", str(SEED), "--json").stdout)
    jsonschema.validate(data, schema)
    checked = {c["text"]: c["factchecks"] for c in data["claims"] if "factchecks" in c}
    call = next(v for k, v in checked.items() if "45-minute telephone conversation" in k)
    assert call[0]["identifier"] == "lc-1" and call[0]["confident"] and len(call) <= 3
    assert 0 < len(checked) < len(data["claims"])
    exported = json.loads(run("export", str(SEED), "--format", "json").stdout)
    assert {c["text"] for c in exported["claims"] if "factchecks" in c} == set(checked)
    assert "Checked before: Ledger Check — Mostly true — 2025-05-02" in run("export", str(SEED)).stdout


def test_a_page_opened_by_its_url_brings_its_reviews_unless_served():
    from analyzers.ingest.load import load_bytes

    body = page([review(5)]).encode()
    doc = load_bytes(body, "https://factdesk.example/checks/bikes")
    desk = Desk()
    desk.add_page("https://factdesk.example/checks/bikes", doc, body, harvest=False)  # a served session
    assert desk.factcheck_count() == 0
    desk.add_page("https://factdesk.example/checks/bikes", doc, body)
    assert [r.identifier for r in desk.factchecks()] == ["pafd-0006"]
    [m] = desk.match_claims([Query("q", "The council banned bicycles from the promenade on the waterfront")],
                            keep_index=False)
    assert m.matches[0].review.identifier == "pafd-0006"
