"""What the versions screen shows, in plain Python: the stored versions of an article, the
changes between two neighbours (paragraphs and quotes) and the marks made on each version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text

from analyzers.ingest.sanitize import display
from analyzers.model import Document
from analyzers.store.library.versions import (
    IndexedQuote,
    ParagraphChange,
    QuoteChange,
    indexed_quotes,
    paragraph_changes,
    quote_changes,
)
from analyzers.store.review.anchor import Mark
from analyzers.store.review.marks import Status

if TYPE_CHECKING:
    from analyzers.store.desk import Desk

QUOTE_WORDS = {"reworded": "reworded", "removed": "removed", "added": "added", "reattributed": "re-attributed"}


@dataclass
class Versions:
    url: str
    title: str
    ids: list[int]                                   # oldest first
    fetched: dict[int, str]
    hashes: dict[int, str]
    docs: dict[int, Document]
    quotes: dict[int, list[IndexedQuote] | None]     # None: not analysed
    marks: list[Mark] = field(default_factory=list)
    _changes: dict[int, tuple[list[ParagraphChange], list[QuoteChange] | None]] = field(default_factory=dict)

    def changes(self, newer: int) -> tuple[list[ParagraphChange], list[QuoteChange] | None]:
        """From version ``newer - 1`` to version ``newer`` (indices into ids); worked out once
        (``compare_all`` does it off the screen's thread: a rewrite of a long article takes a
        while)."""
        if newer not in self._changes:
            a, b = self.ids[newer - 1], self.ids[newer]
            old_q, new_q = self.quotes.get(a), self.quotes.get(b)
            quotes = quote_changes(old_q, new_q) if old_q is not None and new_q is not None else None
            self._changes[newer] = (paragraph_changes(self.docs[a], self.docs[b]), quotes)
        return self._changes[newer]

    def compare_all(self) -> None:
        for newer in range(1, len(self.ids)):
            self.changes(newer)

    def marks_on(self, version_id: int) -> list[Mark]:
        return [m for m in self.marks if m.fingerprint == self.hashes[version_id]]


def _when(stamp: str) -> str:
    return stamp.replace("T", " ")[:16]


def _count(items: list[str], words: dict[str, str]) -> str:
    return ", ".join(f"{items.count(k)} {w}" for k, w in words.items())


def _speaker(q: IndexedQuote | None) -> str:
    return display(q.speaker or "unattributed", limit=40) if q else ""


def view(v: Versions, newer: int, width: int = 100) -> Group:
    """The changes into version ``newer`` (an index ≥ 1) and the marks of every version."""
    parts: list[Text] = []
    head = Text()
    for i, vid in enumerate(v.ids):
        style = "bold reverse" if i in (newer - 1, newer) else "dim"
        head.append(f" v{i + 1} {_when(v.fetched[vid])} ", style=style)
        head.append(" ")
    parts.append(head)
    parts.append(Text(f"\nChanges from v{newer} to v{newer + 1}", style="bold underline"))
    paragraphs, quotes = v.changes(newer)
    parts.append(Text("Paragraphs: " + _count([p.kind for p in paragraphs],
                                              {"edited": "edited", "added": "added", "removed": "removed"}),
                      style="bold"))
    if not paragraphs:
        parts.append(Text("  the text is the same paragraph for paragraph (only spacing or markup changed)",
                          style="dim"))
    for p in paragraphs:
        parts.append(_paragraph(p, width))
    if quotes is None:
        parts.append(Text("\nQuotes: not compared — a version has not been analysed yet (U in the library "
                          "analyses new versions)", style="dim"))
    else:
        parts.append(Text("\nQuotes: " + _count([q.kind for q in quotes], QUOTE_WORDS), style="bold"))
        for q in quotes:
            parts.append(_quote(q, width))
    parts.append(Text("\nMarks, on the version they were made on", style="bold"))
    for i, vid in enumerate(v.ids):
        marks = v.marks_on(vid)
        line = Text(f"  v{i + 1}: ", style="bold")
        line.append("none" if not marks else f"{len(marks)}", style="dim" if not marks else "")
        parts.append(line)
        for m in marks:
            status = Status(m.status)
            t = Text(f"    {status.sign} {status.label:<15} {m.kind:<6} ")
            t.append(display(m.anchor.exact, limit=width - 30))
            if m.note:
                t.append(f"  — {display(m.note, limit=80)}", style="italic")
            parts.append(t)
    return Group(*parts)


def _paragraph(p: ParagraphChange, width: int) -> Text:
    limit = 4 * width
    if p.kind == "added":
        return Text("  + added    ", style="bold").append(display(p.new or "", limit=limit), style="underline")
    if p.kind == "removed":
        return Text("  − removed  ", style="bold").append(display(p.old or "", limit=limit), style="strike")
    t = Text("  ✎ edited   ", style="bold")
    for op, words in p.words():
        clean = display(words, limit=limit)
        if op == "=":
            t.append(clean)
        elif op == "-":  # the brackets say it where strike-through and colour do not show
            t.append("[-" + clean.rstrip() + "-] ", style="strike red")
        else:
            t.append("{+" + clean.rstrip() + "+} ", style="bold green")
    return t


def _quote(c: QuoteChange, width: int) -> Text:
    limit = 3 * width
    t = Text(f"  {QUOTE_WORDS[c.kind]:<13} ", style="bold")
    if c.kind == "reworded" and c.old and c.new:
        t.append(f"{_speaker(c.new)}: ")
        t.append(display(c.old.text, limit=limit), style="strike")
        t.append(" → ")
        t.append(display(c.new.text, limit=limit))
    elif c.kind == "reattributed" and c.old and c.new:
        t.append(display(c.new.text, limit=limit))
        t.append(f"  was {_speaker(c.old)}, now {_speaker(c.new)}", style="italic")
    else:
        q = c.new or c.old
        assert q is not None
        t.append(f"{_speaker(q)}: ")
        t.append(display(q.text, limit=limit), style="strike" if c.kind == "removed" else "")
        if q.cue:
            t.append(f"  ({display(q.cue)})", style="dim")
    return t


def load_versions(desk: Desk, url: str) -> Versions | str:
    """Every stored version of the article at ``url``, or why there is nothing to compare
    (DeskError when storage fails)."""
    if not desk.has_library():
        return "the library is empty"
    with desk.library() as store:
        article = store.article(url)
        if article is None:
            return "this article is not in the library"
        rows = store.versions(article.id)
        if len(rows) < 2:
            return f"only one version of this article is stored (fetched {rows[0][1][:16] if rows else '?'})"
        ids = [r[0] for r in rows]
        versions = Versions(article.url, article.title, ids, {r[0]: r[1] for r in rows}, {r[0]: r[2] for r in rows},
                            {i: store.document(i) for i in ids}, {i: indexed_quotes(store.db, i) for i in ids})
    with desk.review() as review:
        keys = {f"url:{u}" for u in (url, article.url, article.canonical) if u}
        versions.marks = sorted({m.id: m for k in keys for m in review.marks(k, "")}.values(), key=lambda m: m.id)
    versions.compare_all()
    return versions
