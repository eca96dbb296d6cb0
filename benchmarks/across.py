"""The cross-article index at library scale: 2,000 analysed articles indexed, then "where else"
and a library search, each timed (the issue asks < 50 ms).

The articles are synthetic but their analyses are real: every paragraph of the bundled seeds and
of the test fixtures (tests/library/across.py) is analysed once by the real pipeline, and each
article is 4-9 of those paragraphs, their entities, quotes and sources shifted to where the
paragraph lands, spread over 20 outlets and 90 days. Indexing runs through LibraryStore.add_version
and LibraryStore.analysed, as 'copydesk update' does.

    python benchmarks/across.py [--articles 2000] [--queries 25]

Never fails: it measures.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import load  # noqa: E402
from analyzers.ingest.load import load_bytes  # noqa: E402
from analyzers.model import Analysis, Document, Entity, Quote, Source, Span, Speaker  # noqa: E402
from analyzers.store.library import queries  # noqa: E402
from analyzers.store.library.store import LibraryStore  # noqa: E402


def base_paragraphs() -> list[str]:
    from tests.library.across import ARTICLES

    out: list[str] = []
    docs = [load(p) for p in sorted((ROOT / "seeds").iterdir()) if p.suffix in (".txt", ".md", ".html")]
    docs += [a.document() for a in ARTICLES]
    for doc in docs:
        out += [doc.block_text(b) for b in doc.blocks if b.kind == "paragraph" and len(doc.block_text(b)) > 60]
    return list(dict.fromkeys(out))


def analyse_units(paragraphs: list[str]) -> list[tuple[str, Analysis]]:
    from analyzers.rules.pipeline import analyze
    from analyzers.rules.spacy_model import load_model

    nlp = load_model()
    units = []
    for text in paragraphs:
        doc = load_bytes(text.encode(), "unit.txt", "text")
        units.append((doc.text, analyze(doc, nlp)))
    return units


def _span(s: Span, shift: int) -> Span:
    return Span(s.start + shift, s.end + shift, s.text)


def compose(units: list[tuple[str, Analysis]], title: str, url: str) -> tuple[Document, Analysis]:
    """One article of several analysed paragraphs: offsets shifted, ids made unique, entities
    and sources of the same name merged."""
    head = f"{title}\n\n"
    text, shift = head, len(head)
    entities: dict[tuple[str, str], Entity] = {}
    sources: dict[tuple[str, str, bool], Source] = {}
    quotes: list[Quote] = []
    for n, (body, a) in enumerate(units):
        ids = {e.id: e for e in a.entities}
        renamed: dict[str, str] = {}
        for e in a.entities:
            key = (e.name, e.label)
            mentions = tuple(_span(m, shift) for m in e.mentions)
            old = entities.get(key)
            entities[key] = replace(old, mentions=old.mentions + mentions) if old else replace(
                e, id=f"e{len(entities) + 1}", mentions=mentions)
            renamed[e.id] = entities[key].id
        qmap: dict[str, str] = {}
        for q in a.quotes:
            sp = q.speaker
            qmap[q.id] = f"q{len(quotes) + 1}"
            quotes.append(replace(
                q, id=qmap[q.id], start=q.start + shift, end=q.end + shift,
                cue=_span(q.cue, shift) if q.cue else None, source=f"p{n}{q.source}" if q.source else None,
                parent=None,
                speaker=Speaker(sp.name, sp.text, sp.start + shift, sp.end + shift,
                                renamed.get(sp.entity or "")) if sp else None))
        for s in a.sources:
            key = (s.name, s.kind, s.anonymous)
            qids = tuple(qmap[x] for x in s.quotes if x in qmap)
            old = sources.get(key)
            entity = renamed.get(s.entity or "") if s.entity in ids else None
            sources[key] = replace(old, quotes=old.quotes + qids) if old else replace(
                s, id=f"s{len(sources) + 1}", entity=entity, quotes=qids)
        text += body + "\n\n"
        shift = len(text)
    by_quote = {qid: s.id for s in sources.values() for qid in s.quotes}
    quotes = [replace(q, source=by_quote.get(q.id)) for q in quotes]
    doc = load_bytes(text.encode(), url, "text")
    return doc, Analysis({"name": "synthetic"}, tuple(entities.values()), tuple(quotes), tuple(sources.values()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--queries", type=int, default=25)
    args = ap.parse_args()
    rng = random.Random(17)

    t0 = time.perf_counter()
    units = analyse_units(base_paragraphs())
    print(f"{len(units)} paragraphs analysed by the real pipeline in {time.perf_counter() - t0:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        store = LibraryStore(Path(tmp) / "library.sqlite3")
        feeds = [store.add_feed(f"https://outlet{i}.example/feed.xml", f"Outlet {i:02d}") for i in range(20)]
        start = date(2026, 9, 1)
        t0 = time.perf_counter()
        for i in range(args.articles):
            chosen = rng.sample(units, rng.randint(4, 9))
            url = f"https://outlet{i % 20}.example/story-{i}"
            doc, a = compose(chosen, f"Story {i}", url)
            day = (start + timedelta(days=rng.randrange(90))).isoformat()
            _, vid, _ = store.add_version(url, doc, feed_id=feeds[i % 20].id, published=day)
            store.analysed(vid, a)
        took = time.perf_counter() - t0
        size = (Path(tmp) / "library.sqlite3").stat().st_size
        counts = {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("quotes", "mentions", "people")}
        stories = store.db.execute("SELECT COUNT(DISTINCT story) FROM articles").fetchone()[0]
        print(f"indexed {args.articles} articles in {took:.1f} s ({args.articles / took:.0f}/s, stored, sketched "
              f"and indexed): {counts['quotes']:,} quotes, {counts['mentions']:,} mentions, {counts['people']} "
              f"people, {stories} stories; database {size / 2**20:.1f} MiB")

        names = [r[0] for r in store.db.execute(
            "SELECT p.name FROM people p JOIN quotes q ON q.person_id = p.id GROUP BY p.id ORDER BY COUNT(*) DESC")]
        words = ["bridge", "council", "water", "million", "tariff", "said", "storm", "treaty", "loan", "price"]

        def timed(fn: object, items: list[str]) -> tuple[list[float], int]:
            ms, found = [], 0
            for item in items:
                t = time.perf_counter()
                found += len(fn(store, item))  # type: ignore[operator]
                ms.append(1000 * (time.perf_counter() - t))
            return ms, found

        busiest = (names * args.queries)[: args.queries]
        excluded = "https://outlet0.example/story-0"
        w_ms, w_n = timed(lambda s, n: queries.where_else(s, n, exclude_url=excluded), busiest)
        s_ms, s_n = timed(queries.search, (words * args.queries)[: args.queries])
        src_ms, _ = timed(lambda s, _: queries.sources(s), ["all"] * 5)
        out_ms, _ = timed(lambda s, _: queries.outlets(s), ["all"] * 3)
        store.close()

    def line(what: str, ms: list[float], extra: str = "") -> None:
        verdict = "ok" if max(ms) < 50 else "over 50 ms"
        print(f"{what:<34} median {statistics.median(ms):6.1f} ms  max {max(ms):6.1f} ms  ({verdict}){extra}")

    print()
    line("where else (most quoted people)", w_ms, f"  {w_n / len(w_ms):.0f} rows each")
    line("library search (FTS5, snippets)", s_ms, f"  {s_n / len(s_ms):.0f} results each")
    line("sources screen (all sources)", src_ms)
    line("outlet profiles (20 outlets)", out_ms)


if __name__ == "__main__":
    main()
