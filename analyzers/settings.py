"""Settings from the environment, in one typed place (where files go: analyzers/store/paths.py). Read when asked (never cached): tests and
the served sessions change the environment between calls."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from analyzers.store import paths

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
ANIMATION_LEVELS = ("none", "basic", "full")


def flag(value: str | None, default: bool) -> bool:
    """'1/true/yes/on' and '0/false/no/off' (any case); anything else is the default."""
    v = (value or "").strip().lower()
    return True if v in _TRUE else False if v in _FALSE else default


def _number(value: str | None, default: float, low: float, high: float) -> float:
    try:
        return min(high, max(low, float(value))) if value else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    cache: bool = True                    # COPYDESK_CACHE: keep finished analyses on disk
    restricted: bool = False              # COPYDESK_RESTRICTED: shared-server mode
    library: Path | None = None           # COPYDESK_LIBRARY: restricted mode's only directory
    model: str | None = None              # COPYDESK_MODEL: spaCy model tried first
    theme: str | None = None              # COPYDESK_THEME
    animations: str = "none"              # COPYDESK_ANIMATIONS: none | basic | full
    worker_nice: int = 19                 # COPYDESK_WORKER_NICE: the analysis process yields to the UI
    analysis_timeout: float = 30.0        # COPYDESK_ANALYSIS_TIMEOUT: s a silent analysis gets
    save_timeout: float = 4.0             # COPYDESK_SAVE_TIMEOUT: s a locked review db is waited for
    style_diff: bool = True               # COPYDESK_STYLE_DIFF: send each frame's styles as differences
    allow_private: bool = False           # COPYDESK_ALLOW_PRIVATE or config allow_private: fetch
                                          # from loopback/private addresses

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        anim = env.get("COPYDESK_ANIMATIONS", "none")
        return cls(
            cache=flag(env.get("COPYDESK_CACHE"), True),
            restricted=flag(env.get("COPYDESK_RESTRICTED"), False),
            library=Path(env["COPYDESK_LIBRARY"]) if env.get("COPYDESK_LIBRARY") else None,
            model=env.get("COPYDESK_MODEL") or None,
            theme=env.get("COPYDESK_THEME") or None,
            animations=anim if anim in ANIMATION_LEVELS else "none",
            worker_nice=int(_number(env.get("COPYDESK_WORKER_NICE"), 19, 0, 19)),
            analysis_timeout=_number(env.get("COPYDESK_ANALYSIS_TIMEOUT"), 30.0, 1.0, 3600.0),
            save_timeout=_number(env.get("COPYDESK_SAVE_TIMEOUT"), 4.0, 0.1, 60.0),
            style_diff=flag(env.get("COPYDESK_STYLE_DIFF"), True),
            allow_private=flag(env.get("COPYDESK_ALLOW_PRIVATE"), bool(paths.config_file().get("allow_private", False))),
        )


def settings() -> Settings:
    return Settings.from_env(os.environ)
