"""Theme files (TOML) -> ``textual.theme.Theme`` plus the annotation colours the article uses.

A theme file has the Textual colours at the top level and an ``[annotations]`` table; each
annotation becomes a CSS variable (``$quote-direct`` …) that the article view styles with.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

HERE = Path(__file__).resolve().parent
DEFAULT_THEME = "copydesk-dark"
ANNOTATIONS = {
    "quote-direct": "#7fc97f",
    "quote-indirect": "#80b1d3",
    "quote-mixed": "#fdb462",
    "claim-mark": "#e7298a",
    "match": "#ffd92f",
    "mention": "#8dd3c7",
    "mark-verified": "#4daf4a",
    "mark-disputed": "#e41a1c",
    "mark-needs-source": "#ff7f00",
}
_COLOURS = ("primary", "secondary", "accent", "warning", "error", "success", "foreground",
            "background", "surface", "panel", "boost")


class ThemeError(Exception):
    """A theme file that can't be used; the message names the file and the problem."""


@dataclass(frozen=True)
class LoadedTheme:
    theme: Theme
    path: Path


def load_theme_file(path: Path) -> LoadedTheme:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ThemeError(f"{path.name}: {exc}") from None
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise ThemeError(f"{path.name}: a theme needs a name")
    if not isinstance(data.get("primary"), str):
        raise ThemeError(f"{path.name}: a theme needs a primary colour")
    colours = {k: data[k] for k in _COLOURS if isinstance(data.get(k), str)}
    for key, value in [*colours.items(), *(data.get("annotations") or {}).items(),
                       *(data.get("variables") or {}).items()]:
        try:
            Color.parse(str(value))
        except ColorParseError:
            raise ThemeError(f"{path.name}: {key} = {value!r} is not a colour") from None
    annotations = data.get("annotations", {})
    if not isinstance(annotations, dict):
        raise ThemeError(f"{path.name}: [annotations] must be a table")
    extra = data.get("variables", {})
    if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
        raise ThemeError(f"{path.name}: [variables] must be a table of strings")
    unknown = sorted(set(annotations) - set(ANNOTATIONS))
    if unknown:
        raise ThemeError(f"{path.name}: unknown annotation {unknown[0]!r} (known: {', '.join(ANNOTATIONS)})")
    variables = {str(k): str(v) for k, v in extra.items()} | dict(ANNOTATIONS) | {
        str(k): str(v) for k, v in annotations.items()}
    options: dict[str, Any] = {}
    if isinstance(data.get("text_alpha"), float | int):
        options["text_alpha"] = float(data["text_alpha"])
    try:
        theme = Theme(name=name, dark=bool(data.get("dark", True)), variables=variables,
                      ansi=bool(data.get("ansi", False)), **colours, **options)
    except Exception as exc:  # Textual validates colours
        raise ThemeError(f"{path.name}: {exc}") from None
    return LoadedTheme(theme, path)


def bundled_themes() -> list[LoadedTheme]:
    return [load_theme_file(p) for p in sorted(HERE.glob("*.toml"))]


def user_themes(directory: Path) -> tuple[list[LoadedTheme], list[str]]:
    """Themes users dropped in their config directory, and one message per broken file."""
    themes, errors = [], []
    if directory.is_dir():
        for p in sorted(directory.glob("*.toml"))[:100]:
            try:
                themes.append(load_theme_file(p))
            except ThemeError as exc:
                errors.append(str(exc))
    return themes, errors


def default_theme(environ: dict[str, str]) -> str:
    """copydesk-dark where the terminal says it has true colour; the terminal's own 16 colours
    everywhere else (OpenSSH doesn't forward COLORTERM, and 256-colour approximations of a dark
    theme lose contrast)."""
    if environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return DEFAULT_THEME
    return "ansi"
