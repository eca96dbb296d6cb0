"""The one sanitising step between decoded text and anything that is shown or stored.

Runs after every decoding (bytes, HTML entities, Markdown entities). It never changes the
length of the text it is given (apart from newline normalisation), so offsets into a plain-text
file stay offsets into ``Document.text``:

- C0 controls and DEL become visible Control Pictures (ESC -> ``␛``);
- C1 controls, almost always Windows-1252 text decoded wrongly, become the cp1252 character;
- bidi embeddings, overrides and isolates become a visible ``⇄`` (they can't reorder anything);
- Unicode TAG characters, which can hide ASCII, are spelled out as the ASCII they carry;
- invisible format characters (zero-width, soft hyphen) stay, are counted, and are ignored
  wherever names are compared (``names.fold``) and dropped where text is drawn.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field

from analyzers.model import Notice

_BREAKS = "\r\x85\u2028\u2029"  # line breaks other than \n
_NEWLINES = re.compile(f"\r\n|[{_BREAKS}]")

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
BIDI_MARK = "⇄"
# Invisible characters that have no business inside news prose and are used to disguise names.
INVISIBLE = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064"
    "\u3164\u2800\ufeff\uffa0\ufff9\ufffa\ufffb"
)
_TAG_RANGE = "\U000e0000-\U000e007f"


_TABLE: dict[int, str] = {}
for _cp in range(0x20):
    if _cp not in (0x09, 0x0A):
        _TABLE[_cp] = chr(0x2400 + _cp)
_TABLE[0x7F] = "\u2421"
for _cp in range(0x80, 0xA0):
    _TABLE[_cp] = bytes([_cp]).decode("cp1252", errors="replace")  # undefined ones -> U+FFFD
for _ch in BIDI_CONTROLS:
    _TABLE[ord(_ch)] = BIDI_MARK
for _cp in range(0xE0000, 0xE0080):
    _TABLE[_cp] = chr(_cp - 0xE0000) if 0x20 <= _cp - 0xE0000 < 0x7F else "\ufffd"

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_TAGS = re.compile(f"[{_TAG_RANGE}]+")
_SUSPECT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}{INVISIBLE}{_TAG_RANGE}]")


def normalise_newlines(text: str) -> str:
    # str's own search is ~20x faster than the regex's scan, and most text has none of these
    if all(c not in text for c in _BREAKS):
        return text
    return _NEWLINES.sub("\n", text)


@dataclass
class Sanitizer:
    """Cleans text chunk by chunk and remembers what it changed."""

    counts: Counter[str] = field(default_factory=Counter)
    hidden_tags: list[str] = field(default_factory=list)

    def clean(self, text: str) -> str:
        text = normalise_newlines(text)
        if not _SUSPECT.search(text):
            return text
        for kind, rx in (("control", _CONTROLS), ("bidi", _BIDI), ("invisible", _INVISIBLE_RE)):
            found = rx.findall(text)
            if found:
                self.counts[kind] += len(found)
        for m in _TAGS.finditer(text):
            self.hidden_tags.append(m.group(0).translate(_TABLE))
        return text.translate(_TABLE)

    def notices(self) -> list[Notice]:
        out = []
        if self.counts["control"]:
            out.append(Notice("control_characters_removed",
                              f"{self.counts['control']} terminal control characters replaced by visible symbols (␛ etc.)"))
        if self.counts["bidi"]:
            out.append(Notice("bidi_controls",
                              f"{self.counts['bidi']} bidirectional override/isolate characters neutralised (shown as {BIDI_MARK})"))
        if self.counts["invisible"]:
            out.append(Notice("invisible_characters",
                              f"{self.counts['invisible']} invisible characters (zero-width, soft hyphen, fillers) ignored in names"))
        if self.hidden_tags:
            shown = "; ".join(self.hidden_tags)[:200]
            out.append(Notice("hidden_tag_text", f"Unicode TAG characters carried hidden text, shown in place: {shown}"))
        return out


def clean(text: str) -> str:
    """Sanitise a string that needs no warning (titles from metadata, UI strings)."""
    return Sanitizer().clean(text)


_ONE_LINE = str.maketrans({"\n": "␤", "\t": " "})  # newline -> ␤: a name stays one line


def display(value: str | bytes | os.PathLike[str] | os.PathLike[bytes], *, one_line: bool = True,
            limit: int | None = None) -> str:
    """The one form in which an untrusted string reaches the terminal, a notification, a log
    or a report: file names, URLs, feed titles, notes, error messages.

    Bytes that are not UTF-8 (POSIX file names are bytes: ``caf\\xe9.txt`` arrives as a lone
    surrogate) are shown as ``\\xe9``; control, bidi and tag characters go through
    :func:`clean`; newlines become a visible symbol unless ``one_line`` is false.
    """
    value = os.fspath(value) if isinstance(value, os.PathLike) else value
    if isinstance(value, bytes):
        text = value.decode("utf-8", "backslashreplace")
    else:
        try:
            text = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # surrogates that no file name produced
            text = value.encode("utf-8", "backslashreplace").decode("utf-8")
    text = clean(text)
    if one_line:
        text = text.translate(_ONE_LINE)
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)] + "…"
    return text
