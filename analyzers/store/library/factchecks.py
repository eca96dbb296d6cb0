"""The library's fact-checks: schema.org ClaimReviews kept one row each (re-reading one updates
it, by its identifier, else by its URL and claim), full-text searchable, and the matcher's index
over all of them kept as numpy arrays (rebuilt after a change; a stale or missing index is built
in memory, so a read-only library still matches).

Pure matching lives in analyzers/rules/factcheck_match.py; this module only stores and fetches."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from analyzers.ingest.claimreview import ClaimReview, Skipped

if TYPE_CHECKING:  # numpy is loaded when fact-checks are matched, never before the first paint
    import numpy as np

    from analyzers.rules.factcheck_match import Index, Query
    from analyzers.store.library.store import LibraryStore

BATCH = 5000                 # reviews per transaction while importing
MAX_PROBLEMS = 20            # skipped records named one by one; the rest are counted
FIELDS = ("identifier", "url", "claim_reviewed", "claimant", "claim_date", "rating", "rating_value",
          "best_rating", "worst_rating", "publisher", "date_published", "headline")


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)   # the first MAX_PROBLEMS, one line each

    @property
    def changed(self) -> int:
        return self.added + self.updated

    def merge(self, other: ImportResult) -> None:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.skipped += other.skipped
        self.problems += other.problems[:MAX_PROBLEMS - len(self.problems)]

    def to_json(self) -> dict[str, Any]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "skipped": self.skipped, "problems": self.problems}


@dataclass(frozen=True)
class Match:
    review: ClaimReview
    score: float                 # P(it checks the claim), from the re-ranker
    confident: bool = False      # the best match of a claim "checked before"

    def to_json(self) -> dict[str, Any]:
        r = self.review
        return {"url": r.url, "identifier": r.identifier, "claimReviewed": r.claim_reviewed, "rating": r.rating,
                "publisher": r.publisher, "datePublished": r.date_published, "score": self.score,
                "confident": self.confident}


@dataclass(frozen=True)
class ClaimMatches:
    """One claim's matches, best first, and whether it was checked before."""

    id: str
    matches: tuple[Match, ...] = ()
    confidence: float = 0.0
    checked_before: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "matches": [m.to_json() for m in self.matches],
                "checked_before": self.checked_before, "confidence": self.confidence}


EXPORTED = 3               # matches a claim checked before carries in exports and analyze --json


def add_to_claims(out: dict[str, Any], matches: Mapping[str, ClaimMatches]) -> dict[str, Any]:
    """The analysis JSON (analysis-schema.json) with ``factchecks`` on each claim checked before:
    its best matches (the first confident), as the schema's optional field describes."""
    for claim in out.get("claims", []):
        m = matches.get(claim["id"])
        if m is not None and m.checked_before and m.matches:
            claim["factchecks"] = [x.to_json() for x in m.matches[:EXPORTED]]
    return out


