"""The cross-article index: every analysed version's speakers, entities and quotes, keyed by a
canonical name that joins the forms one person goes by in different articles, and full-text
search over articles and quotes (SQLite FTS5).

Joining names across articles uses the per-article rules (titles, possessives and case folded
away: "President Sheinbaum" is "sheinbaum"), an alias table, and near misses (rapidfuzz) — but
never two different full names: "Bill Clinton" and "Hillary Clinton" stay two people, and a
lone "Clinton" joins only a surname that one person in the index holds. Anonymous sources and
unnamed groups are never joined across articles ("people familiar with the talks" are not the
same people in two stories); their quotes still count for the outlets' sourcing profiles.

A version's rows are replaced in one transaction whenever it is (re-)analysed. Every version
keeps its rows (the versions view compares their quotes); only each article's newest indexed
version is ``current``, and only current versions answer "where else", sources, profiles and
search.
"""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

from rapidfuzz.distance import Levenshtein

from analyzers.model import Analysis
from analyzers.rules.names import name_tokens

JOINED_KINDS = ("person", "organization", "outlet", "official", "document")
ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
                "NORP": "group"}


SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])


def name_class(kind: str) -> str:
    """People and organisations never share a key: the person "Jordan" is not the country's
    team, "Ford" the company is not Gerald Ford."""
    return "person" if kind in ("person", "official") else "org"


def _words(name: str, cls: str) -> list[str]:
    """A name's key words: titles, determiners and possessives gone (names.name_tokens), and for
    people middle initials and suffixes too ("Joseph R. Biden Jr." is "joseph biden")."""
    words = name_tokens(name)
    if cls == "person":
        while len(words) > 1 and words[-1].rstrip(".") in SUFFIXES:
            words = words[:-1]
        if len(words) > 2:
            words = [words[0], *[w for w in words[1:-1] if len(w.rstrip(".")) > 1], words[-1]]
    return words


def _near_miss(a: str, b: str) -> bool:
    """Two spellings of one surname ('Sheinbaum' / 'Sheimbaum'), not two names: short surnames
    one letter apart are usually different people ('Price' / 'Prince', 'Kelly' / 'Kelley'), and
    'Clintons' is a family."""
    if a == b or min(len(a), len(b)) < 7 or a[0] != b[0] or a.rstrip("s") == b.rstrip("s"):
        return False
    return Levenshtein.distance(a, b, score_cutoff=2) <= (1 if min(len(a), len(b)) < 10 else 2)


def outlet_of(url: str, feed_title: str | None, site: str | None) -> str:
    """Who published it: the feed's title, else the page's site name, else its host (the same
    rule as OUTLET_SQL)."""
    return (feed_title or "").strip() or (site or "").strip() or host_of(url)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or url).removeprefix("www.")


# outlet_of in SQL, over an index row i, its article a and its feed f (a feed renamed renames it)
OUTLET_SQL = "COALESCE(NULLIF(TRIM(f.title), ''), NULLIF(TRIM(a.site), ''), i.host)"


def resolve(db: sqlite3.Connection, name: str, kind: str, *, create: bool = True) -> int | None:
    """The person (or organisation) ``name`` stands for across the library; a new one when no
    one matches and ``create``. Inside a transaction.

    Keys are class-prefixed ("person:claudia sheinbaum", "org:ford"). A lone surname joins the
    one person of that surname, asked each time (never kept as an alias: a second Clinton may
    arrive); a full name joins a full name only with the same first name and a surname one typo
    away; two different full names never join."""
    cls = name_class(kind)
    words = _words(name, cls)
    if not words:
        return None
    key = f"{cls}:{' '.join(words)}"
    row = db.execute("SELECT id FROM people WHERE key = ?", (key,)).fetchone() or \
        db.execute("SELECT person_id FROM aliases WHERE alias = ?", (key,)).fetchone()
    if row is not None:
        return int(row[0])
    if cls == "person" and len(words) == 1:
        same = db.execute("SELECT id FROM people WHERE surname = ? AND kind = 'person'", (words[0],)).fetchall()
        if len(same) == 1:
            return int(same[0][0])
    elif cls == "person":
        for pid, surname in db.execute("SELECT id, surname FROM people WHERE first = ? AND kind = 'person'",
                                       (words[0],)):
            if surname and _near_miss(surname, words[-1]):
                if create:
                    db.execute("INSERT OR IGNORE INTO aliases (alias, person_id) VALUES (?, ?)", (key, pid))
                return int(pid)
        # "Sheinbaum" indexed alone before any full name: the first full name takes that person
        # over, unless another full name already holds the surname
        lone = db.execute("SELECT id FROM people WHERE key = ?", (f"person:{words[-1]}",)).fetchone()
        if lone is not None and create and not db.execute(
                "SELECT 1 FROM people WHERE surname = ? AND first IS NOT NULL AND kind = 'person'",
                (words[-1],)).fetchone():
            db.execute("UPDATE people SET key = ?, name = ?, first = ? WHERE id = ?", (key, name, words[0], lone[0]))
            return int(lone[0])
    if not create:
        return None
    cur = db.execute("INSERT INTO people (key, name, kind, surname, first) VALUES (?, ?, ?, ?, ?)",
                     (key, name, "person" if cls == "person" else kind, words[-1] if cls == "person" else None,
                      words[0] if cls == "person" and len(words) > 1 else None))
    return int(cur.lastrowid or 0)


