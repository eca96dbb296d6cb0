"""``copydesk analyze``: the headless analysis for pipelines."""

from __future__ import annotations

import argparse
import sys

from analyzers import LoadError
from analyzers.ingest.sanitize import display
from analyzers.model import Analysis, Document
from tui.cli.common import EXIT_USAGE, error, load_nlp, print_json


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
    from analyzers.io.serialize import to_json
    from analyzers.rules.pipeline import DEFAULT_MAX_CHARS, analyze

    if args.json and len(args.paths) > 1:
        error("--json prints one analysis: give one path, or use --jsonl for several")
        return EXIT_USAGE
    from tui.restricted import Policy, RestrictedError

    policy = Policy.from_args(args)
    status = 0
    docs: list[Document | None] = []
    from analyzers.fetch import FetchError, is_url
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
    for doc in docs:
        if doc is None:
            continue
        analysis = analyze(doc, nlp, max_chars=max_chars, max_seconds=args.max_seconds)
        if args.json or args.jsonl:
            print_json(to_json(analysis, doc), lines=args.jsonl)
        else:
            sys.stdout.write(_summary(analysis, doc) + "\n")
    return status
