"""Shared fixtures: the real spaCy model (a dependency, never mocked) and the bundled seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_2155ca87d0d03760.txt"
SCHEMA = ROOT / "docs" / "analysis-schema.json"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own review database and config directory (real files, never the
    user's): XDG_* move platformdirs, and child processes inherit them."""
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("COPYDESK_DB", raising=False)
    monkeypatch.delenv("COPYDESK_RESTRICTED", raising=False)
    monkeypatch.delenv("COPYDESK_THEME", raising=False)
    return home


@pytest.fixture(scope="session")
def nlp():
    from analyzers.rules.spacy_model import load_model

    return load_model()


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_doc():
    from analyzers import load

    return load(SEED)


@pytest.fixture(scope="session")
def seed_analysis(seed_doc, nlp):
    """The seed analysed once per run; frozen, so tests share it."""
    from analyzers.rules.pipeline import analyze

    return analyze(seed_doc, nlp)


@pytest.fixture(scope="session")
def fixed_analysis(seed_analysis):
    """The analysis the reader's screens are drawn on (no worker)."""
    return seed_analysis


def assert_spans_valid(data: dict) -> None:
    """Every span in an analysis JSON indexes document.text exactly."""
    text = data["document"]["text"]

    def check(obj: dict) -> None:
        assert 0 <= obj["start"] <= obj["end"] <= len(text), obj
        if "text" in obj:
            assert text[obj["start"]:obj["end"]] == obj["text"], obj

    for b in data["document"]["blocks"]:
        assert 0 <= b["start"] <= b["end"] <= len(text)
    for e in data["entities"]:
        for m in e["mentions"]:
            check(m)
    for q in data["quotes"]:
        check(q)
        if q["speaker"]:
            check(q["speaker"])
        if q["cue"]:
            check(q["cue"])
    for c in data["claims"]:
        check(c)
    ids = [x["id"] for k in ("entities", "quotes", "sources", "claims") for x in data[k]]
    assert len(ids) == len(set(ids))
    quote_ids = {q["id"] for q in data["quotes"]}
    source_ids = {s["id"] for s in data["sources"]}
    entity_ids = {e["id"] for e in data["entities"]}
    for q in data["quotes"]:
        assert q["source"] is None or q["source"] in source_ids
        assert q["speaker"] is None or q["speaker"]["entity"] is None or q["speaker"]["entity"] in entity_ids
    for s in data["sources"]:
        assert set(s["quotes"]) <= quote_ids
        assert s["entity"] is None or s["entity"] in entity_ids
    for c in data["claims"]:
        assert c["quote"] is None or c["quote"] in quote_ids
        assert c["source"] is None or c["source"] in source_ids


@pytest.fixture
def site(httpserver):
    """A news site on 127.0.0.1 (feeds and article pages; tests/library/conftest.py)."""
    from tests.library.conftest import Site

    return Site(httpserver)


@pytest.fixture(scope="session")
def across_analyses(nlp) -> dict:
    """The cross-article fixture articles (tests/library/across.py), analysed once per run."""
    from analyzers.rules.pipeline import analyze
    from tests.library.across import ARTICLES, TREATY_CORRECTED

    out = {a.slug: analyze(a.document(), nlp) for a in ARTICLES}
    out["treaty-corrected"] = analyze(TREATY_CORRECTED.document(), nlp)
    return out


@pytest.fixture
def indexed_library(across_analyses):
    """The user's library (this test's data directory) holding the fixture articles, analysed
    and indexed: slug -> version id."""
    from analyzers.store.library.store import LibraryStore
    from tests.library.across import store_articles

    store = LibraryStore()
    try:
        yield store_articles(store, across_analyses)
    finally:
        store.close()
