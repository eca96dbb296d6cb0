"""ClaimReview in every shape fact-checkers publish it, read from real files: the same reviews
from each, the fields copydesk keeps, malformed records skipped and named, big inputs streamed,
strings sanitised and URLs kept to http(s)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzers.ingest import json_stream
from analyzers.ingest.claimreview import ClaimReview, Skipped, read_bytes, read_claimreviews
from tests.library.factcheck_samples import data_feed, jsonl, page, review, reviews


def read(path: Path, **kw) -> tuple[list[ClaimReview], list[Skipped]]:
    with open(path, "rb") as f:
        out = list(read_claimreviews(f, path.name, **kw))
    return [r for r in out if isinstance(r, ClaimReview)], [r for r in out if isinstance(r, Skipped)]


SHAPES = {
    "object.json": lambda: json.dumps(review(0)),
    "list.json": lambda: json.dumps(reviews(), indent=2),
    "graph.jsonld": lambda: json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "x"}, *reviews()]}),
    "lines.jsonl": None,
    "feed.json": lambda: json.dumps(data_feed(), indent=1),
    "page.html": lambda: page(reviews()),
}


@pytest.mark.parametrize("name", list(SHAPES))
def test_every_shape_gives_the_same_reviews(tmp_path: Path, name: str):
    path = tmp_path / name
    if SHAPES[name] is None:
        jsonl(path)
    else:
        path.write_text(SHAPES[name](), encoding="utf-8")
    got, skipped = read(path)
    assert skipped == []
    want = [review(0)] if name == "object.json" else reviews()
    assert [r.identifier for r in got] == [w["identifier"] for w in want]
    first = got[0]
    assert first == ClaimReview(
        claim_reviewed="The Harbor Crossing bridge cost $890 million, more than double its budget.",
        url="https://factdesk.example/checks/pafd-0001/", identifier="pafd-0001",
        headline="Did the Harbor Crossing cost double its budget?", claimant="Rafael Ortiz",
        claim_date="2025-03-01", rating="Mostly true", rating_value=4.0, best_rating=5.0, worst_rating=1.0,
        publisher="Port Alder Fact Desk", date_published="2025-03-04")


def test_malformed_records_are_skipped_one_line_each_and_the_rest_is_read(tmp_path: Path):
    path = jsonl(tmp_path / "mixed.jsonl", reviews()[:2], [
        '{"@type": "ClaimReview", "url": "https://factdesk.example/x"',                 # cut short
        json.dumps(review(2, claimReviewed="  ")),                                        # no claim
        json.dumps(review(3, url="javascript:alert(1)")),                                 # not http(s)
        json.dumps({"@type": "Organization", "name": "Port Alder Fact Desk"}),           # no ClaimReview
        "[1, 2",                                                                           # not JSON
        json.dumps(review(4)),
    ])
    got, skipped = read(path)
    assert [r.identifier for r in got] == ["pafd-0001", "pafd-0002", "pafd-0005"]
    assert [str(s).split(" (Expecting")[0] for s in skipped] == [
        "mixed.jsonl:3: not JSON",
        "mixed.jsonl:4 (pafd-0003): no claimReviewed",
        "mixed.jsonl:5 (pafd-0004): its url is not an http(s) URL",
        "mixed.jsonl:6: no ClaimReview in it",
        "mixed.jsonl:7: not JSON",
    ]


def test_fields_in_their_other_spellings():
    r = review(0, identifier={"@type": "PropertyValue", "value": "pafd-x"}, url="/checks/relative/",
               author=[{"@type": "Person", "name": "Writer"}], publisher={"@type": "Organization", "name": "Desk"},
               datePublished="2025-03-04T09:30:00-05:00", reviewRating=[{"alternateName": "True", "ratingValue": "5"}],
               itemReviewed={"@type": "Claim", "author": [{"name": "A"}, {"name": "B"}], "datePublished": "March 1, 2025"})
    r["@type"] = ["schema:ClaimReview"]
    [got] = read_bytes(json.dumps(r).encode(), "x.json", base_url="https://factdesk.example/a/b")
    assert isinstance(got, ClaimReview)
    assert (got.identifier, got.url, got.publisher, got.date_published, got.rating, got.rating_value,
            got.claimant, got.claim_date) == ("pafd-x", "https://factdesk.example/checks/relative/", "Desk",
                                              "2025-03-04", "True", 5.0, "A, B", "2025-03-01")


def test_a_page_review_with_no_url_is_the_page_s_own():
    r = review(1)
    del r["url"]
    [got] = read_bytes(page([r]).encode(), "https://factdesk.example/p", base_url="https://factdesk.example/p")
    assert isinstance(got, ClaimReview) and got.url == "https://factdesk.example/p"
    [skip] = read_bytes(json.dumps(r).encode(), "file.json")   # a file has no page to stand for
    assert isinstance(skip, Skipped) and skip.why == "no http(s) url"


def test_strings_are_sanitised_like_article_text():
    r = review(0, claimReviewed="Claim \x1b[31mred\x1b[0m with \u202eevil\u202c and &amp; entities\n\n over lines",
               headline="<b>bold</b> [markup] stays text")
    [got] = read_bytes(json.dumps(r).encode(), "x.json")
    assert isinstance(got, ClaimReview)
    assert got.claim_reviewed == "Claim ␛[31mred␛[0m with ⇄evil⇄ and & entities over lines"
    assert "\x1b" not in got.claim_reviewed and got.headline == "<b>bold</b> [markup] stays text"
    for bad in ("ftp://x.example/a", "file:///etc/passwd", "https://exa mple.com/", "http:///nohost",
                "https://x.example/\x1b[2J"):
        [skip] = read_bytes(json.dumps(review(0, url=bad)).encode(), "x.json")
        assert isinstance(skip, Skipped), bad


def test_a_big_feed_streams_in_units_under_the_cap():
    """A DataFeed bigger than the cap is cut into its items; nothing holds the whole."""
    items = [review(i % 6, identifier=f"id-{i}") for i in range(400)]
    text = json.dumps(data_feed(items), indent=1)
    chunks = [text[i:i + 1000] for i in range(0, len(text), 1000)]
    units = list(json_stream.json_units(chunks, "feed.json", cap=4000))
    assert len(units) == 400 and all(u.nested and u.text and len(u.text) < 4000 for u in units)
    assert [json.loads(u.text)["item"][0]["identifier"] for u in units] == [f"id-{i}" for i in range(400)]


def test_a_truncated_document_keeps_what_closed_and_says_where_it_stops():
    text = json.dumps(data_feed())[:-400]
    units = list(json_stream.json_units([text], "cut.json", cap=1000))
    assert units[-1].text is None and "ends inside a value" in units[-1].problem
    got = [r for r in read_bytes(text.encode(), "cut.json") if isinstance(r, ClaimReview)]
    assert 3 <= len(got) < 6


def test_a_huge_string_or_line_is_passed_over_not_held():
    huge = "x" * 50_000
    text = json.dumps([review(0), review(1, headline=huge), review(2)])
    chunks = [text[i:i + 1000] for i in range(0, len(text), 1000)]
    units = [u for u in json_stream.json_units(chunks, "h.json", cap=8000) if u.text]
    ids = [json.loads(u.text).get("identifier") for u in units]
    assert "pafd-0001" in ids and "pafd-0003" in ids and "pafd-0002" not in ids
    lines = list(json_stream.jsonl_lines([json.dumps(review(0)) + "\n" + huge + "\n" + json.dumps(review(2))],
                                         "l.jsonl", cap=8000))
    assert [p.problem for p in lines] == ["", "line longer than 8,000 characters, not read", ""]


def test_other_scripts_and_oversized_blocks_in_html():
    blocks = list(json_stream.ld_json_blocks([page([review(0)])], "p.html"))
    assert len(blocks) == 2  # the review and the breadcrumbs; the <script> string inside JS is not a block
    big = '<script type="application/ld+json">' + "x" * 5000 + "</script>" + page([review(1)])
    got = list(json_stream.ld_json_blocks([big[i:i + 700] for i in range(0, len(big), 700)], "p.html", cap=2000))
    assert got[0].text is None and [json.loads(b.text).get("identifier") for b in got[1:]] == ["pafd-0002", None]


def test_neither_json_nor_html_is_one_line():
    [skip] = read_bytes(b"just some words\n", "notes.txt")
    assert isinstance(skip, Skipped) and skip.why == "neither JSON nor HTML"
    [skip] = read_bytes(b"\x89PNG\r\n\x1a\n....", "x.png")
    assert isinstance(skip, Skipped) and "PNG" in skip.why
