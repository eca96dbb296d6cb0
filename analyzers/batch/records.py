"""What ``copydesk batch`` reads: a directory of articles, a JSONL file of ``{"id", "text" |
"html" | "url", …}`` objects, or Parquet with those columns. An input is cut into partitions
described by small JSON-able specs, so the local engine reads them in order in one process and
Dask workers read their own from shared storage; either way :func:`read_partition` makes the
records, so both engines see the same ids in the same order."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzers.ingest.load import DEFAULT_MAX_BYTES, human_size

KINDS = ("path", "text", "html", "url", "bytes", "error")
CONTENT_FIELDS = ("text", "html", "url")  # the first present one is the record's content
META_FIELDS = ("outlet", "published", "title")  # kept for a library output (strings only)
META_MAX_CHARS = 500
PARQUET_MAGIC = b"PAR1"


class InputError(Exception):
    """An input that cannot be read at all; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Record:
    """One article to analyse. ``kind`` says what ``value`` holds: a file path, the text or
    HTML itself, a URL, raw bytes, or (``error``) why the record could not be read."""

    id: str
    kind: str
    value: str | bytes
    source: str | None = None   # the Document's source; the id when None
    meta: dict[str, str] | None = None   # META_FIELDS the input gave
    root: str | None = None     # a path record from a directory: read only from inside it

    def to_wire(self) -> dict[str, Any]:
        """A JSON-able dict (bytes as base64) for the pipe to a worker process."""
        value = self.value
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        return {"id": self.id, "kind": self.kind, "value": value, "source": self.source, "meta": self.meta,
                "root": self.root}

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Record:
        value = data["value"]
        if data["kind"] == "bytes":
            value = base64.b64decode(value)
        return cls(str(data["id"]), str(data["kind"]), value, data.get("source"), data.get("meta"), data.get("root"))


def utf8(text: str) -> str:
    """``text`` as UTF-8 can hold it: a lone surrogate (a JSON escape, a file name's stray byte)
    is spelt with backslashes, the same on every run."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def clean_id(value: object) -> str:
    """Ids are strings in the output: bytes (a Parquet binary column) are decoded, numbers
    spelt as JSON, and what cannot be UTF-8 is spelt with backslashes."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return utf8(text)


def record_from_object(obj: object, fallback_id: str) -> Record:
    """A record from one decoded JSON object or Parquet row."""
    if not isinstance(obj, dict):
        return Record(fallback_id, "error", f"{fallback_id}: not a JSON object")
    rid = obj.get("id")
    rid = fallback_id if rid is None or rid == "" else clean_id(rid)
    meta = {k: utf8(" ".join(v.split())[:META_MAX_CHARS]) for k in META_FIELDS
            if isinstance(v := obj.get(k), str) and v.strip()} or None
    for name in CONTENT_FIELDS:
        value = obj.get(name)
        if value is None:
            continue
        if isinstance(value, bytes) and name != "url":
            return Record(rid, "bytes", value, meta=meta)
        if not isinstance(value, str):
            return Record(rid, "error", f"{rid}: {name!r} is not a string")
        return Record(rid, name, value, meta=meta)
    return Record(rid, "error", f"{rid}: no 'text', 'html' or 'url'")


# -- inputs ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """An input, its record count (for progress) and its partitions."""

    path: Path
    kind: str          # directory | jsonl | parquet
    total: int
    partitions: tuple[dict[str, Any], ...]


