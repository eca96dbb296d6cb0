"""``copydesk batch INPUT -o OUTPUT``: an archive in, one analysis per article out; resumable."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import EXIT_USAGE, error

if TYPE_CHECKING:
    from analyzers.batch.records import Source
    from analyzers.batch.work import Options, Row
    from analyzers.batch.writers import Writer


def run_batch(args: argparse.Namespace) -> int:
    from analyzers.batch.records import InputError, open_source
    from analyzers.batch.work import Options
    from analyzers.batch.writers import OutputError, open_writer, output_format
    from analyzers.io.fetch import FetchPolicy
    from tui.restricted import Policy

    if Policy.from_args(args).restricted:
        error("batch is not available in restricted mode")
        return EXIT_USAGE
    engine = args.engine or ("dask" if args.scheduler else "local")
    if engine == "local" and args.scheduler:
        error("--scheduler is for --engine dask")
        return EXIT_USAGE
    jobs = args.jobs or len(os.sched_getaffinity(0))
    from analyzers.store.paths import is_desk

    if os.path.isdir(args.output) and is_desk(Path(args.output)):  # -o DESK: into the desk's library
        args.output, args.format = os.path.join(args.output, "library.sqlite3"), "library"
    out_real, in_real = os.path.realpath(args.output), os.path.realpath(args.input)
    if out_real == in_real:
        error(f"{args.output}: OUTPUT is the INPUT; choose another OUTPUT")
        return EXIT_USAGE
    if os.path.isdir(in_real) and out_real.startswith(os.path.join(in_real, "")):
        error(f"{args.output}: OUTPUT inside the INPUT directory would be read as an article")
        return EXIT_USAGE
    try:
        source = open_source(args.input, args.partition_size, args.max_size)
        writer = open_writer(args.output, args.format, outlet=Path(source.path).name)
    except (InputError, OutputError) as exc:
        error(str(exc))
        return EXIT_USAGE
    private = FetchPolicy.from_settings(True if args.allow_private else None).allow_private
    options = Options(model=args.model, max_bytes=args.max_size, max_chars=args.max_chars,
                      max_seconds=args.max_seconds,
                      allow_private=private if isinstance(private, bool) else sorted(private),
                      snapshot=output_format(args.output, args.format) == "library")
    return _run(args, engine, jobs, source, writer, options)


def _run(args: argparse.Namespace, engine: str, jobs: int, source: Source, writer: Writer,
         options: Options) -> int:
    """Rows to the writer, progress to stderr, one line at the end that says how it went."""
    from analyzers.batch.local import EngineError
    from analyzers.ingest.sanitize import display
    from tui.cli.progress import Progress

    before = len(writer.done)
    todo = max(0, source.total - before)
    progress = Progress("articles") if not args.no_progress else None
    written = errors = words = 0
    status = 0
    try:
        for rows in _batches(engine, source, writer.done, options, jobs, args.scheduler):
            fresh = _unseen(rows, writer.done)
            writer.write(fresh)
            if not writer.keeps_errors:  # a library has no place for them: say them here
                for r in fresh:
                    if r.error is not None:
                        error(r.error)
            written += len(fresh)
            errors += sum(r.error is not None for r in fresh)
            words += sum(r.words for r in fresh)
            if progress:
                rate = words / max(1e-9, time.monotonic() - progress.started)
                progress.show(min(written, todo), max(todo, written),
                              f"{rate:,.0f} words/s" + (f" · {errors:,} errors" if errors else ""))
    except EngineError as exc:
        error(str(exc))
        status = EXIT_USAGE
    except OSError as exc:  # OUTPUT's disk full, INPUT gone in the middle of a run
        error(f"{getattr(exc, 'filename', None) or args.output}: {exc.strerror or exc}")
        status = EXIT_USAGE
    except KeyboardInterrupt:
        status = 130
    finally:
        writer.close()
        if progress:
            progress.done()
    how = {0: "done:", 130: "interrupted after"}.get(status, "stopped after")
    print(display(f"copydesk batch {how} {written:,} articles ({errors:,} errors); {before:,} were "
                  f"already in {args.output}"), file=sys.stderr)
    return status


def _batches(engine: str, source: Source, done: set[str], options: Options, jobs: int,
             scheduler: str | None) -> Iterator[list[Row]]:
    """Lists of rows: one row at a time from the local engine (in input order), one finished
    partition at a time from Dask."""
    from analyzers.batch.local import run_local
    from analyzers.batch.records import read_partition

    if engine == "local":
        records = (r for spec in source.partitions for r in read_partition(spec) if r.id not in done)
        for row in run_local(records, options, jobs):
            yield [row]
        return
    try:
        from analyzers.batch.dask_engine import DaskEngine
    except ImportError:
        from analyzers.batch.local import EngineError

        raise EngineError("the Dask engine needs dask and distributed: pip install 'copydesk[archive]'") from None
    yield from DaskEngine(options, scheduler, jobs).rows(source.partitions, set(done))


def _unseen(rows: Iterable[Row], done: set[str]) -> list[Row]:
    """Rows whose id the output does not hold yet: a resumed partition or an id the input
    repeats is written once."""
    out, ids = [], set()
    for r in rows:
        if r.id not in done and r.id not in ids:
            ids.add(r.id)
            out.append(r)
    return out
