"""Review marks and notes in SQLite: one transaction per user action, durable before it returns.

The database lives in the user data directory (``platformdirs``, so ``XDG_DATA_HOME`` moves it;
``COPYDESK_DB`` names a file outright). WAL lets several copydesk instances read while one
writes; ``synchronous=FULL`` makes a returned commit survive a crash or power cut (see
analyzers/store/database.py); a lock held by another program is waited for a few seconds at most.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from analyzers.ingest.sanitize import display
from analyzers.store import paths
from analyzers.store.database import Database, DatabaseError
from analyzers.store.review.anchor import STATUSES, Mark, Selector
from analyzers.store.review.marks import KINDS, Decision, standing

T = TypeVar("T")

# Each entry upgrades the schema by one version (PRAGMA user_version); never edit a shipped one.
# The marks table's CHECK lists marks.KINDS (a test holds them together): a new reviewable kind
# needs a migration that rebuilds the table with the wider CHECK.
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
    # v3: who made each decision (the operating-system account: a shared desk signs them), whom
    # an item is assigned to, and what a quote was when it was marked (its speaker and cue), so a
    # mark follows a quote reworded in a later version
    """
    ALTER TABLE marks ADD COLUMN author TEXT;
    ALTER TABLE marks ADD COLUMN assigned_to TEXT;
    ALTER TABLE marks ADD COLUMN speaker TEXT;
    ALTER TABLE marks ADD COLUMN cue TEXT;
    ALTER TABLE events ADD COLUMN author TEXT;
    ALTER TABLE events ADD COLUMN assigned_to TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


ReviewStoreError = DatabaseError  # the review database can't be used: one line for the user


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def doc_key(source: str, fp: str) -> str:
    """Marks follow a file by its path and a web article by its URL (so edits and new versions
    keep them), and stdin text by its content."""
    if source in ("-", ""):
        return f"sha256:{fp}"
    if source.startswith(("http://", "https://")):
        return f"url:{source}"
    if "://" in source:
        return f"sha256:{fp}"
    real = os.path.realpath(source)
    try:
        real.encode("utf-8")
    except UnicodeEncodeError:  # a POSIX name that is not UTF-8: key it by its exact bytes
        return "fsbytes:" + os.fsencode(real).hex()
    return real


def _row_to_mark(row: sqlite3.Row, history: tuple[Decision, ...] = ()) -> Mark:
    return Mark(
        id=row["id"], doc_key=row["doc_key"], fingerprint=row["fingerprint"], kind=row["kind"],
        item_id=row["item_id"],
        anchor=Selector(row["start"], row["end"], row["exact"], row["prefix"], row["suffix"]),
        status=row["status"], note=row["note"], updated=row["updated"],
        author=_column(row, "author"), assigned_to=_column(row, "assigned_to"),
        speaker=_column(row, "speaker"), cue=_column(row, "cue"), history=history,
    )


def _column(row: sqlite3.Row, name: str) -> str | None:
    """A column an older schema (opened read-only) may not have."""
    return row[name] if name in row.keys() else None  # noqa: SIM118 (a Row's "in" looks at values)


