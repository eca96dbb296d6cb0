"""Open a file inside a directory without ever leaving it: each path component is opened
relative to the descriptor of the one before (``openat``) with ``O_NOFOLLOW``, so a symlink
swapped in at any step after a check is refused rather than followed; what was opened is then
checked on its descriptor (``fstat``). Restricted mode reads every article through this."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import PurePosixPath


class OutsideError(Exception):
    """Refused; the message is one line for the user."""


_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def relative_parts(root: str, path: str) -> list[str]:
    """``path`` (relative to ``root``, or absolute under it) as components; refuses '..' and
    anything that is not lexically inside ``root``."""
    p = PurePosixPath(path)
    if p.is_absolute():
        try:
            p = p.relative_to(PurePosixPath(root))
        except ValueError:
            raise OutsideError(f"{path} is outside the library") from None
    parts = [part for part in p.parts if part not in ("", ".")]
    if ".." in parts:
        raise OutsideError(f"{path} is outside the library")
    if not parts:
        raise OutsideError(f"{path} is not a file in the library")
    return parts


def open_beneath(root: str, path: str, *, allow_links: bool = False) -> int:
    """A read-only descriptor of the regular file ``path`` inside directory ``root``.

    Symlinks are refused at every step; so are files with several hard links (unless
    ``allow_links``): another name for the same file may sit outside the library."""
    parts = relative_parts(root, path)
    fd = os.open(root, _DIR)
    try:
        for part in parts[:-1]:
            try:
                nxt = os.open(part, _DIR, dir_fd=fd)
            except OSError as exc:
                raise OutsideError(f"{path}: {_why(exc)}") from None
            os.close(fd)
            fd = nxt
        try:
            file_fd = os.open(parts[-1], _FILE, dir_fd=fd)
        except OSError as exc:
            raise OutsideError(f"{path}: {_why(exc)}") from None
    finally:
        os.close(fd)
    st = os.fstat(file_fd)
    problem = None
    if not stat.S_ISREG(st.st_mode):
        problem = "not a regular file"
    elif st.st_nlink > 1 and not allow_links:
        problem = "has other hard links (refused: one may be outside the library)"
    if problem:
        with contextlib.suppress(OSError):
            os.close(file_fd)
        raise OutsideError(f"{path}: {problem}")
    return file_fd


def _why(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        return "a symbolic link or not a directory (refused in the library)"
    if exc.errno == errno.ENOENT:
        return "no such file in the library"
    return exc.strerror or str(exc)
