"""A batch worker process: ``python -I -m analyzers.batch.worker OPTIONS_JSON``.

Reads one batch of records per line on stdin (``{"batch": [{"seq": N, ...record}, ...]}``),
writes one row per record on stdout (see ``Row.to_wire``), in order, as each is done; the
articles of a batch share spaCy batches (``analyse_records``). Its first line says whether the
model loaded: ``["ready"]`` or ``["fatal", reason]``. Ends when stdin does.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> int:
    # The pipes are for rows; anything a library prints goes to stderr (the parent drops it).
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    from analyzers.batch.records import Record
    from analyzers.batch.work import Options, analyse_records, model_for
    from analyzers.rules.spacy_model import ModelError

    options = Options.from_json(json.loads(sys.argv[1]))
    try:
        nlp = model_for(options.model)
    except ModelError as exc:
        out.write((json.dumps(["fatal", str(exc)]) + "\n").encode())
        return 1
    out.write(b'["ready"]\n')
    for line in sys.stdin.buffer:
        batch = json.loads(line)["batch"]
        rows = analyse_records((Record.from_wire(msg) for msg in batch), lambda: nlp, options)
        for msg, row in zip(batch, rows, strict=True):
            out.write(row.to_wire(msg["seq"]).encode("utf-8"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(0)
