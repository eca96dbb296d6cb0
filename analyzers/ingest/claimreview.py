"""Fact-checks as fact-checkers publish them: schema.org ``ClaimReview``
(https://schema.org/ClaimReview), read from a JSON-LD object, a list, an ``@graph``, JSON
Lines, the Data Commons feed shape (``{"dataFeedElement": [{"item": [ClaimReview, ...]}]}``)
or the ``<script type="application/ld+json">`` blocks of an HTML page.

Files of any size stream (analyzers/ingest/json_stream.py). A record that cannot be kept is a
``Skipped`` naming it and saying why, and reading goes on. Every string passes the sanitising
step article text passes (HTML entities decoded, controls made visible, whitespace collapsed)
and every URL is an http(s) URL (``io.urls.parse_url``)."""

from __future__ import annotations

import codecs
import html
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import IO, Any
from urllib.parse import urljoin

from analyzers.ingest.json_stream import Piece, json_units, jsonl_lines, ld_json_blocks
from analyzers.ingest.sanitize import clean, display

CHUNK = 1024 * 1024
MAX_CLAIM = 4000           # characters kept of claimReviewed
MAX_FIELD = 1000           # of the other strings
MAX_URL = 2048
MAX_DEPTH = 12             # containers looked into for ClaimReviews (@graph, feeds, lists)
CONTAINERS = ("@graph", "dataFeedElement", "item", "itemListElement", "mainEntity", "hasPart")


@dataclass(frozen=True)
class ClaimReview:
    """One fact-check: the claim it reviewed and what it concluded."""

    claim_reviewed: str
    url: str                                 # the review's page
    identifier: str | None = None
    headline: str | None = None
    claimant: str | None = None              # itemReviewed.author
    claim_date: str | None = None            # itemReviewed.datePublished (ISO date)
    rating: str | None = None                # reviewRating.alternateName: "False", "Mostly true"
    rating_value: float | None = None        # reviewRating.ratingValue on its scale
    best_rating: float | None = None
    worst_rating: float | None = None
    publisher: str | None = None             # publisher, else author: the fact-checker
    date_published: str | None = None        # ISO date of the review

    def to_json(self) -> dict[str, Any]:
        """schema.org's names, flat."""
        d = asdict(self)
        return {"identifier": d["identifier"], "url": d["url"], "claimReviewed": d["claim_reviewed"],
                "claimant": d["claimant"], "claimDate": d["claim_date"], "rating": d["rating"],
                "ratingValue": d["rating_value"], "bestRating": d["best_rating"],
                "worstRating": d["worst_rating"], "publisher": d["publisher"],
                "datePublished": d["date_published"], "headline": d["headline"]}


@dataclass(frozen=True)
class Skipped:
    """A record that was not kept: where it was and why (one line)."""

    where: str
    why: str

    def __str__(self) -> str:
        return display(f"{self.where}: {self.why}", limit=300)


class Malformed(ValueError):
    """Why a ClaimReview object cannot be kept."""


