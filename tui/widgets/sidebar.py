"""The sidebar: entities, quotes, sources and claims, each an OptionList built from plain Text.

Every item remembers the document span(s) it stands for, so the screen can jump to it and the
sidebar can mark the items that are on screen.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList, TabbedContent, TabPane
from textual.widgets.option_list import Option

from analyzers.model import Analysis, Entity, Notice, QuoteKind
from analyzers.store.review.session import LABELS, SIGNS, UNREVIEWED, ItemReview

ReviewOf = Callable[[str, str], ItemReview]


def _no_review(kind: str, item_id: str) -> ItemReview:
    return UNREVIEWED

SECTIONS = ("entities", "quotes", "sources", "claims")
TITLES = {"entities": "Entities", "quotes": "Quotes", "sources": "Sources", "claims": "Claims"}
MAX_ITEMS = 400
LABEL_GROUPS = (("PERSON", "People"), ("ORG", "Organisations"), ("GPE", "Places"), ("LOC", "Places"),
                ("NORP", "Groups"), ("FAC", "Places"))
VISIBLE_MARK = "▍"


@dataclass(frozen=True, slots=True)
class Item:
    section: str
    ref: str                  # id of the entity / quote / source / claim
    spans: tuple[tuple[int, int], ...]


@lru_cache(maxsize=1)
def _measuring_console() -> Console:
    return Console(width=200, color_system=None, legacy_windows=False, file=io.StringIO())


def hang(text: Text, width: int) -> Text:
    """``text`` wrapped to ``width`` cells with a hanging indent: a line's continuation lines
    start under its own first character (at least two columns in), never at column 0."""
    out = Text()
    for n, line in enumerate(text.split("\n", allow_blank=True)):
        if n:
            out.append("\n")
        plain = line.plain
        if cell_len(plain) <= width:  # the common case: nothing to wrap
            out.append_text(line)
            continue
        lead = len(plain) - len(plain.lstrip(" "))
        indent = max(2, lead)
        for k, part in enumerate(_wrap_hanging(line[lead:], width - lead, width - indent)):
            out.append("\n" + " " * indent if k else " " * lead)
            part.rstrip()
            out.append_text(part)
    return out


def _wrap_hanging(body: Text, first: int, later: int) -> list[Text]:
    """``body`` as lines: the first fits ``first`` cells, the others ``later``."""
    console = _measuring_console()
    lines = body.wrap(console, max(10, first))
    if len(lines) <= 1:
        return list(lines)
    head = lines[0]
    rest = body[len(head.plain):]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")):]
    return [head, *rest.wrap(console, max(10, later))]


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


class Section(OptionList):
    """One sidebar list; ``items[i]`` is the item behind option ``i`` (None for headers)."""

    def __init__(self, section: str) -> None:
        super().__init__(id=f"list-{section}")
        self.section = section
        self.items: list[Item | None] = []
        self.prompts: list[Text] = []
        self.on_screen: set[int] = set()

    def fill(self, rows: list[tuple[Text, Item | None]]) -> None:
        keep = self.highlighted
        self.items = [item for _, item in rows]
        self.prompts = [prompt for prompt, _ in rows]
        self.on_screen = set()
        self.set_options(Option(self._decorate(i), disabled=item is None) for i, (_, item) in enumerate(rows))
        if keep is not None and keep < len(rows) and rows[keep][1] is not None:
            self.highlighted = keep

    def _decorate(self, i: int) -> Text:
        mark = Text(VISIBLE_MARK if i in self.on_screen else " ", style="bold")
        return Text.assemble(mark, hang(self.prompts[i], self._wrap_width()))

    def _wrap_width(self) -> int:
        """Cells left for an option's text (the mark column takes one): the sidebar's width,
        or a guess before it is laid out."""
        width = self.scrollable_content_region.width or 40
        return max(20, width - 2)

    def on_resize(self) -> None:
        if self.prompts:  # wrapping depends on the width: redo it
            self.set_options(Option(self._decorate(i), disabled=item is None) for i, item in enumerate(self.items))

    def mark_visible(self, start: int, end: int) -> None:
        now = {i for i, item in enumerate(self.items)
               if item is not None and any(a < end and b > start for a, b in item.spans)}
        changed = now ^ self.on_screen
        self.on_screen = now
        for i in changed:
            if i < self.option_count:
                self._remark(i)

    def _remark(self, i: int) -> None:
        """Swap the mark of one option and repaint only its lines: the mark never changes an
        option's height, so the line cache stays (a full refresh costs kilobytes over SSH)."""
        self.get_option_at_index(i)._set_prompt(self._decorate(i))
        self._option_render_cache.clear()
        line = self._index_to_line.get(i)
        if line is None:
            return
        top = line - int(self.scroll_y)
        height = self._heights.get(i, 1)
        if top + height > 0 and top < self.size.height:
            self.refresh(Region(0, max(0, top), self.size.width, height))

    def index_of(self, ref: str) -> int | None:
        for i, item in enumerate(self.items):
            if item is not None and item.ref == ref:
                return i
        return None


