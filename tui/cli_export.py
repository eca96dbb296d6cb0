"""``copydesk export``: the review of an article as Markdown, JSON or CSV."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from analyzers import load

from .cli import EXIT_USAGE, _err


def write_atomically(path: Path, text: str) -> None:
    """Write a whole file or nothing: a crash never leaves half a report behind."""
    path = path.expanduser()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_export(args: argparse.Namespace) -> int:
    from analyzers import cache
    from analyzers.nlp import ModelError, load_model
    from analyzers.pipeline import DEFAULT_MAX_CHARS, analyze
    from analyzers.report import render
    from analyzers.review import Review
    from analyzers.review_store import ReviewStore, ReviewStoreError

    from .restricted import Policy, RestrictedError

    policy = Policy.from_args(args)
    try:
        policy.check_read(args.path)
        if args.output:
            policy.check_write(args.output)
    except RestrictedError as exc:
        _err(str(exc))
        return EXIT_USAGE
    doc = load(args.path, max_bytes=args.max_size)
    try:
        store = ReviewStore()
    except ReviewStoreError as exc:
        _err(str(exc))
        return EXIT_USAGE
    max_chars = args.max_chars or DEFAULT_MAX_CHARS
    analysis = cache.get(doc, args.model, max_chars)  # what the reader showed, if it was opened
    if analysis is None:
        try:
            nlp = load_model(args.model)
        except ModelError as exc:
            _err(str(exc))
            return EXIT_USAGE
        analysis = analyze(doc, nlp, max_chars=max_chars, max_seconds=args.max_seconds)
        cache.put(analysis, args.model, max_chars)
    text = render(analysis, Review(store, doc), args.format)
    store.close()
    if args.output and args.output != "-":
        try:
            write_atomically(Path(args.output), text)
        except OSError as exc:
            _err(f"can't write {args.output}: {exc.strerror or exc}")
            return EXIT_USAGE
        print(f"copydesk: wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0
