"""``copydesk serve``: the reader in a browser, one reader process per visitor (textual-serve).

Bound to 127.0.0.1 by default and locked with a secret token printed at start (see
tui/services/web for what it guards against)."""

from __future__ import annotations

import argparse
import shlex
import sys

from analyzers import LoadError
from tui.cli.common import EXIT_USAGE, error
from tui.services.child import python_command


def reader_command(args: argparse.Namespace) -> list[str]:
    """The command each browser session runs: the same reader, the same options, in serve mode
    (writes only to the data directory)."""
    cmd = python_command("tui.cli", "read", *args.paths, "--max-size", str(args.max_size), "--served")
    if args.model:
        cmd += ["--model", args.model]
    if args.theme:
        cmd += ["--theme", args.theme]
    if args.restricted:
        cmd.append("--restricted")
    if args.library:
        cmd += ["--library", args.library]
    if getattr(args, "allow_fetch", None):
        cmd += ["--fetch-hosts", ",".join(args.allow_fetch)]
    return cmd


def run_serve(args: argparse.Namespace) -> int:
    from tui.restricted import Policy, RestrictedError

    policy = Policy.from_args(args)
    if args.no_token and not policy.restricted:
        error("--no-token is only allowed with --restricted: without a token any local user or web "
             "page could drive the reader")
        return EXIT_USAGE
    if args.max_sessions < 1:
        error("--max-sessions must be at least 1")
        return EXIT_USAGE
    try:
        for path in args.paths:  # a bad path is said here, not in every visitor's browser
            policy.load(path, args.max_size)
    except (RestrictedError, LoadError) as exc:
        error(str(exc))
        return EXIT_USAGE
    try:
        from tui.services.web import ReaderServer, new_token
    except ImportError:
        error("copydesk serve needs textual-serve: pip install textual-serve")
        return EXIT_USAGE
    token = None if args.no_token else new_token()
    server = ReaderServer(shlex.join(reader_command(args)), host=args.host, port=args.port,
                          token=token, public_url=args.public_url, max_sessions=args.max_sessions)
    print(f"copydesk: serving the reader at {server.page_url()} (Ctrl+C stops; at most "
          f"{args.max_sessions} readers at once)", file=sys.stderr, flush=True)
    try:
        server.serve()
    except OSError as exc:
        error(f"can't listen on {args.host}:{args.port}: {exc.strerror or exc}")
        return EXIT_USAGE
    return 0
