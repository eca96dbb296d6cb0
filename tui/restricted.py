"""Restricted mode for shared reading servers: only files inside one library directory, and
nothing that reaches the host (no shell, $EDITOR, suspend, URLs, or writes to chosen paths)."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

from analyzers.settings import settings


class RestrictedError(Exception):
    """Refused by restricted mode; the message is one line for the user."""


@dataclass(frozen=True)
class Policy:
    restricted: bool = False
    library: Path | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Policy:
        env = settings()
        restricted = bool(getattr(args, "restricted", False)) or env.restricted
        library = getattr(args, "library", None) or env.library
        return cls(restricted, Path(library) if library else None)

    def _root(self) -> Path:
        if self.library is None:
            raise RestrictedError("restricted mode needs a library: --library DIR or COPYDESK_LIBRARY")
        root = Path(os.path.realpath(self.library))
        if not root.is_dir():
            raise RestrictedError(f"restricted: library {self.library} is not a directory")
        return root

    def check_read(self, path: str) -> None:
        """Refuse anything outside the library; symlinks are resolved before the check, so a
        link inside the library that points out of it is refused too."""
        if not self.restricted:
            return
        root = self._root()
        if path == "-":
            raise RestrictedError("restricted: reading standard input is disabled")
        if "://" in path:
            raise RestrictedError("restricted: only files inside the library can be opened")
        real = Path(os.path.realpath(root / path))
        if real != root and root not in real.parents:
            raise RestrictedError(f"restricted: {path} is outside the library")
        if not real.is_file():
            raise RestrictedError(f"restricted: {path} is not a file in the library")

    def resolve(self, path: str) -> str:
        """The path to open: library-relative names are accepted in restricted mode."""
        if not self.restricted:
            return path
        self.check_read(path)
        return os.path.realpath(self._root() / path)

    def check_write(self, path: str) -> None:
        if self.restricted:
            raise RestrictedError("restricted: writing files to a chosen path is disabled")

    def library_files(self) -> list[str]:
        """Every article in the library (what the reader lists when given no path)."""
        root = self._root()
        out = []
        for p in sorted(root.rglob("*")):
            if p.name.startswith(".") or not p.is_file():
                continue
            try:
                self.check_read(str(p.relative_to(root)))
            except RestrictedError:
                continue
            out.append(os.path.realpath(p))
        return out[:1000]
