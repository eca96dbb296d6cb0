"""One record in, one row out: the function every engine runs (in this process, in a worker
process, on a Dask worker). It calls the one function that turns text into an analysis
(``analyze``, or ``analyze_many`` over a stream of records: in this process and in a Dask
partition) and writes the analysis as ``copydesk analyze --jsonl`` does."""

from __future__ import annotations

import json
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from typing import Any

from analyzers.batch.records import Record, utf8
from analyzers.ingest.load import DEFAULT_MAX_BYTES, human_size, load, load_bytes, read_fd
from analyzers.model import Analysis, Document, LoadError

DEFAULT_MAX_SECONDS = 25.0
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"   # what copydesk URL asks for


@dataclass(frozen=True)
class Options:
    """The per-record limits (as in the reader) and the model; JSON-able, so they cross to
    worker processes and Dask workers as plain values."""

    model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int | None = None      # None: the pipeline's DEFAULT_MAX_CHARS
    max_seconds: float = DEFAULT_MAX_SECONDS
    allow_private: bool | list[str] = False   # url records: FetchPolicy.allow_private ("host:port"s)
    snapshot: bool = False            # rows carry the typed document and analysis (a library keeps them)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Options:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass(frozen=True, slots=True)
class Row:
    """What one record became: the analysis JSON text (analysis-schema.json), or an error."""

    id: str
    analysis: str | None
    error: str | None = None
    words: int = 0

    def __post_init__(self) -> None:
        if self.error is not None:  # a path with a stray byte in a message: still one UTF-8 line
            object.__setattr__(self, "error", utf8(self.error))

    def jsonl(self) -> str:
        """The output line: the analysis with the record's id first, or ``{"id", "error"}``."""
        rid = json.dumps(self.id, ensure_ascii=False)
        if self.analysis is None:
            return f'{{"id":{rid},"error":{json.dumps(self.error, ensure_ascii=False)}}}'
        return f'{{"id":{rid},{self.analysis[1:]}'  # the analysis is a non-empty JSON object

    def to_wire(self, seq: int) -> str:
        """One line for a pipe or a Dask result: a JSON head, a tab, the analysis. The analysis
        is passed on as text, never decoded and encoded again (JSON text holds no raw tab)."""
        head = json.dumps([seq, self.id, self.error, self.words], ensure_ascii=True)
        return f"{head}\t{self.analysis or ''}\n"

    @classmethod
    def from_wire(cls, line: str) -> tuple[int, Row]:
        head, _, analysis = line.rstrip("\n").partition("\t")
        seq, rid, error, words = json.loads(head)
        return seq, cls(rid, analysis if error is None else None, error, words)


