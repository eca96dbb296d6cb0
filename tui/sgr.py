"""Fewer bytes per frame: the terminal's colour and attribute changes sent as differences.

Textual renders every segment as ``ESC[<style>m text ESC[0m``, so each styled word of the
article costs a full style and a reset, and even plain text between them carries an explicit
``ESC[39;49m`` (the default colours). Over SSH every byte is latency. :class:`SgrDiff` rewrites
the stream a frame at a time: it keeps the terminal's current SGR state and emits only what
changes it, holding a reset back until something is drawn (a reset followed by the next
segment's style becomes that style's difference). What reaches the screen is unchanged.

Anything it does not understand (colon sub-parameters, unknown codes, a sequence cut between
two writes) passes through verbatim and makes the state unknown until the next full reset.
"""

from __future__ import annotations

import re
from functools import lru_cache

# An escape sequence: CSI (parameters, intermediates, final byte), OSC/DCS/APC strings ended by
# BEL or ST, or a two-byte escape (not the start of one of the others, cut off at a write's end).
# Group 1 holds an SGR's parameters, group 2 a cursor position.
_ESCAPE = re.compile(
    r"\x1b\[([0-9;]*)m"
    r"|\x1b\[(\d*(?:;\d*)?)H"
    r"|\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b(?![\[\]P_^X])[ -~]"
)

State = tuple[frozenset[str], str, str, str]  # attributes, foreground, background, underline colour

# the code that sets an attribute -> the code that clears it; bold and dim share 22, the blinks
# 25, the underlines 24, frame and encircle 54
_ATTRS = {
    "1": "22", "2": "22", "3": "23", "4": "24", "21": "24", "5": "25", "6": "25", "7": "27",
    "8": "28", "9": "29", "51": "54", "52": "54", "53": "55",
}
_FOREGROUNDS = {str(n) for n in (*range(30, 38), *range(90, 98))}   # the 16 colours
_BACKGROUNDS = {str(n) for n in (*range(40, 48), *range(100, 108))}
_SLOT = {"38": 0, "39": 0, "48": 1, "49": 1, "58": 2, "59": 2}
_OFF = {off: {a for a, o in _ATTRS.items() if o == off} for off in set(_ATTRS.values())}
# underlines, reverse, strike-through, frame, encircle, overline
_SHOWN_ON_BLANKS = frozenset({"4", "21", "7", "9", "51", "52", "53"})
_DEFAULT: State = (frozenset(), "39", "49", "59")
# Clearing codes every terminal since the VT100 knows (the Linux console ignores 23 and 29, and
# a terminal that can set italics but not clear them would keep them): others go by a reset.
_SAFE_OFF = frozenset({"22", "24", "25", "27"})


@lru_cache(maxsize=4096)  # a theme has a few dozen styles: frames repeat the same few transitions
def _apply(state: State, params: str) -> State | None:
    """The state after an SGR with these parameters, or None when they are not understood."""
    on = set(state[0])
    colours = list(state[1:])  # foreground, background, underline: slots 0, 1, 2
    codes = params.split(";") if params else ["0"]
    i = 0
    while i < len(codes):
        c = codes[i].lstrip("0") or "0"
        if c == "0":
            on, colours = set(), list(_DEFAULT[1:])
        elif c in _ATTRS:
            on.add(c)
        elif c in _OFF:
            on -= _OFF[c]
        elif c in _SLOT and c.endswith("8"):  # 38;5;n or 38;2;r;g;b, and the same for 48 and 58
            n = {"5": 3, "2": 5}.get(codes[i + 1] if i + 1 < len(codes) else "", 0)
            if not n or i + n > len(codes) or not all(x.isdigit() for x in codes[i + 1:i + n]):
                return None
            colours[_SLOT[c]] = ";".join([c, *codes[i + 1:i + n]])
            i += n
            continue
        elif c in _SLOT:  # 39, 49, 59: the default again
            colours[_SLOT[c]] = c
        elif c in _FOREGROUNDS:
            colours[0] = c
        elif c in _BACKGROUNDS:
            colours[1] = c
        else:
            return None
        i += 1
    return frozenset(on), colours[0], colours[1], colours[2]


def _full(state: State) -> list[str]:
    return sorted(state[0], key=int) + [v for v, d in zip(state[1:], _DEFAULT[1:], strict=True) if v != d]


