"""Sources against a hand-labelled set of PolNeAR train articles (issue 24's measures).

    python benchmarks/sources.py --polnear ../shared/data/polnear [--split dev|heldout|heldout2|all]
        [--stratum all|random|supplement] [--cache] [--errors N] [--headlines] [--splits]

The labels (``benchmarks/data/sources_gold/labels.jsonl``, rules in ``LABELLING.md`` beside it)
give every gold attribution of 88 PolNeAR train articles (70 drawn at random by publisher and
date, 18 from anonymity-rich supplements: ``--stratum``; splits dev, heldout, heldout2) the kind of its source, the anonymous flag, a source
cluster (one per real-world source) and the role's head noun, and every headline its
attributions. copydesk's quotes are matched to the gold attributions as ``attribution.py``
matches them (at least half of a prediction's content characters inside a gold content span,
one to one); the predicted quote's source is then compared with the labels:

- kind right, per matched attribution (overall, per gold kind, and the confusion matrix). A
  source flagged anonymous counts as kind ``anonymous`` whatever its ``kind`` field says (the
  issue's definition); the plain field's accuracy is printed too;
- anonymous flag, precision and recall over matched attributions;
- one source per real source: pairwise F1 of source ids over the matched attributions of each
  article (two attributions are "together" in the gold when they share a cluster, predicted
  when their quotes share a source id), and the share of gold clusters with 2+ matched
  attributions kept whole (all under one source id), named (person, organisation, outlet) and
  unnamed;
- role found: the gold role's head noun (or one of its alternatives) starts a word of the
  predicted source's ``description``, case-insensitive, over attributions with a gold role;
  and the share of those whose description is empty;
- headline attributions found (a predicted quote matching a labelled headline attribution)
  and spurious headline quotes (predicted quotes in the headline matching none);
- per-article anonymous share (anonymous attributions / attributions with a source), gold
  from all labelled attributions, predicted from all of copydesk's credited quotes: mean
  absolute error, and both means.

Attributions with no source span, PolNeAR annotation errors and spans that are not
attributions are labelled ``exclude`` and left out of every measure. ``--scorer-folds`` scores
each article with an indirect-quote filter that never saw it (the shipped filter was trained on
PolNeAR train, these articles included, so by default slightly more attributions are matched
than on unseen text; every source measure is conditional on the match). Never fails: it measures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from analyzers import document_from_text
from analyzers.rules.pipeline import analyze
from analyzers.rules.spacy_model import load_model

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import _choose_scorer, load_corpus, match, units
from parse_cache import CachedNLP, cache_path

LABELS = Path(__file__).resolve().parent / "data" / "sources_gold" / "labels.jsonl"
KINDS = ("person", "organization", "outlet", "official", "anonymous", "group", "document", "unknown")
NAMED = ("person", "organization", "outlet")
NONE = "(none)"


def load_labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predicted_kind(src: Any) -> str:
    """The kind a reader sees: anonymous when flagged so (the issue's definition), else the kind."""
    if src is None:
        return NONE
    return "anonymous" if src.anonymous else src.kind


def role_found(roles: list[str], description: str | None) -> bool:
    if not description:
        return False
    return any(re.search(r"\b" + re.escape(r), description, re.IGNORECASE) for r in roles)


@dataclass
class Tally:
    articles: int = 0
    failed: list[str] = field(default_factory=list)
    labelled: int = 0
    matched: int = 0
    speaker_ok: int = 0
    kind_gold: Counter = field(default_factory=Counter)
    kind_ok: Counter = field(default_factory=Counter)
    raw_ok: int = 0
    confusion: Counter = field(default_factory=Counter)
    anon_tp: int = 0
    anon_fp: int = 0
    anon_fn: int = 0
    pair_both: int = 0
    pair_gold: int = 0
    pair_pred: int = 0
    whole: Counter = field(default_factory=Counter)     # (named|unnamed, kept whole?) -> clusters
    role_n: Counter = field(default_factory=Counter)    # gold kind -> attributions with a role
    role_ok: Counter = field(default_factory=Counter)
    role_empty: int = 0
    head_gold: int = 0
    head_found: int = 0
    head_pred: int = 0
    head_spurious: int = 0
    head_spurious_labelled: int = 0
    share_gold: list[float] = field(default_factory=list)
    share_pred: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)   # gold sources given more than one id
    headlines: list[str] = field(default_factory=list)


