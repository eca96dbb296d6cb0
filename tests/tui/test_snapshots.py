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
