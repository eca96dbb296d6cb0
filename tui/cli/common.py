"""What every subcommand shares: the exit status for refusals, the one-line error, the model
loader and the JSON printer."""

from __future__ import annotations

import json
import sys

EXIT_USAGE = 2


def error(message: str) -> None:
    """One line on stderr, through the one sanitising step (messages quote file names)."""
    from analyzers.ingest.sanitize import display

    print(f"copydesk: {display(' '.join(message.split()))}", file=sys.stderr)


def load_nlp(model: str | None) -> object | None:
    """The spaCy pipeline, or None after saying in one line why there is none."""
    from analyzers.rules.spacy_model import ModelError, load_model

    try:
        return load_model(model)
    except ModelError as exc:
        error(str(exc))
        return None


def print_json(obj: object, *, lines: bool) -> None:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":") if lines else None,
                      indent=None if lines else 2)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()

