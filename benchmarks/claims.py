"""Claim ranking and the listing: validated by debate, by time and by genre on the CheckThat!
2019 (task 1) training files + ClaimBuster, and on any unseen set of debates you give it.

    python benchmarks/claims.py --clef ../shared/data/claims [--baselines tfidf,B] [--test DIR_OR_CSV ...]

For the shipped model's candidate (analyzers/rules/claims_model/) and each baseline named:
- ``by debate``: each file held out in turn; ``time``: fitted on the 2016 files, validated on
  2017-2019; ``genre``: fitted on the debates, validated on speeches and interviews (``talk``)
  and on written text (training/claims/data.py defines the splits). Needs the ``train`` extra;
- MAP: per file, lines ranked by score, average precision of the check-worthy ones; the mean;
- the operating point: the product's listing (threshold, no hedges or signposts, the share cap;
  a file is an article, each line a paragraph) with the threshold set where the candidate's
  by-debate out-of-fold scores list the shipped share of lines: the share of lines listed and
  the share of the check-worthy ones among them.
Then the shipped weights on the whole training set (they saw it), on each ``--test`` set
(a CSV like the training file, or a folder of CheckThat! .tsv files: line, speaker, text,
label), the seed's listing and a news page's. Never fails: it measures.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import document_from_text, load  # noqa: E402
from analyzers.rules import claim_model  # noqa: E402
from analyzers.rules.claim_features import char_terms, word_terms  # noqa: E402
from analyzers.rules.claims import ClaimCandidate, listed  # noqa: E402
from analyzers.rules.pipeline import analyze  # noqa: E402
from analyzers.rules.spacy_model import load_model  # noqa: E402
from training.claims.data import Corpus, average_precision, load_corpus, read_lines, spacy_block  # noqa: E402

SEED = ROOT / "seeds" / "000_2155ca87d0d03760.txt"
NEWS = """# Harbour bridge costs soar as auditor blames delays

The new harbour bridge will cost the city $890 million, more than double the cost the council \
approved in 2019, the city auditor said on Tuesday. Work on the bridge began four years ago.

The city auditor's report lists three causes:

- design changes ordered after construction had begun;
- a steel contract signed when prices were at their highest;
- two winters of flooding on the building site.

