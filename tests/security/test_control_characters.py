"""One control character (raw, or as a character reference) used to empty a whole HTML
article: the text is kept and the control is shown as a visible symbol."""

from __future__ import annotations

import pytest

from analyzers import document_from_text

PAGE = ("<html><head><title>T</title></head><body><article><h1>Council votes</h1>"
        "<p>The council said on Monday that the budget would grow {c} by 4 percent, the largest rise "
        "in a decade.</p><p>A second paragraph about the budget and the vote that followed it.</p>"
        "</article></body></html>")


@pytest.mark.parametrize(("control", "shown"), [("&#27;", "␛"), ("&#x1B;", "␛"), ("&#8;", "␈"), ("&#1;", "␁"),
                                               ("\x1b", "␛"), ("\x07", "␇"), ("&#127;", "␡")])
def test_html_keeps_its_text_and_shows_the_control(control, shown):
    doc = document_from_text(PAGE.format(c=control), "page.html")
    assert "largest rise in a decade" in doc.text and "second paragraph" in doc.text
    assert shown in doc.text
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in doc.text)
    assert any(w.kind == "control_characters_removed" for w in doc.warnings)


@pytest.mark.parametrize("fmt_text", ["# Council votes\n\nThe council said it would grow &#27; by 4 percent.\n\n- item\n",
                                      "Council votes\n\nThe council said it would grow \x1b by 4 percent.\n"])
def test_markdown_and_text_keep_their_text(fmt_text):
    doc = document_from_text(fmt_text, "a.md" if fmt_text.startswith("#") else "a.txt")
    assert "by 4 percent" in doc.text and "\x1b" not in doc.text
    # CommonMark turns a reference to a control into U+FFFD; raw controls become symbols
    assert ("\ufffd" if "&#27;" in fmt_text else "␛") in doc.text
