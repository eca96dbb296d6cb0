"""Helper for labelling sources by hand (``benchmarks/data/sources_gold/LABELLING.md``).

    python benchmarks/sources_label.py --polnear PATH draw
    python benchmarks/sources_label.py --polnear PATH show ARTICLE
    python benchmarks/sources_label.py --polnear PATH emit ARTICLE FILLED_TEMPLATE

``draw`` prints the seeded, stratified choice of PolNeAR train articles and their split (the
draws the labelled set was made from: the random one, then two supplements, since random
political news holds few deliberately anonymous sources: articles whose text carries an
anonymity phrase, and articles where PolNeAR's source span itself reads like an anonymous
source). ``show`` prints one article for the annotator to read:
the text with every gold source span marked ``⟦S3 …⟧`` and every cue ``⟨C3 …⟩``, then one
line per gold attribution (index, source, cue, content) and a blank template. It prints the
corpus's text to the terminal only; nothing it prints belongs in the repository, and it
proposes no label: the annotator decides every one.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import load_corpus

SEED = 24            # the number
PER_PUBLISHER = 8    # date bins per publisher; one article per bin
HELDOUT_PER_PUBLISHER = 2
MIN_ATTR, MAX_ATTR = 3, 60
# the supplement: one article per publisher among those whose text has one of these phrases
ANONYMITY = re.compile(r"anonymity|not authorized|familiar with|briefed on|asked not to be|"
                       r"declined to be (?:identified|named)|requested anonymity|speaking on background", re.I)
HELDOUT_SUPPLEMENT = 2
# the second supplement: a gold source span (PolNeAR's annotation, not copydesk's) reads like this
ANONYMOUS_SOURCE = re.compile(r"\bsources?\b|familiar with|anonymity|not authorized|\binsiders?\b|"
                              r"people close|person close|briefed on", re.I)


def draw(corpus: Any) -> list[tuple[str, str]]:
    """(article, split): per publisher, eligible articles (MIN_ATTR..MAX_ATTR gold attributions,
    first annotator) sorted by date, cut into PER_PUBLISHER contiguous date bins, one drawn per
    bin; of each publisher's draw, one from the earlier half of the bins and one from the later
    half are held out."""
    by_pub: dict[str, list[str]] = defaultdict(list)
    for art in corpus.iter_articles("train"):
        if MIN_ATTR <= len(art["quotes"]) <= MAX_ATTR:
            by_pub[art["name"].split("_")[0]].append(art["name"])
    out = []
    for pub in sorted(by_pub):
        rng = random.Random(f"{SEED}-{pub}")
        names = sorted(by_pub[pub], key=lambda n: (n.split("_")[1], n))
        bins = [names[len(names) * i // PER_PUBLISHER: len(names) * (i + 1) // PER_PUBLISHER]
                for i in range(PER_PUBLISHER)]
        picked = [rng.choice(b) for b in bins]
        half = PER_PUBLISHER // 2
        held = {rng.randrange(half), half + rng.randrange(PER_PUBLISHER - half)}
        out += [(n, "heldout" if i in held else "dev") for i, n in enumerate(picked)]
    return out


def draw_supplement(corpus: Any, drawn: set[str], stratum: str) -> list[tuple[str, str]]:
    """(article, split): one article per publisher among the eligible train articles not drawn
    yet whose text matches ANONYMITY (stratum "anonymity") or with a gold source span matching
    ANONYMOUS_SOURCE (stratum "anonymous-source"); a search of the corpus, nothing of copydesk's.
    HELDOUT_SUPPLEMENT of them held out."""
    def wanted(art: dict) -> bool:
        if stratum == "anonymity":
            return bool(ANONYMITY.search(art["text"]))
        return any(q["source_text"] and ANONYMOUS_SOURCE.search(q["source_text"]) for q in art["quotes"])
    by_pub: dict[str, list[str]] = defaultdict(list)
    for art in corpus.iter_articles("train"):
        if art["name"] not in drawn and MIN_ATTR <= len(art["quotes"]) <= MAX_ATTR and wanted(art):
            by_pub[art["name"].split("_")[0]].append(art["name"])
    rng = random.Random(f"{SEED}-{stratum}")
    picked = [rng.choice(sorted(by_pub[pub])) for pub in sorted(by_pub)]
    held = set(rng.sample(range(len(picked)), HELDOUT_SUPPLEMENT))
    return [(n, "heldout" if i in held else "dev") for i, n in enumerate(picked)]


def draw_all(corpus: Any) -> list[tuple[str, str, str]]:
    """(article, split, stratum): the random draw, then the two supplements."""
    out = [(n, s, "random") for n, s in draw(corpus)]
    for stratum in ("anonymity", "anonymous-source"):
        out += [(n, s, stratum) for n, s in draw_supplement(corpus, {n for n, _, _ in out}, stratum)]
    return out


ROUND2_PER_PUBLISHER = 2   # one from each half of the publisher's dates
ROUND2_ANONYMITY = 4        # anonymity-rich articles, from publishers drawn in turn


def draw_round2(corpus: Any, drawn: set[str]) -> list[tuple[str, str, str]]:
    """(article, split, stratum) of the second held-out part, drawn after stop 31 once the first
    one had been scored and read: per publisher, one eligible article not drawn yet from the
    earlier half of its dates and one from the later half (``Random("24-round2-<publisher>")``),
    then ROUND2_ANONYMITY articles whose text matches ANONYMITY (``Random("24-round2-anonymity")``)."""
    by_pub: dict[str, list[str]] = defaultdict(list)
    anon: dict[str, list[str]] = defaultdict(list)
    for art in corpus.iter_articles("train"):
        if art["name"] not in drawn and MIN_ATTR <= len(art["quotes"]) <= MAX_ATTR:
            by_pub[art["name"].split("_")[0]].append(art["name"])
            if ANONYMITY.search(art["text"]):
                anon[art["name"].split("_")[0]].append(art["name"])
    out = []
    for pub in sorted(by_pub):
        rng = random.Random(f"{SEED}-round2-{pub}")
        names = sorted(by_pub[pub], key=lambda n: (n.split("_")[1], n))
        half = len(names) // 2
        out += [(rng.choice(part), "heldout2", "random") for part in (names[:half], names[half:]) if part]
    rng = random.Random(f"{SEED}-round2-anonymity")
    taken = {n for n, _, _ in out}
    for pub in rng.sample(sorted(anon), min(ROUND2_ANONYMITY, len(anon))):
        out.append((rng.choice(sorted(n for n in anon[pub] if n not in taken)), "heldout2", "anonymity"))
    return out


def headline_end(text: str) -> int:
    """End of the headline: the first paragraph (up to the first blank line)."""
    at = text.find("\n\n")
    return len(text.rstrip()) if at < 0 else at


def show(corpus: Any, name: str) -> None:
    art = next(a for a in corpus.iter_articles("train") if a["name"] == name)
    text = art["text"]
    marks: dict[int, list[str]] = defaultdict(list)
    for i, q in enumerate(art["quotes"]):
        for a, b in q["source"]:
            marks[a].append(f"⟦S{i} ")
            marks[b].insert(0, "⟧")
        for a, b in q["cue"]:
            marks[a].append(f"⟨C{i} ")
            marks[b].insert(0, "⟩")
    out = []
    for pos, ch in enumerate(text):
        out += marks.get(pos, [])
        out.append(ch)
    out += marks.get(len(text), [])
    print(f"=== {name} (annotator {art['annotator']}, {len(text)} chars, headline ends at "
          f"{headline_end(text)})\n")
    print("".join(out))
    print("\n=== attributions")
    for i, q in enumerate(art["quotes"]):
        c = q["content_text"].replace("\n", " ")
        c = c if len(c) <= 110 else c[:80] + " … " + c[-25:]
        where = "H " if q["content"][0][0] < headline_end(text) else ""
        print(f"{i:3d} {q['id']:5s} {where}src={q['source_text']!r} cue={q['cue_text']!r} | {c}")
    print("\n=== template\nclusters:\n  <cluster> <kind> <role|-> [<alt role> ...]\nattr:")
    for i, _ in enumerate(art["quotes"]):
        print(f"  {i} ")


KINDS = ("person", "organization", "outlet", "official", "anonymous", "group", "document", "unknown")
EXCLUDES = ("no_source", "annotation_error", "not_an_attribution")


def _span(text: str) -> list[int] | None:
    if text in ("-", "null"):
        return None
    a, b = text.split("-")
    return [int(a), int(b)]


def emit(corpus: Any, name: str, labels: str, split: str, stratum: str) -> dict:
    """One labels.jsonl row from the annotator's filled-in template (``show`` prints it):

        clusters:
          <cluster> <kind> <role|-> [<alt role> ...]
        attr:
          <index> <cluster>
          <index> exclude:<no_source|annotation_error|not_an_attribution> [note]
        headline:
          attr src=<s-e|-> cue=<s-e|-> content=<s-e>[,<s-e>...] [gold=E3]
          nonquote <s-e> <why>

    Spans, offsets and ids come from the corpus; every label from the file."""
    art = next(a for a in corpus.iter_articles("train") if a["name"] == name)
    clusters: dict[str, tuple[str, str | None, list[str]]] = {}
    attrs: dict[int, dict] = {}
    h_attrs: list[dict] = []
    non_quotes: list[dict] = []
    section = None
    for raw in labels.splitlines():
        # '#' starts a comment, except in the free text of an exclusion note or a non-quote's why
        line = raw.strip() if re.match(r"\s*(?:nonquote|\d+\s+exclude:)", raw) else raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.endswith(":") and line[:-1] in ("clusters", "attr", "headline"):
            section = line[:-1]
            continue
        parts = line.split()
        if section == "clusters":
            cid, kind, role, *alts = parts
            if kind not in KINDS:
                raise ValueError(f"{name}: cluster {cid}: kind {kind!r} is not one of {KINDS}")
            clusters[cid] = (kind, None if role == "-" else role, alts)
        elif section == "attr":
            if len(parts) < 2 or not parts[0].isdigit():
                raise ValueError(f"{name}: cannot read {raw!r}: want '<index> <cluster>' or '<index> exclude:<why>'")
            i = int(parts[0])
            if parts[1].startswith("exclude:"):
                why = parts[1].split(":", 1)[1]
                if why not in EXCLUDES:
                    raise ValueError(f"{name}: attribution {i}: exclude {why!r} is not one of {EXCLUDES}")
                attrs[i] = {"exclude": why, **({"note": " ".join(parts[2:])} if parts[2:] else {})}
            else:
                if parts[1] not in clusters:
                    raise ValueError(f"{name}: attribution {i}: no cluster {parts[1]!r}")
                attrs[i] = {"cluster": parts[1]}
        elif section == "headline" and parts[0] == "attr":
            fields = dict(p.split("=", 1) for p in parts[1:])
            h_attrs.append({"source_span": _span(fields["src"]), "cue_span": _span(fields["cue"]),
                            "content": [_span(c) for c in fields["content"].split(",")],
                            "gold_id": fields.get("gold")})
        elif section == "headline" and parts[0] == "nonquote":
            non_quotes.append({"span": _span(parts[1]), "why": " ".join(parts[2:])})
        else:
            raise ValueError(f"{name}: cannot read {raw!r}")
    end = headline_end(art["text"])
    rows = []
    for i, q in enumerate(art["quotes"]):
        if i not in attrs:
            raise ValueError(f"{name}: attribution {i} ({q['id']}) has no label")
        row = {"gold_id": q["id"], "content": [list(s) for s in q["content"]],
               "source_span": [list(s) for s in q["source"]], "cue_span": [list(s) for s in q["cue"]],
               "headline": q["content"][0][0] < end}
        lab = attrs[i]
        if "exclude" in lab:
            row.update(kind=None, anonymous=None, cluster=None, role=None, **lab)
        else:
            kind, role, alts = clusters[lab["cluster"]]
            row.update(kind=kind, anonymous=kind == "anonymous", cluster=lab["cluster"], role=role)
            if alts:
                row["role_alt"] = alts
        rows.append(row)
    publisher, date = name.split("_")[:2]
    return {"article": name, "annotator": art["annotator"], "publisher": publisher, "date": date,
            "split": split, "stratum": stratum, "headline_end": end, "attributions": rows,
            "headline_attributions": h_attrs, "headline_non_quotes": non_quotes}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("what", choices=["draw", "show", "emit"])
    ap.add_argument("article", nargs="?")
    ap.add_argument("labels", nargs="?", type=Path, help="emit: the filled-in template")
    args = ap.parse_args(argv)
    corpus = load_corpus(args.polnear)
    if args.what == "emit":
        first = draw_all(corpus)
        where = {n: (sp, st) for n, sp, st in first + draw_round2(corpus, {n for n, _, _ in first})}
        split, stratum = where[args.article]
        row = emit(corpus, args.article, args.labels.read_text(encoding="utf-8"), split, stratum)
        print(json.dumps(row, ensure_ascii=False))
        return 0
    if args.what == "draw":
        first = draw_all(corpus)
        for name, split, stratum in first + draw_round2(corpus, {n for n, _, _ in first}):
            print(f"{split:8s} {stratum:16s} {name}")
    else:
        show(corpus, args.article)
    return 0


if __name__ == "__main__":
    sys.exit(main())
