"""Restricted mode checks what it opened, not a path it checked earlier: files swapped for
symlinks after listing, hard links out of the library, relative names from another working
directory, and served sessions that try to write where they like."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from analyzers import LoadError, load
from tests.conftest import SEED
from tests.tui.conftest import ready
from tui.app import CopydeskApp
from tui.restricted import Policy, RestrictedError

SECRET = "SECRET-TOKEN-4242 the contents of a file outside the library"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "library"
    lib.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return lib


def test_a_file_swapped_for_a_symlink_is_never_followed(library: Path, tmp_path: Path):
    """A swapping loop against repeated opens: the old check-then-open leaked about 4 in 5,000."""
    target = library / "story.txt"
    target.write_text("A story inside the library.\n", encoding="utf-8")
    link = library / ".link"
    link.symlink_to(tmp_path / "secret.txt")
    plain = library / ".plain"
    stop = threading.Event()

    def swap() -> None:
        while not stop.is_set():
            os.link(link, library / ".link2", follow_symlinks=False)
            os.replace(library / ".link2", target)           # now a symlink to the secret
            plain.write_text("A story inside the library.\n", encoding="utf-8")
            os.replace(plain, target)                        # a regular file again

    policy = Policy(True, library)
    swapper = threading.Thread(target=swap, daemon=True)
    swapper.start()
    leaked = refused = read = 0
    try:
        for _ in range(3000):
            try:
                doc = policy.load("story.txt", 1 << 20)
            except (RestrictedError, LoadError):
                refused += 1
                continue
            read += 1
            leaked += "SECRET-TOKEN" in doc.text
    finally:
        stop.set()
        swapper.join()
    assert leaked == 0
    assert read and refused  # the race really ran both ways


def test_hard_links_and_parent_directory_links_are_refused(library: Path, tmp_path: Path):
    os.link(tmp_path / "secret.txt", library / "hard.txt")
    (library / "sub").symlink_to(tmp_path)
    policy = Policy(True, library)
    with pytest.raises(RestrictedError, match="hard links"):
        policy.load("hard.txt", 1 << 20)
    with pytest.raises(RestrictedError, match="symbolic link"):
        policy.load("sub/secret.txt", 1 << 20)
    assert policy.library_files() == []


async def test_the_article_list_checks_each_file_when_it_opens_it(library: Path, tmp_path: Path):
    """Over 50 files the list loads lazily: one swapped for a symlink after listing is refused."""
    for i in range(55):
        (library / f"{i:02d}.txt").write_text(f"Story {i}\n\nThe council met on day {i}.\n", encoding="utf-8")
    policy = Policy(True, library)
    paths = policy.library_files()
    app = CopydeskApp(paths, policy=policy)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        last = library / "54.txt"
        last.unlink()
        last.symlink_to(tmp_path / "secret.txt")
        lst = app.screen.query_one("OptionList")
        lst.highlighted = 54
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ArticleListScreen"
        messages = [n.message for n in app._notifications]
        assert any("symbolic link" in m for m in messages), messages


def test_restricted_export_resolves_names_in_the_library_not_the_working_directory(library: Path, tmp_path: Path):
    (library / "story.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "story.txt").write_text("Decoy headline\n\nNot the library's story.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "tui.cli", "export", "--restricted", "--library", str(library),
                        "story.txt", "--format", "md"], cwd=elsewhere, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Sheinbaum" in r.stdout and "Decoy" not in r.stdout


async def test_a_served_reader_exports_only_to_the_data_directory(private_dirs, tmp_path, seed_analysis):
    """Served sessions write nowhere a visitor chooses: the export dialog's path is fixed, and
    even a path handed to the export callback lands in the data directory's exports/."""
    doc = load(SEED)
    app = CopydeskApp([str(SEED)], document=doc, analysis=seed_analysis, policy=Policy(served=True))
    ssh = tmp_path / "home" / ".ssh"
    ssh.mkdir(parents=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("e")
        assert app.screen.query_one("Input").disabled
        await pilot.press("escape")
        screen._export(("md", ssh / "authorized_keys"))
        await pilot.pause()
        app.action_screenshot(filename="shot.svg", path=str(ssh))
        await pilot.pause()
    assert not (ssh / "authorized_keys").exists() and not (ssh / "shot.svg").exists()
    exports = private_dirs / "data" / "copydesk" / "exports"
    assert (exports / "authorized_keys").exists()
    assert (private_dirs / "data" / "copydesk" / "screenshots" / "shot.svg").exists()
