"""Titles, bylines and dates: names only in the byline, dates in their own field, a title
never cut at an abbreviation, Markdown front matter as metadata (not a heading or a claim)."""

from __future__ import annotations

import pytest

from analyzers import document_from_text
from analyzers.ingest.metadata import byline_names, derive_title, front_matter


@pytest.mark.parametrize(("raw", "names"), [
    ("Tomás Reyes; March", "Tomás Reyes"),
    ("Marisol Okafor; Business reporter · · Updated", "Marisol Okafor"),
    ("By Ana Ruiz and Lee Park", "Ana Ruiz, Lee Park"),
    ("By Jean-Luc de la Cruz | 12 March 2026", "Jean-Luc de la Cruz"),
    ("Staff", None), ("Updated March 3", None), ("", None),
])
def test_bylines_keep_names_only(raw, names):
    assert byline_names(raw) == names


@pytest.mark.parametrize(("line", "title"), [
    ("U.S. adds 156,000 jobs; unemployment rate ticks up to 5%.", "U.S. adds 156,000 jobs; unemployment rate ticks up to 5%"),
    ("Mr. Ortiz votes no. The council votes yes.", "Mr. Ortiz votes no"),
    ("Gen. J.D. Ramos resigns. More to come.", "Gen. J.D. Ramos resigns"),
    ("Council approves budget. Critics object.", "Council approves budget"),
])
def test_titles_are_not_cut_at_abbreviations(line, title):
    assert derive_title(line, "x") == title
    assert document_from_text(line + "\n\nA second paragraph follows here.\n", "a.txt").title == title


def test_markdown_front_matter_is_metadata_not_a_heading_or_a_claim():
    md = ("---\ntitle: \"Harbor bridge costs double\"\nauthor: Nadia Okafor; Staff writer\n"
          "date: 2026-03-01\ntags:\n  - budget\n---\n\n# The bridge\n\nThe council approved $410 million in 2019.\n")
    doc = document_from_text(md, "story.md")
    assert doc.title == "Harbor bridge costs double"
    assert doc.byline == "Nadia Okafor" and doc.date == "2026-03-01"
    assert "title:" not in doc.text and "2026-03-01" not in doc.text and doc.text.startswith("The bridge")
    assert front_matter("no front matter\n") == ({}, 0)


def test_html_byline_and_date_come_from_the_page_metadata():
    page = ("<html><head><title>Water rates rise</title><meta name='author' content='Tomás Reyes; March 14'>"
            "<meta property='article:published_time' content='2025-03-14T09:00:00Z'></head><body><article>"
            "<h1>Water rates to rise 12%</h1><p>The utility said on Friday that rates would rise 12 percent "
            "to pay for reservoir repairs, the largest increase in a decade.</p><p>Customers will see the "
            "change on their April bills, a spokeswoman said.</p></article></body></html>")
    doc = document_from_text(page, "page.html")
    assert doc.byline == "Tomás Reyes"
    assert doc.date == "2025-03-14"
