"""The claims training data, the terms and features copydesk reads from each sentence, and the
ways it is split for validation.

ClaimBuster (2.5xNCS: sentences of US presidential debates up to 2016) always trains. The
CheckThat! 2019 task 1 training files (19 debates, speeches, press conferences and one op-ed,
2016-2019) are split three ways (``SPLITS``):

- ``debate``: leave one file out, each in turn (what the first model was tuned on);
- ``time``: train on the 2016 files (the primaries, the general-election debates and the
  acceptance speech), validate on the eleven 2017-2019 ones. This is how the world tests a
  model: later events, other topics. A change that helps ``debate`` but not ``time`` has
  memorised 2016's topics;
- ``genre``: train on the seven debates, validate on speeches and interviews (rallies,
  addresses, press conferences, a meeting before cameras) and on written text (an op-ed).

spaCy parses each sentence alone; its terms and dense features are cached (the parse is the
slow part) under ``.cache/`` beside this file, keyed by the text, the model and the source of
the feature code. A debate's blocks are its speaker turns (a run of lines by one speaker), as
an article's are its paragraphs.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from analyzers.rules import claim_features, claim_rules
from training.claims import syntax as claim_syntax

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CLAIMBUSTER = "claimbuster_2.5xNCS.json"
CLEF = Path("clef2019_task1") / "CT19-T1-Training.csv"
_NORM = re.compile(r"\W+")
CB = "claimbuster"

# Genre of each CheckThat! 2019 training file (its date is in its name).
DEBATES = ("20160209_msnbc_dem", "20160226_10_gop", "20160414_9dem", "20160926_1pres",
           "20161005_vice_pres", "20161010_2pres", "20161019_3pres")
WRITTEN = ("20181010_medicare",)   # an op-ed under the President's name: news-like text
# everything else is talk: speeches, rallies, addresses, press conferences, a televised meeting


def genre(file_name: str) -> str:
    stem = file_name.split(".")[0]
    return "debate" if stem in DEBATES else "written" if stem in WRITTEN else "talk"


def year(file_name: str) -> int:
    return int(file_name[:4])


@dataclass
class Corpus:
    texts: list[str]
    labels: list[int]
    groups: list[str]      # debate file name; "claimbuster" for ClaimBuster sentences
    s_terms: list[list[str]]
    turns: list[int] = field(default_factory=list)   # block id: a speaker's turn (each CB line alone)
    dense: np.ndarray | None = None                  # claim_syntax.block_rows, in context

    def debates(self) -> list[str]:
        return sorted({g for g in self.groups if g != CB})


@dataclass(frozen=True)
class Split:
    """Validation folds: (name, training rows' groups, validated groups)."""

    name: str
    folds: tuple[tuple[str, frozenset[str], frozenset[str]], ...]


def splits(corpus: Corpus) -> dict[str, Split]:
    files = corpus.debates()
    every = frozenset(files)
    by_debate = tuple((f, every - {f}, frozenset([f])) for f in files)
    early = frozenset(f for f in files if year(f) <= 2016)
    debates = frozenset(f for f in files if genre(f) == "debate")
    return {
        "debate": Split("debate", by_debate),
        "time": Split("time", (("2017-2019", early, every - early),)),
        "genre": Split("genre", (("talk", debates, frozenset(f for f in files if genre(f) == "talk")),
                                 ("written", debates, frozenset(f for f in files if genre(f) == "written")))),
    }


def norm(text: str) -> str:
    """A sentence key that survives punctuation and case differences between the corpora."""
    return _NORM.sub(" ", text.lower()).strip()


def read_rows(root: Path) -> tuple[list[str], list[int], list[str], list[int]]:
    """Texts, labels, groups and turn ids: ClaimBuster, then the CheckThat! files in line order."""
    cb = json.loads((root / CLAIMBUSTER).read_text(encoding="utf-8"))
    texts = [x["text"] for x in cb]
    labels = [int(x["label"]) for x in cb]
    groups = [CB] * len(cb)
    turns = list(range(len(cb)))
    with open(root / CLEF, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: (r["file_name"], int(r["line_number"])))
    rows_texts, rows_labels, rows_groups, rows_turns = read_lines(
        [(r["file_name"], r["speaker"], r["text"], int(r["label"])) for r in rows], start=len(cb))
    return texts + rows_texts, labels + rows_labels, groups + rows_groups, turns + rows_turns


def read_lines(lines: list[tuple[str, str, str, int]], start: int = 0
               ) -> tuple[list[str], list[int], list[str], list[int]]:
    """(file, speaker, text, label) lines in order; a turn is a run of lines by one speaker."""
    texts, labels, groups, turns = [], [], [], []
    turn, last = start - 1, None
    for file, speaker, text, label in lines:
        if (file, speaker) != last:
            turn += 1
            last = (file, speaker)
        texts.append(text)
        labels.append(label)
        groups.append(file)
        turns.append(turn)
    return texts, labels, groups, turns


def _cache_key(nlp: object) -> str:
    h = hashlib.sha256()
    for mod in (claim_features, claim_rules, claim_syntax):
        h.update(Path(mod.__file__ or "").read_bytes())
    meta = getattr(nlp, "meta", {})
    h.update(f"{meta.get('name')}{meta.get('version')}".encode())
    return h.hexdigest()[:16]


def spacy_block(nlp: object, texts: list[str]) -> tuple[list[list[str]], list[np.ndarray]]:
    """The ``s`` terms and the ``claim_syntax`` row of every text (each parsed alone), from
    the cache when it is fresh."""
    path = CACHE / f"s_terms_{_cache_key(nlp)}.jsonl.gz"
    cached: dict[str, tuple[list[str], np.ndarray]] = {}
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                text, terms, row = json.loads(line)
                cached[text] = terms, np.asarray(row, dtype=np.float64)
    todo = sorted({t for t in texts if t not in cached})
    if todo:
        CACHE.mkdir(exist_ok=True)
        with gzip.open(path, "at", encoding="utf-8") as f:
            for text, doc in zip(todo, nlp.pipe(todo, batch_size=256), strict=True):  # type: ignore[attr-defined]
                sent = doc[:]
                feats = claim_rules.sentence_features(sent)
                row = claim_syntax.sentence_row(sent, feats)
                cached[text] = claim_features.spacy_terms(sent, feats), row
                f.write(json.dumps([text, cached[text][0], row.tolist()]) + "\n")
    return [cached[t][0] for t in texts], [cached[t][1] for t in texts]


def in_context(rows: list[np.ndarray], turns: list[int]) -> np.ndarray:
    """``claim_syntax.block_rows`` over each turn (consecutive rows with one turn id)."""
    out = np.zeros((len(rows), claim_syntax.WIDTH))
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and turns[j] == turns[i]:
            j += 1
        out[i:j] = claim_syntax.block_rows(rows[i:j])
        i = j
    return out


def load_corpus(root: Path, nlp: object) -> Corpus:
    texts, labels, groups, turns = read_rows(root)
    s_terms, rows = spacy_block(nlp, texts)
    return Corpus(texts, labels, groups, s_terms, turns, in_context(rows, turns))


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    """Average precision of the positives when rows are ranked by ``scores`` (ties: row order)."""
    order = np.argsort(-scores, kind="stable")
    hits = labels[order] == 1
    if not hits.any():
        return 0.0
    return float((np.cumsum(hits) / np.arange(1, len(hits) + 1))[hits].mean())
