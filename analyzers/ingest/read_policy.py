"""What may be read: everything, or in restricted mode only files beneath one library
directory. Files are opened beneath the library's descriptor, never by re-resolving a path that
was checked earlier (analyzers/io/safe_open.py): a file swapped for a symlink after it was
listed is refused, not followed. The reader, ``analyze``, ``export`` and batch workers load
through it; tui/restricted.py adds what the UI may do (fetching, writes) on top."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from analyzers.model import Document


class RestrictedError(Exception):
    """Refused by restricted mode; the message is one line for the user."""


@dataclass(frozen=True)
class ReadPolicy:
    restricted: bool = False
    library: Path | None = None

    def _root(self) -> Path:
        if self.library is None:
            raise RestrictedError("restricted mode needs a library: --library DIR or COPYDESK_LIBRARY")
        root = Path(os.path.realpath(self.library))
        if not root.is_dir():
            raise RestrictedError(f"restricted: library {self.library} is not a directory")
        return root

    def check_read(self, path: str) -> None:
        """Refuse what restricted mode would not open: stdin, URLs, anything not a regular file
        beneath the library. A check only: :meth:`load` checks again what it actually opens."""
        if self.restricted:
            os.close(self._open(path))

    def resolve(self, path: str) -> str:
        """The path to open: in restricted mode, names are relative to the library (whatever
        the working directory), and absolute ones must lie in it."""
        if not self.restricted:
            return path
        root = self._root()
        return str(root.joinpath(*self._parts(root, path)))

    def load(self, path: str, max_bytes: int) -> Document:
        """Load an article; in restricted mode what is opened is checked, not the path."""
        from analyzers import load
        from analyzers.ingest.load import load_bytes

        if not self.restricted:
            return load(path, max_bytes=max_bytes)
        source, data = self.read(path, max_bytes)
        return load_bytes(data, source)

    def read(self, path: str, max_bytes: int) -> tuple[str, bytes]:
        """The source name and bytes ``load`` would parse (batch workers parse them)."""
        from analyzers.ingest.load import read_fd, read_source

        if not self.restricted:
            return path, read_source(path, max_bytes)
        source = self.resolve(path)
        return source, read_fd(self._open(source), source, max_bytes)

    def _open(self, path: str) -> int:
        from analyzers.io.safe_open import OutsideError, open_beneath

        root = self._root()
        try:
            return open_beneath(str(root), "/".join(self._parts(root, path)))
        except OutsideError as exc:
            raise RestrictedError(f"restricted: {exc}") from None

    @staticmethod
    def _parts(root: Path, path: str) -> list[str]:
        from analyzers.io.safe_open import OutsideError, relative_parts

        if path == "-":
            raise RestrictedError("restricted: reading standard input is disabled")
        if "://" in path:
            raise RestrictedError("restricted: only files inside the library can be opened")
        try:
            return relative_parts(str(root), path)
        except OutsideError as exc:
            raise RestrictedError(f"restricted: {exc}") from None

    def library_files(self) -> list[str]:
        """Every article in the library (what the reader lists when given no path): regular
        files with one link, no symlinks, nothing hidden."""
        import stat
        root = self._root()
        out = []
        for dirpath, dirnames, filenames in os.walk(root):  # os.walk never follows dir links
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                p = Path(dirpath) / name
                try:
                    st = p.lstat()
                except OSError:
                    continue
                if name.startswith(".") or not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:
                    continue
                out.append(str(p))
                if len(out) >= 1000:
                    return out
        return out
