""""Checked before?": earlier fact-checks ranked for a claim. Pure numpy; the library keeps the
index (analyzers/store/library/factchecks.py) and the weights ship beside this module
(factcheck_model/weights.json, trained by training/factchecks/train.py).

1. The claim's words: ``factcheck_text.clean_query`` (links, '@'/'#', an embedded tweet's
   signature, whose date becomes the claim's date unless the query brings its own).
2. Channels, each scored against every review at once: ``bm25`` (claim + headline words),
   ``w_c``/``w_h`` (TF-IDF cosine of content words and word bigrams, claim / headline),
   ``c_c``/``c_h`` (TF-IDF cosine of character 3-5-grams, claim / headline).
3. Candidates: the best 100 by a fixed blend of the channels.
4. Re-ranker: a logistic regression over each channel's value, its gap to the collection's best,
   its rank among the candidates and its z-score over the collection; the days from the claim's
   date to the review's (binned; zero when either is unknown); the names (capitalised words)
   and numbers the claim shares with the review, and whether both are negated or neither. A
   match's score is its P(relevant).
5. Verifier: a second logistic regression over the best match (its features, its logit, the
   runner-up's and the margin) gives P(the best match checks this claim): the confidence; at or
   above the model's cutoff the claim was "checked before".
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from analyzers.rules.factcheck_index import Inverted
from analyzers.rules.factcheck_text import STOP, char_terms, clean_query, norm, word_terms, words

K_CANDIDATES = 100
TOP = 10
CHANNELS = ("bm25", "w_c", "w_h", "c_c", "c_h")
DATE_BINS = (-1e9, -30, -1, 3, 14, 60, 365, 1e9)   # days from the claim's date to the review's
DATE_FEATURES = ("date_known", "date_after",
                 *(f"date_bin_{lo:g}_{hi:g}" for lo, hi in itertools.pairwise(DATE_BINS)))
WEIGHTS = Path(__file__).with_name("factcheck_model") / "weights.json"


# what carries a claim beyond its words: names (capitalised words: a proxy for named entities
# that needs no parser), numbers, negation
CLAIM_FEATURES = ("ent_shared", "ent_share_review", "ent_share_claim", "num_shared", "num_review_only",
                  "num_claim_any", "neg_agree")


def feature_names(channels: Sequence[str] = CHANNELS) -> list[str]:
    return [c + s for c in channels for s in ("", "_gap", "_rank", "_z")] + list(DATE_FEATURES) + list(CLAIM_FEATURES)


@dataclass(frozen=True)
class Review:
    """What the index needs of one review."""

    claim: str
    headline: str = ""
    date: str | None = None       # ISO date of the review


@dataclass
class Index:
    """The collection's channels; position i is the i-th review it was built from."""

    date_ord: np.ndarray                  # proleptic ordinal of each review's date, NaN if unknown
    inv: dict[str, Inverted]
    texts: Texts                          # each review's claim and headline, as written

    @property
    def n(self) -> int:
        return len(self.date_ord)


class Texts:
    """Strings in two arrays (UTF-8 bytes and offsets): what the claim features read of a
    candidate, kept beside the channels."""

    def __init__(self, data: np.ndarray, offsets: np.ndarray) -> None:
        self.data, self.offsets = data, offsets

    @classmethod
    def of(cls, strings: Sequence[str]) -> Texts:
        encoded = [x.encode("utf-8", "surrogatepass") for x in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __getitem__(self, i: int) -> str:
        return self.data[self.offsets[i]:self.offsets[i + 1]].tobytes().decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self.offsets) - 1


def _ordinal(iso: str | None) -> float:
    try:
        return float(dt.date.fromisoformat(iso[:10]).toordinal()) if iso else np.nan
    except ValueError:
        return np.nan


def build_index(reviews: Sequence[Review]) -> Index:
    c = [norm(r.claim) for r in reviews]
    h = [norm(r.headline) for r in reviews]
    tc, th = [words(x) for x in c], [words(x) for x in h]
    # each index reads its documents' terms one document at a time (a list of every review's
    # character n-grams would be the biggest thing in memory)
    inv = {"bm25": Inverted.build((a + b for a, b in zip(tc, th, strict=True)), kind="bm25"),
           "w_c": Inverted.build(word_terms(t) for t in tc),
           "w_h": Inverted.build(word_terms(t) for t in th),
           "c_c": Inverted.build(char_terms(" ".join(x.split())) for x in c),
           "c_h": Inverted.build(char_terms(" ".join(x.split())) for x in h)}
    texts = Texts.of([x for r in reviews for x in (r.claim, r.headline)])
    return Index(np.array([_ordinal(r.date) for r in reviews], dtype=np.float64), inv, texts)