# -- one object ----------------------------------------------------------------------------------
def text(value: object, limit: int = MAX_FIELD) -> str | None:
    """A string as copydesk keeps it: entities decoded, sanitised, one line, at most ``limit``."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    s = " ".join(clean(html.unescape(str(value))).split())
    return s[:limit] or None


def _first(value: object) -> object:
    return next((v for v in value if v not in (None, "")), None) if isinstance(value, list) else value


def _name(value: object, many: bool = False) -> str | None:
    """A Person's or Organization's name (or a plain string); ``many``: several joined."""
    values = value if isinstance(value, list) else [value]
    names = [text(v.get("name") or v.get("alternateName")) if isinstance(v, dict) else text(v) for v in values]
    found = list(dict.fromkeys(n for n in names if n))
    return (", ".join(found[:3]) if many else found[0]) if found else None


_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d")


def iso_date(value: object) -> str | None:
    """'2021-03-06', '2021-03-06T10:00:00Z', '6 March 2021', 'March 6, 2021' -> '2021-03-06'."""
    s = text(value, 64)
    if s is None:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s.replace(".", ""), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        n = float(value) if isinstance(value, int | float | str) else math.nan
    except ValueError:
        return None
    return n if math.isfinite(n) else None


def http_url(value: object, base: str | None = None) -> str | None:
    """An http(s) URL (resolved against ``base``), or None."""
    from analyzers.io.urls import FetchError, parse_url

    s = _first(value)
    if isinstance(s, dict):
        s = s.get("@id") or s.get("url")
    if not isinstance(s, str) or len(s) > MAX_URL:
        return None
    s = s.strip()
    if base:
        s = urljoin(base, s)
    if not s or any(ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in s) or clean(s) != s:
        return None
    try:
        parse_url(s)
    except FetchError:
        return None
    return s


def _identifier(value: object) -> str | None:
    v = _first(value)
    if isinstance(v, dict):
        v = v.get("value") or v.get("@id")
    return text(v, 300)


def is_claimreview(obj: object) -> bool:
    if not isinstance(obj, dict):
        return False
    kinds = obj.get("@type")
    for k in kinds if isinstance(kinds, list) else [kinds]:
        if isinstance(k, str) and re.split(r"[/:#]", k)[-1] == "ClaimReview":
            return True
    return False


def review_from(obj: dict[str, Any], base_url: str | None = None) -> ClaimReview:
    """The ClaimReview an object describes, or Malformed saying what it lacks. ``base_url``: the
    page it came from (relative URLs resolve against it; the review's URL when it names none)."""
    claim = text(_first(obj.get("claimReviewed")), MAX_CLAIM)
    if claim is None:
        raise Malformed("no claimReviewed")
    given = obj.get("url")
    url = http_url(given, base_url) if given not in (None, "", []) else (http_url(base_url) if base_url else None)
    if url is None:
        raise Malformed("no http(s) url" if given in (None, "", []) else "its url is not an http(s) URL")
    item = _first(obj.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    rating = _first(obj.get("reviewRating"))
    rating = rating if isinstance(rating, dict) else {}
    return ClaimReview(
        claim_reviewed=claim,
        url=url,
        identifier=_identifier(obj.get("identifier")),
        headline=text(_first(obj.get("headline")) or _first(obj.get("name"))),
        claimant=_name(item.get("author"), many=True),
        claim_date=iso_date(_first(item.get("datePublished"))),
        rating=text(_first(rating.get("alternateName")) or _first(rating.get("name")), 200),
        rating_value=_number(rating.get("ratingValue")),
        best_rating=_number(rating.get("bestRating")),
        worst_rating=_number(rating.get("worstRating")),
        publisher=_name(obj.get("publisher")) or _name(obj.get("author")),
        date_published=iso_date(_first(obj.get("datePublished"))),
    )


def claimreviews_in(value: object, where: str, base_url: str | None = None,
                    numbered: bool = True) -> Iterator[ClaimReview | Skipped]:
    """Every ClaimReview in a decoded JSON value: the value itself, a list of them, or inside
    the containers JSON-LD and feeds use (@graph, dataFeedElement, item, itemListElement).
    A Skipped names ``where`` and (``numbered``) the ClaimReview's place in it."""
    for count, obj in enumerate(_objects(value, 0), 1):
        try:
            yield review_from(obj, base_url)
        except Malformed as exc:
            ident = _identifier(obj.get("identifier")) or text(obj.get("url"), 120)
            place = f", ClaimReview {count}" if numbered else ""
            yield Skipped(f"{where}{place}{f' ({ident})' if ident else ''}", str(exc))


def _objects(value: object, depth: int) -> Iterator[dict[str, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, list):
        for v in value:
            yield from _objects(v, depth + 1)
    elif isinstance(value, dict):
        if is_claimreview(value):
            yield value
            return
        for key in CONTAINERS:
            if key in value:
                yield from _objects(value[key], depth + 1)


# -- a whole input -------------------------------------------------------------------------------
def _decoded(piece: Piece, base_url: str | None, quiet: bool,
             numbered: bool = True) -> Iterator[ClaimReview | Skipped]:
    """The ClaimReviews of one piece; ``quiet``: a piece with none (or not JSON) is no problem
    (a page's other ld+json blocks, a @graph's other nodes)."""
    import json

    if piece.text is None:
        yield Skipped(piece.where, piece.problem)
        return
    try:
        value = json.loads(piece.text)
    except (ValueError, RecursionError) as exc:
        if not quiet or "ClaimReview" in piece.text:
            yield Skipped(piece.where, f"not JSON ({' '.join(str(exc).split())[:80]})")
        return
    found = False
    for r in claimreviews_in(value, piece.where, base_url, numbered):
        found = True
        yield r
    if not found and not quiet:
        yield Skipped(piece.where, "no ClaimReview in it")


def _chunks(f: IO[bytes]) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
    while True:
        data = f.read(CHUNK)
        if not data:
            tail = decoder.decode(b"", final=True)
            if tail:
                yield tail
            return
        yield decoder.decode(data)


def read_claimreviews(f: IO[bytes], name: str, *, base_url: str | None = None) -> Iterator[ClaimReview | Skipped]:
    """Every ClaimReview of a file or page, streamed, and a Skipped for each record that is not
    kept. The shape is sniffed: '<' is HTML; JSON Lines when the first or second line is a whole
    JSON value by itself (or the name ends .jsonl/.ndjson); else one JSON document."""
    return read_chunks(_chunks(f), name, base_url=base_url)


def read_bytes(data: bytes, name: str, *, base_url: str | None = None) -> Iterator[ClaimReview | Skipped]:
    """The same for bytes already in memory (a fetched page: its charset is guessed as the
    reader's is)."""
    from analyzers.ingest.decode import decode_bytes
    from analyzers.model import LoadError

    try:
        decoded = decode_bytes(data).text
    except LoadError as exc:
        return iter([Skipped(name, str(exc))])
    return read_chunks([decoded[i:i + CHUNK] for i in range(0, len(decoded), CHUNK)], name, base_url=base_url)


def read_chunks(chunks: Iterable[str], name: str, *, base_url: str | None = None) -> Iterator[ClaimReview | Skipped]:
    it = iter(chunks)
    head = ""
    for chunk in it:
        head += chunk
        if head.strip() and (head.count("\n") >= 3 or len(head) > 64 * 1024):
            break
    stream = _again(head, it)
    first = head.lstrip()[:1]
    if first == "<":
        for piece in ld_json_blocks(stream, name):
            yield from _decoded(piece, base_url, quiet=True)
    elif first in ("{", "["):
        if name.lower().endswith((".jsonl", ".ndjson")) or _looks_like_lines(head):
            for piece in jsonl_lines(stream, name):
                yield from _decoded(piece, base_url, quiet=False, numbered=False)
        else:
            for piece in json_units(stream, name):
                yield from _decoded(piece, base_url, quiet=piece.nested)
    elif head.strip():
        yield Skipped(name, "neither JSON nor HTML")


def _again(head: str, rest: Iterator[str]) -> Iterator[str]:
    yield head
    yield from rest


def _looks_like_lines(head: str) -> bool:
    import json

    def whole(line: str) -> bool:
        try:
            return isinstance(json.loads(line), dict | list)
        except (ValueError, RecursionError):
            return False

    lines = [ln for ln in head.split("\n")[:4] if ln.strip()][:3]
    return len(lines) > 1 and (whole(lines[0]) or (len(lines) == 3 and whole(lines[1]) and whole(lines[2])))
