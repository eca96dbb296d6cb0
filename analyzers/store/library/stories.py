"""Near-duplicate stories: the same wire copy carried by several feeds is one story with several
copies. Each article keeps a bottom-k sketch of its text's word shingles; two articles whose
sketches estimate a Jaccard similarity of at least SIMILAR are copies of one story.

The sketch's hashes are rows of an indexed table, so finding the candidates for a new article is
one query over the articles that share enough of its hashes, not a scan of the library.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3

SHINGLE = 5        # words per shingle: short enough to survive small edits, long enough to be rare
K = 64             # hashes kept per article
SIMILAR = 0.5      # estimated Jaccard at and above which two texts are one story
MIN_SHARED = 12    # sketch hashes two copies must share before their similarity is estimated

_WORD = re.compile(r"\w+")


def sketch(text: str) -> list[int]:
    """The K smallest 63-bit hashes of the text's word shingles (case and punctuation folded)."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        shingles = {" ".join(words)} if words else set()
    else:
        shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = {int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
              >> 1 for s in shingles}
    return sorted(hashes)[:K]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two sketches (bottom-k of the union, shared by both)."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:K]
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def assign(db: sqlite3.Connection, article_id: int, text: str) -> int:
    """Store the article's sketch and put it in the story of its closest copy (or its own);
    returns the story id. Inside the caller's transaction."""
    mine = sketch(text)
    db.execute("DELETE FROM sketches WHERE article_id = ?", (article_id,))
    db.executemany("INSERT OR IGNORE INTO sketches (article_id, hash) VALUES (?, ?)",
                   [(article_id, h) for h in mine])
    story = article_id
    if len(mine) >= MIN_SHARED:
        marks = ",".join("?" * len(mine))
        candidates = db.execute(
            f"SELECT article_id FROM sketches WHERE hash IN ({marks}) AND article_id != ? "
            f"GROUP BY article_id HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC LIMIT 20",
            (*mine, article_id, MIN_SHARED)).fetchall()
        best = 0.0
        for (other,) in candidates:
            theirs = [r[0] for r in db.execute("SELECT hash FROM sketches WHERE article_id = ?", (other,))]
            score = similarity(mine, theirs)
            if score >= SIMILAR and score > best:
                row = db.execute("SELECT COALESCE(story, id) FROM articles WHERE id = ?", (other,)).fetchone()
                if row is not None:
                    best, story = score, int(row[0])
    db.execute("UPDATE articles SET story = ? WHERE id = ?", (story, article_id))
    return story