def index_version(db: sqlite3.Connection, version_id: int, a: Analysis) -> None:
    """Replace the index rows of one version with what ``a`` found and make it its article's
    current version. Inside the caller's transaction (LibraryStore.analysed)."""
    entities = a.entity_by_id()
    by_quote = {qid: s for s in a.sources for qid in s.quotes}
    row = db.execute("SELECT v.article_id, v.fetched, a.url, a.published FROM versions v "
                     "JOIN articles a ON a.id = v.article_id WHERE v.id = ?", (version_id,)).fetchone()
    if row is None:
        raise KeyError(version_id)
    article_id, fetched, url, published = row
    _forget(db, version_id)
    newest = db.execute("SELECT MAX(i.version_id) FROM indexed i WHERE i.article_id = ?",
                        (article_id,)).fetchone()[0]
    current = newest is None or version_id > newest
    if current:
        db.execute("UPDATE indexed SET current = 0 WHERE article_id = ?", (article_id,))
    db.execute("INSERT INTO indexed (version_id, article_id, host, day, current, at) "
               "VALUES (?, ?, ?, ?, ?, datetime('now'))",
               (version_id, article_id, host_of(url), (published or fetched or "")[:10], int(current)))
    people: dict[str, int | None] = {}
    for e in a.entities:
        kind = ENTITY_KINDS.get(e.label)
        if kind is None or kind in ("place", "group"):
            continue
        pid = resolve(db, e.name, kind)
        people[e.id] = pid
        if pid is not None:
            first = min(e.mentions, key=lambda m: m.start) if e.mentions else None
            db.execute("INSERT INTO mentions (version_id, person_id, name, mentions, first_start, first_end) "
                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (version_id, person_id) DO UPDATE SET "
                       "mentions = mentions + excluded.mentions",
                       (version_id, pid, e.name, len(e.mentions), first.start if first else 0,
                        first.end if first else 0))
    for q in a.quotes:
        src = by_quote.get(q.id)
        pid = None
        if src is not None and _named(src.name, src.entity, src.anonymous, src.kind):
            pid = people.get(src.entity) if src.entity in entities else None
            pid = pid or resolve(db, src.name, src.kind)
        speaker = src.name if src else (q.speaker.name if q.speaker else None)
        cur = db.execute(
            'INSERT INTO quotes (version_id, quote_id, person_id, speaker, source_kind, anonymous, kind, cue, '
            'text, start, "end", words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            (version_id, q.id, pid, speaker, src.kind if src else None, int(bool(src and src.anonymous)),
             q.kind, q.cue.text.lower() if q.cue else None, q.text, q.start, q.end, len(q.text.split())))
        db.execute("INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, q.text))


def _named(name: str, entity: str | None, anonymous: bool, kind: str) -> bool:
    """A source one can meet again in another article: one the text names (an entity), not "a
    spokesman", "The company" at the start of a sentence or "people familiar with..."."""
    return not anonymous and kind in JOINED_KINDS and entity is not None


def unindexed(db: sqlite3.Connection, limit: int = 10_000) -> list[int]:
    """Analysed versions the index does not hold yet (an older copydesk analysed them)."""
    # each article's newest version first: "where else" and search read those
    rows = db.execute("SELECT v.id FROM versions v LEFT JOIN indexed i ON i.version_id = v.id "
                      "WHERE v.analysed IS NOT NULL AND i.version_id IS NULL ORDER BY "
                      "v.id = (SELECT MAX(id) FROM versions WHERE article_id = v.article_id) DESC, v.id DESC "
                      "LIMIT ?", (limit,))
    return [r[0] for r in rows]


def is_indexed(db: sqlite3.Connection, version_id: int) -> bool:
    return db.execute("SELECT 1 FROM indexed WHERE version_id = ?", (version_id,)).fetchone() is not None


def _forget(db: sqlite3.Connection, version_id: int) -> None:
    for rowid, text in db.execute("SELECT id, text FROM quotes WHERE version_id = ?", (version_id,)).fetchall():
        db.execute("INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', ?, ?)", (rowid, text))
    db.execute("DELETE FROM quotes WHERE version_id = ?", (version_id,))
    db.execute("DELETE FROM mentions WHERE version_id = ?", (version_id,))
    db.execute("DELETE FROM indexed WHERE version_id = ?", (version_id,))
