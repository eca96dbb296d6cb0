"""The cross-article index on real analyses of the fixture articles (tests/library/across.py):
one person under several name forms across outlets, two people who share a surname, re-analysis,
where else, sources, outlet profiles, search, stories and versions."""

from __future__ import annotations

import sqlite3

import pytest

from analyzers.store.library import queries
from analyzers.store.library.index import index_version, resolve
from analyzers.store.library.store import LibraryStore
from tests.library.across import ARTICLES, BASE, TREATY_CORRECTED, store_articles


@pytest.fixture
def lib(tmp_path, across_analyses):
    store = LibraryStore(tmp_path / "library.sqlite3")
    vids = store_articles(store, across_analyses)
    yield store, vids
    store.close()


def people(store: LibraryStore) -> dict[str, int]:
    return {r[0]: r[1] for r in store.db.execute("SELECT name, id FROM people WHERE kind = 'person'")}


def test_one_person_under_three_name_forms_across_outlets(lib):
    store, _ = lib
    ids = people(store)
    assert "Claudia Sheinbaum" in ids
    assert not {"Sheinbaum", "President Sheinbaum"} & set(ids)  # joined, not new people
    pid = ids["Claudia Sheinbaum"]
    for form in ("Claudia Sheinbaum", "Sheinbaum", "President Sheinbaum", "claudia sheinbaum", "Sheinbaum's"):
        assert resolve(store.db, form, "person", create=False) == pid, form
    quoted_in = {r[0] for r in store.db.execute(
        "SELECT a.url FROM quotes q JOIN indexed i ON i.version_id = q.version_id JOIN articles a ON a.id = i.article_id "
        "WHERE q.person_id = ?", (pid,))}
    assert quoted_in == {f"{BASE}/water-deal", f"{BASE}/treaty", f"{BASE}/sheinbaum-lone"}
    row = next(s for s in queries.sources(store) if s.name == "Claudia Sheinbaum")
    assert set(row.outlets) == {"Gulf Coast Wire", "Border Ledger", "Capital Review"}
    assert row.articles == 3 and row.first_seen == "2026-11-02" and row.last_seen == "2026-11-05"
    assert "Sheinbaum" in row.aliases


def test_two_people_who_share_a_surname_stay_apart(lib):
    store, _ = lib
    ids = people(store)
    assert ids["Bill Clinton"] != ids["Hillary Clinton"]
    # a lone "Clinton" is either of them: it joins neither
    assert resolve(store.db, "Clinton", "person", create=False) is None
    bill = queries.where_else(store, "Bill Clinton")
    assert {h.url for h in bill} == {f"{BASE}/trade"}
    assert all("Georgetown" not in (h.quote or "") for h in bill)


def test_a_near_miss_of_a_full_name_joins_but_a_different_first_name_does_not(lib):
    store, _ = lib
    with store.transaction() as db:
        assert resolve(db, "Claudia Sheimbaum", "person") == people(store)["Claudia Sheinbaum"]
        assert resolve(db, "Carlos Sheinbaum", "person") != people(store)["Claudia Sheinbaum"]
        # short surnames one letter apart are usually two people
        assert resolve(db, "Greg Abbot", "person") != people(store)["Greg Abbott"]


def test_reanalysis_replaces_a_versions_rows_in_one_transaction(lib, across_analyses):
    store, vids = lib
    vid = vids["water-deal"]

    def counts() -> tuple[int, int, int]:
        return tuple(store.db.execute(f"SELECT COUNT(*) FROM {t} WHERE version_id = ?", (vid,)).fetchone()[0]
                     for t in ("quotes", "mentions", "indexed"))

    before = counts()
    assert before[0] == len(across_analyses["water-deal"].quotes) and before[2] == 1
    store.analysed(vid, across_analyses["water-deal"])
    assert counts() == before  # replaced, not doubled
    fts = store.db.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'accept'").fetchone()[0]
    assert fts == 1
    # a failure half-way leaves the previous rows whole
    with pytest.raises(sqlite3.Error), store.transaction() as db:
        index_version(db, vid, across_analyses["treaty"])
        db.execute("INSERT INTO no_such_table VALUES (1)")
    assert counts() == before
    assert store.db.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'accept'").fetchone()[0] == 1


