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
from analyzers.store.review.session import ItemReview
from tui.actions import QUEUE, bindings
from tui.state.factchecks import ClaimChecks
from tui.widgets.key_bar import KeyBar
from tui.widgets.section_rows import clock, who

if TYPE_CHECKING:
    from tui.state.review_session import ReviewSession

EditNote = Callable[..., None]

CONTEXT_CHARS = 600

# the queue's filters (f): a name and whether a claim's review passes it for the account at the keys
QUEUE_FILTERS: tuple[tuple[str, Callable[[ItemReview, str], bool]], ...] = (
    ("all", lambda r, me: True),
    ("mine", lambda r, me: r.assigned_to == me),
    ("unassigned", lambda r, me: not r.assigned_to),
)


class ReviewQueueScreen(Screen[str | None]):
    """Dismisses with the id of a claim to show in the reader (Enter), or None."""

    ACTIONS = QUEUE
    BINDINGS: ClassVar[list[BindingType]] = bindings(QUEUE)
    DEFAULT_CSS = """
    ReviewQueueScreen #queue-progress { height: 1; background: $panel; padding: 0 1; text-style: bold; }
    ReviewQueueScreen #queue-body { height: 1fr; padding: 1 2; }
    ReviewQueueScreen .queue-block { height: auto; margin-bottom: 1; }
    ReviewQueueScreen #queue-claim { border-left: thick $accent; padding-left: 1; text-style: bold; }
    ReviewQueueScreen #queue-context { color: $text-muted; }
    """

    def __init__(self, session: ReviewSession, edit_note: EditNote,
                 checks: Callable[[], ClaimChecks] | None = None) -> None:
        from analyzers.io.account import account

        super().__init__()
        self.session = session
        self.edit_note = edit_note
        self.me = account()
        self.checks = checks or ClaimChecks   # the claims' earlier fact-checks, as the reader has them
        self.only_checked = False               # b: only the claims checked before
        analysis = session.analysis
        self.by_score: list[Claim] = sorted(analysis.claims, key=lambda c: -c.score) if analysis else []
        self.filter = 0
        self.claims: list[Claim] = list(self.by_score)
        self.index = self._next_unreviewed(-1) if self.claims else -1

    def compose(self) -> ComposeResult:
        yield Static(id="queue-progress")
        with VerticalScroll(id="queue-body"):
            yield Static(id="queue-head", classes="queue-block")
            yield Static(id="queue-claim", classes="queue-block")
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
        name = QUEUE_FILTERS[self.filter][0]
        if name != "all":
            progress.append(f" · {name} ({n} of {len(self.by_score)}; f: next filter)")
        if self.only_checked:
            progress.append(" · checked before only (b: all)")
        self.query_one("#queue-progress", Static).update(progress)
        if not n:
            empty = "No check-worthy claims in this article (yet)." if not self.by_score else \
                f"No {name} claims here (f: next filter)."
            self.query_one("#queue-head", Static).update(Text(empty))
            for name in ("#queue-claim", "#queue-context", "#queue-details"):
                self.query_one(name, Static).update("")
            return
        c = self.claims[self.index]
        review = self.session.of("claim", c.id)
        head = Text()
        head.append(f"Score {c.score:.2f}", style="bold")
        head.append("  " + (" · ".join(c.reasons) or "no reasons"), style="dim")
        if review.status != "unreviewed":
            head.append(f"   {SIGNS[review.status]} {LABELS[review.status]} ", style="bold reverse")
            if review.contested:
                head.append(" between " + " and ".join(
                    f"{who(d.by)} ({SIGNS[d.status]} {LABELS[d.status]})" for d in review.views
                    if d.status != "unreviewed"), style="dim")
            elif review.by and len({d.by for d in review.history}) > 1:
                head.append(f" — {who(review.by)}, {clock(review.updated)}", style="dim")
        if review.assigned_to:
            head.append(f"   → {who(review.assigned_to)}", style="dim")
        checked = self.checks().badge(c.id)
        if checked:
            head.append(f"\n⚑ {checked}  (F: the fact-checks)", style="bold")
        self.query_one("#queue-head", Static).update(head)
        self.query_one("#queue-claim", Static).update(Text(" ".join(c.text.split())))
        self.query_one("#queue-context", Static).update(self._in_context(c))
        self.query_one("#queue-details", Static).update(self._details(c, review))

    def _in_context(self, c: Claim) -> Text:
        """The claim's paragraph, as context under the claim: the claim in reverse video."""
        doc = self.session.document
        block = next((b for b in doc.blocks if b.start <= c.start < max(b.end, b.start + 1)), None)
        lo, hi = (block.start, block.end) if block else (c.start, c.end)
        a, b = max(lo, c.start - CONTEXT_CHARS), min(hi, c.end + CONTEXT_CHARS)
        t = Text("In its paragraph: ", style="italic")
        t.append("…" if a > lo else "")
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
    def action_filter(self) -> None:
        """All claims → those assigned to me → those assigned to nobody → all."""
        self.filter = (self.filter + 1) % len(QUEUE_FILTERS)
        self._refilter()

    def _refilter(self) -> None:
        """The claims both filters keep (f: whose; b: checked before or not), by score."""
        keep = QUEUE_FILTERS[self.filter][1]
        checks = self.checks()
        self.claims = [c for c in self.by_score if keep(self.session.of("claim", c.id), self.me)
                       and (not self.only_checked or checks.checked(c.id))]
        self.index = self._next_unreviewed(-1) if self.claims else -1
        self.render_claim()

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
        checks = self.checks()
        if not self.only_checked and not any(checks.checked(c.id) for c in self.by_score):
            self.notify("no claim of this article was checked before"
                        + ("" if checks.state == "done" else f" ({checks.why_none('')})"))
            return
        self.only_checked = not self.only_checked
        self._refilter()
