"""``copydesk [read]``: open the reader."""

from __future__ import annotations

import argparse
import os
from collections.abc import MutableMapping

SMALL_ARTICLE = 100_000  # characters: its cached analysis is read before the first paint


def remote_defaults(environ: MutableMapping[str, str]) -> None:
    """Over SSH every byte is latency: no animations and no pixel ("smooth") scrolling, unless
    the user asked for them. Must run before Textual is imported (it reads these once)."""
    if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"):
        environ.setdefault("TEXTUAL_SMOOTH_SCROLL", "0")
        environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def run_read(args: argparse.Namespace) -> int:
    remote_defaults(os.environ)
    from tui.cli.common import EXIT_USAGE, error
    from tui.restricted import Policy, RestrictedError
    from tui.services.analysis import AnalysisService

    policy = Policy.from_args(args)
    paths = list(args.paths)
    if not paths:  # the library, with files beside it: the samples, or restricted mode's directory
        from tui.app import run_app

        try:
            files = policy.library_files() if policy.restricted else _seeds()
        except RestrictedError as exc:
            error(str(exc))
            return EXIT_USAGE
        return run_app([], library_files=files, files_label="Library files" if policy.restricted else "Samples",
                       model=args.model, max_bytes=args.max_size, policy=policy, theme=args.theme)
    from analyzers import LoadError
    from analyzers.io.urls import FetchError, is_url

    document = analysis = None
    try:
        if not is_url(paths[0]):
            paths = [policy.resolve(p) for p in paths] if policy.restricted else paths
        if len(paths) == 1:
            if is_url(paths[0]):
                from tui.cli.library import fetch_document

                document = fetch_document(paths[0], args)
            else:
                document = policy.load(paths[0], args.max_size)
    except (LoadError, RestrictedError, FetchError) as exc:
        error(str(exc))
        return EXIT_USAGE
    if document is not None and len(document.text) <= SMALL_ARTICLE:
        # a big entry is read after the first paint instead
        from analyzers.limits import DEFAULT_MAX_CHARS
        from analyzers.store import cache

        analysis = cache.get(document, args.model, DEFAULT_MAX_CHARS)  # shown with the article
    # Unless the analysis is at hand, the child process loads spaCy on the other core now, while
    # the UI starts (tui/launch.py may have started it already); a cached article never needs it.
    from tui.launch import discard, take_analysis_process

    early = take_analysis_process(args.model)
    if analysis is not None:
        discard(early)
    service = AnalysisService(args.model, early) if analysis is None else None
    try:
        from tui.app import run_app

        return run_app(paths, document=document, analysis=analysis, model=args.model,
                       max_bytes=args.max_size, service=service, policy=policy, theme=args.theme,
                       from_stdin=paths == ["-"])
    finally:
        if service is not None:
            service.close()


def _seeds() -> list[str]:
    from seeds import seed_paths

    return [str(p) for p in seed_paths()]
