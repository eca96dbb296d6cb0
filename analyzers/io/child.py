"""How copydesk starts Python children (the analysis process, served reader sessions, batch
workers).

``python -m pkg`` puts the working directory first on ``sys.path``: a ``tui/`` or ``spacy.py``
in the directory where the user runs copydesk would run as copydesk. ``-I`` (isolated mode)
leaves the working directory, the user's site directory and every ``PYTHON*`` variable out, and
the child gets only the environment it needs.
"""

from __future__ import annotations

import os
import sys

# What a child may inherit: locale, home and the XDG/copydesk settings that say where files go.
_KEEP = ("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TERM", "COLORTERM",
         "NO_COLOR", "SSH_CONNECTION", "SSH_TTY")
_KEEP_PREFIXES = ("LC_", "XDG_", "COPYDESK_", "TEXTUAL_")


def python_command(module: str, *args: str) -> list[str]:
    """``python -I -m module args…`` with this interpreter."""
    return [sys.executable, "-I", "-m", module, *args]


def child_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in _KEEP or k.startswith(_KEEP_PREFIXES)}
    env.update(extra or {})
    return env
