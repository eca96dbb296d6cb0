"""Counts in words: '1 quote', '2 quotes'."""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
