"""The child process behind AnalysisService: ``python -I -m tui.services.analysis_worker [MODEL]``."""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections import deque

from analyzers.settings import settings
from tui.services.analysis import ANALYSIS_SECONDS, _devnull_stdio, read_frame, write_frame

HEARTBEAT_SECONDS = 1.0  # while a job runs: tells the reader we are working, not stopped


def main() -> int:
    inp, out = _devnull_stdio()
    with contextlib.suppress(OSError):
        # The reader paints while we load spaCy; on a busy machine it should win the CPU.
        os.nice(settings().worker_nice)
    from analyzers.rules.pipeline import analyze_stream
    from analyzers.rules.spacy_model import ModelError, load_model

    model = sys.argv[1] if len(sys.argv) > 1 else None
    try:
        nlp = load_model(model)
        write_frame(out, ("ready", None, None))
    except ModelError as exc:
        write_frame(out, ("fatal", None, str(exc)))
        nlp = None
    pending: deque = deque()
    cancelled: set[int] = set()
    beat = [time.monotonic()]

    def poll() -> bool:
        """Between paragraphs: say we are alive, read what the parent sent meanwhile; True when
        the current job should stop."""
        now = time.monotonic()
        if now - beat[0] >= HEARTBEAT_SECONDS:
            beat[0] = now
            write_frame(out, ("alive", current, None))
        while select.select([inp], [], [], 0)[0]:
            msg = read_frame(inp)
            if msg[0] == "cancel":
                cancelled.add(msg[1])
            else:
                pending.append(msg)
        return bool(pending) or current in cancelled

    current = 0
    while True:
        msg = pending.popleft() if pending else read_frame(inp)
        if msg[0] == "quit":
            return 0
        if msg[0] != "job":
            if msg[0] == "cancel":
                cancelled.add(msg[1])
            continue
        _, current, doc = msg
        if current in cancelled:
            continue
        if nlp is None:
            write_frame(out, ("error", current, "no language model"))
            continue
        beat[0] = time.monotonic()
        try:
            for snap in analyze_stream(doc, nlp, cancelled=poll, max_seconds=ANALYSIS_SECONDS):
                write_frame(out, ("update", current, snap))
        except (BrokenPipeError, EOFError):
            return 0
        except Exception as exc:  # a rule bug must not end the service
            write_frame(out, ("error", current, f"analysis stopped: {type(exc).__name__}: {exc}"))
        if pending and pending[0][0] == "quit":
            return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        sys.exit(0)