CLAIM_KINDS = ("statistic", "comparison", "causal", "prediction", "quote_claim", "fact")
KIND_WORDS = {"quote_claim": "quote claim"}
KIND_REASON = {"statistic": "statistic", "comparison": "comparison", "causal": "causal claim",
               "prediction": "prediction", "quote_claim": "attributed"}  # the kind already says it


class ClaimSection(Section):
    """The Claims list; ``f`` cycles a kind filter: all → statistic → … → fact → all."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f", "cycle_kind", "filter claims by kind")]

    class KindChanged(Message):
        """The filter moved on: the sidebar refills the list."""

    def __init__(self) -> None:
        super().__init__("claims")
        self.kind: str | None = None

    def action_cycle_kind(self) -> None:
        order = (None, *CLAIM_KINDS)
        self.kind = order[(order.index(self.kind) + 1) % len(order)]
        self.highlighted = None
        self.post_message(self.KindChanged())


class Sidebar(Vertical):
    DEFAULT_CSS = """
    Sidebar { width: 100%; height: 100%; }
    Sidebar OptionList { height: 1fr; border: none; padding: 0; }
    Sidebar TabbedContent { height: 1fr; }
    Sidebar TabPane { padding: 0; }
    """

    class Selected(Message):
        """Enter on an item: jump to it."""

        def __init__(self, item: Item) -> None:
            self.item = item
            super().__init__()

    class Focused(Message):
        """An item was highlighted (the selected entity/source for mention jumps)."""

        def __init__(self, item: Item) -> None:
            self.item = item
            super().__init__()

    def __init__(self, document_warnings: tuple[Notice, ...] = (), document_length: int = 0, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.document_warnings = document_warnings
        self.document_length = document_length
        self._pending: dict[str, Callable[[], list[tuple[Text, Item | None]]]] = {}
        self._claim_rows: Callable[[], list[tuple[Text, Item | None]]] | None = None

    def compose(self) -> ComposeResult:
        with TabbedContent(id="sections"):
            for i, name in enumerate(SECTIONS, 1):
                with TabPane(f"{i} {TITLES[name]}", id=f"tab-{name}"):
                    yield ClaimSection() if name == "claims" else Section(name)

    def section(self, name: str) -> Section:
        """The list for ``name``, filled first if new results arrived while it was hidden."""
        lst = self.query_one(f"#list-{name}", Section)
        build = self._pending.pop(name, None)
        if build is not None:
            lst.fill(build())
        return lst

    def _active(self) -> str:
        """The open section's name; "" while the tabs are not composed yet."""
        tabs = self.query(TabbedContent)
        return tabs.first().active.removeprefix("tab-") if tabs else ""

    def on_mount(self) -> None:
        # results that arrived before the lists existed are shown once they do
        self.call_after_refresh(self._reapply_visible)

    def show(self, name: str, focus: bool = True) -> None:
        self.query_one(TabbedContent).active = f"tab-{name}"
        if focus:
            self.section(name).focus()

    def select(self, section: str, ref: str) -> None:
        lst = self.section(section)
        i = lst.index_of(ref)
        if i is not None:
            self.query_one(TabbedContent).active = f"tab-{section}"
            lst.highlighted = i

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        lst = event.option_list
        if isinstance(lst, Section) and lst.items[event.option_index] is not None:
            self.post_message(self.Selected(lst.items[event.option_index]))  # type: ignore[arg-type]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        lst = event.option_list
        if isinstance(lst, Section) and event.option_index < len(lst.items):
            item = lst.items[event.option_index]
            if item is not None:
                self.post_message(self.Focused(item))

    def update_analysis(self, a: Analysis, review: ReviewOf = _no_review, orphans: list[Text] | None = None) -> None:
        """New results: only the open list is rebuilt now (a list of hundreds of items costs tens
        of milliseconds, and keys wait meanwhile); the others when they are opened."""
        part = partial_rows(a, self.document_length)
        self._pending.update({
            "entities": lambda: part + entity_rows(a, self.document_warnings),
            "quotes": lambda: part + quote_rows(a, review),
            "sources": lambda: part + source_rows(a),
        })
        self._claims_from(a, review, orphans or [])
        self._reapply_visible()

    def update_review(self, a: Analysis, review: ReviewOf, orphans: list[Text]) -> None:
        """Marks or notes changed: only the two lists that show them."""
        part = partial_rows(a, self.document_length)
        self._pending["quotes"] = lambda: part + quote_rows(a, review)
        self._claims_from(a, review, orphans)
        self._reapply_visible()

    def _claims_from(self, a: Analysis, review: ReviewOf, orphans: list[Text]) -> None:
        """Queue the Claims list; the filter key rebuilds it from the same analysis. Nothing is
        queried here: the lists may not be composed yet (a cached analysis arrives at once)."""
        part = partial_rows(a, self.document_length)

        def rows() -> list[tuple[Text, Item | None]]:
            return part + claim_rows(a, review, orphans, self.query_one("#list-claims", ClaimSection).kind)

        self._claim_rows = rows
        self._pending["claims"] = rows

    def on_claim_section_kind_changed(self, event: ClaimSection.KindChanged) -> None:
        event.stop()
        if self._claim_rows is not None:
            self.query_one("#list-claims", ClaimSection).fill(self._claim_rows())

    def _reapply_visible(self) -> None:
        active = self._active()
        rng = getattr(self, "_visible_range", None)
        if rng is not None:
            self.mark_visible(*rng)
        elif active in SECTIONS:
            self.section(active)

    def highlighted_item(self) -> Item | None:
        """The item under the cursor of the open section."""
        active = self._active()
        if active not in SECTIONS:
            return None
        lst = self.section(active)
        i = lst.highlighted
        return lst.items[i] if i is not None and i < len(lst.items) else None

    def mark_visible(self, start: int, end: int) -> None:
        """Only the open section is repainted; the others catch up when opened."""
        self._visible_range = (start, end)
        active = self._active()
        if active in SECTIONS:
            self.section(active).mark_visible(start, end)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        name = (event.pane.id or "").removeprefix("tab-")
        if name in SECTIONS:
            lst = self.section(name)
            rng = getattr(self, "_visible_range", None)
            if rng is not None:
                lst.mark_visible(*rng)


