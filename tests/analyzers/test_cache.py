"""The analysis cache: a hit is the same analysis; anything it depends on changes the key."""

from __future__ import annotations

import dataclasses

from analyzers import document_from_text
from analyzers.io import cache
from analyzers.io.serialize import to_json
from analyzers.model import Notice
from analyzers.rules.pipeline import analyze

TEXT = "The mayor said the budget would rise 12 percent.\n\n“It is necessary,” she said on Monday."


def test_round_trip_and_keys(nlp):
    doc = document_from_text(TEXT, "a.txt")
    a = analyze(doc, nlp)
    assert cache.get(doc, None, 1000) is None
    cache.put(a, None, 1000)
    hit = cache.get(doc, None, 1000)
    assert hit is not None and hit.document is doc
    assert to_json(hit) == to_json(a)
    assert cache.get(doc, None, 999) is None            # another budget
    assert cache.get(doc, "other_model", 1000) is None   # another model
    edited = document_from_text(TEXT.replace("12", "13"), "a.txt")
    assert cache.get(edited, None, 1000) is None


def test_unfinished_or_timed_out_analyses_are_not_stored(nlp):
    doc = document_from_text(TEXT, "b.txt")
    a = analyze(doc, nlp)
    cache.put(dataclasses.replace(a, complete=False), None, 1)
    gave_up = dataclasses.replace(a, warnings=(Notice("truncated_input", "gave up after 25 s: …"),))
    cache.put(gave_up, None, 2)
    assert cache.get(doc, None, 1) is None and cache.get(doc, None, 2) is None


def test_corrupt_entry_is_ignored_and_removed(nlp, monkeypatch):
    doc = document_from_text(TEXT, "c.txt")
    cache.put(analyze(doc, nlp), None, 5)
    [entry] = list(cache.cache_dir().glob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert cache.get(doc, None, 5) is None
    assert not entry.exists()
    monkeypatch.setenv("COPYDESK_CACHE", "0")
    cache.put(analyze(doc, nlp), None, 5)
    assert not list(cache.cache_dir().glob("*.pickle"))