def claim_key(claim: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", claim.casefold()).split())[:500]


def _row_review(row: sqlite3.Row) -> ClaimReview:
    return ClaimReview(claim_reviewed=row["claim_reviewed"], url=row["url"], identifier=row["identifier"],
                       headline=row["headline"], claimant=row["claimant"], claim_date=row["claim_date"],
                       rating=row["rating"], rating_value=row["rating_value"], best_rating=row["best_rating"],
                       worst_rating=row["worst_rating"], publisher=row["publisher"],
                       date_published=row["date_published"])


# -- writing ---------------------------------------------------------------------------------------
def harvest(page: bytes, url: str) -> list[ClaimReview | Skipped]:
    """The ClaimReviews a fetched page carries in its JSON-LD (none, cheaply, when it names no
    ClaimReview)."""
    from analyzers.ingest.claimreview import read_bytes

    if b"ClaimReview" not in page:
        return []
    return list(read_bytes(page, url, base_url=url))


def upsert(store: LibraryStore, records: Iterable[ClaimReview | Skipped], origin: str,
           progress: Callable[[ImportResult], object] | None = None) -> ImportResult:
    """Keep every ClaimReview (a new row, or the one it updates); count and name what was
    skipped. One transaction per BATCH reviews, so a file of any size streams through."""
    from analyzers.store.library.store import now

    total = ImportResult()
    batch: list[ClaimReview] = []

    def flush() -> None:
        if batch:
            total.merge(store.retry(lambda: _write(store, batch, origin, now())))
            batch.clear()
            if progress is not None:
                progress(total)

    for r in records:
        if isinstance(r, Skipped):
            total.skipped += 1
            if len(total.problems) < MAX_PROBLEMS:
                total.problems.append(str(r))
            continue
        batch.append(r)
        if len(batch) >= BATCH:
            flush()
    flush()
    return total


def _write(store: LibraryStore, reviews: list[ClaimReview], origin: str, stamp: str) -> ImportResult:
    out = ImportResult()
    with store.transaction() as db:
        for r in reviews:
            key = claim_key(r.claim_reviewed)
            row = None
            if r.identifier:
                row = db.execute("SELECT * FROM factchecks WHERE identifier = ?", (r.identifier,)).fetchone()
            if row is None:
                row = db.execute("SELECT * FROM factchecks WHERE url = ? AND claim_key = ? AND "
                                 "(identifier IS NULL OR ? IS NULL) ORDER BY id LIMIT 1",
                                 (r.url, key, r.identifier)).fetchone()
            values = [getattr(r, f) for f in FIELDS]
            if row is None:
                cur = db.execute(f"INSERT INTO factchecks ({', '.join(FIELDS)}, claim_key, origin, added, updated) "
                                 f"VALUES ({', '.join('?' * (len(FIELDS) + 4))})", (*values, key, origin, stamp, stamp))
                db.execute("INSERT INTO factchecks_fts (rowid, claim_reviewed, headline) VALUES (?, ?, ?)",
                           (cur.lastrowid, r.claim_reviewed, r.headline or ""))
                out.added += 1
                continue
            if r.identifier is None:    # a page that names no identifier keeps the one we know
                values[0] = row["identifier"]
            if [row[f] for f in FIELDS] == values:
                out.unchanged += 1
                continue
            _unindex_text(db, row)
            db.execute(f"UPDATE factchecks SET {', '.join(f'{f} = ?' for f in FIELDS)}, claim_key = ?, origin = ?, "
                       "updated = ? WHERE id = ?", (*values, key, origin, stamp, row["id"]))
            db.execute("INSERT INTO factchecks_fts (rowid, claim_reviewed, headline) VALUES (?, ?, ?)",
                       (row["id"], r.claim_reviewed, r.headline or ""))
            out.updated += 1
        if out.changed:
            db.execute("UPDATE factcheck_state SET generation = generation + 1")
    return out


def _unindex_text(db: sqlite3.Connection, row: sqlite3.Row) -> None:
    db.execute("INSERT INTO factchecks_fts (factchecks_fts, rowid, claim_reviewed, headline) "
               "VALUES ('delete', ?, ?, ?)", (row["id"], row["claim_reviewed"], row["headline"] or ""))


def remove(store: LibraryStore, keys: Sequence[str]) -> int:
    """Remove the reviews with these identifiers or URLs; how many went."""
    with store.transaction() as db:
        rows = [r for k in keys for r in db.execute(
            "SELECT * FROM factchecks WHERE identifier = ? OR url = ?", (k, k)).fetchall()]
        gone = {r["id"]: r for r in rows}
        for row in gone.values():
            _unindex_text(db, row)
            db.execute("DELETE FROM factchecks WHERE id = ?", (row["id"],))
        if gone:
            db.execute("UPDATE factcheck_state SET generation = generation + 1")
    return len(gone)


# -- reading ---------------------------------------------------------------------------------------
def count(store: LibraryStore) -> int:
    return int(store.db.execute("SELECT COUNT(*) FROM factchecks").fetchone()[0])


def listing(store: LibraryStore, *, limit: int = 50, search: str | None = None,
            publisher: str | None = None) -> list[ClaimReview]:
    """Newest first (by the review's date); ``search``: words that must all occur in the claim
    or headline; ``publisher``: only this fact-checker's."""
    where, args = [], []
    if search:
        terms = re.findall(r"\w+", search)[:8]
        if not terms:
            return []
        where.append("f.id IN (SELECT rowid FROM factchecks_fts WHERE factchecks_fts MATCH ?)")
        args.append(" ".join('"' + t.replace('"', '""') + '"' for t in terms))
    if publisher:
        where.append("lower(f.publisher) = lower(?)")
        args.append(publisher)
    sql = ("SELECT * FROM factchecks f" + (f" WHERE {' AND '.join(where)}" if where else "")
           + " ORDER BY f.date_published IS NULL, f.date_published DESC, f.id DESC LIMIT ?")
    return [_row_review(r) for r in store.db.execute(sql, (*args, limit))]


def stats(store: LibraryStore) -> dict[str, Any]:
    db = store.db
    n = count(store)

    def top(column: str) -> dict[str, int]:
        rows = db.execute(f"SELECT COALESCE({column}, '(none)'), COUNT(*) FROM factchecks GROUP BY 1 "
                          "ORDER BY 2 DESC, 1 LIMIT 10")
        return {r[0]: r[1] for r in rows}

    first, last = db.execute("SELECT MIN(date_published), MAX(date_published) FROM factchecks").fetchone()
    state = db.execute("SELECT generation, indexed FROM factcheck_state").fetchone()
    return {"reviews": n, "publishers": top("publisher"), "ratings": top("rating"),
            "with_rating": db.execute("SELECT COUNT(*) FROM factchecks WHERE rating IS NOT NULL").fetchone()[0],
            "with_claimant": db.execute("SELECT COUNT(*) FROM factchecks WHERE claimant IS NOT NULL").fetchone()[0],
            "first": first, "last": last,
            "index": "current" if state is not None and state[0] == state[1] else "out of date (rebuilt when matched)"}


# -- the matcher's index -----------------------------------------------------------------------
_LOADED: dict[str, tuple[int, np.ndarray, Index]] = {}   # db path -> (generation, row ids, index)


def _generation(store: LibraryStore) -> tuple[int, int | None]:
    row = store.db.execute("SELECT generation, indexed FROM factcheck_state").fetchone()
    return int(row[0]), row[1]


def _built(store: LibraryStore) -> tuple[int, np.ndarray, Index]:
    """The index built now from the rows (a consistent read of them)."""
    import numpy as np

    from analyzers.rules.factcheck_match import Review, build_index

    db = store.db
    db.execute("BEGIN")
    try:
        generation = _generation(store)[0]
        rows = db.execute("SELECT id, claim_reviewed, headline, date_published FROM factchecks ORDER BY id").fetchall()
    finally:
        db.execute("COMMIT")
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    return generation, ids, build_index([Review(r[1], r[2] or "", r[3]) for r in rows])


def rebuild_index(store: LibraryStore) -> None:
    """Build the index from every review and keep it (unless the collection changed meanwhile:
    then the next match builds it)."""
    import numpy as np

    from analyzers.rules.factcheck_match import index_arrays

    generation, ids, index = _built(store)
    arrays = {"ids": ids, **index_arrays(index)}

    def write() -> None:
        with store.transaction() as db:
            if _generation(store)[0] != generation:
                return
            db.execute("DELETE FROM factcheck_index")
            db.executemany("INSERT INTO factcheck_index (name, dtype, shape, data) VALUES (?, ?, ?, ?)",
                           [(k, v.dtype.str, json.dumps(v.shape), np.ascontiguousarray(v).tobytes())
                            for k, v in arrays.items()])
            db.execute("UPDATE factcheck_state SET indexed = ?", (generation,))

    store.retry(write)
    _LOADED[str(store.path)] = (generation, ids, index)


def _stored(store: LibraryStore, generation: int) -> tuple[np.ndarray, Index] | None:
    import numpy as np

    from analyzers.rules.factcheck_match import index_from_arrays

    arrays = {}
    for name, dtype, shape, data in store.db.execute("SELECT name, dtype, shape, data FROM factcheck_index"):
        arrays[name] = np.frombuffer(data, dtype=np.dtype(dtype)).reshape(json.loads(shape))
    if _generation(store) != (generation, generation) or "ids" not in arrays:
        return None
    try:
        return arrays["ids"], index_from_arrays(arrays)
    except (ValueError, TypeError):
        return None


def index(store: LibraryStore, keep: bool = True) -> tuple[np.ndarray, Index]:
    """(row ids, the index): the one this process holds when it is current, else the stored one,
    else one built now (kept when ``keep`` and the library may be written)."""
    generation, indexed = _generation(store)
    held = _LOADED.get(str(store.path))
    if held is not None and held[0] == generation:
        return held[1], held[2]
    found = _stored(store, generation) if indexed == generation else None
    if found is not None:
        _LOADED[str(store.path)] = (generation, *found)
        return found
    if keep and not store.read_only:
        rebuild_index(store)
        return _LOADED[str(store.path)][1:]
    generation, ids, built = _built(store)
    _LOADED[str(store.path)] = (generation, ids, built)
    return ids, built


def match(store: LibraryStore, queries: Sequence[Query], *, top: int = 10, use_dates: bool = True,
          keep_index: bool = True) -> list[ClaimMatches]:
    """Each claim's best matches in the collection (none when it is empty)."""
    from analyzers.rules.factcheck_match import match as rank

    if count(store) == 0:
        return [ClaimMatches(q.id) for q in queries]
    ids, idx = index(store, keep=keep_index)
    ranked = rank(queries, idx, top=top, use_dates=use_dates)
    wanted = sorted({int(ids[p]) for r in ranked for p in r.rows})
    reviews: dict[int, ClaimReview] = {}
    for i in range(0, len(wanted), 500):
        part = wanted[i:i + 500]
        for row in store.db.execute(f"SELECT * FROM factchecks WHERE id IN ({','.join('?' * len(part))})", part):
            reviews[row["id"]] = _row_review(row)
    out = []
    for r in ranked:
        found = [(reviews[int(ids[p])], s) for p, s in zip(r.rows, r.scores, strict=True) if int(ids[p]) in reviews]
        out.append(ClaimMatches(r.id, tuple(Match(rev, s, confident=r.checked_before and i == 0)
                                            for i, (rev, s) in enumerate(found)), r.confidence, r.checked_before))
    return out