def partial_rows(a: Analysis, length: int) -> list[tuple[Text, Item | None]]:
    """A first row in every list when the analysis covers only part of the article."""
    from tui.widgets.status_line import coverage

    part = coverage(a, length)
    if part is None:
        return []
    return [(Text(f"⚠ analysed the {part} of the article only: what follows is not in these lists",
                  style="bold"), None)]


def _more(n: int) -> tuple[Text, None]:
    return Text(f"… {n} more not listed", style="italic dim"), None


def entity_item(e: Entity) -> Item:
    return Item("entities", e.id, tuple((m.start, m.end) for m in e.mentions))


def entity_rows(a: Analysis, document_warnings: tuple[Notice, ...] = ()) -> list[tuple[Text, Item | None]]:
    rows: list[tuple[Text, Item | None]] = []
    for w in document_warnings + a.warnings:
        if w.kind in ("bidi_controls", "invisible_characters", "hidden_tag_text", "control_characters_removed",
                      "truncated_input", "invalid_bytes", "legacy_encoding", "empty"):
            rows.append((Text(f"⚠ {_clip(w.message, 120)}", style="bold"), None))
    groups: dict[str, list] = {}
    for e in a.entities:
        title = next((t for lab, t in LABEL_GROUPS if lab == e.label), "Other")
        groups.setdefault(title, []).append(e)
    shown = 0
    for title in ("People", "Organisations", "Places", "Groups", "Other"):
        ents = sorted(groups.get(title, []), key=lambda e: (-len(e.mentions), e.name))
        if not ents:
            continue
        rows.append((Text(f"{title} ({len(ents)})", style="bold underline"), None))
        for e in ents:
            if shown >= MAX_ITEMS:
                break
            shown += 1
            t = Text(_clip(e.name, 40))
            t.append(f"  ×{len(e.mentions)}", style="dim")
            kinds = {w.kind for w in e.warnings}
            if "name_variant" in kinds:
                text_at = {m.start: m.text for m in e.mentions}
                forms = dict.fromkeys(" ".join(text_at.get(w.start, "").split())
                                      for w in e.warnings if w.kind == "name_variant")
                t.append("  ⚠ variant: " + ", ".join(_clip(x, 30) for x in list(forms)[:2]), style="bold")
            if "mixed_script" in kinds:
                t.append("  ⚠ mixed script", style="bold")
            rows.append((t, entity_item(e)))
    if len(a.entities) > shown:
        rows.append(_more(len(a.entities) - shown))
    return rows


def _verdict(t: Text, r: ItemReview) -> None:
    """A verdict as a sign and a word: readable without colour."""
    if r.status != "unreviewed":
        t.append(f" {SIGNS[r.status]} {LABELS[r.status]} ", style="bold reverse")
        t.append(" ")


def _note(t: Text, r: ItemReview) -> None:
    if r.note:
        t.append(f"\n  ✎ {_clip(r.note, 110)}", style="italic")




