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
    if _UTF8_MULTI.search(data):
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
        return Decoded(text, "utf-8", (Notice("invalid_bytes", f"{bad} invalid UTF-8 byte sequences replaced with �"),))
    # No UTF-8 evidence at all: a legacy Windows file. cp1252 maps 0x80-0x9F to printable
    # characters, so no C1 control can appear (latin-1 would produce them).
    text = data.decode("cp1252", errors="replace")  # its five undefined bytes become U+FFFD
    return Decoded(text, "cp1252", (Notice("legacy_encoding", "not valid UTF-8: decoded as Windows-1252"),))
