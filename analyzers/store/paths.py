"""Where copydesk's files go: the one place that decides. platformdirs' directories (the XDG_*
variables move them); a shared desk (``copydesk desk init DIR``: a directory a team's members
share, chosen with ``--desk DIR``, COPYDESK_DESK or ``desk = "DIR"`` in config.toml) holds the
library, the review database and exports in place of the user's own data directory; and the
variables that point at one file: COPYDESK_DB (the review database; the data directory follows
it), COPYDESK_LIBRARY_DB (the library database).

Read when asked, never cached: tests and served sessions change the environment between calls."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP = "copydesk"


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


DESK_MARK = ".copydesk-desk"   # a shared desk's directory carries this file


def config_file() -> dict[str, object]:
    """The user's config file, or {} when it is missing or unreadable (the reader says why)."""
    import tomllib

    try:
        return tomllib.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def desk_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """The shared desk in use (COPYDESK_DESK, which ``--desk`` sets, else the config file's
    ``desk``), or None: the user's own data directory."""
    chosen = _env(env).get("COPYDESK_DESK") or config_file().get("desk")
    return Path(os.path.abspath(os.path.expanduser(chosen))) if isinstance(chosen, str) and chosen else None


def is_desk(directory: Path) -> bool:
    return (directory / DESK_MARK).is_file()


def review_db(env: Mapping[str, str] | None = None) -> Path:
    """The review database: marks and notes."""
    explicit = _env(env).get("COPYDESK_DB")
    if explicit:
        return Path(explicit)
    desk = desk_dir(env)
    if desk is not None:
        return desk / "review.sqlite3"
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False) / "review.sqlite3"


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The data directory: the shared desk, else the review database's directory. The library,
    and the exports and screenshots made where no path may be chosen, go here."""
    return desk_dir(env) or review_db(env).parent


def library_db(env: Mapping[str, str] | None = None) -> Path:
    """The library database: feeds, articles, versions, the cross-article index."""
    explicit = _env(env).get("COPYDESK_LIBRARY_DB")
    return Path(explicit) if explicit else data_dir(env) / "library.sqlite3"


def exports_dir() -> Path:
    """Where exports go when no path may be chosen (restricted mode, a served reader)."""
    return data_dir() / "exports"


def screenshots_dir() -> Path:
    return data_dir() / "screenshots"


def cache_dir() -> Path:
    """Finished analyses (analyzers/store/cache.py)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP, appauthor=False) / "analyses"


def config_path() -> Path:
    """``config.toml`` in the platformdirs config directory."""
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False) / "config.toml"


def config_dir() -> Path:
    return config_path().parent


def user_theme_dir() -> Path:
    """The user's own theme files, beside the config file."""
    return config_dir() / "themes"
