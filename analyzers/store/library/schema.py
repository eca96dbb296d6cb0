"""The library database's schema: each entry upgrades it by one version (PRAGMA user_version);
never edit a shipped one."""

MIGRATIONS: tuple[str, ...] = (
    # v1: feeds, articles and the versions of their text
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        site TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        etag TEXT,
        last_modified TEXT,
        added TEXT NOT NULL,
        last_fetched TEXT,
        next_update TEXT,
        last_error TEXT
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        canonical TEXT,
        feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
        guid TEXT,
        title TEXT NOT NULL DEFAULT '',
        byline TEXT,
        published TEXT,
        site TEXT,
        added TEXT NOT NULL,
        entry_hash TEXT,
        read INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_by_feed ON articles (feed_id);
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        hash TEXT NOT NULL,
        fetched TEXT NOT NULL,
        document BLOB NOT NULL,
        raw BLOB,
        chars INTEGER NOT NULL,
        quotes INTEGER,
        sources INTEGER,
        claims INTEGER,
        anonymous REAL,
        analysed TEXT,
        UNIQUE (article_id, hash)
    );
    CREATE INDEX versions_by_article ON versions (article_id);
    """,
    # v2: the cross-article index (analyzers/store/library/index.py) and full-text search
    """
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,       -- "person:claudia sheinbaum", "org:ford" (index.resolve)
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    surname TEXT,
    first TEXT
);
CREATE INDEX people_by_surname ON people (surname);
CREATE TABLE aliases (
    alias TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (alias, person_id)
);
CREATE TABLE mentions (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    first_end INTEGER NOT NULL,
    PRIMARY KEY (version_id, person_id)
);
CREATE INDEX mentions_by_person ON mentions (person_id);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    quote_id TEXT NOT NULL,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    speaker TEXT,
    source_kind TEXT,
    anonymous INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL,
    cue TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    words INTEGER NOT NULL
);
CREATE INDEX quotes_by_person ON quotes (person_id);
CREATE INDEX quotes_by_version ON quotes (version_id);
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2');
-- each article's newest version (rowid = version id), kept by LibraryStore.add_version
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');
CREATE TABLE indexed (
    version_id INTEGER PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    host TEXT NOT NULL,             -- the outlet when the feed and the page name none (OUTLET_SQL)
    day TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    at TEXT NOT NULL
);
CREATE INDEX indexed_by_article ON indexed (article_id);
CREATE INDEX indexed_current ON indexed (current, day);
-- near-duplicates (analyzers/store/library/stories.py): an article's bottom-k shingle sketch, and the
-- story it is a copy of (its own id when it is the first copy)
CREATE TABLE sketches (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    hash INTEGER NOT NULL,
    PRIMARY KEY (hash, article_id)
) WITHOUT ROWID;
CREATE INDEX sketches_by_article ON sketches (article_id);
ALTER TABLE articles ADD COLUMN story INTEGER;
CREATE INDEX articles_by_story ON articles (story);
""",
    # v3: every version's text is searchable, not only the newest (a reworded quote is found by
    # its old words); what the one-time work after a migration has done (LibraryStore.backfill)
    """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""",
    # v4: sources have new kinds (plain unnamed officials are no longer anonymous, groups and
    # documents apart): every analysed version is indexed again by the next update, so the
    # anonymous share, outlet profiles and Sources count them by the new kinds
    """
UPDATE versions SET analysed = NULL WHERE id IN (SELECT version_id FROM indexed);
DELETE FROM indexed;
""",
    # v5: fact-checks (schema.org ClaimReview) and the index "checked before?" matches claims
    # against (analyzers/store/library/factchecks.py)
    """
CREATE TABLE factchecks (
    id INTEGER PRIMARY KEY,
    identifier TEXT UNIQUE,         -- the ClaimReview's identifier, when it has one
    url TEXT NOT NULL,              -- the review's page (http or https)
    claim_key TEXT NOT NULL,        -- the claim's words, folded: a review with no identifier is (url, claim_key)
    claim_reviewed TEXT NOT NULL,
    claimant TEXT,                  -- itemReviewed.author
    claim_date TEXT,                -- itemReviewed.datePublished (ISO date)
    rating TEXT,                    -- reviewRating.alternateName
    rating_value REAL,
    best_rating REAL,
    worst_rating REAL,
    publisher TEXT,
    date_published TEXT,            -- the review's date (ISO)
    headline TEXT,
    origin TEXT,                    -- the file or page it was read from
    added TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX factchecks_by_url ON factchecks (url, claim_key);
CREATE VIRTUAL TABLE factchecks_fts USING fts5(claim_reviewed, headline, content='factchecks', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2');
-- the matcher's index over every review (numpy arrays, rebuilt after a change): "state" counts the
-- changes, so an index built from an older collection is known to be stale
CREATE TABLE factcheck_index (
    name TEXT PRIMARY KEY,
    dtype TEXT NOT NULL,
    shape TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE factcheck_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL,
    indexed INTEGER                 -- the generation the index was built from
);
INSERT INTO factcheck_state (id, generation, indexed) VALUES (1, 0, NULL);
""",
)
