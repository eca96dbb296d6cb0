"""Questions asked of the cross-article index: where else a person is quoted or mentioned, every
source of the library, how an outlet sources its stories, and full-text search. Each reads only
the articles' current versions.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from analyzers.store.library.index import OUTLET_SQL, resolve
from analyzers.store.library.store import LibraryStore, feed_filter


def _current(version: str) -> str:
    """Joins the version column ``version`` to its index row ``i``, article ``a`` and feed ``f``
    (OUTLET_SQL reads them)."""
    return (f"JOIN indexed i ON i.version_id = {version} JOIN articles a ON a.id = i.article_id "
            "LEFT JOIN feeds f ON f.id = a.feed_id")


_ARTICLES = "indexed i JOIN articles a ON a.id = i.article_id LEFT JOIN feeds f ON f.id = a.feed_id"

OPEN, CLOSE = "\x02", "\x03"   # around the matched words in a search snippet (never in sanitised text)


@dataclass(frozen=True)
class Hit:
    """One other article where a person is quoted (``quote`` set) or only mentioned."""

    url: str
    title: str
    outlet: str
    day: str
    article_id: int
    version_id: int
    start: int
    end: int
    quote: str | None = None
    cue: str | None = None
    kind: str = "mention"      # the quote's kind, or "mention"
    speaker: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"url": self.url, "title": self.title, "outlet": self.outlet, "date": self.day,
                "kind": self.kind, "quote": self.quote, "cue": self.cue, "speaker": self.speaker,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class SourceRow:
    name: str
    kind: str
    aliases: tuple[str, ...]
    articles: int
    quotes: int
    outlets: tuple[str, ...]
    first_seen: str
    last_seen: str
    id: int = 0

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "kind": self.kind, "aliases": list(self.aliases), "articles": self.articles,
                "quotes": self.quotes, "outlets": list(self.outlets), "first_seen": self.first_seen,
                "last_seen": self.last_seen}


@dataclass(frozen=True)
class Profile:
    """How an outlet (or a feed, a tag, the whole library) sourced its stories over a range."""

    outlet: str
    since: str | None
    until: str | None
    articles: int
    quotes: int
    named: float          # shares of the quotes (see bucket)
    official: float
    anonymous: float
    unnamed: float
    unattributed: float
    direct: float
    words_per_source: float
    top_sources: tuple[tuple[str, int, int], ...]   # (name, quotes, words quoted)
    verbs: tuple[tuple[str, int], ...]              # (cue verb, quotes)

    def to_json(self) -> dict[str, object]:
        return {"outlet": self.outlet, "since": self.since, "until": self.until, "articles": self.articles,
                "quotes": self.quotes,
                "shares": {"named": self.named, "official": self.official, "anonymous": self.anonymous,
                           "unnamed": self.unnamed, "unattributed": self.unattributed, "direct": self.direct},
                "words_per_source": self.words_per_source,
                "top_sources": [{"name": n, "quotes": q, "words": w} for n, q, w in self.top_sources],
                "verbs": [{"verb": v, "quotes": n} for v, n in self.verbs]}


@dataclass(frozen=True)
class SearchHit:
    url: str
    title: str
    kind: str              # "article" | "quote"
    snippet: str           # the matched words between OPEN and CLOSE
    version_id: int
    start: int | None = None   # a quote's offsets in its article
    end: int | None = None
    speaker: str | None = None
    outlet: str = ""
    terms: tuple[str, ...] = field(default=())
    quote_kind: str | None = None   # a quote's kind: direct, indirect or mixed
    earlier: bool = False           # found in an earlier version of the article, not its newest

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(OPEN, "").replace(CLOSE, "")

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"url": self.url, "title": self.title, "kind": self.kind,
                                  "snippet": self.plain_snippet}
        if self.kind == "quote":
            out["speaker"] = self.speaker
        if self.earlier:
            out["earlier_version"] = True
        return out


# -- where else -----------------------------------------------------------------------------------
def where_else(store: LibraryStore, name: str, kind: str = "person", *, exclude_url: str | None = None,
               limit: int = 200) -> list[Hit]:
    """The other articles quoting ``name`` (newest first, each quote a row), then those that only
    mention it."""
    pid = resolve(store.db, name, kind, create=False)
    if pid is None:
        return []
    exclude = -1
    if exclude_url:
        row = store.db.execute("SELECT id FROM articles WHERE url = ? OR canonical = ?",
                               (exclude_url, exclude_url)).fetchone()
        exclude = row[0] if row else -1
    hits = [Hit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11])
            for r in store.db.execute(
                f'SELECT a.url, a.title, {OUTLET_SQL}, i.day, a.id, q.version_id, q.start, q."end", q.text, q.cue, '
                f"q.kind, q.speaker FROM quotes q {_current('q.version_id')} "
                "WHERE q.person_id = ? AND i.current = 1 AND a.id != ? ORDER BY i.day DESC, a.id DESC, q.start "
                "LIMIT ?", (pid, exclude, limit))]
    quoted = {h.article_id for h in hits}
    for r in store.db.execute(
            f"SELECT a.url, a.title, {OUTLET_SQL}, i.day, a.id, m.version_id, m.first_start, m.first_end "
            f"FROM mentions m "
            f"{_current('m.version_id')} WHERE m.person_id = ? AND i.current = 1 AND a.id != ? "
            "ORDER BY i.day DESC, a.id DESC LIMIT ?", (pid, exclude, limit)):
        if r[4] not in quoted and len(hits) < limit:
            hits.append(Hit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]))
    return hits


# -- sources --------------------------------------------------------------------------------------
def sources(store: LibraryStore, *, outlet: str | None = None, limit: int = 5000) -> list[SourceRow]:
    """Every named source quoted in the library (or by one outlet), most quoted first."""
    where, args = (f"AND {OUTLET_SQL} = ?", (outlet,)) if outlet else ("", ())
    rows = store.db.execute(
        f"""WITH cur AS (SELECT i.version_id, i.article_id, {OUTLET_SQL} AS outlet, i.day FROM {_ARTICLES}
                        WHERE i.current = 1 {where}),
            quoted AS (SELECT q.person_id AS pid, COUNT(*) AS n FROM quotes q JOIN cur ON cur.version_id = q.version_id
                       WHERE q.person_id IS NOT NULL GROUP BY q.person_id),
            seen AS (SELECT m.person_id AS pid, m.name, cur.article_id, cur.outlet, cur.day FROM mentions m
                       JOIN cur ON cur.version_id = m.version_id
                     UNION SELECT q.person_id, q.speaker, cur.article_id, cur.outlet, cur.day FROM quotes q
                       JOIN cur ON cur.version_id = q.version_id WHERE q.person_id IS NOT NULL)
        SELECT p.id, p.name, p.kind, quoted.n, COUNT(DISTINCT seen.article_id), json_group_array(DISTINCT seen.outlet),
               MIN(seen.day), MAX(seen.day), json_group_array(DISTINCT seen.name)
        FROM people p JOIN quoted ON quoted.pid = p.id JOIN seen ON seen.pid = p.id
        GROUP BY p.id ORDER BY quoted.n DESC, p.name LIMIT ?""", (*args, limit)).fetchall()
    return [SourceRow(r[1], r[2], tuple(sorted({n for n in json.loads(r[8]) if n} - {r[1]})), r[4], r[3],
                      tuple(sorted(json.loads(r[5]))), r[6] or "", r[7] or "", r[0]) for r in rows]


# -- outlets --------------------------------------------------------------------------------------
def outlet_names(store: LibraryStore) -> list[str]:
    return [r[0] for r in store.db.execute(
        f"SELECT DISTINCT {OUTLET_SQL} AS o FROM {_ARTICLES} WHERE i.current = 1 ORDER BY o")]


MAX_DAYS = 36_500


def date_range(days: int | None, today: date | None = None) -> tuple[str | None, str | None]:
    """(since, until) for the last ``days`` days up to today (None: all time; 1 to MAX_DAYS)."""
    if days is None:
        return None, None
    days = max(1, min(days, MAX_DAYS))
    end = today or date.today()
    return (end - timedelta(days=days - 1)).isoformat(), end.isoformat()


BUCKETS = ("named", "official", "anonymous", "unnamed", "unattributed")


def bucket(person_id: int | None, source_kind: str | None, anonymous: bool) -> str:
    """Whom a quote is credited to, for a profile: anonymous (deliberately unnamed), an official
    (an unnamed office holder: "officials", "a spokeswoman for the county"), another named
    source, another unnamed one (a group, a document: "forecasters", "the report"), or nobody."""
    if anonymous:
        return "anonymous"
    if source_kind == "official":
        return "official"
    if person_id is not None:
        return "named"
    return "unattributed" if source_kind in (None, "unknown") else "unnamed"


def _conditions(outlet: str | None, feed_id: int | None, tag: str | None, since: str | None,
                until: str | None) -> tuple[str, list[object]]:
    where = ["i.current = 1"]
    args: list[object] = []
    if outlet is not None:
        where.append(f"{OUTLET_SQL} = ?")
        args.append(outlet)
    feed_filter(where, args, feed_id, tag)
    if since:
        where.append("i.day >= ?")
        args.append(since)
    if until:
        where.append("i.day <= ?")
        args.append(until)
    return " AND ".join(where), args


def profile(store: LibraryStore, *, outlet: str | None = None, feed_id: int | None = None, tag: str | None = None,
            since: str | None = None, until: str | None = None, label: str | None = None,
            top: int = 10) -> Profile:
    """The sourcing profile of an outlet, a feed, a tag or (none given) the whole library."""
    cond, args = _conditions(outlet, feed_id, tag, since, until)
    articles = store.db.execute(f"SELECT COUNT(*) FROM {_ARTICLES} WHERE {cond}", args).fetchone()[0]
    quotes = store.db.execute(
        f"SELECT q.person_id, q.source_kind, q.anonymous, q.kind, q.cue, q.words "
        f"FROM quotes q {_current('q.version_id')} WHERE {cond}", args).fetchall()
    return _summary(store, label or outlet or (f"#{tag}" if tag else "the library"), since, until, articles,
                    quotes, top)


def outlets(store: LibraryStore, *, since: str | None = None, until: str | None = None,
            top: int = 10) -> list[Profile]:
    """Every outlet's profile, read in one pass."""
    cond, args = _conditions(None, None, None, since, until)
    articles = dict(store.db.execute(f"SELECT {OUTLET_SQL}, COUNT(*) FROM {_ARTICLES} WHERE {cond} "
                                     f"GROUP BY {OUTLET_SQL}", args).fetchall())
    by_outlet: dict[str, list[tuple[Any, ...]]] = {name: [] for name in articles}
    for row in store.db.execute(
            f"SELECT {OUTLET_SQL}, q.person_id, q.source_kind, q.anonymous, q.kind, q.cue, q.words "
            f"FROM quotes q {_current('q.version_id')} WHERE {cond}", args):
        by_outlet.setdefault(row[0], []).append(tuple(row[1:]))
    return [_summary(store, name, since, until, articles.get(name, 0), by_outlet[name], top)
            for name in sorted(by_outlet)]