def index_arrays(index: Index) -> dict[str, np.ndarray]:
    """The index as named arrays (for the library's BLOBs)."""
    out = {"date_ord": index.date_ord, "texts.data": index.texts.data, "texts.offsets": index.texts.offsets}
    for name, inv in index.inv.items():
        out.update({f"{name}.{k}": v for k, v in inv.arrays().items()})
    return out


def index_from_arrays(arrays: dict[str, np.ndarray]) -> Index:
    """ValueError when they are not a whole index."""
    try:
        inv = {c: Inverted.from_arrays({k.split(".", 1)[1]: v for k, v in arrays.items() if k.startswith(c + ".")})
               for c in CHANNELS}
        index = Index(arrays["date_ord"], inv, Texts(arrays["texts.data"], arrays["texts.offsets"]))
    except (KeyError, UnicodeDecodeError) as exc:
        raise ValueError(f"an incomplete fact-check index ({exc})") from None
    if any(i.n_docs != index.n for i in inv.values()) or len(index.texts) != 2 * index.n:
        raise ValueError("a fact-check index whose channels disagree")
    return index


# -- one claim -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Query:
    id: str
    text: str
    date: dt.date | None = None   # when the claim was made (an article's date); else a tweet's own


@dataclass(frozen=True)
class Ranked:
    """A claim's matches, best first: positions in the index and P(relevant) of each."""

    id: str
    rows: tuple[int, ...]
    scores: tuple[float, ...]
    confidence: float             # P(the best match checks this claim)
    checked_before: bool          # confidence at or above the cutoff


def _prepared(q: Query, use_dates: bool) -> tuple[str, dt.date | None]:
    """(the claim's words, as written; its date)."""
    text, date = clean_query(q.text or "")
    if q.date is not None:
        date = q.date
    return text, (date if use_dates else None)


_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*[A-Za-z0-9]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NEGATIONS = frozenset(["not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "cannot", "without"])


def names(text: str) -> frozenset[str]:
    """Capitalised words, folded, stop words out: the names a claim is about, roughly."""
    found = (norm(m.group(0)).replace("'s", "").strip(".'") for m in _CAPITALISED.finditer(text))
    return frozenset(w for w in found if w and w not in STOP)


def numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text))


def negated(text: str) -> bool:
    return any(t in NEGATIONS or t.endswith("n't") for t in words(norm(text)))


def claim_features(text: str, cand: np.ndarray, index: Index) -> np.ndarray:
    """(len(cand), CLAIM_FEATURES): names and numbers shared with each candidate (and the
    shares of each side's they are), whether the claim has numbers, negation agreeing."""
    qn, qd, qg = names(text), numbers(text), negated(text)
    rows = []
    for c in cand:
        claim, headline = index.texts[2 * int(c)], index.texts[2 * int(c) + 1]
        rn, rd = names(claim + " " + headline), numbers(claim + " " + headline)
        shared, nums = len(qn & rn), len(qd & rd)
        rows.append((shared, shared / max(len(rn), 1), shared / max(len(qn), 1), nums, len(rd) - nums,
                     float(bool(qd)), float(negated(claim) == qg)))
    return np.array(rows, dtype=np.float32).reshape(len(cand), len(CLAIM_FEATURES))


def channels(text_norm: str, index: Index) -> dict[str, np.ndarray]:
    """Each channel's similarity of one claim to every review."""
    tokens = words(text_norm)
    wt, ct = word_terms(tokens), char_terms(" ".join(text_norm.split()))
    return {"bm25": index.inv["bm25"].score_all(tokens),
            "w_c": index.inv["w_c"].score_all(wt), "w_h": index.inv["w_h"].score_all(wt),
            "c_c": index.inv["c_c"].score_all(ct), "c_h": index.inv["c_h"].score_all(ct)}


def first_stage(ch: dict[str, np.ndarray]) -> np.ndarray:
    """The fixed blend that picks the candidates (recall@100 0.975-0.98 on train and dev)."""
    return ch["w_c"] + ch["c_c"] + 0.5 * (ch["w_h"] + ch["c_h"])


