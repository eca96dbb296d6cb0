"""Styles sent as differences (tui/sgr.py): the same screen for fewer bytes.

Frames are built the way Textual writes them (each segment's style rendered by Rich, a cursor
move before each run), fed to a terminal emulator (pyte) as they are and rewritten, and every
cell — character, colours, attributes — must come out the same."""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.color import ColorSystem
from rich.style import Style

from tui.sgr import SgrDiff

W, H = 60, 8

COLOURS = [None, "default", "red", "bright_blue", "color(208)", "#3a7bd5", "#000000"]
styles = st.builds(
    lambda fg, bg, bold, dim, italic, underline, reverse, strike: Style(
        color=fg, bgcolor=bg, bold=bold, dim=dim, italic=italic, underline=underline, reverse=reverse,
        strike=strike),
    st.sampled_from(COLOURS), st.sampled_from(COLOURS), *[st.booleans()] * 6)
segment = st.tuples(st.text(alphabet="ab “”’ 語", min_size=1, max_size=12), styles)
run = st.tuples(st.integers(0, H - 1), st.integers(0, W - 20), st.lists(segment, min_size=1, max_size=5),
                st.integers(0, 12))
frames = st.lists(st.lists(run, min_size=1, max_size=6), min_size=1, max_size=4)
systems = st.sampled_from([ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT, ColorSystem.STANDARD])


def render(frame: list, system: ColorSystem) -> str:
    """Runs as Textual writes them: never past the right edge (it turns line wrapping off)."""
    out = []
    for y, x, segments, blanks in frame:
        out.append(f"\x1b[{y + 1};{x + 1}H")
        for text, style in [*segments, (" " * blanks, Style(bgcolor="default"))]:
            if not text or x + cell_len(text) > W:
                break
            out.append(style.render(text, color_system=system))
            x += cell_len(text)
    return "".join(out)


def screen_after(writes: list[str]) -> list[list[pyte.screens.Char]]:
    screen = pyte.Screen(W, H)
    stream = pyte.Stream(screen)
    for w in writes:
        stream.feed(w)
    return [[screen.buffer[y][x] for x in range(W)] for y in range(H)]


@settings(max_examples=150, deadline=None)
@given(frames, systems)
def test_every_cell_is_the_same(frames: list, system: ColorSystem) -> None:
    raw = [render(f, system) for f in frames]
    diff = SgrDiff()
    rewritten = [diff.feed(w) for w in raw]
    assert screen_after(rewritten) == screen_after(raw)
    # and frame by frame: every write leaves the terminal where the original would
    for i in range(1, len(raw)):
        assert screen_after(rewritten[:i]) == screen_after(raw[:i])


def test_a_line_of_the_article_costs_a_third_less() -> None:
    plain, said, quote = Style(color="default", bgcolor="default"), Style(bold=True, italic=True), \
        Style(italic=True, color="cyan")
    line = "\x1b[0m\x1b[3;1H" + "".join(s.render(t) for t, s in (
        ("  the US military. ", plain), ("She", Style(bold=True)), (" ", plain), ("said", said),
        (" on April 22 ", plain), ("that the government would not", quote), (" " * 20, plain))) + "\x1b[3;69H"
    out = SgrDiff().feed(line)
    assert len(out) < 0.7 * len(line)
    assert screen_after([out]) == screen_after([line])


def test_blanks_on_a_coloured_background_are_written_out() -> None:
    """Erasing (ECH) takes the background only on terminals that have BCE: a theme's own
    background is never left to it."""
    blue = Style(bgcolor="#1e1e2e", color="#cdd6f4")
    line = "\x1b[1;1H" + blue.render("text" + " " * 30) + "\x1b[1;50H"
    out = SgrDiff().feed(line)
    assert "X" not in out.replace("text", "")
    assert " " * 30 in out


def test_what_it_does_not_understand_passes_through() -> None:
    diff = SgrDiff()
    curly = "\x1b[4:3mwavy\x1b[0m"  # an underline style: colon sub-parameters
    out = diff.feed("\x1b[1;1H" + curly + "\x1b[1mbold\x1b[0m")
    assert "\x1b[4:3m" in out
    assert screen_after([out]) == screen_after(["\x1b[1;1H" + curly + "\x1b[1mbold\x1b[0m"])
    # a sequence cut between two writes is sent as it is, and nothing is assumed after it
    first, second = "\x1b[1;1H\x1b[1mx\x1b[3", "1my\x1b[0m"
    d = SgrDiff()
    assert d.feed(first).endswith("\x1b[3") and d.sent is None
    assert screen_after([d.feed(first), d.feed(second)]) == screen_after([first, second])


def test_each_write_ends_in_the_state_it_asked_for() -> None:
    """A reset held back waiting for the next segment is sent at the end of the write: nothing
    else that writes to the terminal (a suspend, the shell after exit) inherits a style."""
    out = SgrDiff().feed("\x1b[1;1H\x1b[1;31mred\x1b[0m")
    assert out.endswith("\x1b[0m") or out.endswith("\x1b[m")


def test_attributes_are_cleared_only_with_codes_every_terminal_knows() -> None:
    """Italic and strike-through off (23, 29) are unknown to the Linux console: a run that drops
    them starts from a reset instead; bold off (22) is universal and is used."""
    import re

    italic_bold, bold, plain = Style(italic=True, bold=True), Style(bold=True), Style()
    frame = "\x1b[0m\x1b[1;1H" + italic_bold.render("a") + bold.render("b") + plain.render("c")
    out = SgrDiff().feed(frame)
    codes = {c for params in re.findall(r"\x1b\[([0-9;]*)m", out) for c in params.split(";")}
    assert not codes & {"23", "29", "28", "54", "55"}
    assert screen_after([out]) == screen_after([frame])
    bold_then_plain = SgrDiff().feed("\x1b[0m\x1b[1;1H" + Style(bold=True, color="red").render("a")
                                     + Style(color="red").render("b"))
    assert "\x1b[22m" in bold_then_plain


def test_a_style_in_another_form_makes_the_state_unknown() -> None:
    """A colour written with colon sub-parameters is not read here: the next style is sent whole,
    not dropped as 'already set'."""
    out = SgrDiff().feed("\x1b[0m\x1b[1;1H\x1b[31ma\x1b[38:5:2mb\x1b[31mc")
    assert out.index("\x1b[38:5:2m") < out.rindex("31m")


def test_an_escape_cut_at_the_end_of_a_write() -> None:
    first, second = "\x1b[0m\x1b[1;1Ha\x1b[", "31mb\x1b[39mc"
    d = SgrDiff()
    assert screen_after([d.feed(first), d.feed(second)]) == screen_after([first, second])


def test_a_move_before_a_line_feed_is_kept() -> None:
    """A line feed moves from where the cursor is (and scrolls on the bottom row)."""
    frames = [f"\x1b[0m\x1b[{H};1Hz", "\x1b[1;1H\n\x1b[3;1Hx"]
    d = SgrDiff()
    assert screen_after([d.feed(f) for f in frames]) == screen_after(frames)


def test_a_move_along_the_row_the_cursor_is_on_before_a_line_feed_is_dropped() -> None:
    """Textual ends a row with a move to its next chop and a line feed: from the row the cursor
    is on already, that move changes nothing the line feed does."""
    frame = "\x1b[0m\x1b[2;1Habc\x1b[2;40H\n\x1b[3;1Hx"
    out = SgrDiff().feed(frame)
    assert "\x1b[2;40H" not in out
    assert screen_after([f"\x1b[{H};1Hz", out]) == screen_after([f"\x1b[{H};1Hz", frame])
