"""What the sidebar's sections list: rows of plain Text built from an Analysis, each with the
Item (document spans) it stands for, None for a header. Pure functions of a Context; which
section uses which builder is decided in tui/sections.py.

Styles come by role from a ``Look``: the sidebar fills it from its component classes
(``sidebar--heading`` …), so themes and stylesheets restyle the lists; DEFAULT_LOOK is the same
styles without a widget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from rich.style import Style
from rich.text import Text

from analyzers.ingest.sanitize import display
from analyzers.model import Analysis, Entity, Notice, QuoteKind
from analyzers.rules.claim_rules import KINDS as CLAIM_KINDS
from analyzers.store.review.marks import LABELS, SIGNS, UNREVIEWED, ItemKind, ItemReview
from tui.widgets.hang import clip

ReviewOf = Callable[[str, str], ItemReview]
StyleLike = Style | str

MAX_ITEMS = 400
LABEL_GROUPS = (("PERSON", "People"), ("ORG", "Organisations"), ("GPE", "Places"), ("LOC", "Places"),
                ("NORP", "Groups"), ("FAC", "Places"))
DOCUMENT_WARNINGS = ("bidi_controls", "invisible_characters", "hidden_tag_text", "control_characters_removed",
                     "truncated_input", "invalid_bytes", "legacy_encoding", "empty")
KIND_WORDS = {"quote_claim": "quote claim"}
KIND_REASON = {"statistic": "statistic", "comparison": "comparison", "causal": "causal claim",
               "prediction": "prediction", "quote_claim": "attributed"}  # the kind already says it

__all__ = ["CLAIM_KINDS", "DEFAULT_LOOK", "Context", "Item", "Look", "Row", "claim_rows", "entity_item",
           "entity_rows", "partial_rows", "quote_rows", "source_rows"]


@dataclass(frozen=True, slots=True)
class Item:
    section: str              # the section's name (tui/sections.py)
    ref: str                  # id of the entity / quote / source / claim
    spans: tuple[tuple[int, int], ...]


Row = tuple[Text, Item | None]


@dataclass(frozen=True, slots=True)
class Look:
    """The sidebar's styles by role; each is the component class ``sidebar--<role>``."""

    heading: StyleLike = "bold underline"   # a group's title: People (12)
    summary: StyleLike = "bold"             # a list's one-line count: 4 named · 2 anonymous
    warning: StyleLike = "bold"             # ⚠ rows and flags
    name: StyleLike = "bold"                # who speaks, a source, a claim's kind
    score: StyleLike = "bold"               # a claim's score and bar
    meta: StyleLike = "dim"                 # counts, kinds, reasons
    hint: StyleLike = "dim"                 # what a key does here: 'f cycles'
    aside: StyleLike = "italic"             # a cue, a source's description
    verdict: StyleLike = "bold reverse"     # ✓ verified
    note: StyleLike = "italic"              # ✎ the reviewer's note
    more: StyleLike = "italic dim"          # … 12 more not listed
    visible: StyleLike = "bold"             # the mark beside an item that is on screen


ROLES = tuple(f.name for f in fields(Look))
DEFAULT_LOOK = Look()


def no_review(kind: str, item_id: str) -> ItemReview:
    return UNREVIEWED