def candidate_features(ch: dict[str, np.ndarray], cand: np.ndarray, date: dt.date | None, index: Index,
                       chans: Sequence[str] = CHANNELS) -> np.ndarray:
    """(len(cand), features) in the order of ``feature_names(chans)``."""
    cols = []
    for c in chans:
        v = ch[c]
        x = v[cand]
        cols += [x, x - v.max(), np.log1p(np.argsort(np.argsort(-x, kind="stable"), kind="stable")),
                 (x - v.mean()) / (v.std() + 1e-9)]
    k = len(cand)
    if date is not None:
        d = index.date_ord[cand] - date.toordinal()
        known = (~np.isnan(d)).astype(np.float64)
        d = np.nan_to_num(d, nan=0.0)
    else:
        known, d = np.zeros(k), np.zeros(k)
    cols += [known, np.sign(d) * np.log1p(np.abs(d)) * known]
    cols += [((d >= lo) & (d < hi) & (known > 0)).astype(np.float64)
             for lo, hi in itertools.pairwise(DATE_BINS)]
    return np.stack(cols, 1).astype(np.float32)


def candidates(text: str, date: dt.date | None, index: Index, k: int = K_CANDIDATES,
               exclude: Sequence[int] = ()) -> tuple[np.ndarray, np.ndarray]:
    """(candidate positions best first by the first stage, their features) for a claim's words
    as written. Shared by match() and training. ``exclude`` (training only): reviews treated as
    absent from the collection, which makes the claim one that was never checked."""
    ch = channels(norm(text), index)
    if len(exclude):
        keep = np.ones(index.n, bool)
        keep[list(exclude)] = False
        ch = {c: np.where(keep, v, v[keep].min() if keep.any() else 0.0) for c, v in ch.items()}
    fs = first_stage(ch)
    k = min(k, index.n)
    cand = np.argpartition(-fs, k)[:k] if k < index.n else np.arange(index.n)
    cand = cand[np.argsort(-fs[cand], kind="stable")]
    return cand, np.concatenate([candidate_features(ch, cand, date, index), claim_features(text, cand, index)], 1)


# -- scoring -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> dict[str, Any]:
    """The shipped weights: feature names, standardisation, LR coefficients and the verifier."""
    with open(path or WEIGHTS, encoding="utf-8") as f:
        return dict(json.load(f))


def rerank_scores(F: np.ndarray, model: dict[str, Any]) -> np.ndarray:
    z = (F - np.asarray(model["mean"], np.float32)) / np.asarray(model["scale"], np.float32)
    logit = z @ np.asarray(model["coef"], np.float32) + np.float32(model["intercept"])
    return np.asarray(1.0 / (1.0 + np.exp(-logit)))


def verifier_features(F: np.ndarray, s: np.ndarray, model: dict[str, Any]) -> np.ndarray:
    """The best candidate's and the runner-up's logits, their margin, then the best candidate's
    features except the ranks among candidates."""
    o = np.argsort(-s, kind="stable")
    lg = np.log(np.clip(s, 1e-9, 1 - 1e-9) / np.clip(1 - s, 1e-9, 1))
    second = lg[o[1]] if len(o) > 1 else np.log(1e-9)
    keep = [i for i, n in enumerate(model["features"]) if not n.endswith("_rank")]
    return np.concatenate([[lg[o[0]], second, lg[o[0]] - second], F[o[0], keep]]).astype(np.float32)


def verifier_prob(F: np.ndarray, s: np.ndarray, model: dict[str, Any]) -> float:
    v = model["verifier"]
    z = (verifier_features(F, s, model) - np.asarray(v["mean"], np.float32)) / np.asarray(v["scale"], np.float32)
    return float(1.0 / (1.0 + np.exp(-(z @ np.asarray(v["coef"], np.float32) + v["intercept"]))))


def match(queries: Sequence[Query], index: Index, model: dict[str, Any] | None = None, top: int = TOP,
          use_dates: bool = True) -> list[Ranked]:
    """Each claim's best ``top`` reviews. A claim with no words, or an empty collection, has
    none. ``use_dates=False`` ignores claims' dates (the model was trained with and without)."""
    model = model or load_model()
    cutoff = float(model["verifier"]["cutoff"])
    out = []
    for q in queries:
        text, date = _prepared(q, use_dates)
        if index.n == 0 or not words(norm(text)):
            out.append(Ranked(q.id, (), (), 0.0, False))
            continue
        cand, F = candidates(text, date, index)
        s = rerank_scores(F, model)
        order = np.argsort(-s, kind="stable")[:top]
        conf = verifier_prob(F, s, model)
        out.append(Ranked(q.id, tuple(int(cand[j]) for j in order), tuple(round(float(s[j]), 6) for j in order),
                          round(conf, 4), conf >= cutoff))
    return out
