"""Bytes to text: BOMs, UTF-16, a cp1252 fallback, and refusing binaries and compressed files."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from analyzers.model import LoadError, Notice

_MAGIC = {
    b"\x1f\x8b": "gzip-compressed",
    b"BZh": "bzip2-compressed",
    b"\xfd7zXZ\x00": "xz-compressed",
    b"(\xb5/\xfd": "zstd-compressed",
    b"PK\x03\x04": "zip archive",
    b"\x89PNG": "PNG image",
    b"\x7fELF": "ELF executable",
    b"%PDF": "PDF",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
}
# A valid UTF-8 multibyte sequence: evidence the file is UTF-8 even if some bytes are broken.
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    notices: tuple[Notice, ...] = ()


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    if sample.count(0) > max(8, len(sample) // 200):
        return True
    controls = sum(sample.count(bytes([b])) for b in range(0, 32) if b not in (9, 10, 12, 13, 27))
    return controls > len(sample) // 20


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes, or raise LoadError with a one-line reason."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise LoadError(f"{kind} file, not shown (copydesk reads text, Markdown, HTML and feeds)")
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return Decoded(data.decode("utf-32", errors="replace"), "utf-32")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return Decoded(data.decode("utf-16", errors="replace"), "utf-16")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if _looks_binary(data):
        raise LoadError("binary file, not shown")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    invalid = _invalid_utf8(data)
    valid = len(_UTF8_MULTI.findall(data))
    guess = _guess(data)
    if guess is not None:
        text = data.decode(guess, errors="replace")
        return Decoded(text, guess, (Notice("legacy_encoding", f"not valid UTF-8: decoded as {guess} (guessed)"),))
    if valid:  # UTF-8 with some broken bytes: keep it UTF-8, say how many were replaced
        text = data.decode("utf-8", errors="replace")
        return Decoded(text, "utf-8", (Notice("invalid_bytes", f"{invalid} invalid UTF-8 byte sequences replaced with �"),))
    # No better guess: a legacy Windows file. cp1252 maps 0x80-0x9F to printable characters, so
    # no C1 control can appear (latin-1 would produce them).
    text = data.decode("cp1252", errors="replace")  # its five undefined bytes become U+FFFD
    return Decoded(text, "cp1252", (Notice("legacy_encoding", "not valid UTF-8: decoded as Windows-1252"),))


def _invalid_utf8(data: bytes) -> int:
    text = data.decode("utf-8", errors="replace")
    return text.count("\ufffd") - data.count(b"\xef\xbf\xbd")


# Scripts for which a guessed single-byte or CJK encoding is believable; for Latin-script text
# the guess between cp1252, cp1250 and latin-1 is a coin toss on short texts, and cp1252 is
# what such files almost always are.
_LATIN = ("Basic Latin", "Latin-1 Supplement", "Latin Extended", "General Punctuation",
          "Currency Symbols", "Letterlike Symbols")


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best believable guess from the first 64 KiB, for text that is not
    Latin-script (for which cp1252 stays the answer)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    for match in from_bytes(data[:65536]):
        if match.encoding in ("utf_8", "ascii") or all(a.startswith(_LATIN) for a in match.alphabets):
            continue
        # Only a guess that reads as a language: broken UTF-8 and stray bytes also decode into
        # some script, but into no language (coherence 0) and a mess of symbols.
        letters = sum(1 for ch in str(match) if ch.isalpha() and ord(ch) > 0x24F)
        if letters >= 8 and match.coherence >= 0.1 and match.chaos < 0.1:
            return str(match.encoding)
    return None
