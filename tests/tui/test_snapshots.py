"""Snapshots of the main screens on a fixed analysis of the seed."""

from __future__ import annotations

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
