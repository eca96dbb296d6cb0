"""``copydesk analyze``: the headless analysis for pipelines."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from analyzers import LoadError
from analyzers.ingest.sanitize import display
from analyzers.model import Analysis, Document
from tui.cli.common import EXIT_USAGE, error, load_nlp, print_json

if TYPE_CHECKING:
    from analyzers.batch.records import Record
    from tui.restricted import Policy


def _summary(a: Analysis, doc: Document) -> str:
    lines = [f"{display(doc.title)}  ({display(doc.source)}, {doc.format})"]
    lines.append(f"  {len(a.entities)} entities, {len(a.quotes)} quotes, {len(a.sources)} sources, "
                 f"{len(a.claims)} claims; anonymous share {a.anonymous_share():.0%}")
    for q in a.quotes:
        who = q.speaker.name if q.speaker else "?"
        cue = q.cue.text if q.cue else "—"
        lines.append(f"  [{q.kind[:3]}] {display(who)} — {display(cue)} — {display(q.text[:90])}")
    for w in doc.warnings + a.warnings:
        lines.append(f"  ! {w.kind}: {display(w.message)}")
    return "\n".join(lines)


def run_analyze(args: argparse.Namespace) -> int:
    from analyzers.rules.pipeline import DEFAULT_MAX_CHARS, analyze_many
    from analyzers.serialize import to_json

    if args.json and len(args.paths) > 1:
        error("--json prints one analysis: give one path, or use --jsonl for several")
        return EXIT_USAGE
    from tui.restricted import Policy, RestrictedError

    policy = Policy.from_args(args)
    if args.jsonl:
        return _run_jsonl(args, policy)
    if args.jobs > 1:
        error("--jobs works with --jsonl")
        return EXIT_USAGE
    status = 0
    docs: list[Document | None] = []
    from analyzers.io.fetch import FetchError, is_url
    from tui.cli.library import fetch_document

    for path in args.paths:
        try:
            docs.append(fetch_document(path, args, keep=False) if is_url(path) else policy.load(path, args.max_size))
        except (LoadError, RestrictedError, FetchError) as exc:
            error(str(exc))
            docs.append(None)
            status = EXIT_USAGE
    if not any(docs):
        return status
    nlp = load_nlp(args.model)
    if nlp is None:
        return EXIT_USAGE
    max_chars = args.max_chars or DEFAULT_MAX_CHARS
    for doc, analysis in zip(docs, analyze_many(docs, nlp, max_chars=max_chars, max_seconds=args.max_seconds),
                             strict=True):
        if doc is None:
            continue
        if isinstance(analysis, Exception):
            raise analysis
        assert analysis is not None
        if args.json:
            print_json(_with_factchecks(to_json(analysis, doc), analysis, policy), lines=False)
        else:
            sys.stdout.write(_summary(analysis, doc) + "\n")
    return status


def _with_factchecks(out: dict[str, Any], analysis: Analysis, policy: Policy) -> dict[str, Any]:
    """The claims checked before carry their earlier fact-checks (when the library has some)."""
    from analyzers.store.desk import Desk
    from analyzers.store.library.factchecks import add_to_claims
    from tui.cli.factchecks import claim_matches

    found = claim_matches(Desk(read_only=policy.restricted), analysis)
    return add_to_claims(out, found) if found else out


def _run_jsonl(args: argparse.Namespace, policy: Policy) -> int:
    """One line per path, in order; with ``--jobs N`` the same lines from N worker processes
    (``analyzers.batch``: the function each record goes through is the batch's own). A path
    that fails is a line ``{"source", "error"}``, one line on stderr and exit status 2, never
    the end of the run."""
    from analyzers.batch.local import EngineError, run_local
    from analyzers.batch.work import Options, to_line

    options = Options(model=args.model, max_bytes=args.max_size, max_chars=args.max_chars,
                      max_seconds=args.max_seconds)
    status = 0
    try:
        for row in run_local(_records(args, policy), options,
                             0 if args.jobs <= 1 else args.jobs):
            if row.analysis is None:  # a line of its own too: output lines match inputs one to one
                error(row.error or "failed")
                sys.stdout.write(to_line({"source": row.id, "error": " ".join((row.error or "failed").split())}) + "\n")
                sys.stdout.flush()
                status = EXIT_USAGE
            else:
                sys.stdout.write(row.analysis + "\n")
                sys.stdout.flush()
    except EngineError as exc:
        error(str(exc))
        return EXIT_USAGE
    return status


def _records(args: argparse.Namespace, policy: Policy) -> Iterator[Record]:
    """Workers open plain paths themselves; stdin, URLs and restricted mode's checked opening
    happen here, and the workers get the bytes."""
    from analyzers.batch.records import Record
    from analyzers.io.fetch import FetchError, is_url
    from tui.cli.library import fetch_page
    from tui.restricted import RestrictedError

    for path in args.paths:
        if path != "-" and not is_url(path) and not policy.restricted:
            yield Record(path, "path", path)
            continue
        try:
            source, data = fetch_page(path, args) if is_url(path) else policy.read(path, args.max_size)
        except (LoadError, RestrictedError, FetchError) as exc:
            yield Record(path, "error", str(exc))
            continue
        yield Record(path, "bytes", data, source)
