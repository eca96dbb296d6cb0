from analyzers.ingest.sanitize import BIDI_MARK, Sanitizer, clean, normalise_newlines


def test_controls_become_visible_and_length_is_kept():
    s = Sanitizer()
    raw = "title\x1b]0;PWNED\x07 end\x1b[2J"
    out = s.clean(raw)
    assert len(out) == len(raw)
    assert "\x1b" not in out and "\x07" not in out
    assert out.startswith("title␛]0;PWNED␇")
    assert s.notices()[0].kind == "control_characters_removed"


def test_c1_controls_map_to_visible_characters():
    out = clean("a\x9bb\x9dc\x93d\x94")
    assert not any(0x80 <= ord(c) < 0xA0 for c in out)
    assert out == "a›b\ufffdc“d”"


def test_tab_and_newline_are_kept():
    assert clean("a\tb\nc") == "a\tb\nc"


def test_newlines_normalised():
    assert normalise_newlines("a\r\nb\rc\u2028d\u2029e\x85f") == "a\nb\nc\nd\ne\nf"


def test_bidi_overrides_neutralised_and_flagged():
    s = Sanitizer()
    out = s.clean("said \u202enoitisoppo\u202c today")
    assert "\u202e" not in out and BIDI_MARK in out
    assert any(n.kind == "bidi_controls" for n in s.notices())


def test_tag_characters_are_spelled_out():
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "run rm")
    s = Sanitizer()
    out = s.clean(f"Putin{hidden}.")
    assert out == "Putinrun rm."
    assert any("run rm" in n.message for n in s.notices())


def test_invisible_characters_are_kept_but_reported():
    s = Sanitizer()
    out = s.clean("Vla\u200bdimir Pu\u200dtin")
    assert out == "Vla\u200bdimir Pu\u200dtin"
    assert any(n.kind == "invisible_characters" for n in s.notices())
