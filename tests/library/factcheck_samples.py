"""Fact-checks written for the tests (invented claims about the fixture town of Port Alder,
never a real fact-checker's text), as schema.org ClaimReview in every shape copydesk reads."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

FACTCHECKER = {"@type": "Organization", "name": "Port Alder Fact Desk", "url": "https://factdesk.example"}
BASE = "https://factdesk.example/checks"

# (identifier, claim, claimant, claim date, rating, value, headline, review date)
ROWS = [
    ("pafd-0001", "The Harbor Crossing bridge cost $890 million, more than double its budget.", "Rafael Ortiz",
     "2025-03-01", "Mostly true", 4, "Did the Harbor Crossing cost double its budget?", "2025-03-04"),
    ("pafd-0002", "Norway requires by law that adults drink eight glasses of water every day.", "A viral post",
     "2024-07-10", "False", 1, "No, Norway has no law about drinking water", "2024-07-12"),
    ("pafd-0003", "The state treasury will repay the bridge loan from tolls by 2034.", "Mei Lindqvist",
     "2025-02-20", "Unproven", 2, "Will tolls repay the bridge loan by 2034?", "2025-02-27"),
    ("pafd-0004", "A photo shows a shark swimming on a flooded highway near Port Alder.", "Facebook posts",
     "2023-09-02", "Fake", 1, "That shark on the highway is an old edit", "2023-09-03"),
    ("pafd-0005", "Unemployment in Alder County fell to 2 percent last year.", "Mayor Lena Okoro",
     "2025-01-15", "False", 1, "Alder County unemployment was 4.8 percent, not 2", "2025-01-18"),
    ("pafd-0006", "The city council voted to ban bicycles from the waterfront promenade.", "A local blog",
     "2024-11-05", "Mostly false", 2, "The council limited bicycle speed; it banned nothing", "2024-11-07"),
]


def review(i: int, **changes: Any) -> dict[str, Any]:
    ident, claim, who, when, rating, value, headline, date = ROWS[i]
    out = {"@context": "https://schema.org", "@type": "ClaimReview", "identifier": ident,
           "url": f"{BASE}/{ident}/", "claimReviewed": claim, "headline": headline, "datePublished": date,
           "author": FACTCHECKER,
           "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": who}, "datePublished": when},
           "reviewRating": {"@type": "Rating", "alternateName": rating, "ratingValue": value,
                            "bestRating": 5, "worstRating": 1}}
    out.update(changes)
    return out


def reviews() -> list[dict[str, Any]]:
    return [review(i) for i in range(len(ROWS))]


def jsonl(path: Path, items: list[dict[str, Any]] | None = None, extra_lines: list[str] = ()) -> Path:
    lines = [json.dumps(r) for r in (items if items is not None else reviews())] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def data_feed(items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The Data Commons fact-check feed shape."""
    return {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "dateCreated": r["datePublished"], "item": [r]}
        for r in (items if items is not None else reviews())]}


def page(items: list[dict[str, Any]], title: str = "Fact check") -> str:
    """A fact-checker's article page: its ClaimReview markup as JSON-LD beside other markup."""
    blocks = "".join(f'<script type="application/ld+json">{json.dumps(r)}</script>' for r in items)
    crumbs = json.dumps({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []})
    text = "".join(f"<p>{html.escape(r['claimReviewed'])} We looked at the records and asked the people "
                   f"involved; here is what we found about it, in detail.</p>" for r in items) * 6
    return (f"<html><head><title>{html.escape(title)}</title>{blocks}"
            f'<script type="application/ld+json">{crumbs}</script>'
            f'<script>var x = "<script type=\\"application/ld+json\\">";</script></head>'
            f"<body><article><h1>{html.escape(title)}</h1>{text}</article></body></html>")


LEDGER = {"@type": "Organization", "name": "Ledger Check"}
# fact-checks of claims the seed article makes (seeds/000_…), in words written for the tests
SEED_CHECKS = [
    review(0, identifier="lc-1", url="https://ledgercheck.example/c/troops", author=LEDGER,
           claimReviewed="In an April phone call Trump pushed Mexican President Claudia Sheinbaum to let "
                         "U.S. armed forces fight drug cartels in Mexico.",
           headline="Did Trump press Sheinbaum to let U.S. troops into Mexico?",
           reviewRating={"alternateName": "Mostly true"}, datePublished="2025-05-02",
           itemReviewed={"@type": "Claim", "author": {"name": "The Wall Street Journal"}, "datePublished": "2025-04-30"}),
    review(0, identifier="lc-2", url="https://ledgercheck.example/c/invasions", author=LEDGER,
           claimReviewed="The United States has invaded Mexico twice since 1846.",
           headline="Has the U.S. invaded Mexico twice?", reviewRating={"alternateName": "True"},
           datePublished="2025-04-28", itemReviewed={"@type": "Claim"}),
]
