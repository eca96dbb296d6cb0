"""The analysis cache: a hit is the same analysis; anything it depends on changes the key; an
entry planted by someone else never runs code and is never believed."""

from __future__ import annotations

import dataclasses
import gzip
import os
import pickle
import time

from analyzers import document_from_text
from analyzers.model import Notice
from analyzers.rules.pipeline import analyze
from analyzers.serialize import snapshot_from_json, snapshot_to_json, to_json
from analyzers.store import cache

TEXT = "The mayor said the budget would rise 12 percent.\n\n“It is necessary,” she said on Monday."


def test_round_trip_and_keys(nlp):
    doc = document_from_text(TEXT, "a.txt")
    a = analyze(doc, nlp)
    assert cache.get(doc, None, 1000) is None
    cache.put(a, doc, None, 1000)
    hit = cache.get(doc, None, 1000)
    assert hit == a
    assert to_json(hit, doc) == to_json(a, doc)
    assert cache.get(doc, None, 999) is None            # another budget
    assert cache.get(doc, "other_model", 1000) is None   # another model
    edited = document_from_text(TEXT.replace("12", "13"), "a.txt")
    assert cache.get(edited, None, 1000) is None


def test_snapshot_round_trip_of_every_field(seed_analysis):
    assert snapshot_from_json(snapshot_to_json(seed_analysis)) == seed_analysis


def test_unfinished_or_timed_out_analyses_are_not_stored(nlp):
    doc = document_from_text(TEXT, "b.txt")
    a = analyze(doc, nlp)
    cache.put(dataclasses.replace(a, complete=False), doc, None, 1)
    gave_up = dataclasses.replace(a, warnings=(Notice("truncated_input", "gave up after 25 s: …"),))
    cache.put(gave_up, doc, None, 2)
    assert cache.get(doc, None, 1) is None and cache.get(doc, None, 2) is None


def test_corrupt_entry_is_ignored_and_removed(nlp, monkeypatch):
    doc = document_from_text(TEXT, "c.txt")
    cache.put(analyze(doc, nlp), doc, None, 5)
    [entry] = list(cache.cache_dir().glob("*.json.gz"))
    entry.write_bytes(b"not gzip")
    assert cache.get(doc, None, 5) is None
    assert not entry.exists()
    monkeypatch.setenv("COPYDESK_CACHE", "0")
    cache.put(analyze(doc, nlp), doc, None, 5)
    assert not list(cache.cache_dir().glob("*.json.gz"))


class _Payload:
    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_never_runs(nlp, tmp_path):
    """The attack that worked on the pickle cache: an entry under the key's name that runs a
    command when loaded. It is neither read as a pickle nor as anything else."""
    doc = document_from_text(TEXT, "d.txt")
    d = cache.cache_dir()
    d.mkdir(parents=True, mode=0o700)
    payload = _Payload()
    payload.marker = str(tmp_path / "ran")  # type: ignore[attr-defined]
    planted = pickle.dumps(payload)
    name = cache.key(doc, None, 7)
    (d / f"{name}.pickle").write_bytes(planted)
    (d / f"{name}.json.gz").write_bytes(gzip.compress(planted))
    assert cache.get(doc, None, 7) is None
    assert not (tmp_path / "ran").exists()


def test_entries_in_a_directory_others_can_write_are_not_believed(nlp):
    doc = document_from_text(TEXT, "e.txt")
    a = analyze(doc, nlp)
    cache.put(a, doc, None, 9)
    assert cache.get(doc, None, 9) == a
    d = cache.cache_dir()
    assert (d.stat().st_mode & 0o777) == 0o700
    [entry] = list(d.glob("*.json.gz"))
    assert (entry.stat().st_mode & 0o777) == 0o600
    os.chmod(d, 0o777)  # a shared or world-writable cache directory
    try:
        assert cache.get(doc, None, 9) is None
        cache.put(a, doc, None, 10)
        assert cache.get(doc, None, 10) is None
    finally:
        os.chmod(d, 0o700)
    os.chmod(entry, 0o666)
    assert cache.get(doc, None, 9) is None


def test_a_rewritten_rule_file_changes_the_key_even_with_its_old_size_and_time(tmp_path):
    """A threshold edited from 0.3 to 0.4 keeps the file's size; copies and packagers keep (or
    fix) modification times. The key must still change, and a dangling link (an editor's lock
    file) must not break it."""
    rules = tmp_path / "rules"
    rules.mkdir()
    f = rules / "scorer.py"
    f.write_text("THRESHOLD = 0.3\n")
    os.utime(f, ns=(1_000_000_000, 1_000_000_000))
    (rules / ".#scorer.py").symlink_to(tmp_path / "gone")
    before = cache.fingerprint(tmp_path)
    time.sleep(0.05)  # the kernel's clock for inode times ticks every few milliseconds
    f.write_text("THRESHOLD = 0.4\n")
    os.utime(f, ns=(1_000_000_000, 1_000_000_000))
    assert f.stat().st_size == len("THRESHOLD = 0.3\n")
    assert cache.fingerprint(tmp_path) != before
