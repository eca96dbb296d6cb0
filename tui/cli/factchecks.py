"""``copydesk factchecks import|list|remove|stats|match``: the library's fact-checks (schema.org
ClaimReview) and "checked before?" for claims, from the command line."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from analyzers.ingest.sanitize import display
from analyzers.store.desk import Desk, DeskError
from tui.cli.common import EXIT_USAGE, error, print_json

if TYPE_CHECKING:
    from analyzers.ingest.claimreview import ClaimReview, Skipped
    from analyzers.model import Analysis
    from analyzers.rules.factcheck_match import Query
    from analyzers.store.library.factchecks import ClaimMatches, ImportResult

MATCH_BATCH = 200        # claims matched at a time (a query file of any length streams)


def run_factchecks(args: argparse.Namespace) -> int:
    from tui.restricted import Policy

    desk = Desk(read_only=Policy.from_args(args).restricted)
    try:
        return int(_ACTIONS[args.action](desk, args))
    except DeskError as exc:
        error(str(exc))
        return EXIT_USAGE


# -- import ----------------------------------------------------------------------------------------
def _open(path: str) -> IO[bytes]:
    """A file to stream (OSError with the reason); '-' is stdin. Devices and FIFOs are refused
    before they are opened."""
    if path == "-":
        return sys.stdin.buffer
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError(0, "not a regular file")
    return open(path, "rb")


def _records(source: str, args: argparse.Namespace) -> Iterator[ClaimReview | Skipped]:
    """The ClaimReviews of a file or a page (what went wrong with the source itself is one
    Skipped naming it)."""
    from analyzers.ingest.claimreview import Skipped, read_bytes, read_claimreviews
    from analyzers.io.fetch import FetchError, is_url
    from analyzers.model import LoadError

    if is_url(source):
        from tui.cli.library import fetch_page

        try:
            final, body = fetch_page(source, args, announce=True)
        except (FetchError, LoadError) as exc:
            yield Skipped(source, str(exc))
            return
        yield from read_bytes(body, final, base_url=final)
        return
    try:
        f = _open(source)
    except (OSError, ValueError) as exc:
        yield Skipped(source, getattr(exc, "strerror", None) or str(exc))
        return
    try:
        yield from read_claimreviews(f, os.path.basename(source) if source != "-" else "stdin")
    except OSError as exc:
        yield Skipped(source, f"cannot read: {exc.strerror or exc}")
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def run_import(desk: Desk, args: argparse.Namespace) -> int:
    from analyzers.store.library.factchecks import ImportResult

    if desk.read_only:
        error("restricted: the fact-checks are read-only here (their owner imports them)")
        return EXIT_USAGE
    total = ImportResult()
    for source in args.sources:
        def shown(so_far: ImportResult, name: str = source) -> None:
            print(f"copydesk: {so_far.added + so_far.updated + so_far.unchanged:,} fact-checks read from "
                  f"{display(name, limit=80)} …", file=sys.stderr, flush=True)

        result = desk.import_factchecks(_records(source, args), source, progress=shown, reindex=False)
        for problem in result.problems:
            error(f"skipped {problem}")
        if result.skipped > len(result.problems):
            error(f"skipped {result.skipped - len(result.problems)} more records of {source}")
        total.merge(result)
        total.problems = []
    if total.changed:
        print("copydesk: indexing the fact-checks for matching …", file=sys.stderr, flush=True)
        desk.reindex_factchecks()
    if args.json:
        print_json(total.to_json(), lines=False)
    print(f"copydesk: {_summary(total)}", file=sys.stderr)
    return EXIT_USAGE if total.skipped and not (total.changed or total.unchanged) else 0


def _summary(r: ImportResult) -> str:
    n = r.added + r.updated + r.unchanged
    return (f"{n:,} fact-checks read: {r.added:,} added, {r.updated:,} updated, {r.unchanged:,} unchanged"
            + (f", {r.skipped:,} skipped" if r.skipped else ""))


# -- list, remove, stats ----------------------------------------------------------------------------
def run_list(desk: Desk, args: argparse.Namespace) -> int:
    reviews = desk.factchecks(limit=args.limit, search=args.search, publisher=args.publisher)
    if args.json:
        print_json({"factchecks": [r.to_json() for r in reviews]}, lines=False)
        return 0
    for r in reviews:
        verdict = " — ".join(x for x in (r.publisher, r.rating, (r.date_published or "")[:10]) if x)
        print(display(f"{verdict or '(no publisher)'}: {r.claim_reviewed}", limit=200))
        print(display(f"  {r.url}"))
    if not reviews:
        print("copydesk: no fact-checks" + (" match" if args.search or args.publisher else
                                            " yet: 'copydesk factchecks import FILE|URL'"), file=sys.stderr)
    return 0


def run_remove(desk: Desk, args: argparse.Namespace) -> int:
    gone = desk.remove_factchecks(args.keys)
    print(f"copydesk: {gone} fact-check{'s' if gone != 1 else ''} removed", file=sys.stderr)
    if not gone:
        error("none of those identifiers or URLs is in the collection")
        return EXIT_USAGE
    return 0


def run_stats(desk: Desk, args: argparse.Namespace) -> int:
    s = desk.factcheck_stats()
    if args.json:
        print_json(s, lines=False)
        return 0
    print(f"{s['reviews']:,} fact-checks" + (f", {s['first']} to {s['last']}" if s.get("first") else ""))
    if s["reviews"]:
        print(f"  with a rating: {s['with_rating']:,} · naming the claimant: {s['with_claimant']:,} · "
              f"index {s['index']}")
        for title, key in (("publishers", "publishers"), ("ratings", "ratings")):
            print(f"  {title}: " + display(", ".join(f"{k} {v:,}" for k, v in s[key].items())))
    return 0


# -- match -----------------------------------------------------------------------------------------
def _queries(f: IO[str]) -> Iterator[Query | str]:
    """Each line's claim, or the one-line reason it is not one."""
    import datetime as dt

    from analyzers.rules.factcheck_match import Query

    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            yield f"line {n}: not JSON"
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield f"line {n}: no \"text\""
            continue
        day = None
        if isinstance(obj.get("date"), str):
            try:
                day = dt.date.fromisoformat(obj["date"][:10])
            except ValueError:
                day = None
        yield Query(str(obj.get("id", n)), obj["text"], day)


