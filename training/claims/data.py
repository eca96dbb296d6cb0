"""The claims training data and the terms copydesk reads from each sentence.

ClaimBuster (2.5xNCS) sentences always train; the CheckThat! 2019 task 1 training debates are
split by debate for cross-validation. spaCy parses each sentence alone; the spaCy block of terms
is cached (it is the slow part) under ``.cache/`` beside this file, keyed by the text, the model
and the source of the feature code.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analyzers.rules import claim_features, claim_rules

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CLAIMBUSTER = "claimbuster_2.5xNCS.json"
CLEF = Path("clef2019_task1") / "CT19-T1-Training.csv"
_NORM = re.compile(r"\W+")


@dataclass
class Corpus:
    texts: list[str]
    labels: list[int]
    groups: list[str]      # debate file name; "claimbuster" for ClaimBuster sentences
    s_terms: list[list[str]]

    def debates(self) -> list[str]:
        return sorted({g for g in self.groups if g != "claimbuster"})


def norm(text: str) -> str:
    """A sentence key that survives punctuation and case differences between the corpora."""
    return _NORM.sub(" ", text.lower()).strip()


def read_rows(root: Path) -> tuple[list[str], list[int], list[str]]:
    cb = json.loads((root / CLAIMBUSTER).read_text(encoding="utf-8"))
    texts = [x["text"] for x in cb]
    labels = [int(x["label"]) for x in cb]
    groups = ["claimbuster"] * len(cb)
    with open(root / CLEF, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            texts.append(r["text"])
            labels.append(int(r["label"]))
            groups.append(r["file_name"])
    return texts, labels, groups


def _cache_key(nlp: object) -> str:
    h = hashlib.sha256()
    for mod in (claim_features, claim_rules):
        h.update(Path(mod.__file__ or "").read_bytes())
    meta = getattr(nlp, "meta", {})
    h.update(f"{meta.get('name')}{meta.get('version')}".encode())
    return h.hexdigest()[:16]


def spacy_block(nlp: object, texts: list[str]) -> list[list[str]]:
    """The ``s`` terms of every text (each parsed alone), from the cache when it is fresh."""
    path = CACHE / f"s_terms_{_cache_key(nlp)}.jsonl.gz"
    cached: dict[str, list[str]] = {}
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                text, terms = json.loads(line)
                cached[text] = terms
    todo = sorted({t for t in texts if t not in cached})
    if todo:
        CACHE.mkdir(exist_ok=True)
        with gzip.open(path, "at", encoding="utf-8") as f:
            for text, doc in zip(todo, nlp.pipe(todo, batch_size=256), strict=True):  # type: ignore[attr-defined]
                cached[text] = claim_features.spacy_terms(doc[:])
                f.write(json.dumps([text, cached[text]]) + "\n")
    return [cached[t] for t in texts]


def load_corpus(root: Path, nlp: object) -> Corpus:
    texts, labels, groups = read_rows(root)
    return Corpus(texts, labels, groups, spacy_block(nlp, texts))


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    """Average precision of the positives when rows are ranked by ``scores`` (ties: row order)."""
    order = np.argsort(-scores, kind="stable")
    hits = labels[order] == 1
    if not hits.any():
        return 0.0
    return float((np.cumsum(hits) / np.arange(1, len(hits) + 1))[hits].mean())
