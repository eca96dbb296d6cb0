"""What the library screen lists, in plain Python: its entries (library articles, and files —
the bundled samples while the library is empty, or restricted mode's library directory), the
folders on the left (all, unread, feeds, tags), the filter, and one row of text per entry that
fits the width."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text

from analyzers.ingest.sanitize import display
from analyzers.library.store import ArticleRow, Feed
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


@dataclass(frozen=True)
class Folder:
    key: str                      # "all", "unread", "feed:<id>", "tag:<name>", "files"
    label: str
    count: int


def entries_from(articles: list[ArticleRow], feeds: list[Feed], reviewed: dict[str, int],
                 files: list[tuple[str, str]], files_label: str) -> list[Entry]:
    """``files``: (path, title) of the files listed beside the library's articles."""
    tags = {f.id: f.tags for f in feeds}
    out = [Entry(f"article:{a.id}", display(a.title or a.url), display(a.feed or a.site or ""),
                 (a.published or "")[:10], not a.read, a.quotes, a.sources, a.claims, a.anonymous,
                 reviewed.get(a.url, 0), a.versions, a, feed_id=a.feed_id, tags=tags.get(a.feed_id or -1, ()))
           for a in articles]
    out += [Entry(f"file:{p}", display(title or Path(p).name), files_label, "", False, path=p) for p, title in files]
    return out


def folders_from(entries: list[Entry], feeds: list[Feed], files_label: str) -> list[Folder]:
    out = [Folder("all", "All articles", len(entries)),
           Folder("unread", "Unread", sum(e.unread for e in entries))]
    for f in feeds:
        out.append(Folder(f"feed:{f.id}", display(f.title or f.url) + (" ⚠" if f.last_error else ""),
                          sum(e.feed_id == f.id for e in entries)))
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
        return entry.feed_id == int(value)
    return kind == "tag" and value in entry.tags


def matches(entry: Entry, query: str) -> bool:
    """The filter: every word of the query in the title, outlet or date (case and accents folded)."""
    hay = fold(f"{entry.title} {entry.outlet} {entry.date}")
    return all(word in hay for word in fold(query).split())


def row(entry: Entry, width: int) -> Text:
    """One line at ``width`` cells: unread dot, date, outlet, title, then the counts that fit."""
    t = Text(no_wrap=True, overflow="ellipsis", end="")
    t.append("● " if entry.unread else "  ", style="bold")
    if width >= 60:
        t.append(f"{entry.date or '':<10} ", style="dim")
    outlet_w = 14 if width >= 90 else 10
    t.append(f"{entry.outlet[:outlet_w]:<{outlet_w}} ", style="italic")
    counts = _counts(entry, wide=width >= 100)
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
