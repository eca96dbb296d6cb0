"""``copydesk sources``, ``copydesk outlets``, ``copydesk search``: the cross-article index from
the command line (for scripts: ``--json``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from analyzers.ingest.sanitize import display
from tui.cli.common import EXIT_USAGE, error, print_json
from tui.state.words import plural

if TYPE_CHECKING:
    from analyzers.store.library.queries import Profile
    from analyzers.store.library.store import LibraryStore

T = TypeVar("T")


def _ask(args: argparse.Namespace, question: Callable[[LibraryStore], T], empty: T) -> T | None:
    """``question(store)`` on the library (read-only in restricted mode); ``empty`` when there is
    no library yet; None (the error said) when it cannot be read."""
    from analyzers.store.desk import Desk, DeskError
    from analyzers.store.library.queries import SearchStopped
    from tui.restricted import Policy

    try:
        return Desk(read_only=Policy.from_args(args).restricted).read(question, empty)
    except (DeskError, SearchStopped) as exc:
        error(str(exc))
        return None


class _Unknown(Exception):
    """An outlet or tag the library does not know: one line, exit 2."""


def run_sources(args: argparse.Namespace) -> int:
    from analyzers.store.library.queries import SourceRow, sources

    no_rows: list[SourceRow] = []
    rows = _ask(args, lambda s: sources(s, outlet=args.outlet), no_rows)
    if rows is None:
        return EXIT_USAGE
    if args.json:
        print_json({"sources": [r.to_json() for r in rows]}, lines=False)
        return 0
    if not rows:
        print("copydesk: no sources yet (copydesk update analyses the library's articles)", file=sys.stderr)
    for r in rows:
        also = f" (also {', '.join(r.aliases[:3])})" if r.aliases else ""
        print(display(f"{r.name}{also} · {r.kind} · {plural(r.quotes, 'quote')} in {plural(r.articles, 'article')} · "
                      f"{', '.join(r.outlets[:4])} · {r.first_seen} – {r.last_seen}"))
    return 0


def run_outlets(args: argparse.Namespace) -> int:
    from analyzers.store.library.queries import date_range, outlet_names, outlets, profile

    since, until = date_range(args.days) if args.days else (args.since, args.until)

    def ask(store: LibraryStore) -> list[Profile]:
        if args.outlet and args.outlet not in outlet_names(store):
            raise _Unknown(f"no outlet named {args.outlet!r} in the library ('copydesk outlets' lists them)")
        if args.tag and not any(args.tag in f.tags for f in store.feeds()):
            raise _Unknown(f"no feed is tagged {args.tag!r}")
        if args.outlet or args.tag:
            label = " ".join(x for x in (args.outlet, f"#{args.tag}" if args.tag else None) if x)
            return [profile(store, outlet=args.outlet, tag=args.tag, since=since, until=until, label=label)]
        return outlets(store, since=since, until=until)

    none: list[Profile] = []
    try:
        found = _ask(args, ask, none)
    except _Unknown as exc:
        error(str(exc))
        return EXIT_USAGE
    if found is None:
        return EXIT_USAGE
    if args.json:
        print_json({"outlets": [p.to_json() for p in found]}, lines=False)
        return 0
    if not found:
        print("copydesk: no analysed articles yet (copydesk update fetches and analyses the feeds)", file=sys.stderr)
    for p in found:
        for line in profile_text(p).splitlines():
            print(display(line))
    return 0


def profile_text(p: Profile) -> str:
    """A profile in a few plain lines."""
    pct = lambda x: f"{round(100 * x)}%"  # noqa: E731
    lines = [f"{p.outlet} · {plural(p.articles, 'article')} · {plural(p.quotes, 'quote')}"
             + (f" · {p.since or '…'} to {p.until or '…'}" if p.since or p.until else ""),
             f"  named {pct(p.named)} · official {pct(p.official)} · anonymous {pct(p.anonymous)} · "
             f"unnamed {pct(p.unnamed)} · unattributed {pct(p.unattributed)} · direct {pct(p.direct)} · "
             f"{p.words_per_source:g} words quoted per source"]
    if p.top_sources:
        lines.append("  top sources: " + ", ".join(f"{n} ({plural(q, 'quote')}, {plural(w, 'word')})"
                                                   for n, q, w in p.top_sources[:5]))
    if p.verbs:
        lines.append("  verbs: " + ", ".join(f"{v} {n}" for v, n in p.verbs[:8]))
    return "\n".join(lines)


def run_search(args: argparse.Namespace) -> int:
    from analyzers.store.library.queries import SearchHit, search

    no_hits: list[SearchHit] = []
    hits = _ask(args, lambda s: search(s, args.query, limit=args.limit), no_hits)
    if hits is None:
        return EXIT_USAGE
    if args.json:
        print_json({"results": [h.to_json() for h in hits]}, lines=False)
        return 0
    if not hits:
        print("copydesk: nothing found", file=sys.stderr)
    for h in hits:
        who = f" — {h.speaker}" if h.kind == "quote" and h.speaker else ""
        print(display(f"{h.kind:<7} {h.title}  {h.url}" + ("  (an earlier version)" if h.earlier else "")))
        print("        " + display(f"{h.plain_snippet}{who}"))
    return 0


__all__ = ["run_outlets", "run_search", "run_sources"]
