"""Quotes against PolNeAR gold attributions.

    python benchmarks/attribution.py --polnear ../shared/data/polnear --split dev

A prediction matches a gold attribution when at least half of its content characters (quote
marks and spaces ignored) lie inside the gold content spans; matching is one-to-one. The
speaker is right when its span overlaps the gold source span. Prints P, R, F1, recall per kind
and speaker accuracy. Never fails: it measures.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections import Counter
from pathlib import Path

from analyzers import document_from_text
from analyzers.rules.pipeline import analyze
from analyzers.rules.spacy_model import load_model

IGNORED = set(" \t\n\"“”«»„'`’‘")


def load_corpus(root: Path):
    spec = importlib.util.spec_from_file_location("polnear_load", root / "load.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader
    spec.loader.exec_module(mod)
    return mod


def content_chars(text: str, a: int, b: int) -> set[int]:
    return {i for i in range(a, b) if text[i] not in IGNORED}


def match(text: str, preds: list, golds: list) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by overlap; returns (pred index, gold index) pairs."""
    gold_sets = [set().union(*(range(a, b) for a, b in g["content"])) for g in golds]
    pairs = []
    for pi, p in enumerate(preds):
        chars = content_chars(text, p.start, p.end)
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


def speaker_ok(pred, gold) -> bool:
    sp = pred.speaker
    if sp is None or not gold["source"]:
        return False
    return any(sp.start < b and a < sp.end for a, b in gold["source"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", type=int, default=0, help="print this many false positives/negatives")
    args = ap.parse_args(argv)
    corpus = load_corpus(args.polnear)
    nlp = load_model()
    tp = n_pred = n_gold = spk_ok = spk_n = 0
    kind_gold, kind_hit, pred_kind, pred_kind_ok = Counter(), Counter(), Counter(), Counter()
    fps, fns = [], []
    t0 = time.perf_counter()
    words = 0
    for i, art in enumerate(corpus.iter_articles(args.split)):
        if args.limit and i >= args.limit:
            break
        text = art["text"]
        words += len(text.split())
        doc = document_from_text(text, art["name"] + ".txt", fmt="text")
        assert len(doc.text) == len(text), "plain-text loading must keep offsets"
        preds = list(analyze(doc, nlp).quotes)
        golds = art["quotes"]
        pairs = match(text, preds, golds)
        n_pred += len(preds)
        n_gold += len(golds)
        tp += len(pairs)
        for g in golds:
            kind_gold[g["kind"]] += 1
        matched_p = {pi for pi, _ in pairs}
        matched_g = {gi for _, gi in pairs}
        for pi, gi in pairs:
            kind_hit[golds[gi]["kind"]] += 1
            if golds[gi]["source"]:
                spk_n += 1
                spk_ok += speaker_ok(preds[pi], golds[gi])
        for pi, p in enumerate(preds):
            pred_kind[p.kind] += 1
            pred_kind_ok[p.kind] += pi in matched_p
            if pi not in matched_p:
                fps.append((art["name"], p.kind, p.cue.text if p.cue else None,
                            p.speaker.text if p.speaker else None, p.text[:140]))
        for gi, g in enumerate(golds):
            if gi not in matched_g:
                fns.append((art["name"], g["kind"], g["cue_text"], g["source_text"], g["content_text"][:140]))
    elapsed = time.perf_counter() - t0
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"split={args.split} gold={n_gold} predicted={n_pred} matched={tp}")
    print(f"P={p:.3f} R={r:.3f} F1={f1:.3f}")
    for k in ("direct", "mixed", "indirect"):
        print(f"recall {k:8s} {kind_hit[k] / kind_gold[k] if kind_gold[k] else 0:.3f}  ({kind_hit[k]}/{kind_gold[k]})"
              f"   precision as {k}: {pred_kind_ok[k] / pred_kind[k] if pred_kind[k] else 0:.3f} ({pred_kind_ok[k]}/{pred_kind[k]})")
    print(f"speaker accuracy {spk_ok / spk_n if spk_n else 0:.3f}  ({spk_ok}/{spk_n})")
    print(f"{words} words in {elapsed:.1f}s ({words / elapsed:.0f} words/s, model loaded)")
    for label, rows in (("FALSE POSITIVE", fps), ("MISSED", fns)):
        for row in rows[: args.errors]:
            print(label, "|", " | ".join(str(x) for x in row), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
