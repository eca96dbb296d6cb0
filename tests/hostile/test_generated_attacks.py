"""Our own generators for each class of hostile input (the project never needs ../shared)."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from analyzers import LoadError, load
from analyzers.rules.quote_marks import scan

ESC = "\x1b"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def test_terminal_sequences_become_visible(tmp_path):
    payload = (f"Title {ESC}]0;PWNED{chr(7)} {ESC}]52;c;cm0gLXJm{chr(7)} {ESC}P1;2q#0{ESC}\\ "
               f"{ESC}_Gf=100;{ESC}\\ {ESC}[2J{ESC}c\u009b31m\u009d0;x\u009c end {ESC}")
    doc = load(write(tmp_path, "esc.txt", payload))
    assert ESC not in doc.text and not any(0x80 <= ord(c) < 0xA0 for c in doc.text)
    assert doc.text.startswith("Title ␛]0;PWNED␇") and doc.text.rstrip().endswith("␛")


def test_html_entities_that_decode_to_controls_are_neutralised(tmp_path):
    doc = load(write(tmp_path, "e.md", "# T\n\nA &#27;[31m red &#x9b; and &#155; x\n"))
    assert ESC not in doc.text and "\x9b" not in doc.text


def test_bidi_overrides_do_not_survive(tmp_path):
    doc = load(write(tmp_path, "b.txt", "“We will cut taxes,” said \u202enoitisoppo\u202c leader.\n"))
    assert "\u202e" not in doc.text
    assert any(w.kind == "bidi_controls" for w in doc.warnings)


def test_unbalanced_quotes_scan_is_linear():
    text = "“" * 50_000 + '"' * 30_000 + "a “quote that never closes " * 5000
    t0 = time.perf_counter()
    regions, unbalanced = scan(text, [0], [len(text)])
    assert time.perf_counter() - t0 < 2.0
    assert unbalanced > 10_000
    assert all(r.end - r.start <= 6000 for r in regions)


def test_gzip_bomb_is_not_inflated(tmp_path):
    p = write(tmp_path, "bomb.txt.gz", gzip.compress(b"\0" * 5_000_000))
    with pytest.raises(LoadError, match="gzip"):
        load(p)


def test_dev_zero_symlink_stops_at_the_cap(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(LoadError, match="not a regular file"):
        load(link)


def test_billion_laughs_refused_fast(tmp_path):
    xml = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
           '<rss><channel><title>&lol2;</title></channel></rss>')
    t0 = time.perf_counter()
    with pytest.raises(LoadError, match="DTD or XML entities"):
        load(write(tmp_path, "lol.xml", xml))
    assert time.perf_counter() - t0 < 1.0


def test_external_entity_refused(tmp_path):
    xml = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<rss><channel><title>&x;</title></channel></rss>')
    with pytest.raises(LoadError):
        load(write(tmp_path, "xxe.xml", xml))


def test_deep_html_nesting_is_flattened(tmp_path):
    html = "<html><body><p>Start marker.</p>" + "<div>" * 20_000 + "deep text" + "</div>" * 20_000 + \
           "<p>End marker.</p></body></html>"
    doc = load(write(tmp_path, "deep.html", html))
    assert "Start marker." in doc.text and "deep text" in doc.text and "End marker." in doc.text
    assert any(w.kind == "truncated_input" for w in doc.warnings)


def test_many_feed_entries_capped(tmp_path):
    items = "".join(f"<item><title>Story {i}</title><description>Body {i}.</description></item>"
                    for i in range(3000))
    doc = load(write(tmp_path, "f.rss", f"<?xml version='1.0'?><rss><channel><title>F</title>{items}</channel></rss>"))
    assert sum(b.kind == "heading" for b in doc.blocks) == 200
    assert any("3000 entries" in w.message for w in doc.warnings)


def test_script_and_hidden_html_never_shown(tmp_path):
    html = ("<html><head><title>T ␛ <b>x</b></title><script>INJECTED-SCRIPT</script>"
            "<style>body{content:'INJECTED-CSS'}</style></head><body><article><h1>Real headline</h1>"
            "<p>Real paragraph one, long enough for the extractor to keep it, said Maria Gonzalez.</p>"
            "<div style='display:none'>HIDDEN-TEXT</div><template>TEMPLATE-TEXT</template>"
            "<iframe srcdoc='INJECTED-IFRAME'></iframe><svg><script>PWNED</script></svg>"
            "<p>Real paragraph two, which is also long enough to be kept by the extractor.</p>"
            "</article></body></html>")
    doc = load(write(tmp_path, "s.html", html))
    for bad in ("INJECTED", "HIDDEN-TEXT", "TEMPLATE-TEXT", "PWNED"):
        assert bad not in doc.text and bad not in doc.title
