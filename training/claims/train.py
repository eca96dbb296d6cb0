"""Train copydesk's check-worthiness scorer and export it as plain arrays (no pickle).

    pip install -e '.[train]'
    python training/claims/train.py --data ../shared/data/claims --seed 13 \\
        [--candidates A,B] [--splits debate,time,genre] [--choose B --export]

Every candidate is validated three ways (training/claims/data.py, ``splits``): by debate
(each CheckThat! 2019 training file held out in turn), by time (fitted on the 2016 files,
validated on 2017-2019) and by genre (fitted on the debates, validated on speeches and
interviews, and on written text). ClaimBuster always trains, less any sentence that also occurs
in the validated files. MAP is the mean over the validated files of the average precision; the
operating point is the share of check-worthy lines among the top 15 % and 20 % of the
validated lines. ``--export`` fits the chosen candidate on everything, sets the listing
threshold on the out-of-fold (by debate) scores, checks it on the time split, and writes
analyzers/rules/claims_model/model.npz plus a fixture of scikit-learn's own scores on text
written for the tests.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analyzers.rules import claim_model  # noqa: E402
from analyzers.rules.claim_features import spacy_terms  # noqa: E402
from analyzers.rules.spacy_model import load_model  # noqa: E402
from training.claims.data import CB, Corpus, genre, load_corpus, splits  # noqa: E402
from training.claims.models import (  # noqa: E402
    CANDIDATES,
    Candidate,
    Model,
    Rows,
    block_terms,
    corpus_rows,
    file_map,
    held_share,
    validate,
)

FIXTURE = ROOT / "tests" / "analyzers" / "data" / "claim_scores.json"
# Sentences written for the equivalence test (never taken from the training data).
FIXTURE_SENTENCES = (
    "The city council approved a budget of $4.2 million for road repairs in 2023.",
    "Unemployment in the county fell from 7 percent to 4.5 percent over three years.",
    "I think we can all agree that this is a wonderful evening.",
    "Thank you all for coming tonight.",
    "The new bridge will cut commuting times in half by 2030.",
    "Prices rose because the harbour was closed for six weeks.",
    "She said the hospital had treated more patients than any other in the region.",
    "What do you want to do about it?",
    "Our company has never taken a single dollar from the federal government.",
    "The river has flooded the valley twice since 1950.",
    "Maybe it is time to look again at how we run our schools.",
    "Exports to Canada doubled last year, according to the trade ministry.",
    "I voted against the canal project when it came before the committee.",
    "The harbour authority was founded by the two towns.",
    "The audit lists three reasons:",
)
SHARES = (0.10, 0.15, 0.20)


def split_report(corpus: Corpus, cand: Candidate, seed: int, names: list[str], rows: Rows
                 ) -> dict[str, dict[str, float]]:
    """MAP and the share of check-worthy lines in the top 10/15/20 % of the validated lines,
    per split (genre: per validated genre)."""
    out: dict[str, dict[str, float]] = {}
    for name in names:
        split = splits(corpus)[name]
        scores = validate(corpus, cand, split, seed, rows)
        if name in ("debate", "time"):
            out[f"{name}_oof"] = {"scores": scores}  # type: ignore[dict-item]
        for fold, _, held in split.folds if name == "genre" else ((name, None, None),):
            files = set(held) if held is not None else {g for g in corpus.debates()
                                                        if not np.isnan(scores[corpus.groups.index(g)])}
            sub = np.where(np.isin(corpus.groups, list(files)), scores, np.nan)
            m = {"map": file_map(corpus, scores, files)}
            for share in SHARES:
                thr = float(np.nanquantile(sub, 1 - share))
                m[f"held@{share:.0%}"] = held_share(corpus, sub, thr)[1]
            out[fold if name == "genre" else name] = m
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "claims")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--candidates", default="tfidf,B")
    ap.add_argument("--splits", default="debate,time,genre")
    ap.add_argument("--choose", default=None, help="the candidate to export")
    ap.add_argument("--list-share", type=float, default=0.16,
                    help="share of CheckThat! lines listed at the operating point (out of fold, by debate)")
    ap.add_argument("--max-share", type=float, default=0.4,
                    help="at most this share of an article's sentences is listed")
    ap.add_argument("--export", action="store_true")
    args = ap.parse_args(argv)
    np.random.seed(args.seed)
    t0 = time.perf_counter()
    nlp = load_model()
    corpus = load_corpus(args.data, nlp)
    print(f"{len(corpus.texts):,} sentences ({sum(corpus.labels):,} check-worthy), "
          f"{len(corpus.debates())} files; parsed in {time.perf_counter() - t0:.0f}s", flush=True)
    names = args.splits.split(",")
    results: dict[str, dict[str, dict[str, float]]] = {}
    for cname in args.candidates.split(","):
        cand = CANDIDATES[cname]
        t1 = time.perf_counter()
        results[cname] = split_report(corpus, cand, args.seed, names, corpus_rows(corpus, cand))
        line = "  ".join(f"{k} {v['map']:.3f} ({v['held@20%']:.0%}@20%)"
                         for k, v in results[cname].items() if not k.endswith("_oof"))
        print(f"  {cand.describe():60s} {line}  [{time.perf_counter() - t1:.0f}s]", flush=True)
    if not (args.export and args.choose):
        return 0
    return export(corpus, nlp, CANDIDATES[args.choose], args, results.get(args.choose))


def export(corpus: Corpus, nlp: object, cand: Candidate, args: argparse.Namespace,
           result: dict[str, dict[str, float]] | None) -> int:
    rows = corpus_rows(corpus, cand)
    if result is None or "debate_oof" not in result or "time_oof" not in result:
        result = split_report(corpus, cand, args.seed, ["debate", "time", "genre"], rows)
    oof = np.asarray(result.pop("debate_oof")["scores"])
    time_scores = np.asarray(result.pop("time_oof")["scores"])
    threshold = float(np.nanquantile(oof, 1 - args.list_share))
    y = np.asarray(corpus.labels)
    groups = np.asarray(corpus.groups)
    model = Model(cand, args.seed).fit(rows, y, groups != CB)
    listed, held = held_share(corpus, np.where(groups != CB, oof, np.nan), threshold)
    print(f"operating point (out of fold, by debate): {listed:.1%} of lines listed, {held:.1%} of the "
          f"check-worthy ones")
    t_listed, t_held = held_share(corpus, time_scores, threshold)
    print(f"the same threshold on the time split: {t_listed:.1%} listed, {t_held:.1%} held")
    by_genre = {g: held_share(corpus, np.where([genre(x) == g for x in corpus.groups], oof, np.nan), threshold)
                for g in ("debate", "talk", "written")}
    meta = {
        "candidate": cand.describe(), "seed": args.seed, "date": datetime.date.today().isoformat(),
        "threshold": round(float(1 / (1 + np.exp(-threshold))), 6), "max_share": args.max_share,
        "list_share": args.list_share,
        "validation": {k: {m: round(x, 4) for m, x in v.items()} for k, v in result.items()},
        "operating_point": {"by_debate": [round(listed, 4), round(held, 4)],
                            "time_split": [round(t_listed, 4), round(t_held, 4)],
                            **{f"by_debate_{g}": [round(a, 4), round(b, 4)] for g, (a, b) in by_genre.items()}},
    }
    size = model.export(claim_model.MODEL_FILE, meta)
    print(f"exported {claim_model.MODEL_FILE.relative_to(ROOT)} ({size / 1e6:.2f} MB): "
          + json.dumps(meta, indent=1))
    write_fixture(nlp, model, cand)
    return 0


def write_fixture(nlp: object, model: Model, cand: Candidate) -> None:
    """scikit-learn's own scores of the fixture sentences (each parsed alone)."""
    texts = list(FIXTURE_SENTENCES)
    s_terms = [spacy_terms(d[:]) for d in nlp.pipe(texts)]  # type: ignore[attr-defined]
    rows = Rows({b: block_terms(texts, s_terms, b) for b in cand.blocks}, np.zeros((len(texts), 0)))
    expected = 1 / (1 + np.exp(-model.decision(rows)))
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps([{"text": t, "score": round(float(s), 8)}
                                   for t, s in zip(texts, expected, strict=True)], indent=1) + "\n",
                       encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
