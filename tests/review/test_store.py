"""The SQLite review store: pragmas, migrations, one transaction per action, two instances."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from analyzers.store.paths import review_db as default_path
from analyzers.store.review.anchor import Selector
from analyzers.store.review.store import SCHEMA_VERSION, ReviewStore, ReviewStoreError

ROOT = Path(__file__).resolve().parents[2]


def save(store: ReviewStore, n: int, status: str = "verified", **kw):
    return store.save(key="doc", fp="f" * 64, title="t", kind="claim", item_id=f"c{n}",
                      anchor=Selector(n, n + 3, f"x{n}", "", ""), status=status, **kw)


def test_lives_in_the_xdg_data_dir_with_wal_and_full_sync(private_dirs):
    store = ReviewStore()
    assert store.path == default_path()
    assert str(store.path).startswith(str(private_dirs / "data"))
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.version() == SCHEMA_VERSION


def test_status_note_and_clear(tmp_path):
    store = ReviewStore(tmp_path / "r.db")
    m = save(store, 1)
    assert m.status == "verified" and m.note is None
    m = store.save(key="doc", fp="f" * 64, title="t", kind="claim", item_id="c1",
                   anchor=m.anchor, note="  see \x1b]0;PWNED\x07 page 3  ", set_note=True, mark_id=m.id)
    assert m.status == "verified" and m.note == "see ␛]0;PWNED␇ page 3"   # controls made visible
    m = save(store, 1, status="unreviewed", mark_id=m.id)
    assert m is not None and m.note  # a note alone keeps the row
    assert save(store, 1, status="unreviewed", note="", set_note=True, mark_id=m.id) is None
    assert store.marks("doc", "f" * 64) == []
    assert [e[0] for e in store.history(m.id)] == ["verified", "verified", "unreviewed", "unreviewed"]


def test_migrates_an_older_database(tmp_path):
    old = ReviewStore(tmp_path / "r.db", migrate_to=1)
    assert old.version() == 1
    old.db.execute("INSERT INTO marks (doc_key, fingerprint, kind, item_id, start, \"end\", exact, prefix, suffix, "
                   "status, note, updated) VALUES ('doc', 'fp', 'claim', 'c1', 0, 3, 'abc', '', '', 'disputed', "
                   "'old note', '2025-01-01T00:00:00Z')")
    old.close()
    new = ReviewStore(tmp_path / "r.db")
    assert new.version() == SCHEMA_VERSION
    [m] = new.marks("doc", "fp")
    assert (m.status, m.note) == ("disputed", "old note")
    assert new.history(m.id) == []


def test_refuses_a_newer_database(tmp_path):
    db = sqlite3.connect(tmp_path / "r.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.close()
    with pytest.raises(ReviewStoreError, match="newer than this copydesk"):
        ReviewStore(tmp_path / "r.db")


def test_unusable_path_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReviewStoreError, match="review database"):
        ReviewStore(tmp_path / "file" / "r.db")
    (tmp_path / "garbage.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(ReviewStoreError, match="review database"):
        ReviewStore(tmp_path / "garbage.db")


WRITER = """
import sys
from analyzers.store.review.anchor import Selector
from analyzers.store.review.store import ReviewStore
store = ReviewStore(sys.argv[1])
base = int(sys.argv[2])
for n in range(base, base + 150):
    store.save(key="doc", fp="f" * 64, title="t", kind="claim", item_id=f"c{n}",
               anchor=Selector(n, n + 3, "x", "", ""), status="verified")
"""


def test_two_instances_write_concurrently_and_lose_nothing(tmp_path):
    db = tmp_path / "r.db"
    ReviewStore(db).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(base)], cwd=ROOT)
             for base in (0, 1000)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    store = ReviewStore(db)
    ids = {m.item_id for m in store.marks("doc", "f" * 64)}
    assert ids == {f"c{n}" for n in [*range(150), *range(1000, 1150)]}
    assert store.integrity() == "ok"


def test_data_version_notices_the_other_instance(tmp_path):
    a, b = ReviewStore(tmp_path / "r.db"), ReviewStore(tmp_path / "r.db")
    before = a.data_version()
    save(b, 5)
    assert a.data_version() != before
    assert [m.item_id for m in a.marks("doc", "f" * 64)] == ["c5"]


def test_the_schema_accepts_exactly_the_reviewable_kinds(tmp_path):
    """marks.ItemKind is the one list of reviewable kinds; the shipped CHECK must list the same
    ones (a new kind needs a migration that rebuilds the marks table with a wider CHECK)."""
    import re

    from analyzers.store.review.marks import KINDS, ItemKind
    from analyzers.store.review.store import KINDS as STORE_KINDS

    assert STORE_KINDS == KINDS == tuple(k.value for k in ItemKind)
    store = ReviewStore(tmp_path / "r.db")
    sql = store.db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'marks'").fetchone()[0]
    found = re.search(r"kind TEXT NOT NULL CHECK \(kind IN \(([^)]*)\)\)", sql)
    assert found is not None, sql
    assert sorted(k.strip().strip("'") for k in found.group(1).split(",")) == sorted(KINDS)
    for n, kind in enumerate(KINDS):
        assert store.save(key="doc", fp="f" * 64, title="t", kind=kind, item_id=f"x{n}",
                          anchor=Selector(n, n + 1, "x", "", ""), status="verified") is not None
    with pytest.raises(ValueError):
        store.save(key="doc", fp="f" * 64, title="t", kind="entity", item_id="e0",
                   anchor=Selector(0, 1, "x", "", ""), status="verified")
    store.close()
