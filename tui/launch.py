"""The ``copydesk`` command. Reading one article starts the analysis process before anything
else is imported: spaCy then loads on the other core while the command line and the reader are
imported (about 50 ms it would otherwise wait for). Every other command goes straight on to
``tui.cli``; ``python -m tui.cli`` never starts one early."""

from __future__ import annotations

import os
import subprocess
import sys

_early: list[tuple[subprocess.Popen[bytes], str | None]] = []  # (process, model) until the reader takes it


def reads_one_article(args: list[str]) -> bool:
    """``copydesk FILE`` or ``copydesk read FILE`` (a file that exists, or a URL), and nothing else:
    any option, a second path or a subcommand takes the ordinary way."""
    if args[:1] == ["read"]:
        args = args[1:]
    if len(args) != 1 or args[0].startswith("-"):
        return False
    return args[0].startswith(("http://", "https://")) or os.path.isfile(args[0])


def take_analysis_process(model: str | None) -> subprocess.Popen[bytes] | None:
    """The analysis process started for this run with ``model``, once; None when none was (one
    started for another model is ended)."""
    if not _early:
        return None
    process, started_for = _early.pop()
    if started_for != model:
        discard(process)
        return None
    return process


def discard(process: subprocess.Popen[bytes] | None) -> None:
    """An early process nobody needed (the analysis was in the cache, the file was refused)."""
    if process is not None:
        process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()


def main() -> int:
    if reads_one_article(sys.argv[1:]):
        from tui.services.worker_process import start_worker

        # Settings.model, without importing settings (and reading the config file) first; the
        # reader checks that it asks for the same model (take_analysis_process)
        model = os.environ.get("COPYDESK_MODEL") or None
        _early.append((start_worker(model), model))
    try:
        from tui.cli import main as run

        return run()
    finally:
        while _early:
            discard(_early.pop()[0])
