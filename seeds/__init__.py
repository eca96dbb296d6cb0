"""Sample articles bundled with copydesk; ``copydesk`` with no path opens them."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".xml", ".rss", ".atom")


def seed_paths() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.is_file() and p.suffix in ARTICLE_SUFFIXES)