def to_line(obj: object) -> str:
    """JSON as ``copydesk analyze --jsonl`` prints it: one line, UTF-8 as is."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def document_of(record: Record, options: Options) -> Document:
    """The Document a record names or holds, loaded exactly as the reader loads a file or a
    URL; raises LoadError (or FetchError) with a one-line reason."""
    source = record.source or record.id
    max_bytes = options.max_bytes
    if record.kind == "path":
        assert isinstance(record.value, str)
        if record.root is not None:  # a file of an input directory: never a symlink out of it
            return load_bytes(_read_member(record.root, record.value, max_bytes), record.value)
        return load(record.value, max_bytes=max_bytes)
    if record.kind == "error":
        raise LoadError(str(record.value))
    if record.kind == "url":
        from analyzers.io.fetch import FetchPolicy, fetch

        private = options.allow_private
        policy = FetchPolicy(allow_private=private if isinstance(private, bool) else frozenset(private),
                             max_bytes=max_bytes)
        page = fetch(str(record.value), policy=policy, accept=ACCEPT)
        return load_bytes(page.body, page.url)
    data = record.value if isinstance(record.value, bytes) else record.value.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        raise LoadError(f"{source}: too large: {human_size(len(data))} > {human_size(max_bytes)} limit "
                        f"(raise it with --max-size)")
    fmt = {"text": "text", "html": "html"}.get(record.kind)  # bytes: sniffed, like a file
    return load_bytes(data, source, fmt)


def _read_member(root: str, path: str, max_bytes: int) -> bytes:
    """The bytes of ``path`` inside directory ``root``, opened without following a symlink at
    any step (a link in an archive may point at a secret); LoadError if refused."""
    from analyzers.io.safe_open import OutsideError, open_beneath

    try:
        fd = open_beneath(root, os.path.relpath(path, root), allow_links=True)
    except OutsideError as exc:
        raise LoadError(str(exc).replace("in the library", "in the input directory")
                        .replace("outside the library", "outside the input directory")) from None
    except OSError as exc:
        raise LoadError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return read_fd(fd, path, max_bytes)


def analyse_record(record: Record, nlp: Any, options: Options) -> Row:
    """The record's row; whatever goes wrong with one record is its error, never the run's."""
    from analyzers.rules.pipeline import DEFAULT_MAX_CHARS, analyze

    doc, failed = _loaded(record, options)
    if doc is None:
        return failed  # type: ignore[return-value]
    try:
        analysis: Exception | Analysis = analyze(doc, nlp, max_chars=options.max_chars or DEFAULT_MAX_CHARS,
                                                 max_seconds=options.max_seconds)
    except Exception as exc:  # a rule bug on one article must not end an archive run
        analysis = exc
    return _row(record, doc, analysis, options)


def analyse_records(records: Iterable[Record], model: Callable[[], Any], options: Options) -> Iterator[Row]:
    """``analyse_record`` of each record, in order, faster: short articles share spaCy batches
    (``analyze_many``). ``model()`` gives the pipeline; it is called once, when the first
    record has loaded (a run whose records all fail to load needs no model)."""
    from analyzers.rules.pipeline import DEFAULT_MAX_CHARS, analyze_many

    source = iter(records)
    pending: deque[tuple[Record, Document | None, Row | None]] = deque()
    for record in source:
        pending.append((record, *_loaded(record, options)))
        if pending[-1][1] is not None:
            break
        yield pending.popleft()[2]  # type: ignore[misc]
    if not pending:
        return
    nlp = model()

    def documents() -> Iterator[Document | None]:
        yield pending[0][1]
        for rec in source:
            pending.append((rec, *_loaded(rec, options)))
            yield pending[-1][1]

    for outcome in analyze_many(documents(), nlp, max_chars=options.max_chars or DEFAULT_MAX_CHARS,
                                max_seconds=options.max_seconds):
        rec, doc, row = pending.popleft()
        yield row if doc is None else _row(rec, doc, outcome, options)  # type: ignore[misc]


def _loaded(record: Record, options: Options) -> tuple[Document | None, Row | None]:
    """The record's document, or the row that says why it has none."""
    from analyzers.io.fetch import FetchError

    try:
        return document_of(record, options), None
    except (LoadError, FetchError) as exc:
        return None, Row(record.id, None, " ".join(str(exc).split()))
    except (OSError, ValueError) as exc:  # load() turns these into LoadError; belt and braces
        return None, Row(record.id, None, f"{record.id}: cannot read: {exc}")


def _row(record: Record, doc: Document, analysis: Analysis | Exception | None, options: Options) -> Row:
    from analyzers.serialize import document_snapshot, snapshot_to_json, to_json

    if not isinstance(analysis, Analysis):
        return _failed(record, analysis or ValueError("no analysis"))
    try:
        if options.snapshot:
            # "fetched": the text came from its URL, not from a record that only names one
            text = to_line({"document": document_snapshot(doc), "analysis": snapshot_to_json(analysis),
                            "meta": record.meta or {}, "fetched": record.kind == "url"})
        else:
            text = to_line(to_json(analysis, doc))
        text = utf8(text)  # a source path with a stray byte: JSON escapes, never a broken write
    except Exception as exc:  # a rule bug on one article must not end an archive run
        return _failed(record, exc)
    return Row(record.id, text, None, len(doc.text.split()))


def _failed(record: Record, exc: Exception) -> Row:
    return Row(record.id, None, f"{record.id}: analysis failed: {type(exc).__name__}: {exc}")


# -- the model, once per process -------------------------------------------------------------

model_lock = threading.Lock()  # loading, and a Dask worker's threads parsing in turn


def model_for(name: str | None) -> Any:
    """The spaCy pipeline for this process, loaded on first use (``load_model`` is cached; the
    lock keeps two threads of one Dask worker from loading it twice). Raises ModelError."""
    from analyzers.rules.spacy_model import load_model

    with model_lock:
        return load_model(name)


__all__ = ["Options", "Row", "analyse_record", "analyse_records", "document_of", "model_for", "model_lock", "to_line"]
