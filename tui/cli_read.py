"""``copydesk [read]``: open the reader."""

from __future__ import annotations

import argparse


def run_read(args: argparse.Namespace) -> int:
    from seeds import seed_paths

    from .app import run_app

    paths = list(args.paths) or [str(p) for p in seed_paths()]
    return run_app(paths, model=args.model, max_bytes=args.max_size)
