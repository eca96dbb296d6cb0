"""Questions asked of the cross-article index: where else a person is quoted or mentioned, every
source of the library, how an outlet sources its stories, and full-text search. Each reads only
the articles' current versions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from analyzers.library.index import resolve
from analyzers.library.store import LibraryStore


def _current(version: str) -> str:
    """Joins the version column ``version`` to its index row ``i`` and article ``a``."""
    return f"JOIN indexed i ON i.version_id = {version} JOIN articles a ON a.id = i.article_id"

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
    named: float          # shares of the quotes
    official: float
    anonymous: float
    unattributed: float
    direct: float
    words_per_source: float
    top_sources: tuple[tuple[str, int, int], ...]   # (name, quotes, words quoted)
    verbs: tuple[tuple[str, int], ...]              # (cue verb, quotes)

    def to_json(self) -> dict[str, object]:
        return {"outlet": self.outlet, "since": self.since, "until": self.until, "articles": self.articles,
                "quotes": self.quotes,
                "shares": {"named": self.named, "official": self.official, "anonymous": self.anonymous,
                           "unattributed": self.unattributed, "direct": self.direct},
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

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(OPEN, "").replace(CLOSE, "")

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"url": self.url, "title": self.title, "kind": self.kind,
                                  "snippet": self.plain_snippet}
        if self.kind == "quote":
            out["speaker"] = self.speaker
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
                'SELECT a.url, a.title, i.outlet, i.day, a.id, q.version_id, q.start, q."end", q.text, q.cue, '
                f"q.kind, q.speaker FROM quotes q {_current('q.version_id')} "
                "WHERE q.person_id = ? AND i.current = 1 AND a.id != ? ORDER BY i.day DESC, a.id DESC, q.start "
                "LIMIT ?", (pid, exclude, limit))]
    quoted = {h.article_id for h in hits}
    for r in store.db.execute(
            f"SELECT a.url, a.title, i.outlet, i.day, a.id, m.version_id, m.first_start, m.name FROM mentions m "
            f"{_current('m.version_id')} WHERE m.person_id = ? AND i.current = 1 AND a.id != ? "
            "ORDER BY i.day DESC, a.id DESC LIMIT ?", (pid, exclude, limit)):
        if r[4] not in quoted and len(hits) < limit:
            hits.append(Hit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[6] + len(r[7])))
    return hits


# -- sources --------------------------------------------------------------------------------------
def sources(store: LibraryStore, *, outlet: str | None = None, limit: int = 5000) -> list[SourceRow]:
    """Every named source quoted in the library, most quoted first."""
    where, args = ("AND i.outlet = ?", (outlet,)) if outlet else ("", ())
    rows = store.db.execute(
        f"""WITH cur AS (SELECT i.version_id, i.article_id, i.outlet, i.day FROM indexed i
                        WHERE i.current = 1 {where}),
            quoted AS (SELECT q.person_id AS pid, COUNT(*) AS n FROM quotes q JOIN cur ON cur.version_id = q.version_id
                       WHERE q.person_id IS NOT NULL GROUP BY q.person_id),
            seen AS (SELECT m.person_id AS pid, cur.article_id, cur.outlet, cur.day FROM mentions m
                       JOIN cur ON cur.version_id = m.version_id
                     UNION SELECT q.person_id, cur.article_id, cur.outlet, cur.day FROM quotes q
                       JOIN cur ON cur.version_id = q.version_id WHERE q.person_id IS NOT NULL)
        SELECT p.id, p.name, p.kind, quoted.n, COUNT(DISTINCT seen.article_id), json_group_array(DISTINCT seen.outlet),
               MIN(seen.day), MAX(seen.day)
        FROM people p JOIN quoted ON quoted.pid = p.id JOIN seen ON seen.pid = p.id
        GROUP BY p.id ORDER BY quoted.n DESC, p.name LIMIT ?""", (*args, limit)).fetchall()
    names = _aliases(store, [r[0] for r in rows])
    return [SourceRow(r[1], r[2], tuple(sorted(names.get(r[0], set()) - {r[1]})), r[4], r[3],
                      tuple(sorted(json.loads(r[5]))), r[6] or "", r[7] or "", r[0]) for r in rows]


def _aliases(store: LibraryStore, ids: list[int]) -> dict[int, set[str]]:
    """The names each person went by in the articles (as written there)."""
    out: dict[int, set[str]] = {}
    for pid, name in store.db.execute("SELECT person_id, name FROM mentions UNION "
                                      "SELECT person_id, speaker FROM quotes WHERE person_id IS NOT NULL"):
        if name:
            out.setdefault(pid, set()).add(name)
    return {i: out.get(i, set()) for i in ids}


# -- outlets --------------------------------------------------------------------------------------
def outlet_names(store: LibraryStore) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT DISTINCT outlet FROM indexed WHERE current = 1 ORDER BY outlet")]


def date_range(days: int | None, today: date | None = None) -> tuple[str | None, str | None]:
    """(since, until) for the last ``days`` days up to today (None: all time)."""
    if days is None:
        return None, None
    end = today or date.today()
    return (end - timedelta(days=days - 1)).isoformat(), end.isoformat()


def profile(store: LibraryStore, *, outlet: str | None = None, feed_id: int | None = None, tag: str | None = None,
            since: str | None = None, until: str | None = None, label: str | None = None,
            top: int = 10) -> Profile:
    """The sourcing profile of an outlet, a feed, a tag or (none given) the whole library."""
    where = ["i.current = 1"]
    args: list[object] = []
    if outlet is not None:
        where.append("i.outlet = ?")
        args.append(outlet)
    if feed_id is not None:
        where.append("a.feed_id = ?")
        args.append(feed_id)
    if tag is not None:
        where.append("a.feed_id IN (SELECT f.id FROM feeds f, json_each(f.tags) t WHERE t.value = ?)")
        args.append(tag)
    if since:
        where.append("i.day >= ?")
        args.append(since)
    if until:
        where.append("i.day <= ?")
        args.append(until)
    cond = " AND ".join(where)
    articles = store.db.execute(f"SELECT COUNT(*) FROM indexed i JOIN articles a ON a.id = i.article_id WHERE {cond}", args).fetchone()[0]
    quotes = store.db.execute(
        f"SELECT q.person_id, q.source_kind, q.anonymous, q.kind, q.cue, q.words "
        f"FROM quotes q {_current('q.version_id')} WHERE {cond}", args).fetchall()
    n = len(quotes)
    counts = {"named": 0, "official": 0, "anonymous": 0, "unattributed": 0}
    per_source: dict[int, tuple[int, int]] = {}   # person -> (quotes, words quoted)
    verbs: dict[str, int] = {}
    direct = 0
    for pid, kind, anonymous, qkind, cue, words in quotes:
        if anonymous:
            counts["anonymous"] += 1
        elif kind == "official":
            counts["official"] += 1
        elif pid is not None:
            counts["named"] += 1
        else:
            counts["unattributed"] += 1
        direct += qkind == "direct"
        if cue:
            verbs[cue] = verbs.get(cue, 0) + 1
        if pid is not None and not anonymous:
            said, spoken = per_source.get(pid, (0, 0))
            per_source[pid] = (said + 1, spoken + int(words))
    names = {r[0]: r[1] for r in store.db.execute(
        f"SELECT id, name FROM people WHERE id IN ({','.join('?' * len(per_source))})", list(per_source))}
    ranked = sorted(((names.get(pid, "?"), said, spoken) for pid, (said, spoken) in per_source.items()),
                    key=lambda t: (-t[1], -t[2], t[0]))
    share = (lambda k: round(counts[k] / n, 3)) if n else (lambda k: 0.0)
    return Profile(
        label or outlet or (f"#{tag}" if tag else "the library"), since, until, articles, n,
        share("named"), share("official"), share("anonymous"), share("unattributed"),
        round(direct / n, 3) if n else 0.0,
        round(sum(w for _, _, w in ranked) / len(ranked), 1) if ranked else 0.0,
        tuple(ranked[:top]), tuple(sorted(verbs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]))


def outlets(store: LibraryStore, *, since: str | None = None, until: str | None = None) -> list[Profile]:
    return [profile(store, outlet=o, since=since, until=until) for o in outlet_names(store)]


# -- search ---------------------------------------------------------------------------------------
_TERM = re.compile(r"\w+")


def match_expression(query: str) -> str | None:
    """The FTS5 expression for what a person typed: every word must occur (the last as a prefix,
    so results come while typing); FTS5's own syntax is never passed through."""
    words = _TERM.findall(query)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(store: LibraryStore, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Articles (title and text of their newest version) then quotes, best matches first."""
    expr = match_expression(query)
    if expr is None:
        return []
    terms = tuple(w.casefold() for w in _TERM.findall(query))
    articles = store.db.execute(
        f"SELECT a.url, a.title, snippet(articles_fts, -1, '{OPEN}', '{CLOSE}', '…', 14), articles_fts.rowid, "
        "COALESCE(f.title, a.site) FROM articles_fts JOIN versions v ON v.id = articles_fts.rowid "
        "JOIN articles a ON a.id = v.article_id LEFT JOIN feeds f ON f.id = a.feed_id "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (expr, limit))
    hits = [SearchHit(r[0], r[1], "article", _line(r[2]), r[3], outlet=r[4] or "", terms=terms) for r in articles]
    quotes = store.db.execute(
        f"SELECT a.url, a.title, snippet(quotes_fts, 0, '{OPEN}', '{CLOSE}', '…', 24), q.version_id, q.start, "
        f'q."end", COALESCE(p.name, q.speaker), i.outlet FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid '
        f"LEFT JOIN people p ON p.id = q.person_id {_current('q.version_id')} WHERE quotes_fts MATCH ? AND i.current = 1 ORDER BY rank LIMIT ?",
        (expr, limit))
    hits += [SearchHit(r[0], r[1], "quote", _line(r[2]), r[3], r[4], r[5], r[6], r[7] or "", terms) for r in quotes]
    return hits


def _line(snippet: str) -> str:
    """A snippet on one line (it may span paragraphs)."""
    return " ".join(snippet.split())
