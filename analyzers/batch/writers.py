"""Where rows go: a JSONL file, a Parquet dataset (a directory of part files) or a library
database. A writer knows which ids it already holds (a rerun skips them) and keeps whole records
only; a file or dataset has one writing process (an exclusive lock), a library is shared with
the reader and ``copydesk update`` through SQLite's own locking."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import stat
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from analyzers.batch.work import Row

SYNC_SECONDS = 2.0          # JSONL: at most this much is lost to a power cut (a kill loses nothing)
PART_ROWS = 1000            # Parquet: rows per part file …
PART_BYTES = 64 << 20       # … or this much analysis JSON, whichever comes first …
PART_SECONDS = 60.0         # … or this long since the last part (a kill loses at most this much)
_ID = re.compile(rb'\{"id":("(?:[^"\\\n]|\\.)*")')


class OutputError(Exception):
    """OUTPUT cannot be used; the message is one line for the user."""


class Writer(Protocol):
    done: set[str]
    keeps_errors: bool   # error rows are in the output (else the caller reports them)

    def write(self, rows: Sequence[Row]) -> None: ...

    def close(self) -> None: ...


LIBRARY_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def output_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """``jsonl``, ``parquet`` or ``library``: as asked, else from the name (``*.parquet`` is a
    dataset, ``*.db``/``*.sqlite`` a library)."""
    if fmt:
        return fmt
    name = os.fspath(path).rstrip("/")
    if name.endswith(".parquet"):
        return "parquet"
    return "library" if name.endswith(LIBRARY_SUFFIXES) else "jsonl"


def open_writer(path: str | os.PathLike[str], fmt: str | None = None, *, outlet: str = "") -> Writer:
    """``outlet``: a library's name for the articles of an input whose records name none."""
    kind = output_format(path, fmt)
    if kind == "parquet":
        return ParquetWriter(Path(path))
    if kind == "library":
        return LibraryWriter(Path(path), outlet)
    return JsonlWriter(Path(path))


