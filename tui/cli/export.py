"""``copydesk export``: the review of an article as Markdown, JSON or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analyzers.io.atomic import write_atomically
from tui.cli.common import EXIT_USAGE, error, load_nlp


def run_export(args: argparse.Namespace) -> int:
    from analyzers.io.fetch import is_url
    from analyzers.rules.pipeline import DEFAULT_MAX_CHARS, analyze
    from analyzers.store import cache
    from analyzers.store.desk import Desk, DeskError
    from analyzers.store.review.export import render
    from analyzers.store.review.session import Review
    from tui.restricted import Policy, RestrictedError

    policy = Policy.from_args(args)
    desk = Desk(read_only=policy.restricted)
    try:
        if args.output:
            policy.check_write(args.output)
        if is_url(args.path):  # an article of the library: its newest version, never fetched here
            found = desk.newest_document(args.path)
            if found is None:
                error(f"{args.path}: not in the library (open it with 'copydesk URL' or add its feed)")
                return EXIT_USAGE
            doc = found
        else:
            policy.check_read(args.path)
            doc = policy.load(args.path, args.max_size)  # library-relative in restricted mode
    except (RestrictedError, DeskError) as exc:
        error(str(exc))
        return EXIT_USAGE
    try:
        store = desk.open_review()
    except DeskError as exc:
        error(str(exc))
        return EXIT_USAGE
    max_chars = args.max_chars or DEFAULT_MAX_CHARS
    analysis = cache.get(doc, args.model, max_chars)  # what the reader showed, if it was opened
    if analysis is None:
        nlp = load_nlp(args.model)
        if nlp is None:
            return EXIT_USAGE
        analysis = analyze(doc, nlp, max_chars=max_chars, max_seconds=args.max_seconds)
        cache.put(analysis, doc, args.model, max_chars)
    from tui.cli.factchecks import claim_matches

    text = render(analysis, Review(store, doc), args.format, factchecks=claim_matches(desk, analysis))
    store.close()
    if args.output and args.output != "-":
        try:
            write_atomically(Path(args.output), text)
        except OSError as exc:
            error(f"can't write {args.output}: {exc.strerror or exc}")
            return EXIT_USAGE
        print(f"copydesk: wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0