def _print_match(m: ClaimMatches) -> None:
    sys.stdout.write(json.dumps(m.to_json(), ensure_ascii=False) + "\n")


def run_match(desk: Desk, args: argparse.Namespace) -> int:
    from analyzers.rules.factcheck_match import Query

    if args.text:
        if not desk.factcheck_count():
            error("no fact-checks in the library yet: 'copydesk factchecks import FILE|URL' first")
            return EXIT_USAGE
        (m,) = desk.match_claims([Query("claim", " ".join(args.text))], top=args.top, use_dates=not args.no_dates)
        _show(m)
        return 0
    if not args.jsonl:
        error("factchecks match: give a claim, or --jsonl FILE of {\"id\", \"text\"} lines")
        return EXIT_USAGE
    if not desk.factcheck_count():
        error("no fact-checks in the library yet: 'copydesk factchecks import FILE|URL' first")
    status = 0
    try:
        f = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        error(f"{args.jsonl}: {exc.strerror or exc}")
        return EXIT_USAGE
    with f:
        batch: list[Query | str] = []
        for q in _queries(f):
            batch.append(q)
            if len(batch) >= MATCH_BATCH:
                status |= _match_batch(desk, batch, args)
                batch = []
        status |= _match_batch(desk, batch, args)
    sys.stdout.flush()
    return EXIT_USAGE if status else 0


def _match_batch(desk: Desk, batch: list[Query | str], args: argparse.Namespace) -> int:
    from analyzers.rules.factcheck_match import Query

    queries = [q for q in batch if isinstance(q, Query)]
    found = iter(desk.match_claims(queries, top=args.top, use_dates=not args.no_dates)) if queries else iter(())
    bad = 0
    for q in batch:  # output lines follow input lines one to one
        if isinstance(q, str):
            error(q)
            sys.stdout.write(json.dumps({"id": None, "matches": [], "error": q}) + "\n")
            bad = 1
        else:
            _print_match(next(found))
    return bad


def _show(m: ClaimMatches) -> None:
    head = "checked before" if m.checked_before else "not checked before, as far as the collection knows"
    print(f"{head} (confidence {m.confidence:.2f})")
    for i, x in enumerate(m.matches, 1):
        r = x.review
        verdict = " — ".join(v for v in (r.publisher, r.rating, (r.date_published or "")[:10]) if v)
        print(display(f"{i:>2}. {x.score:.3f} {verdict}: {r.claim_reviewed}", limit=220))
        print(display(f"    {r.url}"))


def claim_matches(desk: Desk, analysis: Analysis) -> dict[str, ClaimMatches]:
    """Each claim's earlier fact-checks, for analyze --json and export ({} when the library holds
    none, or can't be read). Claims are matched without the article's date, as in the reader."""
    from analyzers.rules.factcheck_match import Query

    try:
        if not analysis.claims or not desk.factcheck_count():
            return {}
        found = desk.match_claims([Query(c.id, c.text) for c in analysis.claims], use_dates=False)
    except DeskError as exc:
        error(f"fact-checks not matched: {exc}")
        return {}
    return {m.id: m for m in found}


_ACTIONS = {"import": run_import, "list": run_list, "remove": run_remove, "stats": run_stats, "match": run_match}

__all__ = ["claim_matches", "run_factchecks"]
