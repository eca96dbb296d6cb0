"""copydesk over a real OpenSSH connection: a throwaway sshd on 127.0.0.1, keys made here,
`ssh -tt` inside tmux (the terminal), the screen checked for the article and a working `]`."""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.e2e.test_tmux import COPYDESK, Tmux

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
pytestmark = pytest.mark.skipif(not (os.path.exists(SSHD) and shutil.which("ssh") and shutil.which("tmux")),
                                reason="openssh-server, openssh-client and tmux are installed by .ci/run")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sshd(tmp_path: Path, private_dirs: Path):
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    for name in ("host", "user", "reader"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True)
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(SEED, library / "story.txt")
    env = f"XDG_DATA_HOME={private_dirs / 'data'} XDG_CONFIG_HOME={private_dirs / 'config'}"
    forced = f"env {env} {COPYDESK} --restricted --library {library}"
    (keys / "authorized_keys").write_text(
        (keys / "user.pub").read_text()
        + f'restrict,pty,command="{forced}" ' + (keys / "reader.pub").read_text())
    port = free_port()
    config = tmp_path / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {keys / 'host'}", f"PidFile {tmp_path / 'sshd.pid'}",
        f"AuthorizedKeysFile {keys / 'authorized_keys'}", "StrictModes no", "UsePAM no",
        "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password",
        "LogLevel ERROR", "",
    ]))
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # privilege separation directory
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE, text=True)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(f"sshd did not start: {proc.stderr.read() if proc.stderr else ''}") from None
            time.sleep(0.1)
    yield {"port": port, "keys": keys, "env": env, "library": library}
    proc.terminate()
    proc.wait(timeout=10)


def ssh_command(sshd: dict, key: str, remote: str) -> str:
    opts = ["-tt", "-i", str(sshd["keys"] / key), "-p", str(sshd["port"]), "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"]
    return shlex.join(["ssh", *opts, f"{getpass.getuser()}@127.0.0.1", remote])


@pytest.fixture
def term():
    t = Tmux("ssh")
    yield t
    t.kill()


def test_reader_over_ssh(sshd, term):
    remote = f"cd {ROOT} && TERM=xterm-256color {sshd['env']} {COPYDESK} {SEED}"
    term.start(ssh_command(sshd, "user", remote), width=100, height=30)
    term.wait_for("Sheinbaum", timeout=60)
    term.wait_for("claims", timeout=90)
    term.keys("]")
    term.wait_for("Claim 1/")
    term.keys("q")
    term.wait_for("EXITED 0", timeout=30)


def test_forced_restricted_command_ignores_what_the_client_asks(sshd, term):
    term.start(ssh_command(sshd, "reader", f"cat /etc/passwd; {COPYDESK} /etc/passwd"), width=100, height=30)
    screen = term.wait_for("Library files", timeout=60)   # the library, whatever the client asked
    assert "root:" not in screen and "passwd" not in screen
    term.keys("Enter")
    screen = term.wait_for("Sheinbaum", timeout=60)     # its only article
    assert "root:" not in screen
    term.keys("q")
    term.wait_for("EXITED", timeout=30)
