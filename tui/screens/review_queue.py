"""The review queue: the claims by score, highest first, each in context with its source and
quote. v/x/u mark and move on to the next unreviewed claim."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from analyzers.model import Claim
from analyzers.store.review.marks import LABELS, PENDING, SIGNS, ItemKind
from tui.actions import QUEUE, bindings
from tui.state.factchecks import ClaimChecks
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from analyzers.store.review.session import ItemReview
    from tui.state.review_session import ReviewSession

EditNote = Callable[..., None]

CONTEXT_CHARS = 600


class ReviewQueueScreen(Screen[str | None]):
    """Dismisses with the id of a claim to show in the reader (Enter), or None."""

    ACTIONS = QUEUE
    BINDINGS: ClassVar[list[BindingType]] = bindings(QUEUE)
    DEFAULT_CSS = """
    ReviewQueueScreen #queue-progress { height: 1; background: $panel; padding: 0 1; text-style: bold; }
    ReviewQueueScreen #queue-body { height: 1fr; padding: 1 2; }
    ReviewQueueScreen .queue-block { height: auto; margin-bottom: 1; }
    ReviewQueueScreen #queue-context { border-left: thick $accent; padding-left: 1; }
    """

    def __init__(self, session: ReviewSession, edit_note: EditNote,
                 checks: Callable[[], ClaimChecks] | None = None) -> None:
        super().__init__()
        self.session = session
        self.edit_note = edit_note
        self.checks = checks or ClaimChecks   # the claims' earlier fact-checks, as the reader has them
        self.only_checked = False               # b: only the claims checked before
        analysis = session.analysis
        self.claims: list[Claim] = sorted(analysis.claims, key=lambda c: -c.score) if analysis else []
        self.index = self._next_unreviewed(-1) if self.claims else -1

    def compose(self) -> ComposeResult:
        yield Static(id="queue-progress")
        with VerticalScroll(id="queue-body"):
            yield Static(id="queue-head", classes="queue-block")
            yield Static(id="queue-context", classes="queue-block")
            yield Static(id="queue-details", classes="queue-block")
        yield KeyBar(QUEUE)

    def on_mount(self) -> None:
        self.render_claim()

    # -- state --------------------------------------------------------------------------------
    def _status(self, c: Claim) -> str:
        return self.session.of("claim", c.id).status

    def _next_unreviewed(self, after: int) -> int:
        n = len(self.claims)
        for step in range(1, n + 1):
            i = (after + step) % n
            if self._status(self.claims[i]) == "unreviewed":
                return i
        return max(0, after) if n else -1

    def reviewed(self) -> int:
        return sum(self._status(c) not in ("unreviewed", PENDING) for c in self.claims)

    # -- drawing ------------------------------------------------------------------------------
    def render_claim(self) -> None:
        n = len(self.claims)
        progress = Text(f"Review queue · {self.reviewed()}/{n} reviewed")
        if n:
            progress.append(f" · claim {self.index + 1} of {n} by score")
        if self.only_checked:
            progress.append(" · checked before only (b: all)")
        self.query_one("#queue-progress", Static).update(progress)
        if not n:
            self.query_one("#queue-head", Static).update(Text("No check-worthy claims in this article (yet)."))
            for name in ("#queue-context", "#queue-details"):
                self.query_one(name, Static).update("")
            return
        c = self.claims[self.index]
        review = self.session.of("claim", c.id)
        head = Text()
        head.append(f"Score {c.score:.2f}", style="bold")
        head.append("  " + (" · ".join(c.reasons) or "no reasons"), style="dim")
        if review.status != "unreviewed":
            head.append(f"   {SIGNS[review.status]} {LABELS[review.status]} ", style="bold reverse")
        checked = self.checks().badge(c.id)
        if checked:
            head.append(f"\n⚑ {checked}  (F: the fact-checks)", style="bold")
        self.query_one("#queue-head", Static).update(head)
        self.query_one("#queue-context", Static).update(self._in_context(c))
        self.query_one("#queue-details", Static).update(self._details(c, review))

    def _in_context(self, c: Claim) -> Text:
        """The claim inside its paragraph, the claim itself in reverse video."""
        doc = self.session.document
        block = next((b for b in doc.blocks if b.start <= c.start < max(b.end, b.start + 1)), None)
        lo, hi = (block.start, block.end) if block else (c.start, c.end)
        a, b = max(lo, c.start - CONTEXT_CHARS), min(hi, c.end + CONTEXT_CHARS)
        t = Text("…" if a > lo else "")
        t.append(doc.text[a:c.start])
        t.append(doc.text[c.start:c.end], style="reverse")
        t.append(doc.text[c.end:b] + ("…" if b < hi else ""))
        return t

    def _details(self, c: Claim, review: ItemReview) -> Text:
        a = self.session.analysis
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
        note = review.note
        t.append("\nNote: ", style="bold")
        t.append(note if note else "— (a adds one)")
        return t

    # -- actions ------------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if self.claims:
            self.index = (self.index + step) % len(self.claims)
            self.render_claim()

    def action_mark(self, status: str) -> None:
        """Mark this claim; once the mark is stored, move on to the next unreviewed one."""
        if not self.claims:
            return
        c = self.claims[self.index]

        def done(_: ItemReview) -> None:
            if status != "unreviewed" and self.claims[self.index] is c:
                if self.reviewed() == len(self.claims):
                    self.notify(f"All {len(self.claims)} claims reviewed.")
                else:
                    self.index = self._next_unreviewed(self.index)
            self.render_claim()

        def failed(problem: str) -> None:
            self.notify(f"not saved: {problem}", severity="error", timeout=10)
            self.render_claim()

        self.session.set(ItemKind.CLAIM.section, c.id, status=status, done=done, failed=failed)
        self.render_claim()

    def action_note(self) -> None:
        if self.claims:
            self.edit_note(ItemKind.CLAIM.section, self.claims[self.index].id, lambda note: self.render_claim())

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(QUEUE))

    def action_open(self) -> None:
        self.dismiss(self.claims[self.index].id if self.claims else None)

    def action_close(self) -> None:
        self.dismiss(None)

    # -- fact-checks ----------------------------------------------------------------------------
    def action_factchecks(self) -> None:
        from tui.screens.factcheck_matches import FactcheckScreen

        if self.claims:
            c = self.claims[self.index]
            checks = self.checks()
            self.app.push_screen(FactcheckScreen(c.text, checks.of(c.id), checks.why_none(c.id)))

    def action_checked_before(self) -> None:
        """Only the claims checked before, or all of them again."""
        analysis = self.session.analysis
        every = sorted(analysis.claims, key=lambda c: -c.score) if analysis else []
        checks = self.checks()
        shown = every if self.only_checked else [c for c in every if checks.checked(c.id)]
        if not self.only_checked and not shown:
            self.notify("no claim of this article was checked before"
                        + ("" if checks.state == "done" else f" ({checks.why_none('')})"))
            return
        self.only_checked = not self.only_checked
        self.claims = shown
        self.index = self._next_unreviewed(-1) if shown else -1
        self.render_claim()