def check_labels(art: dict, lab: dict) -> str | None:
    """The labels name the same gold attributions as the corpus (ids and content offsets)."""
    golds = art["quotes"]
    if lab.get("annotator") and lab["annotator"] != art["annotator"]:
        return f"annotator {lab['annotator']} labelled, corpus gives {art['annotator']}"
    if len(golds) != len(lab["attributions"]):
        return f"{len(lab['attributions'])} labelled attributions, corpus has {len(golds)}"
    for g, a in zip(golds, lab["attributions"], strict=True):
        if g["id"] != a["gold_id"] or [list(s) for s in g["content"]] != a["content"]:
            return f"attribution {a['gold_id']} does not match the corpus"
    return None


def measure(art: dict, lab: dict, result: Any, t: Tally, show: int = 0, headlines: bool = False,
            splits: bool = False) -> None:
    text, golds, labels = art["text"], art["quotes"], lab["attributions"]
    preds = list(result.quotes)
    by_id = result.source_by_id()
    grouped, _ = units(preds, ())  # a split quote's pieces are one prediction, as attribution.py scores
    pairs = match(text, grouped, golds)
    pred_of = {gi: grouped[pi].quote for pi, gi in pairs}
    t.articles += 1
    rows = []   # (label, predicted quote, predicted source) for matched labelled attributions
    for gi, lb in enumerate(labels):
        if lb["kind"] is None:
            continue
        t.labelled += 1
        q = pred_of.get(gi)
        if q is None:
            continue
        src = by_id.get(q.source) if q.source else None
        rows.append((lb, q, src))
        t.matched += 1
        sp = q.speaker
        t.speaker_ok += sp is not None and any(sp.start < b and a < sp.end for a, b in golds[gi]["source"])
        pk = predicted_kind(src)
        t.kind_gold[lb["kind"]] += 1
        t.kind_ok[lb["kind"]] += pk == lb["kind"]
        t.raw_ok += src is not None and src.kind == lb["kind"]
        t.confusion[lb["kind"], pk] += 1
        pa = bool(src and src.anonymous)
        t.anon_tp += pa and lb["anonymous"]
        t.anon_fp += pa and not lb["anonymous"]
        t.anon_fn += lb["anonymous"] and not pa
        if lb["role"]:
            t.role_n[lb["kind"]] += 1
            desc = src.description if src else None
            t.role_ok[lb["kind"]] += role_found([lb["role"], *lb.get("role_alt", [])], desc)
            t.role_empty += not desc
        if pk != lb["kind"] and len(t.errors) < show:
            said = text[sp.start:sp.end] if sp else None
            t.errors.append(f"{art['name'][:40]} {lb['gold_id']}: {lb['kind']} -> {pk}  speaker={said!r} "
                            f"source={src.name if src else None!r}")
    for (la, _, sa), (lb, _, sb) in combinations(rows, 2):
        g = la["cluster"] == lb["cluster"]
        p = sa is not None and sb is not None and sa.id == sb.id
        t.pair_gold += g
        t.pair_pred += p
        t.pair_both += g and p
    clusters: dict[str, list] = defaultdict(list)
    for lb, _, src in rows:
        clusters[lb["cluster"]].append((lb["kind"], src.id if src else None))
    for cluster, members in clusters.items():
        if len(members) >= 2:
            ids = {sid for _, sid in members}
            whole = len(ids) == 1 and None not in ids
            t.whole["named" if members[0][0] in NAMED else "unnamed", whole] += 1
            if not whole and splits:
                said = [(text[q.speaker.start:q.speaker.end] if q.speaker else None, src.id if src else None,
                         src.name if src else None) for lb, q, src in rows if lb["cluster"] == cluster]
                t.splits.append(f"{art['name'][:40]} {cluster} ({members[0][0]}): " +
                                "; ".join(f"{s!r}->{i}:{n!r}" for s, i, n in said))
    # headlines: the labelled attributions, and every predicted quote that starts in the headline
    he = lab["headline_end"]
    hgold = [{"content": h["content"]} for h in lab["headline_attributions"]]
    hpred = [u for u in grouped if u.start < he]
    hpairs = match(text, hpred, hgold)
    t.head_gold += len(hgold)
    t.head_found += len(hpairs)
    t.head_pred += len(hpred)
    matched_h = {pi for pi, _ in hpairs}
    found = {gi for _, gi in hpairs}
    if headlines and (hgold or hpred):
        t.headlines.append(f"{art['name']}: {text[:he]!r}")
        t.headlines += [f"  {'found ' if gi in found else 'MISSED'} "
                        f"{' ... '.join(text[a:b] for a, b in h['content'])!r}" for gi, h in enumerate(hgold)]
    for pi, q in enumerate(hpred):
        if pi in matched_h:
            continue
        t.head_spurious += 1
        t.head_spurious_labelled += any(q.start < b and a < q.end for a, b in
                                        (n["span"] for n in lab["headline_non_quotes"]))
        if headlines:
            t.headlines.append(f"  SPURIOUS {q.text!r} (speaker {q.speaker.text if q.speaker else None!r})")
    # anonymous share: all labelled attributions with a source vs all credited quotes
    sourced = [lb for lb in labels if lb["kind"] is not None]
    if sourced:
        t.share_gold.append(sum(lb["anonymous"] for lb in sourced) / len(sourced))
        t.share_pred.append(result.anonymous_share())


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def report(t: Tally, split: str) -> None:
    print(f"split={split} articles={t.articles} labelled attributions={t.labelled} "
          f"matched={t.matched} ({_ratio(t.matched, t.labelled)}); speaker overlaps the gold source "
          f"for {t.speaker_ok} ({_ratio(t.speaker_ok, t.matched)})")
    if t.failed:
        print(f"not measured: {len(t.failed)} article(s): " + "; ".join(t.failed))
    ok = sum(t.kind_ok.values())
    print(f"\nsource kind right, per matched attribution: {_ratio(ok, t.matched)} ({ok}/{t.matched}); "
          f"kind field alone (anonymous flag ignored): {_ratio(t.raw_ok, t.matched)}")
    print("  " + ", ".join(f"{k} {_ratio(t.kind_ok[k], t.kind_gold[k])} ({t.kind_ok[k]}/{t.kind_gold[k]})"
                           for k in KINDS if t.kind_gold[k]))
    cols = [*KINDS, NONE]
    print("\nconfusion (rows gold kind, columns predicted kind; anonymous = flagged anonymous):")
    print(f"  {'':13s}" + "".join(f"{c[:8]:>9s}" for c in cols))
    for k in KINDS:
        if t.kind_gold[k]:
            print(f"  {k:13s}" + "".join(f"{t.confusion[k, c]:9d}" for c in cols))
    p = t.anon_tp / (t.anon_tp + t.anon_fp) if t.anon_tp + t.anon_fp else 0.0
    r = t.anon_tp / (t.anon_tp + t.anon_fn) if t.anon_tp + t.anon_fn else 0.0
    print(f"\nanonymous flag: precision {p:.3f} ({t.anon_tp}/{t.anon_tp + t.anon_fp}), "
          f"recall {r:.3f} ({t.anon_tp}/{t.anon_tp + t.anon_fn})")
    pp = t.pair_both / t.pair_pred if t.pair_pred else 0.0
    pr = t.pair_both / t.pair_gold if t.pair_gold else 0.0
    f1 = 2 * pp * pr / (pp + pr) if pp + pr else 0.0
    print(f"one source per real source: pairwise F1 {f1:.3f} (precision {pp:.3f}, recall {pr:.3f}; "
          f"{t.pair_both} pairs together in both, {t.pair_gold} in gold, {t.pair_pred} predicted)")
    for kind in ("named", "unnamed"):
        n = t.whole[kind, True] + t.whole[kind, False]
        print(f"  {kind} sources with 2+ matched attributions kept whole: "
              f"{_ratio(t.whole[kind, True], n)} ({t.whole[kind, True]}/{n})")
    rn, rok = sum(t.role_n.values()), sum(t.role_ok.values())
    print(f"role found (head noun in description): {_ratio(rok, rn)} ({rok}/{rn}); description empty for "
          f"{_ratio(t.role_empty, rn)} ({t.role_empty}/{rn})")
    print("  " + ", ".join(f"{k} {_ratio(t.role_ok[k], t.role_n[k])} ({t.role_ok[k]}/{t.role_n[k]})"
                           for k in KINDS if t.role_n[k]))
    print(f"headline attributions found: {t.head_found} of {t.head_gold}; spurious headline quotes: "
          f"{t.head_spurious} ({t.head_spurious_labelled} on a labelled non-quote phrase; "
          f"{t.head_pred} predicted in headlines)")
    n = len(t.share_gold)
    mae = sum(abs(a - b) for a, b in zip(t.share_gold, t.share_pred, strict=True)) / n if n else 0.0
    print(f"anonymous share per article, mean absolute error: {mae:.3f} (copydesk "
          f"{sum(t.share_pred) / n if n else 0:.3f} vs {sum(t.share_gold) / n if n else 0:.3f}, {n} articles)")
    if t.errors:
        print("\nkind errors:")
        for e in t.errors:
            print("  " + e)
    if t.splits:
        print("\ngold sources split over several ids (speaker -> id:name):")
        for line in t.splits:
            print("  " + line)
    if t.headlines:
        print("\nheadlines:")
        for line in t.headlines:
            print("  " + line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--split", choices=["dev", "heldout", "heldout2", "all"], default="dev")
    ap.add_argument("--stratum", choices=["all", "random", "supplement"], default="all",
                    help="random: the 70 randomly drawn articles only; supplement: the 18 anonymity-rich ones")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--cache", action="store_true", help="keep parsed Docs on disk (parse_cache.py)")
    ap.add_argument("--scorer-folds", type=Path,
                    help="score each article with the fold model that never saw it (train_scorer.py --folds-dir)")
    ap.add_argument("--errors", type=int, default=0, help="print this many kind errors")
    ap.add_argument("--headlines", action="store_true", help="print each headline's attributions, found or not")
    ap.add_argument("--splits", action="store_true", help="print each gold source that got more than one id")
    args = ap.parse_args(argv)
    if not (args.polnear / "load.py").exists():
        print(f"no PolNeAR corpus at {args.polnear}")
        return 2
    labels = [lab for lab in load_labels(args.labels) if args.split in ("all", lab["split"])
              and args.stratum in ("all", "supplement" if lab["stratum"] != "random" else "random")]
    wanted = {lab["article"]: lab for lab in labels}
    corpus = load_corpus(args.polnear)
    nlp: Any = load_model()
    cached = CachedNLP(nlp, cache_path(nlp, "sources-gold")) if args.cache else None
    t = Tally()
    t0 = time.perf_counter()
    seen = set()
    for art in corpus.iter_articles("train"):
        lab = wanted.get(art["name"])
        if lab is None:
            continue
        seen.add(art["name"])
        problem = check_labels(art, lab)
        if problem:
            t.failed.append(f"{art['name']}: {problem}")
            continue
        _choose_scorer(art["name"], args.scorer_folds, None, {})
        try:
            doc = document_from_text(art["text"], art["name"] + ".txt", fmt="text")
            result = analyze(doc, cached or nlp)
        except Exception as e:  # a crash is a finding, not the end of the measurement
            t.failed.append(f"{art['name']}: {type(e).__name__}: {e}")
            continue
        measure(art, lab, result, t, args.errors, args.headlines, args.splits)
    t.failed += [f"{name}: not in the corpus" for name in wanted if name not in seen]
    if cached is not None:
        cached.save()
    report(t, args.split if args.stratum == "all" else f"{args.split} ({args.stratum} articles)")
    print(f"\n{t.articles} articles analysed in {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
