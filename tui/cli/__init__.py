"""Command line: ``copydesk [read] PATH...``, ``copydesk analyze``, ``copydesk batch``,
``copydesk export``.

Never imports spaCy or Textual at module level: ``--help`` and errors stay instant.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from analyzers import LoadError
from tui.cli.common import EXIT_USAGE, error
from tui.cli.parser import SUBCOMMANDS, build_parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in SUBCOMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "read")
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        if args.command == "analyze":
            from tui.cli.analyze import run_analyze

            return run_analyze(args)
        if args.command == "batch":
            from tui.cli.batch import run_batch

            return run_batch(args)
        if args.command == "serve":
            from tui.cli.serve import run_serve

            return run_serve(args)
        if args.command == "export":
            from tui.cli.export import run_export

            return run_export(args)
        from tui.cli.read import run_read

        return run_read(args)
    except LoadError as exc:
        error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0




__all__ = ["build_parser", "main"]
