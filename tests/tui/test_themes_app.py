"""Theme switching, persistence, user themes, and highlights that survive without colour."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.tui.conftest import fixed_app, ready
from tui.app import CopydeskApp
from tui.config import config_path, user_theme_dir
from tui.widgets.article_view import ArticleView

SIZE = (120, 36)
OURS = ["ansi", "copydesk-dark", "copydesk-light", "high-contrast"]


async def test_t_cycles_our_themes_and_the_choice_persists(seed_doc, fixed_analysis):
    app = CopydeskApp([], document=seed_doc, analysis=fixed_analysis, theme="ansi")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.theme_names[:4] == OURS
        seen = []
        for _ in range(4):
            await pilot.press("t")
            seen.append(app.theme)
        assert seen == ["copydesk-dark", "copydesk-light", "high-contrast", "ansi"]
        await pilot.press("t", "t")
    assert tomllib.loads(config_path().read_text(encoding="utf-8"))["theme"] == "copydesk-light"
    again = CopydeskApp([], document=seed_doc, analysis=fixed_analysis)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.theme == "copydesk-light"


async def test_palette_theme_choice_persists_too(seed_doc, fixed_analysis):
    app = fixed_app(seed_doc, fixed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.theme = "high-contrast"   # what the palette's Theme command does
        await pilot.pause()
    assert 'theme = "high-contrast"' in config_path().read_text(encoding="utf-8")


def test_default_is_ansi_unless_true_colour_is_known(monkeypatch, seed_doc):
    from themes import default_theme

    assert default_theme({"COLORTERM": "truecolor"}) == "copydesk-dark"
    assert default_theme({"SSH_CONNECTION": "1 2 3 4"}) == "ansi"
    assert default_theme({}) == "ansi"
    monkeypatch.delenv("COLORTERM", raising=False)
    assert CopydeskApp([], document=seed_doc).theme == "ansi"
    monkeypatch.setenv("COPYDESK_THEME", "copydesk-light")
    assert CopydeskApp([], document=seed_doc).theme == "copydesk-light"


async def test_user_theme_is_offered_and_a_broken_one_falls_back(seed_doc, fixed_analysis):
    d = user_theme_dir()
    d.mkdir(parents=True)
    (d / "paper.toml").write_text('name = "paper"\ndark = false\nprimary = "#333333"\n'
                                  'background = "#fdf6e3"\n[annotations]\nquote-direct = "#005f00"\n')
    (d / "broken.toml").write_text('name = "broken"\nprimary = "not-a-colour"\n')
    (d / "garbage.toml").write_bytes(b"\xff\xfe[[[")
    config_path().write_text('theme = "broken"\n')
    app = CopydeskApp([], document=seed_doc, analysis=fixed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "paper" in app.theme_names and "broken" not in app.theme_names
        assert app.theme in OURS   # fell back
        messages = " | ".join(n.message for n in app._notifications)
        assert "broken.toml" in messages and "not a colour" in messages
        assert "garbage.toml" in messages
        assert "'broken' not found" in messages
        app.theme = "paper"
        await pilot.pause()
        assert app.get_css_variables()["quote-direct"].lower() == "#005f00"


async def test_broken_config_file_is_a_message_not_a_crash(seed_doc, fixed_analysis):
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("theme = [unclosed\n")
    app = CopydeskApp([], document=seed_doc, analysis=fixed_analysis)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert any("using defaults" in n.message for n in app._notifications)


HIGHLIGHTS = ["quote-direct", "quote-indirect", "quote-mixed", "speaker", "cue", "current", "match",
              "match-current", "mention", "review-verified", "review-disputed", "review-needs_source"]


@pytest.mark.parametrize("theme", OURS)
async def test_every_highlight_has_an_attribute_besides_colour(seed_doc, fixed_analysis, theme):
    """NO_COLOR, monochrome terminals and colour-blind readers still tell highlights apart."""
    async with fixed_app(seed_doc, fixed_analysis, theme=theme).run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = pilot.app.screen.query_one(ArticleView)
        attrs = {}
        for name in HIGHLIGHTS:
            st = view.get_component_rich_style(f"article--{name}", partial=True)
            attrs[name] = (st.bold, st.italic, st.underline, st.reverse)
            assert any(attrs[name]), f"{name} is colour only"
        kinds = [attrs[k] for k in ("quote-direct", "quote-indirect", "quote-mixed")]
        assert len(set(kinds)) == 3, "the three quote kinds look the same without colour"
        assert attrs["current"] != attrs["match"]


@pytest.mark.parametrize("theme", ["ansi", "copydesk-dark"])
async def test_no_color_renders_without_colour(seed_doc, fixed_analysis, monkeypatch, theme):
    monkeypatch.setenv("NO_COLOR", "1")
    app = fixed_app(seed_doc, fixed_analysis, theme=theme)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("]")
        assert app.no_color
        assert app.theme != "ansi"  # its colours have no grey value: text would vanish
        svg = app.export_screenshot()
    # the monochrome filter leaves greys only: no saturated colour anywhere on screen
    import re

    colours = re.findall(r"(?:fill|color): #([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})", svg)
    assert colours
    for r, g, b in colours:  # (the window buttons drawn around the screenshot are attributes)
        assert max(int(r, 16), int(g, 16), int(b, 16)) - min(int(r, 16), int(g, 16), int(b, 16)) < 40


def test_theme_files_ship_in_the_wheel():
    assert sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "themes").glob("*.toml")) == OURS


def _painted(app: CopydeskApp) -> list[list]:
    art = app.screen.query_one(ArticleView)
    return [[(seg.text, seg.style) for seg in art.render_line(y)] for y in range(12)]


async def test_t_repaints_cached_rows_in_the_new_theme(seed_doc, fixed_analysis):
    """Rows drawn before `t` used to keep the old theme's colours: after the switch, every row
    is painted exactly as a fresh start in the new theme paints it."""
    app = CopydeskApp([], document=seed_doc, analysis=fixed_analysis, theme="copydesk-dark")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        before = _painted(app)  # rows are now cached
        await pilot.press("t")
        await pilot.pause()
        assert app.theme == "copydesk-light"
        after = _painted(app)
    fresh_app = CopydeskApp([], document=seed_doc, analysis=fixed_analysis, theme="copydesk-light")
    async with fresh_app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        fresh = _painted(fresh_app)
    assert after != before
    assert after == fresh