def test_where_else_lists_the_other_articles_with_quote_cue_and_place(lib):
    store, _ = lib
    hits = queries.where_else(store, "Sheinbaum", exclude_url=f"{BASE}/water-deal")
    assert {h.url for h in hits} == {f"{BASE}/treaty", f"{BASE}/sheinbaum-lone"}
    treaty = next(h for h in hits if h.url.endswith("/treaty") and h.kind == "direct")
    assert treaty.outlet == "Border Ledger" and treaty.day == "2026-11-04" and treaty.cue == "told"
    doc = ARTICLES[1].document()
    assert doc.text[treaty.start:treaty.end] == treaty.quote and "honoured" in treaty.quote
    assert hits[0].day >= hits[-1].day  # newest first


def test_where_else_finds_mentions_of_an_organisation(lib):
    store, _ = lib
    hits = queries.where_else(store, "Georgetown University", "organization")
    assert [h.kind for h in hits] == ["mention"] and hits[0].url.endswith("/alliances")


def test_anonymous_sources_are_never_joined(lib):
    store, _ = lib
    names = {s.name for s in queries.sources(store)}
    assert not any("familiar" in n or "official" in n.lower() for n in names)
    anonymous = store.db.execute("SELECT COUNT(*) FROM quotes WHERE anonymous = 1 AND person_id IS NOT NULL")
    assert anonymous.fetchone()[0] == 0


def test_outlet_profile_shares_sources_and_verbs(lib):
    store, _ = lib
    p = queries.profile(store, outlet="Border Ledger")
    assert p.articles == 2 and p.quotes >= 4
    assert abs(p.named + p.official + p.anonymous + p.unnamed + p.unattributed - 1) < 0.01
    assert p.anonymous > 0  # "a senior official who was not authorized"
    assert 0 < p.direct < 1
    assert p.top_sources[0][1] >= 1 and all(w > 0 for _, _, w in p.top_sources)
    assert dict(p.verbs)["said"] >= 2 and "told" in dict(p.verbs)
    # a date range
    assert queries.profile(store, outlet="Border Ledger", since="2026-11-05").articles == 1
    assert queries.profile(store, outlet="Border Ledger", until="2026-11-03").quotes == 0
    everyone = queries.outlets(store)
    assert [o.outlet for o in everyone] == ["Border Ledger", "Capital Review", "Gulf Coast Wire"]
    assert queries.date_range(7, today=__import__("datetime").date(2026, 11, 28)) == ("2026-11-22", "2026-11-28")


def test_profile_of_a_tag(lib):
    store, _ = lib
    store.add_feed(f"{BASE}/capital-review.xml", "Capital Review", tags=["politics"])
    p = queries.profile(store, tag="politics")
    assert p.outlet == "#politics" and p.articles == 3


def test_search_titles_texts_and_quotes(lib):
    store, _ = lib
    hits = queries.search(store, "honour")  # a prefix: "honoured", "honour"
    kinds = {(h.kind, h.url.rsplit("/", 1)[1]) for h in hits}
    assert ("article", "treaty") in kinds and ("quote", "treaty") in kinds
    quote = next(h for h in hits if h.kind == "quote")
    assert quote.speaker == "Claudia Sheinbaum" and queries.OPEN in quote.snippet
    assert "\n" not in quote.plain_snippet and queries.OPEN not in quote.plain_snippet
    assert [h.url for h in queries.search(store, "levee") if h.kind == "article"]  # the storm
    assert queries.search(store, "Monterrey talks")  # every word, anywhere in the article
    assert queries.search(store, "Montérrey")  # accents folded


@pytest.mark.parametrize("query", ['"', "NEAR(a b)", "a OR", "-x", "*", "title:x", "'; DROP TABLE quotes; --",
                                   "\x1b[31m", ""])
def test_search_takes_any_text_as_words(lib, query):
    store, _ = lib
    queries.search(store, query)  # never an FTS5 syntax error
    assert store.db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] > 0


def test_one_wire_story_in_two_feeds_is_one_story(lib):
    store, _ = lib
    rows = {a.url.rsplit("/", 1)[1]: a for a in store.articles()}
    assert rows["storm"].story == rows["storm-copy"].story == rows["storm"].id
    others = {rows[s].story for s in ("water-deal", "treaty", "trade", "alliances", "sheinbaum-lone")}
    assert len(others) == 5 and rows["storm"].story not in others


