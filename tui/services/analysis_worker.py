"""The child process behind AnalysisService: ``python -I -m tui.services.analysis_worker [MODEL]``."""

from __future__ import annotations

import contextlib
import os
import select
import sys
import threading
import time
from collections import deque

from analyzers.settings import settings
from tui.services.analysis import ANALYSIS_SECONDS, _devnull_stdio, read_frame, write_frame

HEARTBEAT_SECONDS = 1.0  # while a job runs: tells the reader we are working, not stopped


def main() -> int:
    inp, raw_out = _devnull_stdio()
    lock = threading.Lock()

    class _Out:
        """Frames from the job loop and from the heartbeat thread never interleave."""

        def write(self, data: bytes) -> None:
            with lock:
                raw_out.write(data)

        def flush(self) -> None:
            with lock:
                raw_out.flush()

    out = _Out()

    def heartbeat() -> None:
        # from the first moment (the model takes seconds to load): a child that says nothing for
        # a while has stopped, been stopped, or hangs in code that never lets go of the GIL
        while True:
            time.sleep(HEARTBEAT_SECONDS)
            try:
                write_frame(out, ("alive", None, None))
            except (BrokenPipeError, OSError, ValueError):
                return

    threading.Thread(target=heartbeat, name="heartbeat", daemon=True).start()
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

    def poll() -> bool:
        """Between paragraphs: read what the parent sent meanwhile; True when the current job
        should stop."""
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