def _lock(fd: int, path: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputError(f"{path}: another copydesk batch is writing it") from None


class JsonlWriter:
    """One line per record, appended with one write each; a torn last line (a kill in the
    middle of a write) is cut off when the file is opened again."""

    keeps_errors = True

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise OutputError(f"{path}: cannot open: {exc.strerror or exc}") from None
        if not stat.S_ISREG(os.fstat(self.fd).st_mode):  # a pipe or a device cannot be resumed
            os.close(self.fd)
            raise OutputError(f"{path}: not a regular file; OUTPUT is a file that a rerun can read back")
        _lock(self.fd, path)
        try:
            self.done, keep = self._recover()
            if keep < os.fstat(self.fd).st_size:
                os.ftruncate(self.fd, keep)
                os.fsync(self.fd)
        except BaseException:
            os.close(self.fd)
            raise
        os.lseek(self.fd, 0, os.SEEK_END)
        self._synced = time.monotonic()

    def _recover(self) -> tuple[set[str], int]:
        """The ids of the whole records and where the last one ends. The one damage allowed is
        a last line without its newline that begins like a record (what a kill in the middle of
        a write leaves); any other line that is not a record means the file is not ours."""
        done: set[str] = set()
        offset = 0
        carry = b""
        os.lseek(self.fd, 0, os.SEEK_SET)
        while chunk := os.read(self.fd, 1 << 22):
            lines = (carry + chunk).split(b"\n")
            carry = lines.pop()  # no newline yet: maybe the rest comes in the next chunk
            for line in lines:
                m = _ID.match(line)
                rid = _decode_id(m.group(1)) if m and line.endswith(b"}") else None
                if rid is None:
                    raise self._foreign(offset, line)
                done.add(rid)
                offset += len(line) + 1
        if carry and not b'{"id":'.startswith(carry[:6]):  # a write can be cut after any byte
            raise self._foreign(offset, carry)
        return done, offset

    def _foreign(self, offset: int, line: bytes) -> OutputError:
        return OutputError(f"{self.path}: not a copydesk batch output (byte {offset}: {line[:40]!r}); "
                           "choose another OUTPUT")

    def write(self, rows: Sequence[Row]) -> None:
        data = memoryview("".join(r.jsonl() + "\n" for r in rows).encode("utf-8"))
        while data:
            data = data[os.write(self.fd, data):]
        self.done.update(r.id for r in rows)
        if time.monotonic() - self._synced >= SYNC_SECONDS:
            os.fsync(self.fd)
            self._synced = time.monotonic()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.fsync(self.fd)
        os.close(self.fd)


def _decode_id(raw: bytes) -> str | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


class ParquetWriter:
    """A directory of ``part-NNNNNN.parquet`` files with the columns ``id``, ``error`` and
    ``analysis`` (the JSON text). A part is written beside its name and renamed into place, so
    the directory holds finished parts only."""

    keeps_errors = True

    def __init__(self, path: Path) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise OutputError("Parquet needs pyarrow: pip install 'copydesk[archive]'") from None
        self._pa, self._pq = pa, pq
        self.path = path
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            lock = os.open(path / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write there: {exc.strerror or exc}") from None
        _lock(lock, path)
        self._lockfd = lock
        for stale in path.glob(".tmp-part-*"):
            stale.unlink(missing_ok=True)  # a part that was being written when a run was killed
        self.done = set()
        last = -1
        for part in sorted(path.glob("part-*.parquet")):
            try:
                self.done.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
                last = max(last, int(part.stem.split("-")[1]))
            except Exception as exc:  # pyarrow's errors, or a name that is not ours
                os.close(lock)
                raise OutputError(f"{part}: not a readable part of a copydesk batch output: {exc}") from None
        self._next = last + 1
        self._rows: list[Row] = []
        self._bytes = 0
        self._flushed = time.monotonic()

    def write(self, rows: Sequence[Row]) -> None:
        self._rows.extend(rows)
        self._bytes += sum(len(r.analysis or "") for r in rows)
        self.done.update(r.id for r in rows)
        if len(self._rows) >= PART_ROWS or self._bytes >= PART_BYTES \
                or time.monotonic() - self._flushed >= PART_SECONDS:
            self.flush()

    def flush(self) -> None:
        self._flushed = time.monotonic()
        if not self._rows:
            return
        pa = self._pa
        rows, self._rows, self._bytes = self._rows, [], 0
        table = pa.table({
            "id": pa.array([r.id for r in rows], pa.string()),
            "error": pa.array([r.error for r in rows], pa.string()),
            "analysis": pa.array([r.analysis for r in rows], pa.large_string()),
        })
        name = f"part-{self._next:06d}.parquet"
        tmp = self.path / f".tmp-{name}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as f:
            self._pq.write_table(table, f, compression="zstd")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path / name)
        _fsync_dir(self.path)
        self._next += 1

    def close(self) -> None:
        try:
            self.flush()
        finally:
            os.close(self._lockfd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_output(path: str | os.PathLike[str], fmt: str | None = None) -> list[dict[str, Any]]:
    """Every record of an output as dicts (the analysis decoded): for tests and small runs."""
    if output_format(path, fmt) == "jsonl":
        with open(path, "rb") as f:
            return [json.loads(line) for line in f.read().split(b"\n") if line]
    import pyarrow.parquet as pq

    out = []
    for part in sorted(Path(path).glob("part-*.parquet")):
        for row in pq.read_table(part).to_pylist():
            item = {"id": row["id"]}
            item.update({"error": row["error"]} if row["error"] is not None else json.loads(row["analysis"]))
            out.append(item)
    return out




BATCH_GUID = "batch:"   # articles.guid of a batch record (feed entries keep their feed's guid)


class LibraryWriter:
    """Articles into a library database, as ``copydesk update`` stores feed entries: each
    record is an article (its URL when it was fetched, else ``batch:ID``) whose text is a
    version, analysed and indexed for where else, sources, outlets and search. Its outlet is
    the record's ``outlet``, else the page's site name, else ``outlet`` (the input's name);
    a record's ``published`` and ``title`` win over the page's. Needs rows made with
    ``Options(snapshot=True)``. A record whose analysis failed is not stored: a rerun tries it
    again. The version and its analysis are two transactions; a kill between them leaves the
    version unanalysed, and the rerun analyses it."""

    keeps_errors = False

    def __init__(self, path: Path, outlet: str = "") -> None:
        self.outlet = outlet
        import sqlite3

        from analyzers.store.database import DatabaseError
        from analyzers.store.library.store import LibraryStore

        self.path = path
        _refuse_foreign_database(path)
        try:
            self.store = LibraryStore(path)
            rows = self.store.db.execute(
                "SELECT a.guid FROM articles a WHERE a.feed_id IS NULL AND a.guid LIKE 'batch:%' "
                "AND EXISTS (SELECT 1 FROM versions v WHERE v.article_id = a.id AND v.analysed IS NOT NULL)")
            self.done: set[str] = {guid.removeprefix(BATCH_GUID) for (guid,) in rows}
        except (DatabaseError, sqlite3.Error, OSError) as exc:
            raise OutputError(f"{path}: not usable as a copydesk library: {exc}") from None

    def write(self, rows: Sequence[Row]) -> None:
        from analyzers.ingest.feeds import iso_date
        from analyzers.serialize import document_from_snapshot, snapshot_from_json
        from analyzers.store.library.index import is_indexed

        store = self.store
        for r in rows:
            self.done.add(r.id)
            if r.analysis is None:
                continue
            data = json.loads(r.analysis)
            doc = document_from_snapshot(data["document"])
            analysis = snapshot_from_json(data["analysis"])
            meta = data.get("meta") or {}
            # a record is stored under its URL only when its text was fetched from that URL, and
            # never as a version of an article a feed brought (a record can't speak for the feed)
            fetched = data.get("fetched") is True and doc.source.startswith(("http://", "https://"))
            url = doc.source if fetched and store.owner(doc.source) is None else BATCH_GUID + r.id
            outlet = meta.get("outlet") or doc.meta.get("sitename") or self.outlet
            doc = replace(doc, title=meta.get("title") or doc.title,
                          meta={**doc.meta, **({"sitename": outlet} if outlet else {})})
            _, version_id, new = store.retry(partial(store.add_version, url, doc, guid=BATCH_GUID + r.id,
                                                     published=iso_date(meta.get("published"))))
            if new or not is_indexed(store.db, version_id):
                store.retry(partial(store.analysed, version_id, analysis))

    def close(self) -> None:
        self.store.close()


def _refuse_foreign_database(path: Path) -> None:
    """A library OUTPUT is new, empty, or a copydesk library (its schema version set): never
    another program's database, which opening it as a library would fill with our tables."""
    import sqlite3

    try:
        if not path.exists() or path.stat().st_size == 0:
            return
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error) as exc:
        raise OutputError(f"{path}: cannot read it: {exc}") from None
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        raise OutputError(f"{path}: not a copydesk library ({exc}); choose another OUTPUT") from None
    finally:
        db.close()
    if tables and (version == 0 or "articles" not in tables or "feeds" not in tables):
        raise OutputError(f"{path}: another program's database, not a copydesk library; choose another OUTPUT")


__all__ = ["BATCH_GUID", "LIBRARY_SUFFIXES", "JsonlWriter", "LibraryWriter", "OutputError", "ParquetWriter", "Writer", "open_writer", "output_format", "read_output"]
