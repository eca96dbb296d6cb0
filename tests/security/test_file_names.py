"""File names are bytes an attacker chooses: escape sequences in them must never reach the
terminal, and names that are not UTF-8 must open, take marks and export like any other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analyzers import load
from analyzers.ingest.sanitize import display
from analyzers.store.review.store import ReviewStore, doc_key
from tests.terminal import COPYDESK, Terminal

STORY = "Council approves budget\n\nThe council said on Monday that the budget would grow by 4 percent in 2026.\n"
# OSC 52 writes the clipboard, OSC 0 retitles the window, CSI 2J clears the screen.
ATTACKS = {
    "clipboard": b"l\x1b]52;c;cHduZWQ=\x1b\\y.txt",
    "title": b"a\x1b]0;pwned\x07.txt",
    "clear": b"x\x1b[2Jz.txt",
}
FORBIDDEN = (b"\x1b]52", b"\x1b]0;pwned", b"\x1b[2J", b"\x07.txt")


def _write(directory: Path, name: bytes, text: str = STORY) -> bytes:
    path = os.fsencode(directory) + b"/" + name
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def test_display_makes_any_name_one_visible_line():
    assert display("caf\udce9.txt") == "caf\\xe9.txt"
    assert display(b"caf\xe9.txt") == "caf\\xe9.txt"
    assert display("l\x1b]52;c;x\x1b\\y") == "l␛]52;c;x␛\\y"
    assert display("two\nlines") == "two␤lines"
    assert display("\ud800") == "\\ud800"  # a surrogate no file name produced
    assert "\u202e" not in display("evil\u202etxt.exe")


def test_escape_sequences_in_listed_and_opened_names_never_reach_the_terminal(tmp_path):
    paths = [_write(tmp_path, name) for name in ATTACKS.values()]
    term = Terminal([os.fsencode(COPYDESK), *sorted(paths)])
    try:
        screen = term.wait_for("3 articles")
        assert "␛]52;c;cHduZWQ=" in screen and "␛]0;pwned␇" in screen and "␛[2Jz" in screen
        for _ in range(3):  # open each article and come back: titles derived from names too
            term.keys("\r")
            term.wait_for("│ ")
            term.keys("\x1b")
            term.wait_for("3 articles")
            term.keys("j")
    finally:
        term.quit()
    for bad in FORBIDDEN:
        assert bad not in term.raw, bad


def test_a_name_used_as_the_title_is_sanitised(tmp_path):
    path = _write(tmp_path, b"\x1b]0;pwned\x07.txt", "short text without a headline.\n")
    doc = load(os.fsdecode(path))
    assert "\x1b" not in doc.title and "\x07" not in doc.title


def test_a_name_that_is_not_utf8_opens_takes_a_mark_and_exports(tmp_path):
    path = _write(tmp_path, b"caf\xe9.txt")
    env = {"COPYDESK_DB": str(tmp_path / "review.sqlite3")}
    term = Terminal([os.fsencode(COPYDESK), path], env=env)
    try:
        term.wait_for("claims", timeout=90)  # the analysis is on screen
        term.keys("]")
        term.wait_for("Claim 1/")
        term.keys("v")
        screen = term.wait_for("verified")
    finally:
        term.quit()
    assert "Traceback" not in screen and b"Traceback" not in term.raw
    for fmt in ("md", "json", "csv"):
        out = subprocess.run([sys.executable, "-m", "tui.cli", "export", path, "--format", fmt],
                             capture_output=True, env=dict(os.environ, **env), timeout=120)
        assert out.returncode == 0, out.stderr
        assert b"verified" in out.stdout
        if fmt == "json":
            assert json.loads(out.stdout)["document"]["source"].endswith("caf\\xe9.txt")
        else:
            assert b"\xe9" not in out.stdout.replace("é".encode(), b"")


def test_review_store_keys_non_utf8_names_by_their_bytes(tmp_path):
    name = os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.txt")
    key = doc_key(name, "f" * 64)
    assert key.startswith("fsbytes:") and bytes.fromhex(key[8:]).endswith(b"caf\xe9.txt")
    store = ReviewStore(tmp_path / "r.sqlite3")
    try:
        from analyzers.store.review.anchor import Selector

        mark = store.save(key=key, fp="f" * 64, title=display(name), kind="claim", item_id="c1",
                          anchor=Selector(0, 4, "text", "", ""), status="verified")
        assert mark is not None and store.marks(key, "f" * 64)[0].status == "verified"
    finally:
        store.close()


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_exports_carry_no_raw_escape_from_the_name(tmp_path, fmt):
    path = _write(tmp_path, ATTACKS["clipboard"])
    out = subprocess.run([sys.executable, "-m", "tui.cli", "export", path, "--format", fmt],
                         capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert b"\x1b" not in out.stdout
