"""``analyze()``: paragraph by paragraph, streaming partial results, cancellable.

spaCy sees each paragraph (long ones in pieces, never past ``nlp.max_length``); the rules turn
each parsed piece into plain facts, and the document-level passes (clusters, speakers, sources)
re-run over the facts gathered so far whenever a snapshot is due.
"""

from __future__ import annotations

import bisect
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import takewhile
from typing import Any

from analyzers.limits import (
    DEFAULT_MAX_CHARS,
    MAX_TOKEN_CHARS,
    MAX_TOKENS,
    PIECE_CHARS,
    PIECE_TOKENS,
)
from analyzers.model import Analysis, Claim, Document, Notice, Quote
from analyzers.rules.candidates import QuoteCandidate, text_of
from analyzers.rules.claims import (
    ClaimCandidate,
    claims_from_doc,
    drop_echoed_headline,
    headline_span,
    listed,
)
from analyzers.rules.direct import colon_quotes, direct_quotes
from analyzers.rules.entities import Mention, cluster, drop_headline_words, mentions_from_doc
from analyzers.rules.headline import revise as revise_headline
from analyzers.rules.lead_in import lead_in_speakers
from analyzers.rules.quote_marks import MarkedRegion, scan
from analyzers.rules.quotes import indirect_quotes
from analyzers.rules.sources import build_sources
from analyzers.rules.speakers import resolve
from analyzers.rules.statements import merge_pieces, nest

_TOKEN = re.compile(r"\w+|[^\w\s]|\n")  # roughly what spaCy makes a token of
_LONG_TOKEN = re.compile(r"\S{%d,}" % MAX_TOKEN_CHARS)
_BREAK = re.compile(r"(?<=[.!?])\s+|\n")


SMALL_BLOCK = 40  # blocks shorter than this (one-word lines) are parsed together,
SMALL_GROUP = 1_000  # in groups this long: spaCy slows badly on long runs without sentences


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    block: int
    small: bool = False


def _token_end(text: str, a: int, b: int, n: int) -> tuple[int, int]:
    """(where the ``n``-th token of text[a:b] ends, or b; how many tokens lie before it)."""
    count = 0
    for m in _TOKEN.finditer(text, a, b):
        count += 1
        if count == n:
            return m.end(), count
    return b, count


