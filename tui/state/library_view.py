"""What the library screen lists, in plain Python: its entries (library articles, and files —
the bundled samples while the library is empty, or restricted mode's library directory), the
folders on the left (all, unread, feeds, tags), the filter, and one row of text per entry that
fits the width. The copies of one wire story (near-duplicates, analyzers/store/library/stories.py) are
one entry: its first copy, with the outlets of all of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text

from analyzers.ingest.sanitize import display
from analyzers.store.library.index import outlet_of
from analyzers.store.library.store import ArticleRow, Feed
from tui.state.search_index import fold


@dataclass(frozen=True)
class Entry:
    key: str                      # "article:<id>" or "file:<path>"
    title: str
    outlet: str                   # the feed's title, the site, or "Samples"
    date: str                     # YYYY-MM-DD or ""
    unread: bool
    quotes: int | None = None
    sources: int | None = None
    claims: int | None = None
    anonymous: float | None = None
    reviewed: int = 0             # claims and quotes with a verdict
    versions: int = 1
    article: ArticleRow | None = None
    path: str | None = None
    feed_id: int | None = None
    tags: tuple[str, ...] = ()
    index_outlet: str = ""        # the outlet as the cross-article index names it (unsanitised)
    copies: tuple[str, ...] = ()  # the outlets of the story's other copies
    feed_ids: tuple[int, ...] = ()  # the feeds of every copy
    article_ids: tuple[int, ...] = ()  # every copy (read and unread apply to all of them)

    @property
    def outlet_label(self) -> str:
        return self.outlet + (f" +{len(self.copies)}" if self.copies else "")


@dataclass(frozen=True)
class Folder:
    key: str                      # "all", "unread", "feed:<id>", "tag:<name>", "files"
    label: str
    count: int


def entries_from(articles: list[ArticleRow], feeds: list[Feed], reviewed: dict[str, int],
                 files: list[tuple[str, str]], files_label: str) -> list[Entry]:
    """``files``: (path, title) of the files listed beside the library's articles."""
    tags = {f.id: f.tags for f in feeds}
    stories: dict[int, list[ArticleRow]] = {}
    for a in articles:
        stories.setdefault(a.story or a.id, []).append(a)
    out = []
    for copies in stories.values():
        a = min(copies, key=lambda c: c.id)  # the first copy the library saw
        others = [c for c in copies if c is not a]
        feed_ids = tuple(dict.fromkeys(c.feed_id for c in copies if c.feed_id is not None))
        out.append(Entry(
            f"article:{a.id}", display(a.title or a.url), display(a.feed or a.site or ""),
            (a.published or "")[:10], any(not c.read for c in copies), a.quotes, a.sources, a.claims, a.anonymous,
            reviewed.get(a.url, 0), a.versions, a, feed_id=a.feed_id,
            tags=tuple(sorted({t for c in copies for t in tags.get(c.feed_id or -1, ())})),
            index_outlet=outlet_of(a.url, a.feed, a.site),
            copies=tuple(display(c.feed or c.site or outlet_of(c.url, None, None)) for c in others),
            feed_ids=feed_ids, article_ids=tuple(c.id for c in copies)))
    out += [Entry(f"file:{p}", display(title or Path(p).name), files_label, "", False, path=p) for p, title in files]
    return out


def folders_from(entries: list[Entry], feeds: list[Feed], files_label: str) -> list[Folder]:
    out = [Folder("all", "All articles", len(entries)),
           Folder("unread", "Unread", sum(e.unread for e in entries))]
    for f in feeds:
        out.append(Folder(f"feed:{f.id}", display(f.title or f.url) + (" ⚠" if f.last_error else ""),
                          sum(f.id in e.feed_ids for e in entries)))
    for tag in sorted({t for f in feeds for t in f.tags}):
        out.append(Folder(f"tag:{tag}", f"# {display(tag)}", sum(tag in e.tags for e in entries)))
    files = sum(e.path is not None for e in entries)
    if files:
        out.append(Folder("files", files_label, files))
    return out


def in_folder(entry: Entry, folder: str) -> bool:
    if folder == "all":
        return True
    if folder == "unread":
        return entry.unread
    if folder == "files":
        return entry.path is not None
    kind, _, value = folder.partition(":")
    if kind == "feed":
        return int(value) in entry.feed_ids
    return kind == "tag" and value in entry.tags


def matches(entry: Entry, query: str) -> bool:
    """The filter: every word of the query in the title, outlet or date (case and accents folded)."""
    hay = fold(f"{entry.title} {entry.outlet} {' '.join(entry.copies)} {entry.date}")
    return all(word in hay for word in fold(query).split())


WIDE = 80


def row(entry: Entry, width: int) -> Text:
    """One line at ``width`` cells: unread dot, date, outlet, title, then the counts that fit."""
    t = Text(no_wrap=True, overflow="ellipsis", end="")
    t.append("● " if entry.unread else "  ", style="bold")
    if width >= 60:
        t.append(f"{entry.date or '':<10} ", style="dim")
    outlet_w = 14 if width >= 90 else 10
    outlet = entry.outlet_label
    if len(outlet) > outlet_w and entry.copies:  # "Reuters +2" keeps its count: the name gives way
        more = outlet[len(entry.outlet):]
        outlet = entry.outlet[: max(1, outlet_w - len(more) - 1)] + "…" + more
    if len(outlet) > outlet_w:
        outlet = outlet[: outlet_w - 1] + "…"
    t.append(f"{outlet:<{outlet_w}} ", style="italic")
    # the anonymous share and review progress fit beside a title from 80 cells (a 120-column
    # terminal with the folders shown)
    counts = _counts(entry, wide=width >= WIDE)
    room = max(10, width - t.cell_len - len(counts) - 1)
    title = entry.title if len(entry.title) <= room else entry.title[: room - 1] + "…"
    t.append(f"{title:<{room}} ", style="bold" if entry.unread else "")
    t.append(counts, style="dim")
    t.truncate(width, overflow="ellipsis")
    return t


def _counts(entry: Entry, *, wide: bool) -> str:
    if entry.path is not None:
        return ""
    if entry.quotes is None:
        return "…"
    parts = [f"{entry.quotes}q {entry.sources}s"]
    if wide:
        parts.append(f"{round(100 * (entry.anonymous or 0))}% anon")
        if entry.claims:
            parts.append(f"{entry.reviewed}/{entry.claims} ✓")
        if entry.versions > 1:
            parts.append(f"v{entry.versions}")
    return " · ".join(parts)
