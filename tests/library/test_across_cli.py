"""copydesk sources / outlets / search from the command line (a real process, a real library)."""

from __future__ import annotations

import json

from tests.library.across import BASE
from tests.library.test_cli import run


def test_sources_json(indexed_library):
    data = json.loads(run("sources", "--json").stdout)
    assert set(data) == {"sources"}
    first = data["sources"][0]
    assert set(first) == {"name", "kind", "aliases", "articles", "quotes", "outlets", "first_seen", "last_seen"}
    by_name = {s["name"]: s for s in data["sources"]}
    she = by_name["Claudia Sheinbaum"]
    assert she["articles"] == 3 and she["quotes"] >= 3 and "Sheinbaum" in she["aliases"]
    assert she["outlets"] == ["Border Ledger", "Capital Review", "Gulf Coast Wire"]
    assert "Bill Clinton" in by_name and "Hillary Clinton" in by_name
    one = json.loads(run("sources", "--outlet", "Capital Review", "--json").stdout)["sources"]
    assert {s["name"] for s in one} >= {"Bill Clinton", "Hillary Clinton"}
    assert all(s["outlets"] == ["Capital Review"] for s in one)
    text = run("sources").stdout
    assert "Claudia Sheinbaum (also" in text and "quotes in 3 articles" in text


def test_outlets_json(indexed_library):
    data = json.loads(run("outlets", "--json").stdout)["outlets"]
    assert [o["outlet"] for o in data] == ["Border Ledger", "Capital Review", "Gulf Coast Wire"]
    ledger = data[0]
    assert set(ledger["shares"]) == {"named", "official", "anonymous", "unnamed", "unattributed", "direct"}
    assert ledger["shares"]["anonymous"] > 0 and ledger["verbs"][0]["verb"] == "said"
    ranged = json.loads(run("outlets", "--outlet", "Border Ledger", "--since", "2026-11-05", "--json").stdout)
    assert ranged["outlets"][0]["articles"] == 1 and ranged["outlets"][0]["since"] == "2026-11-05"
    assert "named" in run("outlets").stdout
    bad = run("outlets", "--since", "last week", ok=False)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    for flag, name in (("--outlet", "Nope"), ("--tag", "nope")):   # not an empty profile with exit 0
        unknown = run("outlets", flag, name, "--json", ok=False)
        assert unknown.returncode == 2 and unknown.stdout == "" and unknown.stderr.count("\n") == 1, unknown


def test_search_json(indexed_library):
    data = json.loads(run("search", "honour", "--json").stdout)["results"]
    assert {"url", "title", "kind", "snippet"} <= set(data[0])
    assert {(r["kind"], r["url"]) for r in data} >= {("article", f"{BASE}/treaty"), ("quote", f"{BASE}/treaty")}
    assert all("\x02" not in r["snippet"] for r in data)
    assert json.loads(run("search", '"NEAR(', "--json").stdout) == {"results": []}
    assert "nothing found" in run("search", "zyzzyva").stderr


def test_no_library_yet_is_empty_not_an_error():
    assert json.loads(run("sources", "--json").stdout) == {"sources": []}
    assert json.loads(run("search", "x", "--json").stdout) == {"results": []}
    assert json.loads(run("outlets", "--json").stdout) == {"outlets": []}


def test_an_old_library_is_one_line_in_restricted_mode_and_upgraded_otherwise(tmp_path):
    from analyzers.store.library.store import default_path
    from tests.library.test_migration import v1_library

    v1_library(default_path())
    refused = run("sources", "--json", "--restricted", "--library", str(tmp_path), ok=False)
    assert refused.returncode == 2 and "older copydesk" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert json.loads(run("search", "levee", "--json").stdout)["results"]  # upgraded, searchable
