"""Exports in all three formats, from the library and from the `copydesk export` command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import jsonschema
import pytest

from analyzers import document_from_text
from analyzers.rules.pipeline import analyze
from analyzers.store.review.export import export_csv, export_json, export_markdown
from analyzers.store.review.session import Review
from analyzers.store.review.store import ReviewStore
from tests.conftest import SEED

CMD = [sys.executable, "-m", "tui.cli"]


@pytest.fixture
def reviewed(seed_doc, fixed_analysis):
    review = Review(ReviewStore(), seed_doc)
    review.bind(fixed_analysis)
    c0, c1 = fixed_analysis.claims[:2]
    q0 = fixed_analysis.quotes[0]
    review.set("claim", c0.id, c0.start, c0.end, status="verified")
    review.set("claim", c1.id, c1.start, c1.end, status="disputed", note="Figure is from 2019 | not 2024", set_note=True)
    review.set("quote", q0.id, q0.start, q0.end, status="needs_source")
    return review


def test_json_is_the_analysis_with_a_review_on_every_claim_and_quote(reviewed, fixed_analysis, schema):
    data = export_json(fixed_analysis, reviewed)
    jsonschema.validate(data, schema)
    statuses = {c["id"]: c["review"]["status"] for c in data["claims"]}
    c0, c1 = fixed_analysis.claims[:2]
    assert statuses[c0.id] == "verified" and statuses[c1.id] == "disputed"
    assert all(c["review"] is not None for c in data["claims"] + data["quotes"])
    assert data["quotes"][0]["review"]["status"] == "needs_source"
    assert data["claims"][1]["review"]["note"] == "Figure is from 2019 | not 2024"
    assert data["review"]["claims_reviewed"] == 2
    assert data["review"]["counts"]["disputed"] == 1


def test_markdown_report(reviewed, fixed_analysis):
    md = export_markdown(fixed_analysis, reviewed)
    assert md.startswith("# Review: ")
    assert f"**2/{len(fixed_analysis.claims)} claims reviewed**" in md
    assert "| Source | Kind | Named / anonymous | Quotes |" in md
    assert "✗ disputed" in md and "✓ verified" in md
    assert "Note: Figure is from 2019 | not 2024" in md
    assert "## Quotes by speaker" in md and "? needs a source" in md


def test_csv_one_row_per_item(reviewed, fixed_analysis):
    rows = list(csv.DictReader(io.StringIO(export_csv(fixed_analysis, reviewed))))
    assert len(rows) == len(fixed_analysis.claims) + len(fixed_analysis.quotes)
    assert {r["kind"] for r in rows} == {"claim", "quote"}
    assert sum(r["status"] != "unreviewed" for r in rows) == 3


def test_orphaned_marks_are_reported_not_dropped(nlp):
    text = "Spending on roads rises 12 percent, the mayor said on Monday.\n\nThe vote was 7 to 2, officials said."
    doc = document_from_text(text, "/tmp/city-council-test.txt")
    a = analyze(doc, nlp)
    review = Review(ReviewStore(), doc)
    review.bind(a)
    c = a.claims[0]
    review.set("claim", c.id, c.start, c.end, status="disputed", note="wrong figure", set_note=True)
    edited = document_from_text(text.replace("Spending on roads rises 12 percent, the mayor said on Monday.",
                                             "The mayor spoke about parks."), "/tmp/city-council-test.txt")
    a2 = analyze(edited, nlp)
    review2 = Review(ReviewStore(), edited)
    data = export_json(a2, review2)
    assert [o["review"]["note"] for o in data["review"]["orphaned"]] == ["wrong figure"]
    assert "Marks whose item is gone" in export_markdown(a2, review2)
    assert any(r["placement"] == "orphaned" for r in csv.DictReader(io.StringIO(export_csv(a2, review2))))


def test_csv_defuses_formulas(nlp):
    doc = document_from_text('=HYPERLINK("http://127.0.0.1:9/PWNED") said the 12 officials on Monday.', "f.txt")
    a = analyze(doc, nlp)
    review = Review(ReviewStore(), doc)
    out = export_csv(a, review)
    assert ",=HYPERLINK" not in out and "\n=" not in out


def test_export_command_all_formats(tmp_path, reviewed, schema):
    for fmt in ("md", "json", "csv"):
        out = tmp_path / f"report.{fmt}"
        r = subprocess.run([*CMD, "export", str(SEED), "--format", fmt, "-o", str(out)],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        text = out.read_text(encoding="utf-8")
        if fmt == "json":
            jsonschema.validate(json.loads(text), schema)
            assert '"status": "disputed"' in text
        elif fmt == "md":
            assert "✗ disputed" in text
        else:
            assert "needs_source" in text
    r = subprocess.run([*CMD, "export", str(tmp_path / "nope.txt")], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_export_of_a_library_article_by_its_url(tmp_path, nlp):
    """'copydesk export URL' exports the review of the library's newest version of that article
    (it is never fetched); a URL the library does not hold is one line."""
    from dataclasses import replace

    from analyzers import load
    from analyzers.rules.pipeline import analyze
    from analyzers.store import cache
    from analyzers.store.library.store import LibraryStore

    url = "https://ledger.example/harbor"
    doc = replace(load(SEED), source=url)
    store = LibraryStore()
    store.add_version(url, doc)
    store.close()
    analysis = analyze(doc, nlp)
    cache.put(analysis, doc, None, 250_000)
    review = Review(ReviewStore(), doc)
    review.bind(analysis)
    claim = analysis.claims[0]
    review.set("claim", claim.id, claim.start, claim.end, status="disputed", note="wrong year", set_note=True)
    r = subprocess.run([*CMD, "export", url, "--format", "json"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["document"]["source"] == url
    assert any(c["review"]["status"] == "disputed" and c["review"]["note"] == "wrong year" for c in data["claims"])
    missing = subprocess.run([*CMD, "export", "https://ledger.example/nope"], capture_output=True, text=True,
                             timeout=60)
    assert missing.returncode == 2 and "not in the library" in missing.stderr and missing.stderr.count("\n") == 1
