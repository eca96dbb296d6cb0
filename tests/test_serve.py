"""`copydesk serve`: the reader through textual-serve, on localhost unless told otherwise."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, SEED


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as the kernel lists them) with a socket listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:
                found.add(addr)
    return found


def test_serve_answers_on_localhost_only():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "serve", "--port", str(port), str(SEED)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        page = ""
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "copydesk" in page and "ws://127.0.0.1" in page
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "authentication" in proc.stderr.read()


def test_serve_command_passes_the_options():
    from tui.cli import build_parser
    from tui.cli.serve import reader_command

    args = build_parser().parse_args(["serve", "a.txt", "--restricted", "--library", "/lib", "--theme", "ansi"])
    cmd = reader_command(args)
    assert cmd[1:5] == ["-m", "tui.cli", "read", "a.txt"]
    assert "--restricted" in cmd and cmd[cmd.index("--library") + 1] == "/lib" and "ansi" in cmd