def quote_rows(a: Analysis, review: ReviewOf = _no_review) -> list[tuple[Text, Item | None]]:
    rows: list[tuple[Text, Item | None]] = []
    for q in a.quotes[:MAX_ITEMS]:
        who = q.speaker.name if q.speaker else "unattributed claim"
        t = Text()
        if q.parent:  # "X told Y that Z said ...": Z's statement sits inside X's
            t.append("  ↳ ", style="dim")
        t.append(_clip(who, 34), style="bold")
        if q.cue is not None:  # no cue: nothing to say there (not "Trump — —")
            t.append(" — ")
            t.append(_clip(q.cue.text, 20), style="italic")
        t.append(f"  {QuoteKind(q.kind).tag}", style="dim")
        if q.parent:
            t.append(f" · inside {q.parent}", style="dim")
        t.append("\n  ")
        _verdict(t, review("quote", q.id))
        t.append(_clip(q.text, 110))
        _note(t, review("quote", q.id))
        spans = [(q.start, q.end)] + ([(q.speaker.start, q.speaker.end)] if q.speaker else [])
        rows.append((t, Item("quotes", q.id, tuple(spans))))
    if len(a.quotes) > MAX_ITEMS:
        rows.append(_more(len(a.quotes) - MAX_ITEMS))
    return rows


def source_rows(a: Analysis) -> list[tuple[Text, Item | None]]:
    quotes = {q.id: q for q in a.quotes}
    named = sum(s.named for s in a.sources)
    anon = sum(s.anonymous for s in a.sources)
    other = len(a.sources) - named - anon  # groups, documents, unnamed roles
    head = Text(f"{named} named · {anon} anonymous{f' · {other} other' if other else ''} · "
                f"{a.anonymous_share():.0%} of quotes anonymous", style="bold")
    rows: list[tuple[Text, Item | None]] = [(head, None)]
    ents = a.entity_by_id()
    for s in sorted(a.sources, key=lambda s: (-len(s.quotes), s.name))[:MAX_ITEMS]:
        t = Text()
        t.append("◆ " if s.named else "◇ ", style="bold")
        t.append(_clip(s.name, 40), style="bold")
        if s.description:
            t.append(f" ({_clip(s.description, 30)})", style="italic")
        n = len(s.quotes)
        t.append(f"\n  {' · '.join(s.kind_words())} · {n} quote{'s' if n != 1 else ''}",
                 style="dim")
        speakers = [quotes[q].speaker for q in s.quotes if q in quotes]
        spans = [(sp.start, sp.end) for sp in speakers if sp is not None]
        if s.entity and s.entity in ents:
            spans += [(m.start, m.end) for m in ents[s.entity].mentions]
        rows.append((t, Item("sources", s.id, tuple(sorted(set(spans))))))
    if len(a.sources) > MAX_ITEMS:
        rows.append(_more(len(a.sources) - MAX_ITEMS))
    return rows


def claim_rows(a: Analysis, review: ReviewOf = _no_review, orphans: list[Text] | None = None,
               kind: str | None = None) -> list[tuple[Text, Item | None]]:
    """The listed claims in text order; ``kind`` keeps only claims of that kind."""
    rows: list[tuple[Text, Item | None]] = [(t, None) for t in orphans or []]
    if a.claims:
        done = sum(review("claim", c.id).status != "unreviewed" for c in a.claims)
        rows.append((Text(f"{done}/{len(a.claims)} reviewed · r opens the review queue", style="dim"), None))
    shown = [c for c in a.claims if kind is None or c.kind == kind]
    if a.claims:
        what = f"{KIND_WORDS.get(kind, kind)}: {len(shown)} of {len(a.claims)}" if kind else "all kinds"
        rows.append((Text(f"filter {what} · f cycles", style="dim"), None))
    for c in shown[:MAX_ITEMS]:
        t = Text()
        t.append(f"{c.score:.2f} {_bar(c.score)} ", style="bold")
        t.append(KIND_WORDS.get(c.kind, c.kind), style="bold")
        why = [r for r in c.reasons if r != KIND_REASON.get(c.kind)]
        t.append(" · " + (" · ".join(why) or "—"), style="dim")
        t.append("\n  ")
        r = review("claim", c.id)
        _verdict(t, r)
        t.append(_clip(c.text, 110))
        _note(t, r)
        rows.append((t, Item("claims", c.id, ((c.start, c.end),))))
    if len(shown) > MAX_ITEMS:
        rows.append(_more(len(shown) - MAX_ITEMS))
    return rows


def _bar(score: float, width: int = 5) -> str:
    """The score in eighths of a cell, so 0.62 and 0.70 look different."""
    eighths = round(max(0.0, min(1.0, score)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + " ▏▎▍▌▋▊▉"[part].strip()).ljust(width)
