"""Helper for labelling sources by hand (``benchmarks/data/sources_gold/LABELLING.md``).

    python benchmarks/sources_label.py --polnear PATH draw
    python benchmarks/sources_label.py --polnear PATH show ARTICLE

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("what", choices=["draw", "show"])
    ap.add_argument("article", nargs="?")
    args = ap.parse_args(argv)
    corpus = load_corpus(args.polnear)
    if args.what == "draw":
        for name, split, stratum in draw_all(corpus):
            print(f"{split:8s} {stratum:16s} {name}")
    else:
        show(corpus, args.article)
    return 0


if __name__ == "__main__":
    sys.exit(main())
