"""The user's settings: ``config.toml`` in the platformdirs config directory (XDG_CONFIG_HOME
moves it), next to a ``themes/`` directory for their own theme files."""

from __future__ import annotations

import json
import tomllib
from typing import Any

from analyzers.io.atomic import write_atomically
from analyzers.store.paths import config_dir, config_path, user_theme_dir

__all__ = ["config_dir", "config_path", "load_config", "save_config", "user_theme_dir"]


def load_config() -> tuple[dict[str, Any], str | None]:
    """The settings, and a one-line problem when the file exists but can't be read."""
    path = config_path()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"{path}: {exc}; using defaults"


def save_config(updates: dict[str, str]) -> None:
    """Merge string settings into the file, written whole or not at all."""
    current, _ = load_config()
    current.update(updates)
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # JSON's strings, numbers and true/false are valid TOML for these simple values
    lines = ["# copydesk settings (written by copydesk; edit freely)"]
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in sorted(current.items())
              if isinstance(value, str | bool | int | float)]
    write_atomically(path, "\n".join(lines) + "\n")