def test_a_newer_version_becomes_current_and_the_older_keeps_its_quotes(lib, across_analyses):
    store, vids = lib
    doc = TREATY_CORRECTED.document()
    _, new_vid, fresh = store.add_version(TREATY_CORRECTED.url, doc)
    assert fresh
    store.analysed(new_vid, across_analyses["treaty-corrected"])
    current = dict(store.db.execute("SELECT version_id, current FROM indexed WHERE version_id IN (?, ?)",
                                    (vids["treaty"], new_vid)).fetchall())
    assert current == {vids["treaty"]: 0, new_vid: 1}
    # where else and search read the current version only
    assert not [h for h in queries.search(store, "honour it") if h.kind == "quote" and "we will" in h.plain_snippet]
    assert [h for h in queries.search(store, "Mexico will honour") if h.kind == "quote"]
    # re-analysing the older version later does not make it current again
    store.analysed(vids["treaty"], across_analyses["treaty"])
    assert store.db.execute("SELECT current FROM indexed WHERE version_id = ?", (vids["treaty"],)).fetchone()[0] == 0


def test_name_classes_initials_suffixes_and_near_misses(tmp_path):
    store = LibraryStore(tmp_path / "l.sqlite3")
    with store.transaction() as db:
        gerald = resolve(db, "Gerald Ford", "person")
        assert resolve(db, "Ford", "organization") != gerald  # the company is not the president
        assert resolve(db, "Ford", "person") == gerald
        trump = resolve(db, "Donald Trump", "person")
        assert resolve(db, "Donald J. Trump", "person") == trump
        biden = resolve(db, "Joseph R. Biden Jr.", "person")
        assert resolve(db, "Joseph Biden", "person") == biden
        assert resolve(db, "Tom Price", "person") != resolve(db, "Tom Prince", "person")
        assert resolve(db, "Mark Kelly", "person") != resolve(db, "Mark Kelley", "person")
        # a lone surname, then its full name takes it over; a second full name makes it ambiguous
        lone = resolve(db, "Sheinbaum", "person")
        assert resolve(db, "Claudia Sheinbaum", "person") == lone
        assert resolve(db, "Sheinbaum", "person") == lone
        carlos = resolve(db, "Carlos Sheinbaum", "person")
        assert carlos != lone
        assert resolve(db, "Sheinbaum", "person", create=False) is None
    store.close()


def test_sentence_start_generic_sources_are_not_joined(tmp_path, nlp):
    from analyzers.rules.pipeline import analyze
    from tests.library.across import Article

    texts = [Article("chips", "Wire A", "2026-11-01", "Chip maker cuts jobs", (
                 "The company said on Monday that it would cut 2,000 jobs as demand for its chips slowed.",)),
             Article("planes", "Wire B", "2026-11-02", "Airline cancels flights", (
                 "The company said on Tuesday that it had cancelled 300 flights because of the storm.",))]
    store = LibraryStore(tmp_path / "l.sqlite3")
    store_articles(store, {a.slug: analyze(a.document(), nlp) for a in texts}, tuple(texts))
    assert not [s for s in queries.sources(store) if "company" in s.name.lower()]
    assert queries.where_else(store, "The company", "organization") == []
    assert queries.profile(store).named == 0
    store.close()


def test_an_outlet_renamed_by_its_feed_is_renamed_everywhere(lib):
    store, _ = lib
    feed = next(f for f in store.feeds() if f.title == "Border Ledger")
    store.feed_fetched(feed.id, title="The Border Ledger", next_update="2026-12-01T00:00:00Z")
    assert "The Border Ledger" in queries.outlet_names(store) and "Border Ledger" not in queries.outlet_names(store)
    assert queries.profile(store, outlet="The Border Ledger").articles == 2
    hits = queries.where_else(store, "Claudia Sheinbaum")
    assert {h.outlet for h in hits} >= {"The Border Ledger", "Gulf Coast Wire"}


def test_where_else_mentions_span_the_mention_itself(lib):
    store, _ = lib
    [hit] = [h for h in queries.where_else(store, "Georgetown University", "organization")]
    doc = next(a for a in ARTICLES if a.slug == "alliances").document()
    assert doc.text[hit.start:hit.end] == "Georgetown University"
