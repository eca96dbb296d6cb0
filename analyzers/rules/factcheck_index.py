"""An inverted index in numpy arrays (term -> postings), scored against every document at once
with ``np.bincount``: TF-IDF cosine or Okapi BM25. A handful of flat arrays, so the library
keeps it as BLOBs and reads it back with ``np.frombuffer`` (no pickle)."""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import numpy as np

KINDS = ("tfidf", "bm25")


class Inverted:
    """kind "tfidf": weights (1 + ln tf) * idf, rows L2-normalised, idf = ln((1+N)/(1+df)) + 1
    (scikit-learn's smooth idf, sublinear tf); a score is a cosine.
    kind "bm25": k1 = 1.2, b = 0.75, idf = ln(1 + (N - df + 0.5)/(df + 0.5)) (Lucene's, never
    negative); a score sums over the query's distinct terms."""

    def __init__(self, vocab: dict[str, int], idf: np.ndarray, ptr: np.ndarray, post_doc: np.ndarray,
                 post_w: np.ndarray, n_docs: int, kind: str) -> None:
        self.vocab, self.idf, self.ptr, self.post_doc, self.post_w = vocab, idf, ptr, post_doc, post_w
        self.n_docs, self.kind = n_docs, kind

    @classmethod
    def build(cls, docs: Iterable[list[str]], kind: str = "tfidf", k1: float = 1.2, b: float = 0.75) -> Inverted:
        """The index of ``docs`` (each a list of terms), one document at a time: postings go
        into typed arrays under provisional term ids, renumbered in term order at the end, so
        memory stays near the arrays' own size."""
        ids: dict[str, int] = {}
        df = array("q")
        rows_t, rows_d, rows_v, lens = array("q"), array("i"), array("d"), array("d")
        for di, d in enumerate(docs):
            c: dict[str, int] = {}
            for t in d:
                c[t] = c.get(t, 0) + 1
            for t, v in c.items():
                i = ids.get(t)
                if i is None:
                    i = ids[t] = len(ids)
                    df.append(0)
                df[i] += 1
                rows_t.append(i)
                rows_v.append(v)
            rows_d.extend([di] * len(c))
            lens.append(float(len(d)))
        n = len(lens)
        terms = sorted(ids)
        renumber = np.empty(len(terms), dtype=np.int64)
        renumber[[ids[t] for t in terms]] = np.arange(len(terms))
        dfa = np.zeros(len(terms), dtype=np.float64)
        dfa[renumber] = np.frombuffer(df, dtype=np.int64) if len(df) else np.zeros(0)
        if kind == "tfidf":
            idf = (np.log((1 + n) / (1 + dfa)) + 1).astype(np.float32)
        else:
            idf = np.log(1 + (n - dfa + 0.5) / (dfa + 0.5)).astype(np.float32)
        t_ = renumber[np.frombuffer(rows_t, dtype=np.int64)] if len(rows_t) else np.zeros(0, np.int64)
        d_ = np.frombuffer(rows_d, dtype=np.int32) if len(rows_d) else np.zeros(0, np.int32)
        v_ = np.frombuffer(rows_v, dtype=np.float64) if len(rows_v) else np.zeros(0)
        doc_len = np.frombuffer(lens, dtype=np.float64) if n else np.zeros(0)
        w: np.ndarray
        if kind == "tfidf":
            w = (1 + np.log(v_)) * idf[t_]
            norms = np.sqrt(np.bincount(d_, weights=w * w, minlength=n))
            w = w / np.maximum(norms[d_], 1e-12)
        else:
            avg = doc_len.mean() if n else 1.0
            w = v_ * (k1 + 1) / (v_ + k1 * (1 - b + b * doc_len[d_] / max(avg, 1e-12)))
        order = np.argsort(t_, kind="stable")
        ptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(t_, minlength=len(terms)), out=ptr[1:])
        return cls({t: i for i, t in enumerate(terms)}, idf, ptr, d_[order].copy(), w[order].astype(np.float32), n,
                   kind)

    def query(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        c: dict[int, int] = {}
        for t in terms:
            i = self.vocab.get(t)
            if i is not None:
                c[i] = c.get(i, 0) + 1
        if not c:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        ids = np.fromiter(c.keys(), dtype=np.int64, count=len(c))
        tf = np.fromiter(c.values(), dtype=np.float64, count=len(c))
        if self.kind == "tfidf":
            w = (1 + np.log(tf)) * self.idf[ids]
            w /= max(float(np.linalg.norm(w)), 1e-12)
        else:
            w = self.idf[ids].astype(np.float64)  # distinct query terms
        return ids, w.astype(np.float32)

    def score_all(self, terms: list[str]) -> np.ndarray:
        """The query's similarity to every document (float32, one per document)."""
        ids, w = self.query(terms)
        if len(ids) == 0:
            return np.zeros(self.n_docs, np.float32)
        starts, ends = self.ptr[ids], self.ptr[ids + 1]
        lens = ends - starts
        idx = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens) + np.arange(lens.sum())
        return np.bincount(self.post_doc[idx], weights=self.post_w[idx] * np.repeat(w, lens),
                           minlength=self.n_docs).astype(np.float32)

    # -- as arrays ----------------------------------------------------------------------------
    def arrays(self) -> dict[str, np.ndarray]:
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        return {"vocab": np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8),
                "meta": np.array([self.n_docs, KINDS.index(self.kind)], dtype=np.int64),
                "idf": self.idf, "ptr": self.ptr, "post_doc": self.post_doc, "post_w": self.post_w}

    @classmethod
    def from_arrays(cls, a: dict[str, np.ndarray]) -> Inverted:
        text = a["vocab"].tobytes().decode("utf-8")
        terms = text.split("\n") if text else []
        n_docs, kind = (int(x) for x in a["meta"])
        inv = cls({t: i for i, t in enumerate(terms)}, a["idf"], a["ptr"], a["post_doc"], a["post_w"], n_docs,
                  KINDS[kind])
        if len(inv.ptr) != len(terms) + 1 or len(inv.idf) != len(terms) or len(inv.post_doc) != len(inv.post_w):
            raise ValueError("an inverted index whose arrays disagree")
        return inv
