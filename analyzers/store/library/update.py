"""Bringing the news in: fetch every feed (conditionally), read its entries, fetch the full
article where the feed carries only a summary, and store each article's text as a new version
when it changed. Network work runs on a pool of threads; the database is written by the caller's
thread only, one transaction per article."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from analyzers.ingest.claimreview import ClaimReview, Skipped
from analyzers.ingest.feeds import Entry, FeedError, parse_feed
from analyzers.ingest.sanitize import display
from analyzers.io.fetch import FetchError, FetchPolicy, Response, fetch
from analyzers.model import Document, LoadError
from analyzers.store.library.factchecks import ImportResult, harvest, upsert
from analyzers.store.library.store import Feed, LibraryStore, now

DEFAULT_INTERVAL = 3600.0          # seconds between updates of a feed that says nothing
MIN_INTERVAL, MAX_INTERVAL = 900.0, 86400.0
FULL_TEXT_CHARS = 1200             # an entry with less text than this is only a summary
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5"


@dataclass
class FeedResult:
    feed: Feed
    entries: int = 0
    new_versions: list[int] = field(default_factory=list)
    not_modified: bool = False
    error: str | None = None
    article_errors: list[str] = field(default_factory=list)
    factchecks: ImportResult = field(default_factory=ImportResult)   # ClaimReviews its pages carried


@dataclass
class _Fetched:
    """What a worker thread brings back for one feed (nothing written yet)."""

    response: Response | None = None
    title: str = ""
    site: str = ""
    articles: list[tuple[Entry, Document, bytes | None, str]] = field(default_factory=list)
    article_errors: list[str] = field(default_factory=list)
    entries: int = 0
    error: str | None = None
    reviews: list[tuple[str, list[ClaimReview | Skipped]]] = field(default_factory=list)  # (page, its ClaimReviews)


def factchecks_said(results: list[FeedResult], sep: str) -> str:
    """``sep`` + '3 fact-checks added, 1 updated' when the pages an update fetched carried
    ClaimReview markup, else ''."""
    added = sum(r.factchecks.added for r in results)
    updated = sum(r.factchecks.updated for r in results)
    said = ([f"{added} fact-checks added"] if added else []) + ([f"{updated} updated"] if updated else [])
    return sep + ", ".join(said) if said else ""


def due(feed: Feed, at: datetime | None = None) -> bool:
    if not feed.next_update:
        return True
    when = datetime.fromisoformat(feed.next_update.replace("Z", "+00:00"))
    return when <= (at or datetime.now(UTC))


def next_update(response: Response | None, failed: bool = False) -> str:
    """When to come back: what the server asked for (Retry-After, max-age), within bounds."""
    wait = DEFAULT_INTERVAL
    if response is not None:
        for asked in (response.retry_after, response.max_age):
            if asked is not None:
                wait = max(wait if failed else MIN_INTERVAL, asked)
                break
    wait = min(MAX_INTERVAL, max(MIN_INTERVAL, wait))
    return (datetime.now(UTC) + timedelta(seconds=wait)).isoformat(timespec="seconds").replace("+00:00", "Z")


def entry_hash(entry: Entry) -> str:
    h = hashlib.sha256()
    for part in (entry.title, entry.summary, entry.content, entry.published or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _text_len(html: str) -> int:
    import re

    return len(" ".join(re.sub(r"<[^>]*>", " ", html).split()))


def article_document(entry: Entry, policy: FetchPolicy, max_bytes: int,
                     foreign: bool = False) -> tuple[Document, bytes | None]:
    """The entry's full text: the feed's own content when it has the whole article, else the
    article's page (trafilatura drops the boilerplate), else what the feed has. ``foreign``: the
    article belongs to another feed (or was opened from its URL), so only its page will do —
    a feed never speaks for an article it did not bring."""
    from analyzers.ingest.load import load_bytes

    if foreign:
        if not entry.link:
            raise LoadError(f"{entry.guid}: already in the library from elsewhere")
        page = fetch(entry.link, policy=policy, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        return load_bytes(page.body, entry.link), page.body
    # many RSS feeds put the whole article in <description>: the longer of the two is the feed's text
    carried = max(entry.content, entry.summary, key=_text_len)
    own = carried if _text_len(carried) >= FULL_TEXT_CHARS else ""
    if not own and entry.link:
        try:
            page = fetch(entry.link, policy=policy, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
            doc = load_bytes(page.body, entry.link)
            if doc.format == "html" and len(doc.text) >= _text_len(entry.summary):
                return _titled(doc, entry), page.body
        except (FetchError, LoadError):
            pass  # the feed's text below; the article error was worth one line only if nothing is left
    html = own or entry.content or entry.summary
    if not html.strip():
        raise LoadError(f"{entry.link or entry.title}: no text in the feed and the page could not be read")
    doc = load_bytes(f"<html><body><article>{html}</article></body></html>".encode(), entry.link or entry.guid)
    return _titled(doc, entry), None


def _titled(doc: Document, entry: Entry) -> Document:
    from dataclasses import replace

    return replace(doc, title=entry.title or doc.title, byline=doc.byline or entry.author,
                   date=doc.date or entry.published)


def _fetch_feed(feed: Feed, policy: FetchPolicy, known: dict[str, str], owners: dict[str, int | None],
                max_bytes: int) -> _Fetched:
    """One feed, in a worker thread; whatever goes wrong is this feed's error, never the run's."""
    try:
        return _fetch_feed_unguarded(feed, policy, known, owners, max_bytes)
    except RecursionError:
        return _Fetched(error=f"{display(feed.url)}: nested too deeply")
    except Exception as exc:
        return _Fetched(error=f"{display(feed.url)}: {type(exc).__name__}: {_words(exc)}")


def _words(exc: BaseException) -> str:
    return display(" ".join(str(exc).split()), limit=200)


def _fetch_feed_unguarded(feed: Feed, policy: FetchPolicy, known: dict[str, str], owners: dict[str, int | None],
                          max_bytes: int) -> _Fetched:
    out = _Fetched()
    try:
        out.response = fetch(feed.url, policy=policy, etag=feed.etag, last_modified=feed.last_modified,
                             accept=FEED_ACCEPT)
    except FetchError as exc:
        out.error = str(exc)
        return out
    if out.response.not_modified:
        return out
    try:
        parsed = parse_feed(out.response.body)
    except FeedError as exc:
        out.error = f"{feed.url}: {exc}"
        return out
    out.title, out.site, out.entries = parsed.title, parsed.link, len(parsed.entries)
    for entry in parsed.entries:
        url = entry.link or entry.guid
        if not url or known.get(url) == entry_hash(entry):
            continue  # unchanged since the last update: the article is not fetched again
        foreign = url in owners and owners[url] != feed.id
        try:
            doc, raw = article_document(entry, policy, max_bytes, foreign=foreign)
        except (LoadError, FetchError) as exc:
            out.article_errors.append(str(exc))
            continue
        except Exception as exc:  # one entry's trouble is that entry's
            out.article_errors.append(f"{display(url)}: {type(exc).__name__}: {_words(exc)}")
            continue
        out.articles.append((entry, doc, raw, url))
        if raw is not None:  # a fact-checker's page: its ClaimReview markup joins the collection
            found = harvest(raw, url)
            if found:
                out.reviews.append((url, found))
    return out


Progress = Callable[[int, int, FeedResult], object]


def update(store: LibraryStore, *, policy: FetchPolicy | None = None, jobs: int = 4, due_only: bool = False,
           progress: Progress | None = None, max_bytes: int = 20 * 1024 * 1024,
           feed_urls: list[str] | None = None) -> list[FeedResult]:
    """Update the feeds (all, or only those due); returns what happened to each. A feed that
    fails is one line in its result and never stops the others."""
    policy = policy or FetchPolicy.from_settings()
    feeds = [f for f in store.feeds() if (not due_only or due(f)) and (feed_urls is None or f.url in feed_urls)]
    results: list[FeedResult] = []
    owners = store.owners()
    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="update") as pool:
        futures = {pool.submit(_fetch_feed, f, policy, store.entry_hashes(f.id), owners, max_bytes): f
                   for f in feeds}
        for future in as_completed(futures):
            feed = futures[future]
            try:
                result = _store(store, feed, future.result())
            except Exception as exc:  # a database hiccup on one feed is that feed's error
                result = FeedResult(feed, error=f"{display(feed.url)}: {type(exc).__name__}: {_words(exc)}")
            results.append(result)
            if progress is not None:
                progress(len(results), len(feeds), result)
    return results


def _store(store: LibraryStore, feed: Feed, fetched: _Fetched) -> FeedResult:
    result = FeedResult(feed, entries=fetched.entries, article_errors=fetched.article_errors)
    response = fetched.response
    if fetched.error is not None:
        result.error = fetched.error
        store.feed_fetched(feed.id, error=fetched.error, next_update=next_update(response, failed=True))
        return result
    assert response is not None
    if response.not_modified:  # a 304 stores nothing but when to come back
        result.not_modified = True
        store.feed_fetched(feed.id, etag=response.etag or feed.etag,
                           last_modified=response.last_modified or feed.last_modified,
                           next_update=next_update(response))
        return result
    stamp = now()
    owners = store.owners(url for _, _, _, url in fetched.articles)
    for entry, doc, raw, url in fetched.articles:
        if url in owners and owners[url] != feed.id and raw is None:
            # another feed brought it first (maybe in this very update): only its page may add
            result.article_errors.append(f"{display(url)}: belongs to another feed; its page could not be read")
            continue
        _, version_id, new = store.add_version(url, doc, feed_id=feed.id, guid=entry.guid,
                                               published=entry.published, raw=raw, fetched=stamp)
        if owners.get(url, feed.id) == feed.id:
            store.set_entry_hash(url, entry_hash(entry))
        if new:
            result.new_versions.append(version_id)
    for page, reviews in fetched.reviews:
        try:
            result.factchecks.merge(upsert(store, reviews, page))
        except Exception as exc:  # the page's fact-checks are its own trouble, never the feed's
            result.article_errors.append(f"{display(page)}: fact-checks not kept: {_words(exc)}")
    problems = result.article_errors
    problem = (f"{len(problems)} of {fetched.entries} entries not stored: {problems[0]}"[:500]
               if problems else None)
    store.feed_fetched(feed.id, title=fetched.title, site=fetched.site or None, etag=response.etag,
                       last_modified=response.last_modified, next_update=next_update(response), problem=problem)
    return result
