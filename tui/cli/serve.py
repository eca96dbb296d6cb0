"""``copydesk serve``: the reader in a browser through textual-serve, one process per visitor.

Bound to 127.0.0.1 by default; it has no authentication of its own (see README)."""

from __future__ import annotations

import argparse
import shlex
import sys

from tui.cli import EXIT_USAGE, _err


def reader_command(args: argparse.Namespace) -> list[str]:
    """The command each browser session runs: the same reader, the same options."""
    cmd = [sys.executable, "-m", "tui.cli", "read", *args.paths, "--max-size", str(args.max_size)]
    if args.model:
        cmd += ["--model", args.model]
    if args.theme:
        cmd += ["--theme", args.theme]
    if args.restricted:
        cmd.append("--restricted")
    if args.library:
        cmd += ["--library", args.library]
    return cmd


def run_serve(args: argparse.Namespace) -> int:
    from tui.restricted import Policy, RestrictedError

    policy = Policy.from_args(args)
    try:
        for path in args.paths:
            policy.check_read(path)
    except RestrictedError as exc:
        _err(str(exc))
        return EXIT_USAGE
    try:
        from textual_serve.server import Server
    except ImportError:
        _err("copydesk serve needs textual-serve: pip install textual-serve")
        return EXIT_USAGE
    command = shlex.join(reader_command(args))
    print(f"copydesk: serving the reader on http://{args.host}:{args.port} (Ctrl+C stops); "
          "put authentication in front of it before exposing it", file=sys.stderr)
    Server(command, host=args.host, port=args.port, title="copydesk").serve()
    return 0
