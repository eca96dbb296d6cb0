"""``copydesk feeds …``, ``copydesk update``, ``copydesk library --json``: the library from the
command line (and from cron: ``copydesk update --due``)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from analyzers.ingest.sanitize import display
from analyzers.io.fetch import FetchPolicy
from analyzers.model import Document
from analyzers.store.desk import Desk, DeskError
from tui.cli.common import EXIT_USAGE, error, print_json

if TYPE_CHECKING:
    from analyzers.store.library.store import Feed


def _desk(args: argparse.Namespace) -> Desk:
    """The desk this command works on: read-only in restricted mode (every change refused)."""
    from tui.restricted import Policy

    return Desk(read_only=Policy.from_args(args).restricted)


class _Refused(Exception):
    pass


def _policy(args: argparse.Namespace) -> FetchPolicy:
    """The fetch policy for a command; _Refused when this mode fetches nothing."""
    from tui.restricted import Policy

    policy = Policy.from_args(args)
    refusal = policy.fetch_refusal()
    if refusal:
        raise _Refused(refusal)
    return policy.fetch_policy()


def _fetch_refusal(url: str, args: argparse.Namespace) -> str | None:
    """Why an update would refuse ``url`` under this command's settings (a private address not
    allowed), or None; a host that cannot be resolved now may resolve later, so it passes."""
    from analyzers.io.fetch import FetchError, check_target

    try:
        check_target(url, _policy(args))
    except _Refused:
        return None
    except FetchError as exc:
        return None if "can't resolve" in str(exc) else str(exc)
    return None


def run_feeds(args: argparse.Namespace) -> int:
    from analyzers.ingest.feeds import FeedError
    from analyzers.ingest.opml import Subscription, read_opml, write_opml
    from tui.restricted import Policy, RestrictedError

    desk = _desk(args)
    try:
        if args.action == "add":
            from analyzers.io.fetch import is_url

            if not is_url(args.url):
                error(f"{args.url}: a feed is an http:// or https:// URL")
                return EXIT_USAGE
            feed = desk.add_feed(args.url, tags=args.tag or ())
            print(f"copydesk: added {display(feed.url)}; 'copydesk update' fetches it", file=sys.stderr)
            refusal = _fetch_refusal(feed.url, args)
            if refusal:  # said now, not only when the update fails
                error(f"but {refusal}")
        elif args.action == "remove":
            if not desk.remove_feed(args.url):
                error(f"{args.url}: not in the library")
                return EXIT_USAGE
        elif args.action == "list":
            feeds = desk.feeds()
            if args.json:
                print_json({"feeds": [_feed_json(f) for f in feeds]}, lines=False)
            for f in [] if args.json else feeds:
                tags = f" [{', '.join(f.tags)}]" if f.tags else ""
                state = f"error: {f.last_error}" if f.last_error else f"updated {f.last_fetched or 'never'}"
                print(display(f"{f.title or '(untitled)'}{tags}  {f.url}  · {state}"))
        elif args.action == "import":
            refused: list[str] = []
            subs = read_opml(Path(args.file).read_bytes(), refused)
            for s in subs:
                desk.add_feed(s.url, s.title, s.tags)
            for reason in refused[:20]:
                error(f"not imported: {reason}")
            print(f"copydesk: {len(subs)} feeds imported from {display(args.file)}"
                  + (f", {len(refused)} refused" if refused else ""), file=sys.stderr)
        elif args.action == "export":
            to_file = bool(args.output and args.output != "-")
            if to_file:
                Policy.from_args(args).check_write(args.output)  # restricted: stdout only
            text = write_opml([Subscription(f.url, f.title, f.tags) for f in desk.feeds()])
            if to_file:
                from analyzers.io.atomic import write_atomically

                write_atomically(Path(args.output), text)
            else:
                sys.stdout.write(text)
    except (FeedError, DeskError, RestrictedError) as exc:
        error(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        error(f"{exc.filename or ''}: {exc.strerror or exc}")
        return EXIT_USAGE
    return 0


def _feed_json(f: Feed) -> dict[str, object]:
    return {k: getattr(f, k) for k in ("url", "title", "site", "last_fetched", "next_update", "last_error")} | {
        "tags": list(f.tags)}


def run_update(args: argparse.Namespace) -> int:
    from analyzers.store.library.update import FeedResult, factchecks_said
    from tui.cli.progress import Progress

    desk = _desk(args)
    try:
        policy = _policy(args)
        if desk.read_only:
            raise DeskError("restricted: the library is read-only here (its owner updates it from cron)")
    except (_Refused, DeskError) as exc:
        error(str(exc))
        return EXIT_USAGE
    bar = Progress("feeds")
    new_so_far = [0]

    def on_result(done: int, total: int, result: FeedResult) -> None:
        new_so_far[0] += len(result.new_versions)
        bar.show(done, total, f"{new_so_far[0]} new versions")

    try:
        results = desk.update(policy, jobs=args.jobs, due_only=args.due, progress=on_result, max_bytes=args.max_size)
    except DeskError as exc:
        bar.done()
        error(str(exc))
        return EXIT_USAGE
    bar.done()
    new = [v for r in results for v in r.new_versions]
    failed = [r for r in results if r.error]
    for r in failed:
        error(r.error or "")
    for r in results:
        for problem in r.article_errors[:5]:
            error(problem)
    print(f"copydesk: {len(results)} feeds, {sum(r.not_modified for r in results)} unchanged, "
          f"{len(new)} new versions, {len(failed)} failed{factchecks_said(results, ', ')}", file=sys.stderr)
    if not args.no_analyze:
        from tui.state.library_analysis import analyse_versions

        todo = desk.pending(new)
        if todo:
            bar = Progress("analyses")
            problems = analyse_versions(desk, todo, model=args.model, progress=lambda d, t: bar.show(d, t))
            bar.done()
            for problem in problems[:5]:
                error(problem)
            print(f"copydesk: {len(todo) - len(problems)} versions analysed"
                  + (f", {len(problems)} failed (tried again next update)" if problems else ""), file=sys.stderr)
    return 1 if failed and len(failed) == len(results) else 0


def run_library(args: argparse.Namespace) -> int:
    desk = _desk(args)
    try:
        feeds, articles = desk.listing()
    except DeskError as exc:
        error(str(exc))
        return EXIT_USAGE
    if args.json:
        print_json({"feeds": [_feed_json(f) for f in feeds], "articles": [a.to_json() for a in articles]},
                   lines=False)
        return 0
    for a in articles:
        counts = f"{a.quotes} quotes · {a.sources} sources" if a.quotes is not None else "not analysed"
        print(display(f"{'·' if not a.read else ' '} {a.published or '':<20.10} {a.feed or a.site or '':<20.20} "
                      f"{a.title}  ({counts})"))
    return 0


def fetch_page(url: str, args: argparse.Namespace, *, announce: bool = False) -> tuple[str, bytes]:
    """The page at ``url`` under this command's fetch policy: its address after redirects and
    its body (LoadError when this mode fetches nothing, FetchError when the fetch fails);
    ``announce`` says on stderr that it is being fetched, once fetching is allowed."""
    from analyzers.io.fetch import fetch
    from analyzers.model import LoadError

    try:
        policy = _policy(args)
    except _Refused as exc:
        raise LoadError(str(exc)) from None
    if announce:
        print(f"copydesk: fetching {display(url, limit=120)} …", file=sys.stderr, flush=True)
    page = fetch(url, policy=policy, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    return page.url, page.body


def fetch_document(url: str, args: argparse.Namespace, *, keep: bool = True) -> Document:
    """The article at ``url``: the page fetched (one line on stderr says so), its article
    extracted, and (``keep``) kept in the library as a version, so marks follow it and a
    change is a new version."""
    from analyzers.ingest.load import load_bytes

    final, body = fetch_page(url, args, announce=keep)
    doc = load_bytes(body, final)
    if not keep:
        return doc
    with contextlib.suppress(DeskError):  # a library that can't be written only loses this page's history
        from tui.restricted import Policy

        # a served session reads the server's fact-checks and never adds to them
        _desk(args).add_page(final, doc, body, harvest=not Policy.from_args(args).served)
    return doc


__all__ = ["fetch_document", "fetch_page", "run_feeds", "run_library", "run_update"]
