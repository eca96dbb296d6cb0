"""The reader's fact-checks: once the analysis is complete, its claims are matched against the
library's fact-checks (a worker asks the Desk; the first paint never waits for it); a claim
with a confident match carries a badge in the Claims list and the review queue ("checked
before: Snopes — False, 2021"), and ``F`` shows the current claim's matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from analyzers.store.review.marks import ItemKind
from tui.context import context
from tui.state.factchecks import ClaimChecks, queries

if TYPE_CHECKING:
    from analyzers.model import Analysis
    from tui.screens.reader_parts import ReaderParts as _Host
else:
    _Host = object


class FactchecksFound(Message):
    def __init__(self, analysis: Analysis, checks: ClaimChecks) -> None:
        self.analysis, self.checks = analysis, checks
        super().__init__()


class FactcheckActions(_Host):
    """Mixed into ReaderScreen (see reader_parts for what it uses of it)."""

    def _init_factchecks(self) -> None:
        self.claim_checks = ClaimChecks()
        self._checks_for: Analysis | None = None

    def check_claims(self, a: Analysis) -> None:
        """Match a complete analysis's claims (once per analysis)."""
        if a.complete and a.claims and a is not self._checks_for:
            self._checks_for = a
            self.claim_checks = ClaimChecks(state="matching")
            self._match_claims(a)

    @work(thread=True, exclusive=True, group="factchecks")
    def _match_claims(self, a: Analysis) -> None:
        from analyzers.rules.factcheck_match import Query
        from analyzers.store.desk import DeskError

        ctx = context(self)
        desk = ctx.desk
        try:
            if not desk.factcheck_count():
                self.post_message(FactchecksFound(a, ClaimChecks(state="none")))
                return
            # No article date: a date far from the fact-check's costs more than a near one gains
            # (training/factchecks/README.md); the model was trained to do without.
            found = desk.match_claims([Query(i, text) for i, text in queries(a.claims)], use_dates=False,
                                      keep_index=not ctx.policy.served)  # serve reads, never writes
        except DeskError:
            found = []
        self.post_message(FactchecksFound(a, ClaimChecks({m.id: m for m in found}, "done")))

    def on_factchecks_found(self, message: FactchecksFound) -> None:
        if message.analysis is not self._checks_for:
            return  # an older analysis's claims
        self.claim_checks = message.checks
        if message.checks.state == "done" and self.chrome_ready:
            self.sidebar.update_factchecks(message.checks.badge)
            n = message.checks.count()
            if n:
                self.status.say(f"{n} claim{'s' if n != 1 else ''} checked before · F shows the fact-checks",
                                ItemKind.CLAIM.section)

    def action_factchecks(self) -> None:
        from tui.screens.factcheck_matches import FactcheckScreen

        target = self._target()
        claims = {c.id: c for c in self.analysis.claims} if self.analysis is not None else {}
        if target is None or target[0] != ItemKind.CLAIM.section or target[1] not in claims:
            self.status.say("no claim selected (] first, or a claim in the sidebar's Claims)")
            return
        claim_id = target[1]
        self.app.push_screen(FactcheckScreen(claims[claim_id].text, self.claim_checks.of(claim_id),
                                             self.claim_checks.why_none(claim_id)))
