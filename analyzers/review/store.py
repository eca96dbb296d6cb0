"""Review marks and notes in SQLite: one transaction per user action, durable before it returns.

The database lives in the user data directory (``platformdirs``, so ``XDG_DATA_HOME`` moves it;
``COPYDESK_DB`` names a file outright). WAL lets several copydesk instances read while one
writes; ``synchronous=FULL`` makes a returned commit survive a crash or power cut; writers take
the lock up front (``BEGIN IMMEDIATE``) and wait for each other (busy timeout, then retries).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from analyzers.ingest.sanitize import display
from analyzers.review.anchor import STATUSES, Mark, Selector

T = TypeVar("T")
KINDS = ("claim", "quote")
BUSY_TIMEOUT_MS = 10_000
RETRIES = 5

# Each entry upgrades the schema by one version (PRAGMA user_version); never edit a shipped one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        doc_key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        title TEXT NOT NULL,
        seen TEXT NOT NULL
    );
    CREATE TABLE marks (
        id INTEGER PRIMARY KEY,
        doc_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('claim', 'quote')),
        item_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('verified', 'disputed', 'needs_source', 'unreviewed')),
        note TEXT,
        updated TEXT NOT NULL
    );
    CREATE INDEX marks_by_doc ON marks (doc_key);
    CREATE INDEX marks_by_fingerprint ON marks (fingerprint);
    """,
    # v2: a history of every change, so a disputed verdict that was later cleared can be traced.
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        mark_id INTEGER NOT NULL,
        status TEXT NOT NULL,
        note TEXT,
        at TEXT NOT NULL
    );
    CREATE INDEX events_by_mark ON events (mark_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class ReviewStoreError(Exception):
    """The review database can't be used; the message is one line for the user."""


def default_path() -> Path:
    from analyzers.settings import settings

    explicit = settings().db
    if explicit is not None:
        return explicit
    from platformdirs import user_data_path

    return user_data_path("copydesk", appauthor=False) / "review.sqlite3"


def data_dir() -> Path:
    """The user's copydesk data directory (the review database's): exports and screenshots
    made where no path may be chosen go here."""
    return default_path().parent


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def doc_key(source: str, fp: str) -> str:
    """Marks follow a file by its path (so edits keep them) and stdin text by its content."""
    if source in ("-", "") or "://" in source:
        return f"sha256:{fp}"
    real = os.path.realpath(source)
    try:
        real.encode("utf-8")
    except UnicodeEncodeError:  # a POSIX name that is not UTF-8: key it by its exact bytes
        return "fsbytes:" + os.fsencode(real).hex()
    return real


def _row_to_mark(row: sqlite3.Row) -> Mark:
    return Mark(
        id=row["id"], doc_key=row["doc_key"], fingerprint=row["fingerprint"], kind=row["kind"],
        item_id=row["item_id"],
        anchor=Selector(row["start"], row["end"], row["exact"], row["prefix"], row["suffix"]),
        status=row["status"], note=row["note"], updated=row["updated"],
    )


class ReviewStore:
    """One connection to the review database."""

    def __init__(self, path: Path | str | None = None, *, migrate_to: int = SCHEMA_VERSION) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                      check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = FULL")
            self._retry(lambda: self._migrate(migrate_to))
        except sqlite3.DatabaseError as exc:
            raise ReviewStoreError(f"review database {self.path}: {exc}") from None
        except OSError as exc:
            raise ReviewStoreError(f"review database {self.path}: {exc.strerror or exc}") from None

    # -- schema -------------------------------------------------------------------------------
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, target: int) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            current = self.version()
            if current > SCHEMA_VERSION:
                raise ReviewStoreError(
                    f"review database {self.path} is schema v{current}, newer than this copydesk (v{SCHEMA_VERSION})")
            for v in range(current, target):
                for statement in MIGRATIONS[v].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {v + 1}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _retry(self, fn: Callable[[], T]) -> T:
        """Run a write; when another instance holds the lock past the busy timeout, try again."""
        for attempt in range(RETRIES):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if ("locked" not in str(exc) and "busy" not in str(exc)) or attempt == RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    # -- reads --------------------------------------------------------------------------------
    def marks(self, key: str, fp: str) -> list[Mark]:
        """Marks for a document: by its key (path) or, for a moved file, by its exact text."""
        rows = self.db.execute(
            "SELECT * FROM marks WHERE doc_key = ? OR fingerprint = ? ORDER BY id", (key, fp)).fetchall()
        return [_row_to_mark(r) for r in rows]

    def history(self, mark_id: int) -> list[tuple[str, str | None, str]]:
        rows = self.db.execute("SELECT status, note, at FROM events WHERE mark_id = ? ORDER BY id", (mark_id,))
        return [(r["status"], r["note"], r["at"]) for r in rows]

    def data_version(self) -> int:
        """Changes whenever another connection commits: a cheap way to notice another instance."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    # -- writes -------------------------------------------------------------------------------
    def save(self, *, key: str, fp: str, title: str, kind: str, item_id: str, anchor: Selector,
             status: str | None = None, note: str | None = None, set_note: bool = False,
             mark_id: int | None = None) -> Mark | None:
        """Set the status and/or note of one item in one durable transaction.

        ``mark_id`` is the mark already placed on the item (it may have been made on an older
        version of the text); its anchor is updated to the current text. Returns the stored mark,
        or None when the item ends up with neither a verdict nor a note (the row is removed).
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        if status is not None and status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        if set_note and note is not None:
            note = display(note, one_line=False).strip() or None
        return self._retry(lambda: self._save(key, fp, title, kind, item_id, anchor, status, note, set_note, mark_id))

    def _save(self, key: str, fp: str, title: str, kind: str, item_id: str, anchor: Selector,
              status: str | None, note: str | None, set_note: bool, mark_id: int | None) -> Mark | None:
        db = self.db
        stamp = now()
        db.execute("BEGIN IMMEDIATE")
        try:
            row = None
            if mark_id is not None:
                row = db.execute("SELECT * FROM marks WHERE id = ?", (mark_id,)).fetchone()
            if row is None:
                row = db.execute(
                    'SELECT * FROM marks WHERE doc_key = ? AND fingerprint = ? AND kind = ? AND start = ? AND "end" = ?'
                    " ORDER BY updated DESC LIMIT 1", (key, fp, kind, anchor.start, anchor.end)).fetchone()
            new_status = status if status is not None else (row["status"] if row else "unreviewed")
            new_note = note if set_note else (row["note"] if row else None)
            db.execute("INSERT INTO documents (doc_key, fingerprint, title, seen) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (doc_key) DO UPDATE SET fingerprint = excluded.fingerprint, "
                       "title = excluded.title, seen = excluded.seen", (key, fp, display(title, limit=300), stamp))
            result: Mark | None
            if new_status == "unreviewed" and not new_note:
                if row is not None:
                    db.execute("DELETE FROM marks WHERE id = ?", (row["id"],))
                    db.execute("INSERT INTO events (mark_id, status, note, at) VALUES (?, ?, ?, ?)",
                               (row["id"], "unreviewed", None, stamp))
                result = None
            else:
                values = (key, fp, kind, item_id, anchor.start, anchor.end, anchor.exact, anchor.prefix,
                          anchor.suffix, new_status, new_note, stamp)
                if row is None:
                    cur = db.execute(
                        'INSERT INTO marks (doc_key, fingerprint, kind, item_id, start, "end", exact, prefix, '
                        "suffix, status, note, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
                    new_id = int(cur.lastrowid or 0)
                else:
                    new_id = int(row["id"])
                    db.execute(
                        'UPDATE marks SET doc_key = ?, fingerprint = ?, kind = ?, item_id = ?, start = ?, "end" = ?, '
                        "exact = ?, prefix = ?, suffix = ?, status = ?, note = ?, updated = ? WHERE id = ?",
                        (*values, new_id))
                db.execute("INSERT INTO events (mark_id, status, note, at) VALUES (?, ?, ?, ?)",
                           (new_id, new_status, new_note, stamp))
                result = Mark(new_id, key, fp, kind, item_id, anchor, new_status, new_note, stamp)
            db.execute("COMMIT")
            return result
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def integrity(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self.db.close()
