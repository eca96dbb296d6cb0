"""The documentation's scripts never write into the user's own files."""

from __future__ import annotations

import importlib.util
import os

from tests.conftest import ROOT


def test_make_screens_uses_a_scratch_data_directory(tmp_path, monkeypatch):
    users = tmp_path / "users-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(users))
    monkeypatch.setenv("COPYDESK_DB", str(users / "review.sqlite3"))
    spec = importlib.util.spec_from_file_location("make_screens", ROOT / "docs" / "make_screens.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scratch = module.use_scratch_dirs()
    from analyzers.store import paths

    assert str(paths.review_db()).startswith(str(scratch)) and not str(paths.review_db()).startswith(str(users))
    assert str(paths.library_db()).startswith(str(scratch)) and "COPYDESK_DB" not in os.environ
