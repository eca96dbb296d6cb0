"""Property tests: any bytes in -> a Document whose spans are valid, or a clean refusal."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzers import LoadError, document_from_text
from analyzers.ingest.decode import decode_bytes

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMATS = st.sampled_from([None, "text", "markdown", "html", "feed"])


def _check(doc) -> None:
    assert not FORBIDDEN.search(doc.text)
    assert not FORBIDDEN.search(doc.title)
    for b in doc.blocks:
        assert 0 <= b.start <= b.end <= len(doc.text)
    for s in doc.styles:
        assert 0 <= s.start <= s.end <= len(doc.text)
        assert s.href is None or not FORBIDDEN.search(s.href)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), FORMATS)
def test_any_bytes_give_a_document_or_a_refusal(data, fmt):
    try:
        decoded = decode_bytes(data)
        doc = document_from_text(decoded.text, "fuzz.txt", fmt=fmt)
    except LoadError as exc:
        assert "\n" not in str(exc)
        return
    _check(doc)


ALPHABET = st.sampled_from([*list("ab \n\t#*_[]()<>&;\"“”'`>-1.!:/\\"), "\x1b", "\x9b", "\u202e", "\u200b", "&#27;", "&#x9b;", "<p>", "</p>", "<script>", "<!DOCTYPE x>", "```"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=300).map("".join), FORMATS)
def test_markup_like_text_gives_valid_spans(text, fmt):
    try:
        doc = document_from_text(text, "fuzz.md", fmt=fmt)
    except LoadError as exc:
        assert "\n" not in str(exc)
        return
    _check(doc)
