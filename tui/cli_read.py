"""``copydesk [read]``: open the reader."""

from __future__ import annotations

import argparse


def run_read(args: argparse.Namespace) -> int:
    from .analysis_service import AnalysisService

    # First thing: the child process loads spaCy on the other core while we start the UI.
    service = AnalysisService(args.model)
    try:
        from seeds import seed_paths

        from .app import run_app

        paths = list(args.paths) or [str(p) for p in seed_paths()]
        return run_app(paths, model=args.model, max_bytes=args.max_size, service=service)
    finally:
        service.close()