def no_badge(claim_id: str) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a row builder may read."""

    analysis: Analysis
    section: str = ""                       # the name its Items carry
    review: ReviewOf = no_review
    orphans: tuple[tuple[str, Text], ...] = ()  # (section, row): marks whose item is gone, atop its kind's list
    warnings: tuple[Notice, ...] = ()       # the document's own, from loading it
    length: int = 0                         # the document's length in characters
    kind: str | None = None                 # the list's filter (f): only items of this kind
    look: Look = DEFAULT_LOOK
    team: bool = False                      # a shared desk: each decision shows who made it
    checked: Callable[[str], str | None] = no_badge   # a claim's "checked before: …" badge, if any


def partial_rows(c: Context) -> list[Row]:
    """A first row in every list when the analysis covers only part of the article."""
    from tui.widgets.status_line import coverage

    part = coverage(c.analysis, c.length)
    if part is None:
        return []
    return [(Text(f"⚠ analysed the {part} of the article only: what follows is not in these lists",
                  style=c.look.warning), None)]


def _more(c: Context, n: int) -> Row:
    return Text(f"… {n} more not listed", style=c.look.more), None


def entity_item(e: Entity, section: str = "") -> Item:
    """The entity with its mentions ("" for a section: the reader's own, not a list's)."""
    return Item(section, e.id, tuple((m.start, m.end) for m in e.mentions))


def entity_rows(c: Context) -> list[Row]:
    a, look = c.analysis, c.look
    rows: list[Row] = []
    for w in c.warnings + a.warnings:
        if w.kind in DOCUMENT_WARNINGS:
            rows.append((Text(f"⚠ {clip(w.message, 120)}", style=look.warning), None))
    groups: dict[str, list[Entity]] = {}
    for e in a.entities:
        title = next((t for lab, t in LABEL_GROUPS if lab == e.label), "Other")
        groups.setdefault(title, []).append(e)
    shown = 0
    for title in ("People", "Organisations", "Places", "Groups", "Other"):
        ents = sorted(groups.get(title, []), key=lambda e: (-len(e.mentions), e.name))
        if not ents:
            continue
        rows.append((Text(f"{title} ({len(ents)})", style=look.heading), None))
        for e in ents:
            if shown >= MAX_ITEMS:
                break
            shown += 1
            t = Text(clip(e.name, 40))
            t.append(f"  ×{len(e.mentions)}", style=look.meta)
            kinds = {w.kind for w in e.warnings}
            if "name_variant" in kinds:
                text_at: dict[int | None, str] = {m.start: m.text for m in e.mentions}
                forms = dict.fromkeys(" ".join(text_at.get(w.start, "").split())
                                      for w in e.warnings if w.kind == "name_variant")
                t.append("  ⚠ variant: " + ", ".join(clip(x, 30) for x in list(forms)[:2]), style=look.warning)
            if "mixed_script" in kinds:
                t.append("  ⚠ mixed script", style=look.warning)
            rows.append((t, entity_item(e, c.section)))
    if len(a.entities) > shown:
        rows.append(_more(c, len(a.entities) - shown))
    return rows


def _verdict(c: Context, t: Text, r: ItemReview) -> None:
    """A verdict as a sign and a word, readable without colour, with who made it and when on a
    shared desk ('✓ verified — alice, 10:42'); reviewers who disagree are shown as disputed
    between them, each with their own verdict; a mark on words that have changed since says so
    (w shows what they were)."""
    if r.status != "unreviewed":
        t.append(f" {SIGNS[r.status]} {LABELS[r.status]} ", style=c.look.verdict)
        if r.contested:
            views = [d for d in r.views if d.status != "unreviewed"]
            t.append("between " + " and ".join(f"{who(d.by)} ({SIGNS[d.status]} {LABELS[d.status]})" for d in views),
                     style=c.look.meta)
        elif r.by is not None and r.history and (c.team or len({d.by for d in r.history}) > 1):
            t.append(f"— {who(r.by)}, {clock(r.updated)}", style=c.look.meta)
        t.append(" ")
    if r.assigned_to:
        t.append(f"→ {who(r.assigned_to)} ", style=c.look.meta)
    if r.was is not None:
        t.append("reworded since you marked it (w: what it said) ", style=c.look.meta)


def who(account: str | None) -> str:
    return display(account or "someone", limit=24)


def clock(at: str | None) -> str:
    """'10:42' today's decisions, '2 Dec 10:42' older ones (UTC as stored; the reader's own clock
    would differ between reviewers)."""
    if not at:
        return ""
    from datetime import UTC, datetime

    try:
        when = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return ""
    today = datetime.now(UTC).date()
    return when.strftime("%H:%M") if when.date() == today else when.strftime("%-d %b %H:%M")


def _orphans(c: Context) -> list[Row]:
    return [(t, None) for section, t in c.orphans if section == c.section]


def _note(c: Context, t: Text, r: ItemReview) -> None:
    """The note; on a shared desk, each reviewer's own with their name (both, when they disagree)."""
    noted = [d for d in r.views if d.note]
    if len({d.by for d in noted}) > 1:
        for d in noted:
            t.append(f"\n  ✎ {who(d.by)}: {clip(d.note or '', 100)}", style=c.look.note)
    elif r.note:
        t.append(f"\n  ✎ {clip(r.note, 110)}", style=c.look.note)


def quote_rows(c: Context) -> list[Row]:
    a, look = c.analysis, c.look
    rows: list[Row] = _orphans(c)
    for q in a.quotes[:MAX_ITEMS]:
        who = q.speaker.name if q.speaker else "unattributed claim"
        t = Text()
        if q.parent:  # "X told Y that Z said ...": Z's statement sits inside X's
            t.append("  ↳ ", style=look.meta)
        t.append(clip(who, 34), style=look.name)
        if q.cue is not None:  # no cue: nothing to say there (not "Trump — —")
            t.append(" — ")
            t.append(clip(q.cue.text, 20), style=look.aside)
        t.append(f"  {QuoteKind(q.kind).tag}", style=look.meta)
        if q.parent:
            t.append(f" · inside {q.parent}", style=look.meta)
        t.append("\n  ")
        _verdict(c, t, c.review(ItemKind.QUOTE, q.id))
        t.append(clip(q.text, 110))
        _note(c, t, c.review(ItemKind.QUOTE, q.id))
        spans = [(q.start, q.end)] + ([(q.speaker.start, q.speaker.end)] if q.speaker else [])
        rows.append((t, Item(c.section, q.id, tuple(spans))))
    if len(a.quotes) > MAX_ITEMS:
        rows.append(_more(c, len(a.quotes) - MAX_ITEMS))
    return rows


