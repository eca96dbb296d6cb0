"""Restricted mode: every refusal, from the CLI (exit 2, one line) and inside the app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analyzers import load
from tests.conftest import SEED
from tui.app import CopydeskApp
from tui.restricted import Policy, RestrictedError

CMD = [sys.executable, "-m", "tui.cli"]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "library"
    lib.mkdir()
    (lib / "story.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (lib / "escape.txt").symlink_to(tmp_path / "secret.txt")
    (lib / "sub").mkdir()
    (lib / "sub" / "inner.md").write_text("# Inner\n\nText.\n", encoding="utf-8")
    return lib


def refused(*args: str, env: dict | None = None) -> str:
    r = subprocess.run([*CMD, *args], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, **(env or {})))
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    return r.stderr


def test_policy_refusals(library: Path):
    p = Policy(True, library)
    p.check_read("story.txt")
    p.check_read("sub/inner.md")
    for path, why in [("../secret.txt", "outside the library"), (str(library.parent / "secret.txt"), "outside"),
                      ("escape.txt", "symbolic link"), ("-", "standard input"), ("http://127.0.0.1:9/x", "only files"),
                      ("missing.txt", "no such file"), ("sub", "not a regular file")]:
        with pytest.raises(RestrictedError, match=why):
            p.check_read(path)
    with pytest.raises(RestrictedError, match="writing files"):
        p.check_write("/tmp/out.md")
    with pytest.raises(RestrictedError, match="needs a library"):
        Policy(True, None).check_read("story.txt")
    assert sorted(Path(f).name for f in p.library_files()) == ["inner.md", "story.txt"]
    Policy(False, None).check_read("/anything")  # not restricted: no checks


def test_cli_refuses_outside_the_library(library: Path):
    lib = ["--restricted", "--library", str(library)]
    assert "outside the library" in refused("analyze", *lib, str(library.parent / "secret.txt"))
    assert "symbolic link" in refused("analyze", *lib, str(library / "escape.txt"))
    assert "outside the library" in refused("read", *lib, "../secret.txt")
    assert "standard input" in refused("read", *lib, "-")
    assert "writing files" in refused("export", *lib, "story.txt", "-o", "/tmp/x.md")
    assert "outside the library" in refused("export", *lib, "../secret.txt")
    assert "needs a library" in refused("read", "--restricted", "story.txt")
    assert "outside the library" in refused("serve", *lib, "../secret.txt")
    env = {"COPYDESK_RESTRICTED": "1", "COPYDESK_LIBRARY": str(library)}
    assert "outside the library" in refused("analyze", str(library.parent / "secret.txt"), env=env)


def test_cli_reads_inside_the_library_by_relative_name(library: Path):
    r = subprocess.run([*CMD, "analyze", "--restricted", "--library", str(library), "sub/inner.md"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Inner" in r.stdout


async def test_app_refuses_host_actions(library: Path, tmp_path: Path):
    doc = load(library / "story.txt")
    app = CopydeskApp([str(library / "story.txt")], document=doc, policy=Policy(True, library))
    before = set(os.listdir(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_screenshot(filename="shot.svg", path=str(tmp_path))
        app.action_suspend_process()
        app.open_url("file:///etc/passwd")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("saving screenshots is disabled" in m for m in messages)
        assert any("suspending" in m for m in messages)
        assert any("does not open links" in m for m in messages)
    assert set(os.listdir(tmp_path)) == before


async def test_restricted_export_goes_to_the_export_directory(library: Path, private_dirs, nlp):
    from analyzers.rules.pipeline import analyze
    from tests.tui.conftest import ready
    from tui.screens.export_dialog import ExportDialog

    doc = load(library / "story.txt")
    app = CopydeskApp([str(library / "story.txt")], document=doc, analysis=analyze(doc, nlp),
                      policy=Policy(True, library))
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.query_one("Input").disabled
        await pilot.press("enter")
        await pilot.pause()
    written = list((private_dirs / "data").rglob("*-review.md"))
    assert [p.parent.name for p in written] == ["exports"]