class ReviewStore(Database):
    """One connection to the review database."""

    def __init__(self, path: Path | str | None = None, *, migrate_to: int = SCHEMA_VERSION,
                 busy_timeout: float | None = None) -> None:
        from analyzers.settings import settings

        super().__init__(Path(path) if path is not None else paths.review_db(), MIGRATIONS,
                         what="review database", migrate_to=migrate_to,
                         busy_timeout=settings().save_timeout if busy_timeout is None else busy_timeout)

    # -- reads --------------------------------------------------------------------------------
    def marks(self, key: str, fp: str) -> list[Mark]:
        """Marks for a document: by its key (path) or, for a moved file, by its exact text; each
        with every decision made on it."""
        rows = self.db.execute(
            "SELECT * FROM marks WHERE doc_key = ? OR fingerprint = ? ORDER BY id", (key, fp)).fetchall()
        histories = self.decisions([r["id"] for r in rows])
        return [_row_to_mark(r, tuple(histories.get(r["id"], ()))) for r in rows]

    def decisions(self, mark_ids: list[int]) -> dict[int, list[Decision]]:
        """mark id -> every decision on it, oldest first."""
        out: dict[int, list[Decision]] = {}
        for i in range(0, len(mark_ids), 500):
            part = mark_ids[i:i + 500]
            for r in self.db.execute(f"SELECT * FROM events WHERE mark_id IN ({','.join('?' * len(part))}) "
                                     "ORDER BY id", part):
                out.setdefault(r["mark_id"], []).append(
                    Decision(r["status"], r["note"], _column(r, "author"), r["at"], _column(r, "assigned_to")))
        return out

    def verdicts_by_document(self) -> dict[str, int]:
        """doc key -> how many of its marks carry a verdict (the library's review progress)."""
        rows = self.db.execute("SELECT doc_key, COUNT(*) FROM marks WHERE status != 'unreviewed' GROUP BY doc_key")
        return {r[0]: int(r[1]) for r in rows}

    def history(self, mark_id: int) -> list[tuple[str, str | None, str]]:
        return [(d.status, d.note, d.at) for d in self.decisions([mark_id]).get(mark_id, [])]


    # -- writes -------------------------------------------------------------------------------
    def save(self, *, key: str, fp: str, title: str, kind: str, item_id: str, anchor: Selector,
             status: str | None = None, note: str | None = None, set_note: bool = False,
             mark_id: int | None = None, speaker: str | None = None, cue: str | None = None,
             assign: str | None = None) -> Mark | None:
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
        return self.retry(lambda: self._save(key, fp, title, kind, item_id, anchor, status, note, set_note, mark_id,
                                             speaker, cue, assign))

    def _save(self, key: str, fp: str, title: str, kind: str, item_id: str, anchor: Selector,
              status: str | None, note: str | None, set_note: bool, mark_id: int | None,
              speaker: str | None, cue: str | None, assign: str | None = None) -> Mark | None:
        """One reviewer's decision (the account of this process): their verdict and note replace
        their own earlier ones only; the item's standing counts everyone's (marks.standing)."""
        from analyzers.io.account import account

        stamp, author = now(), account()
        with self.transaction() as db:
            row = None
            if mark_id is not None:
                row = db.execute("SELECT * FROM marks WHERE id = ?", (mark_id,)).fetchone()
            if row is None:
                row = db.execute(
                    'SELECT * FROM marks WHERE doc_key = ? AND fingerprint = ? AND kind = ? AND start = ? AND "end" = ?'
                    " ORDER BY updated DESC LIMIT 1", (key, fp, kind, anchor.start, anchor.end)).fetchone()
            history = self.decisions([row["id"]]).get(row["id"], []) if row is not None else []
            mine = standing([d for d in history if d.by in (author, None)]).views
            own = mine[-1] if mine else None
            assigned = assign if assign is not None else (_column(row, "assigned_to") if row is not None else None)
            decision = Decision(status if status is not None else (own.status if own else "unreviewed"),
                                note if set_note else (own.note if own else None), author, stamp,
                                assigned or None)
            now_stands = standing([*history, decision])
            db.execute("INSERT INTO documents (doc_key, fingerprint, title, seen) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (doc_key) DO UPDATE SET fingerprint = excluded.fingerprint, "
                       "title = excluded.title, seen = excluded.seen", (key, fp, display(title, limit=300), stamp))
            result: Mark | None
            if now_stands.status == "unreviewed" and not now_stands.views and not decision.assigned_to:
                if row is not None:  # nothing left on it: the mark goes, its history stays
                    db.execute("DELETE FROM marks WHERE id = ?", (row["id"],))
                    self._record(db, row["id"], decision)
                result = None
            else:
                speaker = speaker if speaker is not None else (row["speaker"] if row is not None else None)
                cue = cue if cue is not None else (row["cue"] if row is not None else None)
                values = (key, fp, kind, item_id, anchor.start, anchor.end, anchor.exact, anchor.prefix,
                          anchor.suffix, now_stands.status, now_stands.note, stamp, now_stands.by or author,
                          decision.assigned_to, speaker, cue)
                if row is None:
                    cur = db.execute(
                        'INSERT INTO marks (doc_key, fingerprint, kind, item_id, start, "end", exact, prefix, '
                        "suffix, status, note, updated, author, assigned_to, speaker, cue) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
                    new_id = int(cur.lastrowid or 0)
                else:
                    new_id = int(row["id"])
                    db.execute(
                        'UPDATE marks SET doc_key = ?, fingerprint = ?, kind = ?, item_id = ?, start = ?, "end" = ?, '
                        "exact = ?, prefix = ?, suffix = ?, status = ?, note = ?, updated = ?, author = ?, "
                        "assigned_to = ?, speaker = ?, cue = ? WHERE id = ?", (*values, new_id))
                self._record(db, new_id, decision)
                result = Mark(new_id, key, fp, kind, item_id, anchor, now_stands.status, now_stands.note, stamp,
                              author=now_stands.by or author, assigned_to=decision.assigned_to, speaker=speaker,
                              cue=cue, history=(*history, decision))
        return result

    @staticmethod
    def _record(db: sqlite3.Connection, mark_id: int, d: Decision) -> None:
        db.execute("INSERT INTO events (mark_id, status, note, at, author, assigned_to) VALUES (?, ?, ?, ?, ?, ?)",
                   (mark_id, d.status, d.note, d.at, d.by, d.assigned_to))

