"""``copydesk desk init DIR [--group GROUP]``: a shared desk for a team on one server — a
directory holding a library, a review database and exports/ that every member of GROUP can read
and write: the directory setgid (what is made in it belongs to the group), the databases and
their WAL/SHM companions 0660, nothing world-readable. ``copydesk --desk DIR …`` (or
COPYDESK_DESK, or ``desk = "DIR"`` in config.toml) then works on it."""

from __future__ import annotations

import argparse
import grp
import json
import os
import stat
import sys
from pathlib import Path

from analyzers.ingest.sanitize import display
from analyzers.io.account import account
from analyzers.store.paths import DESK_MARK, is_desk
from tui.cli.common import EXIT_USAGE, error

DIR_MODE = 0o2770      # setgid: files made inside belong to the desk's group
FILE_MODE = 0o660


def run_desk(args: argparse.Namespace) -> int:
    if args.action == "init":
        return _init(Path(args.dir), args.group)
    return EXIT_USAGE


def _init(directory: Path, group: str | None) -> int:
    try:
        gid = grp.getgrnam(group).gr_gid if group else os.getegid()
    except KeyError:
        error(f"no group named {group!r} on this machine (create it first: groupadd {group})")
        return EXIT_USAGE
    name = grp.getgrgid(gid).gr_name
    if gid not in os.getgroups() and gid != os.getegid() and os.geteuid() != 0:
        error(f"you are not a member of group {name}: only its members can share a desk with it")
        return EXIT_USAGE
    existing = directory.exists()
    if existing and not directory.is_dir():
        error(f"{display(str(directory))}: exists and is not a directory")
        return EXIT_USAGE
    if existing and any(directory.iterdir()) and not is_desk(directory):
        error(f"{display(str(directory))}: not empty and not a desk; choose an empty or new directory")
        return EXIT_USAGE
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _share(directory, gid, DIR_MODE)
        mark = directory / DESK_MARK
        if not mark.exists():
            fd = os.open(mark, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"copydesk_desk": 1, "group": name, "created_by": account()}, f)
        _share(mark, gid, FILE_MODE)
        exports = directory / "exports"
        exports.mkdir(exist_ok=True)
        _share(exports, gid, DIR_MODE)
        _create_databases(directory)
        for path in directory.iterdir():  # the databases and any WAL/SHM companions
            if path.is_file():
                _share(path, gid, FILE_MODE)
    except OSError as exc:
        error(f"{display(str(directory))}: {exc.strerror or exc}")
        return EXIT_USAGE
    except Exception as exc:  # a database that cannot be made: one line
        error(f"{display(str(directory))}: {exc}")
        return EXIT_USAGE
    print(f"copydesk: {'checked' if existing else 'made'} the desk {display(str(directory))} for group {name} "
          f"(library, review database, exports/); its members use it with: copydesk --desk {display(str(directory))}",
          file=sys.stderr)
    return 0


def _share(path: Path, gid: int, mode: int) -> None:
    st = path.stat()
    if st.st_gid != gid:
        os.chown(path, -1, gid)
    if stat.S_IMODE(st.st_mode) != mode:
        os.chmod(path, mode)


def _create_databases(directory: Path) -> None:
    from analyzers.store.library.store import LibraryStore
    from analyzers.store.review.store import ReviewStore

    for store in (LibraryStore(directory / "library.sqlite3"), ReviewStore(directory / "review.sqlite3")):
        store.close()


__all__ = ["run_desk"]
