"""``F``: a claim's earlier fact-checks — who published each, their rating, date and address,
and how sure the matcher is; the first is marked when the claim was "checked before"."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from analyzers.ingest.sanitize import display
from analyzers.store.library.factchecks import ClaimMatches
from tui.actions import FACTCHECKS, bindings
from tui.state.factchecks import verdict
from tui.widgets.key_bar import KeyBar

SHOWN = 10


def matches_view(claim: str, m: ClaimMatches | None, why_none: str) -> list[Text]:
    """The screen's paragraphs: the claim, the verdict, then each match (a heading line and its
    body, which the screen indents)."""
    head = Text()
    head.append("Checked before?  ", style="bold")
    head.append(display(" ".join(claim.split()), limit=300), style="italic")
    out = [head]
    if m is None or not m.matches:
        return [*out, Text(why_none, style="dim")]
    if m.checked_before:
        out.append(Text(f"✓ checked before (confidence {m.confidence:.2f})", style="bold reverse"))
    else:
        out.append(Text(f"not checked before, as far as the fact-checks here go (confidence {m.confidence:.2f}); "
                        "the closest:", style="dim"))
    for i, x in enumerate(m.matches[:SHOWN], 1):
        r = x.review
        line = Text()
        line.append(f"{i}. ", style="bold")
        line.append(verdict(x), style="bold" if x.confident else "")
        line.append(f"   score {x.score:.2f}", style="dim")
        if x.confident:
            line.append("  ✓ this one", style="bold reverse")
        body = Text(display(r.claim_reviewed, limit=400))
        who = [f"claimed by {r.claimant}" if r.claimant else "", f"on {r.claim_date}" if r.claim_date else "",
               f"reviewed {r.date_published}" if r.date_published else ""]
        if any(who):
            body.append("\n" + display(" · ".join(w for w in who if w), limit=200), style="dim")
        body.append("\n")
        body.append(display(r.url, limit=300), style="underline")
        out += [line, body]
    return out


class FactcheckScreen(ModalScreen[None]):
    ACTIONS = FACTCHECKS
    BINDINGS: ClassVar[list[BindingType]] = bindings(FACTCHECKS)
    DEFAULT_CSS = """
    FactcheckScreen { align: center middle; }
    FactcheckScreen > VerticalScroll { width: 100; max-width: 95%; height: auto; max-height: 85%;
        border: round $accent; background: $surface; padding: 0 1; }
    FactcheckScreen .-top { margin-bottom: 1; }
    FactcheckScreen .-head { margin-top: 1; }
    FactcheckScreen .-body { padding-left: 4; }
    """

    def __init__(self, claim: str, matches: ClaimMatches | None, why_none: str = "") -> None:
        super().__init__()
        self.parts = matches_view(claim, matches, why_none)
        self.text = "\n".join(p.plain for p in self.parts)   # what it says, as plain text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="factchecks-body"):
            for n, part in enumerate(self.parts):
                body = n >= 2 and n % 2 == 1   # a match's body, under its heading
                yield Static(part, classes="-body" if body else "-head" if n >= 2 else "-top")
        yield KeyBar(FACTCHECKS)

    def action_line(self, step: int) -> None:
        self.query_one("#factchecks-body", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(FACTCHECKS))

    def action_close(self) -> None:
        self.dismiss(None)