def plural_word(kind: str, n: int) -> str:
    """'2 officials', '1 group'; 'named', 'anonymous' and 'other' stay as they are."""
    return kind if n == 1 or kind in ("named", "anonymous", "other") else f"{kind}s"


def source_rows(c: Context) -> list[Row]:
    a, look = c.analysis, c.look
    quotes = {q.id: q for q in a.quotes}
    counts = " · ".join(f"{n} {plural_word(kind, n)}" for kind, n in a.source_counts())
    head = Text(f"{counts} · {a.anonymous_share():.0%} of quotes anonymous", style=look.summary)
    rows: list[Row] = [(head, None)]
    ents = a.entity_by_id()
    for s in sorted(a.sources, key=lambda s: (-len(s.quotes), s.name))[:MAX_ITEMS]:
        t = Text()
        t.append("◆ " if s.named else "◇ ", style=look.name)
        t.append(clip(s.name, 40), style=look.name)
        if s.description and s.description.casefold() not in s.name.casefold():  # never "(Mexican official)" twice
            t.append(f" ({clip(s.description, 30)})", style=look.aside)
        n = len(s.quotes)
        t.append(f"\n  {' · '.join(s.kind_words())} · {n} quote{'s' if n != 1 else ''}",
                 style=look.meta)
        speakers = [quotes[q].speaker for q in s.quotes if q in quotes]
        spans = [(sp.start, sp.end) for sp in speakers if sp is not None]
        if s.entity and s.entity in ents:
            spans += [(m.start, m.end) for m in ents[s.entity].mentions]
        rows.append((t, Item(c.section, s.id, tuple(sorted(set(spans))))))
    if len(a.sources) > MAX_ITEMS:
        rows.append(_more(c, len(a.sources) - MAX_ITEMS))
    return rows


def claim_rows(c: Context) -> list[Row]:
    """The listed claims in text order; the list's ``kind`` keeps only claims of that kind."""
    a, look, kind = c.analysis, c.look, c.kind
    rows: list[Row] = _orphans(c)
    if a.claims:
        done = sum(c.review(ItemKind.CLAIM, x.id).status != "unreviewed" for x in a.claims)
        rows.append((Text(f"{done}/{len(a.claims)} reviewed · r opens the review queue", style=look.hint), None))
    # a claim is of a kind when that is its kind or one of its reasons: a statistic that also
    # compares is counted among the comparisons the list shows it carrying
    shown = [x for x in a.claims if kind is None or x.kind == kind or KIND_REASON.get(kind, kind) in x.reasons]
    if a.claims:
        what = f"{KIND_WORDS.get(kind, kind)}: {len(shown)} of {len(a.claims)}" if kind else "all kinds"
        rows.append((Text(f"filter {what} · f cycles", style=look.hint), None))
    for x in shown[:MAX_ITEMS]:
        t = Text()
        t.append(f"{x.score:.2f} {_bar(x.score)} ", style=look.score)
        t.append(KIND_WORDS.get(x.kind, x.kind), style=look.name)
        why = [r for r in x.reasons if r != KIND_REASON.get(x.kind)]
        t.append(" · " + (" · ".join(why) or "—"), style=look.meta)
        t.append("\n  ")
        r = c.review(ItemKind.CLAIM, x.id)
        _verdict(c, t, r)
        t.append(clip(x.text, 110))
        _checked(c, t, x.id)
        _note(c, t, r)
        rows.append((t, Item(c.section, x.id, ((x.start, x.end),))))
    if len(shown) > MAX_ITEMS:
        rows.append(_more(c, len(shown) - MAX_ITEMS))
    return rows


def _checked(c: Context, t: Text, claim_id: str) -> None:
    """⚑ checked before: Snopes — False, 2021 (an earlier fact-check matches it: F shows them)."""
    said = c.checked(claim_id)
    if said:
        t.append(f"\n  ⚑ {clip(said, 100)}", style=c.look.warning)


def _bar(score: float, width: int = 5) -> str:
    """The score in eighths of a cell, so 0.62 and 0.70 look different."""
    eighths = round(max(0.0, min(1.0, score)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + " ▏▎▍▌▋▊▉"[part].strip()).ljust(width)
