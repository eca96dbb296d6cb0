import codecs
import gzip

import pytest

from analyzers.ingest.decode import decode_bytes
from analyzers.model import LoadError


def test_utf8_plain():
    assert decode_bytes("Sheinbaum said “no.”".encode()).text == "Sheinbaum said “no.”"


def test_utf8_bom_is_dropped():
    d = decode_bytes(codecs.BOM_UTF8 + b"Hello")
    assert d.text == "Hello"


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(enc):
    bom = codecs.BOM_UTF16_LE if enc.endswith("le") else codecs.BOM_UTF16_BE
    d = decode_bytes(bom + "Zoë said “yes”".encode(enc))
    assert d.text == "Zoë said “yes”"
    assert d.encoding == "utf-16"


def test_cp1252_fallback_never_produces_c1_controls():
    raw = "He said \x93hello\x94 \x96 caf\xe9".encode("latin-1")
    d = decode_bytes(raw)
    assert d.encoding == "cp1252"
    assert d.text == "He said “hello” – café"
    assert not any(0x80 <= ord(c) < 0xA0 for c in d.text)
    assert d.notices[0].kind == "legacy_encoding"


def test_invalid_utf8_in_utf8_file_is_replaced_and_counted():
    raw = "Valid “start” ".encode() + b"\xc0\x9b bad \xff end"
    d = decode_bytes(raw)
    assert d.text.startswith("Valid “start”")
    assert "end" in d.text and "\x1b" not in d.text and "\x9b" not in d.text
    assert d.notices[0].kind == "invalid_bytes"


@pytest.mark.parametrize("data,word", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
    (b"\x7fELF" + bytes(200), "ELF"),
    (b"abc" + bytes(5000) + b"def", "binary"),
])
def test_binary_is_refused(data, word):
    with pytest.raises(LoadError, match=word):
        decode_bytes(data)


def test_gzip_is_not_decompressed():
    with pytest.raises(LoadError, match="gzip"):
        decode_bytes(gzip.compress(b"\0" * 100000))


def test_empty_is_fine():
    assert decode_bytes(b"").text == ""


RUSSIAN = ("Президент заявил в понедельник, что бюджет вырастет на четыре процента в следующем году. "
           "Министр финансов согласился с этой оценкой и добавил, что дефицит сократится.")
JAPANESE = "大統領は月曜日、来年の予算が4パーセント増加すると述べた。財務大臣も同意し、赤字は縮小すると付け加えた。"


@pytest.mark.parametrize(("text", "encoding"), [(RUSSIAN, "koi8-r"), (RUSSIAN, "cp1251"), (JAPANESE, "shift_jis"),
                                                (JAPANESE, "euc-jp"), ("Ο πρόεδρος είπε τη Δευτέρα ότι ο "
                                                                       "προϋπολογισμός θα αυξηθεί.", "iso8859-7")])
def test_legacy_encodings_of_other_scripts_are_guessed(text, encoding):
    """KOI8-R used to come out as cp1252 mojibake and Shift-JIS as 'utf-8' full of U+FFFD."""
    d = decode_bytes(text.encode(encoding))
    assert d.text == text
    assert "\ufffd" not in d.text
    assert d.notices[0].kind == "legacy_encoding" and "guessed" in d.notices[0].message


def test_western_legacy_text_stays_cp1252_and_stray_bytes_stay_utf8():
    western = "Café crème, naïve résumé — “quotes” from the mayor’s office.".encode("cp1252")
    assert decode_bytes(western).encoding == "cp1252"
    assert decode_bytes("The mayor said \xe9 once.".encode("latin-1")).encoding == "cp1252"
    broken = ("Café crème and naïve résumé, São Paulo, Zürich. " * 5).encode() + b"\xff tail"
    d = decode_bytes(broken)
    assert d.encoding == "utf-8" and d.notices[0].kind == "invalid_bytes" and "1 invalid" in d.notices[0].message