def open_source(path: str | os.PathLike[str], per_partition: int = 50, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Look at INPUT, count its records and cut it into partitions of ``per_partition``.
    ``max_bytes``: the per-record size cap; a JSONL line far over it is never read whole."""
    p = Path(os.path.abspath(path))  # Dask workers may run elsewhere: no relative paths
    per_partition = max(1, per_partition)
    if not p.exists():
        raise InputError(f"{path}: no such file or directory")
    if p.is_dir() and not p.name.endswith(".parquet"):
        return _directory(p, per_partition)
    files = sorted(p.glob("*.parquet")) if p.is_dir() else [p]
    if p.is_dir() or _is_parquet(p):
        return _parquet(p, files, per_partition)
    if not p.is_file():
        raise InputError(f"{path}: not a regular file or directory")
    return _jsonl(p, per_partition, max_line(max_bytes))


def _is_parquet(p: Path) -> bool:
    try:
        with p.open("rb") as f:
            return f.read(4) == PARQUET_MAGIC
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None


def _directory(root: Path, per: int) -> Source:
    names: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = os.path.relpath(dirpath, root)
        names.extend(os.path.normpath(os.path.join(rel, f)) for f in sorted(filenames) if not f.startswith("."))
    parts = tuple({"kind": "files", "root": str(root), "names": names[i:i + per]}
                  for i in range(0, len(names), per))
    return Source(root, "directory", len(names), parts)


def _jsonl(path: Path, per: int, max_line: int) -> Source:
    """One pass over the file: the byte offset of every ``per``-th line."""
    parts: list[dict[str, Any]] = []
    start, first, lines, size, last = 0, 1, 0, 0, b"\n"
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            pos = chunk.find(b"\n")
            while pos >= 0:
                lines += 1
                if lines - first + 1 >= per:
                    end = size + pos + 1
                    parts.append({"kind": "jsonl", "path": str(path), "start": start, "end": end, "line": first,
                                  "max_line": max_line})
                    start, first = end, lines + 1
                pos = chunk.find(b"\n", pos + 1)
            size += len(chunk)
            last = chunk[-1:]
    if size > start:
        parts.append({"kind": "jsonl", "path": str(path), "start": start, "end": size, "line": first,
                      "max_line": max_line})
        lines += last != b"\n"
    return Source(path, "jsonl", lines, tuple(parts))


def _parquet(path: Path, files: list[Path], per: int) -> Source:
    pq = _pyarrow_parquet()
    parts: list[dict[str, Any]] = []
    total = 0
    for file in files:
        try:
            meta = pq.ParquetFile(file).metadata
        except Exception as exc:  # pyarrow raises its own ArrowInvalid/OSError family
            raise InputError(f"{file}: not a readable Parquet file: {exc}") from None
        names = set(meta.schema.names)
        if not names & set(CONTENT_FIELDS):
            raise InputError(f"{file}: no 'text', 'html' or 'url' column")
        row = 0
        for rg in range(meta.num_row_groups):
            n = meta.row_group(rg).num_rows
            parts.extend({"kind": "parquet", "path": str(file), "row_group": rg, "offset": o,
                          "count": min(per, n - o), "row": row + o + 1} for o in range(0, n, per))
            row += n
        total += row
    return Source(path, "parquet", total, tuple(parts))


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("Parquet needs pyarrow: pip install 'copydesk[archive]'") from None
    return pq


def read_partition(spec: dict[str, Any]) -> Iterator[Record]:
    """The records of one partition, in input order. A line or row that cannot be read becomes
    an ``error`` record, never the end of the partition."""
    kind = spec["kind"]
    if kind == "files":
        root = spec["root"]
        for name in spec["names"]:
            yield Record(clean_id(Path(name).as_posix()), "path", os.path.join(root, name), root=root)
    elif kind == "jsonl":
        yield from _read_jsonl(spec)
    elif kind == "parquet":
        yield from _read_parquet(spec)
    else:
        raise ValueError(f"unknown partition kind {kind!r}")


def max_line(max_bytes: int) -> int:
    """The longest JSONL line read: a text of ``max_bytes`` escaped as JSON (\\uXXXX for a
    character of two or three bytes) fits; a longer line is an error record, skipped unread."""
    return 3 * max_bytes + (64 << 10)


def _read_jsonl(spec: dict[str, Any]) -> Iterator[Record]:
    name = Path(spec["path"]).name
    cap = spec.get("max_line") or max_line(DEFAULT_MAX_BYTES)
    with open(spec["path"], "rb") as f:
        f.seek(spec["start"])
        left = spec["end"] - spec["start"]
        n = spec["line"] - 1
        while left > 0:
            raw = f.readline(min(left, cap + 1))  # one line at a time: memory stays one record's
            if not raw:
                break
            left -= len(raw)
            n += 1
            fallback = f"{name}:{n}"
            if len(raw) > cap:
                while left > 0 and not raw.endswith(b"\n"):  # the rest of the line, unkept
                    raw = f.readline(min(left, 1 << 20))
                    left -= len(raw)
                    if not raw:
                        break
                yield Record(fallback, "error", f"{fallback}: a line of over {human_size(cap)} (raise --max-size)")
                continue
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
                yield Record(fallback, "error", f"{fallback}: not valid JSON")
                continue
            yield record_from_object(obj, fallback)


def _read_parquet(spec: dict[str, Any]) -> Iterator[Record]:
    pq = _pyarrow_parquet()
    pf = pq.ParquetFile(spec["path"])
    columns = [c for c in ("id", *CONTENT_FIELDS, *META_FIELDS) if c in pf.schema_arrow.names]
    table = pf.read_row_group(spec["row_group"], columns=columns).slice(spec["offset"], spec["count"])
    name = Path(spec["path"]).name
    for n, row in enumerate(table.to_pylist(), spec["row"]):
        yield record_from_object(row, f"{name}:{n}")


__all__ = ["InputError", "Record", "Source", "clean_id", "open_source", "read_partition", "record_from_object", "utf8"]