Council members met on Wednesday evening to discuss the report.
"""


def operating_point(corpus: Corpus, scores: np.ndarray, files: list[str], threshold: float,
                    max_share: float) -> tuple[float, float, float]:
    """MAP over ``files``; share of their lines listed; share of their check-worthy lines listed."""
    y = np.asarray(corpus.labels)
    groups = np.asarray(corpus.groups)
    aps, n_listed, n_sent, hit, pos = [], 0, 0, 0, 0
    for d in files:
        rows = np.flatnonzero(groups == d)
        aps.append(average_precision(scores[rows], y[rows]))
        cands = [ClaimCandidate(int(i), int(i) + 1, float(scores[i]),
                                ("hedged",) if "rule:hedged" in corpus.s_terms[i] else (), paragraph=int(i),
                                signpost="rule:signpost" in corpus.s_terms[i])
                 for i in rows]
        chosen = [c.start for c in listed(cands, threshold, max_share)]
        n_listed += len(chosen)
        n_sent += len(rows)
        hit += int(y[chosen].sum())
        pos += int(y[rows].sum())
    return float(np.mean(aps)), n_listed / max(1, n_sent), hit / max(1, pos)


def line(what: str, m: tuple[float, float, float]) -> str:
    return f"{what:34s} MAP {m[0]:.3f}   listed {m[1]:5.1%} of lines, holding {m[2]:5.1%} of the check-worthy"


def validations(corpus: Corpus, name: str, seed: int, share: float, max_share: float) -> None:
    from training.claims.data import splits
    from training.claims.models import CANDIDATES, corpus_rows, validate

    cand = CANDIDATES[name]
    rows = corpus_rows(corpus, cand)
    t0 = time.perf_counter()
    scores = {s: 1 / (1 + np.exp(-validate(corpus, cand, splits(corpus)[s], seed, rows)))
              for s in ("debate", "time", "genre")}
    oof = scores["debate"][np.asarray(corpus.groups) != "claimbuster"]
    threshold = float(np.quantile(oof, 1 - share))
    print(f"{cand.describe()}  (threshold {threshold:.3f}: the top {share:.0%} out of fold; "
          f"{time.perf_counter() - t0:.0f}s)")
    for split in ("debate", "time", "genre"):
        for fold, _, held in splits(corpus)[split].folds if split != "debate" else (("by debate (CV)", 0, None),):
            files = corpus.debates() if held is None else sorted(held)
            label = fold if split == "debate" else f"{split}: {fold}" if split == "genre" else "time: 2016 -> 2017-2019"
            print("  " + line(label, operating_point(corpus, scores[split], files, threshold, max_share)))


def read_test(path: Path) -> list[tuple[str, str, str, int]]:
    """(file, speaker, text, label) lines of a CSV like the training file or of a folder of
    CheckThat! .tsv files (line number, speaker, text, label; a header row is skipped)."""
    if path.is_file():
        with open(path, encoding="utf-8", newline="") as f:
            rows = sorted(csv.DictReader(f), key=lambda r: (r["file_name"], int(r["line_number"])))
        return [(r["file_name"], r["speaker"], r["text"], int(r["label"])) for r in rows]
    out = []
    for tsv in sorted(path.glob("*.tsv")):
        with open(tsv, encoding="utf-8", newline="") as f:
            for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(r) >= 4 and r[0].strip().isdigit():
                    out.append((tsv.name, r[1], r[2], int(r[-1])))
    return out


def shipped_scores(corpus: Corpus, model: claim_model.ClaimModel) -> np.ndarray:
    return np.asarray([model.score({"w": word_terms(t), "c": char_terms(t), "s": s})
                       for t, s in zip(corpus.texts, corpus.s_terms, strict=True)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clef", type=Path, required=True, help="the claims data folder")
    ap.add_argument("--baselines", default="tfidf,B",
                    help="candidates validated beside the shipped one (training/claims/models.py); '' for none")
    ap.add_argument("--test", type=Path, action="append", default=[], help="an unseen set (CSV or .tsv folder)")
    ap.add_argument("--no-cv", action="store_true", help="skip the validations (they need scikit-learn)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    nlp = load_model()
    model = claim_model.load()
    share = float(model.meta.get("list_share", 0.16))
    print(f"model: {model.meta['candidate']}; threshold {model.threshold:.3f} (the top {share:.0%} of "
          f"lines out of fold), at most {model.max_share:.0%} of an article's sentences")
    corpus = load_corpus(args.clef, nlp)
    if not args.no_cv:
        try:
            import sklearn  # noqa: F401
        except ImportError:
            print("validations skipped (scikit-learn missing: pip install -e '.[train]')")
        else:
            shipped = model.meta["candidate"].split(":")[0]
            for name in [shipped] + [b for b in args.baselines.split(",") if b and b != shipped]:
                validations(corpus, name, int(model.meta["seed"]), share, model.max_share)
    print("shipped weights:")
    print("  " + line("whole training set (seen)", operating_point(
        corpus, shipped_scores(corpus, model), corpus.debates(), model.threshold, model.max_share)))
    for path in args.test:
        texts, labels, groups, turns = read_lines(read_test(path))
        s_terms, _ = spacy_block(nlp, texts)
        test = Corpus(texts, labels, groups, s_terms, turns)
        print("  " + line(f"{path.name} ({len(test.debates())} files)", operating_point(
            test, shipped_scores(test, model), test.debates(), model.threshold, model.max_share)))
    for what, doc in (("seed", load(SEED)), ("news page", document_from_text(NEWS, "news.md", fmt="markdown"))):
        a = analyze(doc, nlp)
        print(f"{what}: {len(a.claims)} sentences listed")
        for c in a.claims:
            print(f"  {c.score:.2f} {c.kind:11s} {' · '.join(c.reasons):40s} {' '.join(c.text.split())[:90]}")
    print(f"({time.perf_counter() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
