"""Headline attributions on PolNeAR articles outside the hand-labelled set, by PolNeAR's labels.

    python benchmarks/headlines.py --polnear ../shared/data/polnear [--split train|dev] [--cache]
        [--list]

The labelled set (``sources.py``) has 45 headline attributions: too few to tell a rule that
generalises from one that fits them. PolNeAR annotates most headline attributions, so its
other articles give hundreds more, scored as ``sources.py`` scores headlines: the headline is
the first paragraph (``sources_label.headline_end``); a gold attribution is a headline one when
its content starts there; a predicted quote starting there matches a gold one as in
``attribution.py`` (half its content characters inside, one to one). Found = matched gold;
spurious = predicted headline quotes matching none. PolNeAR leaves some headline attributions
unannotated ('Poll: …', 'Brooks: …'), so some "spurious" ones are right by the labelling rules;
``--list`` prints every headline with its gold and predicted attributions to look at. Never
fails: it measures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from attribution import load_corpus, match, units
from parse_cache import CachedNLP, cache_path
from sources import load_labels
from sources_label import headline_end

from analyzers import document_from_text
from analyzers.rules.pipeline import analyze
from analyzers.rules.spacy_model import load_model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--split", choices=["train", "dev"], default="train")
    ap.add_argument("--cache", action="store_true", help="keep parsed Docs on disk (parse_cache.py)")
    ap.add_argument("--list", action="store_true", help="print each headline's gold and predicted attributions")
    args = ap.parse_args(argv)
    if not (args.polnear / "load.py").exists():
        print(f"no PolNeAR corpus at {args.polnear}")
        return 2
    labelled = {lab["article"] for lab in load_labels()}
    corpus = load_corpus(args.polnear)
    nlp: Any = load_model()
    cached = CachedNLP(nlp, cache_path(nlp, f"headlines-{args.split}")) if args.cache else None
    t0 = time.perf_counter()
    articles = gold_n = found_n = pred_n = 0
    for art in corpus.iter_articles(args.split):
        if art["name"] in labelled:
            continue
        articles += 1
        text = art["text"]
        end = headline_end(text)
        golds = [q for q in art["quotes"] if q["content"][0][0] < end]
        result = analyze(document_from_text(text, art["name"] + ".txt", fmt="text"), cached or nlp)
        grouped, rules = units(list(result.quotes), result.extra.get("quote_rules", ()))
        heads = [i for i, u in enumerate(grouped) if u.start < end]
        pairs = match(text, [grouped[i] for i in heads], golds)
        gold_n += len(golds)
        found_n += len(pairs)
        pred_n += len(heads)
        if args.list and (golds or heads):
            found = {gi: rules[heads[pi]] for pi, gi in pairs}
            print(f"{art['name']}: {text[:end]!r}")
            for gi, g in enumerate(golds):
                how = f"found ({found[gi]})" if gi in found else "MISSED"
                print(f"  {how} {g['content_text']!r} source={g['source_text']!r} cue={g.get('cue_text')!r}")
            matched = {p for p, _ in pairs}
            for pi, i in enumerate(heads):
                if pi not in matched:
                    u = grouped[i]
                    print(f"  SPURIOUS ({rules[i]}) {u.text!r} speaker={u.speaker.text if u.speaker else None!r} "
                          f"cue={u.cue.text if u.cue else None!r}")
    if cached is not None:
        cached.save()
    print(f"split={args.split}, {articles} articles outside the labelled set")
    print(f"headline attributions found: {found_n} of {gold_n} ({found_n / max(gold_n, 1):.3f}); "
          f"spurious headline quotes: {pred_n - found_n} of {pred_n} predicted")
    print(f"\n{articles} articles analysed in {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
