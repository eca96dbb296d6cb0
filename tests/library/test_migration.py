"""A library from the previous copydesk (schema v1: feeds, articles, versions) opened by this one:
upgraded in place, its articles given stories and search text, their analyses queued for the
index; read-only (restricted) readers get one clear line until its owner upgrades it."""

from __future__ import annotations

import json
import zlib

import pytest

from analyzers.serialize import document_snapshot
from analyzers.store.database import Database, DatabaseError
from analyzers.store.library import queries
from analyzers.store.library.schema import MIGRATIONS
from analyzers.store.library.store import LibraryStore, text_hash
from tests.library.across import ARTICLES


def v1_library(path) -> None:
    """What copydesk at schema v1 wrote: two feeds, three analysed articles (two copies of one story)."""
    db = Database(path, MIGRATIONS, what="library database", busy_timeout=2, migrate_to=1)
    with db.transaction() as c:
        for art in (a for a in ARTICLES if a.slug in ("water-deal", "storm", "storm-copy")):
            c.execute("INSERT OR IGNORE INTO feeds (url, title, added) VALUES (?, ?, '2026-11-01')",
                      (f"https://news.test/{art.outlet}.xml", art.outlet))
            feed = c.execute("SELECT id FROM feeds WHERE title = ?", (art.outlet,)).fetchone()[0]
            c.execute("INSERT INTO articles (url, feed_id, title, published, added) VALUES (?, ?, ?, ?, ?)",
                      (art.url, feed, art.title, art.day, art.day))
            doc = art.document()
            blob = zlib.compress(json.dumps(document_snapshot(doc)).encode())
            c.execute("INSERT INTO versions (article_id, hash, fetched, document, chars, quotes, sources, claims, "
                      "anonymous, analysed) VALUES (last_insert_rowid(), ?, ?, ?, ?, 1, 1, 0, 0, ?)",
                      (text_hash(doc.text), art.day, blob, len(doc.text), art.day))
    assert db.version() == 1
    db.close()


def test_an_old_library_is_upgraded_and_backfilled(tmp_path):
    path = tmp_path / "library.sqlite3"
    v1_library(path)
    store = LibraryStore(path)
    assert store.version() == len(MIGRATIONS)
    rows = {a.url.rsplit("/", 1)[1]: a for a in store.articles()}
    assert rows["storm"].story == rows["storm-copy"].story != rows["water-deal"].story
    assert {h.url.rsplit("/", 1)[1] for h in queries.search(store, "levee")} == {"storm", "storm-copy"}
    # analysed by the old copydesk, not indexed yet: queued for 'copydesk update', newest first
    assert sorted(store.unindexed()) == sorted(a.version_id for a in rows.values())
    assert store.backfill() == 0  # once
    store.close()


def test_restricted_readers_get_one_line_until_the_owner_upgrades(tmp_path):
    path = tmp_path / "library.sqlite3"
    v1_library(path)
    with pytest.raises(DatabaseError, match="older copydesk"):
        LibraryStore(path, read_only=True)
    LibraryStore(path).close()  # the owner's copydesk upgrades it
    store = LibraryStore(path, read_only=True)
    assert len(store.articles()) == 3
    store.close()
