"""The real `copydesk` command in a real terminal (tmux), driven as a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEED

COPYDESK = Path(sys.executable).with_name("copydesk")
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is installed by .ci/run")


class Tmux:
    def __init__(self, name: str) -> None:
        # one server per test and per run: a stale server from a killed run is never reused
        self.sock = f"copydesk-test-{os.getpid()}-{name}"
        self.tmux("kill-server")

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.sock, *args], capture_output=True, text=True,
                              check=False).stdout

    def start(self, cmd: str, width: int = 120, height: int = 40, env: str = "") -> None:
        self.tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
                  f"sleep 0.5; {env} {cmd}; echo EXITED $?; sleep 30")
        self.tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def wait_for(self, needle: str, timeout: float = 60) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            s = self.screen()
            if needle in s:
                return s
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} not on screen:\n{self.screen()}")

    def wait_gone(self, needle: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            s = self.screen()
            if needle not in s:
                return s
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} still on screen:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "-L", self.sock, "has-session"], capture_output=True).returncode == 0

    def kill(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def term(request):
    t = Tmux(request.node.name[-20:].replace("[", "_").replace("]", "_"))
    yield t
    t.kill()


def test_reader_keys_in_a_real_terminal(term):
    term.start(f"{COPYDESK} {SEED}")
    term.wait_for("Sheinbaum")
    term.wait_for("claims", timeout=90)  # the analysis finished and the status says so
    assert "Entities" in term.screen()  # the sidebar shares the row at 120 columns
    term.keys("]")
    term.wait_for("Claim 1/")
    term.keys("}")
    term.wait_for("Quote ")
    term.keys("/")
    term.wait_for("search the article")  # the box is open: what follows is typed into it
    term.keys("c", "a", "r", "t", "e", "l", "s")
    term.wait_for("Match ")  # the first match from the reading position (the quote)
    term.keys("Enter")
    term.wait_gone("search the article")  # closed: ? is a key again, not a character
    term.keys("?")
    term.wait_for("next claim")
    term.keys("Escape")
    term.wait_gone("next claim")  # ESC read as a key of its own before q (else alt+q)
    term.keys("q")
    term.wait_for("EXITED 0")


def test_bad_file_is_one_line_and_exit_2(term, tmp_path):
    term.start(f"{COPYDESK} {tmp_path / 'missing.txt'}")
    s = term.wait_for("EXITED 2")
    assert "no such file" in s and "Traceback" not in s


def test_stdin_then_keys_from_the_terminal(term):
    term.start(f"cat {SEED} | {COPYDESK} -")
    term.wait_for("Sheinbaum")
    term.keys("q")
    term.wait_for("EXITED 0")


def test_mark_survives_killing_the_terminal(term, tmp_path):
    """Mark a claim, kill the terminal (tmux server and the app with it), reopen: the mark is
    there, and `copydesk export` reports it."""
    term.start(f"{COPYDESK} {SEED}")
    term.wait_for("claims", timeout=90)
    term.keys("]")
    term.wait_for("Claim 1/")
    term.keys("x")
    term.wait_for("✗ disputed")
    subprocess.run(["tmux", "-L", term.sock, "kill-server"], check=False)
    while term.alive():
        time.sleep(0.05)
    term.start(f"{COPYDESK} {SEED}")
    term.wait_for("claims", timeout=90)
    term.keys("4")
    term.wait_for("✗ disputed")
    assert "1/" in term.wait_for("reviewed")
    term.keys("q")
    out = subprocess.run([str(COPYDESK), "export", str(SEED), "--format", "md"], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0 and "✗ disputed" in out.stdout
