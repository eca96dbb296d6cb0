from pathlib import Path

import pytest

from themes import ANNOTATIONS, DEFAULT_THEME, ThemeError, bundled_themes, load_theme_file


def test_bundled_themes_load_with_every_annotation():
    themes = {t.theme.name: t.theme for t in bundled_themes()}
    assert DEFAULT_THEME in themes and "copydesk-light" in themes
    for theme in themes.values():
        assert set(ANNOTATIONS) <= set(theme.variables)


@pytest.mark.parametrize("body,needle", [
    ("name = ", "x.toml"),
    ('primary = "#fff"', "needs a name"),
    ('name = "x"', "primary"),
    ('name = "x"\nprimary = "not-a-colour"', "not a colour"),
])
def test_broken_theme_is_a_clear_error(tmp_path: Path, body, needle):
    p = tmp_path / "x.toml"
    p.write_text(body)
    with pytest.raises(ThemeError, match=needle):
        load_theme_file(p)
