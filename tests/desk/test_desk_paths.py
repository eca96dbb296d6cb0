"""A desk is where --desk, COPYDESK_DESK or the config file's desk = "DIR" say: the reader, the
library commands, export and batch -o all work on it; without one, nothing changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**os.environ, **(env or {})})


def test_desk_flag_variable_and_config_all_point_at_the_desk(tmp_path: Path, private_dirs: Path):
    desk = tmp_path / "newsdesk"
    made = run("desk", "init", str(desk))
    assert made.returncode == 0 and "copydesk --desk" in made.stderr, made.stderr
    assert run("--desk", str(desk), "feeds", "add", "https://one.example/feed.xml").returncode == 0
    assert run("feeds", "add", "https://two.example/feed.xml", "--desk", str(desk)).returncode == 0
    assert run("feeds", "add", "https://three.example/feed.xml", env={"COPYDESK_DESK": str(desk)}).returncode == 0
    config = private_dirs / "config" / "copydesk" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'desk = "{desk}"\n')
    listed = json.loads(run("feeds", "list", "--json").stdout)["feeds"]
    assert {f["url"] for f in listed} == {"https://one.example/feed.xml", "https://two.example/feed.xml",
                                          "https://three.example/feed.xml"}
    config.unlink()
    own = json.loads(run("feeds", "list", "--json").stdout)["feeds"]
    assert own == []   # without a desk: the user's own library, untouched


def test_batch_into_a_desk_fills_its_library(tmp_path: Path):
    desk = tmp_path / "newsdesk"
    assert run("desk", "init", str(desk)).returncode == 0
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "“We will win,” said Anna Kelly, the mayor of Port Alder."}\n', encoding="utf-8")
    r = run("batch", str(src), "-o", str(desk), "--jobs", "1", "--no-progress")
    assert r.returncode == 0, r.stderr
    articles = json.loads(run("--desk", str(desk), "library", "--json").stdout)["articles"]
    assert [a["url"] for a in articles] == ["batch:a"]


def test_init_refuses_a_directory_that_is_not_a_desk_in_one_line(tmp_path: Path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    r = run("desk", "init", str(busy))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "not empty" in r.stderr
    r = run("desk", "init", str(tmp_path / "d"), "--group", "no-such-group-here")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no group" in r.stderr
