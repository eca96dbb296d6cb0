import io
import os

import pytest

from analyzers import LoadError, document_from_text, load, sniff_format
from tests.conftest import SEED, SEEDS


def _roundtrip(doc):
    for b in doc.blocks:
        assert 0 <= b.start < b.end <= len(doc.text)
        assert doc.text[b.start:b.end].strip() == doc.text[b.start:b.end]
    for s in doc.styles:
        assert 0 <= s.start < s.end <= len(doc.text)


def test_seed_text_one_paragraph_per_line():
    doc = load(SEED)
    assert doc.format == "text"
    assert doc.text == SEED.read_text(encoding="utf-8")
    lines = [ln for ln in doc.text.split("\n") if ln.strip()]
    assert len(doc.blocks) == len(lines)
    _roundtrip(doc)


def test_seed_title_from_first_sentence():
    doc = load(SEED)
    assert doc.title.startswith("President Donald Trump reportedly pressured")
    assert len(doc.title) <= 91


def test_boilerplate_line_detected():
    doc = load(SEED)
    boiler = [b for b in doc.blocks if b.kind == "boilerplate"]
    assert [doc.text[b.start:b.end] for b in boiler] == ["Recommended"]
    assert any(w.kind == "boilerplate" for w in doc.warnings)


def test_headline_line_becomes_heading_and_title():
    doc = load(SEEDS / "wire_trade_talks.txt")
    assert doc.blocks[0].kind == "heading"
    assert doc.title == "Trade talks stall as ministers trade blame over tariffs"


def test_hard_wrapped_text_joins_lines_into_paragraphs():
    text = "Title line here\n\nFirst paragraph line one\ncontinues here.\n\nSecond paragraph.\n"
    doc = document_from_text(text, "x.txt", fmt="text")
    kinds = [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]
    assert kinds[1] == ("paragraph", "First paragraph line one\ncontinues here.")


def test_title_falls_back_to_file_name():
    doc = document_from_text("", "my_article-name.txt", fmt="text")
    assert doc.title == "my article name"


def test_markdown_inline_spans_not_in_text():
    doc = load(SEEDS / "harbor_bridge_feature.md")
    assert doc.format == "markdown"
    assert "**" not in doc.text and "](" not in doc.text and "# " not in doc.text
    strong = [s for s in doc.styles if s.kind == "strong"]
    assert doc.text[strong[0].start:strong[0].end] == "Harbor Crossing"
    link = next(s for s in doc.styles if s.kind == "link")
    assert doc.text[link.start:link.end] == "city auditor's report"
    assert link.href == "https://example.org/port-alder/audit-2024"
    kinds = {b.kind for b in doc.blocks}
    assert {"heading", "paragraph", "list_item", "blockquote", "byline", "table_row"} <= kinds
    assert doc.title == "The Bridge That Ran Out of Money"
    assert (doc.byline, doc.date, doc.meta.get("sitename")) == ("Nadia Okafor", "2026-02-20", "Port Alder Ledger")
    rows = [doc.text[b.start:b.end].split("\t") for b in doc.blocks if b.kind == "table_row"]
    assert rows[0] == ["Year", "Estimate", "Source"] and rows[-1] == ["2024", "$890 million", "city audit"]
    assert "title:" not in doc.text and "|" not in doc.text
    _roundtrip(doc)


def test_markdown_both_quote_styles_survive():
    doc = load(SEEDS / "harbor_bridge_feature.md")
    assert '"We were sold a bridge' in doc.text and "“Every major bridge" in doc.text


def test_markdown_brackets_and_html_are_literal():
    doc = document_from_text("Hello [bold]x[/bold] <b>raw</b> [@click=quit]y[/]\n\n# Head\n", "x.md")
    assert "[bold]x[/bold]" in doc.text and "<b>raw</b>" in doc.text and "[@click=quit]" in doc.text


def test_markdown_deep_nesting_is_flattened_not_dropped():
    text = "# T\n\n" + ">" * 500 + " deep\n\n" + "\n".join("  " * i + "- item" for i in range(300)) + "\n\nEnd marker paragraph.\n"
    doc = document_from_text(text, "x.md")
    assert "End marker paragraph." in doc.text
    assert any(w.kind == "truncated_input" for w in doc.warnings)


def test_html_extraction_drops_boilerplate():
    doc = load(SEEDS / "city_water_page.html")
    assert doc.format == "html"
    assert doc.title == "Water rates to rise 12% after reservoir repairs"
    assert "Priya Raman" in doc.text
    for junk in ("ADVERTISEMENT", "Related stories", "All rights reserved", "trackPageView", "Sponsored"):
        assert junk not in doc.text
    assert doc.byline and "Tomás Reyes" in doc.byline
    assert doc.date == "2025-03-14"
    _roundtrip(doc)


def test_html_hidden_and_script_text_dropped():
    html = ("<html><head><title>T</title><script>INJECTED</script></head><body><article><h1>Real headline</h1>"
            "<p>Real paragraph one is long enough to keep, said Maria Gonzalez.</p>"
            "<div style='display:none'>HIDDEN</div><p hidden>HIDDEN2</p><noscript>NOSCRIPT</noscript>"
            "<p>Real paragraph two is also long enough to be kept by the extractor.</p></article></body></html>")
    doc = document_from_text(html, "x.html")
    assert "Real paragraph two" in doc.text
    for bad in ("INJECTED", "HIDDEN", "NOSCRIPT"):
        assert bad not in doc.text


