"""Text for narrow lists (the sidebar, the library's listings): wrapped with a hanging indent,
and one-line clips."""

from __future__ import annotations

import io
from functools import lru_cache

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text


@lru_cache(maxsize=1)
def _measuring_console() -> Console:
    return Console(width=200, color_system=None, legacy_windows=False, file=io.StringIO())


def hang(text: Text, width: int) -> Text:
    """``text`` wrapped to ``width`` cells with a hanging indent: a line's continuation lines
    start under its own first character (at least two columns in), never at column 0."""
    out = Text()
    for n, line in enumerate(text.split("\n", allow_blank=True)):
        if n:
            out.append("\n")
        plain = line.plain
        if cell_len(plain) <= width:  # the common case: nothing to wrap
            out.append_text(line)
            continue
        lead = len(plain) - len(plain.lstrip(" "))
        indent = max(2, lead)
        for k, part in enumerate(_wrap_hanging(line[lead:], width - lead, width - indent)):
            out.append("\n" + " " * indent if k else " " * lead)
            part.rstrip()
            out.append_text(part)
    return out


def _wrap_hanging(body: Text, first: int, later: int) -> list[Text]:
    """``body`` as lines: the first fits ``first`` cells, the others ``later``."""
    console = _measuring_console()
    lines = body.wrap(console, max(10, first))
    if len(lines) <= 1:
        return list(lines)
    head = lines[0]
    rest = body[len(head.plain):]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")):]
    return [head, *rest.wrap(console, max(10, later))]


def clip(s: str, n: int) -> str:
    """``s`` on one line, at most ``n`` characters (an ellipsis says where it was cut)."""
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
