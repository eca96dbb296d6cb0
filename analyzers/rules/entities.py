"""Entity mentions -> clusters with a canonical name, aliases and a voted label."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from analyzers.model import Entity, Notice, Span
from analyzers.rules.candidates import text_of
from analyzers.rules.lexicon import FEMALE_NAMES, MALE_NAMES, ORG_NAME_ENDINGS
from analyzers.rules.names import acronym, is_near_miss, name_tokens

KEEP_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART")
_NAMEISH = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str


def mentions_from_doc(doc: object, base: int) -> list[Mention]:
    """Named-entity mentions of a parsed paragraph, trimmed of determiners and possessives."""
    out = []
    whole = text_of(doc)
    for ent in doc.ents:  # type: ignore[attr-defined]
        if ent.label_ not in KEEP_LABELS:
            continue
        toks = list(ent)
        while toks and toks[0].lower_ in ("the", "a", "an"):
            toks = toks[1:]
        # a dateline the tagger took into the name: "CLEVELAND - Donald Trump"
        dash = next((i for i, t in enumerate(toks[:4]) if t.text in ("-", "—", "–", "--")), None)
        if dash is not None and dash + 1 < len(toks) and all(t.is_upper or t.is_punct for t in toks[:dash]):
            toks = toks[dash + 1:]
        while toks and (toks[-1].lower_ in ("'s", "’s", "'", "’") or toks[-1].is_punct):
            toks = toks[:-1]
        if not toks:
            continue
        a, b = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        text = whole[a:b]
        if not name_tokens(text):
            continue
        out.append(Mention(base + a, base + b, text, ent.label_))
    return out


_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def _title_case(line: str) -> bool:
    """A headline set in Title Case: nearly every longer word capitalised, no closing period."""
    long = [w for w in _WORDS.findall(line) if len(w) > 3]
    if len(long) < 3 or line.rstrip().endswith("."):
        return False
    return sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def drop_headline_words(mentions: list[Mention], text: str, blocks: list[tuple[int, int]]) -> list[Mention]:
    """Mentions found only in Title Case headlines ('Layoffs Loom as Little Else Changes') are
    capitalised words the tagger took for names; one that also appears in the body stays."""
    titles = [(a, b) for a, b in blocks if _title_case(text[a:b])]
    if not titles:
        return mentions
    starts = [a for a, _ in titles]

    def in_title(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < titles[i][1]

    def elsewhere(form: str) -> bool:
        at = text.find(form)
        while at >= 0:
            if not in_title(at):
                return True
            at = text.find(form, at + 1)
        return False

    seen: dict[str, bool] = {}
    out = []
    for m in mentions:
        if in_title(m.start):
            if m.text not in seen:
                seen[m.text] = elsewhere(m.text)
            if not seen[m.text]:
                continue
        out.append(m)
    return out


class _Cluster:
    def __init__(self, words: list[str], label: str) -> None:
        self.words = words
        self.mentions: list[Mention] = []
        self.labels: Counter[str] = Counter()
        self.full_label = label if len(words) > 1 else None
        self.first = 1 << 62  # where its earliest mention starts

    @property
    def surname(self) -> str:
        return self.words[-1]


def cluster(mentions: list[Mention]) -> list[Entity]:
    """Group mentions into entities. Full names come first, so 'Sheinbaum' can join
    'Claudia Sheinbaum' whatever label the model gave the lone surname."""
    by_key: dict[str, _Cluster] = {}
    person_surnames: dict[str, list[_Cluster]] = defaultdict(list)
    tokens_of: dict[str, list[str]] = {}  # name_tokens once per surface form: linear in mentions
    for m in mentions:
        if m.text not in tokens_of:
            tokens_of[m.text] = name_tokens(m.text)
    person_firsts: dict[str, list[_Cluster]] = defaultdict(list)  # 'Dong' -> 'Dong Xiaolin'
    acronyms: dict[str, list[_Cluster]] = defaultdict(list)       # 'eu' -> 'European Union'
    order = sorted(mentions, key=lambda m: (-len(tokens_of[m.text]), m.start))
    assigned: dict[Mention, _Cluster] = {}
    for m in order:
        words = tokens_of[m.text]
        if m.label in ("ORG", "GPE", "NORP", "FAC") and _first_name_and_surname(m.text, words):
            m = Mention(m.start, m.end, m.text, "PERSON")  # "Donald Trump" tagged ORG
        key = " ".join(words)
        c = by_key.get(key)
        if c is None and len(words) > 1 and m.label == "PERSON":
            for other in person_surnames.get(words[-1], []):
                if other.words[0] == words[0] or len(other.words) == 1:
                    c = other
                    break
            if c is None:
                for surname, cands in list(person_surnames.items()):
                    if is_near_miss(surname, words[-1]):
                        c = cands[0]
                        person_surnames[words[-1]].append(c)
                        break
        if c is None and len(words) == 1:
            w = words[0]
            if w in person_surnames:  # any label: the tagger calls a lone surname FAC or EVENT too
                # the person introduced first: 'Trump' is Donald, not Ivanka introduced later
                c = min(person_surnames[w], key=lambda k: k.first)
            elif m.label in ("PERSON", "ORG"):
                for surname, cands in person_surnames.items():
                    if is_near_miss(surname, w):
                        c = cands[0]
                        break
            if c is None and m.label in ("ORG", "GPE", "NORP") and w.isalpha() and len(w) >= 2 \
                    and m.text.replace(".", "").isupper() and len(acronyms.get(w, ())) == 1:
                c = acronyms[w][0]
            if c is None and m.label in _NAMEISH and len(person_firsts.get(w, ())) == 1:
                c = person_firsts[w][0]  # surname first ('Dong Xiaolin' ... 'Dong said')
        if c is None:
            c = _Cluster(words, m.label)
            if len(words) > 1 and m.label == "PERSON":
                person_surnames[words[-1]].append(c)
                person_firsts[words[0]].append(c)
            if len(words) > 1 and m.label in ("ORG", "GPE", "NORP"):
                acronyms[acronym(words)].append(c)
        by_key.setdefault(key, c)
        c.mentions.append(m)
        c.first = min(c.first, m.start)
        c.labels[m.label] += 1
        assigned[m] = c
    clusters = list(dict.fromkeys(assigned.values()))
    clusters.sort(key=lambda c: min(m.start for m in c.mentions))
    entities = []
    for i, c in enumerate(clusters, 1):
        forms = Counter(m.text for m in c.mentions)
        longest = max(len(tokens_of[x.text]) for x in c.mentions)
        full = [m for m in c.mentions if len(tokens_of[m.text]) == longest]
        # Canonical: the full form whose surname most mentions share, then the most frequent.
        surname_votes = Counter(tokens_of[m.text][-1] for m in c.mentions)
        best = max(full, key=lambda m: (surname_votes[tokens_of[m.text][-1]], forms[m.text], len(m.text)))
        name = _display(best.text)
        label = c.full_label or c.labels.most_common(1)[0][0]
        if c.full_label is None and c.labels["PERSON"] and longest > 1:
            label = "PERSON"
        aliases = sorted({_display(m.text) for m in c.mentions} - {name}, key=lambda s: (-len(s), s))
        warnings = []
        canonical_surname = tokens_of[best.text][-1]
        canonical_tokens = set(tokens_of[best.text])
        seen: set[str] = set()
        # a surname spelt two ways is a person's; "EU" beside "European Union" is an acronym
        for m in sorted(c.mentions, key=lambda m: m.start) if label == "PERSON" else ():
            form = _display(m.text)
            shorter = set(tokens_of[m.text]) <= canonical_tokens  # "Dong" of "Dong Xiaolin"
            if tokens_of[m.text][-1] != canonical_surname and not shorter and form not in seen:
                seen.add(form)
                warnings.append(Notice("name_variant", f"'{form}' looks like a misspelling of '{name}'",
                                       m.start, m.end))
        flagged: set[int] = set()
        for m in c.mentions:
            scripts = scripts_of(m.text)
            if len(scripts) > 1 and m.start not in flagged:
                flagged.add(m.start)
                warnings.append(Notice("mixed_script", f"'{_display(m.text)}' mixes {' and '.join(sorted(scripts))} "
                                                       f"letters: a look-alike spelling?", m.start, m.end))
        spans = tuple(Span(m.start, m.end, m.text) for m in sorted(c.mentions, key=lambda m: m.start))
        entities.append(Entity(f"e{i}", name, label, tuple(aliases), spans, tuple(warnings)))
    return entities


def _first_name_and_surname(text: str, words: list[str]) -> bool:
    """'Donald Trump', 'Hillary Rodham Clinton': a known first name, then capitalised names."""
    parts = text.split()
    return 2 <= len(words) <= 4 and (words[0] in MALE_NAMES or words[0] in FEMALE_NAMES) and \
        all(p[:1].isupper() for p in parts) and words[-1] not in ORG_NAME_ENDINGS and words[-1].isalpha()


def scripts_of(text: str) -> set[str]:
    """Writing systems of the letters in ``text`` ('LATIN', 'CYRILLIC', ...)."""
    return {unicodedata.name(ch, "?").split(" ")[0] for ch in text if ch.isalpha()}


def _display(s: str) -> str:
    return " ".join(s.split())
