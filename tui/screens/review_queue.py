"""The review queue: the claims by score, highest first, each in context with its source and
quote. v/x/u mark and move on to the next unreviewed claim."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from analyzers.model import Claim
from analyzers.review.session import LABELS, SIGNS

if TYPE_CHECKING:
    from tui.screens.reader import ReaderScreen

CONTEXT_CHARS = 600


class ReviewQueueScreen(Screen[str | None]):
    """Dismisses with the id of a claim to show in the reader (Enter), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "mark('verified')", "verified"),
        Binding("x", "mark('disputed')", "disputed"),
        Binding("u", "mark('needs_source')", "needs source"),
        Binding("c", "mark('unreviewed')", "clear"),
        Binding("a", "note", "note"),
        Binding("j,down,n", "move(1)", "next claim"),
        Binding("k,up,p", "move(-1)", "previous claim"),
        Binding("enter", "open", "show in article"),
        Binding("escape,r,q", "close", "back"),
    ]
    DEFAULT_CSS = """
    ReviewQueueScreen #queue-progress { height: 1; background: $panel; padding: 0 1; text-style: bold; }
    ReviewQueueScreen #queue-body { height: 1fr; padding: 1 2; }
    ReviewQueueScreen .queue-block { height: auto; margin-bottom: 1; }
    ReviewQueueScreen #queue-context { border-left: thick $accent; padding-left: 1; }
    """

    def __init__(self, reader: ReaderScreen) -> None:
        super().__init__()
        self.reader = reader
        analysis = reader.analysis
        self.claims: list[Claim] = sorted(analysis.claims, key=lambda c: -c.score) if analysis else []
        self.index = self._next_unreviewed(-1) if self.claims else -1

    def compose(self) -> ComposeResult:
        yield Static(id="queue-progress")
        with VerticalScroll(id="queue-body"):
            yield Static(id="queue-head", classes="queue-block")
            yield Static(id="queue-context", classes="queue-block")
            yield Static(id="queue-details", classes="queue-block")
        yield Footer()

    def on_mount(self) -> None:
        self.render_claim()

    # -- state --------------------------------------------------------------------------------
    def _status(self, c: Claim) -> str:
        review = self.reader.review
        return review.of("claim", c.id).status if review else "unreviewed"

    def _next_unreviewed(self, after: int) -> int:
        n = len(self.claims)
        for step in range(1, n + 1):
            i = (after + step) % n
            if self._status(self.claims[i]) == "unreviewed":
                return i
        return max(0, after) if n else -1

    def reviewed(self) -> int:
        return sum(self._status(c) != "unreviewed" for c in self.claims)

    # -- drawing ------------------------------------------------------------------------------
    def render_claim(self) -> None:
        n = len(self.claims)
        progress = Text(f"Review queue · {self.reviewed()}/{n} reviewed")
        if n:
            progress.append(f" · claim {self.index + 1} of {n} by score")
        self.query_one("#queue-progress", Static).update(progress)
        if not n:
            self.query_one("#queue-head", Static).update(Text("No check-worthy claims in this article (yet)."))
            for name in ("#queue-context", "#queue-details"):
                self.query_one(name, Static).update("")
            return
        c = self.claims[self.index]
        review = self.reader.review.of("claim", c.id) if self.reader.review else None
        head = Text()
        head.append(f"Score {c.score:.2f}", style="bold")
        head.append("  " + (" · ".join(c.reasons) or "no reasons"), style="dim")
        if review is not None and review.status != "unreviewed":
            head.append(f"   {SIGNS[review.status]} {LABELS[review.status]} ", style="bold reverse")
        self.query_one("#queue-head", Static).update(head)
        self.query_one("#queue-context", Static).update(self._in_context(c))
        self.query_one("#queue-details", Static).update(self._details(c, review))

    def _in_context(self, c: Claim) -> Text:
        """The claim inside its paragraph, the claim itself in reverse video."""
        doc = self.reader.document
        block = next((b for b in doc.blocks if b.start <= c.start < max(b.end, b.start + 1)), None)
        lo, hi = (block.start, block.end) if block else (c.start, c.end)
        a, b = max(lo, c.start - CONTEXT_CHARS), min(hi, c.end + CONTEXT_CHARS)
        t = Text("…" if a > lo else "")
        t.append(doc.text[a:c.start])
        t.append(doc.text[c.start:c.end], style="reverse")
        t.append(doc.text[c.end:b] + ("…" if b < hi else ""))
        return t

    def _details(self, c: Claim, review: object) -> Text:
        a = self.reader.analysis
        t = Text()
        if a is not None:
            source = a.source_by_id().get(c.source or "")
            quote = next((q for q in a.quotes if q.id == c.quote), None)
            t.append("Source: ", style="bold")
            if source is None:
                t.append("none found in the text", style="italic")
            else:
                t.append(source.name)
                t.append(f" ({', '.join(source.kind_words())}, "
                         f"{len(source.quotes)} quote{'s' if len(source.quotes) != 1 else ''})", style="dim")
            if quote is not None:
                t.append("\nQuote: ", style="bold")
                t.append(f"{quote.speaker.name if quote.speaker else 'unattributed'} — "
                         f"{quote.cue.text if quote.cue else '—'} ({quote.kind}): ")
                t.append(" ".join(quote.text.split())[:400], style="italic")
        note = getattr(review, "note", None)
        t.append("\nNote: ", style="bold")
        t.append(note if note else "— (a adds one)")
        t.append("\n\nv verified · x disputed · u needs a source · c clear · a note · j/k move · "
                 "enter show in article · escape back", style="dim")
        return t

    # -- actions ------------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if self.claims:
            self.index = (self.index + step) % len(self.claims)
            self.render_claim()

    def action_mark(self, status: str) -> None:
        if not self.claims:
            return
        c = self.claims[self.index]
        if self.reader.apply_review("claims", c.id, status=status) is None:
            return
        if status != "unreviewed":
            if self.reviewed() == len(self.claims):
                self.notify(f"All {len(self.claims)} claims reviewed.", markup=False)
            else:
                self.index = self._next_unreviewed(self.index)
        self.render_claim()

    def action_note(self) -> None:
        if not self.claims:
            return
        c = self.claims[self.index]

        def done(note: str | None) -> None:
            if note is not None:
                self.reader.apply_review("claims", c.id, note=note, set_note=True)
            self.render_claim()

        self.reader.edit_note("claims", c.id, done)

    def action_open(self) -> None:
        self.dismiss(self.claims[self.index].id if self.claims else None)

    def action_close(self) -> None:
        self.dismiss(None)
