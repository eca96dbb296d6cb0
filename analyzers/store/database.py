"""The one way copydesk opens a SQLite database (the review store, the library): private
files, WAL, ``synchronous=FULL``, a schema versioned by ``PRAGMA user_version`` and upgraded by
a list of migrations, and writes that wait a bounded time for another program's lock.

WAL lets several copydesk instances read while one writes; ``synchronous=FULL`` makes a returned
commit survive a crash or a power cut; writers take the lock up front (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from analyzers.ingest.sanitize import display

T = TypeVar("T")


class DatabaseError(Exception):
    """The database can't be used; the message is one line for the user."""


def _private_file(path: Path) -> None:
    """The directory 0700 and the file 0600 (notes and reading history are nobody else's); in a
    shared desk (its directory carries the desk's mark) the file is the group's, 0660, and never
    world-readable. SQLite gives its -wal and -shm files the main file's mode."""
    from analyzers.store.paths import is_desk

    shared = is_desk(path.parent)
    mode = 0o660 if shared else 0o600
    if not shared:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, mode)
    except PermissionError:
        if shared and path.exists():
            raise DeskPermission(f"you can read {path.parent} but not write to it: ask for its group's "
                                 "write permission (reading works)") from None
        raise
    try:
        st = os.fstat(fd)
        if st.st_uid == os.getuid() and st.st_mode & 0o777 != mode and st.st_mode & (0o007 if shared else 0o077):
            os.fchmod(fd, mode)
        elif shared and st.st_uid == os.getuid() and st.st_mode & 0o060 != 0o060:
            os.fchmod(fd, mode)  # a desk's database must stay writable by its group
    finally:
        os.close(fd)


class DeskPermission(Exception):
    """A member of a shared desk who may read it but not write it: one line, then read-only."""


class Database:
    """One connection; ``what`` names it in messages ("review database")."""

    def __init__(self, path: Path, migrations: Sequence[str], *, what: str, busy_timeout: float,
                 migrate_to: int | None = None, read_only: bool = False) -> None:
        self.path = path
        self.what = what
        self.migrations = migrations
        self.busy_timeout = busy_timeout
        self.read_only_reason: str | None = None
        if not read_only:
            try:
                _private_file(path)
            except DeskPermission as exc:  # a shared desk this account may only read
                read_only, self.read_only_reason = True, str(exc)
            except OSError as exc:
                raise DatabaseError(f"{what} {display(str(path))}: {exc.strerror or exc}") from None
        self.read_only = read_only
        try:
            if read_only:  # someone else's database (restricted mode): never created, never changed
                from urllib.parse import quote

                self.db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=busy_timeout,
                                          isolation_level=None, check_same_thread=False)
            else:
                self.db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None,
                                          check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if read_only:
                if self.version() > len(migrations):
                    raise DatabaseError(f"{what} {self._name()} is newer than this copydesk")
                if self.version() < len(migrations):  # its tables are not the ones this copydesk reads
                    raise DatabaseError(f"{what} {self._name()} is from an older copydesk (schema "
                                        f"v{self.version()}); its owner's next 'copydesk update' upgrades it")
                return
            # Switching to WAL can meet the lock without SQLite's busy handler waiting (two
            # writers reopening after a kill -9, one recovering the WAL): waited for like any
            # write, one deadline for the whole open.
            deadline = time.monotonic() + busy_timeout
            self.retry(lambda: self.db.execute("PRAGMA journal_mode = WAL"), deadline)
            self.db.execute("PRAGMA synchronous = FULL")
            self.db.execute("PRAGMA foreign_keys = ON")
            target = len(migrations) if migrate_to is None else migrate_to
            if self.retry(self.version, deadline) != target:  # up to date: opened without the write lock
                self.retry(lambda: self._migrate(target), deadline)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{what} {self._name()}: {_reason(exc)}") from None
        except (OSError, ValueError) as exc:
            raise DatabaseError(f"{what} {self._name()}: {getattr(exc, 'strerror', None) or exc}") from None

    def _name(self) -> str:
        return display(str(self.path))

    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, target: int) -> None:
        with self.transaction():
            current = self.version()
            if current > len(self.migrations):
                raise DatabaseError(f"{self.what} {self._name()} is schema v{current}, newer than this "
                                    f"copydesk (v{len(self.migrations)})")
            for v in range(current, target):
                for statement in self.migrations[v].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {v + 1}")

    @contextlib.contextmanager
    def transaction(self):  # type: ignore[no-untyped-def]
        """``BEGIN IMMEDIATE`` … ``COMMIT``: one durable transaction, rolled back on any error."""
        if self.read_only_reason:
            raise DatabaseError(self.read_only_reason)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def retry(self, fn: Callable[[], T], deadline: float | None = None) -> T:
        """Run a write; another program's lock is waited for at most ``busy_timeout`` seconds in
        all (or until ``deadline``, a ``time.monotonic()``), then the write fails with one line
        (the caller never freezes longer)."""
        deadline = time.monotonic() + self.busy_timeout if deadline is None else deadline
        while True:
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy:
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseError(f"{self.what} is locked by another program; gave up after "
                                        f"{self.busy_timeout:g} s") from None
                time.sleep(0.05)

    def integrity(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])

    def data_version(self) -> int:
        """Changes whenever another connection commits: a cheap way to notice another instance."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()


def _reason(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "locked by another program"
    return text
