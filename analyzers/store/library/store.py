"""The library database: feeds, articles, and every distinct version of each article's text.

Same discipline as the review store (analyzers/store/database.py): private files, WAL,
``synchronous=FULL``, a versioned schema, one transaction per action. A version keeps the
Document as it was read (compressed JSON, so it opens without re-extracting the page), the hash
of its text, when it was fetched, the raw page (compressed), and once analysed, the counts the
library screen shows.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from analyzers.io.fetch import header_value
from analyzers.model import Analysis, Document
from analyzers.store import paths
from analyzers.store.database import Database
from analyzers.store.library.index import index_version, unindexed
from analyzers.store.library.schema import MIGRATIONS
from analyzers.store.library.stories import assign


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def default_path() -> Path:
    return paths.library_db()


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    title: str
    tags: tuple[str, ...]
    etag: str | None
    last_modified: str | None
    last_fetched: str | None
    next_update: str | None
    last_error: str | None
    site: str | None = None


@dataclass(frozen=True)
class ArticleRow:
    """An article as the library lists it: its newest version's counts (None until analysed)."""

    id: int
    url: str                  # where it was found (the feed's link); the key of its marks
    title: str
    feed: str | None          # the feed's title
    feed_id: int | None
    site: str | None
    byline: str | None
    published: str | None
    read: bool
    versions: int
    version_id: int           # the newest version
    quotes: int | None
    sources: int | None
    claims: int | None
    anonymous: float | None
    canonical: str | None = None   # what the page says its address is
    story: int | None = None       # the article id of the first copy of this story (near-duplicates)
    fetched: str | None = None     # when its newest version arrived

    def to_json(self) -> dict[str, object]:
        return {"url": self.url, "canonical_url": self.canonical or self.url, "title": self.title, "feed": self.feed, "site": self.site,
                "byline": self.byline, "published": self.published, "read": self.read,
                "versions": self.versions, "quotes": self.quotes, "sources": self.sources,
                "claims": self.claims, "anonymous_share": self.anonymous, "story": self.story or self.id}


def feed_filter(where: list[str], args: list[object], feed_id: int | None, tag: str | None) -> None:
    """Adds to ``where``/``args`` the conditions on an article ``a`` of one feed or one tag."""
    if feed_id is not None:
        where.append("a.feed_id = ?")
        args.append(feed_id)
    if tag is not None:
        where.append("a.feed_id IN (SELECT f2.id FROM feeds f2, json_each(f2.tags) t WHERE t.value = ?)")
        args.append(tag)


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(row["id"], row["url"], row["title"], tuple(json.loads(row["tags"] or "[]")), row["etag"],
                row["last_modified"], row["last_fetched"], row["next_update"], row["last_error"], row["site"])


def _newest_text(db: sqlite3.Connection, article_id: int, version_id: int, doc: Document) -> None:
    """An article's newest text: its story (near-duplicates), and full-text search's copy of it
    (analysed or not)."""
    assign(db, article_id, doc.text)
    # every version stays searchable (search shows each article once, at its best version)
    db.execute("INSERT OR REPLACE INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
               (version_id, doc.title, doc.text))