def _summary(store: LibraryStore, label: str, since: str | None, until: str | None, articles: int,
             quotes: Sequence[Sequence[Any]], top: int) -> Profile:
    """A profile from its quotes: (person id, source kind, anonymous, quote kind, cue, words)."""
    n = len(quotes)
    counts = dict.fromkeys(BUCKETS, 0)
    per_source: dict[int, tuple[int, int]] = {}   # person -> (quotes, words quoted)
    verbs: dict[str, int] = {}
    direct = 0
    for pid, kind, anonymous, qkind, cue, words in quotes:
        counts[bucket(pid, kind, bool(anonymous))] += 1
        direct += qkind == "direct"
        if cue:
            verbs[cue] = verbs.get(cue, 0) + 1
        if pid is not None and not anonymous:
            said, spoken = per_source.get(pid, (0, 0))
            per_source[pid] = (said + 1, spoken + int(words))
    names: dict[int, str] = {}
    ids = list(per_source)
    for k in range(0, len(ids), 500):  # SQLite caps the variables of one statement
        chunk = ids[k:k + 500]
        names.update(store.db.execute(f"SELECT id, name FROM people WHERE id IN ({','.join('?' * len(chunk))})",
                                      chunk).fetchall())
    ranked = sorted(((names.get(pid, "?"), said, spoken) for pid, (said, spoken) in per_source.items()),
                    key=lambda t: (-t[1], -t[2], t[0]))
    share = (lambda k: round(counts[k] / n, 3)) if n else (lambda k: 0.0)
    return Profile(
        label, since, until, articles, n,
        share("named"), share("official"), share("anonymous"), share("unnamed"), share("unattributed"),
        round(direct / n, 3) if n else 0.0,
        round(sum(w for _, _, w in ranked) / len(ranked), 1) if ranked else 0.0,
        tuple(ranked[:top]), tuple(sorted(verbs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]))


