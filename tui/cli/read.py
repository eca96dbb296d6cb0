"""``copydesk [read]``: open the reader."""

from __future__ import annotations

import argparse
import os
from collections.abc import MutableMapping


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
    try:
        paths = [policy.resolve(p) for p in args.paths] if policy.restricted else list(args.paths)
        if policy.restricted and not paths:
            paths = policy.library_files()
            if not paths:
                raise RestrictedError("restricted: the library has no articles")
    except RestrictedError as exc:
        error(str(exc))
        return EXIT_USAGE

    # First thing: the child process loads spaCy on the other core while we start the UI.
    service = AnalysisService(args.model)
    try:
        from seeds import seed_paths
        from tui.app import run_app

        paths = paths or [str(p) for p in seed_paths()]
        return run_app(paths, model=args.model, max_bytes=args.max_size, service=service, policy=policy,
                       theme=args.theme)
    finally:
        service.close()
