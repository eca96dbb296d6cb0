"""Quotes against PolNeAR gold attributions, with the errors broken down by category.

    python benchmarks/attribution.py --polnear ../shared/data/polnear --split dev [--cache]

A prediction matches a gold attribution when at least half of its content characters (quote
marks and spaces ignored) lie inside the gold content spans; matching is one-to-one. The
speaker is right when its span overlaps the gold source span. Prints P, R, F1, recall per kind,
speaker accuracy, then the false positives, misses and speaker errors by category
(``attribution_errors.py``). ``--cache`` keeps the parsed Docs on disk so a second run only
re-runs the rules. Never fails: it measures.

Linked pieces (a quote whose ``continues`` names another: '"A," she said. "B."') are one
prediction here, as PolNeAR annotates them: their content characters together are matched
against the gold, so a linked pair matches one gold attribution and is never a false positive
beside it; its kind, cue and speaker are its first piece's.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzers import document_from_text
from analyzers.rules import scorer, tagger
from analyzers.rules.pipeline import analyze, pieces
from analyzers.rules.spacy_model import load_model

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_errors import Article, cue_lemmas, gold_cue_lemmas, report
from parse_cache import CachedNLP, cache_path

IGNORED = set(" \t\n\"“”«»„'`’‘")


def load_corpus(root: Path) -> Any:
    spec = importlib.util.spec_from_file_location("polnear_load", root / "load.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def content_chars(text: str, a: int, b: int) -> set[int]:
    return {i for i in range(a, b) if text[i] not in IGNORED}


@dataclass(frozen=True)
class Unit:
    """One prediction: a quote, or a quote and the pieces that continue it."""

    kind: str
    start: int
    end: int
    text: str
    speaker: Any
    cue: Any
    pieces: tuple[tuple[int, int], ...]
    quote: Any = None  # the first piece, as the analysis gave it


def units(quotes: Any, rules: Any) -> tuple[list[Unit], list[str]]:
    """Quotes grouped with the pieces that continue them (the first piece's rule for each)."""
    root: dict[str, str] = {}
    groups: dict[str, list[Any]] = {}
    rule_of: dict[str, str] = {}
    for i, q in enumerate(quotes):
        r = root.get(q.continues, q.id) if q.continues else q.id
        root[q.id] = r
        groups.setdefault(r, []).append(q)
        rule_of.setdefault(r, rules[i] if i < len(rules) else "?")
    out = []
    for qs in groups.values():
        first = qs[0]
        out.append(Unit(first.kind, first.start, qs[-1].end, " ... ".join(q.text for q in qs), first.speaker,
                        first.cue, tuple((q.start, q.end) for q in qs), first))
    return out, [rule_of[r] for r in groups]


def match(text: str, preds: list, golds: list) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by overlap; returns (pred index, gold index) pairs."""
    gold_sets = [set().union(*(range(a, b) for a, b in g["content"])) for g in golds]
    pairs = []
    for pi, p in enumerate(preds):
        chars = set().union(*(content_chars(text, a, b) for a, b in p.pieces))
        if not chars:
            continue
        for gi, gs in enumerate(gold_sets):
            inside = len(chars & gs)
            if inside * 2 >= len(chars):
                pairs.append((inside, pi, gi))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        out.append((pi, gi))
    return out


def speaker_ok(pred: Any, gold: dict) -> bool:
    sp = pred.speaker
    if sp is None or not gold["source"]:
        return False
    return any(sp.start < b and a < sp.end for a, b in gold["source"])


def _choose_scorer(name: str, folds_dir: Path | None, threshold: float | None, per_rule: dict[str, float]) -> None:
    model: dict | None = None
    if folds_dir is not None:
        k = zlib.crc32(name.encode()) % len(list(folds_dir.glob("fold*.json")))
        model = _fold_model(folds_dir / f"fold{k}.json")
        tagged = folds_dir / f"tagger_fold{k}.npz"
        tagger.use(_fold_tagger(tagged) if tagged.exists() else None)
    elif threshold is not None or per_rule:
        model = json.loads(scorer.WEIGHTS.read_text(encoding="utf-8"))
    if model is not None and threshold is not None:
        model = model | {"threshold": threshold}
    if model is not None and per_rule:
        model = model | {"rule_thresholds": model.get("rule_thresholds", {}) | per_rule}
    scorer.use(model)


@functools.lru_cache(maxsize=8)
def _fold_tagger(path: Path) -> dict:
    return tagger.load(path)


@functools.lru_cache(maxsize=16)
def _fold_model(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def dump(arts: list[Article], path: Path) -> None:
    """One line per gold and per prediction, so two runs can be compared (what a change won, lost)."""
    with path.open("w", encoding="utf-8") as f:
        for art in arts:
            by_g = {gi: pi for pi, gi in art.pairs}
            for gi, g in enumerate(art.golds):
                pi = by_g.get(gi)
                f.write(json.dumps({"article": art.name, "gold": g["id"], "matched": pi is not None,
                                    "speaker_ok": pi is not None and speaker_ok(art.preds[pi], g),
                                    "kind": g["kind"], "cue": g["cue_text"], "source": g["source_text"],
                                    "content": g["content_text"][:300]}) + "\n")
            matched = {pi for pi, _ in art.pairs}
            for pi, p in enumerate(art.preds):
                f.write(json.dumps({"article": art.name, "pred": [p.start, p.end], "matched": pi in matched,
                                    "rule": art.rules[pi] if pi < len(art.rules) else "?",
                                    "cue": p.cue.text if p.cue else None,
                                    "speaker": p.speaker.text if p.speaker else None, "content": p.text[:300]}) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--cache", action="store_true", help="keep parsed Docs on disk (parse_cache.py)")
    ap.add_argument("--errors", type=int, default=0, help="print this many examples per category")
    ap.add_argument("--only", default="", help="print examples only for categories containing this")
    ap.add_argument("--cues-of", default="", help="matched/predicted by cue lemma for this rule")
    ap.add_argument("--scorer-folds", type=Path,
                    help="score each article with the fold models (filter, and tagger where present) that never saw it "
                         "(training/attribution/train.py --folds-dir)")
    ap.add_argument("--threshold", type=float, help="override the scorer's threshold")
    ap.add_argument("--rule-threshold", action="append", default=[], metavar="RULE=T",
                    help="override one rule's threshold")
    ap.add_argument("--dump", type=Path, help="write every gold and prediction with its outcome (JSON lines)")
    ap.add_argument("--gold-cues", default="", help="found/gold by cue lemma for this gold cue type")
    args = ap.parse_args(argv)
    corpus = load_corpus(args.polnear)
    nlp: Any = load_model()
    cached = CachedNLP(nlp, cache_path(nlp, f"polnear-{args.split}")) if args.cache else None
    run_nlp = cached or nlp
    tp = n_pred = n_gold = spk_ok = spk_n = 0
    kind_gold, kind_hit, pred_kind, pred_kind_ok = Counter(), Counter(), Counter(), Counter()
    arts: list[Article] = []
    t0 = time.perf_counter()
    words = 0
    for i, art in enumerate(corpus.iter_articles(args.split)):
        if args.limit and i >= args.limit:
            break
        text = art["text"]
        words += len(text.split())
        doc = document_from_text(text, art["name"] + ".txt", fmt="text")
        _choose_scorer(art["name"], args.scorer_folds, args.threshold,
                       {k: float(v) for k, v in (x.split("=") for x in args.rule_threshold)})
        assert len(doc.text) == len(text), "plain-text loading must keep offsets"
        result = analyze(doc, run_nlp)
        preds, rules = units(result.quotes, result.extra.get("quote_rules", ()))
        golds = art["quotes"]
        pairs = match(text, preds, golds)
        n_pred += len(preds)
        n_gold += len(golds)
        tp += len(pairs)
        for g in golds:
            kind_gold[g["kind"]] += 1
        matched_p = {pi for pi, _ in pairs}
        for pi, gi in pairs:
            kind_hit[golds[gi]["kind"]] += 1
            if golds[gi]["source"]:
                spk_n += 1
                spk_ok += speaker_ok(preds[pi], golds[gi])
        for pi, p in enumerate(preds):
            pred_kind[p.kind] += 1
            pred_kind_ok[p.kind] += pi in matched_p
        parsed = None
        if cached is not None:  # the parse, for categories that need tags (cue type, passives)
            ps = pieces(doc)[0]
            parsed = [(pc.start, d) for pc, d in zip(ps, cached.pipe(text[pc.start:pc.end] for pc in ps),
                                                     strict=True)]
        arts.append(Article(art["name"], text, preds, golds, pairs, tuple(rules), parsed))
    elapsed = time.perf_counter() - t0
    if cached is not None:
        cached.save()
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"split={args.split} gold={n_gold} predicted={n_pred} matched={tp}")
    print(f"P={p:.3f} R={r:.3f} F1={f1:.3f}")
    for k in ("direct", "mixed", "indirect"):
        print(f"recall {k:8s} {kind_hit[k] / kind_gold[k] if kind_gold[k] else 0:.3f}  ({kind_hit[k]}/{kind_gold[k]})"
              f"   precision as {k}: {pred_kind_ok[k] / pred_kind[k] if pred_kind[k] else 0:.3f} ({pred_kind_ok[k]}/{pred_kind[k]})")
    print(f"speaker accuracy {spk_ok / spk_n if spk_n else 0:.3f}  ({spk_ok}/{spk_n})")
    print(f"{words} words in {elapsed:.1f}s ({words / elapsed:.0f} words/s, model loaded"
          f"{', parses cached' if cached else ''})")
    report(arts, speaker_ok, args.errors, args.only)
    if args.dump:
        dump(arts, args.dump)
    if args.cues_of:
        cue_lemmas(arts, args.cues_of, 80)
    if args.gold_cues:
        gold_cue_lemmas(arts, args.gold_cues, 150)
    return 0


if __name__ == "__main__":
    sys.exit(main())
