"""Snapshots of the main screens on a fixed analysis of the seed."""

from __future__ import annotations

import pytest

from tests.tui.conftest import fixed_app, ready


def test_reader_120x40(snap_compare, seed_doc, fixed_analysis):
    assert snap_compare(fixed_app(seed_doc, fixed_analysis), terminal_size=(120, 40), run_before=ready)


def test_reader_after_claim_jump_120x40(snap_compare, seed_doc, fixed_analysis):
    assert snap_compare(fixed_app(seed_doc, fixed_analysis), terminal_size=(120, 40), press=["]", "]", "4"], run_before=ready)


def test_reader_80x24(snap_compare, seed_doc, fixed_analysis):
    assert snap_compare(fixed_app(seed_doc, fixed_analysis), terminal_size=(80, 24), run_before=ready)


def test_reader_80x24_sidebar_overlay(snap_compare, seed_doc, fixed_analysis):
    assert snap_compare(fixed_app(seed_doc, fixed_analysis), terminal_size=(80, 24), press=["3"], run_before=ready)


def test_help_screen(snap_compare, seed_doc, fixed_analysis):
    assert snap_compare(fixed_app(seed_doc, fixed_analysis), terminal_size=(120, 40), press=["?"], run_before=ready)


@pytest.mark.parametrize("theme", ["ansi", "copydesk-light", "high-contrast"])
def test_reader_in_each_theme(snap_compare, seed_doc, fixed_analysis, theme):
    """copydesk-dark is the 120x40 snapshot above; each jump shows quote and claim styles."""
    assert snap_compare(fixed_app(seed_doc, fixed_analysis, theme=theme), terminal_size=(120, 40),
                        press=["]", "}", "2"], run_before=ready)


def test_review_queue(snap_compare, seed_doc, fixed_analysis):
    assert snap_compare(fixed_app(seed_doc, fixed_analysis), terminal_size=(120, 40), press=["r", "v"],
                        run_before=ready)


def test_reader_with_marks_80x24(snap_compare, seed_doc, fixed_analysis):
    assert snap_compare(fixed_app(seed_doc, fixed_analysis), terminal_size=(80, 24),
                        press=["]", "v", "]", "x", "]", "u"], run_before=ready)


def _library_app():
    from tui.app import CopydeskApp

    return CopydeskApp([], library_files=[], files_label="Samples", theme="copydesk-dark")


async def _library_loaded(pilot) -> None:
    from tui.screens.library import LibraryScreen

    for _ in range(300):
        await pilot.pause(0.02)
        if isinstance(pilot.app.screen, LibraryScreen) and pilot.app.screen.entries:
            break
    await pilot.pause(0.1)


async def _listing_after(pilot, *keys: str) -> None:
    from tui.screens.listing import ListingScreen

    await _library_loaded(pilot)
    await pilot.press(*keys)
    for _ in range(300):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, ListingScreen) and str(screen.query_one("#list-head").render()) != screen.LOADING:
            break
    await pilot.pause(0.1)


def test_library_with_a_story_in_two_feeds(snap_compare, indexed_library):
    assert snap_compare(_library_app(), terminal_size=(120, 40), run_before=_library_loaded)


def test_sources_screen(snap_compare, indexed_library):
    assert snap_compare(_library_app(), terminal_size=(120, 40), run_before=lambda p: _listing_after(p, "S"))


def test_where_else_from_sources_80x24(snap_compare, indexed_library):
    assert snap_compare(_library_app(), terminal_size=(80, 24),
                        run_before=lambda p: _listing_after(p, "S", "enter"))
