"""What changed between two versions of an article: paragraphs added, removed or edited (aligned
with difflib), and quotes reworded, removed, added or re-attributed (matched by speaker and fuzzy
text, from the cross-article index, which keeps every analysed version's quotes).
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from dataclasses import dataclass

from rapidfuzz import fuzz

from analyzers.model import Document

EDITED = 0.5        # paragraphs at least this similar are one paragraph edited, not one removed + one added
REWORDED = 60       # same speaker, texts at least this similar (0-100): the quote was reworded
REATTRIBUTED = 85   # another speaker, texts at least this similar: the quote was re-attributed


@dataclass(frozen=True)
class ParagraphChange:
    kind: str                  # added | removed | edited
    old: str | None
    new: str | None
    new_start: int | None = None   # where it is in the newer text (added, edited)

    def words(self) -> list[tuple[str, str]]:
        """An edit word by word: ("=", same), ("-", removed), ("+", added)."""
        return word_diff(self.old or "", self.new or "")


@dataclass(frozen=True)
class IndexedQuote:
    text: str
    speaker: str | None
    person_id: int | None
    kind: str
    cue: str | None
    start: int
    end: int

    @property
    def speaker_key(self) -> object:
        return self.person_id if self.person_id is not None else (self.speaker or "").casefold() or None


@dataclass(frozen=True)
class QuoteChange:
    kind: str                  # reworded | removed | added | reattributed
    old: IndexedQuote | None
    new: IndexedQuote | None


def _paragraphs(doc: Document) -> list[tuple[str, int]]:
    return [(" ".join(doc.block_text(b).split()), b.start) for b in doc.analysable_blocks()
            if doc.block_text(b).strip()]


def paragraph_changes(old: Document, new: Document) -> list[ParagraphChange]:
    """The newer text's changes, in its order."""
    a, b = _paragraphs(old), _paragraphs(new)
    out: list[ParagraphChange] = []
    matcher = difflib.SequenceMatcher(None, [t for t, _ in a], [t for t, _ in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        # pair the most similar paragraphs of a replaced run, in order; the rest were removed or added
        pairs: list[tuple[int, int]] = []
        j_from = 0
        for i, (text, _) in enumerate(olds):
            best, best_j = EDITED, None
            for j in range(j_from, len(news)):
                m = difflib.SequenceMatcher(None, text.split(), news[j][0].split(), autojunk=False)
                if m.real_quick_ratio() < best or m.quick_ratio() < best:  # bounds: skip what can't pair
                    continue
                r = m.ratio()
                if r >= best:
                    best, best_j = r, j
            if best_j is not None:
                pairs.append((i, best_j))
                j_from = best_j + 1
        paired_old = {i for i, _ in pairs}
        paired_new = {j: i for i, j in pairs}
        out += [ParagraphChange("removed", t, None) for i, (t, _) in enumerate(olds) if i not in paired_old]
        for j, (text, start) in enumerate(news):
            if j in paired_new:
                out.append(ParagraphChange("edited", olds[paired_new[j]][0], text, start))
            else:
                out.append(ParagraphChange("added", None, text, start))
    return out


_TOKEN = re.compile(r"\S+\s*")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return out


def indexed_quotes(db: sqlite3.Connection, version_id: int) -> list[IndexedQuote] | None:
    """A version's quotes as the index holds them; None when the version was never analysed."""
    if db.execute("SELECT 1 FROM indexed WHERE version_id = ?", (version_id,)).fetchone() is None:
        return None
    rows = db.execute('SELECT text, speaker, person_id, kind, cue, start, "end" FROM quotes WHERE version_id = ? '
                      "ORDER BY start", (version_id,))
    return [IndexedQuote(*r) for r in rows]


def quote_changes(old: list[IndexedQuote], new: list[IndexedQuote]) -> list[QuoteChange]:
    """Pairs each newer quote with the older one it came from (best match first): the same
    speaker with similar words is one quote (reworded unless identical); very similar words
    from another speaker were re-attributed. What is left was removed or added."""
    candidates: list[tuple[int, float, int, int]] = []   # (priority, similarity, old index, new index)
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            same = o.speaker_key == n.speaker_key   # two unattributed quotes count as one speaker
            if same and o.text == n.text:
                candidates.append((3, 100.0, i, j))
                continue
            r = fuzz.ratio(o.text, n.text)
            if same and r >= REWORDED:
                candidates.append((2, r, i, j))
            elif not same and r >= REATTRIBUTED:
                candidates.append((1, r, i, j))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[3]))
    taken_old: set[int] = set()
    matched: dict[int, tuple[int, int]] = {}   # new index -> (priority, old index)
    for priority, _, i, j in candidates:
        if i in taken_old or j in matched:
            continue
        taken_old.add(i)
        matched[j] = (priority, i)
    out: list[QuoteChange] = []
    for j, n in enumerate(new):
        if j not in matched:
            out.append(QuoteChange("added", None, n))
            continue
        priority, i = matched[j]
        if priority == 2:
            out.append(QuoteChange("reworded", old[i], n))
        elif priority == 1:
            out.append(QuoteChange("reattributed", old[i], n))
    out += [QuoteChange("removed", o, None) for i, o in enumerate(old) if i not in taken_old]
    return out
