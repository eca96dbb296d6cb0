"""What the reader knows of its claims' earlier fact-checks: each claim's matches (asked of the
Desk off the screen's thread once the analysis is complete), the badge a claim carries when it
was checked before, and the lines the matches screen shows. Plain Python."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from analyzers.ingest.sanitize import display
from analyzers.model import Claim

if TYPE_CHECKING:  # the fact-check store is loaded when claims are matched, after the first paint
    from analyzers.store.library.factchecks import ClaimMatches, Match


def fact_checker(m: Match) -> str:
    """Who published it: the publisher, else the review's host."""
    return m.review.publisher or urlsplit(m.review.url).hostname or "a fact-checker"


def verdict(m: Match) -> str:
    """'Snopes — False, 2021': who, what they concluded, the year."""
    r = m.review
    said = fact_checker(m) + (f" — {r.rating}" if r.rating else "")
    return display(said + (f", {r.date_published[:4]}" if r.date_published else ""), limit=80)


def badge(m: ClaimMatches | None) -> str | None:
    """'checked before: Snopes — False, 2021' for a claim with a confident match, else None."""
    if m is None or not m.checked_before or not m.matches:
        return None
    return f"checked before: {verdict(m.matches[0])}"


@dataclass(frozen=True)
class ClaimChecks:
    """The claims' matches. ``state``: 'idle' (nothing asked yet), 'matching', 'done', or 'none'
    (the library holds no fact-checks)."""

    by_claim: Mapping[str, ClaimMatches] = field(default_factory=dict)
    state: str = "idle"

    def of(self, claim_id: str) -> ClaimMatches | None:
        return self.by_claim.get(claim_id)

    def badge(self, claim_id: str) -> str | None:
        return badge(self.by_claim.get(claim_id))

    def checked(self, claim_id: str) -> bool:
        return self.badge(claim_id) is not None

    def count(self) -> int:
        return sum(m.checked_before for m in self.by_claim.values())

    def why_none(self, claim_id: str) -> str:
        """What to say when a claim has no matches to show."""
        if self.state == "none":
            return "no fact-checks in the library ('copydesk factchecks import FILE|URL')"
        if self.state in ("idle", "matching"):
            return "still matching the claims against the fact-checks…"
        return "no fact-check in the library matches this claim"


def queries(claims: Sequence[Claim]) -> list[tuple[str, str]]:
    """(id, text) of each claim to match."""
    return [(c.id, c.text) for c in claims]


__all__ = ["ClaimChecks", "badge", "fact_checker", "queries", "verdict"]