def _difference(have: State, want: State) -> list[str] | None:
    """The codes that take the terminal from ``have`` to ``want``, or None when that needs a
    clearing code not every terminal knows."""
    codes: list[str] = []
    gone = have[0] - want[0]
    added = set(want[0] - have[0])
    offs = {_ATTRS[a] for a in gone}
    if not offs <= _SAFE_OFF:
        return None
    for off in sorted(offs, key=int):
        codes.append(off)
        added |= _OFF[off] & want[0]  # 22 clears bold and dim: put back the one that stays
    codes += sorted(added, key=int)
    codes += [w for h, w in zip(have[1:], want[1:], strict=True) if h != w]
    return codes


def _sgr(codes: list[str]) -> str:
    return f"\x1b[{';'.join(codes)}m" if codes else ""


@lru_cache(maxsize=4096)
def _transition(have: State | None, want: State) -> str:
    """The shortest SGR that takes the terminal from ``have`` (None: unknown) to ``want``."""
    reset = ["0", *_full(want)] if want != _DEFAULT else ["0"]
    diff = _difference(have, want) if have is not None else None
    return _sgr(diff if diff is not None and len(";".join(diff)) <= len(";".join(reset)) else reset)


class SgrDiff:
    """Rewrites terminal output so that each SGR sends only what changes (see the module)."""

    def __init__(self) -> None:
        self.sent: State | None = None     # the terminal's state, None: unknown
        self.want: State | None = None     # what the next drawn character must have

    def forget(self) -> None:
        """Something else may have written to the terminal: start from an unknown state."""
        self.sent = self.want = None

    def _settle(self, out: list[str]) -> None:
        if self.want is None or self.want == self.sent:
            return
        out.append(_transition(self.sent, self.want))
        self.sent = self.want

    def feed(self, data: str) -> str:
        """The same output with its SGR sequences reduced; the terminal ends each call in the
        state the original output would have left it in."""
        tokens: list[str | re.Match[str]] = []
        pos = 0
        for m in _ESCAPE.finditer(data):
            if m.start() > pos:
                tokens.append(data[pos:m.start()])
            tokens.append(m)
            pos = m.end()
        if pos < len(data):
            tokens.append(data[pos:])
        # nxt[i]: what comes after token i, past style changes: "move" (a cursor position),
        # "newline" or "" (one pass from the end: a frame is thousands of tokens)
        nxt = [""] * len(tokens)
        following = ""
        for i in range(len(tokens) - 1, -1, -1):
            nxt[i] = following
            t = tokens[i]
            if isinstance(t, str):
                following = "newline" if t.startswith("\n") else ""
            elif t.group(1) is None:
                following = "move" if t.group(2) is not None else ""
        out: list[str] = []
        row: str | None = None  # the cursor's row, while this write has said it
        for i, t in enumerate(tokens):
            if isinstance(t, str):
                self._text(out, t, nxt[i] == "move")
                if "\n" in t:
                    row = None
                continue
            params = t.group(1)
            if params is not None:
                base = self.want if self.want is not None else self.sent
                if base is None and (params.split(";")[0].lstrip("0") or "0") == "0":
                    base = _DEFAULT  # a reset first: what came before no longer matters
                after = _apply(base, params) if base is not None else None
                if after is None:  # not understood: send it as it is
                    self._settle(out)
                    out.append(t.group(0))
                    self.sent = self.want = None
                else:
                    self.want = after
                continue
            if t.group(2) is not None:
                to_row = t.group(2).split(";")[0].lstrip("0") or "1"
                # moved again before anything is drawn, or a line feed that starts from this row
                # anyway (it moves, and scrolls at the bottom, from where the cursor is)
                if nxt[i] == "move" or (nxt[i] == "newline" and row == to_row):
                    continue
                row = to_row
            else:  # anything but a cursor move may draw (erase with the background) or move
                self._settle(out)
                row = None
            out.append(t.group(0))
            if t.group(2) is None and t.group(0).startswith("\x1b[") and t.group(0).endswith("m"):
                self.sent = self.want = None  # a style in a form not read here (colon sub-parameters)
        self._settle(out)
        return "".join(out)

    def _text(self, out: list[str], text: str, before_move: bool) -> None:
        self._settle(out)
        if "\x1b" in text:  # a sequence cut between two writes
            out.append(text)
            self.sent = self.want = None
            return
        # Blanks ending a run before a cursor move are erased in place (ECH) instead: the same
        # cells when the background is the terminal's own and no attribute shows on a blank.
        body = text.rstrip(" ")
        blanks = len(text) - len(body)
        if before_move and blanks > 5 and self.sent is not None and self.sent[2] == "49" \
                and not self.sent[0] & _SHOWN_ON_BLANKS:
            text = f"{body}\x1b[{blanks}X"
        out.append(text)
