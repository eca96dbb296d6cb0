"""Command line: ``copydesk [read] PATH...``, ``copydesk analyze``, ``copydesk batch``,
``copydesk export``.

Never imports spaCy or Textual at module level: ``--help`` and errors stay instant.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from importlib import import_module

from analyzers import LoadError
from analyzers.io.urls import FetchError  # not io.fetch: it loads with the commands that fetch
from tui.cli.common import EXIT_USAGE, error
from tui.cli.parser import SUBCOMMANDS, build_parser

# subcommand -> (module, function): imported only when run, so --help stays instant
COMMANDS = {
    "read": ("tui.cli.read", "run_read"),
    "analyze": ("tui.cli.analyze", "run_analyze"),
    "batch": ("tui.cli.batch", "run_batch"),
    "export": ("tui.cli.export", "run_export"),
    "serve": ("tui.cli.serve", "run_serve"),
    "feeds": ("tui.cli.library", "run_feeds"),
    "update": ("tui.cli.library", "run_update"),
    "library": ("tui.cli.library", "run_library"),
    "sources": ("tui.cli.across", "run_sources"),
    "outlets": ("tui.cli.across", "run_outlets"),
    "search": ("tui.cli.across", "run_search"),
    "desk": ("tui.cli.desk", "run_desk"),
    "factchecks": ("tui.cli.factchecks", "run_factchecks"),
}


def _take_desk(args: list[str]) -> list[str]:
    """``--desk DIR`` anywhere before ``--``: the shared desk every part of this run (and the
    processes it starts) works on, through COPYDESK_DESK."""
    import os

    out: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return out + args[i:]
        if a == "--desk" and i + 1 < len(args):
            os.environ["COPYDESK_DESK"] = os.path.abspath(args[i + 1])
            i += 2
            continue
        if a.startswith("--desk="):
            os.environ["COPYDESK_DESK"] = os.path.abspath(a.split("=", 1)[1])
        else:
            out.append(a)
        i += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args_list = _take_desk(list(sys.argv[1:] if argv is None else argv))
    if not args_list or (args_list[0] not in SUBCOMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "read")
    parser = build_parser(only=args_list[0] if args_list[0] in SUBCOMMANDS else None)
    args = parser.parse_args(args_list)
    module, function = COMMANDS.get(args.command, COMMANDS["read"])
    collecting = gc.isenabled()
    if module == "tui.cli.read":
        # Start-up creates objects that live as long as the reader (modules, classes, styles):
        # collecting cycles among them is time taken from the first paint. The app turns the
        # collector back on after its first frame (tui/app.py), or the finally below does.
        gc.disable()
    try:
        return getattr(import_module(module), function)(args)  # type: ignore[no-any-return]
    except (LoadError, FetchError) as exc:
        error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    finally:
        if collecting:
            gc.enable()




__all__ = ["build_parser", "main"]
