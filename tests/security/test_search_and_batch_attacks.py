"""Library search that could pin a core (repeated and endless terms; cancelled from the
reader), and batch input directories whose symlinks point at secrets."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from analyzers.batch.records import open_source, read_partition
from analyzers.batch.work import Options, analyse_record
from analyzers.ingest.load import load_bytes
from analyzers.store.library.queries import MAX_TERMS, SearchStopped, search, search_terms
from analyzers.store.library.store import LibraryStore
from tests.library.conftest import LOAN_PARAGRAPHS, PARAGRAPHS


@pytest.fixture(scope="module")
def big_library(tmp_path_factory) -> LibraryStore:
    """600 articles of 6–14 paragraphs each, every one full of 'the'."""
    rng = random.Random(5)
    paras = PARAGRAPHS + LOAN_PARAGRAPHS
    store = LibraryStore(tmp_path_factory.mktemp("lib") / "library.sqlite3")
    for i in range(600):
        text = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(6, 14)))
        store.add_version(f"https://x.example/{i}", load_bytes(text.encode(), f"https://x.example/{i}", "text"))
    yield store
    store.close()


@pytest.mark.parametrize("query", ["the " * 150, " ".join(PARAGRAPHS) * 3, "the council the bridge " * 100])
def test_a_hostile_query_answers_within_a_second(big_library: LibraryStore, query: str):
    started = time.monotonic()
    hits = search(big_library, query)
    assert time.monotonic() - started < 1.0
    assert len(search_terms(query)) <= MAX_TERMS
    assert hits or len(search_terms(query)) > 1


def test_repeats_are_searched_once():
    assert search_terms("The the THE council the") == ["the", "council"]


def test_a_cancelled_search_stops_at_once(big_library: LibraryStore):
    with pytest.raises(SearchStopped, match="stopped"):
        search(big_library, "the council", cancelled=lambda: True)
    with pytest.raises(SearchStopped, match="after"):
        search(big_library, "the council", max_seconds=0.0)
    assert search(big_library, "bridge")   # the connection is usable again


def test_batch_refuses_symlinks_out_of_an_input_directory(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The launch code is 0000, said nobody.")
    archive = tmp_path / "archive"
    (archive / "sub").mkdir(parents=True)
    (archive / "story.txt").write_text("“We will win,” said Anna Kelly.")
    (archive / "link.txt").symlink_to(secret)
    (archive / "sub" / "deeper.txt").symlink_to(secret)
    (archive / "dirlink").symlink_to(tmp_path)
    records = [r for spec in open_source(archive).partitions for r in read_partition(spec)]
    rows = {r.id: analyse_record(r, None, Options()) for r in records if r.id != "story.txt"}
    assert set(rows) == {"link.txt", "sub/deeper.txt"}
    for row in rows.values():
        assert row.analysis is None and "symbolic link" in (row.error or "")