# -- search ---------------------------------------------------------------------------------------
_TERM = re.compile(r"\w+")
MAX_QUERY_CHARS = 300   # what is read of a query
MAX_TERMS = 8           # distinct words searched for; FTS5's snippet() grows with each one
SEARCH_SECONDS = 2.0    # a search that takes longer is stopped (it never should)


class SearchStopped(Exception):
    """The search was cancelled, or ran past its time."""


def search_terms(query: str) -> list[str]:
    """The words searched for: the first MAX_TERMS distinct ones (case folded) of the query's
    first MAX_QUERY_CHARS characters, the last as typed (it becomes a prefix)."""
    return list(dict.fromkeys(w.casefold() for w in _TERM.findall(query[:MAX_QUERY_CHARS])))[:MAX_TERMS]


def match_expression(query: str) -> str | None:
    """The FTS5 expression for what a person typed: every word must occur (the last as a prefix,
    so results come while typing); FTS5's own syntax is never passed through."""
    words = search_terms(query)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(store: LibraryStore, query: str, *, limit: int = 50, cancelled: Callable[[], bool] = lambda: False,
           max_seconds: float = SEARCH_SECONDS) -> list[SearchHit]:
    """Articles (title and text of their newest version) then quotes, best matches first.
    SearchStopped when ``cancelled()`` turns true or it runs past ``max_seconds``: SQLite is
    interrupted between steps, so a search never holds a core or a quitting reader."""
    expr = match_expression(query)
    if expr is None:
        return []
    terms = tuple(search_terms(query))
    deadline = time.monotonic() + max_seconds
    db = store.db
    db.set_progress_handler(lambda: int(cancelled() or time.monotonic() > deadline), 2000)
    try:
        # rank first, then snippets for the hits shown only (snippet() is the costly part); every
        # version is indexed, and each article is shown once, at its best-ranked version
        ranked = db.execute("SELECT f.rowid, v.article_id, v.id = (SELECT MAX(id) FROM versions WHERE article_id = "
                            "v.article_id) FROM articles_fts f JOIN versions v ON v.id = f.rowid "
                            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (expr, 4 * limit)).fetchall()
        best: dict[int, tuple[int, bool]] = {}
        for rowid, article_id, newest in ranked:
            if article_id not in best and len(best) < limit:
                best[article_id] = (rowid, bool(newest))
        hits = []
        for rowid, newest in best.values():
            r = db.execute(
                f"SELECT a.url, a.title, snippet(articles_fts, -1, '{OPEN}', '{CLOSE}', '…', 14), "
                "COALESCE(f.title, a.site) FROM articles_fts JOIN versions v ON v.id = articles_fts.rowid "
                "JOIN articles a ON a.id = v.article_id LEFT JOIN feeds f ON f.id = a.feed_id "
                "WHERE articles_fts MATCH ? AND articles_fts.rowid = ?", (expr, rowid)).fetchone()
            if r is not None:
                hits.append(SearchHit(r[0], r[1], "article", _line(r[2]), rowid, outlet=r[3] or "", terms=terms,
                                      earlier=not newest))
        ranked = [r[0] for r in db.execute(
            f"SELECT quotes_fts.rowid FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
            f"{_current('q.version_id')} WHERE quotes_fts MATCH ? AND i.current = 1 ORDER BY rank LIMIT ?",
            (expr, limit))]
        for rowid in ranked:
            r = db.execute(
                f"SELECT a.url, a.title, snippet(quotes_fts, 0, '{OPEN}', '{CLOSE}', '…', 24), q.version_id, "
                f'q.start, q."end", COALESCE(p.name, q.speaker), {OUTLET_SQL}, q.kind FROM quotes_fts '
                f"JOIN quotes q ON q.id = quotes_fts.rowid LEFT JOIN people p ON p.id = q.person_id "
                f"{_current('q.version_id')} WHERE quotes_fts MATCH ? AND quotes_fts.rowid = ?",
                (expr, rowid)).fetchone()
            if r is not None:
                hits.append(SearchHit(r[0], r[1], "quote", _line(r[2]), r[3], r[4], r[5], r[6], r[7] or "", terms,
                                      r[8]))
        return hits
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise SearchStopped("search stopped" if cancelled() else
                                f"search stopped after {max_seconds:.0f} s: try fewer or rarer words") from None
        raise
    finally:
        db.set_progress_handler(None, 0)


def _line(snippet: str) -> str:
    """A snippet on one line (it may span paragraphs)."""
    return " ".join(snippet.split())
