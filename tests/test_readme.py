"""The README stays true: exactly two set-up commands (one opens the reader, one runs the tests,
and .ci/run runs the second verbatim), and its key table is the one the code generates."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tui.actions import markdown_table

README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [c.strip() for c in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_exactly_two_set_up_commands_one_runs_the_reader_one_the_tests():
    run, test = setup_commands()
    for cmd in (run, test):
        assert cmd.count("\n") == 0 and cmd.startswith("python3 -m venv .venv && .venv/bin/pip install -e ")
    assert run.endswith("&& .venv/bin/copydesk")
    assert test.endswith("&& .venv/bin/pytest") and "'.[test]'" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_commands()[1] in ci.splitlines()


def test_key_table_is_generated_from_the_action_registry():
    assert markdown_table() in README, "regenerate it: python -m tui.actions"
