"""``copydesk [read]``: open the reader."""

from __future__ import annotations

import argparse


def run_read(args: argparse.Namespace) -> int:
    from .analysis_service import AnalysisService
    from .cli import EXIT_USAGE, _err
    from .restricted import Policy, RestrictedError

    policy = Policy.from_args(args)
    try:
        paths = [policy.resolve(p) for p in args.paths] if policy.restricted else list(args.paths)
        if policy.restricted and not paths:
            paths = policy.library_files()
            if not paths:
                raise RestrictedError("restricted: the library has no articles")
    except RestrictedError as exc:
        _err(str(exc))
        return EXIT_USAGE

    # First thing: the child process loads spaCy on the other core while we start the UI.
    service = AnalysisService(args.model)
    try:
        from seeds import seed_paths

        from .app import run_app

        paths = paths or [str(p) for p in seed_paths()]
        return run_app(paths, model=args.model, max_bytes=args.max_size, service=service, policy=policy)
    finally:
        service.close()
