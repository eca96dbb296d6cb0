"""Attribution errors by category: what each false positive, miss and wrong speaker looks like.

Used by ``attribution.py``. False positives are sorted by why they failed to match (nested in
another prediction, a piece of a statement already matched, boundaries that run on, titles and
scare quotes) and otherwise by the rule that produced them; misses by the gold cue's type (the
parse supplies tags, so run with ``--cache``); speaker errors by what went wrong.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from analyzers.rules.lexicon import DIRECT_ONLY_VERBS, OBJECT_CUES, REPORTING_VERBS

IGNORED = set(" \t\n\"“”«»„'`’‘")
LEXICON = REPORTING_VERBS | DIRECT_ONLY_VERBS | set(OBJECT_CUES)
BE = {"be", "is", "was", "were", "been", "being", "are", "'s"}


@dataclass
class Article:
    name: str
    text: str
    preds: list[Any]
    golds: list[dict]
    pairs: list[tuple[int, int]]
    rules: tuple[str, ...]
    parsed: list[tuple[int, Any]] | None
    _starts: list[int] = field(default_factory=list)

    def tokens(self, a: int, b: int) -> list[Any]:
        """Parsed tokens whose start lies in [a, b)."""
        if not self.parsed:
            return []
        if not self._starts:
            self._starts = [s for s, _ in self.parsed]
        i = bisect.bisect_right(self._starts, a) - 1
        out = []
        while 0 <= i < len(self.parsed) and self.parsed[i][0] < b:
            base, doc = self.parsed[i]
            out += [t for t in doc if a <= base + t.idx < b]
            i += 1
        return out


def _chars(text: str, a: int, b: int) -> set[int]:
    return {i for i in range(a, b) if text[i] not in IGNORED}


def fp_category(art: Article, pi: int, gold_sets: list[set[int]], taken: set[int]) -> str:
    p = art.preds[pi]
    rule = art.rules[pi] if pi < len(art.rules) else "?"
    for qi, q in enumerate(art.preds):
        if qi != pi and ((q.start <= p.start and p.end <= q.end and (q.start, q.end) != (p.start, p.end))
                         or (p.cue is not None and q.start <= p.cue.start < q.end)):
            return "nested in another prediction"
    chars = _chars(art.text, p.start, p.end)
    best, best_gi = 0, -1
    for gi, gs in enumerate(gold_sets):
        n = len(chars & gs)
        if n > best:
            best, best_gi = n, gi
    if best_gi >= 0 and best * 2 >= len(chars) and best_gi in taken:
        return "piece of a statement already matched"
    if best_gi >= 0:
        g_end = max(b for _, b in art.golds[best_gi]["content"])
        if p.cue is not None and min(a for a, _ in art.golds[best_gi]["content"]) <= p.cue.start < g_end:
            return "nested in gold content"
        return "content runs on past the gold" if p.end > g_end + 3 else "boundary: starts early / wrong part"
    if p.kind == "direct" and len(art.text[p.start:p.end].split()) <= 6:
        return "title or scare quote"
    return f"no gold: rule {rule}"


def cue_type(art: Article, g: dict) -> str:
    if not g["source"]:
        return "no source"
    if (g["source_text"] or "").strip().lower() in ("it", "its"):
        return "'it' subject"
    cue = (g["cue_text"] or "").lower()
    if not cue:
        return "no cue"
    if "according" in cue:
        return "according to"
    if art.parsed is None:
        return "(needs --cache)"
    toks = [t for a, b in g["cue"] for t in art.tokens(a, b)]
    words = [t for t in toks if t.pos_ in ("VERB", "NOUN", "ADJ", "PROPN")]
    if not words:
        return "other cue"
    head = words[-1] if any(t.lower_ in BE or t.dep_ == "auxpass" for t in toks) else words[0]
    if head.pos_ == "PROPN" or (head.text[:1].isupper() and head.i > 0 and head.sent.text.istitle()):
        return "Title Case headline"
    if head.tag_ == "VBN" and (any(t.dep_ == "auxpass" or t.lower_ in BE for t in toks)
                               or any(c.dep_ == "auxpass" for c in head.children)):
        return "passive"
    if head.tag_ in ("VBG", "VBN") and head.dep_ == "acl":
        return "participle off a noun"
    if head.pos_ == "NOUN":
        return "noun cue"
    if head.pos_ == "ADJ":
        return "adjectival cue"
    return "lexicon verb" if head.lemma_.lower() in LEXICON else "out-of-lexicon verb"


def speaker_category(art: Article, pi: int, gi: int) -> str:
    p, g = art.preds[pi], art.golds[gi]
    rule = art.rules[pi] if pi < len(art.rules) else "?"
    if p.speaker is None:
        return "no speaker"
    if p.cue is None:
        return "cue-less continuation inherited"
    if rule in ("according_to", "colon", "noun_cue"):
        return f"rule {rule}"
    if any(p.cue.start < b and a < p.cue.end for a, b in g["cue"]):
        return "right cue, wrong subject span"
    return f"other cue than the gold's (embedded/outer verb): rule {rule}"


def gold_cue_lemmas(arts: list[Article], kind: str, top: int = 80) -> None:
    """Gold attributions of one cue type by cue lemma: found / gold."""
    n, ok = Counter(), Counter()
    for art in arts:
        taken = {gi for _, gi in art.pairs}
        for gi, g in enumerate(art.golds):
            if cue_type(art, g) != kind:
                continue
            toks = [t for a, b in g["cue"] for t in art.tokens(a, b)]
            word = " ".join(t.lemma_.lower() for t in toks if t.pos_ in ("VERB", "NOUN", "ADJ", "ADP", "PART")
                            and t.dep_ not in ("aux", "auxpass")) or (g["cue_text"] or "").lower()
            n[word] += 1
            ok[word] += gi in taken
    print(f"\nGOLD CUES OF TYPE {kind}: found/gold")
    print("  " + "  ".join(f"{w} {ok[w]}/{c}" for w, c in n.most_common(top)))


def cue_lemmas(arts: list[Article], rule: str, top: int = 40) -> None:
    """Matched / unmatched predictions of one rule by cue lemma: which cue words earn their keep."""
    n, ok = Counter(), Counter()
    for art in arts:
        matched = {pi for pi, _ in art.pairs}
        for pi, p in enumerate(art.preds):
            if (art.rules[pi] if pi < len(art.rules) else "?") != rule or p.cue is None:
                continue
            toks = art.tokens(p.cue.start, p.cue.end)
            word = next((t.lemma_.lower() for t in reversed(toks) if t.pos_ in ("VERB", "NOUN", "ADJ")),
                        p.cue.text.lower())
            n[word] += 1
            ok[word] += pi in matched
    print(f"\nCUES OF RULE {rule}: matched/predicted")
    print("  " + "  ".join(f"{w} {ok[w]}/{c}" for w, c in n.most_common(top)))


def report(arts: list[Article], speaker_ok: Callable[[Any, dict], bool], examples: int = 0,
           only: str = "") -> None:
    fps: dict[str, list[str]] = defaultdict(list)
    misses: dict[str, list[str]] = defaultdict(list)
    by_type, hit_type, overlapped = Counter(), Counter(), Counter()
    spk: dict[str, list[str]] = defaultdict(list)
    rule_n, rule_ok = Counter(), Counter()
    for art in arts:
        gold_sets = [set().union(*(range(a, b) for a, b in g["content"])) for g in art.golds]
        taken = {gi for _, gi in art.pairs}
        matched_p = {pi for pi, _ in art.pairs}
        for pi, p in enumerate(art.preds):
            rule = art.rules[pi] if pi < len(art.rules) else "?"
            rule_n[rule] += 1
            rule_ok[rule] += pi in matched_p
            if pi in matched_p:
                continue
            cat = fp_category(art, pi, gold_sets, taken)
            fps[cat].append(f"{art.name} [{rule}] cue={p.cue.text if p.cue else None!r} "
                            f"speaker={p.speaker.text if p.speaker else None!r} | {_clip(p.text)}")
        for gi, g in enumerate(art.golds):
            t = cue_type(art, g)
            by_type[t] += 1
            if gi in taken:
                hit_type[t] += 1
                continue
            near = any(_overlaps(p, g) for p in art.preds)
            overlapped[t] += near
            misses[t].append(f"{art.name} {'(overlapped) ' if near else ''}cue={g['cue_text']!r} "
                             f"source={g['source_text']!r} | {_clip(g['content_text'])}")
        for pi, gi in art.pairs:
            g = art.golds[gi]
            if g["source"] and not speaker_ok(art.preds[pi], g):
                p = art.preds[pi]
                cat = speaker_category(art, pi, gi)
                spk[cat].append(f"{art.name} cue={p.cue.text if p.cue else None!r} "
                                f"ours={p.speaker.text if p.speaker else None!r} gold={g['source_text']!r} "
                                f"gold cue={g['cue_text']!r} | {_clip(p.text, 90)}")
    n_fp = sum(len(v) for v in fps.values())
    print(f"\nFALSE POSITIVES ({n_fp})")
    for cat, rows in sorted(fps.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(rows):5d}  {cat}")
    print("\nPRECISION BY RULE")
    for rule, n in rule_n.most_common():
        print(f"  {rule:16s} {rule_ok[rule]:5d}/{n:<5d} {rule_ok[rule] / n:.2f}")
    n_miss = sum(len(v) for v in misses.values())
    print(f"\nMISSES ({n_miss}) by gold cue type: gold, recall, missed (of which a prediction overlaps)")
    for t, n in by_type.most_common():
        print(f"  {t:28s} {n:6d}  {hit_type[t] / n:.2f}  {n - hit_type[t]:5d} ({overlapped[t]})")
    n_spk = sum(len(v) for v in spk.values())
    print(f"\nSPEAKER ERRORS ({n_spk})")
    for cat, rows in sorted(spk.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(rows):5d}  {cat}")
    if examples:
        for label, table in (("FP", fps), ("MISS", misses), ("SPEAKER", spk)):
            for cat, rows in table.items():
                if only and only not in cat:
                    continue
                print(f"\n--- {label}: {cat}")
                for row in rows[:examples]:
                    print("   ", row)


def _overlaps(p: Any, g: dict) -> bool:
    return any(p.start < b and a < p.end for a, b in g["content"])


def _clip(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