class LibraryStore(Database):
    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        from analyzers.settings import settings

        # read_only: restricted mode, where the reader may not change the library (cron does)
        super().__init__(Path(path) if path is not None else default_path(), MIGRATIONS,
                         what="library database", busy_timeout=settings().save_timeout, read_only=read_only)
        if not read_only:
            self.backfill()

    # -- feeds --------------------------------------------------------------------------------
    def add_feed(self, url: str, title: str = "", tags: Iterable[str] = ()) -> Feed:
        """Subscribe to ``url`` (FeedError if it is no http(s) URL that could be fetched)."""
        from analyzers.ingest.feeds import check_feed_url

        url = check_feed_url(url)
        tag_list = sorted({t for t in tags if t})
        with self.transaction() as db:
            db.execute("INSERT INTO feeds (url, title, tags, added) VALUES (?, ?, ?, ?) ON CONFLICT (url) "
                       "DO UPDATE SET tags = excluded.tags, title = CASE WHEN feeds.title = '' THEN "
                       "excluded.title ELSE feeds.title END", (url, title, json.dumps(tag_list), now()))
        feed = self.feed(url)
        assert feed is not None
        return feed

    def remove_feed(self, url: str) -> bool:
        with self.transaction() as db:
            return db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    def feed(self, url: str) -> Feed | None:
        row = self.db.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return _feed(row) if row else None

    def feeds(self) -> list[Feed]:
        return [_feed(r) for r in self.db.execute("SELECT * FROM feeds ORDER BY lower(title), url")]

    def feed_fetched(self, feed_id: int, *, title: str | None = None, site: str | None = None,
                     etag: str | None = None, last_modified: str | None = None, error: str | None = None,
                     next_update: str, problem: str | None = None) -> None:
        """What the last update of a feed learnt: its caching validators, when to come back, or why
        it failed (validators kept from the last success); ``problem``: it updated, but some of
        its entries could not be stored (shown as its last error)."""
        with self.transaction() as db:
            # a validator that is no valid header value would break every later request
            etag, last_modified = header_value(etag), header_value(last_modified)
            if error is None:
                db.execute("UPDATE feeds SET title = CASE WHEN ? IS NOT NULL AND ? != '' THEN ? ELSE title END, "
                           "site = COALESCE(?, site), etag = ?, last_modified = ?, last_fetched = ?, "
                           "next_update = ?, last_error = ? WHERE id = ?",
                           (title, title, title, site, etag, last_modified, now(), next_update, problem, feed_id))
            else:
                db.execute("UPDATE feeds SET last_fetched = ?, next_update = ?, last_error = ? WHERE id = ?",
                           (now(), next_update, error, feed_id))

    # -- articles and versions ------------------------------------------------------------------
    def add_version(self, url: str, doc: Document, *, feed_id: int | None = None, guid: str | None = None,
                    published: str | None = None, raw: bytes | None = None,
                    fetched: str | None = None) -> tuple[int, int, bool]:
        """Store ``doc`` as the article's newest version unless its text is already stored:
        (article id, version id, True when it is new). One transaction."""
        from analyzers.serialize import document_snapshot

        digest = text_hash(doc.text)
        blob = zlib.compress(json.dumps(document_snapshot(doc), ensure_ascii=False).encode("utf-8", "surrogatepass"))
        stamp = fetched or now()
        with self.transaction() as db:
            db.execute("INSERT INTO articles (url, canonical, feed_id, guid, title, byline, published, site, added) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                       "canonical = COALESCE(excluded.canonical, articles.canonical), "
                       "title = excluded.title, byline = COALESCE(excluded.byline, articles.byline), "
                       "published = COALESCE(articles.published, excluded.published), "
                       "site = COALESCE(excluded.site, articles.site), "
                       "feed_id = COALESCE(articles.feed_id, excluded.feed_id)",
                       (url, doc.meta.get("url"), feed_id, guid, doc.title, doc.byline, published or doc.date,
                        doc.meta.get("sitename"), stamp))
            article_id = int(db.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()[0])
            row = db.execute("SELECT id FROM versions WHERE article_id = ? AND hash = ?", (article_id, digest)).fetchone()
            if row is not None:
                return article_id, int(row[0]), False
            cur = db.execute("INSERT INTO versions (article_id, hash, fetched, document, raw, chars) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             (article_id, digest, stamp, blob, zlib.compress(raw) if raw else None, len(doc.text)))
            _newest_text(db, article_id, int(cur.lastrowid or 0), doc)
            return article_id, int(cur.lastrowid or 0), True

    def document(self, version_id: int) -> Document:
        from analyzers.serialize import document_from_snapshot

        row = self.db.execute("SELECT document FROM versions WHERE id = ?", (version_id,)).fetchone()
        if row is None:
            raise KeyError(version_id)
        return document_from_snapshot(json.loads(zlib.decompress(row[0])))

    def versions(self, article_id: int) -> list[tuple[int, str, str]]:
        """(version id, fetched, text hash), oldest first."""
        rows = self.db.execute("SELECT id, fetched, hash FROM versions WHERE article_id = ? ORDER BY id",
                               (article_id,))
        return [(r[0], r[1], r[2]) for r in rows]

    def analysed(self, version_id: int, a: Analysis) -> None:
        """Keep what the analysis of a version found: its counts for the list and its speakers,
        entities and quotes for the cross-article index, in one transaction."""
        with self.transaction() as db:
            db.execute("UPDATE versions SET quotes = ?, sources = ?, claims = ?, anonymous = ?, analysed = ? "
                       "WHERE id = ?", (len(a.quotes), len(a.sources), len(a.claims),
                                        round(a.anonymous_share(), 3), now(), version_id))
            index_version(db, version_id, a)

    def unindexed(self) -> list[int]:
        """Versions analysed before the cross-article index existed."""
        return unindexed(self.db)

    def backfill(self) -> int:
        """Articles stored before stories and search existed (a library from an older copydesk)
        get their sketch and search text, once; returns how many."""
        rows = self.db.execute("SELECT a.id, MAX(v.id) FROM articles a JOIN versions v ON v.article_id = a.id "
                               "WHERE a.story IS NULL GROUP BY a.id").fetchall()
        for article_id, version_id in rows:
            try:
                doc = self.document(version_id)
            except (KeyError, ValueError, TypeError, zlib.error):  # a damaged row: its own story, no search
                self.retry(partial(self._set_story, article_id))
                continue
            self.retry(partial(self._newest_text, article_id, version_id, doc))
        return len(rows) + self._search_every_version()

    def _search_every_version(self) -> int:
        """Libraries kept only each article's newest text searchable before schema v3: the older
        versions' texts join the search index once."""
        if self.db.execute("SELECT 1 FROM meta WHERE key = 'search_every_version'").fetchone():
            return 0
        missing = [r[0] for r in self.db.execute(
            "SELECT v.id FROM versions v WHERE NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = v.id)")]
        for version_id in missing:
            try:
                doc = self.document(version_id)
            except (KeyError, ValueError, TypeError, zlib.error):
                continue
            self.retry(partial(self._index_text, version_id, doc))

        def done() -> None:
            with self.transaction() as db:
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('search_every_version', '1')")

        self.retry(done)
        return len(missing)

    def _index_text(self, version_id: int, doc: Document) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                       (version_id, doc.title, doc.text))

    def _set_story(self, article_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET story = id WHERE id = ?", (article_id,))

    def _newest_text(self, article_id: int, version_id: int, doc: Document) -> None:
        with self.transaction() as db:
            _newest_text(db, article_id, version_id, doc)

    def unanalysed(self, limit: int = 1000) -> list[int]:
        """Versions no analysis has been stored for, newest article first."""
        rows = self.db.execute("SELECT id FROM versions WHERE analysed IS NULL ORDER BY id DESC LIMIT ?", (limit,))
        return [r[0] for r in rows]

    def owners(self, urls: Iterable[str] | None = None) -> dict[str, int | None]:
        """url -> the feed that first brought the article (None: opened from its URL or a batch),
        for the stored articles among ``urls`` (all of them when None)."""
        if urls is None:
            return {r[0]: r[1] for r in self.db.execute("SELECT url, feed_id FROM articles")}
        wanted = list(dict.fromkeys(urls))
        out: dict[str, int | None] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            rows = self.db.execute(f"SELECT url, feed_id FROM articles WHERE url IN ({','.join('?' * len(part))})",
                                   part)
            out.update({r[0]: r[1] for r in rows})
        return out

    def owner(self, url: str) -> int | None:
        """The feed that owns the article at ``url``, if one does."""
        return self.owners([url]).get(url)

    def entry_hashes(self, feed_id: int) -> dict[str, str]:
        """url -> the hash of the feed entry it last came from: an unchanged entry is not fetched
        again."""
        rows = self.db.execute("SELECT url, entry_hash FROM articles WHERE feed_id = ? AND entry_hash IS NOT NULL",
                               (feed_id,))
        return {r[0]: r[1] for r in rows}

    def set_entry_hash(self, url: str, digest: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET entry_hash = ? WHERE url = ?", (digest, url))

    def set_read(self, article_ids: Iterable[int], read: bool) -> None:
        """Read or unread: every copy of a story at once (the library lists them as one)."""
        with self.transaction() as db:
            db.executemany("UPDATE articles SET read = ? WHERE id = ?", [(int(read), i) for i in article_ids])

    def articles(self, *, feed_id: int | None = None, tag: str | None = None, article_id: int | None = None,
                 limit: int = 5000) -> list[ArticleRow]:
        """Newest first (by publication, then by when it arrived)."""
        where: list[str] = []
        args: list[object] = []
        if article_id is not None:
            where.append("a.id = ?")
            args.append(article_id)
        feed_filter(where, args, feed_id, tag)
        sql = ("SELECT a.*, f.title AS feed_title, "
               "(SELECT COUNT(*) FROM versions v WHERE v.article_id = a.id) AS n, "
               "v.id AS vid, v.quotes, v.sources, v.claims, v.anonymous, v.fetched "
               "FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id "
               "JOIN versions v ON v.id = (SELECT MAX(id) FROM versions WHERE article_id = a.id) "
               + (f"WHERE {' AND '.join(where)} " if where else "")
               + "ORDER BY COALESCE(a.published, a.added) DESC, a.id DESC LIMIT ?")
        rows = self.db.execute(sql, (*args, limit))
        return [ArticleRow(r["id"], r["url"], r["title"], r["feed_title"], r["feed_id"], r["site"], r["byline"],
                           r["published"], bool(r["read"]), r["n"], r["vid"], r["quotes"], r["sources"],
                           r["claims"], r["anonymous"], r["canonical"], r["story"], r["fetched"]) for r in rows]

    def article(self, url: str) -> ArticleRow | None:
        row = self.db.execute("SELECT id FROM articles WHERE url = ? OR canonical = ? ORDER BY url = ? DESC LIMIT 1",
                              (url, url, url)).fetchone()
        return next((a for a in self.articles(article_id=row[0])), None) if row else None

    def version_of(self, text_digest: str, url: str) -> tuple[int, int] | None:
        """(article id, version id) of the article at ``url``'s stored version with this text (wire
        copies share texts: the address says which copy)."""
        row = self.db.execute("SELECT v.article_id, v.id FROM versions v JOIN articles a ON a.id = v.article_id "
                              "WHERE v.hash = ? AND (a.url = ? OR a.canonical = ?) ORDER BY v.id DESC LIMIT 1",
                              (text_digest, url, url)).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def version_info(self, version_id: int) -> tuple[int, str, str]:
        """(article id, fetched, text hash) of a version."""
        row = self.db.execute("SELECT article_id, fetched, hash FROM versions WHERE id = ?", (version_id,)).fetchone()
        if row is None:
            raise KeyError(version_id)
        return int(row[0]), row[1], row[2]