def pieces(doc: Document, max_chars: int = DEFAULT_MAX_CHARS, max_tokens: int = MAX_TOKENS) -> tuple[list[Piece], int]:
    """Analysable text cut into spaCy-sized pieces; over-long tokens are left out and runs of
    tiny blocks (one-word lines) share a piece. Returns the pieces and how many characters were
    skipped because of ``max_chars`` or ``max_tokens`` (text that is mostly marks or one-letter
    lines holds far more tokens per character than prose: parsing time follows tokens)."""
    out: list[Piece] = []
    budget = max_chars
    tokens_left = max(1, max_tokens * max_chars // DEFAULT_MAX_CHARS)
    skipped = 0
    last = -2  # the last analysed block: tiny blocks are grouped only with their neighbours
    for bi, blk in enumerate(doc.blocks):
        if blk.kind not in ("heading", "paragraph", "blockquote", "list_item"):
            continue
        adjacent, last = last == bi - 1, bi
        a, b = blk.start, blk.end
        if budget <= 0 or tokens_left <= 0:
            skipped += b - a
            continue
        if b - a > budget:
            skipped += b - a - budget
            b = a + budget
        cut, used = _token_end(doc.text, a, b, tokens_left)
        skipped += b - cut
        b, tokens_left = cut, tokens_left - used
        budget -= b - a
        if b - a < SMALL_BLOCK and adjacent and out and out[-1].small and b - out[-1].start < SMALL_GROUP \
                and out[-1].end <= a:
            out[-1] = Piece(out[-1].start, b, out[-1].block, True)
            continue
        for sa, sb in _split_long_tokens(doc.text, a, b):
            while sb - sa > PIECE_CHARS or (sb - sa > PIECE_TOKENS and _token_end(doc.text, sa, sb, PIECE_TOKENS)[0] < sb):
                limit = min(sa + PIECE_CHARS, _token_end(doc.text, sa, sb, PIECE_TOKENS)[0])
                cut = _cut_point(doc.text, sa, limit)
                out.append(Piece(sa, cut, bi))
                sa = cut
            if sb > sa and doc.text[sa:sb].strip():
                out.append(Piece(sa, sb, bi, b - a < SMALL_BLOCK))
    return out, skipped


def _split_long_tokens(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    pos = a
    for m in _LONG_TOKEN.finditer(text, a, b):
        yield pos, m.start()
        pos = m.end()
    yield pos, b


def _cut_point(text: str, a: int, limit: int) -> int:
    window_start = max(a + 1, limit - 2000)
    last = None
    for m in _BREAK.finditer(text, window_start, limit):
        last = m.end()
    if last is None:
        space = text.rfind(" ", window_start, limit)
        last = space + 1 if space > a else limit
    return last


@dataclass
class _Facts:
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[QuoteCandidate] = field(default_factory=list)
    claims: list[ClaimCandidate] = field(default_factory=list)
    head_tags: dict[int, str] = field(default_factory=dict)  # tag by offset, in the first HEAD_CHARS


HEAD_CHARS = 600  # a headline and its standfirst lie within this many characters


def _regions_in(regions: list[MarkedRegion], a: int, b: int) -> list[MarkedRegion]:
    return [r for r in regions if a <= r.start < b]


_WRITERS_NOTE = re.compile(r"\s*(?:editor[’']?s[’']?\s+note|correction|clarification|update)\b\s*[:.—–-]",
                           re.IGNORECASE)


def _extract(parsed: Any, piece: Piece, regions: list[MarkedRegion], facts: _Facts) -> None:
    base = piece.start
    mine = _regions_in(regions, piece.start, piece.end)
    overlapping = [(max(r.start, piece.start) - base, min(r.end, piece.end) - base)
                   for r in regions if r.start < piece.end and r.end > piece.start]
    # an editor's note is the publication speaking: what it says of people is not their quote
    indirect = [] if _WRITERS_NOTE.match(text_of(parsed)) else indirect_quotes(parsed, base, overlapping)
    covered = [(q.start, q.end) for q in indirect if q.kind == "mixed"]
    direct = direct_quotes(parsed, base, mine, covered)
    facts.mentions.extend(mentions_from_doc(parsed, base))
    facts.quotes.extend(indirect)
    facts.quotes.extend(direct)
    attributed = [(q.start, q.end) for q in indirect + direct]
    facts.claims.extend(claims_from_doc(parsed, base, attributed, piece.block))
    if base < HEAD_CHARS:
        facts.head_tags.update((base + t.idx, t.tag_) for t in takewhile(lambda t: base + t.idx < HEAD_CHARS, parsed))


MAX_QUOTE_LEN = 1500


def assemble(doc: Document, model: dict[str, str], facts: _Facts, notices: list[Notice],
             done: int, total: int, complete: bool) -> Analysis:
    entities = cluster(drop_headline_words(facts.mentions, doc.text, [(b.start, b.end) for b in doc.blocks]))
    nested = nest(merge_pieces(revise_headline(doc, lead_in_speakers(doc.text, doc.blocks, facts.quotes), facts.head_tags), doc.text))
    resolved = resolve(doc, [c for c, _ in nested], entities, [p is not None for _, p in nested])
    quotes: list[Quote] = []
    truncated = []
    ids = {(c.start, c.end): f"q{i}" for i, (c, _) in enumerate(resolved, 1)}
    for i, (c, speaker) in enumerate(resolved, 1):
        end = c.end
        if end - c.start > MAX_QUOTE_LEN:  # a run-on 'quote' is a broken mark, not a statement
            cut = doc.text.rfind(" ", c.start, c.start + MAX_QUOTE_LEN)
            end = cut if cut > c.start + MAX_QUOTE_LEN // 2 else c.start + MAX_QUOTE_LEN
            truncated.append(Notice("quote_truncated", f"quotation of {c.end - c.start:,} characters cut to "
                                                       f"{end - c.start:,}", c.start, c.end))
        parent = nested[i - 1][1]
        quotes.append(Quote(f"q{i}", c.kind, c.start, end, doc.text[c.start:end], speaker, c.cue,
                            parent=None if parent is None else f"q{parent + 1}",
                            continues=ids.get(c.continues) if c.continues else None))
    quote_starts = [q.start for q in quotes]  # quotes are in text order, at most MAX_QUOTE_LEN long
    sources = build_sources(quotes, entities, doc.text)
    source_of = {qid: s.id for s in sources for qid in s.quotes}
    quotes = [replace(q, source=source_of.get(q.id)) for q in quotes]
    claims = []
    prose = [(b.kind, b.start, b.end) for b in doc.analysable_blocks()]
    styled = [(s.start, s.end) for s in doc.styles if s.kind in ("emphasis", "strong")]
    head = headline_span(prose, doc.text, styled)
    for i, cc in enumerate(listed(drop_echoed_headline(facts.claims, doc.text, head)), 1):
        best = _most_overlapping(quotes, quote_starts, cc.start, cc.end)
        claims.append(Claim(f"c{i}", cc.start, cc.end, doc.text[cc.start:cc.end], cc.score, cc.reasons,
                            best.source if best else None, best.id if best else None, cc.kind))
    warnings = list(notices) + truncated
    for e in entities:
        warnings.extend(e.warnings)
    for q in quotes:
        if q.speaker is None:
            warnings.append(Notice("unattributed_quote", "quotation with no speaker found", q.start, q.end))
    return Analysis(model, tuple(entities), tuple(quotes), tuple(sources), tuple(claims),
                    tuple(warnings), done, total, complete,
                    extra={"quote_rules": [c.rule for c, _ in resolved]})  # a list: JSON gives it back equal


def _most_overlapping(quotes: list[Quote], starts: list[int], a: int, b: int) -> Quote | None:
    """The quote sharing most characters with [a, b): only quotes that can reach it are looked at."""
    lo, hi = bisect.bisect_left(starts, a - MAX_QUOTE_LEN), bisect.bisect_left(starts, b)
    best, most = None, 0
    for q in quotes[lo:hi]:
        shared = min(q.end, b) - max(q.start, a)
        if shared > most:
            best, most = q, shared
    return best


STREAM_BATCH = 16   # the reader's first results come after this many paragraphs


@dataclass
class _Article:
    """One document on its way through the rules: what is found so far and what is left."""
    doc: Document
    todo: list[Piece]
    total: int
    notices: list[Notice]
    regions: list[MarkedRegion]
    facts: _Facts
    done: int = 0
    error: Exception | None = None

    def add(self, piece: Piece, parsed: Any) -> None:
        _extract(parsed, piece, self.regions, self.facts)
        self.done += piece.end - piece.start

    def add_safely(self, piece: Piece, parsed: Any) -> None:
        """``add``, keeping the first failure: a rule bug on one article is that article's."""
        if self.error is None:
            try:
                _extract(parsed, piece, self.regions, self.facts)
            except Exception as exc:
                self.error = exc
        self.done += piece.end - piece.start

    def outcome(self, model: dict[str, str]) -> Outcome:
        if self.error is None:
            try:
                return self.result(model, True)
            except Exception as exc:
                self.error = exc
        return self.error

    def result(self, model: dict[str, str], complete: bool) -> Analysis:
        done = self.done if self.done < self.total or not complete else self.total
        return assemble(self.doc, model, self.facts, self.notices, done, self.total, complete)


def _start(doc: Document, max_chars: int) -> _Article:
    todo, skipped = pieces(doc, max_chars)
    notices: list[Notice] = []
    if skipped:  # start: where the analysed part ends (the reader says which part was analysed)
        stop = todo[-1].end if todo else 0
        notices.append(Notice("truncated_input", f"analysed the first {max_chars:,} characters; "
                                                 f"{skipped:,} more are shown but not analysed",
                              stop, len(doc.text)))
    blocks = doc.blocks
    regions, unbalanced = scan(doc.text, [b.start for b in blocks], [b.end for b in blocks])
    if unbalanced:
        notices.append(Notice("unbalanced_quotes", f"{unbalanced} quotation marks without a partner"))
    facts = _Facts()
    prose = [b for b in blocks if b.kind in ("heading", "paragraph", "blockquote", "list_item")]
    facts.quotes.extend(colon_quotes(doc.text, [b.start for b in prose], [b.end for b in prose]))
    return _Article(doc, todo, sum(p.end - p.start for p in todo), notices, regions, facts)


def analyze_stream(doc: Document, nlp: Any, *, cancelled: Callable[[], bool] = lambda: False,
                   interval: float = 0.3, max_chars: int = DEFAULT_MAX_CHARS,
                   max_seconds: float | None = None,
                   model: dict[str, str] | None = None, batch_size: int = STREAM_BATCH) -> Iterator[Analysis]:
    """Yield growing partial analyses (``complete=False``) and finally the full one.
    ``max_seconds`` bounds the parsing time: past it the analysis ends with a notice.
    ``batch_size``: paragraphs spaCy parses together; small batches stream sooner, and one
    batch per article parses fastest."""
    from analyzers.rules.spacy_model import model_info

    yield from _stream(_start(doc, max_chars), nlp, model or model_info(nlp), cancelled, interval, max_seconds,
                       batch_size)


def _stream(art: _Article, nlp: Any, model: dict[str, str], cancelled: Callable[[], bool], interval: float,
            max_seconds: float | None, batch_size: int) -> Iterator[Analysis]:
    doc = art.doc
    started = last = time.monotonic()
    wait = interval
    for piece, parsed in _parsed(nlp, doc.text, art.todo, batch_size):
        art.add(piece, parsed)
        if cancelled():
            return
        if max_seconds is not None and time.monotonic() - started > max_seconds and art.done < art.total:
            art.notices.append(Notice("truncated_input", f"gave up after {max_seconds:.0f} s: analysed "
                                                         f"{art.done:,} of {art.total:,} characters",
                                      piece.end, len(doc.text)))
            break
        if time.monotonic() - last >= wait and art.done < art.total:
            t0 = time.monotonic()
            yield art.result(model, False)
            # Counted from the end of this snapshot, and never less than 4x what it took: a
            # snapshot grows with the article, and snapshots must stay a small share of the work.
            last = time.monotonic()
            wait = max(interval, 4 * (last - t0))
    yield art.result(model, True)


WHOLE_BATCH = 64      # paragraphs: a news article in one batch; a book never all at once
BATCH_TOKENS = 8_000  # spaCy's memory follows the tokens of a batch (45,000 at once: 890 MB)


def _parsed(nlp: Any, text: str, todo: list[Piece], batch_size: int) -> Iterator[tuple[Piece, Any]]:
    """Each piece with its parse, spaCy fed batches of at most ``batch_size`` pieces and about
    BATCH_TOKENS tokens (a long line cut into 20,000-character pieces must not go in at once)."""
    group: list[Piece] = []
    tokens = 0
    for piece in [*todo, None]:
        size = 0 if piece is None else _token_end(text, piece.start, piece.end, BATCH_TOKENS)[1]
        if group and (piece is None or len(group) >= batch_size or tokens + size > BATCH_TOKENS):
            yield from zip(group, nlp.pipe([text[p.start:p.end] for p in group], batch_size=len(group)),
                           strict=True)
            group, tokens = [], 0
        if piece is not None:
            group.append(piece)
            tokens += size


def analyze(doc: Document, nlp: Any, **kwargs: Any) -> Analysis:
    """The whole analysis at once (headless, batch): nothing to stream, so spaCy parses a
    normal article in one batch (~7% faster than STREAM_BATCH), at most WHOLE_BATCH paragraphs
    and BATCH_TOKENS tokens at a time (memory; ``max_seconds`` is checked between batches)."""
    kwargs.setdefault("batch_size", _whole_batch(nlp))
    *_, result = analyze_stream(doc, nlp, interval=1e9, **kwargs)
    return result


def _whole_batch(nlp: Any) -> int:
    return min(getattr(nlp, "batch_size", STREAM_BATCH), WHOLE_BATCH)


SHARED_BATCH = 256  # pieces of several short articles parsed at once: spaCy's own batch size
# A shared batch (at most BATCH_TOKENS tokens) parses in 1-2 s, so a time limit shorter than this
# could bite inside one: under it every article is analysed alone, with the limit checked as
# analyze() checks it.
SHARED_SECONDS = 5.0

Outcome = Analysis | Exception | None


def analyze_many(docs: Iterable[Document | None], nlp: Any, *, max_chars: int = DEFAULT_MAX_CHARS,
                 max_seconds: float | None = None) -> Iterator[Outcome]:
    """``analyze()`` of each document, in order, for runs over many articles: the paragraphs of
    consecutive short articles share spaCy batches, which parses news ~12% faster than one
    article at a time (spaCy's parser takes as many steps for a batch as its longest paragraph
    has tokens, whatever the batch's size). An article too long to share a batch is analysed
    on its own, ``max_seconds`` and all (a shared batch parses well within the limit; with a
    limit under SHARED_SECONDS every article is analysed alone). If the parser fails on a
    shared batch, each of its articles is analysed alone. ``None`` in gives ``None`` out; an
    article the rules fail on gives the exception in its place, and the run goes on. ``docs``
    is read lazily."""
    from analyzers.rules.spacy_model import model_info

    model = model_info(nlp)
    waiting: deque[_Article | Outcome] = deque()  # in input order; finished ones are outcomes
    batch: list[tuple[_Article, Piece]] = []
    tokens = 0

    def flush() -> Iterator[Outcome]:
        nonlocal batch, tokens
        if batch:
            texts = [art.doc.text[p.start:p.end] for art, p in batch]
            try:
                parsed = list(nlp.pipe(texts, batch_size=len(texts)))
            except Exception:  # the parser failed on something in the batch: each article alone
                for i, entry in enumerate(waiting):
                    if isinstance(entry, _Article) and entry.done < entry.total:
                        waiting[i] = on_its_own(entry)  # none of its pieces was added
            else:
                for (art, piece), one in zip(batch, parsed, strict=True):
                    art.add_safely(piece, one)
        batch, tokens = [], 0
        while waiting and not (isinstance(waiting[0], _Article) and waiting[0].done < waiting[0].total):
            head = waiting.popleft()
            yield head.outcome(model) if isinstance(head, _Article) else head

    def on_its_own(art: _Article) -> Outcome:
        try:
            *_, result = _stream(art, nlp, model, lambda: False, 1e9, max_seconds, _whole_batch(nlp))
            return result
        except Exception as exc:
            return exc

    each_alone = max_seconds is not None and max_seconds < SHARED_SECONDS
    for doc in docs:
        if len(waiting) >= SHARED_BATCH:  # a long run of refused or empty inputs: let them out
            yield from flush()
        if doc is None:
            waiting.append(None)
            continue
        try:
            art = _start(doc, max_chars)
        except Exception as exc:
            waiting.append(exc)
            continue
        size = sum(_token_end(doc.text, p.start, p.end, BATCH_TOKENS)[1] for p in art.todo)
        if each_alone or len(art.todo) > WHOLE_BATCH or size > BATCH_TOKENS:
            yield from flush()
            waiting.append(on_its_own(art))
            continue
        if len(batch) + len(art.todo) > SHARED_BATCH or tokens + size > BATCH_TOKENS:
            yield from flush()
        waiting.append(art)
        batch.extend((art, p) for p in art.todo)
        tokens += size
    yield from flush()


__all__ = ["Outcome", "analyze", "analyze_many", "analyze_stream", "assemble", "pieces"]
