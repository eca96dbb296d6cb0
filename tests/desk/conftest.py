"""Real operating-system accounts for the team desk: a group with two members (alice, bob) and
an account outside it (carol), made by the tests as root and removed afterwards. Work is done as
each account in a child process that drops to it (``as_account``), running copydesk's own code."""

from __future__ import annotations

import contextlib
import grp
import json
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

GROUP = "cdtest-desk"
MEMBERS = ("cdtest-alice", "cdtest-bob")
OUTSIDER = "cdtest-carol"


def _run(*cmd: str) -> None:
    subprocess.run(cmd, check=False, capture_output=True)


@dataclass(frozen=True)
class Team:
    group: str
    alice: str
    bob: str
    carol: str
    root: Path          # a directory every account can reach (its own files live beneath)

    def home(self, who: str) -> Path:
        return self.root / "homes" / who


@pytest.fixture(scope="session")
def team() -> Iterator[Team]:
    if os.geteuid() != 0 or not shutil.which("useradd"):
        pytest.skip("the team desk's tests make real accounts: they run as root (.ci/run does)")
    for who in (*MEMBERS, OUTSIDER):
        _run("userdel", "-f", who)
    _run("groupdel", GROUP)
    _run("groupadd", GROUP)
    for who in MEMBERS:
        _run("useradd", "--no-create-home", "--shell", "/bin/sh", "-G", GROUP, who)
    _run("useradd", "--no-create-home", "--shell", "/bin/sh", OUTSIDER)
    root = Path(tempfile.mkdtemp(prefix="copydesk-team-"))
    root.chmod(0o755)
    for who in (*MEMBERS, OUTSIDER):
        home = root / "homes" / who
        home.mkdir(parents=True)
        pw = pwd.getpwnam(who)
        os.chown(home, pw.pw_uid, pw.pw_gid)
        home.chmod(0o700)
    (root / "homes").chmod(0o755)
    try:
        yield Team(GROUP, MEMBERS[0], MEMBERS[1], OUTSIDER, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        for who in (*MEMBERS, OUTSIDER):
            _run("userdel", "-f", who)
        _run("groupdel", GROUP)


# What the children use, imported before they fork: they run as accounts that may not read the
# interpreter's own library (it can live under /root); copydesk's files they read themselves.
PRELOAD = ("sqlite3", "zlib", "hashlib", "tomllib", "platformdirs", "rapidfuzz.fuzz", "analyzers.io.account",
           "analyzers.store.desk", "analyzers.store.library.store", "analyzers.store.review.store",
           "analyzers.store.review.session", "analyzers.store.review.export", "analyzers.rules.pipeline",
           "analyzers.rules.spacy_model", "analyzers.store.cache")


def as_account(team: Team, who: str, work: Callable[[], object], env: dict[str, str] | None = None) -> object:
    """``work()`` run by the account ``who`` (a forked child that drops root for good: its uid,
    gid and groups); its JSON-able result, or {"error": "..."} with the exception's line."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    from analyzers.rules.spacy_model import load_model

    load_model()  # cached: the children parse with the parent's pipeline
    pw = pwd.getpwnam(who)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: become ``who``, do the work, report, never return
        status = 0
        try:
            os.close(read)
            groups = [g.gr_gid for g in grp.getgrall() if who in g.gr_mem]
            os.setgroups(groups)
            os.setgid(pw.pw_gid)
            os.setuid(pw.pw_uid)
            home = team.home(who)
            os.environ.update({"HOME": str(home), "USER": who, "LOGNAME": who,
                               "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
                               "XDG_CACHE_HOME": str(home / "cache")}, **(env or {}))
            os.environ.pop("COPYDESK_DB", None)
            try:
                result = work()
            except Exception as exc:
                result = {"error": f"{type(exc).__name__}: {' '.join(str(exc).split())}"}
            with os.fdopen(write, "w") as f:
                json.dump(result, f)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read) as f:
        data = f.read()
    os.waitpid(pid, 0)
    with contextlib.suppress(json.JSONDecodeError):
        return json.loads(data)
    return {"error": "the child wrote nothing"}
