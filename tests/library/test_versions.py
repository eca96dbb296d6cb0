"""What changed between two versions: paragraphs (difflib) and quotes (speaker + fuzzy text),
on the fixture article corrected after publication, analysed for real."""

from __future__ import annotations

from analyzers.store.library.store import LibraryStore
from analyzers.store.library.versions import (
    IndexedQuote,
    indexed_quotes,
    paragraph_changes,
    quote_changes,
    word_diff,
)
from tests.library.across import ARTICLES, TREATY_CORRECTED, store_articles

TREATY = next(a for a in ARTICLES if a.slug == "treaty")


def test_paragraphs_added_removed_and_edited():
    changes = paragraph_changes(TREATY.document(), TREATY_CORRECTED.document())
    kinds = [c.kind for c in changes]
    assert kinds.count("edited") == 2 and kinds.count("added") == 1 and kinds.count("removed") == 1
    edited = next(c for c in changes if c.kind == "edited" and "honour" in (c.new or ""))
    assert ("-", "we ") in edited.words() and ("+", "Mexico ") in edited.words()
    added = next(c for c in changes if c.kind == "added")
    doc = TREATY_CORRECTED.document()
    assert added.new_start is not None and doc.text[added.new_start:].startswith("The next round of talks")
    assert paragraph_changes(TREATY.document(), TREATY.document()) == []


def test_word_diff_keeps_every_word_once():
    ops = word_diff("the cost was $410 million", "the cost is now $890 million")
    assert "".join(w for op, w in ops if op != "+") == "the cost was $410 million"
    assert "".join(w for op, w in ops if op != "-") == "the cost is now $890 million"


def test_quotes_reworded_reattributed_removed_added(tmp_path, across_analyses):
    store = LibraryStore(tmp_path / "library.sqlite3")
    vids = store_articles(store, across_analyses)
    _, new_vid, _ = store.add_version(TREATY_CORRECTED.url, TREATY_CORRECTED.document())
    store.analysed(new_vid, across_analyses["treaty-corrected"])
    old, new = indexed_quotes(store.db, vids["treaty"]), indexed_quotes(store.db, new_vid)
    store.close()
    assert old and new
    changes = quote_changes(old, new)
    by_kind = {c.kind: c for c in changes}
    reworded = by_kind["reworded"]
    assert "we will honour" in reworded.old.text and "Mexico will honour" in reworded.new.text
    moved = by_kind["reattributed"]
    assert "Abbott" in (moved.old.speaker or "") and "Miller" in (moved.new.speaker or "")
    assert any(c.kind == "removed" and "signed within weeks" in c.old.text for c in changes)
    unchanged = [q for q in new if not any(c.new is q for c in changes)]
    assert unchanged  # "defended her government's plan" is the same quote: not listed


def q(text: str, speaker: str | None, pid: int | None = None) -> IndexedQuote:
    return IndexedQuote(text, speaker, pid, "direct", "said", 0, len(text))


def test_quote_matching_rules():
    old = [q("We will build it", "Ortiz", 1), q("It costs too much", None), q("No comment at this time", "Lee", 2)]
    new = [q("We will build it, and soon", "Ortiz", 1), q("It costs too much", None), q("No comment at this time", "Kim", 3),
           q("A new quote", "Ortiz", 1)]
    got = sorted((c.kind, (c.old or c.new).text) for c in quote_changes(old, new))  # type: ignore[union-attr]
    assert got == [("added", "A new quote"), ("reattributed", "No comment at this time"),
                   ("reworded", "We will build it")]
    assert quote_changes([], []) == []
    assert [c.kind for c in quote_changes(old[:1], [])] == ["removed"]


def test_old_versions_words_are_searchable(tmp_path):
    """Search finds an article by words only an earlier version had (each article once, marked
    as found in an earlier version), and by its newest words at its newest version."""
    from analyzers import document_from_text
    from analyzers.store.library.queries import search

    url = "https://news.example/tram"
    before = "The city is not going to subsidise the tram line, said the mayor on Monday."
    after = "The city will not subsidise the tram line, said the mayor on Monday."
    store = LibraryStore(tmp_path / "library.sqlite3")
    try:
        _, v1, _ = store.add_version(url, document_from_text(before, url))
        _, v2, _ = store.add_version(url, document_from_text(after, url))
        [old] = [h for h in search(store, "going to subsidise") if h.kind == "article"]
        assert (old.version_id, old.earlier) == (v1, True)
        [new] = [h for h in search(store, "will not subsidise") if h.kind == "article"]
        assert (new.version_id, new.earlier) == (v2, False)
        assert len([h for h in search(store, "tram line") if h.kind == "article"]) == 1
    finally:
        store.close()


def test_a_library_from_before_keeps_its_older_versions_searchable_after_the_upgrade(tmp_path):
    from analyzers import document_from_text
    from analyzers.store.library.queries import search

    url = "https://news.example/tram"
    path = tmp_path / "library.sqlite3"
    store = LibraryStore(path)
    store.add_version(url, document_from_text("The city is not going to subsidise the line.", url))
    store.add_version(url, document_from_text("The city will not subsidise the line.", url))
    # as schema v2 left it: only the newest text indexed, nothing backfilled yet
    store.db.execute("DELETE FROM articles_fts WHERE rowid = (SELECT MIN(id) FROM versions)")
    store.db.execute("DELETE FROM meta")
    store.db.commit()
    store.close()
    again = LibraryStore(path)
    try:
        assert [h.earlier for h in search(again, "going to subsidise") if h.kind == "article"] == [True]
    finally:
        again.close()