def test_feed_entries_become_sections():
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
           "<item><title>First story</title><description>&lt;p&gt;The mayor said taxes rise.&lt;/p&gt;</description></item>"
           "<item><title>Second story</title><description>Plain text body.</description></item>"
           "</channel></rss>")
    doc = document_from_text(rss, "feed.xml")
    assert doc.format == "feed" and doc.title == "Wire"
    heads = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"]
    assert heads == ["First story", "Second story"]
    assert "The mayor said taxes rise." in doc.text and "<p>" not in doc.text


def test_feed_with_entities_refused():
    xml = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><title>&a;</title></channel></rss>'
    with pytest.raises(LoadError, match="DTD or XML entities"):
        document_from_text(xml, "x.xml")


@pytest.mark.parametrize("text,fmt", [
    ("Just a sentence. Another one.", "text"),
    ("# Heading\n\nSome *text* with a [link](http://x).", "markdown"),
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("<?xml version='1.0'?><rss><channel></channel></rss>", "feed"),
    ("<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
])
def test_sniff_from_content(text, fmt):
    assert sniff_format(text, "misleading.txt") == fmt


def test_markdown_content_in_txt_file_is_sniffed(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("# Title\n\nA [link](https://x.org) and **bold** text.\n")
    assert load(p).format == "markdown"


def test_stdin(monkeypatch):
    doc = load("-", stdin=io.BytesIO(b"From stdin, she said."))
    assert doc.source == "-" and doc.text == "From stdin, she said."


def test_missing_directory_and_size_cap(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load(tmp_path / "nope.txt")
    with pytest.raises(LoadError, match="is a directory"):
        load(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    with pytest.raises(LoadError, match="too large"):
        load(big, max_bytes=1000)


def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="not a regular file"):
        load(fifo)


def test_controls_in_file_warned(tmp_path):
    p = tmp_path / "esc.txt"
    p.write_bytes(b"Title \x1b]0;PWNED\x07 here\nBody \x1b[31mred\x1b[0m.\n")
    doc = load(p)
    assert "\x1b" not in doc.text
    assert any(w.kind == "control_characters_removed" for w in doc.warnings)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    doc = load(p)
    assert doc.text == "" and doc.blocks == ()
    assert any(w.kind == "empty" for w in doc.warnings)


def test_thousands_of_tiny_lines_are_grouped_not_a_paragraph_each():
    from analyzers import document_from_text

    text = "".join(f"{i % 10}\n" for i in range(6000))
    doc = document_from_text(text, "lines.txt")
    assert len(doc.blocks) == 60
    assert all(doc.text[b.start:b.end].count("\n") == 99 for b in doc.blocks)
    prose = "\n".join("A paragraph of ordinary prose that runs for a while, as news does." for _ in range(6000))
    assert len(document_from_text(prose, "prose.txt").blocks) == 6000


PAGE = ("<html><head><title>Bridge</title>{meta}</head><body><article><h1>Bridge costs double</h1>{by}"
        "<p>The council approved the bridge in 2019 when the estimate was $410 million, said Rafael Ortiz in a "
        "long statement to the press.</p><p>Five years later the audit puts the figure at $890 million, more "
        "than double the approved budget of the city.</p></article></body></html>")


@pytest.mark.parametrize(("by", "meta", "byline", "date"), [
    ("<p>By Lena Okoro</p>", "", "Lena Okoro", None),                       # a year in the text is no date
    ('<span class="author">Lena Okoro</span>', "", "Lena Okoro", None),
    ("", '<meta name="author" content="Lena Okoro"><meta property="article:published_time" '
         'content="2026-03-02T10:00:00Z">', "Lena Okoro", "2026-03-02"),
    ('<p>By Lena Okoro</p><time datetime="2026-03-01">March 1</time>', "", "Lena Okoro", "2026-03-01"),
])
def test_bylines_and_dates_come_from_what_the_page_says(by, meta, byline, date):
    doc = document_from_text(PAGE.format(by=by, meta=meta), "page.html")
    assert (doc.byline, doc.date) == (byline, date)


def test_a_byline_line_in_text_and_markdown_is_the_byline():
    for text, name in (("Bridge costs double\n\nBy Lena Okoro\n\nThe council approved the bridge in 2019.\n", "a.txt"),
                       ("# Bridge costs double\n\nBy Lena Okoro and Tomás Reyes\n\nThe council approved it.\n", "a.md")):
        doc = document_from_text(text, name)
        assert doc.byline in ("Lena Okoro", "Lena Okoro, Tomás Reyes") and doc.date is None


def test_front_matter_makes_a_file_markdown():
    text = "---\ntitle: Council delays the vote\nauthor: Lena Okoro\ndate: 2026-03-02\n---\n\nThe council delayed it.\n"
    doc = document_from_text(text, "notes.txt")
    assert doc.format == "markdown" and doc.title == "Council delays the vote"
    assert (doc.byline, doc.date) == ("Lena Okoro", "2026-03-02") and not doc.text.startswith("---")
